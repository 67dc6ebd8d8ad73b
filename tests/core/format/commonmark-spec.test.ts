import { createRequire } from "node:module";
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { decodeLinkText } from "../../../src/core/format/entry-text";
import { CodeMasker, parseInlineLink } from "../../../src/core/format/markdown-scan";
import { parseDigest } from "../../../src/core/format/parser";

/**
 * An entry line must read as CommonMark reads the link at its start. The spec's own examples
 * (the `commonmark-spec` package) say what that is: every example, of any section, whose Markdown
 * is one line starting with `[`, against the HTML the spec gives for it.
 *
 * FORMAT.md's own departures, checked here as departures rather than left out:
 * - an empty destination (`[link]()`, `[link](<>)`, `[]()`: examples 485-487) is a malformed
 *   entry, not a link to nowhere;
 * - `[[` and `[^` lines are Obsidian's wiki-links and footnotes, never entries (no example has one);
 * - titles (`(url "title")`) are dropped, so only the href and the text are compared.
 * Reference links are not read (an entry is an inline link); the examples that need a
 * definition span several lines and so are not among these.
 */

interface SpecExample {
	markdown: string;
	html: string;
	section: string;
	number: number;
}

const { tests } = createRequire(import.meta.url)("commonmark-spec") as { tests: SpecExample[] };
const EXAMPLES = tests.filter((t) => t.markdown.startsWith("[") && t.markdown.indexOf("\n") === t.markdown.length - 1);

/** The four references the spec's HTML writer emits. */
function htmlDecode(s: string): string {
	return s.replace(/&(amp|lt|gt|quot);/g, (_, n: string) => ({ amp: "&", lt: "<", gt: ">", quot: "\"" })[n]!);
}

/** What the spec's HTML says of the line's start: the href and (when it holds no markup) the text of its first link, or null. */
function specLink(html: string): { href: string; text: string | null } | null {
	const m = /^<p><a href="([^"]*)"(?: title="[^"]*")?>/.exec(html);
	if (!m) return null;
	const inner = html.slice(m[0].length, html.indexOf("</a>"));
	return { href: htmlDecode(m[1]!), text: inner.includes("<") ? null : htmlDecode(inner) };
}

/** The href CommonMark's reference implementation writes for a destination (mdurl's encode). */
function encodeHref(dest: string): string {
	let out = "";
	for (let i = 0; i < dest.length; i++) {
		const c = dest[i]!;
		if (c === "%" && /^[0-9a-fA-F]{2}$/.test(dest.slice(i + 1, i + 3))) {
			out += dest.slice(i, i + 3);
			i += 2;
		} else if (/[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]/.test(c)) out += c;
		else {
			const cp = dest.codePointAt(i)!;
			if (cp > 0xffff) i++;
			out += encodeURIComponent(String.fromCodePoint(cp));
		}
	}
	return out;
}

function ours(line: string) {
	const res = parseInlineLink(new CodeMasker().mask(line), line, 0);
	return res.ok ? { ok: true as const, href: encodeHref(res.link.dest), text: decodeLinkText(res.link.text) } : res;
}

describe("entry lines read as the CommonMark spec's examples", () => {
	it("finds the examples (one line, starting with [)", () => {
		// Links, Entity and numeric character references, Backslash escapes, Code spans, Link reference definitions.
		expect(EXAMPLES.length).toBeGreaterThanOrEqual(40);
		expect(new Set(EXAMPLES.map((e) => e.section))).toEqual(new Set(["Backslash escapes", "Entity and numeric character references", "Code spans", "Link reference definitions", "Links"]));
	});

	for (const ex of EXAMPLES) {
		const line = ex.markdown.slice(0, -1);
		it(`example ${ex.number} (${ex.section}): ${line}`, () => {
			const want = specLink(ex.html);
			const got = ours(line);
			if (want === null) {
				expect(got.ok, `CommonMark sees no link at the start of ${line}`).toBe(false);
				return;
			}
			if (want.href === "") {
				// FORMAT.md: an empty destination is a malformed entry.
				expect(got).toEqual({ ok: false, reason: "its destination is empty" });
				return;
			}
			expect(got.ok, `CommonMark sees a link at the start of ${line}`).toBe(true);
			if (!got.ok) return;
			expect(got.href).toBe(want.href);
			if (want.text !== null) expect(got.text).toBe(want.text);
		});
	}

	it("makes an entry of exactly the lines that start with a link to somewhere", () => {
		for (const ex of EXAMPLES) {
			const line = ex.markdown.slice(0, -1);
			const want = specLink(ex.html);
			const d = parseDigest(`# C\n${line}\n`, "d.md", { parseYaml });
			const urls = d.categories[0]!.entries.map((e) => encodeHref(e.url));
			expect(urls, `example ${ex.number}: ${line}`).toEqual(want && want.href !== "" ? [want.href] : []);
		}
	});
});

describe("entry lines read as markdown-it reads them", () => {
	// markdown-it in its CommonMark mode (raw HTML on) as a second reader, on lines made of the
	// pieces that decide what a link is. Left out, where the two readers rightly differ: numeric
	// references to controls (markdown-it keeps `&#128;` as written, the spec decodes it), the
	// schemes markdown-it refuses to link (javascript:, data: ...), and a backslash before a blank
	// in a destination (markdown-it lets it escape the blank; the spec escapes only punctuation).
	const md = new MarkdownIt("commonmark");
	const piece = fc.constantFrom(
		"[", "[", "]", "]", "(", ")", "(", ")", "<", ">", "\\", "`", "\"", "'", " ", "\t", "a", "b.md", "!", "*",
		"&amp;", "&ouml;", "&#65;", "&#x42;", "&bogus;", "&constructor;", "&amp", "http://x.example/", "<https://y.example/a>",
		"<b c=\"", "\">", "</b>", "<?", "?>", "<!X>", "<!-- c -->", "``", "<x-y/>", "a@b.example", "%20", "](", "](", "![", "&#93;", "\\]", "\\&amp;",
	);
	const pieces = (max: number) => fc.array(piece, { maxLength: max }).map((p) => p.join(""));
	const word = fc.constantFrom("a", "x y", "&amp;", "&eacute;", "&#x41;", "&nope;", "\\*", "%20", "(b)", "b.md", "", "<c>", "`c`", "[d]");
	const parts = (max: number) => fc.array(fc.oneof(word, piece), { maxLength: max }).map((p) => p.join(""));
	// Mostly a link (text, destination, maybe a title), with pieces in every part that may break it.
	const linkish = fc
		.tuple(parts(5), fc.constantFrom("", " ", "<"), parts(4), fc.constantFrom("", ">", " "), fc.constantFrom("", " \"t\"", " 't'", " (t)", " \"t"), fc.constantFrom(")", ")", " )", ""), pieces(3))
		.map(([text, open, dest, close, title, end, rest]) => `[${text}](${open}${dest}${close}${title}${end}${rest}`);
	const line = fc.oneof(linkish, fc.array(piece, { minLength: 1, maxLength: 14 }).map((p) => `[${p.join("")}`));

	it("agrees on whether the line starts with a link, its destination and its text", () => {
		fc.assert(
			fc.property(line, (l) => {
				fc.pre(!/\\[ \t]/.test(l));
				const want = specLink(md.render(l));
				const got = ours(l);
				if (want === null) {
					expect(got.ok, l).toBe(false);
					return;
				}
				if (want.href === "") {
					expect(got, l).toEqual({ ok: false, reason: "its destination is empty" });
					return;
				}
				expect(got.ok, l).toBe(true);
				if (!got.ok) return;
				expect(got.href, l).toBe(want.href);
				if (want.text !== null) expect(got.text, l).toBe(want.text);
			}),
			{ numRuns: Number(process.env.FUZZ_RUNS ?? 5000) },
		);
	});
});
