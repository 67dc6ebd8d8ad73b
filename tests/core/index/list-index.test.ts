import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { isoDate } from "../../../src/core/format/dates";
import { completeSeries } from "../../../src/core/format/series";
import { DigestIndex } from "../../../src/core/index/digest-index";

const weekly = completeSeries({ name: "Widgets", tag: "", folder: "Widgets", entryStyle: "list", categoryLevel: 3 });
const issue = (n: number, date: string) => [`Title: Widgets ${n}`, `Number: ${n}`, `Date: ${date}`, "", "### News", `* [Item ${n}](https://example.org/${n})`].join("\n");

describe("index: digests dated by metadata", () => {
	it("starts each period the day after the previous digest of the series ends; the first is one day", () => {
		const index = new DigestIndex({ parseYaml, series: [weekly] });
		// Fed out of order: the periods follow the dates, not the order notes come in.
		index.setNote("Widgets/3.md", issue(3, "2026-08-19"));
		index.setNote("Widgets/1.md", issue(1, "2026-08-05"));
		index.setNote("Widgets/2.md", issue(2, "2026-08-12"));
		const periods = index.digests("Widgets").map((d) => `${d.title}: ${isoDate(d.period!.start)} to ${isoDate(d.period!.end)}`);
		expect(periods).toEqual(["Widgets 1: 2026-08-05 to 2026-08-05", "Widgets 2: 2026-08-06 to 2026-08-12", "Widgets 3: 2026-08-13 to 2026-08-19"]);
		index.removeNote("Widgets/2.md");
		expect(index.digests("Widgets").map((d) => isoDate(d.period!.start))).toEqual(["2026-08-05", "2026-08-06"]);
	});

	it("indexes a collection's notes without periods, with kinds on list entries", () => {
		const links = completeSeries({ name: "Links", tag: "", folder: "Lists", entryStyle: "list", collection: true, categoryLevel: 2 });
		const index = new DigestIndex({ parseYaml, series: [links] });
		index.setNote("Lists/Databases.md", ["# Databases", "## HA", "- [video] [Failover demo](https://example.org/failover)"].join("\n"));
		const [d] = index.digests("Links");
		expect(d!.period).toBeNull();
		expect(index.allEntries().map((e) => [e.category.name, e.entry.kinds])).toEqual([["Databases › HA", ["video"]]]);
	});
});
