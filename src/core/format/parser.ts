import { compareDates, dateFormat } from "./dates";
import { parseEntryText } from "./entry-text";
import { readFrontmatter, readTags, type FrontmatterBlock, type FrontmatterTags, type YamlParser } from "./frontmatter";
import { CodeMasker, findInternalLinks, findTags, isBlank, parseInlineLink, splitLines } from "./markdown-scan";
import { seriesOfBrokenNote, seriesOfNote } from "./series";
import type { Category, Digest, Entry, Group, InternalLink, OffLevelEntries, Period, Problem, Series } from "./types";

export interface ParseOptions {
	parseYaml: YamlParser;
	/** Heading level of categories; default 1. */
	categoryLevel?: number;
	/** moment-style format of the dates in the title; default `DD-MM-YYYY`. */
	dateFormat?: string;
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
export function parseDigest(text: string, path: string, options: ParseOptions): Digest {
	return buildDigest(readHead(text, path, options.parseYaml), path, options.categoryLevel ?? 1, options.dateFormat ?? DEFAULT_DATE_FORMAT);
}

/** Parses a note as a digest of a series: its category level and date format. */
export function parseWithSeries(text: string, path: string, series: Pick<Series, "categoryLevel" | "dateFormat">, parseYaml: YamlParser): Digest {
	return parseDigest(text, path, { parseYaml, categoryLevel: series.categoryLevel, dateFormat: series.dateFormat });
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
	return { digest: buildDigest(head, path, series.categoryLevel, series.dateFormat), series };
}

interface Head {
	lines: string[];
	starts: number[];
	text: string;
	eol: "\n" | "\r\n";
	fm: FrontmatterBlock;
	tags: FrontmatterTags;
}

function readHead(text: string, path: string, parseYaml: YamlParser): Head {
	const split = splitLines(text);
	const fm = readFrontmatter(split.lines, path, parseYaml);
	return { ...split, fm, tags: readTags(fm.data["tags"]) };
}

function buildDigest(head: Head, path: string, level: number, format: string): Digest {
	const { lines, starts, eol, fm } = head;
	const problems: Problem[] = [];
	if (fm.problem) problems.push(fm.problem);
	const data = fm.data;

	const rawTitle = data["title"];
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
	const period = readPeriod(title, format, path, keyLine(lines, fm.endLine, "title"), problems);

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
				const rest = scan.slice(res.link.end);
				const entry: Entry = {
					number: text.number,
					source: text.source,
					title: text.title,
					url: res.link.dest,
					recommended: /\(recommended\)/i.test(rest),
					tags: rest.indexOf("#") < 0 ? NO_TAGS : findTags(rest),
					line: lineNo,
					commentary: "",
					links: NO_LINKS,
					group: cat.groups.length - 1,
					category: cat.name,
				};
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
	return { path, title, tags: tagInfo.tags, period, draft, frontmatter: data, categories, problems, eol, offLevel: off };
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
