import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { browse } from "../../../src/core/browse/browse";
import { BrowserCache } from "../../../src/core/browse/browser-cache";
import type { BrowserState } from "../../../src/core/browse/browser-state";
import { entryKey } from "../../../src/core/browse/rows";
import { build, generatedIndex, lineOf, state, W1 } from "./support/browse-fixtures";

describe("row layout", () => {
	it("places rows by their kinds' heights and finds the row at an offset", () => {
		const index = build();
		const expanded = [`${W1}:${lineOf(W1, "Lakehouse")}`];
		const rows = browse(index, state({ expanded })).rows;
		const heights = { group: 30, entry: 48, problem: 40, detail: () => 100 };
		const layout = rows.layout(heights);
		const list = rows.toArray();
		expect(list.map((r) => r.kind).join(" ")).toBe("group entry entry detail group entry entry entry entry entry group entry entry");
		const want = [0];
		for (const r of list) want.push(want.at(-1)! + (r.kind === "detail" ? 100 : heights[r.kind]));
		expect(list.map((_, i) => layout.top(i)).concat(layout.height)).toEqual(want);
		expect(layout.top(list.length)).toBe(layout.height);
		// Offsets inside a row, at its top, past the end and before the start.
		expect([0, 29, 30, 77, 78, 126, 225, 226, 10_000, -5].map((y) => layout.indexAt(y))).toEqual([0, 0, 1, 1, 2, 3, 3, 4, 12, 0]);
		const empty = browse(index, state({ search: "nothing matches this" })).rows;
		expect(empty.length).toBe(0);
		expect(empty.layout(heights).height).toBe(0);
		expect(empty.layout(heights).indexAt(50)).toBe(0);
		expect(() => empty.at(0)).toThrow(RangeError);
	});
});

describe("the row list, on a generated vault", () => {
	const index = generatedIndex();
	const all = index.allEntries();
	const keyOf = (ie: (typeof all)[number]) => entryKey(ie);

	const stateArb = fc.record({
		mode: fc.constantFrom<BrowserState["mode"]>("all", "duplicates", "mentions"),
		groupBy: fc.constantFrom<BrowserState["groupBy"]>("category", "digest", "source", "tag", "none"),
		search: fc.constantFrom("", "go", "rust data", "zz-nothing"),
		recommendedOnly: fc.boolean(),
		expanded: fc.subarray(all.slice(0, 400).map(keyOf), { maxLength: 6 }),
		collapseFirst: fc.boolean(),
	});

	it("reads the same rows by index as in order, with unique keys, and lays them out by their heights", () => {
		fc.assert(
			fc.property(stateArb, ({ collapseFirst, ...change }) => {
				const cache = new BrowserCache();
				const options = { cache, activeNotePath: mentioned() };
				let result = browse(index, state(change), options);
				if (collapseFirst && result.rows.length > 0) result = browse(index, state({ ...change, collapsed: [result.rows.at(0).key] }), options);
				const rows = result.rows.toArray();
				expect(rows).toHaveLength(result.rows.length);
				rows.forEach((r, i) => expect(result.rows.at(i)).toBe(r));
				expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
				// Each header counts the entries under it; shown (not collapsed), they follow it.
				rows.forEach((r, i) => {
					if (r.kind !== "group" || r.collapsed) return;
					let n = 0;
					for (let j = i + 1; j < rows.length && rows[j]!.kind !== "group"; j++) if (rows[j]!.kind === "entry") n++;
					expect(n).toBe(r.count);
				});
				// Every expanded entry shown is followed by its commentary, when it has one.
				rows.forEach((r, i) => {
					if (r.kind === "entry" && r.expanded && r.entry.entry.commentary !== "") expect(rows[i + 1]).toMatchObject({ kind: "detail", entryKey: r.entryKey });
				});
				const heights = { group: 30, entry: 48, problem: 40, detail: (d: { entry: { entry: { line: number } } }) => 50 + (d.entry.entry.line % 7) };
				const layout = result.rows.layout(heights);
				let y = 0;
				rows.forEach((r, i) => {
					expect(layout.top(i)).toBe(y);
					expect(layout.indexAt(y)).toBe(i);
					const h = r.kind === "detail" ? heights.detail(r) : heights[r.kind];
					expect(layout.indexAt(y + h - 0.5)).toBe(i);
					y += h;
				});
				expect(layout.height).toBe(y);
			}),
			{ numRuns: 60 },
		);
	});

	function mentioned(): string | null {
		for (const ie of all) for (const l of ie.entry.links) if (l.resolved) return l.resolved;
		return null;
	}
});
