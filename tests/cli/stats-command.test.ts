import { describe, expect, it } from "vitest";
import { digestNote, run, saveSettings, tempDir, useCli, write } from "./cli-harness";

useCli();

const dmy = (d: Date) => `${String(d.getDate()).padStart(2, "0")}-${String(d.getMonth() + 1).padStart(2, "0")}-${d.getFullYear()}`;

/** Three digests: fourteen days, fourteen, then a gap of ten days and twenty-nine (2020 is a leap year); one undated note. */
function statsVault(): string {
	const vault = tempDir();
	saveSettings(vault, [{ name: "Weekly", tag: "weeklylinks" }]);
	write(vault, "a.md", digestNote("Weekly Links: 01-01-2020 to 14-01-2020", [], ["# Kubernetes", "[1. Medium - One](https://medium.com/1) 🌟 **(Recommended)** #k8s", "", "- twelve chars", "[2. Medium - Two](https://example.org/2) #k8s #ops", "# Data", "[1. CNCF - Three](https://www.cncf.io/3)"]));
	write(vault, "b.md", digestNote("Weekly Links: 15-01-2020 to 28-01-2020", [], ["# Kubernetes", "[1. Medium - Four](https://medium.com/4) 🌟 **(Recommended)**"]));
	write(vault, "c.md", digestNote("Weekly Links: 08-02-2020 to 07-03-2020", [], ["# Career", "[1. Blog - Five](https://blog.example/5) 🌟 **(Recommended)**"]));
	write(vault, "undated.md", digestNote("Reading list", [], ["# Data", "[1. Medium - Six](https://medium.com/6)"]));
	return vault;
}

interface StatsJson {
	series: string;
	by: string;
	rows: { key: string; digests: string[]; entries: number; recommended: number; periodDays: number; gapDays: number }[];
	totals: { digests: number; entries: number; recommended: number };
	topSources: { name: string; count: number }[];
	sourceHosts: { source: string; hosts: { name: string; count: number }[] }[];
	usualDays: number | null;
	lastEnd: string | null;
	stalled: string | null;
}

describe("stats", () => {
	it("--json gives a row per digest with its entries and recommended ones, the totals and the stalled hint", () => {
		const r = run(["stats", statsVault(), "--json"]);
		expect(r.code, r.err).toBe(0);
		const json = JSON.parse(r.out) as StatsJson;
		expect(json.series).toBe("Weekly");
		expect(json.by).toBe("digest");
		expect(json.rows.map((row) => [row.key, row.digests, row.entries, row.recommended, row.periodDays, row.gapDays])).toEqual([
			["2020-01-01 to 2020-01-14", ["a.md"], 3, 1, 14, 0],
			["2020-01-15 to 2020-01-28", ["b.md"], 1, 1, 14, 0],
			["2020-02-08 to 2020-03-07", ["c.md"], 1, 1, 29, 10],
		]);
		expect(json.totals).toEqual({ digests: 4, entries: 6, recommended: 3 });
		expect(json.topSources[0]).toEqual({ name: "Medium", count: 4 });
		expect(json.sourceHosts.find((s) => s.source === "Medium")!.hosts).toEqual([{ name: "medium.com", count: 3 }, { name: "example.org", count: 1 }]);
		expect(json.usualDays).toBe(14);
		expect(json.lastEnd).toBe("2020-03-07");
		// The last digest ended years ago: stalled, said in the JSON and on stderr.
		expect(json.stalled).toMatch(/^The last digest ended \d+ days ago; digests usually cover 14 days\.$/);
		expect(r.err).toBe(`digest-curator: ${json.stalled}\n`);
	});

	it("adds digests up by month, quarter and year", () => {
		const keys = (by: string) => (JSON.parse(run(["stats", statsVault(), "--json", "--by", by]).out) as StatsJson).rows.map((row) => [row.key, row.entries, row.recommended]);
		expect(keys("month")).toEqual([["2020-01", 4, 2], ["2020-03", 1, 1]]);
		expect(keys("quarter")).toEqual([["2020-Q1", 5, 3]]);
		expect(keys("year")).toEqual([["2020", 5, 3]]);
	});

	it("prints a table, the top sources and categories, and the source labels behind several hosts", () => {
		const r = run(["stats", statsVault(), "--by", "month"]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe(
			[
				"Weekly: 4 digests, 6 entries, 3 recommended.",
				"",
				"Month    Digests  Entries  Recommended  Categories  Sources  Tags  Days  Gap",
				"2020-01        2        4            2           2        2     2    28    0",
				"2020-03        1        1            1           1        1     0    29   10",
				"",
				"Top sources: Medium 4, Blog 1, CNCF 1",
				"Top categories: Kubernetes 3, Data 2, Career 1",
				"Sources behind several hosts: Medium (medium.com 3, example.org 1)",
				"A digest usually covers 14 days; the last one ended 2020-03-07.",
				"",
			].join("\n"),
		);
		expect(r.err).toMatch(/^digest-curator: The last digest ended \d+ days ago/);
	});

	it("gives no stalled hint while the series keeps up", () => {
		const vault = statsVault();
		const end = new Date();
		const start = new Date(end.getFullYear(), end.getMonth(), end.getDate() - 13);
		write(vault, "d.md", digestNote(`Weekly Links: ${dmy(start)} to ${dmy(end)}`, [], ["# Data", "[1. Blog - Now](https://blog.example/now)"]));
		const r = run(["stats", vault, "--json"]);
		expect(r.code, r.err).toBe(0);
		expect((JSON.parse(r.out) as StatsJson).stalled).toBeNull();
		expect(r.err).toBe("");
	});

	it("refuses an unknown bucket in one sentence", () => {
		const r = run(["stats", statsVault(), "--by", "week"]);
		expect(r.code).toBe(2);
		expect(r.err).toBe("digest-curator stats: --by week is not one of digest, month, quarter, year.\n");
	});
});
