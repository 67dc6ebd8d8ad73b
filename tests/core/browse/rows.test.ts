import { describe, expect, it } from "vitest";
import { browse } from "../../../src/core/browse/browse";
import { BrowserCache } from "../../../src/core/browse/browser-cache";
import { entryKey } from "../../../src/core/browse/rows";
import { build, entries, FILES, lineOf, state, titles, W1, W2 } from "./support/browse-fixtures";

describe("entry rows", () => {
	it("keys entries by digest path and line, stable across re-indexing of other digests", () => {
		const index = build();
		const cache = new BrowserCache();
		const before = entries(browse(index, state({ groupBy: "none" }), { cache }).rows);
		const lake = before.find((r) => r.entry.entry.title === "Lakehouse in an afternoon")!;
		expect(lake.key).toBe(`${W1}:${lineOf(W1, "Lakehouse")}`);
		expect(lake.entryKey).toBe(lake.key);
		expect(entryKey(lake.entry)).toBe(lake.key);
		expect(new Set(before.map((r) => r.key)).size).toBe(before.length);

		index.setNote(W2, FILES[W2]!.replace("Interview stories", "Interview stories, revised"));
		const after = entries(browse(index, state({ groupBy: "none" }), { cache }).rows);
		expect(after.map((r) => r.key)).toEqual(before.map((r) => r.key));
		expect(titles(after)).toContain("Interview stories, revised");
		// Rows of untouched digests are the same objects: a view need not redraw them.
		expect(after.find((r) => r.key === lake.key)).toBe(lake);
	});
});
