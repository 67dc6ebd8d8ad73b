import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { deleteEntry, insertEntry, moveEntry, renumberEntries, toggleRecommended, type EditContext, type EditResult } from "../../../src/core/edit/entry-edits";
import { planNewDigest } from "../../../src/core/edit/new-digest";
import { parseWithSeries } from "../../../src/core/format/parser";
import { completeSeries } from "../../../src/core/format/series";

const ctx: EditContext = { parseYaml, series: completeSeries({ name: "Lists", tag: "", folder: "Lists", entryStyle: "list", collection: true, categoryLevel: 2 }) };
const PATH = "Lists/Databases.md";
const ok = (r: EditResult): string => {
	if (!r.ok) throw new Error(r.reason);
	return r.text;
};
const read = (text: string) => parseWithSeries(text, PATH, ctx.series, parseYaml);

const NOTE = [
	"# Databases",
	"",
	"## HA & Scaling",
	"",
	"- [Acme - Failover in practice](https://example.org/failover)",
	"\t- a nested note",
	"- [replica-tools](https://example.org/replicas): tools for replicas",
	"",
	"A closing paragraph.",
	"",
	"## Backups",
	"1. [First backup guide](https://example.org/b1)",
	"2. [Second backup guide](https://example.org/b2)",
	"",
].join("\n");

describe("list-style edits", () => {
	it("appends an item at the end of the category's list, before the blank line that ends it, in the list's shape", () => {
		const out = ok(insertEntry(NOTE, PATH, ctx, { category: "Databases › HA & Scaling", url: "https://example.org/new", title: "New one", source: "Blog", commentary: ["why it matters"], kinds: ["Video"] }));
		expect(out.split("\n").slice(4, 11)).toEqual([
			"- [Acme - Failover in practice](https://example.org/failover)",
			"\t- a nested note",
			"- [replica-tools](https://example.org/replicas): tools for replicas",
			"- [video] [Blog - New one](https://example.org/new)",
			"\t- why it matters",
			"",
			"A closing paragraph.",
		]);
		const added = read(out).categories[1]!.entries[2]!;
		expect(added).toMatchObject({ title: "New one", kinds: ["video"], commentary: "- why it matters", number: null });
	});

	it("numbers a new item of an ordered list one more than the largest", () => {
		const out = ok(insertEntry(NOTE, PATH, ctx, { category: "Databases › Backups", url: "https://example.org/b3", title: "Third" }));
		expect(out.endsWith("2. [Second backup guide](https://example.org/b2)\n3. [Third](https://example.org/b3)\n")).toBe(true);
	});

	it("creates a missing category under its parent heading, or the whole path at the end", () => {
		const under = ok(insertEntry(NOTE, PATH, ctx, { category: "Databases › Tuning", url: "https://example.org/t", title: "Tune" }));
		expect(read(under).categories.map((c) => c.name)).toEqual(["Databases", "Databases › HA & Scaling", "Databases › Backups", "Databases › Tuning"]);
		const fresh = ok(insertEntry(NOTE, PATH, ctx, { category: "Caching › Redis", url: "https://example.org/r", title: "Redis" }));
		expect(fresh.endsWith("b2)\n\n# Caching\n## Redis\n\n- [Redis](https://example.org/r)\n")).toBe(true);
		const tooDeep = insertEntry(NOTE, PATH, ctx, { category: "A › B › C", url: "https://example.org/r", title: "Redis" });
		expect(tooDeep.ok).toBe(false);
	});

	it("toggles the flag after the link of an item", () => {
		const on = ok(toggleRecommended(NOTE, PATH, ctx, 7));
		expect(on.split("\n")[6]).toBe("- [replica-tools](https://example.org/replicas) 🌟 **(Recommended)**: tools for replicas");
		expect(ok(toggleRecommended(on, PATH, ctx, 7))).toBe(NOTE);
	});

	it("deletes an item with its nested lines, and renumbers an ordered list", () => {
		const del = ok(deleteEntry(NOTE, PATH, ctx, 5));
		expect(del.split("\n").slice(3, 6)).toEqual(["", "- [replica-tools](https://example.org/replicas): tools for replicas", ""]);
		const first = ok(deleteEntry(NOTE, PATH, ctx, 12));
		expect(first.endsWith("## Backups\n1. [Second backup guide](https://example.org/b2)\n")).toBe(true);
	});

	it("moves an item with its nested lines into the other list's shape, both renumbered", () => {
		const out = ok(moveEntry(NOTE, PATH, ctx, 5, "Databases › Backups"));
		expect(out.endsWith("2. [Second backup guide](https://example.org/b2)\n3. [Acme - Failover in practice](https://example.org/failover)\n\t- a nested note\n")).toBe(true);
		const back = ok(moveEntry(NOTE, PATH, ctx, 12, "Databases › HA & Scaling"));
		const d = read(back);
		expect(d.categories[1]!.entries.map((e) => [e.title, e.number])).toEqual([["Failover in practice", null], ["replica-tools", null], ["First backup guide", null]]);
		expect(d.categories[2]!.entries.map((e) => [e.title, e.number])).toEqual([["Second backup guide", 1]]);
	});

	it("moves a bullet numbered in its link text, after its kinds, and numbers it in its new list", () => {
		const text = ["# Talks", "", "## Old", "", "- [video] [1. Acme - First talk](https://example.org/t1)", "- [video] [2. Second talk](https://example.org/t2)", "", "## New", "", "- [3. Third talk](https://example.org/t3)", ""].join("\n");
		const out = ok(moveEntry(text, PATH, ctx, 5, "Talks › New"));
		expect(out).toBe(["# Talks", "", "## Old", "", "- [video] [1. Second talk](https://example.org/t2)", "", "## New", "", "- [1. Third talk](https://example.org/t3)", "- [video] [2. Acme - First talk](https://example.org/t1)", ""].join("\n"));
	});

	it("renumbers the digits of ordered items only", () => {
		const text = NOTE.replace("2. [Second", "5. [Second");
		expect(ok(renumberEntries(text, PATH, ctx))).toBe(NOTE);
	});
});

describe("collections", () => {
	it("have no next digest", () => {
		const r = planNewDigest({ series: completeSeries({ name: "Lists", tag: "", folder: "Lists", entryStyle: "list", collection: true }), digests: [], to: { year: 2026, month: 1, day: 1 }, exists: () => false, parseYaml });
		expect(r).toEqual({ ok: false, reason: '"Lists" is a collection, which has no periods and so no next digest; add a note to its folder instead.' });
	});
});
