import { describe, expect, it } from "vitest";
import { browserQuery, defaultBrowserState, mergeBrowserState } from "../../../src/core/browse/browser-state";
import { state } from "./support/browse-fixtures";

describe("browserQuery", () => {
	it("says which filters are set", () => {
		expect(browserQuery(state({ series: "Weekly", category: "Data", source: "Blog", tag: "#x", recommendedOnly: true, from: "2025-01-01", to: "2025-01-31" }))).toEqual({
			series: "Weekly",
			category: "Data",
			source: "Blog",
			tag: "#x",
			recommended: true,
			from: { year: 2025, month: 1, day: 1 },
			to: { year: 2025, month: 1, day: 31 },
		});
	});
});

describe("mergeBrowserState", () => {
	it("takes the known, well-typed fields and ignores the rest", () => {
		const base = state({ category: "Data", collapsed: ["a"] });
		const merged = mergeBrowserState(base, {
			mode: "duplicates",
			search: "fleet",
			series: "Weekly",
			category: null,
			source: 42,
			tag: "",
			recommendedOnly: "yes",
			from: "2025-01-01",
			to: "2025-02-30",
			groupBy: "colour",
			collapsed: ["x", 3, "x", "y"],
			expanded: "nope",
			extra: true,
		});
		expect(merged).toEqual({ ...defaultBrowserState(), mode: "duplicates", search: "fleet", series: "Weekly", from: "2025-01-01", collapsed: ["x", "y"] });
		expect(base).toEqual(state({ category: "Data", collapsed: ["a"] }));
		for (const junk of [null, undefined, "state", 3, ["mode"]]) expect(mergeBrowserState(base, junk)).toEqual(base);
		expect(mergeBrowserState(base, { mode: "problems", groupBy: "tag", recommendedOnly: true })).toMatchObject({ mode: "problems", groupBy: "tag", recommendedOnly: true });
	});

	it("caps saved key lists", () => {
		const keys = Array.from({ length: 800 }, (_, i) => `k${i}`);
		const merged = mergeBrowserState(defaultBrowserState(), { expanded: keys });
		expect(merged.expanded).toHaveLength(500);
		expect(merged.expanded.at(-1)).toBe("k799");
	});
});
