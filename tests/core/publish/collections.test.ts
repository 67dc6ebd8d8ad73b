import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseDigest } from "../../../src/core/format/parser";
import type { Digest } from "../../../src/core/format/types";
import { feedItems, jsonFeed, rssFeed } from "../../../src/core/publish/feeds";
import { recapLines, recapPicks, recapRanges } from "../../../src/core/publish/recap";
import { seriesIndexLines } from "../../../src/core/publish/series-index";

/** Issue 17: a collection (an undated series) has no feed of periods, but its recommended links can go into a recap. */

const collectionNote = (path: string, lines: string[]): Digest => parseDigest(lines.join("\n"), path, { parseYaml, categoryLevel: 2, entryStyle: "list", collection: true });

const POSTGRES = collectionNote("Lists/Postgres.md", ["# Databases", "", "## HA & Scaling", "", "- [Acme - Failover with Patroni](https://example.org/patroni) 🌟 **(Recommended)**", "- [Replicas](https://example.org/replicas)", "", "## Backups", "", "- [video] [Backups done right](https://example.org/backups) *(recommended)*"]);
const LINUX = collectionNote("Lists/Linux.md", ["# Linux", "", "- [Kernel notes](https://example.org/kernel)"]);
const DATED = parseDigest(["---", 'title: "Weekly Links: 01-12-2025 to 07-12-2025"', "---", "# Tools", "[1. Blog - Dated pick](https://example.org/dated) 🌟 **(Recommended)**"].join("\n"), "Weekly/w1.md", { parseYaml });

const FROM = { year: 2025, month: 12, day: 1 };
const TO = { year: 2025, month: 12, day: 31 };

describe("publishing a collection", () => {
	it("has collection notes, which have no period", () => {
		expect([POSTGRES.collection, POSTGRES.period, LINUX.period]).toEqual([true, null, null]);
	});

	it("puts a collection's recommended links into a recap whatever its range, with links back to their headings", () => {
		const picks = recapPicks([LINUX, POSTGRES], FROM, TO);
		expect(picks.map((p) => p.entry.title)).toEqual(["Failover with Patroni", "Backups done right"]);
		expect(recapPicks([POSTGRES], { year: 1990, month: 1, day: 1 }, { year: 1990, month: 1, day: 2 })).toHaveLength(2);
		expect(recapLines(picks)).toEqual([
			"## Databases › HA & Scaling",
			"",
			"- [Acme - Failover with Patroni](https://example.org/patroni) · from [[Lists/Postgres#Databases#HA & Scaling|Postgres]]",
			"",
			"## Databases › Backups",
			"",
			"- [Backups done right](https://example.org/backups) · from [[Lists/Postgres#Databases#Backups|Postgres]]",
		]);
		// Its pick has no period: the placeholder goes with its separator.
		expect(recapLines(picks, { template: "- {{title}} · {{period}}" })[2]).toBe("- Failover with Patroni");
	});

	it("keeps a dated digest's recap to its range, collection notes aside", () => {
		expect(recapPicks([DATED, POSTGRES], FROM, TO).map((p) => p.entry.title)).toEqual(["Dated pick", "Failover with Patroni", "Backups done right"]);
		expect(recapPicks([DATED], { year: 2026, month: 1, day: 1 }, { year: 2026, month: 1, day: 31 })).toEqual([]);
		expect(recapRanges([POSTGRES, LINUX])).toEqual([]);
	});

	it("has no feed items, even with an item per recommended entry", () => {
		const options = { title: "Lists", siteUrl: "https://example.org/", digestUrl: (d: Digest) => `https://example.org/${d.path}`, recommendedItems: true };
		expect(feedItems([POSTGRES, LINUX], options)).toEqual([]);
		expect(feedItems([DATED, POSTGRES], options).map((i) => i.title)).toEqual([DATED.title, "Blog - Dated pick"]);
		expect(() => rssFeed([POSTGRES], options)).not.toThrow();
		expect((JSON.parse(jsonFeed([POSTGRES], options)) as { items: unknown[] }).items).toEqual([]);
	});

	it("lists a collection's notes in its series index, without periods", () => {
		const lines = seriesIndexLines([POSTGRES, LINUX], { dateFormat: "DD-MM-YYYY" });
		expect(lines.filter((l) => l.startsWith("#"))).toHaveLength(1);
		expect(lines.filter((l) => l.includes("[[Lists/"))).toHaveLength(2);
		expect(lines.join("\n")).not.toMatch(/\{\{|undefined| to $/m);
	});
});
