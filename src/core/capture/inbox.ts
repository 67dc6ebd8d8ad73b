import { parseEntryText } from "../format/entry-text";
import { CodeMasker, findTags, isBlank, parseInlineLink, splitLines } from "../format/markdown-scan";

/**
 * The inbox: one captured link a line, in a shape that Web Clipper, a share sheet, a bookmarklet
 * or a person can write, waiting to become an entry of the next digest.
 *
 * - `- [Source - Title](https://...) #category/Kubernetes #tag (Recommended)`: a list item
 *   (`-`, `*`, `+`, or a task `- [ ]`) starting with a link; its text reads as an entry's
 *   (`N. Source - Title`, both optional).
 * - `- https://...` or a bare `https://...` line: a link with no title yet.
 * - `#category/Name` names the category (`-` and `_` read as spaces); `#recommended` or the
 *   `(Recommended)` flag marks it recommended; other `#tags` become the entry's tags.
 * - Indented lines under an item are its commentary (list markers dropped).
 * - Frontmatter, headings, code, comments and any other line are left alone.
 */

export interface InboxItem {
	/** First line of the item (0-based) and one past its last line, commentary included. */
	line: number;
	endLine: number;
	url: string;
	title: string | null;
	source: string | null;
	category: string | null;
	tags: string[];
	recommended: boolean;
	commentary: string[];
}

export interface InboxProblem {
	line: number;
	message: string;
}

export interface Inbox {
	items: InboxItem[];
	problems: InboxProblem[];
}

const ITEM_RE = /^([-*+])\s+(?:\[[ xX]\]\s+)?(.*)$/;
const BARE_URL_RE = /^(?:https?|obsidian):\/\/\S+$/i;
const FLAG_RE = /\(recommended\)/i;
/** Tags under this prefix name the category: `#category/Data-Engineer`. */
export const CATEGORY_PREFIX = "category/";

function categoryFromTag(tag: string): string {
	return tag
		.slice(CATEGORY_PREFIX.length)
		.replace(/[-_]+/g, " ")
		.replace(/\s+/g, " ")
		.trim();
}

/** Letters and digits only, lower-cased: how an inbox category and a series' category are compared. */
function looseName(name: string): string {
	return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * The category an inbox item's category names, as the series writes it: a tag holds no `&`, `.`
 * or space, so `#category/AI-ML` (read `AI ML`) is the series' `AI & ML`. Exact names first;
 * a name no known category reads like stays as it is.
 */
export function seriesCategoryFor(category: string, known: readonly string[]): string {
	if (known.includes(category)) return category;
	const key = looseName(category);
	return known.find((k) => k.toLowerCase() === category.toLowerCase()) ?? known.find((k) => key !== "" && looseName(k) === key) ?? category;
}

function isIndented(line: string): boolean {
	const c = line.charCodeAt(0);
	return c === 32 || c === 9;
}

/** The commentary text of an indented line: its list marker and indentation dropped. */
function commentaryText(line: string): string {
	return line.replace(/^\s+/, "").replace(/^[-*+]\s+/, "");
}

/** Reads an inbox note. Never throws; a line that starts like a link but is not one is reported. */
export function parseInbox(text: string): Inbox {
	const { lines } = splitLines(text);
	const items: InboxItem[] = [];
	const problems: InboxProblem[] = [];
	const masker = new CodeMasker();
	let i = 0;
	// Frontmatter is the note's own, never a captured link.
	if (lines[0] === "---") {
		const close = lines.indexOf("---", 1);
		if (close > 0) i = close + 1;
	}
	let current: InboxItem | null = null;
	for (; i < lines.length; i++) {
		const raw = lines[i]!;
		const scan = masker.mask(raw);
		if (current && isIndented(raw) && !isBlank(raw)) {
			const comment = isBlank(scan) ? "" : commentaryText(raw);
			// An empty bullet (a clip with no selection) is no commentary.
			if (comment !== "") current.commentary.push(comment);
			current.endLine = i + 1;
			continue;
		}
		if (!isBlank(raw)) current = null;
		if (isBlank(scan) || isIndented(raw)) continue;
		const item = readItem(raw, scan, i);
		if (item === null) continue;
		if ("message" in item) {
			problems.push(item);
			continue;
		}
		items.push(item);
		current = item;
	}
	return { items, problems };
}

function readItem(raw: string, scan: string, line: number): InboxItem | InboxProblem | null {
	const lead = scan.trim().split(/\s/, 1)[0]!;
	if (BARE_URL_RE.test(lead)) return { ...bareItem(lead, line), ...afterLink(scan.trim().slice(lead.length)) };
	const m = ITEM_RE.exec(scan);
	if (!m) return null;
	const start = scan.length - m[2]!.length;
	const body = scan.slice(start).trim();
	if (body === "") return null;
	const firstWord = body.split(/\s/, 1)[0]!;
	if (BARE_URL_RE.test(firstWord)) return { ...bareItem(firstWord, line), ...afterLink(scan.slice(start + firstWord.length)) };
	if (scan.charCodeAt(start) !== 91) return null;
	const link = parseInlineLink(scan, raw, start);
	if (!link.ok) return { line, message: `Line ${line + 1} starts like a captured link, but ${link.reason}.` };
	if (link.link.dest.trim() === "") return { line, message: `Line ${line + 1} has a link with no address.` };
	const text = parseEntryText(link.link.text);
	return {
		line,
		endLine: line + 1,
		url: link.link.dest.trim(),
		title: text.title === "" ? null : text.title,
		source: text.source,
		...afterLink(scan.slice(link.link.end)),
		commentary: [],
	};
}

function bareItem(url: string, line: number): InboxItem {
	return { line, endLine: line + 1, url, title: null, source: null, category: null, tags: [], recommended: false, commentary: [] };
}

/** Category, tags and flag from what follows the link on its line. */
function afterLink(rest: string): Pick<InboxItem, "category" | "tags" | "recommended"> {
	let category: string | null = null;
	let recommended = FLAG_RE.test(rest);
	const tags: string[] = [];
	for (const tag of findTags(rest)) {
		const lower = tag.toLowerCase();
		if (lower.startsWith(CATEGORY_PREFIX) && category === null) category = categoryFromTag(tag) || null;
		else if (lower === "recommended") recommended = true;
		else if (!tags.includes(tag)) tags.push(tag);
	}
	return { category, tags, recommended };
}
