import { describe, expect, it } from "vitest";
import { plainSearch, rangesWithin } from "../../../src/core/browse/search-match";

describe("the search matcher", () => {
	it("plainSearch needs every word, any case, and reports all their occurrences in order", () => {
		const m = plainSearch("  Fleet  man ");
		expect(m("Fleet management of the fleet")).toEqual({ matches: [[0, 5], [6, 9], [24, 29]] });
		expect(m("fleet only")).toBeNull();
		expect(plainSearch("   ")("anything")).toBeNull();
	});

	it("rangesWithin clips to the title, sorts and merges", () => {
		expect(rangesWithin([[8, 12], [0, 3], [2, 5], [10, 40], [50, 60]], 20)).toEqual([[0, 5], [8, 20]]);
		expect(rangesWithin([[30, 40]], 20)).toEqual([]);
	});
});
