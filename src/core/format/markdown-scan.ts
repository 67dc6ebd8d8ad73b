import type { InternalLink } from "./types";

/**
 * Line-level Markdown scanning: what is code or comment, inline links, wiki-links and tags.
 * Every scanner here is linear in the line's length: a digest may hold a 2 MB line of `[`.
 */

export interface Lines {
	lines: string[];
	/** Offset of each line in `text`; one more entry for the end. */
	starts: number[];
	/** The text without its BOM. */
	text: string;
	eol: "\n" | "\r\n";
	bom: boolean;
}

/** Splits text into lines without their terminators. A lone `\r` stays in the line. */
export function splitLines(text: string): Lines {
	const bom = text.charCodeAt(0) === 0xfeff;
	if (bom) text = text.slice(1);
	const lines = text.split("\n");
	const starts = new Array<number>(lines.length + 1);
	const nl = text.indexOf("\n");
	const eol = nl > 0 && text.charCodeAt(nl - 1) === 13 ? "\r\n" : "\n";
	let pos = 0;
	for (let i = 0; i < lines.length; i++) {
		const l = lines[i]!;
		starts[i] = pos;
		pos += l.length + 1;
		if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
	}
	starts[lines.length] = text.length + 1;
	return { lines, starts, text, eol, bom };
}

export function isBlank(line: string): boolean {
	for (let i = 0; i < line.length; i++) {
		const c = line.charCodeAt(i);
		if (c !== 32 && c !== 9) return false;
	}
	return true;
}

const BLANKS = " ".repeat(256);
function blanks(n: number): string {
	let s = "";
	while (n > 256) {
		s += BLANKS;
		n -= 256;
	}
	return s + BLANKS.slice(0, n);
}

/**
 * Tracks fenced code, HTML comments and `%%` comments across lines, and masks them (and inline
 * code spans) with spaces, so positions in the masked line are positions in the real one.
 */
export class CodeMasker {
	private fenceChar = 0;
	private fenceLen = 0;
	private inHtmlComment = false;
	private inPercentComment = false;

	/** True while inside a fenced block (after its opening line, up to its closing line). */
	get inFence(): boolean {
		return this.fenceChar !== 0;
	}

	/** Returns the line with code and comments blanked out. */
	mask(line: string): string {
		if (this.fenceChar !== 0) {
			if (this.isFenceClose(line)) this.fenceChar = 0;
			return blanks(line.length);
		}
		if (!this.inHtmlComment && !this.inPercentComment) {
			const open = fenceOpen(line);
			if (open) {
				this.fenceChar = open.char;
				this.fenceLen = open.len;
				return blanks(line.length);
			}
			// Fast path: nothing in the line can hide text.
			if (line.indexOf("`") < 0 && line.indexOf("<!--") < 0 && line.indexOf("%%") < 0) return line;
		}
		return this.maskInline(line);
	}

	private isFenceClose(line: string): boolean {
		let i = 0;
		while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
		let n = 0;
		while (i + n < line.length && line.charCodeAt(i + n) === this.fenceChar) n++;
		return n >= this.fenceLen && isBlank(line.slice(i + n));
	}

	private maskInline(line: string): string {
		let out = "";
		let i = 0;
		let copyFrom = 0;
		const len = line.length;
		const spans = codeSpans(line);
		let spanIdx = 0;
		let html = -2;
		let pct = -2;
		while (i < len) {
			if (this.inHtmlComment || this.inPercentComment) {
				const close = this.inHtmlComment ? line.indexOf("-->", i) : line.indexOf("%%", i);
				const end = close < 0 ? len : close + (this.inHtmlComment ? 3 : 2);
				out += line.slice(copyFrom, i) + blanks(end - i);
				i = copyFrom = end;
				if (close >= 0) this.inHtmlComment = this.inPercentComment = false;
				continue;
			}
			while (spanIdx < spans.length && spans[spanIdx]![1] <= i) spanIdx++;
			const span = spans[spanIdx];
			// Searched again only once passed: re-searching from every position would be quadratic.
			if (html !== -1 && html < i) html = line.indexOf("<!--", i);
			if (pct !== -1 && pct < i) pct = line.indexOf("%%", i);
			let next = len;
			let kind = 0;
			if (span && span[0] < next) { next = span[0]; kind = 1; }
			if (html >= 0 && html < next) { next = html; kind = 2; }
			if (pct >= 0 && pct < next) { next = pct; kind = 3; }
			if (kind === 0) break;
			if (kind === 1) {
				out += line.slice(copyFrom, next) + blanks(span![1] - next);
				i = copyFrom = span![1];
			} else {
				if (kind === 2) this.inHtmlComment = true;
				else this.inPercentComment = true;
				out += line.slice(copyFrom, next) + blanks(kind === 2 ? 4 : 2);
				i = copyFrom = next + (kind === 2 ? 4 : 2);
			}
		}
		return out + line.slice(copyFrom);
	}
}

function fenceOpen(line: string): { char: number; len: number } | null {
	let i = 0;
	while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
	const c = line.charCodeAt(i);
	if (c !== 96 && c !== 126) return null;
	let n = 0;
	while (line.charCodeAt(i + n) === c) n++;
	if (n < 3) return null;
	// A backtick fence's info string cannot hold a backtick (it would be inline code).
	if (c === 96 && line.indexOf("`", i + n) >= 0) return null;
	return { char: c, len: n };
}

/** Inline code spans as [start, end) pairs: a run of N backticks up to the next run of exactly N. */
export function codeSpans(line: string): [number, number][] {
	if (line.indexOf("`") < 0) return [];
	const runs: [number, number][] = [];
	for (let i = line.indexOf("`"); i >= 0 && i < line.length; ) {
		let n = 1;
		while (line.charCodeAt(i + n) === 96) n++;
		if (i === 0 || line.charCodeAt(i - 1) !== 92) runs.push([i, n]);
		i = line.indexOf("`", i + n);
	}
	// For each run, the index of the next run of the same length: one backwards pass keeps this linear.
	const nextSame = new Array<number>(runs.length).fill(-1);
	const seen = new Map<number, number>();
	for (let r = runs.length - 1; r >= 0; r--) {
		const n = runs[r]![1];
		nextSame[r] = seen.get(n) ?? -1;
		seen.set(n, r);
	}
	const spans: [number, number][] = [];
	for (let r = 0; r < runs.length; ) {
		const close = nextSame[r]!;
		if (close < 0) {
			r++;
			continue;
		}
		spans.push([runs[r]![0], runs[close]![0] + runs[close]![1]]);
		r = close + 1;
	}
	return spans;
}

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/** Removes CommonMark backslash escapes (`\[` reads `[`). */
export function unescapeMarkdown(s: string): string {
	if (s.indexOf("\\") < 0) return s;
	let out = "";
	for (let i = 0; i < s.length; i++) {
		const c = s[i]!;
		if (c === "\\" && i + 1 < s.length && ASCII_PUNCT.test(s[i + 1]!)) {
			out += s[i + 1];
			i++;
		} else out += c;
	}
	return out;
}

export interface InlineLink {
	/** Text between the brackets, raw. */
	text: string;
	/** Destination without `<>` and title, escapes removed. */
	dest: string;
	/** Index just past the closing `)`. */
	end: number;
}

export type InlineLinkResult = { ok: true; link: InlineLink } | { ok: false; reason: string };

const MAX_PAREN_DEPTH = 32; // CommonMark's own limit on nested parentheses in a destination

/**
 * Reads `[TEXT](DEST "title")` starting at `start` (which holds `[`). `scan` is the masked line
 * (brackets inside code spans do not count); values are cut from `raw`.
 */
export function parseInlineLink(scan: string, raw: string, start: number): InlineLinkResult {
	const len = scan.length;
	let depth = 0;
	let i = start;
	for (; i < len; i++) {
		const c = scan.charCodeAt(i);
		if (c === 92) i++;
		else if (c === 91) depth++;
		else if (c === 93 && --depth === 0) break;
	}
	if (i >= len) return { ok: false, reason: "its link text has no closing bracket" };
	const textEnd = i;
	if (scan.charCodeAt(i + 1) !== 40) return { ok: false, reason: "its link text is not followed by `(`" };
	i += 2;
	while (i < len && (scan.charCodeAt(i) === 32 || scan.charCodeAt(i) === 9)) i++;
	let dest: string;
	if (scan.charCodeAt(i) === 60) {
		const close = scan.indexOf(">", i + 1);
		if (close < 0) return { ok: false, reason: "its `<` destination has no closing `>`" };
		dest = raw.slice(i + 1, close);
		i = close + 1;
	} else {
		const destStart = i;
		let parens = 0;
		for (; i < len; i++) {
			const c = scan.charCodeAt(i);
			if (c === 92) i++;
			else if (c === 40) {
				if (++parens > MAX_PAREN_DEPTH) return { ok: false, reason: "its destination nests too many parentheses" };
			} else if (c === 41) {
				if (parens === 0) break;
				parens--;
			} else if (c === 32 || c === 9) break;
		}
		if (i >= len) return { ok: false, reason: "its destination has no closing `)`" };
		dest = raw.slice(destStart, i);
	}
	while (i < len && (scan.charCodeAt(i) === 32 || scan.charCodeAt(i) === 9)) i++;
	const q = scan.charCodeAt(i);
	if (q === 34 || q === 39 || q === 40) {
		const closer = q === 40 ? ")" : scan[i]!;
		let j = i + 1;
		for (; j < len; j++) {
			const c = scan.charCodeAt(j);
			if (c === 92) j++;
			else if (scan[j] === closer) break;
		}
		if (j >= len) return { ok: false, reason: "its link title is not closed" };
		i = j + 1;
		while (i < len && (scan.charCodeAt(i) === 32 || scan.charCodeAt(i) === 9)) i++;
	}
	if (scan.charCodeAt(i) !== 41) return { ok: false, reason: "its destination has no closing `)`" };
	dest = unescapeMarkdown(dest.trim());
	if (dest === "") return { ok: false, reason: "its destination is empty" };
	return { ok: true, link: { text: raw.slice(start + 1, textEnd), dest, end: i + 1 } };
}

/** Splits `target#sub|alias` (a `\|` inside a table reads as `|`). Written without regex: it runs for every link. */
function wikiLink(inner: string, embed: boolean, line: number): InternalLink {
	let alias: string | null = null;
	const bar = inner.indexOf("|");
	if (bar >= 0) {
		alias = inner.slice(bar + 1);
		inner = inner.slice(0, inner.charCodeAt(bar - 1) === 92 ? bar - 1 : bar);
	}
	inner = inner.trim();
	const hash = inner.indexOf("#");
	if (hash < 0) return { target: inner, subpath: null, alias, embed, line, resolved: null };
	return { target: inner.slice(0, hash).trim(), subpath: inner.slice(hash), alias, embed, line, resolved: null };
}

export function splitSubpath(path: string): { target: string; subpath: string | null } {
	const hash = path.indexOf("#");
	if (hash < 0) return { target: path, subpath: null };
	return { target: path.slice(0, hash).trim(), subpath: path.slice(hash) };
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Internal links in one masked line: wiki-links, embeds, and Markdown links to relative paths. */
export function findInternalLinks(scan: string, raw: string, line: number, out: InternalLink[] = []): InternalLink[] {
	if (scan.indexOf("[") < 0) return out;
	// Wiki-links: `[[` up to the next `]]`; without a `]]` nothing later on the line can close.
	for (let i = scan.indexOf("[["); i >= 0; ) {
		const close = scan.indexOf("]]", i + 2);
		if (close < 0) break;
		const open = scan.lastIndexOf("[[", close - 1);
		const inner = raw.slice(open + 2, close);
		if (inner.trim() !== "" && inner.indexOf("\n") < 0) {
			out.push(wikiLink(inner, open > 0 && scan.charCodeAt(open - 1) === 33, line));
		}
		i = scan.indexOf("[[", close + 2);
	}
	if (scan.indexOf("](") < 0) return out;
	// Markdown links: find each `](`, read its destination, and look back for its `[`.
	for (let i = scan.indexOf("]("); i >= 0; ) {
		const bracket = matchingOpenBracket(scan, i);
		if (bracket < 0 || scan.charCodeAt(bracket + 1) === 91) {
			i = scan.indexOf("](", i + 2);
			continue;
		}
		const res = parseInlineLink(scan, raw, bracket);
		// A link that ends before this `](` is an earlier one (this `]` was escaped): going back to it would loop forever.
		if (!res.ok || res.link.end <= i) {
			i = scan.indexOf("](", i + 2);
			continue;
		}
		const dest = res.link.dest;
		if (!SCHEME.test(dest) && !dest.startsWith("//")) {
			let decoded = dest;
			try {
				decoded = decodeURIComponent(dest);
			} catch {
				// A stray `%` is part of the name.
			}
			const { target, subpath } = splitSubpath(decoded);
			out.push({ target, subpath, alias: res.link.text, embed: bracket > 0 && scan.charCodeAt(bracket - 1) === 33, line, resolved: null });
		}
		i = scan.indexOf("](", res.link.end);
	}
	return out;
}

const MAX_LINK_TEXT = 2000; // link text longer than this is not looked back for: keeps the scan linear

function matchingOpenBracket(scan: string, closeIdx: number): number {
	let depth = 0;
	const stop = Math.max(0, closeIdx - MAX_LINK_TEXT);
	for (let j = closeIdx; j >= stop; j--) {
		const c = scan.charCodeAt(j);
		if (j > 0 && scan.charCodeAt(j - 1) === 92) continue;
		if (c === 93) depth++;
		else if (c === 91 && --depth === 0) return j;
	}
	return -1;
}

const TAG_RE = /(?:^|[\s,;])#([\p{L}\p{N}\p{M}_\-/]+)/gu;
const ALL_DIGITS = /^[\d/]+$/;

/** `#tags` in a masked piece of text, with Obsidian's rules (not all digits), without `#`. */
export function findTags(scan: string): string[] {
	if (scan.indexOf("#") < 0) return [];
	const tags: string[] = [];
	TAG_RE.lastIndex = 0;
	for (let m = TAG_RE.exec(scan); m; m = TAG_RE.exec(scan)) {
		const tag = m[1]!.replace(/\/+$/, "");
		if (tag && !ALL_DIGITS.test(tag)) tags.push(tag);
	}
	return tags;
}
