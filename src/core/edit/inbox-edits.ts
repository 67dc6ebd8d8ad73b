import { CATEGORY_PREFIX, parseInbox, type InboxItem } from "../capture/inbox";
import { isBlank, splitLines } from "../format/markdown-scan";
import { cleanEntryTag, formatEntryLine } from "./entry-edits";

/** What an inbox edit gives back: the new text, or one sentence saying why nothing changed. */
export type InboxEditResult = { ok: true; text: string } | { ok: false; reason: string };

export interface CapturedLink {
	url: string;
	title?: string | null;
	source?: string | null;
	category?: string | null;
	tags?: readonly string[];
	recommended?: boolean;
	commentary?: readonly string[];
}

/**
 * A category as the tail of a `#category/` tag: words joined by `-`, only tag characters kept
 * (`AI & ML` is `AI-ML`, which reads back as `AI ML`); "" when nothing of it can be a tag.
 */
export function categoryTagName(category: string): string {
	return category
		.trim()
		.replace(/[^\p{L}\p{N}\p{M}_\-/\s]/gu, " ")
		.trim()
		.replace(/\s+/g, "-")
		.replace(/-{2,}/g, "-");
}

/** Commentary lines as the inbox holds them: one a line, a comment with line breaks being several. */
function commentLines(commentary: readonly string[] | undefined): string[] {
	return (commentary ?? [])
		.flatMap((c) => c.split(/\r\n|\r|\n/))
		.map((c) => c.trim())
		.filter((c) => c !== "");
}

/** The lines of one captured link, as the plugin, the CLI and the API append them. */
export function formatInboxItem(input: CapturedLink): string[] {
	const title = (input.title ?? "").trim();
	const url = input.url.trim();
	// With no title the link stays bare: the curator names it when it becomes an entry.
	let line = title === "" ? `- ${url}` : `- ${formatEntryLine({ number: null, source: input.source ?? null, title, url })}`;
	const category = categoryTagName(input.category ?? "");
	if (category !== "") line += ` #${CATEGORY_PREFIX}${category}`;
	if (input.recommended) line += " #recommended";
	for (const tag of input.tags ?? []) if (cleanEntryTag(tag) !== "") line += ` #${cleanEntryTag(tag)}`;
	return [line, ...commentLines(input.commentary).map((c) => `\t- ${c}`)];
}

/** Why a captured link's category or a tag cannot be written as the inbox's tags, or null. */
function tagProblem(input: CapturedLink): string | null {
	const category = (input.category ?? "").trim();
	if (category !== "" && categoryTagName(category).replace(/[-_/]/g, "") === "") return `The category "${category}" has no letters or digits, so it cannot be written as a #${CATEGORY_PREFIX} tag.`;
	for (const tag of input.tags ?? []) {
		if (tag.trim().replace(/^#+/, "") !== "" && cleanEntryTag(tag) === "") return `The tag "${tag.trim()}" cannot be written as a tag (a tag needs a letter and holds only letters, digits, _, - and /).`;
	}
	return null;
}

/** Whether the item read back holds what was captured, as the inbox writes it. */
function readsBackAs(item: InboxItem | undefined, input: CapturedLink & { url: string }): boolean {
	if (!item || item.url !== input.url) return false;
	const category = categoryTagName(input.category ?? "").replace(/[-_]+/g, " ").trim();
	const tags = (input.tags ?? []).map(cleanEntryTag).filter((t) => t !== "");
	// A `#recommended` tag is the flag, as the inbox reads it.
	const flagged = input.recommended === true || tags.some((t) => t.toLowerCase() === "recommended");
	const kept = [...new Set(tags.filter((t) => t.toLowerCase() !== "recommended"))];
	const same = (a: readonly string[], b: readonly string[]) => a.join("\n") === b.join("\n");
	return (item.category ?? "") === category && item.recommended === flagged && same(item.tags, kept) && same(item.commentary, commentLines(input.commentary));
}

/** Whether two reads of an inbox item hold the same link with the same fields. */
export function sameInboxItem(a: InboxItem, b: InboxItem): boolean {
	return a.url === b.url && a.title === b.title && a.source === b.source && a.category === b.category && a.recommended === b.recommended && a.tags.join("\n") === b.tags.join("\n") && a.commentary.join("\n") === b.commentary.join("\n");
}

/** Every item of `before` but `skip` must read back the same, in order, from `after`. */
function othersUnchanged(before: readonly InboxItem[], after: readonly InboxItem[], skip: number): boolean {
	const kept = before.filter((_, i) => i !== skip);
	return kept.length === after.length && kept.every((item, i) => sameInboxItem(item, after[i]!));
}

/** Appends a captured link at the end of the inbox, keeping the note's line endings; verified by reading it back. */
export function appendToInbox(text: string, input: CapturedLink): InboxEditResult {
	const url = input.url.trim();
	if (url === "") return { ok: false, reason: "A captured link needs a URL." };
	const problem = tagProblem(input);
	if (problem) return { ok: false, reason: problem };
	const { lines, eol, bom } = splitLines(text);
	const before = parseInbox(text).items;
	while (lines.length > 0 && isBlank(lines[lines.length - 1]!)) lines.pop();
	const added = formatInboxItem({ ...input, url });
	const out = (bom ? "\uFEFF" : "") + [...lines, ...added, ""].join(eol);
	const after = parseInbox(out).items;
	const last = after[after.length - 1];
	const ok = after.length === before.length + 1 && before.every((item, i) => sameInboxItem(item, after[i]!)) && readsBackAs(last, { ...input, url });
	if (!ok) return { ok: false, reason: "The inbox would not read back as before with the link added, so it was left as it is." };
	return { ok: true, text: out };
}

/** What `removeFromInboxKeeping` took out: enough for `restoreToInbox` to put it back. */
export interface RemovedInboxLines {
	/** The line (0-based) the item started on. */
	line: number;
	/** The lines taken out: the item, its commentary and any blank line removed with it. */
	lines: string[];
	/** The item as it read before. */
	item: InboxItem;
}

/** Takes item `index` (as `parseInbox` numbers them) out of the inbox, with its commentary. */
export function removeFromInbox(text: string, index: number, expectUrl?: string): InboxEditResult {
	const result = removeFromInboxKeeping(text, index, expectUrl);
	return result.ok ? { ok: true, text: result.text } : result;
}

/** As `removeFromInbox`, also giving back what was taken out, so that an undo can put it back. */
export function removeFromInboxKeeping(text: string, index: number, expectUrl?: string): { ok: true; text: string; removed: RemovedInboxLines } | { ok: false; reason: string } {
	const before = parseInbox(text).items;
	const item = before[index];
	if (!item) return { ok: false, reason: "That inbox line is no longer there." };
	if (expectUrl !== undefined && item.url !== expectUrl) return { ok: false, reason: `The inbox changed: line ${item.line + 1} no longer holds ${expectUrl}.` };
	const { lines, eol, bom } = splitLines(text);
	let end = item.endLine;
	// Take out one blank line the item leaves behind when blank lines would stand on both of its sides.
	const prev = item.line > 0 ? lines[item.line - 1] : undefined;
	if (end < lines.length - 1 && isBlank(lines[end]!) && (prev === undefined || isBlank(prev))) end++;
	const out = (bom ? "\uFEFF" : "") + [...lines.slice(0, item.line), ...lines.slice(end)].join(eol);
	const after = parseInbox(out).items;
	if (!othersUnchanged(before, after, index)) return { ok: false, reason: "Removing the line would change other inbox lines, so the inbox was left as it is." };
	return { ok: true, text: out, removed: { line: item.line, lines: lines.slice(item.line, end), item } };
}

/**
 * Puts a removed item back (an undo of `removeFromInboxKeeping`): at the line it was on, else
 * (when that would change another item, the inbox having changed since) at the end. Verified by
 * reading it back: the item reads as it did and every other item as it does now.
 */
export function restoreToInbox(text: string, removed: RemovedInboxLines): InboxEditResult {
	const before = parseInbox(text).items;
	const { lines, eol, bom } = splitLines(text);
	// A final empty line is the text's last line break: the item goes before it.
	const content = lines.length > 0 && lines[lines.length - 1] === "" ? lines.length - 1 : lines.length;
	const at = (line: number): string | null => {
		const out = (bom ? "\uFEFF" : "") + [...lines.slice(0, line), ...removed.lines, ...lines.slice(line)].join(eol);
		const after = parseInbox(out).items;
		if (after.length !== before.length + 1) return null;
		const back = after.some((item, k) => sameInboxItem(item, removed.item) && othersUnchanged(after, before, k));
		return back ? out : null;
	};
	const out = at(Math.min(removed.line, content)) ?? at(content);
	if (out === null) return { ok: false, reason: `${removed.item.url} could not be put back without changing other inbox lines, so the inbox was left as it is.` };
	return { ok: true, text: out };
}
