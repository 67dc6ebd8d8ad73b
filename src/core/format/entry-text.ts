import { readCharRef } from "./char-refs";
import { codeSpans, decodeMarkdown } from "./markdown-scan";

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

type Spans = [number, number][];

/** The spans of `spans` that lie in [from, to), shifted to start at `from`. */
function spansIn(spans: Spans, from: number, to: number): Spans {
	const out: Spans = [];
	for (const [a, b] of spans) if (a >= from && b <= to) out.push([a - from, b - from]);
	return out;
}

/** `text` with its code spans blanked out, so that nothing inside them is found. */
function masked(text: string, spans: Spans): string {
	let out = "";
	let from = 0;
	for (const [a, b] of spans) {
		out += text.slice(from, a) + " ".repeat(b - a);
		from = b;
	}
	return out + text.slice(from);
}

/** A piece of link text as CommonMark reads it: escapes removed and references decoded, outside code spans. */
function readPiece(text: string, from: number, to: number, spans: Spans): string {
	const piece = text.slice(from, to);
	const pieceStart = from + (piece.length - piece.trimStart().length);
	const trimmed = piece.trim();
	return decodeMarkdown(trimmed, spans.length > 0 ? spansIn(spans, pieceStart, pieceStart + trimmed.length) : []);
}

/** A raw link text as CommonMark reads its characters: escapes removed and references decoded, outside code spans. */
export function decodeLinkText(raw: string): string {
	return decodeMarkdown(raw, raw.indexOf("`") < 0 ? [] : codeSpans(raw));
}

/** Reads `N. Source - Title` from an entry's raw link text. */
export function parseEntryText(raw: string): EntryText {
	const lead = raw.length - raw.trimStart().length;
	let rest = raw.trim();
	let number: number | null = null;
	let offset = lead;
	const m = NUMBER_RE.exec(rest);
	if (m) {
		number = Number(m[1]);
		rest = rest.slice(m[0].length);
		offset += m[0].length;
	}
	// Code spans of the whole text, as the line's masker found them: a separator inside one is not one.
	const spans = rest.indexOf("`") < 0 ? [] : spansIn(codeSpans(raw), offset, offset + rest.length);
	const find = spans.length > 0 ? masked(rest, spans) : rest;
	let sep = -1;
	let sepLen = 0;
	for (const s of SEPARATORS) {
		const at = find.indexOf(s);
		if (at >= 0 && (sep < 0 || at < sep)) {
			sep = at;
			sepLen = s.length;
		}
	}
	if (sep >= 0) {
		return {
			number,
			source: readPiece(rest, 0, sep, spans) || null,
			title: readPiece(rest, sep + sepLen, rest.length, spans),
			mistypedSeparator: false,
		};
	}
	return { number, source: null, title: readPiece(rest, 0, rest.length, spans), mistypedSeparator: MISTYPED_RE.test(find) };
}

/**
 * The one mistyped separator of a raw link text (`Medium -Battle`, `Medium- Battle`), as the
 * offset of its dash and the text written in place of the dash and its blank: ` - ` (with the
 * same dash). Null when the text has a real separator, none mistyped, or more than one (then
 * which one was meant is a guess).
 */
export function mistypedSeparator(raw: string): { from: number; to: number; insert: string } | null {
	const lead = raw.length - raw.trimStart().length;
	let rest = raw.trim();
	let offset = lead;
	const m = NUMBER_RE.exec(rest);
	if (m) {
		rest = rest.slice(m[0].length);
		offset += m[0].length;
	}
	const spans = rest.indexOf("`") < 0 ? [] : spansIn(codeSpans(raw), offset, offset + rest.length);
	const find = spans.length > 0 ? masked(rest, spans) : rest;
	if (SEPARATORS.some((s) => find.includes(s))) return null;
	const found: { from: number; to: number; insert: string }[] = [];
	for (const hit of find.matchAll(/[^\s\\]([-–—]) (?=\S)|\S ([-–—])(?=\S)/g)) {
		const dash = hit[1] ?? hit[2]!;
		// `x- y`: the dash and the blank after it; `x -y`: the blank before and the dash. Both start after `x`.
		const from = offset + hit.index + 1;
		found.push({ from, to: from + 2, insert: ` ${dash} ` });
	}
	return found.length === 1 ? found[0]! : null;
}

/** Whether a `&` at `i` would read as a character reference, and so must be written `\&`. */
function startsCharRef(s: string, i: number): boolean {
	return readCharRef(s, i) !== null;
}

/**
 * Escapes what would not read back as written in an entry's link text: backslashes, `&` where it
 * starts a character reference, and unbalanced brackets; inside code spans, where CommonMark
 * reads no escape, nothing. (formatEntryLine checks the result reads back, and escapes more if not.)
 */
export function escapeLinkText(text: string): string {
	const spans: Spans = text.indexOf("`") < 0 ? [] : codeSpans(text);
	const outside = spans.length > 0 ? masked(text, spans) : text;
	let depth = 0;
	let balanced = true;
	for (const c of outside) {
		if (c === "[") depth++;
		else if (c === "]" && --depth < 0) balanced = false;
	}
	if (depth !== 0) balanced = false;
	let out = "";
	let span = 0;
	for (let i = 0; i < text.length; i++) {
		if (span < spans.length && spans[span]![0] === i) {
			out += text.slice(i, spans[span]![1]);
			i = spans[span++]![1] - 1;
			continue;
		}
		const c = text[i]!;
		if (c === "\\" || (c === "&" && startsCharRef(text, i)) || (!balanced && (c === "[" || c === "]"))) out += "\\";
		out += c;
	}
	return out;
}

/** Every ASCII punctuation character escaped: reads back as written in any link text or `<...>` destination. */
export function escapeAllPunctuation(text: string): string {
	return text.replace(/[!-/:-@[-`{-~]/g, "\\$&");
}

function hasControlOrAngle(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c <= 32 || c === 127 || c === 60 || c === 62) return true;
	}
	return false;
}

/**
 * A destination that reads back as written: backslashes before punctuation and `&` before what
 * would read as a character reference escaped; wrapped in `<...>` (with `<` and `>` escaped) when
 * it holds blanks, controls, `<`, `>` or parentheses that are unbalanced or nested too deep.
 */
export function formatDestination(url: string): string {
	// A backslash before punctuation (or at the end, before the closing `)`) would read as an escape.
	url = url.replace(/\\(?=[!-/:-@[-`{-~]|$)/g, "\\\\");
	if (url.indexOf("&") >= 0) {
		let out = "";
		for (let i = 0; i < url.length; i++) out += url[i] === "&" && startsCharRef(url, i) ? "\\&" : url[i]!;
		url = out;
	}
	let depth = 0;
	let balanced = true;
	for (const c of url) {
		if (c === "(") {
			if (++depth > 32) balanced = false;
		} else if (c === ")" && --depth < 0) balanced = false;
	}
	if (depth !== 0) balanced = false;
	// Controls and blanks end a bare destination; `<` cannot start one.
	if (balanced && !hasControlOrAngle(url)) return url;
	return `<${url.replace(/[<>]/g, "\\$&")}>`;
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
