import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseDigest, parseSeriesNote } from "../../../src/core/format/parser";
import { completeSeries } from "../../../src/core/format/series";
import type { Digest, Entry } from "../../../src/core/format/types";

const parse = (text: string, path = "Digests/d.md", extra: { categoryLevel?: number; dateFormat?: string } = {}): Digest =>
	parseDigest(text, path, { parseYaml, ...extra });

const entries = (d: Digest): Entry[] => d.categories.flatMap((c) => c.entries);

const NOTE = [
	"---",
	'title: "Weekly Links: 03-02-2025 to 16-02-2025"',
	"tags:",
	"  - weeklylinks",
	"  - '#reading'",
	"---",
	"",
	"![[cover.png|center|500]]",
	"",
	"A preamble line, then a link that is not an entry:",
	"[0. Not - an entry](https://example.org/preamble)",
	"",
	"# Networking",
	"",
	"[1. Blog - Packets in flight](https://blog.example.net/packets)",
	"",
	"- Why **MTU** matters, see [[Packet notes]].",
	"\t- A nested tab bullet about [[Sub/Deep note#Part two|the deep dive]].",
	"",
	"[2. Vendor - Fleet routing, part one](https://vendor.example.com/fleet-1) 🌟 **(Recommended)** #routing #net/edge",
	"",
	"[3. Vendor - Fleet routing, part two](https://vendor.example.com/fleet-2) ⭐ *(recommended)*",
	"",
	"- This bullet belongs to entries 2 and 3.",
	"# Storage",
	"[1. A title without a source](https://example.com/no-source)",
	"",
].join("\n");

describe("parseDigest: frontmatter", () => {
	it("reads title, tags (leading # dropped) and the period from the title", () => {
		const d = parse(NOTE);
		expect(d.title).toBe("Weekly Links: 03-02-2025 to 16-02-2025");
		expect(d.tags).toEqual(["weeklylinks", "reading"]);
		expect(d.period).toEqual({ start: { year: 2025, month: 2, day: 3 }, end: { year: 2025, month: 2, day: 16 } });
		expect(d.problems).toEqual([]);
	});

	it("falls back to the file's basename without a title", () => {
		const d = parse("# A\n", "x/Weekly Links 01-01-2025 to 07-01-2025.md");
		expect(d.title).toBe("Weekly Links 01-01-2025 to 07-01-2025");
		expect(d.period?.end).toEqual({ year: 2025, month: 1, day: 7 });
	});

	it("reads inline tag lists and a single-word tag string", () => {
		expect(parse("---\ntags: [a, '#b']\n---\n").tags).toEqual(["a", "b"]);
		const single = parse("---\ntags: solo\n---\n");
		expect(single.tags).toEqual(["solo"]);
		expect(single.problems).toEqual([]);
	});

	it("splits a string of several tags and warns that Obsidian 1.9+ ignores it", () => {
		const d = parse("---\ntitle: x\ntags: a, b\n---\n");
		expect(d.tags).toEqual(["a", "b"]);
		expect(d.problems).toMatchObject([{ code: "frontmatter-tags-string", severity: "warning", line: 3 }]);
	});

	it("reports broken YAML without giving up on the body", () => {
		const d = parse("---\ntitle: [unclosed\n---\n# Cat\n[1. S - T](https://e.com)\n", "b/Broken.md");
		expect(d.frontmatter).toEqual({});
		expect(d.title).toBe("Broken");
		expect(d.problems.map((p) => [p.code, p.severity])).toEqual([["frontmatter-invalid", "error"]]);
		expect(entries(d)).toHaveLength(1);
	});

	it("marks drafts, whether the flag is a boolean or a string", () => {
		expect(parse("---\ndraft: true\n---\n").draft).toBe(true);
		expect(parse('---\ndraft: "true"\n---\n').draft).toBe(true);
		expect(parse("---\ndraft: false\n---\n").draft).toBe(false);
	});

	it("accepts a BOM before the frontmatter", () => {
		const d = parse("\uFEFF---\ntitle: With BOM\n---\n# C\n[1. A - B](https://e.com)\n");
		expect(d.title).toBe("With BOM");
		expect(entries(d)[0]!.line).toBe(5);
	});

	it("has no period without two dates, and reports a single or impossible date", () => {
		expect(parse("---\ntitle: No dates here\n---\n").period).toBeNull();
		const one = parse("---\ntitle: Links from 01-03-2025\n---\n");
		expect(one.period).toBeNull();
		expect(one.problems.map((p) => p.code)).toEqual(["bad-period"]);
		const impossible = parse("---\ntitle: 31-02-2025 to 05-03-2025\n---\n");
		expect(impossible.problems.map((p) => p.code)).toContain("bad-period");
		const backwards = parse("---\ntitle: 10-03-2025 to 01-03-2025\n---\n");
		expect(backwards.period).not.toBeNull();
		expect(backwards.problems.map((p) => p.code)).toEqual(["bad-period"]);
	});

	it("reads the period in the series' own date format", () => {
		const d = parse("---\ntitle: Digest 2025/02/03 - 2025/02/16\n---\n", "d.md", { dateFormat: "YYYY/MM/DD" });
		expect(d.period).toEqual({ start: { year: 2025, month: 2, day: 3 }, end: { year: 2025, month: 2, day: 16 } });
		expect(parse("---\ntitle: 3 Feb 2025 to 16 Feb 2025\n---\n", "d.md", { dateFormat: "D MMM YYYY" }).period?.start).toEqual({ year: 2025, month: 2, day: 3 });
	});
});

describe("parseDigest: categories and entries", () => {
	it("reads categories, numbers, sources, titles, flags and tags", () => {
		const d = parse(NOTE);
		expect(d.categories.map((c) => [c.name, c.line])).toEqual([["Networking", 13], ["Storage", 25]]);
		expect(entries(d).map((e) => [e.number, e.source, e.title, e.url, e.recommended, e.tags, e.line])).toEqual([
			[1, "Blog", "Packets in flight", "https://blog.example.net/packets", false, [], 15],
			[2, "Vendor", "Fleet routing, part one", "https://vendor.example.com/fleet-1", true, ["routing", "net/edge"], 20],
			[3, "Vendor", "Fleet routing, part two", "https://vendor.example.com/fleet-2", true, [], 22],
			[1, null, "A title without a source", "https://example.com/no-source", false, [], 26],
		]);
	});

	it("never takes a line of the preamble for an entry", () => {
		expect(entries(parse(NOTE)).some((e) => e.url.includes("preamble"))).toBe(false);
	});

	it("groups entries with only blank lines between them and shares their commentary", () => {
		const cat = parse(NOTE).categories[0]!;
		expect(cat.groups.map((g) => g.entries)).toEqual([[0], [1, 2]]);
		expect(cat.entries[1]!.commentary).toBe("- This bullet belongs to entries 2 and 3.");
		expect(cat.entries[2]!.commentary).toBe(cat.entries[1]!.commentary);
		expect(cat.entries[0]!.commentary).toBe("- Why **MTU** matters, see [[Packet notes]].\n\t- A nested tab bullet about [[Sub/Deep note#Part two|the deep dive]].");
	});

	it("reads a heading that follows a commentary line directly", () => {
		const d = parse(NOTE);
		expect(d.categories[0]!.endLine).toBe(24);
		expect(d.categories[1]!.line).toBe(25);
	});

	it("reads a category name without closing hashes, and deeper headings as body", () => {
		const d = parse("# Tools ##\n[1. A - B](https://e.com)\n\n## A sub heading\n- note\n# Next\n");
		expect(d.categories.map((c) => c.name)).toEqual(["Tools", "Next"]);
		expect(d.categories[0]!.entries[0]!.commentary).toBe("## A sub heading\n- note");
	});

	it("uses the series' category level", () => {
		const d = parse("# Digest\n## Cat one\n[1. A - B](https://e.com)\n### Deeper\n## Cat two\n", "d.md", { categoryLevel: 2 });
		expect(d.categories.map((c) => c.name)).toEqual(["Cat one", "Cat two"]);
		expect(d.categories[0]!.entries[0]!.commentary).toBe("### Deeper");
	});

	it("reads unnumbered entries, `N)` numbers, and all three separators", () => {
		const d = parse(["# C", "[S - Unnumbered](https://e.com/1)", "[2) S – En dash](https://e.com/2)", "[3. S — Em dash](https://e.com/3)"].join("\n"));
		expect(entries(d).map((e) => [e.number, e.source, e.title])).toEqual([
			[null, "S", "Unnumbered"],
			[2, "S", "En dash"],
			[3, "S", "Em dash"],
		]);
	});

	it("keeps a title that only starts with digits as a title", () => {
		expect(entries(parse("# C\n[2025 in review](https://e.com)\n"))[0]).toMatchObject({ number: null, title: "2025 in review" });
		expect(entries(parse("# C\n[1.5 release notes](https://e.com)\n"))[0]).toMatchObject({ number: null, title: "1.5 release notes" });
	});

	it("reports a hyphen with a space on one side as entry-format and gives no source", () => {
		const d = parse("# C\n[1. Medium -Battle of bytes](https://e.com)\n[2. Blog- Other](https://e.com/2)\n");
		expect(entries(d).map((e) => [e.source, e.title])).toEqual([
			[null, "Medium -Battle of bytes"],
			[null, "Blog- Other"],
		]);
		expect(d.problems.map((p) => [p.code, p.line])).toEqual([["entry-format", 2], ["entry-format", 3]]);
	});

	it("does not flag an ordinary hyphenated word", () => {
		expect(parse("# C\n[1. Multi-cluster in ten minutes](https://e.com)\n").problems).toEqual([]);
	});

	it("reads balanced brackets and escapes in the text", () => {
		const d = parse("# C\n[1. Blog - The [draft] of \\[x\\]](https://e.com)\n");
		expect(entries(d)[0]).toMatchObject({ source: "Blog", title: "The [draft] of [x]" });
	});

	it("reads angle-bracket destinations, balanced parentheses and drops link titles", () => {
		const d = parse([
			"# C",
			"[1. Wiki - Go](https://en.wikipedia.org/wiki/Go_(programming_language))",
			"[2. A - Spaces](<https://e.com/a b>)",
			'[3. A - Titled](https://e.com/t "A title")',
		].join("\n"));
		expect(entries(d).map((e) => e.url)).toEqual(["https://en.wikipedia.org/wiki/Go_(programming_language)", "https://e.com/a b", "https://e.com/t"]);
	});

	it("reads the recommended flag in every written form, mojibake included", () => {
		const forms = ["(Recommended)", "**(Recommended)**", "__(recommended)__", "*(RECOMMENDED)*", "🌟 **(Recommended)**", "⭐ (Recommended)", "ðŸŒŸ **(Recommended)**", "â­ **(Recommended)**"];
		for (const f of forms) expect(entries(parse(`# C\n[1. A - B](https://e.com) ${f}\n`))[0]!.recommended, f).toBe(true);
		expect(entries(parse("# C\n[1. A - B](https://e.com) 🌟\n"))[0]!.recommended).toBe(false);
	});

	it("applies Obsidian's tag rules on the entry line", () => {
		const d = parse("# C\n[1. A - B](https://e.com) #ok #123 #日本語 #a_b-c #x/y `#code` #\n");
		expect(entries(d)[0]!.tags).toEqual(["ok", "日本語", "a_b-c", "x/y"]);
	});

	it("takes indented lines, list items and embeds as commentary, never entries", () => {
		const d = parse("# C\n[1. A - B](https://e.com)\n  [2. Indented](https://e.com/2)\n- [3. Item](https://e.com/3)\n![4. Embed](img.png)\n");
		expect(entries(d)).toHaveLength(1);
		expect(entries(d)[0]!.commentary.split("\n")).toHaveLength(3);
	});

	it("leaves wiki-link lines, footnotes and reference definitions alone", () => {
		const d = parse("# C\n[[A note]] says hello\n[^1]: a footnote\n[ref]: https://e.com\n");
		expect(d.problems).toEqual([]);
		expect(entries(d)).toEqual([]);
	});

	it("reports lines that start like an entry but are not a complete link", () => {
		const d = parse("# C\n[1. No close](https://e.com\n[2. No paren]\n[3. Empty]()\n[4. Open text(https://e.com)\n[5. Fine](https://e.com)\n");
		expect(d.problems.map((p) => [p.code, p.severity, p.line])).toEqual([
			["malformed-entry", "error", 2],
			["malformed-entry", "error", 3],
			["malformed-entry", "error", 4],
			["malformed-entry", "error", 5],
		]);
		expect(entries(d).map((e) => e.number)).toEqual([5]);
		expect(d.problems[2]!.message).toMatch(/destination is empty/);
	});

	it("reads CRLF files with the same lines and remembers the ending", () => {
		const crlf = parse(NOTE.replace(/\n/g, "\r\n"));
		const lf = parse(NOTE);
		expect(crlf.eol).toBe("\r\n");
		expect(lf.eol).toBe("\n");
		expect(entries(crlf).map((e) => [e.title, e.line, e.commentary.replace(/\r/g, "")])).toEqual(entries(lf).map((e) => [e.title, e.line, e.commentary]));
		expect(entries(crlf)[0]!.commentary).not.toContain("\r");
	});
});

describe("parseDigest: entry lines as CommonMark reads them", () => {
	const one = (line: string) => parse(`# C\n${line}\n`);

	it("decodes character references in the destination, as the reading view's link does", () => {
		const d = one("[1. S - T](https://e.com/?a=1&amp;b=2&#38;c=3&#x26;d=&ouml;)");
		expect(entries(d)[0]!.url).toBe("https://e.com/?a=1&b=2&c=3&d=ö");
	});

	it("decodes character references and escapes in the source and title, not in code", () => {
		const d = one("[1. AT&amp;T \\[Labs\\] - Caf&eacute; &#8220;quoted&#x201D; `&amp; \\[x\\]`](https://e.com)");
		expect(entries(d)[0]).toMatchObject({ source: "AT&T [Labs]", title: "Café “quoted” `&amp; \\[x\\]`" });
	});

	it("decodes only names HTML has, with their semicolon, and never a property of Object", () => {
		const d = one("[&constructor; &toString; &hasOwnProperty; &bogus; &amp &AMP; &Ouml; &#0; &#87654321;](https://e.com/&constructor;)");
		expect(entries(d)[0]!.title).toBe("&constructor; &toString; &hasOwnProperty; &bogus; &amp & Ö \uFFFD &#87654321;");
		expect(entries(d)[0]!.url).toBe("https://e.com/&constructor;");
	});

	it("does not read a separator inside a code span", () => {
		expect(entries(one("[1. `a - b` - Title](https://e.com)"))[0]).toMatchObject({ source: "`a - b`", title: "Title" });
	});

	it("reports a link inside the link text as a malformed entry, not the outer link", () => {
		for (const line of ["[1. S - [inner](https://a.example) T](https://b.example)", "[1. ![img [x](https://a.example)](i.png)](https://b.example)"]) {
			const d = one(line);
			expect(entries(d), line).toEqual([]);
			expect(d.problems.map((p) => [p.code, p.message]), line).toEqual([["malformed-entry", expect.stringMatching(/holds another link/)]]);
		}
	});

	it("keeps an image in the link text", () => {
		expect(entries(one("[1. ![logo](https://a.example/l.png) Title](https://b.example)"))[0]).toMatchObject({ url: "https://b.example", title: "![logo](https://a.example/l.png) Title" });
	});

	it("reports an autolink or HTML tag that runs past `](` as a malformed entry", () => {
		for (const line of ["[1. S - T <https://a.example/?q=](https://b.example)>", "[1. S - T <span title=\"](https://b.example)\">x</span>", "[1. T <!-- ](https://b.example) -->"]) {
			const d = one(line);
			expect(entries(d), line).toEqual([]);
			expect(d.problems.map((p) => p.code), line).toEqual(["malformed-entry"]);
		}
	});

	it("reads an autolink or HTML tag that closes inside the link text as part of it", () => {
		const d = one("[1. S - T <span title=\"a ] b\">x</span> <https://a.example/]>](https://b.example)");
		expect(entries(d)[0]).toMatchObject({ url: "https://b.example", title: "T <span title=\"a ] b\">x</span> <https://a.example/]>" });
	});

	it("reads `<...>` destinations with escapes, and refuses one that holds `<`", () => {
		expect(entries(one("[1. T](<https://e.com/a b\\>c>)"))[0]!.url).toBe("https://e.com/a b>c");
		expect(one("[1. T](<https://e.com/a<b>)").problems.map((p) => p.code)).toEqual(["malformed-entry"]);
	});

	it("takes a backtick in the destination as written", () => {
		expect(entries(one("[1. T](https://e.com/`x`)"))[0]!.url).toBe("https://e.com/`x`");
		expect(entries(one("[1. `a\\`](https://e.com)"))[0]!.title).toBe("`a\\`");
	});
});

describe("parseDigest: what is never parsed", () => {
	it("ignores fenced code with backticks or tildes, closed only by a long enough fence", () => {
		const d = parse([
			"# C",
			"[1. A - B](https://e.com)",
			"````md",
			"# Not a category",
			"[2. Not - an entry](https://e.com/2)",
			"```",
			"[[Not a link]]",
			"````",
			"~~~",
			"[3. Nor - this](https://e.com/3)",
			"~~~",
			"- after [[Real link]]",
		].join("\n"));
		expect(d.categories.map((c) => c.name)).toEqual(["C"]);
		expect(entries(d).map((e) => e.number)).toEqual([1]);
		expect(entries(d)[0]!.links.map((l) => l.target)).toEqual(["Real link"]);
	});

	it("ignores inline code, HTML comments and %% comments, also across lines", () => {
		const d = parse([
			"# C",
			"[1. A - B](https://e.com) `#notatag` <!-- #hidden --> %% #gone %% #kept",
			"- `[[code link]]` and <!-- [[commented]] --> and %%[[hidden]]%% and [[shown]]",
			"<!--",
			"# Commented heading",
			"[2. Commented - entry](https://e.com/2)",
			"-->",
			"%%",
			"[[also hidden]]",
			"%%",
		].join("\n"));
		expect(entries(d)).toHaveLength(1);
		expect(entries(d)[0]!.tags).toEqual(["kept"]);
		expect(entries(d)[0]!.links.map((l) => l.target)).toEqual(["shown"]);
		expect(d.categories).toHaveLength(1);
	});

	it("does not take brackets inside inline code for the link's end", () => {
		const d = parse("# C\n[1. Tips - Use `a]b` well](https://e.com/x)\n");
		expect(entries(d)[0]).toMatchObject({ title: "Use `a]b` well", url: "https://e.com/x" });
	});
});

describe("parseDigest: links in commentary", () => {
	it("reads wiki-links, aliases, headings, blocks, folders, embeds and same-note links", () => {
		const d = parse([
			"# C",
			"[1. A - B](https://e.com)",
			"- [[Plain]] [[Target|Alias]] [[Note#Heading]] [[Note#^block1]] [[#Local]] [[folder/Deep]] ![[pic.png|center|500]]",
			"- table cell [[Piped\\|alias]]",
		].join("\n"));
		expect(entries(d)[0]!.links.map((l) => [l.target, l.subpath, l.alias, l.embed, l.line])).toEqual([
			["Plain", null, null, false, 3],
			["Target", null, "Alias", false, 3],
			["Note", "#Heading", null, false, 3],
			["Note", "#^block1", null, false, 3],
			["", "#Local", null, false, 3],
			["folder/Deep", null, null, false, 3],
			["pic.png", null, "center|500", true, 3],
			["Piped", null, "alias", false, 4],
		]);
	});

	it("reads Markdown links to relative note paths, not web links", () => {
		const d = parse("# C\n[1. A - B](https://e.com)\n- [my note](Other%20Note.md) and [web](https://e.com) and [mail](mailto:x@e.com) and ![img](a.png)\n");
		expect(entries(d)[0]!.links.map((l) => [l.target, l.alias, l.embed])).toEqual([
			["Other Note.md", "my note", false],
			["a.png", "img", true],
		]);
	});

	it("reads no links from the entry line itself or the preamble", () => {
		const d = parse("[[Preamble link]]\n# C\n[1. A - [[x]]](https://e.com)\n");
		expect(entries(d)[0]!.links).toEqual([]);
	});
});

describe("parseSeriesNote", () => {
	const series = [
		completeSeries({ name: "Tech", tag: "tech", folder: "Tech", categoryLevel: 2, dateFormat: "YYYY-MM-DD", templateNote: "Tech/Template.md" }),
		completeSeries({ name: "Weekly", tag: "weeklylinks" }),
	];
	it("parses with the options of the series the note belongs to", () => {
		const r = parseSeriesNote("---\ntitle: 2025-01-01 to 2025-01-07\ntags: [tech]\n---\n## Cat\n[1. A - B](https://e.com)\n", "Tech/2025/a.md", series, parseYaml);
		expect(r?.series.name).toBe("Tech");
		expect(r?.digest.categories.map((c) => c.name)).toEqual(["Cat"]);
		expect(r?.digest.period?.start).toEqual({ year: 2025, month: 1, day: 1 });
	});
	it("matches nested tags and ignores tag case", () => {
		expect(parseSeriesNote("---\ntags: [WeeklyLinks/2025]\n---\n", "a.md", series, parseYaml)?.series.name).toBe("Weekly");
	});
	it("returns null for other notes and for the series' template", () => {
		expect(parseSeriesNote("---\ntags: [other]\n---\n", "a.md", series, parseYaml)).toBeNull();
		expect(parseSeriesNote("---\ntags: [tech]\n---\n", "Elsewhere/a.md", series, parseYaml)).toBeNull();
		expect(parseSeriesNote("---\ntags: [tech]\n---\n", "Tech/Template.md", series, parseYaml)).toBeNull();
	});
});

describe("parseDigest: robustness", () => {
	it("never throws, and every entry it finds stands on a line starting with [", () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom("[", "]", "(", ")", "#", " ", "\n", "\r\n", "`", "~", "-", "<", ">", "!", "%", "a", "1", ".", "\\", "|", "*", "🌟", "---\n") , maxLength: 400 }), (text) => {
				const d = parse(text);
				const lines = text.replace(/^\uFEFF/, "").split("\n");
				for (const e of entries(d)) expect(lines[e.line - 1]!.startsWith("[")).toBe(true);
			}),
			{ numRuns: 2000 },
		);
		fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => { parse(text); }), { numRuns: 1000 });
	});

	it("reads pathological lines in linear time", () => {
		const big = 2_000_000;
		const cases = ["[".repeat(big), "(".repeat(big), "](".repeat(big / 2), "[[".repeat(big / 2), "`".repeat(big), "` ``".repeat(big / 4), "<!--".repeat(big / 4), "[a](".repeat(big / 4), "#".repeat(big)];
		// What the link text's reading of HTML, autolinks, code spans, references and nested links could
		// make slow, at 1 MB: quadratic there still takes minutes.
		const big2 = big / 2;
		const mine: string[] = [];
		mine.push(`[${"<a b=\"".repeat(big2 / 6)}`, `[${"<a b='<a c=\" ".repeat(big2 / 14)}`, `[${"<http:".repeat(big2 / 6)}`, `[${"<a@b".repeat(big2 / 4)}`);
		mine.push(`[${"<?".repeat(big2 / 2)}`, `[${"<!x".repeat(big2 / 3)}`, `[${"<![CDATA[".repeat(big2 / 9)}`);
		// Code spans in the link text (the masker's own cost dominates: read once more only as an entry).
		cases.push(`[${"`` `".repeat(big2 / 4)}`, `[${"\\`".repeat(big2 / 2)}`);
		mine.push(`[${"&amp".repeat(big2 / 4)}`, `[${"&#".repeat(big2 / 2)}`, `[${"[a](<".repeat(big2 / 5)}`, `[${"[a](b \"".repeat(big2 / 7)}`, `[${"[b](".repeat(big2 / 4)}`, `[${"![".repeat(big2 / 2)}`);
		for (const line of [...cases, ...mine]) {
			const start = performance.now();
			// As an entry line, and as commentary (after an entry, where its links are read).
			const d = parse(mine.includes(line) ? `# C\n${line}\n[1. A](https://e.com)\n- [x](${line}\n${line}\n` : `# C\n${line}\n- [x](${line}\n`);
			// A quadratic scan of 2 MB takes many minutes; a linear one takes well under a second, so this
			// bound holds even on a shared machine under heavy load (5 s did not) and still catches one.
			expect(performance.now() - start, line.slice(0, 8)).toBeLessThan(20_000);
			expect(d.categories).toHaveLength(1);
		}
	}, 300_000);

	it("reads 50,000 entries in one note", () => {
		const lines = ["# C"];
		for (let i = 1; i <= 50_000; i++) lines.push(`[${i}. S - Title ${i}](https://e.com/${i})`, "", `- note ${i} [[N${i % 10}]]`, "");
		const d = parse(lines.join("\n"));
		expect(entries(d)).toHaveLength(50_000);
		expect(entries(d)[49_999]!.commentary).toBe("- note 50000 [[N0]]");
	});

	it("reads binary-looking text without throwing", () => {
		const junk = String.fromCharCode(...Array.from({ length: 5000 }, (_, i) => (i * 7919) % 65536).filter((c) => c < 0xd800 || c > 0xdfff));
		expect(() => parse(`# C\n${junk}\n[1. A - B](https://e.com)\n${junk}`)).not.toThrow();
	});
});
