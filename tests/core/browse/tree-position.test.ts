import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { browse } from "../../../src/core/browse/browse";
import { BrowserCache } from "../../../src/core/browse/browser-cache";
import { BROWSER_MODES, type BrowserState } from "../../../src/core/browse/browser-state";
import type { TreePosition } from "../../../src/core/browse/row-layout";
import { entryKey, type BrowserRow } from "../../../src/core/browse/rows";
import { build, generatedIndex, lineOf, state, W1 } from "./support/browse-fixtures";

/** The tree positions of a whole list, counted the slow way: a pass over every row. */
function naivePositions(rows: readonly BrowserRow[]): TreePosition[] {
	const grouped = rows.some((r) => r.kind === "group");
	const groups = rows.filter((r) => r.kind === "group").length;
	const out: TreePosition[] = [];
	let g = 0;
	let siblings: number[] = [];
	const flush = () => {
		for (const i of siblings) out[i] = { ...out[i]!, setsize: siblings.length };
		siblings = [];
	};
	rows.forEach((r, i) => {
		if (r.kind === "group") {
			flush();
			out[i] = { level: 1, posinset: ++g, setsize: groups };
		} else if (r.kind === "detail") {
			out[i] = { level: grouped ? 3 : 2, posinset: 1, setsize: 1 };
		} else {
			siblings.push(i);
			out[i] = { level: grouped ? 2 : 1, posinset: siblings.length, setsize: 0 };
		}
	});
	flush();
	return out;
}

const positions = (rows: { length: number; position(i: number): TreePosition }) => Array.from({ length: rows.length }, (_, i) => rows.position(i));

describe("tree positions of the browser's rows", () => {
	it("numbers groups among the groups and entries within their group, skipping commentary panels", () => {
		const index = build();
		const expanded = [`${W1}:${lineOf(W1, "Lakehouse")}`];
		const rows = browse(index, state({ expanded })).rows;
		const list = rows.toArray();
		expect(list.map((r) => r.kind).join(" ")).toBe("group entry entry detail group entry entry entry entry entry group entry entry");
		const got = positions(rows).map((p) => `${p.level}:${p.posinset}/${p.setsize}`);
		expect(got).toEqual(["1:1/3", "2:1/2", "2:2/2", "3:1/1", "1:2/3", "2:1/5", "2:2/5", "2:3/5", "2:4/5", "2:5/5", "1:3/3", "2:1/2", "2:2/2"]);
		expect(rows.groupCount).toBe(3);
		expect(() => rows.position(list.length)).toThrow(RangeError);
	});

	it("puts entries at level 1 without groups, and counts a collapsed group's header alone", () => {
		const index = build();
		const flat = browse(index, state({ groupBy: "none" })).rows;
		const ps = positions(flat);
		expect(ps.every((p) => p.level === 1 && p.setsize === flat.length)).toBe(true);
		expect(ps.map((p) => p.posinset)).toEqual(Array.from({ length: flat.length }, (_, i) => i + 1));
		const first = browse(index, state()).rows.at(0).key;
		const collapsed = browse(index, state({ collapsed: [first] })).rows;
		expect(collapsed.position(0)).toEqual({ level: 1, posinset: 1, setsize: 3 });
		expect(collapsed.position(1)).toEqual({ level: 1, posinset: 2, setsize: 3 });
	});

	it("agrees with a count over the whole list in every mode and grouping of a generated vault", () => {
		const index = generatedIndex();
		const all = index.allEntries();
		const mentioned = all.flatMap((ie) => ie.entry.links.map((l) => l.resolved)).find((p) => p) ?? null;
		const arb = fc.record({
			mode: fc.constantFrom<BrowserState["mode"]>(...BROWSER_MODES),
			groupBy: fc.constantFrom<BrowserState["groupBy"]>("category", "digest", "source", "tag", "none"),
			search: fc.constantFrom("", "go", "rust data"),
			expanded: fc.subarray(all.slice(0, 300).map((ie) => entryKey(ie)), { maxLength: 8 }),
			collapseSecond: fc.boolean(),
		});
		fc.assert(
			fc.property(arb, ({ collapseSecond, ...change }) => {
				const options = { cache: new BrowserCache(), activeNotePath: mentioned };
				let rows = browse(index, state(change), options).rows;
				if (collapseSecond && rows.groupCount > 1) {
					const second = rows.toArray().filter((r) => r.kind === "group")[1]!.key;
					rows = browse(index, state({ ...change, collapsed: [second] }), options).rows;
				}
				expect(positions(rows)).toEqual(naivePositions(rows.toArray()));
			}),
			{ numRuns: 40 },
		);
	});
});
