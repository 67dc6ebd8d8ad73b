import { compareDates, dateFormat, isValidDate } from "./dates";
import { parseEntryText } from "./entry-text";
import { readFrontmatter, readTags, type FrontmatterBlock, type FrontmatterTags, type YamlParser } from "./frontmatter";
import { CodeMasker, findInternalLinks, findTags, isBlank, parseInlineLink, splitLines } from "./markdown-scan";
import { dedent, descriptionOf, indentOf, isTaskBox, readKinds, readListItem } from "./list-items";
import { seriesOfBrokenNote, seriesOfNote } from "./series";
import type { Category, DayDate, Digest, Entry, EntryStyle, Group, InternalLink, OffLevelEntries, Period, Problem, Series } from "./types";

export interface ParseOptions {
	parseYaml: YamlParser;
	/** Heading level of categories; default 1. */
	categoryLevel?: number;
	/** moment-style format of the dates in the title; default `DD-MM-YYYY`. */
	dateFormat?: string;
	/** `line` (default) or `list` (FORMAT.md, "List style"). */
	entryStyle?: EntryStyle;
	/** An undated series' note: no period is read. */
	collection?: boolean;
}

/** How a note is read: what a series decides about its notes. */
interface ReadAs {
	level: number;
	format: string;
	style: EntryStyle;
	collection: boolean;
}

export const DEFAULT_DATE_FORMAT = "DD-MM-YYYY";

const MAX_SNIPPET = 60;

// Shared empties: most entries have no tags, and links are filled in per group; never mutated.
const NO_TAGS: string[] = [];
const NO_LINKS: InternalLink[] = [];

/** The note's base name, the title of a digest without one in its frontmatter. */
export function basename(path: string): string {
	const name = path.slice(path.lastIndexOf("/") + 1);
	return name.toLowerCase().endsWith(".md") ? name.slice(0, -3) : name;
}

function snippet(line: string): string {
	const t = line.trim();
	return t.length > MAX_SNIPPET ? `${t.slice(0, MAX_SNIPPET)}…` : t;
}

/** An ATX heading: its level and trimmed name without closing `#`s, or null. */
export function readHeading(line: string): { level: number; name: string } | null {
	let i = 0;
	while (i < 3 && line.charCodeAt(i) === 32) i++;
	let level = 0;
	while (line.charCodeAt(i + level) === 35) level++;
	if (level === 0 || level > 6) return null;
	const after = line.charCodeAt(i + level);
	if (i + level < line.length && after !== 32 && after !== 9) return null;
	let name = line.slice(i + level).trim();
	const closing = /(?:^|[ \t])#+$/.exec(name);
	if (closing) name = name.slice(0, closing.index).trim();
	return { level, name };
}

/** Whether a masked line that starts with `[` is meant as something other than an entry. */
function isNotAnEntryAttempt(scan: string): boolean {
	// `[[wiki-link]]`, `[^footnote]` and `[label]: url` reference definitions are ordinary Markdown.
	const c = scan.charCodeAt(1);
	if (c === 91 || c === 94) return true;
	return /^\[[^\]]*\]:/.test(scan);
}

/**
 * Parses one digest note. Never throws: what it cannot read becomes a problem.
 * Runs in one pass over the lines; every scanner it calls is linear in its line.
 */
/** An entry read from its link, its link text's parts, and the rest of its line after the link; `number` overrides the text's (an ordered list item's own). */
function newEntry(text: ReturnType<typeof parseEntryText>, link: { dest: string; end: number }, scan: string, lineNo: number, cat: Category, number: number | null): Entry {
	const rest = scan.slice(link.end);
	return {
		number: number ?? text.number,
		source: text.source,
		title: text.title,
		url: link.dest,
		recommended: /\(recommended\)/i.test(rest),
		tags: rest.indexOf("#") < 0 ? NO_TAGS : findTags(rest),
		line: lineNo,
		commentary: "",
		links: NO_LINKS,
		group: cat.groups.length - 1,
		category: cat.name,
	};
}

export function parseDigest(text: string, path: string, options: ParseOptions): Digest {
	return buildDigest(readHead(text, path, options.parseYaml), path, {
		level: options.categoryLevel ?? 1,
		format: options.dateFormat ?? DEFAULT_DATE_FORMAT,
		style: options.entryStyle === "list" ? "list" : "line",
		collection: options.collection === true,
	});
}

/** Parses a note as a digest of a series: its category level, date format, entry style and whether it is a collection. */
export function parseWithSeries(text: string, path: string, series: Pick<Series, "categoryLevel" | "dateFormat" | "entryStyle" | "collection">, parseYaml: YamlParser): Digest {
	return parseDigest(text, path, { parseYaml, categoryLevel: series.categoryLevel, dateFormat: series.dateFormat, entryStyle: series.entryStyle, collection: series.collection });
}

function readAs(series: Pick<Series, "categoryLevel" | "dateFormat" | "entryStyle" | "collection">): ReadAs {
	return { level: series.categoryLevel, format: series.dateFormat, style: series.entryStyle === "list" ? "list" : "line", collection: series.collection === true };
}

/**
 * Parses a note with the options of the series it belongs to; null when it belongs to none. A note
 * whose frontmatter does not parse has no tags: it belongs to the series whose folder holds it or
 * whose tag its raw frontmatter text names, so that it is reported rather than silently left out.
 */
export function parseSeriesNote(text: string, path: string, seriesList: readonly Series[], parseYaml: YamlParser): { digest: Digest; series: Series } | null {
	const head = readHead(text, path, parseYaml);
	const series = head.fm.problem ? seriesOfBrokenNote(seriesList, path, head.lines.slice(1, head.fm.endLine).join("\n")) : seriesOfNote(seriesList, path, head.tags.tags);
	if (!series) return null;
	return { digest: buildDigest(head, path, readAs(series)), series };
}

interface Head {
	lines: string[];
	starts: number[];
	text: string;
	eol: "\n" | "\r\n";
	fm: FrontmatterBlock;
	tags: FrontmatterTags;
	/** Pelican/Hugo metadata lines at the top (`Date: 2026-08-19`), keys lower-cased; null when none. */
	meta: Metadata | null;
}

interface Metadata {
	fields: Map<string, { value: string; line: number }>;
	/** Index of the last metadata line. */
	endLine: number;
}

const META_LINE = /^([A-Za-z][A-Za-z0-9_-]{0,30}):[ \t]+(\S.*)$/;
const META_KEYS = new Set(["title", "date", "period", "tags", "number", "author", "authors", "category", "slug", "summary", "modified", "lang", "status", "description"]);

/**
 * Metadata lines in the Pelican/Hugo manner: `Key: value` lines from the top of the body (after any
 * frontmatter) up to the first blank line, every one a known key, one of them a title, date or period.
 */
function readMetadata(lines: readonly string[], from: number): Metadata | null {
	if (from >= lines.length || !META_LINE.test(lines[from]!)) return null;
	const fields = new Map<string, { value: string; line: number }>();
	let i = from;
	for (; i < lines.length && !isBlank(lines[i]!); i++) {
		const m = META_LINE.exec(lines[i]!);
		if (!m || !META_KEYS.has(m[1]!.toLowerCase())) return null;
		const key = m[1]!.toLowerCase();
		if (!fields.has(key)) fields.set(key, { value: m[2]!.trim(), line: i + 1 });
	}
	if (!fields.has("title") && !fields.has("date") && !fields.has("period")) return null;
	return { fields, endLine: i - 1 };
}

function readHead(text: string, path: string, parseYaml: YamlParser): Head {
	const split = splitLines(text);
	const fm = readFrontmatter(split.lines, path, parseYaml);
	const meta = readMetadata(split.lines, fm.endLine + 1);
	let tags = readTags(fm.data["tags"]);
	// Without frontmatter, a `Tags:` line gives the tags (comma-separated, as Pelican writes them).
	const metaTags = fm.endLine < 0 ? meta?.fields.get("tags") : undefined;
	if (metaTags) tags = { tags: metaTags.value.split(",").map((t) => t.trim().replace(/^#/, "")).filter((t) => t !== ""), severalInString: false };
	return { ...split, fm, tags, meta };
}

const ISO_DATE = /(\d{4})-(\d{2})-(\d{2})(?![\d])/g;

/** The dates a metadata value holds: in the series' format, else as ISO dates (`2026-08-19`, `2026-08-19 10:00`). */
function metadataDates(value: unknown, format: string): DayDate[] {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return [{ year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() }];
	if (typeof value !== "string") return [];
	const own = dateFormat(format).findAll(value).dates;
	if (own.length > 0) return own;
	const out: DayDate[] = [];
	ISO_DATE.lastIndex = 0;
	for (let m = ISO_DATE.exec(value); m; m = ISO_DATE.exec(value)) {
		const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
		if (isValidDate(d)) out.push(d);
	}
	return out;
}

/** The period that metadata gives (frontmatter `period:`/`date:`, or `Period:`/`Date:` lines), and whether it is one date only. */
function metadataPeriod(head: Head, format: string): { period: Period; single: boolean } | null {
	const data = head.fm.data;
	const candidates: unknown[] = [data["period"], data["date"], head.meta?.fields.get("period")?.value, head.meta?.fields.get("date")?.value];
	for (const c of candidates) {
		const dates = metadataDates(c, format);
		if (dates.length >= 2) return { period: { start: dates[0]!, end: dates[1]! }, single: false };
		if (dates.length === 1) return { period: { start: dates[0]!, end: dates[0]! }, single: true };
	}
	return null;
}

function buildDigest(head: Head, path: string, how: ReadAs): Digest {
	const { level, format } = how;
	const { lines, starts, eol, fm } = head;
	const problems: Problem[] = [];
	if (fm.problem) problems.push(fm.problem);
	const data = fm.data;

	const rawTitle = data["title"] ?? (fm.endLine < 0 ? head.meta?.fields.get("title")?.value : undefined);
	const title = typeof rawTitle === "string" || typeof rawTitle === "number" ? String(rawTitle).trim() || basename(path) : basename(path);
	const tagInfo = head.tags;
	if (tagInfo.severalInString) {
		problems.push({
			code: "frontmatter-tags-string",
			severity: "warning",
			path,
			line: keyLine(lines, fm.endLine, "tags"),
			message: `The tags are one string (${tagInfo.tags.join(", ")}); Obsidian 1.9 and later ignores it, so write them as a list.`,
		});
	}
	const draft = data["draft"] === true || data["draft"] === "true";
	let period: Period | null = null;
	let datedByMetadata = false;
	if (!how.collection) {
		// The title's period first; where it holds none, the metadata's (a single date ends the period).
		const fromTitle: Problem[] = [];
		period = readPeriod(title, format, path, keyLine(lines, fm.endLine, "title"), fromTitle);
		const meta = period ? null : metadataPeriod(head, format);
		if (meta) {
			period = meta.period;
			datedByMetadata = meta.single;
			if (compareDates(period.start, period.end) > 0) problems.push({ code: "bad-period", severity: "warning", path, line: 1, message: `The period of "${title}" ends before it starts.` });
		} else problems.push(...fromTitle);
	}
	if (how.style === "list") {
		const { categories, listProblems } = readListCategories(head, path, level);
		problems.push(...listProblems);
		const digest: Digest = { path, title, tags: tagInfo.tags, period, draft, frontmatter: data, categories, problems, eol, offLevel: null, entryStyle: "list" };
		if (how.collection) digest.collection = true;
		if (datedByMetadata) digest.datedByMetadata = true;
		return digest;
	}

	const categories: Category[] = [];
	const masker = new CodeMasker();
	let category: Category | null = null;
	// The open group: entries with only blank lines between them, then their commentary.
	let group: Group | null = null;
	let groupLinks: InternalLink[] = [];
	let groupHasCommentary = false;
	// Outside every category, the last heading seen (of another level than categories'), and the
	// entry lines under such headings by level: a note written with `##` categories read with `#`.
	let outside: { level: number; name: string; line: number } | null = null;
	let offLevel: OffLevelEntries[] | null = null;

	const closeGroup = () => {
		if (!group || !category) return;
		const entries = category.entries;
		let commentary = "";
		if (group.commentaryStart !== null) {
			// Trim trailing blank lines: commentaryEnd tracks the last non-blank line.
			// A slice of the note's text, not a copy: commentary is most of what the index keeps.
			const end = group.commentaryEnd!;
			commentary = head.text.slice(starts[group.commentaryStart - 1], starts[end - 1]! + lines[end - 1]!.length);
			if (eol === "\r\n" || commentary.indexOf("\r") >= 0) commentary = commentary.replace(/\r\n/g, "\n");
		}
		const links = groupLinks.length > 0 ? groupLinks : NO_LINKS;
		for (const idx of group.entries) {
			const e = entries[idx]!;
			e.commentary = commentary;
			e.links = links;
		}
		group = null;
		groupLinks = [];
		groupHasCommentary = false;
	};
	const closeCategory = (lastLine: number) => {
		closeGroup();
		if (category) category.endLine = lastLine;
		category = null;
	};

	for (let i = fm.endLine + 1; i < lines.length; i++) {
		const raw = lines[i]!;
		const lineNo = i + 1;
		const wasInFence = masker.inFence;
		const scan = masker.mask(raw);
		const first = scan.charCodeAt(0);

		if (!wasInFence && (first === 35 || first === 32)) {
			const h = readHeading(scan);
			if (h && h.level <= level) {
				closeCategory(lineNo - 1);
				if (h.level === level) {
					// The name comes from the real line: inline code in a heading is part of the name.
					category = { name: (scan === raw ? h : readHeading(raw) ?? h).name, line: lineNo, endLine: lineNo, entries: [], groups: [] };
					categories.push(category);
					outside = null;
				} else {
					outside = { level: h.level, name: h.name, line: lineNo };
				}
				continue;
			}
			if (h && !category) outside = { level: h.level, name: h.name, line: lineNo };
		}
		if (!category) {
			// Only lines that start with `[` under a heading cost a link scan here.
			if (outside && first === 91 && scan.charCodeAt(1) !== 91 && scan.charCodeAt(1) !== 94 && parseInlineLink(scan, raw, 0).ok) {
				offLevel ??= [];
				const seen = offLevel.find((o) => o.level === outside!.level);
				if (seen) seen.count++;
				else offLevel.push({ level: outside.level, count: 1, heading: outside.name, line: outside.line, categoryLevel: level });
			}
			continue;
		}
		const cat: Category = category;

		if (first === 91) {
			const res = parseInlineLink(scan, raw, 0);
			const second = scan.charCodeAt(1);
			// `[[wiki-link]]` and `[^footnote]` lines are ordinary Markdown, not entries.
			if (res.ok && second !== 91 && second !== 94) {
				if (group && groupHasCommentary) closeGroup();
				if (!group) {
					group = { entries: [], commentaryStart: null, commentaryEnd: null };
					cat.groups.push(group);
				}
				const text = parseEntryText(res.link.text);
				const entry = newEntry(text, res.link, scan, lineNo, cat, null);
				group.entries.push(cat.entries.length);
				cat.entries.push(entry);
				if (text.mistypedSeparator) {
					problems.push({
						code: "entry-format",
						severity: "warning",
						path,
						line: lineNo,
						message: `Entry "${snippet(res.link.text)}" has a hyphen with a space on one side only; write "Source - Title" to give it a source.`,
					});
				}
				continue;
			}
			if (!res.ok && !isNotAnEntryAttempt(scan)) {
				closeGroup();
				problems.push({
					code: "malformed-entry",
					severity: "error",
					path,
					line: lineNo,
					message: `Line "${snippet(raw)}" looks like an entry but is not a complete link: ${res.reason}.`,
				});
				continue;
			}
		}

		if (group) {
			if (isBlank(raw)) continue;
			groupHasCommentary = true;
			if (group.commentaryStart === null) group.commentaryStart = lineNo;
			group.commentaryEnd = lineNo;
			if (scan.indexOf("[") >= 0) findInternalLinks(scan, raw, lineNo, groupLinks);
		}
	}
	closeCategory(lines.length);

	const off = offLevel ? offLevel.reduce((a, b) => (b.count > a.count ? b : a)) : null;
	const digest: Digest = { path, title, tags: tagInfo.tags, period, draft, frontmatter: data, categories, problems, eol, offLevel: off };
	if (how.collection) digest.collection = true;
	if (datedByMetadata) digest.datedByMetadata = true;
	return digest;
}

const NO_KINDS: string[] = [];

/** The list-style entry an item line opens: its link and kinds, or why it looks like one but is not; null when it is none. */
export function readListEntry(scan: string, raw: string, contentStart: number): { ok: true; linkStart: number; kinds: string[]; link: { text: string; dest: string; end: number } } | { ok: false; reason: string } | null {
	if (scan.charCodeAt(contentStart) !== 91 || isTaskBox(scan, contentStart)) return null;
	const { kinds, linkStart } = readKinds(scan, contentStart);
	const at = scan.slice(linkStart);
	if (isNotAnEntryAttempt(at)) return null;
	const res = parseInlineLink(scan, raw, linkStart);
	if (res.ok) return { ok: true, linkStart, kinds: kinds.length ? kinds : NO_KINDS, link: res.link };
	// Only an item that holds `](` was meant as a link: `- [draft] thoughts` is a plain item.
	return scan.indexOf("](", linkStart) >= 0 ? { ok: false, reason: res.reason } : null;
}

/**
 * The categories of a note in the list style: every heading up to the category level is a
 * category, named with the headings above it (`Databases › HA & Scaling`); a top-level list item
 * that starts with a complete link is an entry, its nested lines and the text after the link its
 * commentary. One pass; every scanner is linear in its line.
 */
function readListCategories(head: Head, path: string, level: number): { categories: Category[]; listProblems: Problem[] } {
	const { lines, fm } = head;
	const problems: Problem[] = [];
	const categories: Category[] = [];
	const masker = new CodeMasker();
	const headingPath: string[] = [];
	let category: Category | null = null;
	// The open top-level item (an entry or not) and, for an entry, its commentary so far.
	let top: { contentColumn: number } | null = null;
	let open: { entry: Entry; group: Group; lines: string[]; pendingBlanks: number; links: InternalLink[]; contentColumn: number; fence: boolean } | null = null;
	let prevBlank = true;

	const closeEntry = () => {
		if (!open) return;
		open.entry.commentary = open.lines.join("\n");
		open.entry.links = open.links.length > 0 ? open.links : NO_LINKS;
		open = null;
	};
	const addCommentary = (raw: string, scan: string, lineNo: number, firstLine: boolean) => {
		const o = open!;
		const text = firstLine ? raw : dedent(raw, o.contentColumn);
		if (o.lines.length > 0) for (; o.pendingBlanks > 0; o.pendingBlanks--) o.lines.push("");
		o.pendingBlanks = 0;
		o.lines.push(text);
		if (o.group.commentaryStart === null) o.group.commentaryStart = lineNo;
		o.group.commentaryEnd = lineNo;
		if (scan.indexOf("[") >= 0) findInternalLinks(scan, raw, lineNo, o.links);
	};
	// Metadata lines are never entries.
	const first = head.meta ? head.meta.endLine + 1 : fm.endLine + 1;

	for (let i = first; i < lines.length; i++) {
		const raw = lines[i]!;
		const lineNo = i + 1;
		const wasInFence = masker.inFence;
		const scan = masker.mask(raw);
		if (isBlank(raw)) {
			prevBlank = true;
			if (open) open.pendingBlanks++;
			continue;
		}
		const indent = indentOf(raw).column;
		// Inside a fence: commentary of the entry whose item holds it, else nothing.
		if (wasInFence) {
			if (open && open.fence) addCommentary(raw, scan, lineNo, false);
			prevBlank = false;
			continue;
		}
		const fenceOpens = masker.inFence;
		// A line indented to the open item's content belongs to it.
		if (top && indent >= top.contentColumn) {
			if (open) {
				addCommentary(raw, scan, lineNo, false);
				open.fence = fenceOpens;
			}
			prevBlank = false;
			continue;
		}
		const c0 = scan.charCodeAt(0);
		if (c0 === 35 || c0 === 32) {
			const h = readHeading(scan);
			if (h) {
				closeEntry();
				top = null;
				prevBlank = true;
				if (h.level <= level) {
					if (category) category.endLine = lineNo - 1;
					headingPath.length = h.level - 1;
					const name = (scan === raw ? h : readHeading(raw) ?? h).name;
					headingPath[h.level - 1] = name;
					const names: string[] = [];
					for (const n of headingPath) if (n !== undefined && n !== "") names.push(n);
					category = { name: names.join(" › "), line: lineNo, endLine: lineNo, entries: [], groups: [] };
					categories.push(category);
				}
				continue;
			}
		}
		if (!category) {
			prevBlank = false;
			continue;
		}
		const item = fenceOpens ? null : readListItem(scan);
		if (item && item.indent <= 3) {
			closeEntry();
			top = { contentColumn: item.contentColumn };
			prevBlank = false;
			const found = readListEntry(scan, raw, item.contentStart);
			if (found === null) continue;
			if (!found.ok) {
				problems.push({ code: "malformed-entry", severity: "error", path, line: lineNo, message: `List item "${snippet(raw)}" looks like an entry but is not a complete link: ${found.reason}.` });
				continue;
			}
			const cat: Category = category;
			const group: Group = { entries: [cat.entries.length], commentaryStart: null, commentaryEnd: null };
			cat.groups.push(group);
			const text = parseEntryText(found.link.text);
			const entry = newEntry(text, found.link, scan, lineNo, cat, item.number);
			entry.kinds = found.kinds;
			cat.entries.push(entry);
			open = { entry, group, lines: [], pendingBlanks: 0, links: [], contentColumn: item.contentColumn, fence: false };
			const description = descriptionOf(raw.slice(found.link.end));
			if (description !== "") {
				open.lines.push(description);
				group.commentaryStart = group.commentaryEnd = lineNo;
				const restScan = scan.slice(found.link.end);
				if (restScan.indexOf("[") >= 0) findInternalLinks(" ".repeat(found.link.end) + restScan, raw, lineNo, open.links);
			}
			if (text.mistypedSeparator) {
				problems.push({ code: "entry-format", severity: "warning", path, line: lineNo, message: `Entry "${snippet(found.link.text)}" has a hyphen with a space on one side only; write "Source - Title" to give it a source.` });
			}
			continue;
		}
		// A paragraph line right after an item's text continues it (a lazy line); after a blank, or a fence, the list ends.
		if (top && !prevBlank && !fenceOpens && !item) {
			if (open) addCommentary(raw, scan, lineNo, true);
			continue;
		}
		closeEntry();
		top = null;
		prevBlank = false;
	}
	closeEntry();
	if (category) category.endLine = lines.length;
	return { categories, listProblems: problems };
}

/** 1-based line of a frontmatter key, or 1 when the key is not written there. */
function keyLine(lines: string[], fmEnd: number, key: string): number {
	for (let i = 1; i < fmEnd; i++) if (lines[i]!.startsWith(`${key}:`)) return i + 1;
	return 1;
}

function readPeriod(title: string, format: string, path: string, line: number, problems: Problem[]): Period | null {
	const fmt = dateFormat(format);
	const { dates, invalid } = fmt.findAll(title);
	if (invalid > 0) {
		problems.push({ code: "bad-period", severity: "warning", path, line, message: `The title "${title}" holds a date that does not exist in the ${format} format.` });
	}
	if (dates.length < 2) {
		if (dates.length === 1) {
			problems.push({ code: "bad-period", severity: "warning", path, line, message: `The title "${title}" holds one ${format} date; a period needs a start and an end date.` });
		}
		return null;
	}
	const [start, end] = [dates[0]!, dates[1]!];
	if (compareDates(start, end) > 0) {
		problems.push({ code: "bad-period", severity: "warning", path, line, message: `The period in the title "${title}" ends before it starts.` });
	}
	return { start, end };
}
