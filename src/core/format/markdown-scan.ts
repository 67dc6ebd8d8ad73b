import { readCharRef } from "./char-refs";
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
	/**
	 * What holds the masker open after the last line, where it opened in its line (a new object for
	 * every opening), or null: lets a writer find the mark that would hide what follows it.
	 */
	opener: { kind: "fence" | "html" | "percent"; column: number } | null = null;

	/** True while inside a fenced block (after its opening line, up to its closing line). */
	get inFence(): boolean {
		return this.fenceChar !== 0;
	}

	/** Returns the line with code and comments blanked out. */
	mask(line: string): string {
		if (this.fenceChar !== 0) {
			if (this.isFenceClose(line)) {
				this.fenceChar = 0;
				this.opener = null;
			}
			return blanks(line.length);
		}
		if (!this.inHtmlComment && !this.inPercentComment) {
			const open = fenceOpen(line);
			if (open) {
				this.fenceChar = open.char;
				this.fenceLen = open.len;
				this.opener = { kind: "fence", column: open.column };
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
				if (close >= 0) {
					this.inHtmlComment = this.inPercentComment = false;
					this.opener = null;
				}
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
				this.opener = { kind: kind === 2 ? "html" : "percent", column: next };
				out += line.slice(copyFrom, next) + blanks(kind === 2 ? 4 : 2);
				i = copyFrom = next + (kind === 2 ? 4 : 2);
			}
		}
		return out + line.slice(copyFrom);
	}
}

function fenceOpen(line: string): { char: number; len: number; column: number } | null {
	let i = 0;
	while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
	const c = line.charCodeAt(i);
	if (c !== 96 && c !== 126) return null;
	let n = 0;
	while (line.charCodeAt(i + n) === c) n++;
	if (n < 3) return null;
	// A backtick fence's info string cannot hold a backtick (it would be inline code).
	if (c === 96 && line.indexOf("`", i + n) >= 0) return null;
	return { char: c, len: n, column: i };
}

/**
 * Inline code spans as [start, end) pairs, as CommonMark finds them: a run of N backticks up to
 * the next run of exactly N. A backslash can escape the first backtick of an opening run (an odd
 * number of backslashes before it), never a closing one: inside code a backslash is a backslash.
 */
export function codeSpans(line: string): [number, number][] {
	if (line.indexOf("`") < 0) return [];
	const starts: number[] = [];
	const lens: number[] = [];
	// Run indices by length, in order: the closer of an opener is the first of its length after it.
	const byLen = new Map<number, number[]>();
	for (let i = line.indexOf("`"); i >= 0 && i < line.length; ) {
		let n = 1;
		while (line.charCodeAt(i + n) === 96) n++;
		let list = byLen.get(n);
		if (!list) byLen.set(n, (list = []));
		list.push(starts.length);
		starts.push(i);
		lens.push(n);
		i = line.indexOf("`", i + n);
	}
	// Per length, how far the search for a closer has come: openers come in order, so each list is walked once.
	const cursor = new Map<number, number>();
	const nextOfLen = (len: number, after: number): number => {
		const list = byLen.get(len);
		if (!list) return -1;
		let k = cursor.get(len) ?? 0;
		while (k < list.length && list[k]! <= after) k++;
		cursor.set(len, k);
		return k < list.length ? list[k]! : -1;
	};
	const spans: [number, number][] = [];
	for (let r = 0; r < starts.length; ) {
		let start = starts[r]!;
		let len = lens[r]!;
		let slashes = 0;
		while (start - slashes - 1 >= 0 && line.charCodeAt(start - slashes - 1) === 92) slashes++;
		if (slashes % 2 === 1) {
			start++;
			len--;
		}
		const close = len > 0 ? nextOfLen(len, r) : -1;
		if (close < 0) {
			r++;
			continue;
		}
		spans.push([start, starts[close]! + lens[close]!]);
		r = close + 1;
	}
	return spans;
}

function isAsciiPunct(c: number): boolean {
	return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/**
 * Reads a Markdown string as CommonMark reads a link destination or title: backslash escapes
 * removed (`\[` reads `[`) and character references decoded (`&amp;` reads `&`), in one pass
 * (`\&amp;` reads `&amp;`). Between `from` and `to` of each of `spans` (code spans) the text stays as written.
 */
export function decodeMarkdown(s: string, spans: readonly (readonly [number, number])[] = []): string {
	if (s.indexOf("\\") < 0 && s.indexOf("&") < 0) return s;
	let out = "";
	let from = 0;
	let span = 0;
	for (let i = 0; i < s.length; i++) {
		while (span < spans.length && spans[span]![1] <= i) span++;
		if (span < spans.length && spans[span]![0] <= i) {
			i = spans[span]![1] - 1;
			continue;
		}
		const c = s.charCodeAt(i);
		if (c === 92 && isAsciiPunct(s.charCodeAt(i + 1))) {
			out += s.slice(from, i);
			from = ++i;
		} else if (c === 38) {
			const ref = readCharRef(s, i);
			if (ref) {
				out += s.slice(from, i) + ref.text;
				from = ref.end;
				i = ref.end - 1;
			}
		}
	}
	return out + s.slice(from);
}

export interface InlineLink {
	/** Text between the brackets, raw. */
	text: string;
	/** Destination without `<>` and title, escapes removed and character references decoded. */
	dest: string;
	/** Index just past the closing `)`. */
	end: number;
}

export type InlineLinkResult = { ok: true; link: InlineLink } | { ok: false; reason: string };

const MAX_PAREN_DEPTH = 32; // CommonMark's own limit on nested parentheses in a destination

/** Blank as CommonMark's link syntax means it: a space or a tab (a line holds no line ending). */
function isBlankChar(c: number): boolean {
	return c === 32 || c === 9;
}

type Tail = { ok: true; destStart: number; destEnd: number; end: number } | { ok: false; reason: string; at: number };

/**
 * Reads what follows `](` at `i`, as CommonMark's inline link: blanks, a destination (`<...>`,
 * or without blanks or controls and with balanced parentheses), an optional title after a blank
 * (`"..."`, `'...'` or `(...)`), blanks, `)`.
 */
function readLinkTail(scan: string, i: number): Tail {
	// (`scan` here is the line as written.)
	const len = scan.length;
	while (i < len && isBlankChar(scan.charCodeAt(i))) i++;
	let destStart: number;
	let destEnd: number;
	if (scan.charCodeAt(i) === 60) {
		destStart = i + 1;
		for (i++; ; i++) {
			if (i >= len) return { ok: false, reason: "its `<` destination has no closing `>`", at: i };
			const c = scan.charCodeAt(i);
			if (c === 92 && isAsciiPunct(scan.charCodeAt(i + 1))) i++;
			else if (c === 62) break;
			else if (c === 60) return { ok: false, reason: "its `<` destination holds a `<`", at: i };
		}
		destEnd = i++;
	} else {
		destStart = i;
		let parens = 0;
		for (; i < len; i++) {
			const c = scan.charCodeAt(i);
			if (c === 92 && isAsciiPunct(scan.charCodeAt(i + 1))) i++;
			else if (c === 40) {
				if (++parens > MAX_PAREN_DEPTH) return { ok: false, reason: "its destination nests too many parentheses", at: i };
			} else if (c === 41) {
				if (parens === 0) break;
				parens--;
			} else if (c <= 32 || c === 127) break;
		}
		if (i >= len || parens !== 0) return { ok: false, reason: "its destination has no closing `)`", at: i };
		destEnd = i;
	}
	const beforeTitle = i;
	while (i < len && isBlankChar(scan.charCodeAt(i))) i++;
	const q = scan.charCodeAt(i);
	if (i > beforeTitle && (q === 34 || q === 39 || q === 40)) {
		const closer = q === 40 ? 41 : q;
		let j = i + 1;
		for (; j < len; j++) {
			const c = scan.charCodeAt(j);
			if (c === 92 && isAsciiPunct(scan.charCodeAt(j + 1))) j++;
			else if (c === closer) break;
			else if (q === 40 && c === 40) return { ok: false, reason: "its link title holds a `(`", at: j };
		}
		if (j >= len) return { ok: false, reason: "its link title is not closed", at: j };
		i = j + 1;
		while (i < len && isBlankChar(scan.charCodeAt(i))) i++;
	}
	if (scan.charCodeAt(i) !== 41) return { ok: false, reason: "its destination has no closing `)`", at: i };
	return { ok: true, destStart, destEnd, end: i + 1 };
}

/**
 * Reads the inline link `[TEXT](DEST "title")` starting at `start` (which holds `[`), as CommonMark
 * reads it. The link text is walked on `raw`, left to right as CommonMark's inline parser goes:
 * backslash escapes, code spans, autolinks and raw HTML (comments too) are single pieces of text,
 * so a `]` inside one closes nothing; `%%` comments likewise, as Obsidian reads them; balanced
 * brackets and images may stand in it, another link may not. `scan` is the line as the masker
 * left it (code and comments blanked), used to refuse a comment that opens in the destination.
 * With `closeAt`, the link text must end at that `]`: nothing past it is looked at.
 */
export function parseInlineLink(scan: string, raw: string, start: number, closeAt = -1): InlineLinkResult {
	const len = closeAt >= 0 ? Math.min(raw.length, closeAt + 1) : raw.length;
	let html: InlineHtml | null = null;
	let ticks: BacktickRuns | null = null;
	let depth = 0;
	// Depths of the open brackets that open images (`![`): rare, so made when one comes.
	let images: number[] | null = null;
	let bang = -2;
	// What the readings of links inside the text may cost in all (see InlineHtml).
	let budget = raw.length * WORK_PER_CHAR + WORK_MIN;
	let i = start;
	for (; i < len; i++) {
		const c = raw.charCodeAt(i);
		if (c === 92) {
			if (isAsciiPunct(raw.charCodeAt(i + 1))) i++;
		} else if (c === 33) bang = i;
		else if (c === 96) {
			let n = 1;
			while (raw.charCodeAt(i + n) === 96) n++;
			const end = (ticks ??= new BacktickRuns(raw)).closerEnd(i, n);
			i = (end > 0 ? end : i + n) - 1;
		} else if (c === 60) {
			const end = (html ??= new InlineHtml(raw)).endAt(i);
			if (end > 0) i = end - 1;
			else if (end === TOO_INTRICATE) return { ok: false, reason: TOO_INTRICATE_REASON };
			else if (raw.startsWith("<!--", i)) return { ok: false, reason: "a comment opens in its link text" };
		} else if (c === 37 && raw.charCodeAt(i + 1) === 37) {
			const close = raw.indexOf("%%", i + 2);
			if (close < 0) return { ok: false, reason: "a comment opens in its link text" };
			i = close + 1;
		} else if (c === 91) {
			depth++;
			if (bang === i - 1) (images ??= []).push(depth);
		} else if (c === 93) {
			if (depth === 1) break;
			const image = images !== null && images.length > 0 && images[images.length - 1] === depth;
			if (image) images!.pop();
			depth--;
			if (raw.charCodeAt(i + 1) !== 40) continue;
			const inner = readLinkTail(raw, i + 2);
			budget -= (inner.ok ? inner.end : inner.at) - i;
			if (budget < 0) return { ok: false, reason: TOO_INTRICATE_REASON };
			if (!inner.ok) continue;
			// A link inside the link text: CommonMark takes it, and the outer brackets are text.
			if (!image) return { ok: false, reason: "its link text holds another link" };
			// An image is part of the text, its destination too.
			i = inner.end - 1;
		}
	}
	if (i >= len || (closeAt >= 0 && i !== closeAt)) return { ok: false, reason: "its link text has no closing bracket" };
	const textEnd = i;
	if (raw.charCodeAt(i + 1) !== 40) return { ok: false, reason: "its link text is not followed by `(`" };
	// The destination and title are read as written: a backtick there opens no code span.
	const tail = readLinkTail(raw, i + 2);
	if (!tail.ok) return { ok: false, reason: tail.reason };
	// But where the masker saw a comment open there that the line does not close (`<!--`), or any
	// `%%` comment (Obsidian's, which no link syntax escapes), it hides what follows: not guessed at.
	if (scan !== raw && (maskedAt(scan, raw, "%%", i, tail.end, null) || maskedAt(scan, raw, "<!--", i, tail.end, "-->"))) {
		return { ok: false, reason: "a comment opens in its destination" };
	}
	// Blanks and controls at its ends are not part of the address a browser follows (the URL standard strips them).
	const dest = trimControls(decodeMarkdown(raw.slice(tail.destStart, tail.destEnd)));
	if (dest === "") return { ok: false, reason: "its destination is empty" };
	return { ok: true, link: { text: raw.slice(start + 1, textEnd), dest, end: tail.end } };
}

/** The backtick runs of a line, to find the run that closes a code span. */
class BacktickRuns {
	private readonly byLen = new Map<number, { ends: number[]; next: number }>();

	constructor(line: string) {
		for (let i = line.indexOf("`"); i >= 0; ) {
			let n = 1;
			while (line.charCodeAt(i + n) === 96) n++;
			let runs = this.byLen.get(n);
			if (!runs) this.byLen.set(n, (runs = { ends: [], next: 0 }));
			runs.ends.push(i + n);
			i = line.indexOf("`", i + n);
		}
	}

	/** End of the first run of exactly `n` backticks after the opener at `at`, or -1. Asked in order of `at`. */
	closerEnd(at: number, n: number): number {
		const runs = this.byLen.get(n);
		if (!runs) return -1;
		while (runs.next < runs.ends.length && runs.ends[runs.next]! - n <= at) runs.next++;
		return runs.next < runs.ends.length ? runs.ends[runs.next]! : -1;
	}
}

/** `s` without the C0 controls and spaces at its ends. */
function trimControls(s: string): string {
	let a = 0;
	let b = s.length;
	while (a < b && s.charCodeAt(a) <= 32) a++;
	while (b > a && s.charCodeAt(b - 1) <= 32) b--;
	return a === 0 && b === s.length ? s : s.slice(a, b);
}

/**
 * Whether `open` occurs in `raw` between `from` and `to` where the masked line blanked it out
 * (and, with `close`, the line does not close it after).
 */
function maskedAt(scan: string, raw: string, open: string, from: number, to: number, close: string | null): boolean {
	for (let at = raw.indexOf(open, from); at >= 0 && at < to; at = raw.indexOf(open, at + 1)) {
		if (scan.charCodeAt(at) !== raw.charCodeAt(at)) return close === null || raw.indexOf(close, at + open.length) < 0;
	}
	return false;
}

// Reading raw HTML and autolinks at a `<` of the link text, and the links inside it, costs what
// each attempt looked at. Past a budget of a few times the line's length (only a line built to be
// slow gets there) the line is not read as a link at all, rather than guessed at: the scan stays linear.
const WORK_PER_CHAR = 4;
const WORK_MIN = 4096;
const TOO_INTRICATE = -2;
const TOO_INTRICATE_REASON = "its link text is too intricate to read";

function isAsciiAlpha(c: number): boolean {
	return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAsciiAlnum(c: number): boolean {
	return isAsciiAlpha(c) || (c >= 48 && c <= 57);
}

/** Blank inside an HTML tag: space, tab, line feed (CommonMark's whitespace). */
function isTagBlank(c: number): boolean {
	return c === 32 || c === 9 || c === 10;
}

const EMAIL_LOCAL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]$/;

class InlineHtml {
	private budget: number;
	/** Next occurrence of each searched end marker, so that a search runs once per occurrence. */
	private readonly found = new Map<string, number>();

	constructor(private readonly s: string) {
		this.budget = s.length * WORK_PER_CHAR + WORK_MIN;
	}

	/** End (exclusive) of the autolink or raw HTML that starts at `at` (a `<`), -1, or TOO_INTRICATE once the budget is spent. */
	endAt(at: number): number {
		if (this.budget <= 0) return TOO_INTRICATE;
		const s = this.s;
		const c = s.charCodeAt(at + 1);
		let end: number;
		if (isAsciiAlpha(c)) {
			end = this.autolink(at);
			if (end < 0) end = this.email(at);
			if (end < 0) end = this.openTag(at);
		} else if (c === 47) end = this.closingTag(at);
		else if (c === 63) end = this.after("?>", at + 2);
		else if (c === 33) {
			if (s.startsWith("<!--", at)) {
				end = s.startsWith("<!-->", at) ? at + 5 : s.startsWith("<!--->", at) ? at + 6 : this.after("-->", at + 4);
			} else if (s.startsWith("<![CDATA[", at)) end = this.after("]]>", at + 9);
			else end = isAsciiAlpha(s.charCodeAt(at + 2)) ? this.after(">", at + 2) : -1;
		} else if (isAsciiAlnum(c) || EMAIL_LOCAL.test(s[at + 1] ?? "")) end = this.email(at);
		else end = -1;
		return end;
	}

	/** Position after the next `marker` from `from`, or -1. */
	private after(marker: string, from: number): number {
		let at = this.found.get(marker);
		if (at === undefined || (at >= 0 && at < from)) {
			at = this.s.indexOf(marker, from);
			this.found.set(marker, at);
		}
		return at < 0 ? -1 : at + marker.length;
	}

	private spend(from: number, to: number): void {
		this.budget -= to - from + 1;
	}

	/** `<scheme:...>`: a scheme of 2-32 characters, then no blanks, controls, `<` or `>`. */
	private autolink(at: number): number {
		const s = this.s;
		let i = at + 1;
		while (i < s.length && i - at <= 33 && (isAsciiAlnum(s.charCodeAt(i)) || s[i] === "+" || s[i] === "." || s[i] === "-")) i++;
		const schemeLen = i - at - 1;
		if (s.charCodeAt(i) !== 58 || schemeLen < 2 || schemeLen > 32) return -1;
		for (i++; i < s.length; i++) {
			const c = s.charCodeAt(i);
			if (c === 62) {
				this.spend(at, i);
				return i + 1;
			}
			if (c <= 32 || c === 60 || c === 127) break;
		}
		this.spend(at, i);
		return -1;
	}

	/** `<local@domain>` as CommonMark's email autolink. */
	private email(at: number): number {
		const s = this.s;
		let i = at + 1;
		while (i < s.length && EMAIL_LOCAL.test(s[i]!)) i++;
		if (i === at + 1 || s.charCodeAt(i) !== 64) {
			this.spend(at, i);
			return -1;
		}
		i++;
		for (;;) {
			// A label: 1-63 letters, digits and hyphens, neither starting nor ending with a hyphen.
			const label = i;
			while (i < s.length && i - label < 63 && (isAsciiAlnum(s.charCodeAt(i)) || s.charCodeAt(i) === 45)) i++;
			if (i === label || s.charCodeAt(label) === 45 || s.charCodeAt(i - 1) === 45) break;
			const c = s.charCodeAt(i);
			if (c === 62) {
				this.spend(at, i);
				return i + 1;
			}
			if (c !== 46) break;
			i++;
		}
		this.spend(at, i);
		return -1;
	}

	/** `</name>` with blanks before the `>`. */
	private closingTag(at: number): number {
		const s = this.s;
		let i = at + 2;
		if (!isAsciiAlpha(s.charCodeAt(i))) return -1;
		while (i < s.length && (isAsciiAlnum(s.charCodeAt(i)) || s.charCodeAt(i) === 45)) i++;
		while (i < s.length && isTagBlank(s.charCodeAt(i))) i++;
		this.spend(at, i);
		return s.charCodeAt(i) === 62 ? i + 1 : -1;
	}

	/** `<name attr="v" attr='v' attr=v attr />`, as CommonMark's open tag. */
	private openTag(at: number): number {
		const s = this.s;
		const n = s.length;
		let i = at + 1;
		while (i < n && (isAsciiAlnum(s.charCodeAt(i)) || s.charCodeAt(i) === 45)) i++;
		for (;;) {
			const blankStart = i;
			while (i < n && isTagBlank(s.charCodeAt(i))) i++;
			let c = s.charCodeAt(i);
			if (c === 62 || (c === 47 && s.charCodeAt(i + 1) === 62)) {
				this.spend(at, i);
				return i + (c === 62 ? 1 : 2);
			}
			// An attribute: after a blank, a name, and maybe `=` and a value.
			if (i === blankStart || !(isAsciiAlpha(c) || c === 95 || c === 58)) break;
			i++;
			while (i < n && (isAsciiAlnum((c = s.charCodeAt(i))) || c === 95 || c === 46 || c === 58 || c === 45)) i++;
			let j = i;
			while (j < n && isTagBlank(s.charCodeAt(j))) j++;
			if (s.charCodeAt(j) !== 61) continue;
			j++;
			while (j < n && isTagBlank(s.charCodeAt(j))) j++;
			const q = s.charCodeAt(j);
			if (q === 34 || q === 39) {
				const close = s.indexOf(q === 34 ? "\"" : "'", j + 1);
				if (close < 0) {
					i = n;
					break;
				}
				i = close + 1;
			} else {
				const valueStart = j;
				while (j < n && !((c = s.charCodeAt(j)) <= 32 || c === 34 || c === 39 || c === 61 || c === 60 || c === 62 || c === 96)) j++;
				if (j === valueStart) {
					i = j;
					break;
				}
				i = j;
			}
		}
		this.spend(at, i);
		return -1;
	}
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
		const res = parseInlineLink(scan, raw, bracket, i);
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
