import { CodeMasker, isBlank } from "../format/markdown-scan";
import { dedent, indentOf, readListItem } from "../format/list-items";
import { readHeading, readListEntry } from "../format/parser";
import type { Category, Digest, Entry, Series } from "../format/types";
import type { LineEdits } from "./text-edit";

/**
 * The list style's side of the edits (FORMAT.md, "List style"): where an entry's link and number
 * stand in its item line, where a category's list ends, and what a new item is written with.
 */

export function isListStyle(series: Pick<Series, "entryStyle">): boolean {
	return series.entryStyle === "list";
}

/** Where an entry's link starts in its line: column 0 in the line style, after the marker and kinds in the list style. */
export function linkStartOf(line: string, list: boolean): number {
	if (!list) return 0;
	const scan = new CodeMasker().mask(line);
	const item = readListItem(scan);
	if (!item) return -1;
	const found = readListEntry(scan, line, item.contentStart);
	return found && found.ok ? found.linkStart : -1;
}

const TEXT_NUMBER = /^\[(\s*)(\d+)(?=[.)])/;

/** The digits of an entry's number in its line, [from, to), or null: an ordered item's marker, else the link text's `N.`. */
export function numberSpan(line: string, list: boolean): [number, number] | null {
	if (list) {
		const item = readListItem(line);
		if (item && item.number !== null) return [item.markerStart, item.markerEnd - 1];
	}
	return textNumberSpan(line, list);
}

/** The digits of the `N.` in an entry's link text, [from, to), or null; in the list style whether or not the item is ordered. */
export function textNumberSpan(line: string, list: boolean): [number, number] | null {
	const start = linkStartOf(line, list);
	if (start < 0) return null;
	const m = TEXT_NUMBER.exec(line.slice(start));
	return m ? [start + 1 + m[1]!.length, start + 1 + m[1]!.length + m[2]!.length] : null;
}

/** How a category's items are written: the prefix before the content (`- `, `\t* `, `3. `), and whether it is ordered. */
export interface ItemShape {
	indent: string;
	bullet: string | null;
	delimiter: string | null;
	/** The blanks after the marker. */
	gap: string;
	/** What nested lines start with. */
	nested: string;
}

const DEFAULT_SHAPE: ItemShape = { indent: "", bullet: "-", delimiter: null, gap: " ", nested: "\t" };

/** The shape of a category's last entry's item, or `- ` where it has none. */
export function itemShape(edits: LineEdits, cat: Category | undefined): ItemShape {
	const last = cat?.entries[cat.entries.length - 1];
	if (!last) return DEFAULT_SHAPE;
	const line = edits.line(last.line - 1);
	const item = readListItem(line);
	if (!item) return DEFAULT_SHAPE;
	let nested = item.contentColumn <= 4 ? "\t" : " ".repeat(item.contentColumn);
	// Nested lines keep the indentation the list's own nested lines have.
	const end = lastLineOf(last, cat);
	for (let n = last.line + 1; n <= end; n++) {
		const l = edits.line(n - 1);
		if (isBlank(l)) continue;
		const lead = l.slice(0, indentOf(l).index);
		nested = lead.indexOf("\t") >= 0 && item.contentColumn <= 4 ? "\t" : " ".repeat(item.contentColumn);
		break;
	}
	return { indent: line.slice(0, item.markerStart), bullet: item.bullet, delimiter: item.delimiter, gap: line.slice(item.markerEnd, item.contentStart) || " ", nested };
}

/** An item's prefix in a shape, numbered where the list is ordered. */
export function itemPrefix(shape: ItemShape, number: number): string {
	return `${shape.indent}${shape.bullet ?? `${number}${shape.delimiter ?? "."}`}${shape.gap}`;
}

/** The last 1-based line an entry's item holds: its nested commentary's end, or its own line. */
export function lastLineOf(entry: Entry, cat: Category): number {
	const g = cat.groups[entry.group];
	return g && g.commentaryEnd !== null && g.commentaryEnd > entry.line ? g.commentaryEnd : entry.line;
}

/**
 * The last 1-based line of the top-level list that holds a category's last entry: past it come a
 * blank line and something that is not part of the list, a heading, or the category's end.
 */
export function listEnd(edits: LineEdits, cat: Category): number {
	const last = cat.entries[cat.entries.length - 1]!;
	let end = lastLineOf(last, cat);
	let column = readListItem(edits.line(last.line - 1))?.contentColumn ?? 2;
	const masker = new CodeMasker();
	for (let n = last.line; n <= end; n++) masker.mask(edits.line(n - 1));
	let blank = false;
	for (let n = end + 1; n <= cat.endLine; n++) {
		const raw = edits.line(n - 1);
		const wasInFence = masker.inFence;
		const scan = masker.mask(raw);
		if (isBlank(raw)) {
			blank = true;
			continue;
		}
		const indent = indentOf(raw).column;
		if (wasInFence || indent >= column) {
			end = n;
			blank = false;
			continue;
		}
		if (readHeading(scan)) break;
		const item = masker.inFence ? null : readListItem(scan);
		if (item && item.indent <= 3) {
			column = item.contentColumn;
			end = n;
			blank = false;
			continue;
		}
		if (!blank && !masker.inFence) {
			end = n;
			continue;
		}
		break;
	}
	return end;
}

/** Nested commentary lines: each line as an item (or as given when it is one) under the entry. */
export function nestedLines(shape: ItemShape, comments: readonly string[]): string[] {
	return comments.map((c) => `${shape.nested}${c}`);
}

/**
 * The heading lines to write for a new list-style category named by a path (`A › B`), and where:
 * under the deepest existing category of the path, else at the end of the note. Null when the path
 * is deeper than the series' category level.
 */
export function newCategoryPlan(edits: LineEdits, digest: Digest, level: number, name: string): { at: number; lines: string[]; names: string[] } | null {
	const parts = name.split("›").map((p) => p.trim()).filter((p) => p !== "");
	if (parts.length === 0) return null;
	let parent: Category | null = null;
	let depth = 0;
	for (let k = parts.length - 1; k >= 1; k--) {
		const want = parts.slice(0, k).join(" › ").toLowerCase();
		const found = digest.categories.find((c) => c.name.toLowerCase() === want);
		if (found) {
			parent = found;
			depth = k;
			break;
		}
	}
	const parentLevel = parent ? readHeading(edits.line(parent.line - 1))?.level ?? depth : 0;
	const rest = parts.slice(depth);
	if (parentLevel + rest.length > level) return null;
	const headings = rest.map((p, i) => `${"#".repeat(parentLevel + i + 1)} ${p}`);
	// The categories the headings make, each named with the path above it.
	const names = rest.map((_, i) => [...(parent ? [parent.name] : []), ...rest.slice(0, i + 1)].join(" › "));
	if (!parent) {
		let last = edits.lineCount;
		while (last > 0 && isBlank(edits.line(last - 1))) last--;
		return { at: last, lines: last === 0 ? headings : ["", ...headings], names };
	}
	// The end of the parent's section: before the next heading at the parent's level or above.
	let end = parent.line;
	const idx = digest.categories.indexOf(parent);
	for (let k = idx + 1; k < digest.categories.length; k++) {
		const c = digest.categories[k]!;
		const l = readHeading(edits.line(c.line - 1))?.level ?? 1;
		if (l <= parentLevel) break;
		end = c.endLine;
	}
	if (idx + 1 >= digest.categories.length || end === parent.line) end = Math.max(end, parent.endLine);
	let last = end;
	while (last > parent.line && isBlank(edits.line(last - 1))) last--;
	return { at: last, lines: ["", ...headings], names };
}

/** Re-indents an entry's nested lines for a new item shape. */
export function reindentNested(lines: readonly string[], fromColumn: number, shape: ItemShape): string[] {
	return lines.map((l) => (isBlank(l) ? "" : `${shape.nested}${dedent(l, fromColumn)}`));
}
