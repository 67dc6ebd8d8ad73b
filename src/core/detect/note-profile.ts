import { readFrontmatter, readTags, type YamlParser } from "../format/frontmatter";
import { CodeMasker, isBlank, parseInlineLink, splitLines } from "../format/markdown-scan";
import { readListItem } from "../format/list-items";
import { basename, readHeading, readListEntry } from "../format/parser";

/** A note as detection reads it: its vault path (with `/`) and its text. */
export interface NoteInput {
	path: string;
	text: string;
}

export interface ProfileHeading {
	level: number;
	name: string;
	/** 1-based line. */
	line: number;
}

/**
 * What detection needs to know of one note, read in one pass over its lines (no commentary, no
 * links): its folder, title, tags, headings, and how many entry lines stand under which level.
 */
export interface NoteProfile {
	path: string;
	/** Folder of the note, "" at the vault root. */
	folder: string;
	/** The frontmatter title, else the base name. */
	title: string;
	/** Frontmatter tags, as written, without `#`. */
	tags: string[];
	/** Entry lines (complete inline links at the start of a line, outside code) under some heading. */
	entries: number;
	/** Of them, the ones whose text starts with a number (`1.`, `2)`). */
	numbered: number;
	/** Entry lines by the level of the nearest heading above them; index 1..6. */
	entriesByLevel: number[];
	/** Headings outside code, in order. */
	headings: ProfileHeading[];
	/** The first non-blank line after the frontmatter, trimmed, when it is an embed (`![[cover.png|center|500]]`). */
	cover: string | null;
	/** The text holds `{{`: the placeholders of a template. */
	placeholders: boolean;
	/** List-style entries: list items at the margin under some heading whose content starts with a link (after kind words). */
	listEntries: number;
	/** List-style entries by the level of the nearest heading above them; index 1..6. */
	listByLevel: number[];
	/** How many list-style entries each marker starts (`-`, `*`, `+`, `1.` for ordered items). */
	listMarkers: Record<string, number>;
	/** A `date:` or `period:` field, or a `Date:` metadata line at the top: the note is dated without a period in its title. */
	dateField: boolean;
}

const NUMBERED = /^\s*\d+[.)]/;
const EMBED = /^!\[\[[^\]]+\]\]$|^!\[[^\]]*\]\([^)]+\)$/;

/** Whether a profile reads like a digest: numbered link entries under headings, or (with no entry lines) link list items. */
export function looksLikeDigest(p: NoteProfile): boolean {
	return (p.entries >= 2 && p.numbered >= 1) || looksLikeList(p);
}

/** Whether a profile reads like a list-style digest or collection: link list items under headings, and hardly any entry lines. */
export function looksLikeList(p: NoteProfile): boolean {
	return p.entries < 2 && p.listEntries >= 3;
}

const DATE_LINE = /^(?:date|period):[ \t]+\S/i;

/** Reads a note's profile. Never throws; linear in the text. */
export function profileNote(path: string, text: string, parseYaml?: YamlParser): NoteProfile {
	const { lines } = splitLines(text);
	// Without a YAML parser, the fast reader alone: frontmatter it cannot read counts as none.
	const fm = readFrontmatter(lines, path, parseYaml ?? noYaml);
	const rawTitle = fm.data["title"];
	const title = typeof rawTitle === "string" || typeof rawTitle === "number" ? String(rawTitle).trim() || basename(path) : basename(path);
	const slash = path.lastIndexOf("/");
	const entriesByLevel = [0, 0, 0, 0, 0, 0, 0];
	const headings: ProfileHeading[] = [];
	let entries = 0;
	let numbered = 0;
	let cover: string | null = null;
	let firstLine = true;
	let level = 0;
	let listEntries = 0;
	const listByLevel = [0, 0, 0, 0, 0, 0, 0];
	const listMarkers: Record<string, number> = {};
	let dateField = fm.data["date"] !== undefined || fm.data["period"] !== undefined;
	let top = true;
	const masker = new CodeMasker();
	for (let i = fm.endLine + 1; i < lines.length; i++) {
		const raw = lines[i]!;
		if (firstLine && !isBlank(raw)) {
			firstLine = false;
			const t = raw.trim();
			if (EMBED.test(t)) cover = t;
		}
		// Metadata lines at the top, up to the first blank line (`Date: 2026-08-19`).
		if (top) {
			if (isBlank(raw)) top = i === fm.endLine + 1;
			else if (DATE_LINE.test(raw)) dateField = true;
		}
		const wasInFence = masker.inFence;
		const scan = masker.mask(raw);
		const first = scan.charCodeAt(0);
		if (!wasInFence && (first === 35 || first === 32)) {
			const h = readHeading(scan);
			if (h) {
				headings.push({ level: h.level, name: (scan === raw ? h : readHeading(raw) ?? h).name, line: i + 1 });
				level = h.level;
				continue;
			}
		}
		if (level > 0 && !wasInFence && first !== 91) {
			const item = readListItem(scan);
			if (item && item.indent === 0) {
				const found = readListEntry(scan, raw, item.contentStart);
				if (found && found.ok) {
					listEntries++;
					listByLevel[level]!++;
					const marker = item.bullet ?? "1.";
					listMarkers[marker] = (listMarkers[marker] ?? 0) + 1;
				}
			}
			continue;
		}
		if (first !== 91 || level === 0) continue;
		const second = scan.charCodeAt(1);
		if (second === 91 || second === 94) continue;
		const link = parseInlineLink(scan, raw, 0);
		if (!link.ok) continue;
		entries++;
		entriesByLevel[level]!++;
		if (NUMBERED.test(link.link.text)) numbered++;
	}
	return {
		path,
		folder: slash < 0 ? "" : path.slice(0, slash),
		title,
		tags: readTags(fm.data["tags"]).tags,
		entries,
		numbered,
		entriesByLevel,
		headings,
		cover,
		placeholders: text.indexOf("{{") >= 0,
		listEntries,
		listByLevel,
		listMarkers,
		dateField,
	};
}

function noYaml(): unknown {
	throw new Error("no YAML parser");
}
