import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseDigest } from "../../../src/core/format/parser";
import { descriptionOf, readKinds, readListItem } from "../../../src/core/format/list-items";
import type { Digest, Entry } from "../../../src/core/format/types";

const list = (text: string, extra: { categoryLevel?: number; collection?: boolean; dateFormat?: string } = {}): Digest =>
	parseDigest(text, "Lists/l.md", { parseYaml, entryStyle: "list", categoryLevel: 2, ...extra });
const entries = (d: Digest): Entry[] => d.categories.flatMap((c) => c.entries);

// Our own fixture: a topical list with two levels of headings, mixed markers, nesting and code.
const NOTE = [
	"---",
	"tags: [bookmarks]",
	"---",
	"Some words before any heading.",
	"- [Not an entry](https://example.org/preamble)",
	"",
	"# Storage engines",
	"",
	"- [Acme - Tuning the write-ahead log](https://example.org/wal) 🌟 **(Recommended)** #wal",
	"- [lsm-notes](https://example.org/lsm): a reading list on log-structured merge trees",
	"\t- see also [[Compaction]] and [nested](https://example.org/nested-link)",
	"\t- [Nested link](https://example.org/not-an-entry)",
	"* [video] [Btrees at scale, a talk](https://example.org/talk)",
	"+ [Plus marker](https://example.org/plus) - why it matters",
	"",
	"## Replication",
	"1. [Logical replication](https://example.org/logical)",
	"2. [audio] [series] [Physical replication](https://example.org/physical)",
	"",
	"   More about the second one.",
	"",
	"A paragraph ends the list.",
	"",
	"```",
	"- [In a fence](https://example.org/fenced)",
	"```",
	"<!--",
	"- [In a comment](https://example.org/commented)",
	"-->",
	"%% - [Obsidian comment](https://example.org/pct) %%",
	"- [[A wiki note]] is not an entry",
	"- [Local note](Other%20Note.md)",
	"- [ ] a task box",
	"- [draft] thoughts without a link",
	"- [Broken link](https://example.org/broken",
	"### Deeper heading",
	"- [Under a deeper heading](https://example.org/deeper)",
	"",
	"# Second part",
	"- [Direct](https://example.org/direct)",
].join("\n");

describe("list style: entries", () => {
	const d = list(NOTE);
	const byUrl = (url: string) => entries(d).find((e) => e.url === url);

	it("reads the categories as heading paths up to the category level", () => {
		expect(d.categories.map((c) => c.name)).toEqual(["Storage engines", "Storage engines › Replication", "Second part"]);
		expect(d.entryStyle).toBe("list");
	});

	it("reads top-level items that start with a complete link, and nothing in the preamble", () => {
		expect(entries(d).map((e) => e.url)).toEqual([
			"https://example.org/wal",
			"https://example.org/lsm",
			"https://example.org/talk",
			"https://example.org/plus",
			"https://example.org/logical",
			"https://example.org/physical",
			"Other%20Note.md",
			"https://example.org/deeper",
			"https://example.org/direct",
		]);
	});

	it("reads source, title, flag and tags as the line style does", () => {
		const e = byUrl("https://example.org/wal")!;
		expect(e).toMatchObject({ source: "Acme", title: "Tuning the write-ahead log", recommended: true, tags: ["wal"], number: null, kinds: [], commentary: "" });
	});

	it("makes the text after the link and the nested items commentary; nested links are commentary links", () => {
		const e = byUrl("https://example.org/lsm")!;
		expect(e.commentary).toBe(["a reading list on log-structured merge trees", "- see also [[Compaction]] and [nested](https://example.org/nested-link)", "- [Nested link](https://example.org/not-an-entry)"].join("\n"));
		expect(e.links.map((l) => l.target)).toEqual(["Compaction"]);
		expect(byUrl("https://example.org/plus")!.commentary).toBe("why it matters");
	});

	it("keeps the kind words before the link", () => {
		expect(byUrl("https://example.org/talk")!.kinds).toEqual(["video"]);
		expect(byUrl("https://example.org/physical")!.kinds).toEqual(["audio", "series"]);
	});

	it("takes an ordered item's number as the entry's, with an indented paragraph as its commentary", () => {
		expect(byUrl("https://example.org/logical")!.number).toBe(1);
		const second = byUrl("https://example.org/physical")!;
		expect(second.number).toBe(2);
		expect(second.commentary).toBe("More about the second one.");
		expect(second.category).toBe("Storage engines › Replication");
	});

	it("reads no entry in fences or comments, and items under deeper headings belong to the category", () => {
		for (const url of ["fenced", "commented", "pct", "preamble", "not-an-entry", "nested-link"]) expect(byUrl(`https://example.org/${url}`)).toBeUndefined();
		expect(byUrl("https://example.org/deeper")!.category).toBe("Storage engines › Replication");
	});

	it("reports an item that starts like a link but is not complete, and nothing for task boxes or plain brackets", () => {
		const malformed = d.problems.filter((p) => p.code === "malformed-entry");
		expect(malformed.map((p) => p.line)).toEqual([NOTE.split("\n").indexOf("- [Broken link](https://example.org/broken") + 1]);
	});

	it("starts a category's first heading path at the note's own headings", () => {
		const deep = list(["## Only second level", "- [A](https://a.example)", "# Top", "## Child", "- [B](https://b.example)"].join("\n"));
		expect(deep.categories.map((c) => c.name)).toEqual(["Only second level", "Top", "Top › Child"]);
	});

	it("reads nested items with two spaces as nested, and blank lines between items as one list", () => {
		const d2 = list(["# C", "- [A](https://a.example)", "  - [B](https://b.example)", "", "- [C](https://c.example)", "", "  indented paragraph of C"].join("\n"), { categoryLevel: 1 });
		expect(entries(d2).map((e) => e.title)).toEqual(["A", "C"]);
		expect(entries(d2)[0]!.commentary).toBe("- [B](https://b.example)");
		expect(entries(d2)[1]!.commentary).toBe("indented paragraph of C");
	});

	it("keeps nested fenced code in the commentary, and a fence at the margin ends the list", () => {
		const d3 = list(["# C", "- [A](https://a.example)", "  ```", "  - [x](https://x.example)", "  ```", "```", "- [y](https://y.example)", "```", "- [B](https://b.example)"].join("\n"), { categoryLevel: 1 });
		expect(entries(d3).map((e) => e.title)).toEqual(["A", "B"]);
		expect(entries(d3)[0]!.commentary).toBe(["```", "- [x](https://x.example)", "```"].join("\n"));
	});

	it("never makes a line-style note's entries from list items, nor list items entries in the line style", () => {
		const text = ["# C", "- [A](https://a.example)", "[1. B](https://b.example)"].join("\n");
		expect(entries(parseDigest(text, "x.md", { parseYaml })).map((e) => e.title)).toEqual(["B"]);
		expect(entries(list(text, { categoryLevel: 1 })).map((e) => e.title)).toEqual(["A"]);
	});
});

describe("list items", () => {
	it("reads markers, numbers and content columns", () => {
		expect(readListItem("- x")).toMatchObject({ bullet: "-", indent: 0, contentStart: 2, contentColumn: 2 });
		expect(readListItem("12) x")).toMatchObject({ number: 12, delimiter: ")", contentStart: 4 });
		expect(readListItem("\t* x")).toMatchObject({ indent: 4, contentColumn: 6 });
		expect(readListItem("-x")).toBeNull();
		expect(readListItem("1.5 x")).toBeNull();
	});

	it("reads kinds only where a link follows", () => {
		expect(readKinds("[video] [T](u)", 0)).toEqual({ kinds: ["video"], linkStart: 8 });
		expect(readKinds("[video] text", 0)).toEqual({ kinds: [], linkStart: 0 });
		expect(readKinds("[x] [T](u)", 0)).toEqual({ kinds: [], linkStart: 0 });
	});

	it("reads the description without flag and trailing tags", () => {
		expect(descriptionOf(": a list #pg #db")).toBe("a list");
		expect(descriptionOf(" 🌟 **(Recommended)** #pg")).toBe("");
		expect(descriptionOf(" - why #1 matters")).toBe("why #1 matters");
	});

	it("stays fast on a long line of brackets and tags", () => {
		const long = `- [a](https://a.example) ${"#t ".repeat(200_000)}x`;
		const t0 = Date.now();
		list(`# C\n${long}\n- ${"[".repeat(200_000)}`, { categoryLevel: 1 });
		expect(Date.now() - t0).toBeLessThan(2000);
	});
});

describe("dates from metadata and collections", () => {
	it("reads Pelican metadata lines: title, tags and a date ending a one-day period", () => {
		const d = parseDigest(["Title: This Week in Widgets 12", "Number: 12", "Date: 2026-08-19", "Tags: widgets, news", "", "### Updates", "* [A](https://a.example)"].join("\n"), "w.md", { parseYaml, entryStyle: "list", categoryLevel: 3 });
		expect(d.title).toBe("This Week in Widgets 12");
		expect(d.tags).toEqual(["widgets", "news"]);
		expect(d.period).toEqual({ start: { year: 2026, month: 8, day: 19 }, end: { year: 2026, month: 8, day: 19 } });
		expect(d.datedByMetadata).toBe(true);
		expect(entries(d).map((e) => e.title)).toEqual(["A"]);
	});

	it("reads a period from a frontmatter field where the title holds none", () => {
		const d = parseDigest(["---", "title: Spring links", "period: 01-03-2026 to 14-03-2026", "---", "# C"].join("\n"), "s.md", { parseYaml });
		expect(d.period).toEqual({ start: { year: 2026, month: 3, day: 1 }, end: { year: 2026, month: 3, day: 14 } });
		expect(d.problems).toEqual([]);
		const dated = parseDigest(["---", "title: Spring links", "date: 2026-03-14", "---"].join("\n"), "s.md", { parseYaml });
		expect(dated.period?.end).toEqual({ year: 2026, month: 3, day: 14 });
		expect(dated.datedByMetadata).toBe(true);
	});

	it("keeps the title's period before the metadata's", () => {
		const d = parseDigest(["---", "title: Links 01-01-2026 to 07-01-2026", "date: 2026-03-14", "---"].join("\n"), "s.md", { parseYaml });
		expect(d.period?.end).toEqual({ year: 2026, month: 1, day: 7 });
		expect(d.datedByMetadata).toBeUndefined();
	});

	it("reads no period for a collection, and no problem about one", () => {
		const d = parseDigest(["---", "title: Links 01-01-2026 only", "date: 2026-03-14", "---", "# C", "- [A](https://a.example)"].join("\n"), "c.md", { parseYaml, entryStyle: "list", collection: true });
		expect(d.period).toBeNull();
		expect(d.collection).toBe(true);
		expect(d.problems).toEqual([]);
	});

	it("does not read a preamble with colons as metadata", () => {
		const d = parseDigest(["Note: nothing here is metadata", "", "# C"].join("\n"), "n.md", { parseYaml });
		expect(d.title).toBe("n");
	});
});

describe("series settings: entry style and collection", () => {
	it("are read when they have the right type, and named with their default when not", async () => {
		const { readSavedSeries } = await import("../../../src/core/format/saved-settings");
		const warnings: string[] = [];
		const good = readSavedSeries({ name: "L", tag: "l", entryStyle: "list", collection: true }, "the series \"L\"", (w) => warnings.push(w));
		expect([good.entryStyle, good.collection, warnings]).toEqual(["list", true, []]);
		const bad = readSavedSeries({ name: "L", tag: "l", entryStyle: "bullets", collection: "yes" }, "the series \"L\"", (w) => warnings.push(w));
		expect([bad.entryStyle, bad.collection]).toEqual([undefined, undefined]);
		expect(warnings).toEqual([
			'The setting "entryStyle" of the series "L" is not "line" or "list" (it is "bullets"); the default "line" is used instead.',
			'The setting "collection" of the series "L" is not true or false (it is "yes"); the default false is used instead.',
		]);
	});

	it("let a collection's templates go without {{start}} and {{end}}", async () => {
		const { completeSeries, validateSeries } = await import("../../../src/core/format/series");
		const s = completeSeries({ name: "L", tag: "l", titleTemplate: "{{title}}", fileNameTemplate: "{{title}}" });
		expect(validateSeries(s)).toContain("The title template needs {{start}} and {{end}}.");
		expect(validateSeries({ ...s, collection: true })).toEqual([]);
	});
});
