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
	const title = clean(head.meta.get("og:title")) ?? clean(head.meta.get("twitter:title")) ?? clean(head.title);
	const source = clean(head.meta.get("og:site_name")) ?? hostOf(url);
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

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
	amp: "&",
	quot: "\"",
	apos: "'",
	lt: "<",
	gt: ">",
	nbsp: "\u00A0",
	ndash: "–",
	mdash: "—",
	hellip: "…",
	lsquo: "‘",
	rsquo: "’",
	ldquo: "“",
	rdquo: "”",
	laquo: "«",
	raquo: "»",
	middot: "·",
	bull: "•",
	copy: "©",
	reg: "®",
	trade: "™",
};

/** Decodes character references: the common named ones and every numeric one. Unknown names stay as written. */
export function decodeEntities(text: string): string {
	let amp = text.indexOf("&");
	if (amp < 0) return text;
	const out: string[] = [];
	let from = 0;
	// The next `;` is searched for again only once passed: every character is looked at a bounded number of times.
	let semi = -1;
	while (amp >= 0) {
		if (semi < amp + 2) semi = text.indexOf(";", amp + 2);
		if (semi < 0) break;
		// A reference is at most 33 characters long.
		const decoded = semi - amp <= 33 ? decodeReference(text.slice(amp + 1, semi)) : null;
		if (decoded !== null) {
			out.push(text.slice(from, amp), decoded);
			from = semi + 1;
			amp = text.indexOf("&", from);
		} else {
			amp = text.indexOf("&", amp + 1);
		}
	}
	out.push(text.slice(from));
	return out.join("");
}

/** The text of `&body;`, or null when it is not a reference this decoder knows. */
function decodeReference(body: string): string | null {
	let code: number;
	if (/^#\d{1,8}$/.test(body)) code = parseInt(body.slice(1), 10);
	else if (/^#[xX][\da-fA-F]{1,8}$/.test(body)) code = parseInt(body.slice(2), 16);
	else return /^[a-zA-Z][a-zA-Z\d]*$/.test(body) ? NAMED_ENTITIES[body.toLowerCase()] ?? null : null;
	if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
	return String.fromCodePoint(code);
}

/** Decoded, whitespace collapsed, trimmed; null when nothing is left. */
function clean(raw: string | null | undefined): string | null {
	if (raw === null || raw === undefined) return null;
	const text = decodeEntities(raw).replace(/\s+/g, " ").trim();
	return text === "" ? null : text;
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
