import { codeSpans } from "./markdown-scan";

export interface EntryText {
	number: number | null;
	source: string | null;
	title: string;
	/** A hyphen with a space on one side only where a ` - ` separator was probably meant. */
	mistypedSeparator: boolean;
}

const NUMBER_RE = /^(\d{1,9})[.)](?:\s+|$)/;
const SEPARATORS = [" - ", " – ", " — "];
// An escaped hyphen (`\-`) is meant as a hyphen, not as a separator.
const MISTYPED_RE = /[^\s\\][-–—] \S|\S [-–—]\S/;

/** Reads `N. Source - Title` from an entry's raw link text. */
export function parseEntryText(raw: string): EntryText {
	let rest = raw.trim();
	let number: number | null = null;
	const m = NUMBER_RE.exec(rest);
	if (m) {
		number = Number(m[1]);
		rest = rest.slice(m[0].length);
	}
	let sep = -1;
	let sepLen = 0;
	for (const s of SEPARATORS) {
		const at = rest.indexOf(s);
		if (at >= 0 && (sep < 0 || at < sep)) {
			sep = at;
			sepLen = s.length;
		}
	}
	if (sep >= 0) {
		return {
			number,
			source: readText(rest.slice(0, sep).trim()) || null,
			title: readText(rest.slice(sep + sepLen).trim()),
			mistypedSeparator: false,
		};
	}
	return { number, source: null, title: readText(rest), mistypedSeparator: MISTYPED_RE.test(rest) };
}

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/**
 * A source or title as written, as CommonMark reads it: backslash escapes removed (`\[` reads `[`)
 * and numeric character references decoded (`&#8212;` reads `—`), in one pass, so `\&#45;` reads
 * `&#45;`. Named references (`&amp;`) are left as written.
 */
function readText(s: string): string {
	if (s.indexOf("\\") < 0 && s.indexOf("&#") < 0) return s;
	let out = "";
	for (let i = 0; i < s.length; i++) {
		const c = s[i]!;
		if (c === "\\" && i + 1 < s.length && ASCII_PUNCT.test(s[i + 1]!)) {
			out += s[++i];
		} else if (c === "&" && s[i + 1] === "#") {
			const m = /^&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));/.exec(s.slice(i, i + 12));
			if (!m) {
				out += c;
				continue;
			}
			const code = m[1] !== undefined ? parseInt(m[1], 10) : parseInt(m[2]!, 16);
			// CommonMark: zero, surrogates and what lies beyond Unicode read as U+FFFD.
			out += code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? "\uFFFD" : String.fromCodePoint(code);
			i += m[0].length - 1;
		} else out += c;
	}
	return out;
}

/** How a dash separator is written so that it reads as a dash, not as the end of a source. */
const ESCAPED_DASH: Record<string, string> = { "-": "\\-", "–": "&#8211;", "—": "&#8212;" };

/**
 * Escapes an entry's source or title for its link text so that parseEntryText reads it back as
 * given, and a reader of the note sees it as typed: backslashes; brackets when they are unbalanced
 * or would make a link inside the link; `%%` and `<!--` outside inline code, which would open a
 * comment; `&` before what would read as a character reference. `separators` also escapes the
 * dashes that would read as the source's end: in a source (`"source"`, a dash at its end too, before
 * the ` - ` that follows it) or in a title without a source (`"title"`).
 */
export function escapeLinkText(text: string, separators: "source" | "title" | "none" = "none"): string {
	let depth = 0;
	let balanced = true;
	for (const c of text) {
		if (c === "[") depth++;
		else if (c === "]" && --depth < 0) balanced = false;
	}
	if (depth !== 0 || text.indexOf("](") >= 0) balanced = false;
	let out = text.replace(/\\/g, "\\\\");
	if (!balanced) out = out.replace(/[[\]]/g, "\\$&");
	out = out.replace(/&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g, "\\&");
	if (separators !== "none") out = out.replace(separators === "source" ? / ([-–—])(?= |$)/g : / ([-–—])(?= )/g, (_m, dash: string) => ` ${ESCAPED_DASH[dash]!}`);
	return escapeCommentMarks(out);
}

/**
 * `%%` and `<!--` outside inline code, escaped so that they open no comment: `\%\%`, `<\!--`. A `%`
 * already escaped stays as it is, and so does what is escaped before it (`\%%` becomes `\%\%`).
 */
export function escapeCommentMarks(line: string): string {
	if (line.indexOf("%%") < 0 && line.indexOf("<!--") < 0) return line;
	const escape = (part: string) => {
		if (part.indexOf("%%") >= 0) {
			let out = "";
			let slashes = 0;
			for (let i = 0; i < part.length; i++) {
				const c = part[i]!;
				// An unescaped `%` next to another one: either way they would read as `%%`.
				if (c === "%" && slashes % 2 === 0 && (part[i - 1] === "%" || part[i + 1] === "%")) out += "\\%";
				else out += c;
				slashes = c === "\\" ? slashes + 1 : 0;
			}
			part = out;
		}
		return part.replace(/<!--/g, "<\\!--");
	};
	let out = "";
	let pos = 0;
	for (const [from, to] of codeSpans(line)) {
		out += escape(line.slice(pos, from)) + line.slice(from, to);
		pos = to;
	}
	return out + escape(line.slice(pos));
}

/** A destination that would not survive as-is (spaces, unbalanced parentheses, `<>`) is wrapped in `<...>`. */
export function formatDestination(url: string): string {
	// A backslash before punctuation (or at the end, before the closing `)`) would read as an escape.
	url = url.replace(/\\(?=[!-/:-@[-`{-~]|$)/g, "\\\\");
	let depth = 0;
	let balanced = true;
	for (const c of url) {
		if (c === "(") depth++;
		else if (c === ")" && --depth < 0) balanced = false;
	}
	if (depth !== 0) balanced = false;
	if (balanced && !/[\s<>]/.test(url)) return url;
	return `<${url.replace(/[<>]/g, (c) => (c === "<" ? "%3C" : "%3E"))}>`;
}
