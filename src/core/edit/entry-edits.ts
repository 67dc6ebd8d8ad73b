import { escapeAllPunctuation, escapeCommentMarks, escapeLinkText, formatDestination, parseEntryText } from "../format/entry-text";
import type { YamlParser } from "../format/frontmatter";
import { CodeMasker, codeSpans, isBlank, parseInlineLink } from "../format/markdown-scan";
import { parseWithSeries, readHeading } from "../format/parser";
import { hashes } from "../format/words";
import { checkEntryUrl } from "./entry-url";
import { isListStyle, itemPrefix, itemShape, lastLineOf, linkStartOf, listEnd, nestedLines, newCategoryPlan, numberSpan, reindentNested, textNumberSpan } from "./list-edits";
import { readListItem } from "../format/list-items";
import { closeOpenMarks, safeNewCommentary } from "./safe-text";
import { LineEdits, type TextChange } from "./text-edit";
import { entryModel, verifyEdit, type EditIntent, type EntryModel } from "./verify-edit";
import type { Category, Digest, Entry, Series } from "../format/types";

export interface EditContext {
	parseYaml: YamlParser;
	/** The series of the digest: its category level, date format and category order. */
	series: Pick<Series, "categoryLevel" | "dateFormat" | "categories" | "entryStyle" | "collection">;
}

/**
 * A question an edit needs answered before it can go ahead; the caller asks the user and runs the
 * edit again with the option set.
 * - `share-commentary`: the entry's commentary would also become that of the entries without
 *   commentary before it (FORMAT.md, groups); option `shareCommentary`.
 * - `shared-commentary`: the entry is the last of a group whose commentary the others share;
 *   option `sharedCommentary`, "keep" (for the others) or "delete" (with the entry).
 * - `group-commentary`: the entry to move is one of a group whose commentary they all share;
 *   option `groupCommentary`, "move" (it goes with the entry), "keep" (it stays with the others)
 *   or "copy" (both have it).
 */
export interface EditQuestion {
	kind: "share-commentary" | "shared-commentary" | "group-commentary";
	/** Titles of the other entries of the group. */
	sharedWith: string[];
}

export type EditResult =
	| { ok: true; text: string; changes: TextChange[]; /** 1-based line the edit is about, in the new text. */ line: number }
	| { ok: false; reason: string; ask?: EditQuestion };

export interface NewEntry {
	category: string;
	url: string;
	title: string;
	source?: string;
	tags?: string[];
	recommended?: boolean;
	/** Commentary lines; each becomes a bullet (lines that already are list items stay as written). */
	commentary?: string[];
	/** Share the commentary with the entries without commentary that the new entry would join. */
	shareCommentary?: boolean;
	/** List style: kind words written before the link (`[video] `). */
	kinds?: string[];
}

/**
 * An entry as a command that waits for the user names it: found again when the edit applies, by
 * its place in the note, checked against its URL and title (or by those alone where it moved).
 */
export interface EntryRef {
	category: string;
	/** Index among the category's entries. */
	index: number;
	url: string;
	title: string;
}

/** The entry an edit is about: a 1-based line, or a reference found again in the text it applies to. */
export type EntryTarget = number | EntryRef;

export interface MoveOptions {
	shareCommentary?: boolean;
	/** For an entry of a group with shared commentary: the commentary goes with it, stays, or is copied. */
	groupCommentary?: "move" | "keep" | "copy";
}

export interface DeleteOptions {
	/** For the last entry of a group whose commentary others share: keep it for them, or delete it too. */
	sharedCommentary?: "keep" | "delete";
}

const RECOMMENDED_FLAG = " 🌟 **(Recommended)**";
const STAR = "(?:🌟|⭐\\uFE0F?|ðŸŒŸ|â­\\u0090?)[ \\t]*";
/** The flag with the blanks before it; the emoji may stand before or inside the emphasis (`**🌟 (Recommended)**`). */
const FLAG_RE = new RegExp(`[ \\t]*(?:${STAR})?(\\*\\*|__|\\*|_)?(?:${STAR})?\\(recommended\\)\\1`, "giu");
const NUMBER_RE = /^\[(\s*)(\d+)(?=[.)])/;

function refuse(reason: string, ask?: EditQuestion): EditResult {
	return ask ? { ok: false, reason, ask } : { ok: false, reason };
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

interface EntryLineInput {
	number: number | null;
	source?: string | null;
	title: string;
	url: string;
	recommended?: boolean;
	tags?: readonly string[];
}

// A ` - `, ` – ` or ` — ` inside the source, or inside a title with no source, would read back as
// the separator: the hyphen is escaped, the dashes (which CommonMark cannot escape) written as references.
// Inside a code span a separator is not one, and an escape would read as written: those stay.
function hideSeparators(text: string, atEnd: boolean): string {
	const spans = text.indexOf("`") < 0 ? [] : codeSpans(text);
	const re = atEnd ? / ([-–—])(?= |$)/g : / ([-–—])(?= )/g;
	return text.replace(re, (m: string, d: string, at: number) => {
		if (spans.some(([a, b]) => a <= at && at < b)) return m;
		return d === "-" ? " \\-" : d === "–" ? " &ndash;" : " &mdash;";
	});
}

function entryLink(e: EntryLineInput, escapeText: (s: string) => string, dest: string): string {
	const num = e.number !== null ? `${e.number}. ` : "";
	const source = e.source?.trim() ? `${hideSeparators(escapeText(e.source.trim()), true)} - ` : "";
	const title = escapeText(e.title.trim());
	let text = `${source}${source ? title : hideSeparators(title, false)}`;
	// Unnumbered text that starts like a number (`0) Intro`) would read back as one.
	if (!num) text = text.replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2");
	return `[${num}${text}](${dest})`;
}

/** Whether an entry line reads back as the entry it was written for (number, source, title, URL). */
function readsBack(line: string, e: EntryLineInput): boolean {
	if (line.startsWith("[[") || line.startsWith("[^")) return false;
	const res = parseInlineLink(new CodeMasker().mask(line), line, 0);
	if (!res.ok) return false;
	const t = parseEntryText(res.link.text);
	return t.number === e.number && t.source === (e.source?.trim() || null) && t.title === e.title.trim() && res.link.dest === e.url.trim();
}

/**
 * `[N. Source - Title](URL)` with the recommended flag and tags, as FORMAT.md writes it. The line
 * is read back before it is returned: where the light escaping would not give back the words as
 * typed (backticks that pair across the source and title, a link or an unclosed HTML tag in the
 * title), every punctuation character of the text is escaped instead.
 */
export function formatEntryLine(e: EntryLineInput): string {
	const dest = formatDestination(e.url.trim());
	// Comment marks (`%%`, `<!--`) in a title would hide the rest of the note: escaped first.
	let line = entryLink(e, (s) => escapeCommentMarks(escapeLinkText(s)), dest);
	if (!readsBack(line, e)) line = entryLink(e, escapeAllPunctuation, dest);
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

/** Commentary lines as written: one bullet each (list items and indented lines as given), made safe to write. */
function bullets(lines: readonly string[]): string[] {
	return safeNewCommentary(
		lines
			// An item holding line breaks is several lines: written whole, it would bring its own line endings.
			.flatMap((l) => l.split(/\r\n|\r|\n/))
			.map((l) => l.replace(/\s+$/, ""))
			.filter((l) => l.trim() !== "")
			.map((l) => (/^\s*([-*+]|\d+[.)])\s/.test(l) || /^\s/.test(l) ? l : `- ${l.trim()}`)),
	);
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
 * A heading named like a category but of another level than the series' categories, outside code:
 * writing the category would put `# Frontend` beside the note's `## Frontend`. One pass, taken only
 * when the category is missing.
 */
function headingAtOtherLevel(text: string, level: number, name: string): { level: number; name: string; line: number } | null {
	const want = name.trim().toLowerCase();
	const masker = new CodeMasker();
	const lines = text.split("\n");
	for (let i = 0; i < lines.length; i++) {
		const raw = lines[i]!.replace(/\r$/, "");
		const wasInFence = masker.inFence;
		const scan = masker.mask(raw);
		if (wasInFence) continue;
		const h = readHeading(scan);
		if (!h || h.level === level) continue;
		const written = (readHeading(raw) ?? h).name;
		if (written.toLowerCase() === want) return { level: h.level, name: written, line: i + 1 };
	}
	return null;
}

/** Why a category cannot be created beside a heading of the same name at another level, or null. */
function levelClash(text: string, digest: Digest, ctx: EditContext, name: string): string | null {
	// In the list style every heading up to the category level is a category: no level to clash with.
	if (isListStyle(ctx.series) || findCategory(digest, name)) return null;
	const other = headingAtOtherLevel(text, ctx.series.categoryLevel, name);
	if (!other) return null;
	const level = ctx.series.categoryLevel;
	return `The note already has "${other.name}" as a level-${other.level} heading (${hashes(other.level)} ${other.name}, line ${other.line}), and the series' categories are level-${level} headings, so the entry was not added; set the series' category level to ${other.level}.`;
}

/**
 * Plans a block of lines at the end of a category, creating the category where the series' order
 * puts it. Returns the index in `digest.categories` the category has (or will have).
 */
function planAppend(edits: LineEdits, digest: Digest, ctx: EditContext, name: string, block: string[]): number {
	const cat = findCategory(digest, name);
	if (cat) {
		edits.insertBefore(lastBlockLine(edits, cat), ["", ...block]);
		return digest.categories.indexOf(cat);
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
		return digest.categories.indexOf(before);
	}
	let last = edits.lineCount;
	while (last > 0 && isBlank(edits.line(last - 1))) last--;
	edits.insertBefore(last, last === 0 ? [heading, "", ...block] : ["", heading, "", ...block]);
	return digest.categories.length;
}

/**
 * Plans a list item (its line and nested lines) at the end of a category's list, before the blank
 * line or heading that ends it; a missing category gets its headings (a path makes one per part).
 * Returns the category's index in `digest.categories` (or the one it will have), or a reason.
 */
function planAppendList(edits: LineEdits, digest: Digest, ctx: EditContext, name: string, block: string[]): { index: number; created: string[] } | string {
	const cat = findCategory(digest, name);
	if (cat) {
		const at = cat.entries.length > 0 ? listEnd(edits, cat) : lastBlockLine(edits, cat);
		edits.insertBefore(at, cat.entries.length > 0 ? block : ["", ...block]);
		return { index: digest.categories.indexOf(cat), created: [] };
	}
	const plan = newCategoryPlan(edits, digest, ctx.series.categoryLevel, name);
	if (!plan) return `The category "${name.trim()}" is deeper than the series' category level (${ctx.series.categoryLevel}), so the entry was not added.`;
	edits.insertBefore(plan.at, [...plan.lines, "", ...block]);
	// Its place among the categories: after those that stand before where it is written.
	return { index: digest.categories.filter((c) => c.line <= plan.at).length, created: plan.names };
}

/** The model's entries of a list-style category, adding the categories an edit creates (a path makes several) at `index`. */
function expectedListCategory(m: Parameters<EditIntent>[0], index: number, created: readonly string[], name: string): EntryModel[] {
	if (created.length === 0) return expectedCategory(m, index, name);
	const added = created.map((n) => ({ name: n, entries: [] as EntryModel[] }));
	m.categories.splice(index, 0, ...added);
	return added[added.length - 1]!.entries;
}

/** A list item for an entry: the list's marker (numbered in an ordered list), kinds, the link, then nested commentary. */
function listItemBlock(edits: LineEdits, cat: Category | undefined, entryLine: string, kinds: readonly string[], number: number, comments: readonly string[]): string[] {
	const shape = itemShape(edits, cat);
	const kindText = kinds.map((k) => `[${k}] `).join("");
	return [`${itemPrefix(shape, number)}${kindText}${entryLine}`, ...nestedLines(shape, comments)];
}

/** The kind words as the parser reads them back: lower-cased, letters, digits, spaces and `-` only. */
function cleanKinds(kinds: readonly string[] | undefined): string[] {
	return (kinds ?? []).map((k) => k.trim().toLowerCase().replace(/[^\p{L}\p{N} -]/gu, "").trim()).filter((k) => k !== "" && k !== "x" && k.length <= 40);
}

/** Whether a category's entries are written in an ordered list (its last entry's item is numbered). */
function orderedList(edits: LineEdits, cat: Category | undefined): boolean {
	const last = cat?.entries[cat.entries.length - 1];
	return !!last && readListItem(edits.line(last.line - 1))?.number != null;
}

/**
 * The entries without commentary that a block appended to a category would join (the last group,
 * when it has none): they would share the block's commentary.
 */
function joinedEntries(digest: Digest, category: string): Entry[] {
	// The list style has no groups: an item's commentary is its own.
	if (digest.entryStyle === "list") return [];
	const cat = findCategory(digest, category);
	const last = cat?.groups[cat.groups.length - 1];
	if (!cat || !last || last.commentaryStart !== null) return [];
	return last.entries.map((i) => cat.entries[i]!);
}

function titles(entries: readonly Entry[]): string {
	const names = entries.map((e) => JSON.stringify(e.title));
	return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]!}`;
}

function shareQuestion(joined: readonly Entry[], what: string, flag: string): EditResult {
	const reason = `${what} would also become the commentary of ${titles(joined)}, which ${joined.length === 1 ? "has" : "have"} none and would form one group with it; ${flag}.`;
	return refuse(reason, { kind: "share-commentary", sharedWith: joined.map((e) => e.title) });
}

/** The entries of a category in the model being built, the category added at `index` when it is new. */
function expectedCategory(m: Parameters<EditIntent>[0], index: number, name: string): EntryModel[] {
	const want = name.trim().toLowerCase();
	const existing = m.categories.find((c) => c.name.toLowerCase() === want);
	if (existing) return existing.entries;
	const added = { name: name.trim(), entries: [] as EntryModel[] };
	m.categories.splice(index, 0, added);
	return added.entries;
}

/**
 * Applies the planned edits, re-parses the result and checks it against the parse before through
 * the edit's intent (verifyEdit); refuses with the guard's sentence when anything else would change.
 */
function finish(before: Digest, edits: LineEdits, path: string, ctx: EditContext, intent: EditIntent, line: (after: Digest) => number): EditResult {
	const changes = edits.sortedChanges();
	const text = edits.apply();
	const after = parseWithSeries(text, path, ctx.series, ctx.parseYaml);
	const wrong = verifyEdit(before, after, intent);
	if (wrong !== null) return refuse(wrong);
	return { ok: true, text, changes, line: line(after) };
}

function lastEntryLine(after: Digest, category: string): number {
	const entries = findCategory(after, category)?.entries;
	return entries?.[entries.length - 1]?.line ?? 1;
}

/** A category path as the list style names it: its parts trimmed, joined by ` › `. */
function categoryPath(name: string): string {
	return name.split("›").map((p) => p.trim()).filter((p) => p !== "").join(" › ");
}

/** Inserts a new entry at the end of its category, numbered one more than the largest there. */
export function insertEntry(text: string, path: string, ctx: EditContext, input: NewEntry): EditResult {
	if (input.category.trim() === "") return refuse("Name a category for the entry.");
	if (input.title.trim() === "") return refuse("Give the entry a title.");
	if (/[\r\n]/.test(input.category + input.url + input.title + (input.source ?? ""))) return refuse("The category, URL, title and source must each be one line.");
	const url = checkEntryUrl(input.url);
	if (!url.ok) return refuse(url.reason);
	const digest = parseForEdit(text, path, ctx);
	if (typeof digest === "string") return refuse(digest);
	const clash = levelClash(text, digest, ctx, input.category);
	if (clash) return refuse(clash);
	const edits = new LineEdits(text);
	const list = isListStyle(ctx.series);
	const cat = findCategory(digest, input.category);
	let number: number | null = maxNumber(cat) + 1;
	// A list numbers its entries only where they are numbered already: an ordered list, or `[N. ...]` texts.
	const ordered = list && orderedList(edits, cat);
	if (list && !ordered && !(cat?.entries.some((e) => e.number !== null) ?? false)) number = null;
	const entryLine = formatEntryLine({ ...input, url: url.url, number: ordered ? null : number });
	const comments = bullets(input.commentary ?? []);
	const joined = comments.length ? joinedEntries(digest, input.category) : [];
	if (joined.length > 0 && !input.shareCommentary) return shareQuestion(joined, "Its commentary", "pass --share-commentary to share it, or add the entry without commentary");
	let index: number;
	let created: string[] = [];
	if (list) {
		const planned = planAppendList(edits, digest, ctx, input.category, listItemBlock(edits, cat, entryLine, cleanKinds(input.kinds), number ?? 1, comments));
		if (typeof planned === "string") return refuse(planned);
		index = planned.index;
		created = planned.created;
	} else index = planAppend(edits, digest, ctx, input.category, comments.length ? [entryLine, "", ...comments] : [entryLine]);
	const commentary = comments.join("\n");
	const src = input.source?.trim() ?? "";
	const entry: EntryModel = {
		number,
		source: src === "" ? null : src,
		title: input.title.trim(),
		url: url.url,
		recommended: input.recommended === true,
		tags: (input.tags ?? []).map(cleanEntryTag).filter((t) => t !== ""),
		commentary,
	};
	// A list item is written with its kinds, which the guard reads back.
	if (list) entry.kinds = cleanKinds(input.kinds);
	return finish(
		digest,
		edits,
		path,
		ctx,
		(m) => {
			const entries = list ? expectedListCategory(m, index, created, categoryPath(input.category)) : expectedCategory(m, index, input.category);
			for (const e of joined) entries[findCategory(digest, input.category)!.entries.indexOf(e)]!.commentary = commentary;
			entries.push(entry);
		},
		(after) => lastEntryLine(after, list ? categoryPath(input.category) : input.category),
	);
}

/** Plans numbers 1..n, in document order, for the numbered entries of a category; only digits change. */
function planRenumber(edits: LineEdits, cat: Category, skipLine = -1, list = false): number {
	let n = 0;
	for (const e of cat.entries) {
		if (e.number === null || e.line === skipLine) continue;
		n++;
		if (e.number === n) continue;
		const span = numberSpan(edits.line(e.line - 1), list);
		if (!span) continue;
		edits.replaceInLine(e.line - 1, span[0], span[1], String(n));
	}
	return n;
}

/** The model's numbers after planRenumber: 1..n for the numbered entries. */
function renumbered(entries: EntryModel[]): void {
	let n = 0;
	for (const e of entries) if (e.number !== null) e.number = ++n;
}

/** Renumbers the entries of every category (or the named ones) 1..n in document order. */
export function renumberEntries(text: string, path: string, ctx: EditContext, categories?: readonly string[]): EditResult {
	const digest = parseForEdit(text, path, ctx);
	if (typeof digest === "string") return refuse(digest);
	const off = digest.offLevel;
	if (off && digest.categories.every((c) => c.entries.length === 0)) {
		const level = ctx.series.categoryLevel;
		return refuse(`Nothing renumbered: the series' categories are ${hashes(level)} headings, but this note's entries are under ${hashes(off.level)} (${hashes(off.level)} ${off.heading}, line ${off.line}). Set the category level to ${off.level} in settings.`);
	}
	const edits = new LineEdits(text);
	const wanted = categories?.map((c) => c.toLowerCase());
	const chosen = (name: string) => !wanted || wanted.includes(name.toLowerCase());
	for (const cat of digest.categories) if (chosen(cat.name)) planRenumber(edits, cat, -1, isListStyle(ctx.series));
	return finish(digest, edits, path, ctx, (m) => m.categories.forEach((c) => chosen(c.name) && renumbered(c.entries)), () => 1);
}

/** The entry on a 1-based line of a parsed note, with its category and place there; null when the line holds none. */
export function entryAtLine(digest: Digest, line: number): { cat: Category; entry: Entry; index: number } | null {
	for (const cat of digest.categories) {
		const index = cat.entries.findIndex((e) => e.line === line);
		if (index >= 0) return { cat, entry: cat.entries[index]!, index };
	}
	return null;
}

/** A reference to an entry of a parsed note, to find it again later in the note as it will be. */
export function entryRef(digest: Digest, entry: Entry): EntryRef {
	const cat = digest.categories.find((c) => c.entries.includes(entry));
	return { category: entry.category, index: cat ? cat.entries.indexOf(entry) : -1, url: entry.url, title: entry.title };
}

interface Found {
	cat: Category;
	entry: Entry;
	index: number;
}

/** The entry a target names in a parsed note, or why there is none. */
export function findTarget(digest: Digest, target: EntryTarget): Found | string {
	if (typeof target === "number") {
		for (const cat of digest.categories) {
			const index = cat.entries.findIndex((e) => e.line === target);
			if (index >= 0) return { cat, entry: cat.entries[index]!, index };
		}
		return `Line ${target} is not an entry.`;
	}
	const matches = (e: Entry) => e.url === target.url && e.title === target.title;
	const cat = findCategory(digest, target.category);
	const at = cat?.entries[target.index];
	if (cat && at && matches(at)) return { cat, entry: at, index: target.index };
	const all: Found[] = digest.categories.flatMap((c) => c.entries.map((entry, index) => ({ cat: c, entry, index }))).filter((f) => matches(f.entry));
	const here = all.filter((f) => f.cat === cat);
	if (all.length === 1) return all[0]!;
	if (here.length === 1) return here[0]!;
	if (all.length === 0) return `${JSON.stringify(target.title)} is no longer in the note, so nothing was changed.`;
	return `${JSON.stringify(target.title)} now stands in the note more than once with the same link, so nothing was changed.`;
}

/** The model entries of a found entry's category, in the model being built. */
function modelEntries(m: Parameters<EditIntent>[0], digest: Digest, cat: Category): EntryModel[] {
	return m.categories[digest.categories.indexOf(cat)]!.entries;
}

/** Adds or removes the recommended flag of an entry. */
export function toggleRecommended(text: string, path: string, ctx: EditContext, target: EntryTarget): EditResult {
	const digest = parseForEdit(text, path, ctx);
	if (typeof digest === "string") return refuse(digest);
	const found = findTarget(digest, target);
	if (typeof found === "string") return refuse(found);
	const line = found.entry.line;
	const edits = new LineEdits(text);
	const raw = edits.line(line - 1);
	const scan = new CodeMasker().mask(raw);
	const start = linkStartOf(raw, isListStyle(ctx.series));
	if (start < 0) return refuse(`Line ${line} is not an entry.`);
	const link = parseInlineLink(scan, raw, start);
	if (!link.ok) return refuse(`Line ${line} is not an entry.`);
	const end = link.link.end;
	if (found.entry.recommended) {
		// Every flag goes: the parser reads any `(Recommended)` after the link as the flag.
		const flags = [...scan.slice(end).matchAll(FLAG_RE)];
		if (flags.length === 0) return refuse(`The recommended flag on line ${line} could not be found.`);
		for (const m of flags) edits.replaceInLine(line - 1, end + m.index, end + m.index + m[0].length, "");
	} else {
		edits.replaceInLine(line - 1, end, end, RECOMMENDED_FLAG);
	}
	const want = !found.entry.recommended;
	return finish(digest, edits, path, ctx, (m) => (modelEntries(m, digest, found.cat)[found.index]!.recommended = want), () => line);
}

/** The 1-based lines an entry owns: its line, and its commentary when it is alone in its group. */
function ownedBlock(found: Found): { first: number; last: number } {
	if (found.entry.kinds !== undefined) return { first: found.entry.line, last: lastLineOf(found.entry, found.cat) };
	const group = found.cat.groups[found.entry.group]!;
	const alone = group.entries.length === 1;
	return { first: found.entry.line, last: alone && group.commentaryEnd !== null ? group.commentaryEnd : found.entry.line };
}

/** Plans the deletion of a block with the blank lines that separate it from what precedes it. */
function planDelete(edits: LineEdits, cat: Category, first: number, last: number, list = false): void {
	let from = first;
	// A list item goes alone, and the blank lines before it only where a blank line or the end follows it.
	if (list) {
		const next = last < edits.lineCount ? edits.line(last) : null;
		if (next !== null && !isBlank(next) && !readHeading(next)) {
			edits.deleteLines(first - 1, last);
			return;
		}
	}
	while (from - 1 > cat.line && isBlank(edits.line(from - 2))) from--;
	edits.deleteLines(from - 1, last);
}

/** Whether the numbered entries of a category run 1..n in order. */
function inOrder(cat: Category): boolean {
	let n = 0;
	return cat.entries.every((e) => e.number === null || e.number === ++n);
}

/**
 * Deletes an entry, with its commentary when it is alone in its group. The last entry of a group
 * whose commentary the others share asks (`sharedCommentary`) whether the commentary goes too. A
 * category numbered 1..n is renumbered, as a move renumbers it; one with gaps keeps its numbers.
 */
export function deleteEntry(text: string, path: string, ctx: EditContext, target: EntryTarget, options: DeleteOptions = {}): EditResult {
	const digest = parseForEdit(text, path, ctx);
	if (typeof digest === "string") return refuse(digest);
	const found = findTarget(digest, target);
	if (typeof found === "string") return refuse(found);
	const { cat, entry, index } = found;
	const group = cat.groups[entry.group]!;
	const others = group.entries.filter((i) => i !== index).map((i) => cat.entries[i]!);
	const lastOfGroup = group.entries[group.entries.length - 1] === index;
	const shared = others.length > 0 && lastOfGroup && group.commentaryStart !== null;
	if (shared && options.sharedCommentary === undefined) {
		return refuse(`The commentary after ${JSON.stringify(entry.title)} is also that of ${titles(others)}: say whether it goes with the entry or stays for ${others.length === 1 ? "it" : "them"}.`, {
			kind: "shared-commentary",
			sharedWith: others.map((e) => e.title),
		});
	}
	const dropCommentary = shared && options.sharedCommentary === "delete";
	const edits = new LineEdits(text);
	const block = ownedBlock(found);
	const list = isListStyle(ctx.series);
	planDelete(edits, cat, block.first, dropCommentary ? group.commentaryEnd! : block.last, list);
	const renumber = entry.number !== null && inOrder(cat);
	if (renumber) planRenumber(edits, cat, entry.line, list);
	return finish(
		digest,
		edits,
		path,
		ctx,
		(m) => {
			const entries = modelEntries(m, digest, cat);
			if (dropCommentary) for (const o of others) entries[cat.entries.indexOf(o)]!.commentary = "";
			entries.splice(index, 1);
			if (renumber) renumbered(entries);
		},
		() => Math.max(1, entry.line - 1),
	);
}

/**
 * Moves an entry to another category, with its commentary; both categories are renumbered. For an
 * entry of a group whose commentary the others share, asks first (`groupCommentary`) whether the
 * commentary goes with it, stays with the others, or is copied. Commentary that would join the
 * target's last group, whose entries have none, asks first too (`shareCommentary`).
 */
export function moveEntry(text: string, path: string, ctx: EditContext, target: EntryTarget, category: string, options: MoveOptions = {}): EditResult {
	if (category.trim() === "") return refuse("Name the category to move the entry to.");
	if (/[\r\n]/.test(category)) return refuse("The category must be one line.");
	const digest = parseForEdit(text, path, ctx);
	if (typeof digest === "string") return refuse(digest);
	const found = findTarget(digest, target);
	if (typeof found === "string") return refuse(found);
	const { cat, entry, index } = found;
	const dest = findCategory(digest, category);
	if (dest === cat) return refuse(`The entry is already in "${cat.name}".`);
	const clash = levelClash(text, digest, ctx, category);
	if (clash) return refuse(clash.replace("the entry was not added", "the entry was not moved"));
	if (isListStyle(ctx.series)) return moveListEntry(text, path, ctx, digest, found, category);
	const edits = new LineEdits(text);
	const line = entry.line;
	const block = ownedBlock(found);
	const group = cat.groups[entry.group]!;
	let entryLine = edits.line(line - 1);
	const newNumber = (dest ? dest.entries.filter((e) => e.number !== null).length : 0) + 1;
	const m = entry.number !== null ? NUMBER_RE.exec(entryLine) : null;
	if (m) entryLine = `[${m[1]}${newNumber}${entryLine.slice(m[0].length)}`;
	const others = group.entries.filter((i) => i !== index).map((i) => cat.entries[i]!);
	const sharedWith = group.commentaryStart !== null ? others : [];
	if (sharedWith.length > 0 && options.groupCommentary === undefined) {
		return refuse(`The commentary after ${JSON.stringify(cat.entries[group.entries[group.entries.length - 1]!]!.title)} is that of ${JSON.stringify(entry.title)} and of ${titles(sharedWith)}: say whether it moves with the entry, stays, or is copied.`, {
			kind: "group-commentary",
			sharedWith: sharedWith.map((e) => e.title),
		});
	}
	const how = sharedWith.length > 0 ? options.groupCommentary! : "move";
	const lines: string[] = [];
	if (group.commentaryStart !== null && how !== "keep") {
		for (let n = group.commentaryStart; n <= group.commentaryEnd!; n++) lines.push(edits.line(n - 1));
	}
	// In its new place the commentary must not leave a comment or code block open over what follows.
	const commentary = closeOpenMarks(lines);
	const joined = commentary.length ? joinedEntries(digest, category) : [];
	if (joined.length > 0 && !options.shareCommentary) return shareQuestion(joined, `The commentary of ${JSON.stringify(entry.title)}`, "share it, or move the entry to another category");
	const lastOfGroup = group.entries[group.entries.length - 1] === index;
	if (how === "move" && sharedWith.length > 0) {
		// The commentary leaves with the entry: from its line (the last of the group) or as a block of its own.
		if (lastOfGroup) planDelete(edits, cat, block.first, group.commentaryEnd!);
		else {
			planDelete(edits, cat, block.first, block.last);
			planDelete(edits, cat, group.commentaryStart!, group.commentaryEnd!);
		}
	} else planDelete(edits, cat, block.first, block.last);
	planRenumber(edits, cat, line);
	if (dest) planRenumber(edits, dest);
	const at = planAppend(edits, digest, ctx, category, commentary.length ? [entryLine, "", ...commentary] : [entryLine]);
	const moved: EntryModel = { ...entryModel(entry), number: m ? newNumber : entry.number, commentary: commentary.join("\n") };
	return finish(
		digest,
		edits,
		path,
		ctx,
		(model) => {
			const from = modelEntries(model, digest, cat);
			if (how === "move") for (const o of sharedWith) from[cat.entries.indexOf(o)]!.commentary = "";
			from.splice(index, 1);
			renumbered(from);
			if (dest) renumbered(modelEntries(model, digest, dest));
			const to = expectedCategory(model, at, category);
			for (const e of joined) to[dest!.entries.indexOf(e)]!.commentary = moved.commentary;
			to.push(moved);
		},
		(after) => lastEntryLine(after, category),
	);
}

/** Moves a list-style entry: its item and nested lines go to the end of the other category's list, in that list's shape. */
function moveListEntry(text: string, path: string, ctx: EditContext, digest: Digest, found: Found, category: string): EditResult {
	const { cat, entry, index } = found;
	const dest = findCategory(digest, category);
	const edits = new LineEdits(text);
	const first = entry.line;
	const last = lastLineOf(entry, cat);
	const line = edits.line(first - 1);
	const item = readListItem(line);
	if (!item) return refuse(`Line ${first} is not an entry.`);
	const shape = itemShape(edits, dest);
	const newNumber = (dest ? dest.entries.filter((e) => e.number !== null).length : 0) + 1;
	let content = line.slice(item.contentStart);
	let number: number | null;
	if (dest && shape.bullet === null) number = newNumber;
	else {
		// Into a bullet list the number is the link text's, after the kinds (an ordered item may hold
		// one too, hidden by its marker's): found in the whole line, where the marker can be read, and
		// shifted to the content.
		const found = textNumberSpan(line, true);
		const span = found ? [found[0] - item.contentStart, found[1] - item.contentStart] : null;
		if (span) content = content.slice(0, span[0]) + String(newNumber) + content.slice(span[1]);
		number = span ? newNumber : null;
	}
	const nested: string[] = [];
	for (let n = first + 1; n <= last; n++) nested.push(edits.line(n - 1));
	const block = [`${itemPrefix(shape, newNumber)}${content}`, ...reindentNested(nested, item.contentColumn, shape)];
	planDelete(edits, cat, first, last, true);
	planRenumber(edits, cat, first, true);
	if (dest) planRenumber(edits, dest, -1, true);
	const at = planAppendList(edits, digest, ctx, category, block);
	if (typeof at === "string") return refuse(at.replace("was not added", "was not moved"));
	const name = at.created.length > 0 ? at.created[at.created.length - 1]! : categoryPath(category);
	const moved: EntryModel = { ...entryModel(entry), number, kinds: [...(entry.kinds ?? [])] };
	return finish(
		digest,
		edits,
		path,
		ctx,
		(model) => {
			const from = modelEntries(model, digest, cat);
			from.splice(index, 1);
			renumbered(from);
			if (dest) renumbered(modelEntries(model, digest, dest));
			expectedListCategory(model, at.index, at.created, name).push(moved);
		},
		(after) => lastEntryLine(after, name),
	);
}
