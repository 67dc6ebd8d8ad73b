import { decodeCharRefs } from "../format/char-refs";

/**
 * Title and source of a web page from its HTML, for filling in a new entry. Pure, and linear in
 * the input: one forward scan of the first 512 KB (stopping at `</head>`), no backtracking regex,
 * so a 5 MB page costs no more than its head.
 */

export interface PageMeta {
	title: string | null;
	source: string | null;
}

/** Only this much of a page is ever looked at: the head of any real page fits in it. */
export const PAGE_META_SCAN_LIMIT = 512 * 1024;

const GT = 62; // >
const SLASH = 47; // /
const EQUALS = 61; // =
const DQUOTE = 34; // "
const SQUOTE = 39; // '

/** Reads a page's title (`og:title`, `twitter:title`, `<title>`) and source (`og:site_name`, else the URL's host). */
export function readPageMeta(html: string, url: string): PageMeta {
	const head = scanHead(html.length > PAGE_META_SCAN_LIMIT ? html.slice(0, PAGE_META_SCAN_LIMIT) : html);
	const title = clean(head.meta.get("og:title"), MAX_TITLE_LENGTH) ?? clean(head.meta.get("twitter:title"), MAX_TITLE_LENGTH) ?? clean(head.title, MAX_TITLE_LENGTH);
	const source = clean(head.meta.get("og:site_name"), MAX_SOURCE_LENGTH) ?? hostOf(url);
	return { title, source };
}

interface HeadInfo {
	/** `content` of the first meta tag of each (lower-cased) `property` or `name`. */
	meta: Map<string, string>;
	/** Raw text of the first `<title>`, or null. */
	title: string | null;
}

/** The meta tags and title of a document's head, in one pass over its tags. */
function scanHead(s: string): HeadInfo {
	const info: HeadInfo = { meta: new Map(), title: null };
	let i = 0;
	while (i < s.length) {
		const lt = s.indexOf("<", i);
		if (lt < 0) break;
		if (s.startsWith("<!--", lt)) {
			i = skipPast(s, "-->", lt + 4);
			continue;
		}
		if (s.charCodeAt(lt + 1) === SLASH) {
			if (nameAt(s, lt + 2, "head")) break;
			i = lt + 2;
			continue;
		}
		if (nameAt(s, lt + 1, "meta")) {
			const tag = readAttributes(s, lt + 5);
			const key = (tag.attrs.get("property") ?? tag.attrs.get("name") ?? "").trim().toLowerCase();
			const content = tag.attrs.get("content");
			if (key !== "" && content !== undefined && !info.meta.has(key)) info.meta.set(key, content);
			i = tag.end;
			continue;
		}
		if (nameAt(s, lt + 1, "title")) {
			const open = readAttributes(s, lt + 6);
			const close = indexOfCloseTag(s, "title", open.end);
			if (info.title === null) info.title = s.slice(open.end, close < 0 ? s.length : close);
			i = close < 0 ? s.length : close;
			continue;
		}
		const raw = nameAt(s, lt + 1, "script") ? "script" : nameAt(s, lt + 1, "style") ? "style" : nameAt(s, lt + 1, "noscript") ? "noscript" : null;
		if (raw !== null) {
			// Their text may hold anything that looks like a tag: skip to their end.
			const open = readAttributes(s, lt + 1 + raw.length);
			const close = indexOfCloseTag(s, raw, open.end);
			i = close < 0 ? s.length : close;
			continue;
		}
		i = lt + 1;
	}
	return info;
}

/** Position after the next `needle` from `from`, or the end of `s`. */
function skipPast(s: string, needle: string, from: number): number {
	const at = s.indexOf(needle, from);
	return at < 0 ? s.length : at + needle.length;
}

function lowerAscii(c: number): number {
	return c >= 65 && c <= 90 ? c + 32 : c;
}

function isSpace(c: number): boolean {
	return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

/** Whether the tag name at `at` is `name` (any case), followed by a blank, `/`, `>` or the end. */
function nameAt(s: string, at: number, name: string): boolean {
	if (at + name.length > s.length) return false;
	for (let k = 0; k < name.length; k++) if (lowerAscii(s.charCodeAt(at + k)) !== name.charCodeAt(k)) return false;
	const next = s.charCodeAt(at + name.length);
	return Number.isNaN(next) || isSpace(next) || next === SLASH || next === GT;
}

/** Start of the next `</name` (any case) from `from`, or -1. Forward only: linear. */
function indexOfCloseTag(s: string, name: string, from: number): number {
	let at = s.indexOf("</", from);
	while (at >= 0) {
		if (nameAt(s, at + 2, name)) return at;
		at = s.indexOf("</", at + 2);
	}
	return -1;
}

/**
 * Attributes of a tag whose name ends just before `from`, read the way a browser tokenizes them:
 * names lower-cased, values quoted with `"` or `'` or bare; the first of a repeated name wins.
 * `end` is the position after the tag's `>` (the end of `s` when it is never closed).
 */
function readAttributes(s: string, from: number): { attrs: Map<string, string>; end: number } {
	const attrs = new Map<string, string>();
	let i = from;
	const n = s.length;
	while (i < n) {
		let c = s.charCodeAt(i);
		if (isSpace(c) || c === SLASH) {
			i++;
			continue;
		}
		if (c === GT) return { attrs, end: i + 1 };
		const nameStart = i;
		// An attribute name may start with `=` but never holds blanks, `/` or `>`.
		i++;
		while (i < n) {
			c = s.charCodeAt(i);
			if (isSpace(c) || c === SLASH || c === GT || c === EQUALS) break;
			i++;
		}
		const name = s.slice(nameStart, i).toLowerCase();
		while (i < n && isSpace(s.charCodeAt(i))) i++;
		let value = "";
		if (s.charCodeAt(i) === EQUALS) {
			i++;
			while (i < n && isSpace(s.charCodeAt(i))) i++;
			const q = s.charCodeAt(i);
			if (q === DQUOTE || q === SQUOTE) {
				const close = s.indexOf(q === DQUOTE ? "\"" : "'", i + 1);
				const stop = close < 0 ? n : close;
				value = s.slice(i + 1, stop);
				i = stop + 1;
			} else {
				const start = i;
				while (i < n) {
					c = s.charCodeAt(i);
					if (isSpace(c) || c === GT) break;
					i++;
				}
				value = s.slice(start, i);
			}
		}
		if (!attrs.has(name)) attrs.set(name, value);
	}
	return { attrs, end: n };
}

/** Longest title a page may give: past it the title is cut, with `…`. */
export const MAX_TITLE_LENGTH = 300;
/** Longest source (site name). */
export const MAX_SOURCE_LENGTH = 100;
/** Raw text looked at for one value: far more than any capped value needs, even written as references. */
const MAX_RAW_VALUE = 64 * 1024;

/**
 * Whether a title must not carry this character into a note: C0 and C1 controls (blanks have
 * become spaces before) and the invisible bidi controls that reorder the text around them
 * (embeddings, overrides, isolates, marks), which could make a title read as what it is not.
 */
function unwanted(c: number): boolean {
	return c < 32 || (c >= 0x7f && c <= 0x9f) || c === 0x61c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

function withoutUnwanted(s: string): string {
	let out = "";
	let from = 0;
	for (let i = 0; i < s.length; i++) {
		if (!unwanted(s.charCodeAt(i))) continue;
		out += s.slice(from, i);
		from = i + 1;
	}
	return from === 0 ? s : out + s.slice(from);
}

/** Decoded, controls removed, whitespace collapsed, trimmed and capped at `max` characters; null when nothing is left. */
function clean(raw: string | null | undefined, max: number): string | null {
	if (raw === null || raw === undefined) return null;
	const spaced = decodeCharRefs(raw.length > MAX_RAW_VALUE ? raw.slice(0, MAX_RAW_VALUE) : raw, true)
		.replace(/\s+/g, " ");
	const text = withoutUnwanted(spaced).replace(/ {2,}/g, " ").trim();
	if (text === "") return null;
	return cap(text, max);
}

/** The first `max` characters (code points, never half of one) and `…`, or the text when it is short enough. */
function cap(text: string, max: number): string {
	if (text.length <= max) return text;
	let end = 0;
	for (let n = 0; n < max && end < text.length; n++) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
	return end >= text.length ? text : `${text.slice(0, end).trimEnd()}…`;
}

/** The URL's host without `www.`, as written by the URL parser (lower case); null when it has none. */
function hostOf(url: string): string | null {
	let host: string;
	try {
		host = new URL(url.trim()).hostname;
	} catch {
		return null;
	}
	host = host.replace(/^www\./i, "");
	return host === "" ? null : host;
}
