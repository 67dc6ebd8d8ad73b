/** Data model of a parsed digest. Pure data: no functions, safe to serialise. */

export type Severity = "error" | "warning" | "info";

export type ProblemCode =
	| "duplicate-url"
	| "unresolved-link"
	| "numbering"
	| "unnumbered-entry"
	| "entry-format"
	| "empty-category"
	| "malformed-entry"
	| "frontmatter-invalid"
	| "bad-period"
	| "frontmatter-tags-string"
	| "period-gap"
	| "period-overlap"
	/** The command-line tool could not read a note that may be a digest as text (unreadable, binary, not UTF-8). */
	| "unreadable-note"
	| "category-level"
	/** A link check found the entry's link dead (404 or 410). */
	| "link-dead"
	/** A link check found the entry's link redirected elsewhere. */
	| "link-redirected"
	/** The entry's link carries tracking parameters (`utm_*`, `fbclid`...). */
	| "tracking-url";

export interface Problem {
	code: ProblemCode;
	severity: Severity;
	/** Vault-relative path with `/`. */
	path: string;
	/** 1-based line number. */
	line: number;
	message: string;
}

/** A calendar date without a time zone. */
export interface DayDate {
	year: number;
	month: number; // 1-12
	day: number; // 1-31
}

export interface Period {
	start: DayDate;
	end: DayDate;
}

export interface InternalLink {
	/** Link path as written, without subpath and alias (`""` for `[[#Heading]]`). */
	target: string;
	/** `#Heading` or `#^block`, or null. */
	subpath: string | null;
	alias: string | null;
	embed: boolean;
	/** 1-based line where the link stands. */
	line: number;
	/** Vault path of the note it resolves to, or null; filled by the index. */
	resolved: string | null;
}

export interface Entry {
	/** Number before the title, null when unnumbered. */
	number: number | null;
	source: string | null;
	title: string;
	url: string;
	recommended: boolean;
	/** Tags on the entry line, without `#`. */
	tags: string[];
	/** 1-based line of the entry. */
	line: number;
	/** Commentary of the entry's group, blank lines at both ends trimmed, lines joined by "\n". */
	commentary: string;
	/** Internal links in the commentary. */
	links: InternalLink[];
	/** Index into the digest's `groups`. */
	group: number;
	/** Name of the category the entry is in. */
	category: string;
	/** List style only: the bracketed kind words before the link (`[video]` gives `video`), lower-cased. */
	kinds?: string[];
}

export interface Group {
	/** Indexes of the group's entries in `Category.entries`. */
	entries: number[];
	/** First and last 1-based lines of the commentary, or null when there is none. */
	commentaryStart: number | null;
	commentaryEnd: number | null;
}

export interface Category {
	name: string;
	/** 1-based line of the heading. */
	line: number;
	/** Last 1-based line of the category's body (the line before the next heading, or the last line). */
	endLine: number;
	entries: Entry[];
	groups: Group[];
}

export interface Digest {
	path: string;
	title: string;
	tags: string[];
	period: Period | null;
	draft: boolean;
	/** Frontmatter as parsed, `{}` when absent or broken. */
	frontmatter: Record<string, unknown>;
	categories: Category[];
	/** Problems found while parsing (malformed entries, broken frontmatter, ...). */
	problems: Problem[];
	/** "\r\n" or "\n", as the file has it. */
	eol: "\n" | "\r\n";
	/** Present (`"list"`) when the note was read in the list style (FORMAT.md, "List style"). */
	entryStyle?: "list";
	/** Present (true) when the note belongs to an undated series, a collection. */
	collection?: boolean;
	/**
	 * Present (true) when the period comes from one date (a `date:` field or a `Date:` metadata line):
	 * it ends the period, which the index starts the day after the series' previous digest ends.
	 */
	datedByMetadata?: boolean;
	/** Entry lines that no category holds because they stand under headings of another level; absent or null when none. */
	offLevel?: OffLevelEntries | null;
}

/**
 * Entry lines outside every category, under headings of another level than the series' category
 * level (a series read with `#` categories on a note written with `## Frontend`), counted for the
 * level that has the most of them.
 */
export interface OffLevelEntries {
	/** Heading level the lines stand under. */
	level: number;
	/** How many entry lines stand under headings of that level. */
	count: number;
	/** The first such heading: its name and 1-based line. */
	heading: string;
	line: number;
	/** The category level the note was read with. */
	categoryLevel: number;
}

export interface Series {
	name: string;
	/** Frontmatter tag the digests carry (without `#`); empty: any note under `folder`. */
	tag: string;
	/** Vault folder the digests live under; empty: anywhere. */
	folder: string;
	/** Title of a new digest, e.g. `Weekly Links: {{start}} to {{end}}`. */
	titleTemplate: string;
	/** File name of a new digest relative to `folder`, may hold folders, e.g. `{{year}}/{{start}} to {{end}}`. */
	fileNameTemplate: string;
	/** moment-style date tokens, e.g. `DD-MM-YYYY`. */
	dateFormat: string;
	/** Heading level of categories (1 = `#`). */
	categoryLevel: number;
	/** Default categories, in order. */
	categories: string[];
	/** Vault path of a template note, never indexed; empty when none. */
	templateNote: string;
	/** Extra frontmatter tags written into a new digest besides `tag`. */
	extraTags?: string[];
	/** Cover embed line written into a new digest, e.g. `![[cover.png|center|500]]`; empty: none. */
	cover?: string;
	/** Vault path of the series index note; empty: `<folder>/<name> index.md`. */
	indexNote?: string;
	/** Template of a line of the series index; empty: the default template. */
	indexTemplate?: string;
	/** Template of a line of a recap; empty: the default template. */
	recapTemplate?: string;
	/** Frontmatter field that holds a digest's summary for the series index; empty: `summary`. */
	summaryField?: string;
	/** Vault path of the series' inbox of captured links; empty: `Digest inbox.md` in the folder. */
	inboxNote?: string;
	/** How entries are written: `line` (a line that starts with a link) or `list` (list items); default `line`. */
	entryStyle?: EntryStyle;
	/** An undated series (a collection): its notes have no period and no "next digest". */
	collection?: boolean;
}

export type EntryStyle = "line" | "list";
