import { describe, it, expect } from "vitest";
import { parse } from "yaml";
import { deleteEntry, formatEntryLine, insertEntry, moveEntry, renumberEntries, toggleRecommended, type EditContext, type EditResult } from "../../../src/core/edit/entry-edits";
import { parseDigest } from "../../../src/core/format/parser";
import { applyChanges } from "../../../src/core/edit/text-edit";
import { parseEntryText } from "../../../src/core/format/entry-text";

const PATH = "Reading/Reading List 03-03-2025 to 09-03-2025.md";

function context(categories: string[] = []): EditContext {
	return { parseYaml: parse, series: { categoryLevel: 1, dateFormat: "DD-MM-YYYY", categories } };
}

const CTX = context();

/** Lines joined with LF. */
function doc(...lines: string[]): string {
	return lines.join("\n");
}

function crlf(text: string): string {
	return text.replace(/\n/g, "\r\n");
}

/** The edited text of a successful edit, after checking its changes replay to that text. */
function edited(original: string, result: EditResult): string {
	if (!result.ok) throw new Error(`edit refused: ${result.reason}`);
	expect(applyChanges(original, result.changes)).toBe(result.text);
	return result.text;
}

function refused(result: EditResult): string {
	if (result.ok) throw new Error(`edit was expected to be refused, got:\n${result.text}`);
	return result.reason;
}

function parsed(text: string, ctx: EditContext = CTX) {
	return parseDigest(text, PATH, { parseYaml: parse, categoryLevel: ctx.series.categoryLevel, dateFormat: ctx.series.dateFormat });
}

// Line numbers of BASE, for reference:
//  9 # Databases, 11 entry 1 (own commentary 13-14), 16 entry 2 and 18 entry 5 (a group,
//  commentary 20), 21 # Frontend (no blank line before it), 22 entry 1 of Frontend, 23 empty
//  (the trailing newline).
const BASE_LINES = [
	"---",
	'title: "Reading List: 03-03-2025 to 09-03-2025"',
	"tags:",
	"  - readinglist",
	"---",
	"",
	"A few words before the first category; none of them is an entry.",
	"",
	"# Databases",
	"",
	"[1. Postgres Weekly - Vacuum tuning notes](https://pg.example.org/vacuum)",
	"",
	"- Autovacuum thresholds, explained with **numbers**.",
	"\t- Nested detail about [[Storage Notes]].",
	"",
	"[2. Blog - Index-only scans](https://blog.example.net/ios)",
	"",
	"[5. Blog - Partial indexes in practice](https://blog.example.net/partial) #indexes",
	"",
	"- Notes shared by two and five.",
	"# Frontend",
	"[1. Web Notes - Container queries](https://web.example.com/cq)",
	"",
];
const BASE = doc(...BASE_LINES);

/** BASE with lines replaced: `at` is the 1-based first line, `count` how many go, then the new lines. */
function baseWith(...splices: [at: number, count: number, lines: string[]][]): string {
	const out = [...BASE_LINES];
	for (const [at, count, lines] of [...splices].sort((a, b) => b[0] - a[0])) out.splice(at - 1, count, ...lines);
	return doc(...out);
}

describe("the BASE fixture", () => {
	it("parses as the comments in this file say", () => {
		const d = parsed(BASE);
		expect(d.problems).toEqual([]);
		expect(d.categories.map((c) => [c.name, c.line, c.entries.map((e) => [e.number, e.line])])).toEqual([
			["Databases", 9, [[1, 11], [2, 16], [5, 18]]],
			["Frontend", 21, [[1, 22]]],
		]);
		expect(d.categories[0]!.entries[1]!.commentary).toBe("- Notes shared by two and five.");
		expect(d.categories[0]!.entries[2]!.commentary).toBe("- Notes shared by two and five.");
	});
});

describe("insertEntry", () => {
	it("appends after the last block of the category, one more than the largest number (gaps kept)", () => {
		const r = insertEntry(BASE, PATH, CTX, { category: "Databases", url: "https://db.example.com/wal", title: "WAL internals", source: "DB Digest" });
		expect(edited(BASE, r)).toBe(baseWith([20, 1, ["- Notes shared by two and five.", "", "[6. DB Digest - WAL internals](https://db.example.com/wal)"]]));
		expect(r.ok && r.line).toBe(22);
	});

	it("writes commentary as bullets after a blank line, keeping list items and indented lines as written", () => {
		const r = insertEntry(BASE, PATH, CTX, {
			category: "Databases",
			url: "https://db.example.com/wal",
			title: "WAL internals",
			commentary: ["Plain sentence.  ", "- Already a bullet", "", "\tindented continuation", "* star item", "2. numbered item"],
		});
		expect(edited(BASE, r)).toBe(
			baseWith([
				20,
				1,
				[
					"- Notes shared by two and five.",
					"",
					"[6. WAL internals](https://db.example.com/wal)",
					"",
					"- Plain sentence.",
					"- Already a bullet",
					"\tindented continuation",
					"* star item",
					"2. numbered item",
				],
			]),
		);
		const entry = parsed(r.ok ? r.text : "").categories[0]!.entries[3]!;
		expect(entry.title).toBe("WAL internals");
		expect(entry.commentary.split("\n")[0]).toBe("- Plain sentence.");
	});

	it("appends at the end of the last category, keeping the trailing newline", () => {
		const r = insertEntry(BASE, PATH, CTX, { category: "Frontend", url: "https://web.example.com/has", title: "The :has() selector", source: "Web Notes" });
		expect(edited(BASE, r)).toBe(baseWith([22, 1, ["[1. Web Notes - Container queries](https://web.example.com/cq)", "", "[2. Web Notes - The :has() selector](https://web.example.com/has)"]]));
		expect(r.ok && r.line).toBe(24);
	});

	it("matches the category name case-insensitively", () => {
		const a = insertEntry(BASE, PATH, CTX, { category: "  frontend ", url: "https://x.example", title: "X" });
		expect(edited(BASE, a)).toBe(baseWith([22, 1, ["[1. Web Notes - Container queries](https://web.example.com/cq)", "", "[2. X](https://x.example)"]]));
	});

	it("numbers 1 in a category that has only unnumbered entries", () => {
		const text = doc("# Tools", "", "[Unnumbered - Thing](https://t.example)", "");
		expect(edited(text, insertEntry(text, PATH, CTX, { category: "Tools", url: "https://u.example", title: "Other" }))).toBe(
			doc("# Tools", "", "[Unnumbered - Thing](https://t.example)", "", "[1. Other](https://u.example)", ""),
		);
	});

	it("inserts into an empty category right under its heading", () => {
		const text = doc("# Empty", "", "", "# Full", "", "[1. A](https://a.example)", "");
		const r = insertEntry(text, PATH, CTX, { category: "Empty", url: "https://n.example", title: "First one" });
		expect(edited(text, r)).toBe(doc("# Empty", "", "[1. First one](https://n.example)", "", "", "# Full", "", "[1. A](https://a.example)", ""));
		expect(r.ok && r.line).toBe(3);
	});

	it("inserts into an empty category that is the last line of a file without a trailing newline", () => {
		const text = doc("# Full", "[1. A](https://a.example)", "# Empty");
		expect(edited(text, insertEntry(text, PATH, CTX, { category: "Empty", url: "https://n.example", title: "N" }))).toBe(
			doc("# Full", "[1. A](https://a.example)", "# Empty", "", "[1. N](https://n.example)"),
		);
	});

	it("creates a missing category where the series' order puts it", () => {
		const ctx = context(["Databases", "Backend", "Frontend"]);
		const r = insertEntry(BASE, PATH, ctx, { category: "Backend", url: "https://api.example.com/rest", title: "Pagination", source: "API Times" });
		// The new heading goes right before "# Frontend", which has no blank line before it.
		expect(edited(BASE, r)).toBe(baseWith([21, 0, ["# Backend", "", "[1. API Times - Pagination](https://api.example.com/rest)", ""]]));
		expect(r.ok && r.line).toBe(23);
	});

	it("creates a missing category before the first one when the order puts it first", () => {
		const ctx = context(["Security", "Databases", "Frontend"]);
		const r = insertEntry(BASE, PATH, ctx, { category: "Security", url: "https://sec.example/tls", title: "TLS" });
		expect(edited(BASE, r)).toBe(baseWith([9, 0, ["# Security", "", "[1. TLS](https://sec.example/tls)", ""]]));
		expect(r.ok && r.line).toBe(11);
	});

	it("creates a missing category at the end when it is last in the order or not in it", () => {
		const expected = baseWith([23, 0, ["", "# Security", "", "[1. TLS](https://sec.example/tls)"]]);
		for (const ctx of [context(["Databases", "Frontend", "Security"]), context(["Databases", "Frontend"]), CTX]) {
			const r = insertEntry(BASE, PATH, ctx, { category: "Security", url: "https://sec.example/tls", title: "TLS" });
			expect(edited(BASE, r)).toBe(expected);
			expect(r.ok && r.line).toBe(26);
		}
	});

	it("ignores trailing blank lines when it creates a category at the end", () => {
		const text = doc("# A", "[1. A](https://a.example)", "", "", "");
		expect(edited(text, insertEntry(text, PATH, CTX, { category: "B", url: "https://b.example", title: "B" }))).toBe(
			doc("# A", "[1. A](https://a.example)", "", "# B", "", "[1. B](https://b.example)", "", "", ""),
		);
	});

	it("creates the first category of a note that has only frontmatter", () => {
		const text = doc("---", "title: Empty", "---");
		expect(edited(text, insertEntry(text, PATH, CTX, { category: "New", url: "https://n.example", title: "N" }))).toBe(
			doc("---", "title: Empty", "---", "", "# New", "", "[1. N](https://n.example)"),
		);
		expect(edited("", insertEntry("", PATH, CTX, { category: "New", url: "https://n.example", title: "N" }))).toBe(doc("# New", "", "[1. N](https://n.example)", ""));
	});

	it("writes headings at the series' category level", () => {
		const ctx: EditContext = { parseYaml: parse, series: { categoryLevel: 2, dateFormat: "DD-MM-YYYY", categories: [] } };
		const text = doc("# Digest", "", "## Tools", "[1. A](https://a.example)", "");
		expect(edited(text, insertEntry(text, PATH, ctx, { category: "Games", url: "https://g.example", title: "G" }))).toBe(
			doc("# Digest", "", "## Tools", "[1. A](https://a.example)", "", "## Games", "", "[1. G](https://g.example)", ""),
		);
	});

	it("escapes a title with unbalanced brackets, and only then", () => {
		const line = (title: string) => {
			const r = insertEntry(BASE, PATH, CTX, { category: "Frontend", url: "https://t.example", title });
			const text = edited(BASE, r);
			const entry = parsed(text).categories[1]!.entries[1]!;
			expect(entry.title).toBe(title);
			return text.split("\n")[23];
		};
		expect(line("Arrays [part 1")).toBe("[2. Arrays \\[part 1](https://t.example)");
		expect(line("closing ] first [")).toBe("[2. closing \\] first \\[](https://t.example)");
		expect(line("Maps [and] sets")).toBe("[2. Maps [and] sets](https://t.example)");
		expect(line("C:\\Temp [x")).toBe("[2. C:\\\\Temp \\[x](https://t.example)");
	});

	it("wraps a destination with spaces or unbalanced parentheses in <...>", () => {
		const line = (url: string) => {
			const text = edited(BASE, insertEntry(BASE, PATH, CTX, { category: "Frontend", url, title: "T" }));
			expect(parsed(text).categories[1]!.entries[1]!.url).toBe(url);
			return text.split("\n")[23];
		};
		expect(line("https://files.example.com/My Report.pdf")).toBe("[2. T](<https://files.example.com/My Report.pdf>)");
		expect(line("https://x.example/a_(b")).toBe("[2. T](<https://x.example/a_(b>)");
		expect(line("https://x.example/a)b")).toBe("[2. T](<https://x.example/a)b>)");
		expect(line("https://en.example.org/wiki/Go_(language)")).toBe("[2. T](https://en.example.org/wiki/Go_(language))");
	});

	it("writes the recommended flag and tags as FORMAT.md says", () => {
		const r = insertEntry(BASE, PATH, CTX, {
			category: "Frontend",
			url: "https://web.example.com/grid",
			title: "Subgrid",
			source: "CSS Weekly",
			recommended: true,
			tags: ["#layout", "two words", "nested/tag", "2025"],
		});
		const text = edited(BASE, r);
		expect(text.split("\n")[23]).toBe("[2. CSS Weekly - Subgrid](https://web.example.com/grid) 🌟 **(Recommended)** #layout #two-words #nested/tag");
		const entry = parsed(text).categories[1]!.entries[1]!;
		expect(entry).toMatchObject({ number: 2, source: "CSS Weekly", title: "Subgrid", recommended: true, tags: ["layout", "two-words", "nested/tag"] });
	});

	it("splits commentary items that hold line breaks, so a CRLF file gets no bare LF", () => {
		const text = "# A\r\n[1. X](https://x.example)\r\n";
		expect(edited(text, insertEntry(text, PATH, CTX, { category: "A", url: "https://y.example", title: "Y", commentary: ["one\ntwo", "- three\r\n\tfour"], shareCommentary: true }))).toBe(
			"# A\r\n[1. X](https://x.example)\r\n\r\n[2. Y](https://y.example)\r\n\r\n- one\r\n- two\r\n- three\r\n\tfour\r\n",
		);
	});

	it("escapes a separator hyphen in the source, or in a title without a source, so it reads back", () => {
		const cases: [string | undefined, string, string][] = [
			[undefined, "Kubernetes - the hard way", "[2. Kubernetes \\- the hard way](https://t.example)"],
			["Team - Platform", "Rollouts", "[2. Team \\- Platform - Rollouts](https://t.example)"],
			["Ends with -", "Rollouts", "[2. Ends with \\- - Rollouts](https://t.example)"],
			["Src", "Title - with - dashes", "[2. Src - Title - with - dashes](https://t.example)"],
			[undefined, "well-known -flag", "[2. well-known -flag](https://t.example)"],
		];
		for (const [source, title, line] of cases) {
			const text = edited(BASE, insertEntry(BASE, PATH, CTX, { category: "Frontend", url: "https://t.example", title, source }));
			expect(text.split("\n")[23]).toBe(line);
			const d = parsed(text);
			expect(d.categories[1]!.entries[1]).toMatchObject({ source: source ?? null, title });
			// `-flag` is a hyphen with a space on one side: left alone, and reported as FORMAT.md says.
			expect(d.problems.map((p) => p.code)).toEqual(title.includes(" -f") ? ["entry-format"] : []);
		}
	});

	it("doubles a backslash in the URL that would read as an escape", () => {
		for (const [url, dest] of [
			["https://x.example/a\\_b", "https://x.example/a\\\\_b"],
			["https://x.example/dir\\", "https://x.example/dir\\\\"],
			["https://x.example/a\\b", "https://x.example/a\\b"],
		]) {
			const text = edited(BASE, insertEntry(BASE, PATH, CTX, { category: "Frontend", url: url!, title: "T" }));
			expect(text.split("\n")[23]).toBe(`[2. T](${dest})`);
			expect(parsed(text).categories[1]!.entries[1]!.url).toBe(url);
		}
	});

	it("refuses an entry that would not read back, rather than break the note", () => {
		// `%%` in the URL opens a comment that would hide the rest of the note (in a title it is
		// escaped); a heading ending in `#` reads back without it; a code block left open swallows
		// whatever follows it.
		const open = doc("# A", "[1. X](https://x.example)", "```", "code", "");
		const cases: [string, Parameters<typeof insertEntry>[3]][] = [
			[BASE, { category: "Frontend", url: "https://t.example/%%", title: "T" }],
			[BASE, { category: "C #", url: "https://t.example", title: "T" }],
			[open, { category: "A", url: "https://t.example", title: "T" }],
			[open, { category: "B", url: "https://t.example", title: "T" }],
		];
		for (const [text, input] of cases) expect(refused(insertEntry(text, PATH, CTX, input)), input.title).toContain("left unchanged");
	});

	it("escapes a title that would open a comment, so that it reads back as typed", () => {
		// Written as they stand, `%%` and `<!--` would hide the rest of the note.
		for (const title of ["Save 50%% today", "a <!-- b"]) {
			const r = insertEntry(BASE, PATH, CTX, { category: "Frontend", url: "https://t.example", title });
			const out = edited(BASE, r);
			expect(out).not.toContain(title);
			const e = parsed(out).categories.find((c) => c.name === "Frontend")!.entries.at(-1)!;
			expect([e.title, e.line]).toEqual([title, r.ok && r.line]);
			expect(parsed(out).categories.map((c) => c.name)).toEqual(parsed(BASE).categories.map((c) => c.name));
		}
	});

	it("refuses a note with a malformed entry and says where", () => {
		const text = baseWith([16, 1, ["[2. Blog - Index-only scans](https://blog.example.net/ios"]]);
		const reason = refused(insertEntry(text, PATH, CTX, { category: "Databases", url: "https://x.example", title: "X" }));
		expect(reason).toContain("left unchanged");
		expect(reason).toContain("line 16");
		expect(reason).toContain("not a complete link");
	});

	it("refuses a note with broken YAML", () => {
		const text = baseWith([4, 1, ["  - [readinglist"]]);
		const reason = refused(insertEntry(text, PATH, CTX, { category: "Databases", url: "https://x.example", title: "X" }));
		expect(reason).toContain("left unchanged");
		expect(reason).toMatch(/frontmatter is not valid YAML/);
	});

	it("refuses missing or multi-line fields", () => {
		expect(refused(insertEntry(BASE, PATH, CTX, { category: " ", url: "https://x.example", title: "X" }))).toMatch(/category/);
		expect(refused(insertEntry(BASE, PATH, CTX, { category: "A", url: "", title: "X" }))).toMatch(/URL/);
		expect(refused(insertEntry(BASE, PATH, CTX, { category: "A", url: "https://x.example", title: "  " }))).toMatch(/title/);
		expect(refused(insertEntry(BASE, PATH, CTX, { category: "A", url: "https://x.example", title: "two\nlines" }))).toMatch(/one line/);
		expect(refused(insertEntry(BASE, PATH, CTX, { category: "A", url: "https://x.example", title: "X", source: "a\r\nb" }))).toMatch(/one line/);
	});
});

describe("formatEntryLine", () => {
	it("writes number, source, title, flag and tags", () => {
		expect(formatEntryLine({ number: 3, source: " Src ", title: " Title ", url: " https://x.example ", recommended: true, tags: ["a"] })).toBe(
			"[3. Src - Title](https://x.example) 🌟 **(Recommended)** #a",
		);
		expect(formatEntryLine({ number: null, title: "Bare", url: "https://x.example" })).toBe("[Bare](https://x.example)");
		expect(formatEntryLine({ number: 1, source: "  ", title: "No source", url: "https://x.example", tags: ["###", "12", "ok"] })).toBe("[1. No source](https://x.example) #ok");
	});

	/** The entry the parser reads from a written line. */
	function readBack(line: string) {
		const e = parsed(`# C\n${line}\n`).categories[0]!.entries[0];
		return e && { number: e.number, source: e.source, title: e.title, url: e.url };
	}

	it("writes what would read as a character reference so that it reads back as typed", () => {
		const cases = [
			{ number: 1, source: "AT&amp;T", title: "Caf&eacute; &#8212; &#x41;", url: "https://x.example/?a=1&copy;=2&amp;b=&#35;" },
			{ number: 2, source: "A & B", title: "Q&A &nope; &amp", url: "https://x.example/?a=1&b=2" },
			{ number: 3, source: "S", title: "T", url: "https://x.example/a b&lt;c" },
		];
		for (const e of cases) expect(readBack(formatEntryLine(e)), formatEntryLine(e)).toEqual(e);
		// A `&` that starts no reference stays as it is.
		expect(formatEntryLine(cases[1]!)).toBe("[2. A & B - Q&A &nope; &amp](https://x.example/?a=1&b=2)");
	});

	it("writes titles that hold a link, an unclosed tag, code or dashes so that they read back as typed", () => {
		const cases = [
			{ number: 1, source: null, title: "See [this](https://a.example) too", url: "https://x.example" },
			{ number: 2, source: "S", title: "a <span title=\"", url: "https://x.example/\" b>" },
			{ number: 3, source: "S", title: "Open <https://a.example/?q=", url: "https://x.example/>" },
			{ number: 4, source: "Src `a", title: "b` c", url: "https://x.example" },
			{ number: 5, source: null, title: "Use `a - b` and `C:\\dir\\` here", url: "https://x.example" },
			{ number: 6, source: "One – two", title: "three — four", url: "https://x.example" },
			{ number: 7, source: null, title: "Dash – inside", url: "https://x.example" },
			{ number: null, source: null, title: "1. Not a number", url: "https://x.example" },
			{ number: null, source: null, title: "[x] not a wiki-link", url: "https://x.example" },
		];
		for (const e of cases) expect(readBack(formatEntryLine(e)), formatEntryLine(e)).toEqual(e);
		// Code keeps its backticks when nothing else is at stake.
		expect(formatEntryLine(cases[4]!)).toBe("[5. Use `a - b` and `C:\\dir\\` here](https://x.example)");
	});
});

describe("renumberEntries", () => {
	const text = doc(
		"# One",
		"[3. A](https://a.example) #tag3",
		"",
		"[3) B](https://b.example)",
		"- commentary mentioning 3. and 7.",
		"[No number](https://c.example)",
		"",
		"[12. D - Title 12](https://d.example)",
		"# Two",
		"[2. E](https://e.example)",
		"[ 1. F](https://f.example)",
		"",
	);

	it("numbers 1..n in document order within each category, changing only the digits", () => {
		const r = renumberEntries(text, PATH, CTX);
		expect(edited(text, r)).toBe(
			doc(
				"# One",
				"[1. A](https://a.example) #tag3",
				"",
				"[2) B](https://b.example)",
				"- commentary mentioning 3. and 7.",
				"[No number](https://c.example)",
				"",
				"[3. D - Title 12](https://d.example)",
				"# Two",
				"[1. E](https://e.example)",
				"[ 2. F](https://f.example)",
				"",
			),
		);
		if (!r.ok) return;
		for (const c of r.changes) {
			expect(text.slice(c.from, c.to)).toMatch(/^\d+$/);
			expect(c.insert).toMatch(/^\d+$/);
		}
	});

	it("is idempotent", () => {
		const once = edited(text, renumberEntries(text, PATH, CTX));
		const twice = renumberEntries(once, PATH, CTX);
		expect(edited(once, twice)).toBe(once);
		expect(twice.ok && twice.changes).toEqual([]);
	});

	it("renumbers only the named categories", () => {
		expect(edited(text, renumberEntries(text, PATH, CTX, ["two"]))).toBe(text.replace("[2. E]", "[1. E]").replace("[ 1. F]", "[ 2. F]"));
	});

	it("renumbers BASE's gap", () => {
		expect(edited(BASE, renumberEntries(BASE, PATH, CTX))).toBe(BASE.replace("[5. Blog", "[3. Blog"));
	});

	it("refuses a note with a malformed entry", () => {
		expect(refused(renumberEntries(text + "[broken](", PATH, CTX))).toContain("line 12");
	});
});

describe("toggleRecommended", () => {
	/** Toggles the entry on line 2 of a one-category note and returns the new line 2. */
	function toggled(entryLine: string): string {
		const text = doc("# Cat", entryLine, "- commentary (Recommended) stays", "");
		const out = edited(text, toggleRecommended(text, PATH, CTX, 2)).split("\n");
		expect(out.length).toBe(4);
		expect([out[0], out[2], out[3]]).toEqual(["# Cat", "- commentary (Recommended) stays", ""]);
		return out[1]!;
	}

	it("adds the flag right after the link, before tags", () => {
		expect(toggled("[1. A](https://a.example)")).toBe("[1. A](https://a.example) 🌟 **(Recommended)**");
		expect(toggled("[1. A](https://a.example) #one #two")).toBe("[1. A](https://a.example) 🌟 **(Recommended)** #one #two");
		expect(toggled("[1. A - Why (Recommended) defaults matter](https://a.example/(recommended))")).toBe(
			"[1. A - Why (Recommended) defaults matter](https://a.example/(recommended)) 🌟 **(Recommended)**",
		);
	});

	it("removes every written form of the flag and nothing else", () => {
		const cases: [string, string][] = [
			["[1. A](https://a.example) (Recommended)", "[1. A](https://a.example)"],
			["[1. A](https://a.example) **(Recommended)**", "[1. A](https://a.example)"],
			["[1. A](https://a.example) ⭐ *(recommended)*", "[1. A](https://a.example)"],
			["[1. A](https://a.example) ⭐️ __(RECOMMENDED)__", "[1. A](https://a.example)"],
			["[1. A](https://a.example) ðŸŒŸ **(Recommended)**", "[1. A](https://a.example)"],
			["[1. A](https://a.example) â­ **(Recommended)**", "[1. A](https://a.example)"],
			["[1. A](https://a.example) 🌟 **(Recommended)**", "[1. A](https://a.example)"],
			["[1. A](https://a.example)🌟**(Recommended)**", "[1. A](https://a.example)"],
			["[1. A](https://a.example) 🌟 **(Recommended)** #tag #other/nested", "[1. A](https://a.example) #tag #other/nested"],
			["[1. A](https://a.example) - a fine read 🌟 **(Recommended)** #tag", "[1. A](https://a.example) - a fine read #tag"],
			["[1. A - (Recommended) in the title](https://a.example) *(Recommended)*", "[1. A - (Recommended) in the title](https://a.example)"],
			// The emoji inside the emphasis, and a flag written twice: the entry must end up unflagged.
			["[1. A](https://a.example) **🌟 (Recommended)** #t", "[1. A](https://a.example) #t"],
			["[1. A](https://a.example) (Recommended) and again **(recommended)**", "[1. A](https://a.example) and again"],
		];
		for (const [before, after] of cases) {
			expect(toggled(before), before).toBe(after);
			expect(parsed(doc("# Cat", after)).categories[0]!.entries[0]!.recommended).toBe(false);
		}
	});

	it("turns the flag on and off again to the original bytes", () => {
		const on = edited(BASE, toggleRecommended(BASE, PATH, CTX, 18));
		expect(on).toBe(baseWith([18, 1, ["[5. Blog - Partial indexes in practice](https://blog.example.net/partial) 🌟 **(Recommended)** #indexes"]]));
		expect(parsed(on).categories[0]!.entries[2]!.recommended).toBe(true);
		const off = edited(on, toggleRecommended(on, PATH, CTX, 18));
		expect(off).toBe(BASE);
	});

	it("refuses a line that is not an entry", () => {
		expect(refused(toggleRecommended(BASE, PATH, CTX, 13))).toBe("Line 13 is not an entry.");
		expect(refused(toggleRecommended(BASE, PATH, CTX, 7))).toBe("Line 7 is not an entry.");
	});
});

describe("moveEntry", () => {
	it("moves an entry with its own commentary and renumbers both categories", () => {
		// Container queries has no commentary: the moved one becomes its too, as asked.
		const r = moveEntry(BASE, PATH, CTX, 11, "Frontend", { shareCommentary: true });
		expect(edited(BASE, r)).toBe(
			baseWith(
				[10, 5, []],
				[16, 1, ["[1. Blog - Index-only scans](https://blog.example.net/ios)"]],
				[18, 1, ["[2. Blog - Partial indexes in practice](https://blog.example.net/partial) #indexes"]],
				[
					22,
					1,
					[
						"[1. Web Notes - Container queries](https://web.example.com/cq)",
						"",
						"[2. Postgres Weekly - Vacuum tuning notes](https://pg.example.org/vacuum)",
						"",
						"- Autovacuum thresholds, explained with **numbers**.",
						"\t- Nested detail about [[Storage Notes]].",
					],
				],
			),
		);
		expect(r.ok && r.line).toBe(19);
	});

	it("asks first whether a group's shared commentary goes with the entry, stays, or is copied", () => {
		for (const line of [16, 18]) {
			const r = moveEntry(BASE, PATH, CTX, line, "Frontend", { shareCommentary: true });
			expect(r.ok ? null : r.ask).toEqual({ kind: "group-commentary", sharedWith: [line === 16 ? "Partial indexes in practice" : "Index-only scans"] });
			expect(refused(r)).toBe(`The commentary after "Partial indexes in practice" is that of ${line === 16 ? '"Index-only scans" and of "Partial indexes in practice"' : '"Partial indexes in practice" and of "Index-only scans"'}: say whether it moves with the entry, stays, or is copied.`);
		}
	});

	it("moves a group's shared commentary with the entry when asked, from the middle of the group or its end", () => {
		const first = moveEntry(BASE, PATH, CTX, 16, "Frontend", { shareCommentary: true, groupCommentary: "move" });
		expect(edited(BASE, first)).toBe(
			baseWith([15, 2, []], [18, 1, ["[2. Blog - Partial indexes in practice](https://blog.example.net/partial) #indexes"]], [19, 2, []], [22, 1, ["[1. Web Notes - Container queries](https://web.example.com/cq)", "", "[2. Blog - Index-only scans](https://blog.example.net/ios)", "", "- Notes shared by two and five."]]),
		);
		const last = moveEntry(BASE, PATH, CTX, 18, "Frontend", { shareCommentary: true, groupCommentary: "move" });
		expect(edited(BASE, last)).toBe(baseWith([17, 4, []], [22, 1, ["[1. Web Notes - Container queries](https://web.example.com/cq)", "", "[2. Blog - Partial indexes in practice](https://blog.example.net/partial) #indexes", "", "- Notes shared by two and five."]]));
		expect(parsed(last.ok ? last.text : "").categories[0]!.entries.map((e) => e.commentary)).toEqual(["- Autovacuum thresholds, explained with **numbers**.\n\t- Nested detail about [[Storage Notes]].", ""]);
	});

	it("leaves a group's shared commentary with the others when asked", () => {
		const r = moveEntry(BASE, PATH, CTX, 18, "Frontend", { groupCommentary: "keep" });
		expect(edited(BASE, r)).toBe(baseWith([17, 2, []], [22, 1, ["[1. Web Notes - Container queries](https://web.example.com/cq)", "", "[2. Blog - Partial indexes in practice](https://blog.example.net/partial) #indexes"]]));
		const d = parsed(r.ok ? r.text : "");
		expect(d.categories.map((c) => c.entries.map((e) => [e.title, e.commentary !== ""]))).toEqual([
			[["Vacuum tuning notes", true], ["Index-only scans", true]],
			[["Container queries", false], ["Partial indexes in practice", false]],
		]);
	});

	it("copies a group's shared commentary and leaves it with the rest of the group", () => {
		const r = moveEntry(BASE, PATH, CTX, 16, "Frontend", { shareCommentary: true, groupCommentary: "copy" });
		expect(edited(BASE, r)).toBe(
			baseWith(
				[15, 2, []],
				[18, 1, ["[2. Blog - Partial indexes in practice](https://blog.example.net/partial) #indexes"]],
				[22, 1, ["[1. Web Notes - Container queries](https://web.example.com/cq)", "", "[2. Blog - Index-only scans](https://blog.example.net/ios)", "", "- Notes shared by two and five."]],
			),
		);
		const d = parsed(r.ok ? r.text : "");
		expect(d.categories[0]!.entries.map((e) => [e.number, e.commentary])).toEqual([
			[1, "- Autovacuum thresholds, explained with **numbers**.\n\t- Nested detail about [[Storage Notes]]."],
			[2, "- Notes shared by two and five."],
		]);
	});

	it("moves into a category that does not exist yet, where the order puts it", () => {
		const r = moveEntry(BASE, PATH, context(["Databases", "Backend", "Frontend"]), 18, "Backend", { groupCommentary: "copy" });
		expect(edited(BASE, r)).toBe(
			baseWith([17, 2, []], [21, 0, ["# Backend", "", "[1. Blog - Partial indexes in practice](https://blog.example.net/partial) #indexes", "", "- Notes shared by two and five.", ""]]),
		);
		expect(r.ok && r.line).toBe(21);
	});

	it("moves the last entry of a file without a trailing newline", () => {
		const text = doc("# A", "[1. X](https://x.example)", "", "[2. Y](https://y.example)", "# B", "[7. Z](https://z.example)");
		expect(edited(text, moveEntry(text, PATH, CTX, 6, "A"))).toBe(doc("# A", "[1. X](https://x.example)", "", "[2. Y](https://y.example)", "", "[3. Z](https://z.example)", "# B"));
		expect(edited(text, moveEntry(text, PATH, CTX, 2, "c"))).toBe(
			// X has no blank line before it, so none goes with it; the one after it stays.
			doc("# A", "", "[1. Y](https://y.example)", "# B", "[7. Z](https://z.example)", "", "# c", "", "[1. X](https://x.example)"),
		);
	});

	it("refuses a move into the entry's own category, an empty name or a non-entry line", () => {
		expect(refused(moveEntry(BASE, PATH, CTX, 11, "databases"))).toContain("already in");
		expect(refused(moveEntry(BASE, PATH, CTX, 11, " "))).toContain("Name the category");
		expect(refused(moveEntry(BASE, PATH, CTX, 9, "Frontend"))).toBe("Line 9 is not an entry.");
		// A code block left open at the end of the target would swallow the moved entry.
		const open = doc("# A", "[1. X](https://x.example)", "# B", "```", "code", "");
		expect(refused(moveEntry(open, PATH, CTX, 2, "B"))).toContain("left unchanged");
	});
});

describe("deleteEntry", () => {
	it("deletes an entry that is alone in its group with its commentary", () => {
		const r = deleteEntry(BASE, PATH, CTX, 11);
		expect(edited(BASE, r)).toBe(baseWith([10, 5, []]));
	});

	it("deletes only the line of an entry in a group", () => {
		expect(edited(BASE, deleteEntry(BASE, PATH, CTX, 18, { sharedCommentary: "keep" }))).toBe(baseWith([17, 2, []]));
		expect(edited(BASE, deleteEntry(BASE, PATH, CTX, 16))).toBe(baseWith([15, 2, []]));
	});

	it("deletes the only entry of a category, leaving its heading", () => {
		expect(edited(BASE, deleteEntry(BASE, PATH, CTX, 22))).toBe(baseWith([22, 1, []]));
	});

	it("deletes the last line of a file without a trailing newline", () => {
		const text = doc("# A", "[1. X](https://x.example)", "", "[2. Y](https://y.example)");
		expect(edited(text, deleteEntry(text, PATH, CTX, 4))).toBe(doc("# A", "[1. X](https://x.example)"));
		const single = doc("# A", "[1. X](https://x.example)", "- its note");
		expect(edited(single, deleteEntry(single, PATH, CTX, 2))).toBe("# A");
	});

	it("refuses a line that is not an entry", () => {
		expect(refused(deleteEntry(BASE, PATH, CTX, 20))).toBe("Line 20 is not an entry.");
		expect(refused(deleteEntry(BASE, PATH, CTX, 99))).toBe("Line 99 is not an entry.");
	});
});

describe("line endings, BOM and headings without a blank line", () => {
	const CR = crlf(BASE);

	it("keeps a CRLF file CRLF in every edit", () => {
		const cases: [EditResult, EditResult][] = [
			[insertEntry(CR, PATH, CTX, { category: "Databases", url: "https://x.example", title: "X", commentary: ["a", "b"] }), insertEntry(BASE, PATH, CTX, { category: "Databases", url: "https://x.example", title: "X", commentary: ["a", "b"] })],
			[insertEntry(CR, PATH, CTX, { category: "New", url: "https://x.example", title: "X" }), insertEntry(BASE, PATH, CTX, { category: "New", url: "https://x.example", title: "X" })],
			[renumberEntries(CR, PATH, CTX), renumberEntries(BASE, PATH, CTX)],
			[toggleRecommended(CR, PATH, CTX, 16), toggleRecommended(BASE, PATH, CTX, 16)],
			[moveEntry(CR, PATH, CTX, 11, "Frontend", { shareCommentary: true }), moveEntry(BASE, PATH, CTX, 11, "Frontend", { shareCommentary: true })],
			[moveEntry(CR, PATH, CTX, 22, "Other"), moveEntry(BASE, PATH, CTX, 22, "Other")],
			[deleteEntry(CR, PATH, CTX, 11), deleteEntry(BASE, PATH, CTX, 11)],
			[deleteEntry(CR, PATH, CTX, 22), deleteEntry(BASE, PATH, CTX, 22)],
		];
		for (const [inCr, inLf] of cases) {
			const out = edited(CR, inCr);
			expect(out).toBe(crlf(edited(BASE, inLf)));
			expect(out).not.toMatch(/[^\r]\n/);
			expect(inCr.ok && inLf.ok && inCr.line).toBe(inLf.ok && inLf.line);
		}
	});

	it("keeps CRLF when the file has no trailing newline", () => {
		const text = "# A\r\n[1. X](https://x.example)";
		expect(edited(text, insertEntry(text, PATH, CTX, { category: "A", url: "https://y.example", title: "Y", commentary: ["c"], shareCommentary: true }))).toBe(
			"# A\r\n[1. X](https://x.example)\r\n\r\n[2. Y](https://y.example)\r\n\r\n- c",
		);
		expect(edited(text, insertEntry(text, PATH, CTX, { category: "B", url: "https://y.example", title: "Y" }))).toBe(
			"# A\r\n[1. X](https://x.example)\r\n\r\n# B\r\n\r\n[1. Y](https://y.example)",
		);
	});

	it("keeps a BOM at the very start", () => {
		const text = "\uFEFF# Databases\n[1. A](https://a.example)\n";
		const r = insertEntry(text, PATH, context(["Security", "Databases"]), { category: "Security", url: "https://s.example", title: "S" });
		expect(edited(text, r)).toBe("\uFEFF# Security\n\n[1. S](https://s.example)\n\n# Databases\n[1. A](https://a.example)\n");
		expect(r.ok && r.line).toBe(3);
		expect(edited(text, deleteEntry(text, PATH, CTX, 2))).toBe("\uFEFF# Databases\n");
		expect(edited(text, toggleRecommended(text, PATH, CTX, 2))).toBe("\uFEFF# Databases\n[1. A](https://a.example) 🌟 **(Recommended)**\n");
		const withFm = `\uFEFF${BASE}`;
		expect(edited(withFm, renumberEntries(withFm, PATH, CTX))).toBe(`\uFEFF${BASE.replace("[5. Blog", "[3. Blog")}`);
	});

	it("edits categories whose headings follow the previous line directly", () => {
		const text = doc("# A", "[1. X](https://x.example)", "- note on X", "# B", "[1. Y](https://y.example)", "# C", "[4. Z](https://z.example)");
		expect(edited(text, insertEntry(text, PATH, CTX, { category: "A", url: "https://n.example", title: "N" }))).toBe(
			doc("# A", "[1. X](https://x.example)", "- note on X", "", "[2. N](https://n.example)", "# B", "[1. Y](https://y.example)", "# C", "[4. Z](https://z.example)"),
		);
		expect(edited(text, insertEntry(text, PATH, CTX, { category: "B", url: "https://n.example", title: "N" }))).toBe(
			doc("# A", "[1. X](https://x.example)", "- note on X", "# B", "[1. Y](https://y.example)", "", "[2. N](https://n.example)", "# C", "[4. Z](https://z.example)"),
		);
		expect(edited(text, deleteEntry(text, PATH, CTX, 5))).toBe(doc("# A", "[1. X](https://x.example)", "- note on X", "# B", "# C", "[4. Z](https://z.example)"));
		expect(edited(text, moveEntry(text, PATH, CTX, 2, "C", { shareCommentary: true }))).toBe(
			doc("# A", "# B", "[1. Y](https://y.example)", "# C", "[1. Z](https://z.example)", "", "[2. X](https://x.example)", "", "- note on X"),
		);
		expect(edited(text, renumberEntries(text, PATH, CTX))).toBe(text.replace("[4. Z]", "[1. Z]"));
	});
});

describe("formatEntryLine: unnumbered text that starts like a number", () => {
	it("escapes the number's punctuation so the text reads back as written, not as a number", () => {
		for (const [source, title] of [["0)", "Intro"], [null, "1. Intro"], [null, "2)"]] as const) {
			const line = formatEntryLine({ number: null, source, title, url: "https://example.com/x" });
			const text = parseEntryText(line.slice(1, line.indexOf("](")));
			expect({ number: text.number, source: text.source, title: text.title }).toEqual({ number: null, source, title });
		}
	});
});

describe("a note written with another category level than the series'", () => {
	// Issue 11: `add --category Frontend` wrote `# Frontend` beside the note's `## Frontend`, and
	// renumber called entries 1 then 3 "already numbered in order".
	const h2 = doc("## Frontend", "", "[1. Blog - One](https://e.com/1)", "", "[3. Blog - Two](https://e.com/2)", "");

	it("insertEntry refuses to create `# X` beside an existing `## X`, in one sentence, and changes nothing", () => {
		const reason = refused(insertEntry(h2, PATH, CTX, { category: "frontend", url: "https://e.com/new", title: "New" }));
		expect(reason).toBe('The note already has "Frontend" as a level-2 heading (## Frontend, line 1), and the series\' categories are level-1 headings, so the entry was not added; set the series\' category level to 2.');
	});

	it("insertEntry still adds a category whose name no heading of another level has", () => {
		expect(edited(h2, insertEntry(h2, PATH, CTX, { category: "Backend", url: "https://e.com/new", title: "New" }))).toBe(`${h2}\n# Backend\n\n[1. New](https://e.com/new)\n`);
	});

	it("moveEntry refuses the same way", () => {
		const text = doc("# Other", "[1. Blog - One](https://e.com/1)", "", "### Frontend", "");
		expect(refused(moveEntry(text, PATH, CTX, 2, "Frontend"))).toMatch(/^The note already has "Frontend" as a level-3 heading/);
	});

	it("renumberEntries says it found no entries at the series' level", () => {
		expect(refused(renumberEntries(h2, PATH, CTX))).toBe("Nothing renumbered: the series' categories are # headings, but this note's entries are under ## (## Frontend, line 1). Set the category level to 2 in settings.");
	});

	it("renumberEntries renumbers those entries with the note's level", () => {
		expect(edited(h2, renumberEntries(h2, PATH, { ...CTX, series: { ...CTX.series, categoryLevel: 2 } }))).toBe(h2.replace("[3. ", "[2. "));
	});
});
