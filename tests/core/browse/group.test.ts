import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { browse } from "../../../src/core/browse/browse";
import { BrowserCache } from "../../../src/core/browse/browser-cache";
import type { BrowserState } from "../../../src/core/browse/browser-state";
import type { GroupRow } from "../../../src/core/browse/rows";
import { parse as parseYaml } from "yaml";
import { completeSeries } from "../../../src/core/format/series";
import { DigestIndex } from "../../../src/core/index/digest-index";
import { build, entries, generatedIndex, outline, rowsOf, state, titles } from "./support/browse-fixtures";

describe("grouping", () => {
	it("groups by digest under the digests' titles, and by source with sourceless entries last", () => {
		const index = build();
		expect(outline(rowsOf(index, { groupBy: "digest" })).filter((l) => l.startsWith("##"))).toEqual([
			"## Tech roundup 15-01-2025 to 21-01-2025 (1)",
			"## Weekly Links: 08-01-2025 to 14-01-2025 (4)",
			"## Weekly Links: 01-01-2025 to 07-01-2025 (3)",
			"## Reading list (1)",
		]);
		expect(outline(rowsOf(index, { groupBy: "source" })).filter((l) => l.startsWith("##"))).toEqual([
			"## Alpha (1)",
			"## Blog (3)",
			"## CNCF (1)",
			"## Medium (3)",
			"## No source (1)",
		]);
	});

	it("puts an entry under each of its tags (once per tag whatever its case), untagged ones under No tag", () => {
		const rows = rowsOf(build(), { groupBy: "tag" });
		const groups = rows.filter((r): r is GroupRow => r.kind === "group");
		expect(groups.map((g) => `${g.label} ${g.count}`)).toEqual(["#Fleet 1", "#K8s 2", "#k8s/mesh 1", "#mesh 1", "#storage/lake 1", "#streaming 1", "No tag 4"]);
		const under = (label: string) => {
			const start = rows.findIndex((r) => r.kind === "group" && r.label === label);
			const end = rows.findIndex((r, i) => i > start && r.kind === "group");
			return titles(rows.slice(start + 1, end < 0 ? undefined : end));
		};
		expect(under("#K8s")).toEqual(["Fleet management, again", "Fleet management at scale"]);
		expect(under("#Fleet")).toEqual(["Fleet management at scale"]);
		expect(under("No tag")).toEqual(["Kubernetes operators", "Interview stories", "javascript trick", "Fleet management notes"]);
		// An entry standing under two tags has two rows with distinct keys and one entry key.
		const fleet = entries(rows).filter((r) => r.entry.entry.title === "Fleet management at scale");
		expect(fleet).toHaveLength(2);
		expect(new Set(fleet.map((r) => r.entryKey)).size).toBe(1);
		const keys = rows.map((r) => r.key);
		expect(new Set(keys).size).toBe(keys.length);
	});
});

describe("grouping, on a generated vault", () => {
	const index = generatedIndex();

	it("shows the same entries whatever the grouping", () => {
		fc.assert(
			fc.property(fc.constantFrom("", "go", "rust data"), fc.boolean(), (search, recommendedOnly) => {
				const cache = new BrowserCache();
				const shown = (groupBy: BrowserState["groupBy"]) => {
					const result = browse(index, state({ search, recommendedOnly, groupBy }), { cache });
					return { keys: entries(result.rows).map((r) => r.entryKey), matched: result.matched };
				};
				const none = shown("none");
				expect(none.keys).toHaveLength(none.matched);
				for (const g of ["category", "section", "digest", "source"] as const) {
					const other = shown(g);
					expect(other.matched).toBe(none.matched);
					expect([...other.keys].sort()).toEqual([...none.keys].sort());
				}
				// Under tags an entry stands once a tag: at least once.
				expect(new Set(shown("tag").keys)).toEqual(new Set(none.keys));
			}),
			{ numRuns: 12 },
		);
	});
});

describe("grouping by top-level section", () => {
	it("puts a list's categories under their top heading (`A › B` under A), in the order first met, a digest's under its category", () => {
		const weekly = completeSeries({ name: "Weekly", tag: "", folder: "Weekly" });
		const lists = completeSeries({ name: "Lists", tag: "", folder: "Lists", entryStyle: "list", collection: true, categoryLevel: 3 });
		const index = new DigestIndex({ parseYaml, series: [weekly, lists] });
		index.setNote("Weekly/Weekly Links 01-01-2026 to 07-01-2026.md", ["# Databases", "[1. A](https://a.example)", "# Tools", "[1. T](https://t.example)"].join("\n"));
		index.setNote("Lists/Postgres.md", ["# Databases", "## HA & Scaling", "- [B](https://b.example)", "### Patroni", "- [C](https://c.example)", "## Backups", "- [D](https://d.example)", "# Linux", "- [E](https://e.example)"].join("\n"));
		const rows = rowsOf(index, { groupBy: "section" });
		expect(outline(rows).filter((l) => l.startsWith("##"))).toEqual(["## Databases (4)", "## Tools (1)", "## Linux (1)"]);
		const start = rows.findIndex((r) => r.kind === "group" && r.label === "Databases");
		const end = rows.findIndex((r, i) => i > start && r.kind === "group");
		expect(titles(rows.slice(start + 1, end))).toEqual(["A", "B", "C", "D"]);
		// Its rows still say which section of it they are in.
		expect(entries(rows).map((r) => r.entry.category.name)).toContain("Databases › HA & Scaling › Patroni");
	});
});
