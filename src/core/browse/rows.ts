/** The rows of the browser's list: group headers, entries, commentary panels and problems, and the keys that name them. */

import type { Problem } from "../format/types";
import type { IndexedEntry } from "../index/digest-index";
import { NO_MARKS, type EntryMarks } from "./search-filter";
import type { Highlighter, TextRange } from "./search-match";

export interface GroupRow {
	kind: "group";
	key: string;
	label: string;
	/** Entries (or problems) in the group, shown or not. */
	count: number;
	collapsed: boolean;
}

export interface EntryRow {
	readonly kind: "entry";
	/** Unique among the rows: the entry key; under an entry's second and further tags, prefixed by the tag group's key. */
	readonly key: string;
	/** Digest path and line (see `entryKey`): stable across re-indexing while the entry keeps its line. */
	readonly entryKey: string;
	readonly entry: IndexedEntry;
	/** Ranges of the title to highlight (`marks.title`). */
	readonly matches: readonly TextRange[];
	/** What to highlight in the title, source and tags, and the commentary's snippet. */
	readonly marks: EntryMarks;
	readonly expanded: boolean;
}

/** The commentary of an expanded entry, shown under it. */
export interface DetailRow {
	kind: "detail";
	key: string;
	entryKey: string;
	entry: IndexedEntry;
}

export interface ProblemRow {
	kind: "problem";
	key: string;
	problem: Problem;
}

export type BrowserRow = GroupRow | EntryRow | DetailRow | ProblemRow;

/** `path:line`: the line makes it unique within the note, the path across notes. */
export function entryKey(ie: IndexedEntry): string {
	return `${ie.digest.path}:${ie.entry.line}`;
}

export const NO_SOURCE_LABEL = "No source";
export const NO_TAG_LABEL = "No tag";

/** How group labels and option values sort: any case, numbers by value. */
export const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/**
 * An entry row; its title ranges are found when first read, so only the rows shown pay for them,
 * and so are its keys: a list of many thousand rows builds no key strings for the rows not shown.
 */
export class BrowserEntryRow implements EntryRow {
	readonly kind = "entry";
	private keyText: string | undefined;
	private entryKeyText: string | undefined;

	constructor(
		readonly entry: IndexedEntry,
		readonly expanded: boolean,
		private readonly highlight: Highlighter | null,
		/** Put before the entry key in the row key (a tag group's key and "::"), or "". */
		private readonly keyPrefix = "",
	) {}

	get entryKey(): string {
		return (this.entryKeyText ??= entryKey(this.entry));
	}

	get key(): string {
		return (this.keyText ??= this.keyPrefix === "" ? this.entryKey : this.keyPrefix + this.entryKey);
	}

	get matches(): readonly TextRange[] {
		return this.marks.title;
	}

	get marks(): EntryMarks {
		return this.highlight ? this.highlight(this.entry) : NO_MARKS;
	}

	withExpanded(expanded: boolean): BrowserEntryRow {
		return this.copy(expanded, this.highlight, this.keyPrefix);
	}

	/** This row highlighted with `highlight`, its key prefixed with `prefix`. */
	variant(highlight: Highlighter | null, prefix: string): BrowserEntryRow {
		return this.copy(this.expanded, highlight, prefix);
	}

	private copy(expanded: boolean, highlight: Highlighter | null, prefix: string): BrowserEntryRow {
		const r = new BrowserEntryRow(this.entry, expanded, highlight, prefix);
		r.entryKeyText = this.entryKeyText;
		if (prefix === this.keyPrefix) r.keyText = this.keyText;
		return r;
	}
}
