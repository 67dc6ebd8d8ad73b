import { escapeLinkText, formatDestination } from "../format/entry-text";
import type { YamlParser } from "../format/frontmatter";
import { CodeMasker, isBlank, parseInlineLink } from "../format/markdown-scan";
import { parseWithSeries } from "../format/parser";
import { LineEdits, type TextChange } from "./text-edit";
import type { Category, Digest, Entry, Series } from "../format/types";

export interface EditContext {
	parseYaml: YamlParser;
	/** The series of the digest: its category level, date format and category order. */
	series: Pick<Series, "categoryLevel" | "dateFormat" | "categories">;
}

export type EditResult =
	| { ok: true; text: string; changes: TextChange[]; /** 1-based line the edit is about, in the new text. */ line: number }
	| { ok: false; reason: string };

export interface NewEntry {
	category: string;
	url: string;
	title: string;
	source?: string;
	tags?: string[];
	recommended?: boolean;
	/** Commentary lines; each becomes a bullet (lines that already are list items stay as written). */
	commentary?: string[];
}

const RECOMMENDED_FLAG = " 🌟 **(Recommended)**";
const STAR = "(?:🌟|⭐\\uFE0F?|ðŸŒŸ|â­\\u0090?)[ \\t]*";
/** The flag with the blanks before it; the emoji may stand before or inside the emphasis (`**🌟 (Recommended)**`). */
const FLAG_RE = new RegExp(`[ \\t]*(?:${STAR})?(\\*\\*|__|\\*|_)?(?:${STAR})?\\(recommended\\)\\1`, "giu");
const NUMBER_RE = /^\[(\s*)(\d+)(?=[.)])/;

function refuse(reason: string): EditResult {
	return { ok: false, reason };
}

/** Parses the note for an edit; a note with parse errors is never rewritten. */
export function parseForEdit(text: string, path: string, ctx: EditContext): Digest | string {
	const digest = parseWithSeries(text, path, ctx.series, ctx.parseYaml);
	const errors = digest.problems.filter((p) => p.severity === "error");
	if (errors.length > 0) {
		return `${path} was left unchanged because it has ${errors.length === 1 ? "a problem" : "problems"} to fix first: ${errors.map((e) => `line ${e.line}: ${e.message}`).join(" ")}`;
	}
	return digest;
}

/** `[N. Source - Title](URL)` with the recommended flag and tags, as FORMAT.md writes it. */
export function formatEntryLine(e: { number: number | null; source?: string | null; title: string; url: string; recommended?: boolean; tags?: readonly string[] }): string {
	const num = e.number !== null ? `${e.number}. ` : "";
	// A ` - ` inside the source, or inside a title with no source, would read back as the separator.
	const source = e.source?.trim() ? `${escapeLinkText(e.source.trim()).replace(/ -(?= |$)/g, " \\-")} - ` : "";
	const title = escapeLinkText(e.title.trim());
	let text = `${source}${source ? title : title.replace(/ -(?= )/g, " \\-")}`;
	// Unnumbered text that starts like a number (`0) Intro`) would read back as one.
	if (!num) text = text.replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2");
	let line = `[${num}${text}](${formatDestination(e.url.trim())})`;
	if (e.recommended) line += RECOMMENDED_FLAG;
	for (const t of e.tags ?? []) {
		const tag = cleanEntryTag(t);
		if (tag) line += ` #${tag}`;
	}
	return line;
}

/** A tag as Obsidian would read it back: no `#`, spaces as `-`, only tag characters. */
export function cleanEntryTag(tag: string): string {
	const t = tag.trim().replace(/^#+/, "").replace(/\s+/g, "-").replace(/[^\p{L}\p{N}\p{M}_\-/]/gu, "");
	return /^[\d/]*$/.test(t) ? "" : t;
}

function bullets(lines: readonly string[]): string[] {
	return lines
		// An item holding line breaks is several lines: written whole, it would bring its own line endings.
		.flatMap((l) => l.split(/\r\n|\r|\n/))
		.map((l) => l.replace(/\s+$/, ""))
		.filter((l) => l.trim() !== "")
		.map((l) => (/^\s*([-*+]|\d+[.)])\s/.test(l) || /^\s/.test(l) ? l : `- ${l.trim()}`));
}

/** Last non-blank 1-based line of a category (its heading when it is empty). */
function lastBlockLine(edits: LineEdits, cat: Category): number {
	for (let n = cat.endLine; n > cat.line; n--) if (!isBlank(edits.line(n - 1))) return n;
	return cat.line;
}

function findCategory(digest: Digest, name: string): Category | undefined {
	const want = name.trim().toLowerCase();
	return digest.categories.find((c) => c.name.toLowerCase() === want);
}

function maxNumber(cat: Category | undefined, skipLine = -1): number {
	let max = 0;
	for (const e of cat?.entries ?? []) if (e.line !== skipLine && e.number !== null && e.number > max) max = e.number;
	return max;
}

/**
 * Plans where a block of lines goes at the end of a category, creating the category where the
 * series' order puts it. Returns the 1-based line the block's first line will have.
 */
function planAppend(edits: LineEdits, digest: Digest, ctx: EditContext, name: string, block: string[]): void {
	const cat = findCategory(digest, name);
	if (cat) {
		edits.insertBefore(lastBlockLine(edits, cat), ["", ...block]);
		return;
	}
	const heading = `${"#".repeat(ctx.series.categoryLevel)} ${name.trim()}`;
	const order = ctx.series.categories.map((c) => c.toLowerCase());
	const rank = order.indexOf(name.trim().toLowerCase());
	const before = rank < 0 ? undefined : digest.categories.find((c) => {
		const r = order.indexOf(c.name.toLowerCase());
		return r > rank;
	});
	if (before) {
		edits.insertBefore(before.line - 1, [heading, "", ...block, ""]);
		return;
	}
	let last = edits.lineCount;
	while (last > 0 && isBlank(edits.line(last - 1))) last--;
	edits.insertBefore(last, last === 0 ? [heading, "", ...block] : ["", heading, "", ...block]);
}

/** Inserts a new entry at the end of its category, numbered one more than the largest there. */
export function insertEntry(text: string, path: string, ctx: EditContext, input: NewEntry): EditResult {
	if (input.category.trim() === "") return refuse("Name a category for the entry.");
	if (input.url.trim() === "") return refuse("Give the entry a URL.");
	if (input.title.trim() === "") return refuse("Give the entry a title.");
	if (/[\r\n]/.test(input.category + input.url + input.title + (input.source ?? ""))) return refuse("The category, URL, title and source must each be one line.");
	const digest = parseForEdit(text, path, ctx);
	if (typeof digest === "string") return refuse(digest);
	const edits = new LineEdits(text);
	const number = maxNumber(findCategory(digest, input.category)) + 1;
	const entryLine = formatEntryLine({ ...input, number });
	const comments = bullets(input.commentary ?? []);
	planAppend(edits, digest, ctx, input.category, comments.length ? [entryLine, "", ...comments] : [entryLine]);
	const out = finish(edits);
	const line = lineOf(out.text, path, ctx, input.category, entryLine);
	if (line === null) return refuse(unreadable(input.category));
	return { ...out, line };
}

/** Why an edit whose result would not read back was refused. */
function unreadable(category: string): string {
	return `The entry would not read back as written under "${category.trim()}" (look for \`%%\`, \`<!--\` or backticks in its text or URL, a category name ending in \`#\`, or a code block left open), so the note was left unchanged.`;
}

function finish(edits: LineEdits): { ok: true; text: string; changes: TextChange[] } {
	const changes = edits.sortedChanges();
	return { ok: true, text: edits.apply(), changes };
}

/**
 * The 1-based line of a written entry line within a category of the edited text (for the caller to
 * jump to); null when the edited text does not read it back as that entry, or has new errors.
 */
function lineOf(text: string, path: string, ctx: EditContext, category: string, entryLine: string): number | null {
	const digest = parseWithSeries(text, path, ctx.series, ctx.parseYaml);
	if (digest.problems.some((p) => p.severity === "error")) return null;
	const lines = text.split("\n");
	const cat = findCategory(digest, category);
	for (const e of [...(cat?.entries ?? [])].reverse()) if (lines[e.line - 1]!.replace(/\r$/, "") === entryLine) return e.line;
	return null;
}

/** Plans numbers 1..n, in document order, for the numbered entries of a category; only digits change. */
function planRenumber(edits: LineEdits, cat: Category, skipLine = -1): number {
	let n = 0;
	for (const e of cat.entries) {
		if (e.number === null || e.line === skipLine) continue;
		n++;
		if (e.number === n) continue;
		const m = NUMBER_RE.exec(edits.line(e.line - 1));
		if (!m) continue;
		const at = 1 + m[1]!.length;
		edits.replaceInLine(e.line - 1, at, at + m[2]!.length, String(n));
	}
	return n;
}

/** Renumbers the entries of every category (or the named ones) 1..n in document order. */
export function renumberEntries(text: string, path: string, ctx: EditContext, categories?: readonly string[]): EditResult {
	const digest = parseForEdit(text, path, ctx);
	if (typeof digest === "string") return refuse(digest);
	const edits = new LineEdits(text);
	const wanted = categories?.map((c) => c.toLowerCase());
	for (const cat of digest.categories) if (!wanted || wanted.includes(cat.name.toLowerCase())) planRenumber(edits, cat);
	return { ...finish(edits), line: 1 };
}

export function entryAtLine(digest: Digest, line: number): { cat: Category; entry: Entry; index: number } | null {
	for (const cat of digest.categories) {
		const index = cat.entries.findIndex((e) => e.line === line);
		if (index >= 0) return { cat, entry: cat.entries[index]!, index };
	}
	return null;
}

function noEntry(line: number): EditResult {
	return refuse(`Line ${line} is not an entry.`);
}

/** Adds or removes the recommended flag of the entry on a 1-based line. */
export function toggleRecommended(text: string, path: string, ctx: EditContext, line: number): EditResult {
	const digest = parseForEdit(text, path, ctx);
	if (typeof digest === "string") return refuse(digest);
	const found = entryAtLine(digest, line);
	if (!found) return noEntry(line);
	const edits = new LineEdits(text);
	const raw = edits.line(line - 1);
	const scan = new CodeMasker().mask(raw);
	const link = parseInlineLink(scan, raw, 0);
	if (!link.ok) return noEntry(line);
	const end = link.link.end;
	if (found.entry.recommended) {
		// Every flag goes: the parser reads any `(Recommended)` after the link as the flag.
		const flags = [...scan.slice(end).matchAll(FLAG_RE)];
		if (flags.length === 0) return refuse(`The recommended flag on line ${line} could not be found.`);
		for (const m of flags) edits.replaceInLine(line - 1, end + m.index, end + m.index + m[0].length, "");
	} else {
		edits.replaceInLine(line - 1, end, end, RECOMMENDED_FLAG);
	}
	return { ...finish(edits), line };
}

/** The 1-based lines an entry owns: its line, and its commentary when it is alone in its group. */
function ownedBlock(found: { cat: Category; entry: Entry }): { first: number; last: number } {
	const group = found.cat.groups[found.entry.group]!;
	const alone = group.entries.length === 1;
	return { first: found.entry.line, last: alone && group.commentaryEnd !== null ? group.commentaryEnd : found.entry.line };
}

/** Plans the deletion of a block with the blank lines that separate it from what precedes it. */
function planDelete(edits: LineEdits, cat: Category, first: number, last: number): void {
	let from = first;
	while (from - 1 > cat.line && isBlank(edits.line(from - 2))) from--;
	edits.deleteLines(from - 1, last);
}

/** Deletes the entry on a 1-based line, with its commentary when it is alone in its group. */
export function deleteEntry(text: string, path: string, ctx: EditContext, line: number): EditResult {
	const digest = parseForEdit(text, path, ctx);
	if (typeof digest === "string") return refuse(digest);
	const found = entryAtLine(digest, line);
	if (!found) return noEntry(line);
	const edits = new LineEdits(text);
	const block = ownedBlock(found);
	planDelete(edits, found.cat, block.first, block.last);
	return { ...finish(edits), line: Math.max(1, line - 1) };
}

/**
 * Moves the entry on a 1-based line to another category, with its commentary (copied when the
 * group shares it); both categories are renumbered.
 */
export function moveEntry(text: string, path: string, ctx: EditContext, line: number, category: string): EditResult {
	if (category.trim() === "") return refuse("Name the category to move the entry to.");
	const digest = parseForEdit(text, path, ctx);
	if (typeof digest === "string") return refuse(digest);
	const found = entryAtLine(digest, line);
	if (!found) return noEntry(line);
	const target = findCategory(digest, category);
	if (target === found.cat) return refuse(`The entry is already in "${found.cat.name}".`);
	const edits = new LineEdits(text);
	const block = ownedBlock(found);
	const group = found.cat.groups[found.entry.group]!;
	let entryLine = edits.line(line - 1);
	const newNumber = (target ? target.entries.filter((e) => e.number !== null).length : 0) + 1;
	const m = NUMBER_RE.exec(entryLine);
	if (m) entryLine = `[${m[1]}${newNumber}${entryLine.slice(m[0].length)}`;
	const commentary: string[] = [];
	if (group.commentaryStart !== null) {
		for (let n = group.commentaryStart; n <= group.commentaryEnd!; n++) commentary.push(edits.line(n - 1));
	}
	planDelete(edits, found.cat, block.first, block.last);
	planRenumber(edits, found.cat, line);
	if (target) planRenumber(edits, target);
	planAppend(edits, digest, ctx, category, commentary.length ? [entryLine, "", ...commentary] : [entryLine]);
	const out = finish(edits);
	const moved = lineOf(out.text, path, ctx, category, entryLine);
	if (moved === null) return refuse(unreadable(category));
	return { ...out, line: moved };
}
