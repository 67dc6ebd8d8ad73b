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

/** Escapes what would break an entry's link text: backslashes and unbalanced brackets. */
export function escapeLinkText(text: string): string {
	let depth = 0;
	let balanced = true;
	for (const c of text) {
		if (c === "[") depth++;
		else if (c === "]" && --depth < 0) balanced = false;
	}
	if (depth !== 0) balanced = false;
	let out = text.replace(/\\/g, "\\\\");
	if (!balanced) out = out.replace(/[[\]]/g, "\\$&");
	return out;
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
