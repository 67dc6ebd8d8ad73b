import { unescapeMarkdown } from "./markdown-scan";

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
			source: unescapeMarkdown(rest.slice(0, sep).trim()) || null,
			title: unescapeMarkdown(rest.slice(sep + sepLen).trim()),
			mistypedSeparator: false,
		};
	}
	return { number, source: null, title: unescapeMarkdown(rest), mistypedSeparator: MISTYPED_RE.test(rest) };
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
