/**
 * List items as the list style reads them (FORMAT.md, "List style"): the marker, where the
 * content starts, and the bracketed kind words before an entry's link. Each function is linear
 * in its line and uses no lookbehind.
 */

export interface ListItem {
	/** Column of the marker (a tab advances to the next multiple of 4). */
	indent: number;
	/** Index in the line of the marker's first character. */
	markerStart: number;
	/** Index just past the marker (`-`, `*`, `+`, or the digits and `.`/`)`). */
	markerEnd: number;
	/** The bullet character, or null for an ordered item. */
	bullet: string | null;
	/** An ordered item's number and delimiter (`.` or `)`). */
	number: number | null;
	delimiter: string | null;
	/** Index in the line where the item's content starts. */
	contentStart: number;
	/** Column where the item's content starts: lines indented this far belong to the item. */
	contentColumn: number;
}

/** The column a line's first non-blank character stands at, and its index. */
export function indentOf(line: string): { column: number; index: number } {
	let col = 0;
	let i = 0;
	for (; i < line.length; i++) {
		const c = line.charCodeAt(i);
		if (c === 32) col++;
		else if (c === 9) col += 4 - (col % 4);
		else break;
	}
	return { column: col, index: i };
}

/** The list item a (masked) line opens, or null. */
export function readListItem(line: string): ListItem | null {
	const { column, index } = indentOf(line);
	const c = line.charCodeAt(index);
	let end: number;
	let bullet: string | null = null;
	let number: number | null = null;
	let delimiter: string | null = null;
	if (c === 45 || c === 42 || c === 43) {
		end = index + 1;
		bullet = line[index]!;
	} else if (c >= 48 && c <= 57) {
		let j = index;
		while (j < line.length && j - index < 9 && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
		const d = line.charCodeAt(j);
		if (d !== 46 && d !== 41) return null;
		number = Number(line.slice(index, j));
		delimiter = line[j]!;
		end = j + 1;
	} else return null;
	// The marker is followed by blanks, or ends the line.
	if (end < line.length) {
		const after = line.charCodeAt(end);
		if (after !== 32 && after !== 9) return null;
	}
	let col = column + (end - index);
	let k = end;
	let spaces = 0;
	while (k < line.length && spaces < 4) {
		const b = line.charCodeAt(k);
		if (b === 32) col++;
		else if (b === 9) col += 4 - (col % 4);
		else break;
		k++;
		spaces++;
	}
	return { indent: column, markerStart: index, markerEnd: end, bullet, number, delimiter, contentStart: k, contentColumn: k >= line.length ? column + (end - index) + 1 : col };
}

const KIND_RE = /\[([\p{L}\p{N} -]{1,40})\][ \t]+/uy;

/**
 * The kind words before an entry's link from `from` (`[video] [Title](url)`), and where the link
 * would start. Kinds count only where a `[` follows them; a task box (`[ ]`, `[x]`) is no kind.
 */
export function readKinds(line: string, from: number): { kinds: string[]; linkStart: number } {
	let at = from;
	const kinds: string[] = [];
	while (line.charCodeAt(at) === 91 && line.charCodeAt(at + 1) !== 91) {
		KIND_RE.lastIndex = at;
		const m = KIND_RE.exec(line);
		if (!m) break;
		const word = m[1]!.trim().toLowerCase();
		const next = at + m[0].length;
		if (word === "" || word === "x" || line.charCodeAt(next) !== 91) break;
		kinds.push(word);
		at = next;
	}
	return at === from || line.charCodeAt(at) !== 91 ? { kinds: [], linkStart: from } : { kinds, linkStart: at };
}

/** Whether an item's content from `at` is a task box (`[ ]`, `[x]`, any one character), which is never a link. */
export function isTaskBox(line: string, at: number): boolean {
	return line.charCodeAt(at) === 91 && line.charCodeAt(at + 2) === 93 && (at + 3 >= line.length || line.charCodeAt(at + 3) === 32 || line.charCodeAt(at + 3) === 9);
}

/** Removes up to `columns` columns of leading blanks from a line (a tab counts to the next multiple of 4). */
export function dedent(line: string, columns: number): string {
	let col = 0;
	let i = 0;
	while (i < line.length && col < columns) {
		const c = line.charCodeAt(i);
		if (c === 32) col++;
		else if (c === 9) col += 4 - (col % 4);
		else break;
		i++;
	}
	return i === 0 ? line : line.slice(i);
}

const STAR = "(?:🌟|⭐\\uFE0F?|ðŸŒŸ|â­\\u0090?)[ \\t]*";
const FLAG_ANYWHERE = new RegExp(`[ \\t]*(?:${STAR})?(\\*\\*|__|\\*|_)?(?:${STAR})?\\(recommended\\)\\1`, "giu");
const TAG_TOKEN = /^#[\p{L}\p{N}\p{M}_\-/]+$/u;
const LEADING_SEPARATOR = /^[ \t]*(?:[:\-–—][ \t]*)?/;

/**
 * The description after an entry's link on its item line: the text without the recommended flag
 * and the trailing `#tags`, without a leading `:` or dash; "" when nothing else stands there.
 */
export function descriptionOf(rest: string): string {
	if (rest.trim() === "") return "";
	let d = rest.replace(FLAG_ANYWHERE, "").trimEnd();
	// Trailing `#tags` are the entry's, token by token from the end (a regex would backtrack on a long line).
	for (;;) {
		const cut = Math.max(d.lastIndexOf(" "), d.lastIndexOf("\t"));
		const token = d.slice(cut + 1);
		if (!TAG_TOKEN.test(token)) break;
		d = d.slice(0, cut + 1).trimEnd();
		if (cut < 0) break;
	}
	return d.replace(LEADING_SEPARATOR, "").trim();
}
