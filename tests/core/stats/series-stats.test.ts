import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { completeSeries } from "../../../src/core/format/series";
import { DigestIndex } from "../../../src/core/index/digest-index";
import { categoriesOverTime, seriesStats, stalledHint } from "../../../src/core/stats/series-stats";

const SERIES = completeSeries({ name: "Weekly", tag: "weeklylinks" });

function note(title: string, body: string[]): string {
	return ["---", `title: "${title}"`, "tags: [weeklylinks]", "---", ...body, ""].join("\n");
}

function digests() {
	const index = new DigestIndex({ parseYaml, series: [SERIES] });
	const put = (path: string, text: string) => {
		index.addFile(path);
		index.setNote(path, text);
	};
	// Fourteen days, then fourteen, then a gap of ten days, then twenty-eight.
	put("a.md", note("Weekly Links: 01-01-2026 to 14-01-2026", ["# Kubernetes", "[1. Medium - One](https://medium.com/1) 🌟 **(Recommended)** #k8s", "", "- twelve chars", "[2. Medium - Two](https://example.org/2) #k8s #ops", "# Data", "[1. CNCF - Three](https://www.cncf.io/3)"]));
	put("b.md", note("Weekly Links: 15-01-2026 to 28-01-2026", ["# Kubernetes", "[1. Medium - Four](https://medium.com/4) 🌟 **(Recommended)**"]));
	put("c.md", note("Weekly Links: 08-02-2026 to 07-03-2026", ["# Career", "[1. Blog - Five](https://blog.example/5) 🌟 **(Recommended)**"]));
	put("undated.md", note("Reading list", ["# Data", "[1. Medium - Six](https://medium.com/6)"]));
	return index.digests("Weekly");
}

describe("seriesStats", () => {
	it("counts per digest, with period lengths and the gaps between them", () => {
		const stats = seriesStats(digests());
		expect(stats.rows).toEqual([
			{ key: "2026-01-01 to 2026-01-14", digests: ["a.md"], entries: 3, recommended: 1, categories: 2, sources: 2, tags: 2, commentaryChars: "- twelve chars".length, periodDays: 14, gapDays: 0 },
			{ key: "2026-01-15 to 2026-01-28", digests: ["b.md"], entries: 1, recommended: 1, categories: 1, sources: 1, tags: 0, commentaryChars: 0, periodDays: 14, gapDays: 0 },
			{ key: "2026-02-08 to 2026-03-07", digests: ["c.md"], entries: 1, recommended: 1, categories: 1, sources: 1, tags: 0, commentaryChars: 0, periodDays: 28, gapDays: 10 },
		]);
		expect(stats.totals).toEqual({ digests: 4, entries: 6, recommended: 3 });
		expect(stats.usualDays).toBe(14);
		expect(stats.lastEnd).toEqual({ year: 2026, month: 3, day: 7 });
	});

	it("adds digests up by month, quarter and year, by the period's end", () => {
		expect(seriesStats(digests(), "month").rows.map((r) => [r.key, r.entries, r.digests.length])).toEqual([
			["2026-01", 4, 2],
			["2026-03", 1, 1],
		]);
		expect(seriesStats(digests(), "quarter").rows.map((r) => [r.key, r.entries, r.recommended, r.gapDays])).toEqual([["2026-Q1", 5, 3, 10]]);
		expect(seriesStats(digests(), "year").rows.map((r) => r.key)).toEqual(["2026"]);
	});

	it("ranks sources and categories, and shows the hosts behind a source label", () => {
		const stats = seriesStats(digests());
		expect(stats.topSources).toEqual([
			{ name: "Medium", count: 4 },
			{ name: "Blog", count: 1 },
			{ name: "CNCF", count: 1 },
		]);
		expect(stats.topCategories[0]).toEqual({ name: "Kubernetes", count: 3 });
		expect(stats.sourceHosts[0]).toEqual({
			source: "Medium",
			hosts: [
				{ name: "medium.com", count: 3 },
				{ name: "example.org", count: 1 },
			],
		});
	});

	it("says a series has stalled when its last digest ended more than twice its usual period ago", () => {
		const stats = seriesStats(digests());
		expect(stalledHint(stats, { year: 2026, month: 4, day: 4 })).toBeNull();
		expect(stalledHint(stats, { year: 2026, month: 4, day: 6 })).toBe("The last digest ended 30 days ago; digests usually cover 14 days.");
		expect(stalledHint(seriesStats([]), { year: 2026, month: 4, day: 6 })).toBeNull();
		// One day is "1 day", not "1 days".
		expect(stalledHint({ usualDays: 1, lastEnd: { year: 2026, month: 4, day: 1 } }, { year: 2026, month: 4, day: 4 })).toBe("The last digest ended 3 days ago; digests usually cover 1 day.");
	});
});

describe("categoriesOverTime", () => {
	it("counts the top categories' entries per row, the rows as seriesStats makes them", () => {
		const over = categoriesOverTime(digests(), "digest", 2);
		expect(over.categories).toEqual(["Kubernetes", "Career"]);
		expect(over.rows).toEqual([
			{ key: "2026-01-01 to 2026-01-14", counts: [2, 0] },
			{ key: "2026-01-15 to 2026-01-28", counts: [1, 0] },
			{ key: "2026-02-08 to 2026-03-07", counts: [0, 1] },
		]);
		expect(categoriesOverTime(digests(), "quarter").rows.map((r) => r.key)).toEqual(seriesStats(digests(), "quarter").rows.map((r) => r.key));
	});
});
