import { ENTITY_SECONDS, ENTITY_TABLE } from "./html-entities";

/**
 * Character references (`&amp;`, `&#228;`, `&#xE4;`) as CommonMark reads them: a name only from
 * the HTML5 list, with its semicolon; 1-7 decimal or 1-6 hexadecimal digits. Shared by the digest
 * parser and the reading of fetched page titles.
 */

const SMALL_STEPS = " !#$%&'()*+,-./:;<=>?@";
const SECOND_MARKS = "[]^_`{|}";

let named: Map<string, string> | null = null;

/** The name-to-text map, decoded from the compact table the first time a name is looked up. */
function namedTable(): Map<string, string> {
	if (named) return named;
	const map = new Map<string, string>();
	const t = ENTITY_TABLE;
	let cp = 0;
	let i = 0;
	while (i < t.length) {
		if (t.charCodeAt(i) === 126) {
			const close = t.indexOf("~", i + 1);
			cp += Number(t.slice(i + 1, close));
			i = close + 1;
		} else cp += SMALL_STEPS.indexOf(t[i++]!);
		const start = i;
		while (i < t.length && isAlnum(t.charCodeAt(i))) i++;
		const name = t.slice(start, i);
		let value = String.fromCodePoint(cp);
		const mark = i < t.length ? SECOND_MARKS.indexOf(t[i]!) : -1;
		if (mark >= 0) {
			value += String.fromCodePoint(ENTITY_SECONDS[mark]!);
			i++;
		}
		map.set(name, value);
	}
	return (named = map);
}

function isAlnum(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isHex(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** The text of the named reference `&name;` (name without `&` and `;`), or undefined when HTML has no such name. */
export function namedCharRef(name: string): string | undefined {
	return namedTable().get(name);
}

/** How many names the table holds (2,125). */
export function namedCharRefCount(): number {
	return namedTable().size;
}

// What a browser makes of the numeric references to C1 controls (HTML's "numeric character reference end state").
const WINDOWS_1252: Readonly<Record<number, number>> = {
	0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
	0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
	0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
	0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

export interface CharRef {
	/** The text the reference stands for. */
	text: string;
	/** Index just past its `;`. */
	end: number;
}

/**
 * The character reference at `amp` (which holds `&`), or null when none starts there. With
 * `html`, numeric references read as a browser reads them in a page: any number of digits, and
 * the C1 controls as the Windows-1252 characters pages mean by them. Looks at most 33 characters.
 */
export function readCharRef(s: string, amp: number, html = false): CharRef | null {
	let i = amp + 1;
	if (s.charCodeAt(i) === 35) {
		i++;
		const hex = s.charCodeAt(i) === 120 || s.charCodeAt(i) === 88;
		if (hex) i++;
		const digits = i;
		let code = 0;
		const max = html ? 32 : hex ? 6 : 7;
		for (;;) {
			const c = s.charCodeAt(i);
			if (hex ? !isHex(c) : !(c >= 48 && c <= 57)) break;
			if (i - digits >= max) return null;
			// Past the last code point the value no longer matters: it reads as U+FFFD.
			if (code <= 0x10ffff) code = code * (hex ? 16 : 10) + (c <= 57 ? c - 48 : (c | 32) - 87);
			i++;
		}
		if (i === digits || s.charCodeAt(i) !== 59) return null;
		if (html && WINDOWS_1252[code] !== undefined) code = WINDOWS_1252[code]!;
		const text = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? "\uFFFD" : String.fromCodePoint(code);
		return { text, end: i + 1 };
	}
	const start = i;
	while (i - start <= 32 && isAlnum(s.charCodeAt(i))) i++;
	if (i - start < 2 || s.charCodeAt(i) !== 59) return null;
	const first = s.charCodeAt(start);
	if (first <= 57) return null;
	const text = namedCharRef(s.slice(start, i));
	return text === undefined ? null : { text, end: i + 1 };
}

/** Decodes every character reference in `text`; what is not one stays as written. Linear. */
export function decodeCharRefs(text: string, html = false): string {
	let amp = text.indexOf("&");
	if (amp < 0) return text;
	let out = "";
	let from = 0;
	while (amp >= 0) {
		const ref = readCharRef(text, amp, html);
		if (ref) {
			out += text.slice(from, amp) + ref.text;
			from = ref.end;
			amp = text.indexOf("&", from);
		} else amp = text.indexOf("&", amp + 1);
	}
	return out + text.slice(from);
}
