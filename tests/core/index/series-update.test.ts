import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { DigestIndex } from "../../../src/core/index/digest-index";
import { completeSeries, readsNotesAlike, sameSeries } from "../../../src/core/format/series";

const WEEKLY = completeSeries({ name: "Weekly", tag: "weeklylinks" });
const TECH = completeSeries({ name: "Tech", tag: "", folder: "Tech" });

const note = (title: string, tags: string) => `---\ntitle: "${title}"\ntags: ${tags}\n---\n# Tools\n[1. Blog - A tool](https://tools.example.com/${encodeURIComponent(title)})\n`;

function build(): DigestIndex {
	const index = new DigestIndex({ parseYaml, series: [WEEKLY, TECH] });
	index.setNote("Digests/a.md", note("Weekly Links: 01-01-2025 to 07-01-2025", "[weeklylinks]"));
	index.setNote("Tech/b.md", note("Tech 08-01-2025 to 14-01-2025", "[]"));
	return index;
}

describe("series that read notes alike", () => {
	it("differ only in what a new digest is made with", () => {
		expect(readsNotesAlike(WEEKLY, { ...WEEKLY, name: "Renamed", titleTemplate: "T {{start}} {{end}}", fileNameTemplate: "F {{start}} {{end}}", categories: ["A"], extraTags: ["x"], cover: "c" })).toBe(true);
		for (const change of [{ tag: "other" }, { folder: "Digests" }, { dateFormat: "YYYY-MM-DD" }, { categoryLevel: 2 }, { templateNote: "Templates/t.md" }]) {
			expect(readsNotesAlike(WEEKLY, { ...WEEKLY, ...change }), JSON.stringify(change)).toBe(false);
		}
	});

	it("are the same only when every field is", () => {
		expect(sameSeries([WEEKLY, TECH], [{ ...WEEKLY, categories: [...WEEKLY.categories] }, { ...TECH }])).toBe(true);
		expect(sameSeries([WEEKLY, TECH], [WEEKLY])).toBe(false);
		expect(sameSeries([WEEKLY, TECH], [TECH, WEEKLY])).toBe(false);
		expect(sameSeries([WEEKLY], [{ ...WEEKLY, categories: ["New"] }])).toBe(false);
		expect(sameSeries([WEEKLY], [{ ...WEEKLY, cover: "![[c.png]]" }])).toBe(false);
	});
});

describe("DigestIndex.updateSeries", () => {
	it("takes new names and templates without a note read again", () => {
		const index = build();
		const before = index.revision;
		const renamed = [{ ...WEEKLY, name: "Weekly links", titleTemplate: "Links: {{start}} to {{end}}" }, TECH];
		expect(index.updateSeries(renamed)).toBe(true);
		expect(index.revision).toBeGreaterThan(before);
		expect(index.seriesList).toBe(renamed);
		expect(index.digests("Weekly links").map((d) => d.path)).toEqual(["Digests/a.md"]);
		expect(index.digests("Weekly")).toEqual([]);
		expect(index.seriesOf("Digests/a.md")?.titleTemplate).toBe("Links: {{start}} to {{end}}");
		expect(index.query({ series: "Weekly links" }).map((e) => e.series.name)).toEqual(["Weekly links"]);
		expect(index.latest("Weekly links")?.path).toBe("Digests/a.md");
	});

	it("refuses, changing nothing, series that read notes differently", () => {
		const index = build();
		const before = index.revision;
		expect(index.updateSeries([{ ...WEEKLY, tag: "other" }, TECH])).toBe(false);
		expect(index.updateSeries([WEEKLY])).toBe(false);
		expect(index.revision).toBe(before);
		expect(index.seriesList).toEqual([WEEKLY, TECH]);
		expect(index.size).toBe(2);
	});
});
