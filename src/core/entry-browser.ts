import { checkIndex } from "./check";
import { compareDates, parseIsoDate } from "./dates";
import type { DigestIndex, EntryQuery, IndexedEntry } from "./digest-index";
import type { Category, Digest, Problem } from "./types";

/**
 * What the digest browser shows, as pure data: filters, grouping and flattening into the rows of
 * a virtualised list. The plugin hands in Obsidian's search; tests and the CLI a plain one.
 */

export type BrowserMode = "all" | "mentions" | "duplicates" | "problems";
export type BrowserGroupBy = "category" | "digest" | "source" | "tag" | "none";

export const BROWSER_MODES: readonly BrowserMode[] = ["all", "mentions", "duplicates", "problems"];
export const BROWSER_GROUP_BYS: readonly BrowserGroupBy[] = ["category", "digest", "source", "tag", "none"];

export interface BrowserState {
	mode: BrowserMode;
	search: string;
	series?: string;
	category?: string;
	source?: string;
	tag?: string;
	recommendedOnly: boolean;
	/** YYYY-MM-DD: digests whose period ends on or after it. */
	from?: string;
	/** YYYY-MM-DD: digests whose period starts on or before it. */
	to?: string;
	groupBy: BrowserGroupBy;
	/** Keys of collapsed group headers. */
	collapsed: string[];
	/** Entry keys (see `entryKey`) whose commentary is shown. */
	expanded: string[];
}

export const DEFAULT_BROWSER_STATE: Readonly<BrowserState> = {
	mode: "all",
	search: "",
	recommendedOnly: false,
	groupBy: "category",
	collapsed: [],
	expanded: [],
};

/** Saved key lists are capped so that a long-lived workspace file does not grow without end. */
const MAX_SAVED_KEYS = 500;

export function defaultBrowserState(): BrowserState {
	return { ...DEFAULT_BROWSER_STATE, collapsed: [], expanded: [] };
}

/** `base` with the known, well-typed fields of `input` (saved view state, say); everything else is ignored. */
export function mergeBrowserState(base: BrowserState, input: unknown): BrowserState {
	const out: BrowserState = { ...base, collapsed: [...base.collapsed], expanded: [...base.expanded] };
	if (typeof input !== "object" || input === null || Array.isArray(input)) return out;
	const s = input as Record<string, unknown>;
	if (BROWSER_MODES.includes(s.mode as BrowserMode)) out.mode = s.mode as BrowserMode;
	if (typeof s.search === "string") out.search = s.search;
	for (const field of ["series", "category", "source", "tag"] as const) {
		const v = s[field];
		if (v === null || v === "") delete out[field];
		else if (typeof v === "string") out[field] = v;
	}
	if (typeof s.recommendedOnly === "boolean") out.recommendedOnly = s.recommendedOnly;
	for (const field of ["from", "to"] as const) {
		const v = s[field];
		if (v === null || v === "") delete out[field];
		else if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && parseIsoDate(v)) out[field] = v;
	}
	if (BROWSER_GROUP_BYS.includes(s.groupBy as BrowserGroupBy)) out.groupBy = s.groupBy as BrowserGroupBy;
	for (const field of ["collapsed", "expanded"] as const) {
		const v = s[field];
		if (Array.isArray(v)) out[field] = [...new Set(v.filter((k): k is string => typeof k === "string"))].slice(-MAX_SAVED_KEYS);
	}
	return out;
}

/** Whether a filter beyond the mode is set (the search included). */
export function hasFilters(state: BrowserState): boolean {
	return state.search.trim() !== "" || hasStructuredFilters(state);
}

function hasStructuredFilters(state: BrowserState): boolean {
	return state.series !== undefined || state.category !== undefined || state.source !== undefined || state.tag !== undefined || state.recommendedOnly || validDate(state.from) !== undefined || validDate(state.to) !== undefined;
}

/** The structured filters of a state as the index's own query (the search is applied apart). */
export function browserQuery(state: BrowserState): EntryQuery {
	const q: EntryQuery = {};
	if (state.series !== undefined) q.series = state.series;
	if (state.category !== undefined) q.category = state.category;
	if (state.source !== undefined) q.source = state.source;
	if (state.tag !== undefined) q.tag = state.tag;
	if (state.recommendedOnly) q.recommended = true;
	const from = validDate(state.from);
	const to = validDate(state.to);
	if (from) q.from = from;
	if (to) q.to = to;
	return q;
}

function validDate(text: string | undefined) {
	return text ? parseIsoDate(text) ?? undefined : undefined;
}

// --- search ---

/** `[start, end)` of a match in a text. */
export type TextRange = [number, number];

/** Obsidian's `SearchResult` is one of these. */
export interface SearchHit {
	matches: readonly (readonly [number, number])[];
}

export type SearchMatcher = (text: string) => SearchHit | null;
/** Turns a query into a matcher: Obsidian's prepareSimpleSearch or prepareFuzzySearch, or `plainSearch`. */
export type PrepareSearch = (query: string) => SearchMatcher;

/** Every space-separated word must appear, in any case; matches are all their occurrences (as prepareSimpleSearch's). */
export function plainSearch(query: string): SearchMatcher {
	const words = searchWords(query);
	return (text) => {
		if (words.length === 0) return null;
		const lower = text.toLowerCase();
		const matches: [number, number][] = [];
		for (const w of words) {
			let at = lower.indexOf(w);
			if (at < 0) return null;
			for (; at >= 0; at = lower.indexOf(w, at + w.length)) matches.push([at, at + w.length]);
		}
		matches.sort((a, b) => a[0] - b[0]);
		return { matches };
	};
}

function searchWords(query: string): string[] {
	return query.toLowerCase().split(/\s+/).filter((w) => w !== "");
}

/** What the search looks through, title first so that the title's matches come first. */
export function entrySearchText(ie: IndexedEntry): string {
	const e = ie.entry;
	let tags = "";
	for (const t of e.tags) tags += ` #${t}`;
	return `${e.title}\n${e.source ?? ""}\n${e.commentary}\n${tags}\n${e.url}`;
}

/** The matches that fall in `[0, length)`, clipped, sorted and merged. */
export function rangesWithin(matches: readonly (readonly [number, number])[], length: number): TextRange[] {
	const out: TextRange[] = [];
	for (const [s, e] of matches) {
		const start = Math.max(0, s);
		const end = Math.min(length, e);
		if (start < end) out.push([start, end]);
	}
	if (out.length < 2) return out;
	out.sort((a, b) => a[0] - b[0]);
	const merged: TextRange[] = [out[0]!];
	for (let i = 1; i < out.length; i++) {
		const last = merged[merged.length - 1]!;
		const r = out[i]!;
		if (r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
		else merged.push(r);
	}
	return merged;
}

const NO_MATCHES: readonly TextRange[] = Object.freeze([]);

// --- rows ---

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
	/** Ranges of the title to highlight. */
	readonly matches: readonly TextRange[];
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

export interface BrowseResult {
	rows: BrowserRow[];
	/** Entries (problems in problems mode) that pass the filters, each counted once. */
	matched: number;
}

export interface BrowseOptions {
	/** Default: `plainSearch`. */
	prepareSearch?: PrepareSearch;
	/**
	 * True when the matcher matches exactly the texts that hold every space-separated word of the
	 * query in any case, as prepareSimpleSearch and plainSearch do. The index's own word search
	 * then finds the entries, and the matcher only marks the words in the titles. Otherwise (a fuzzy
	 * matcher) the matcher runs over each entry's text. Default: true without `prepareSearch`.
	 */
	wordSearch?: boolean;
	/** The open note, for mentions mode. */
	activeNotePath?: string | null;
	/** One per view: what only the index or the filters change is reused until they do. */
	cache?: BrowserCache;
}

/** `path:line`: the line makes it unique within the note, the path across notes. */
export function entryKey(ie: IndexedEntry): string {
	return `${ie.digest.path}:${ie.entry.line}`;
}

export const NO_SOURCE_LABEL = "No source";
export const NO_TAG_LABEL = "No tag";

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** The entries (or problems) that pass a state's mode and filters, in display order. */
interface Selection {
	signature: string;
	/** all and mentions modes. */
	entries: IndexedEntry[];
	/** duplicates mode: groups of occurrences. */
	duplicates: IndexedEntry[][];
	/** problems mode. */
	problems: Problem[];
	/** Title ranges to highlight, or null without a search. */
	highlight: Highlighter | null;
	/** Grouped rows (none expanded) by grouping, built when first asked for. */
	groupings: Map<BrowserGroupBy | "duplicates", Bucket[]>;
	/** The rows of `entries`, one for one (highlighted with a search), made when first asked for. */
	entryRows: BrowserEntryRow[] | null;
}

type Highlighter = (ie: IndexedEntry) => readonly TextRange[];

interface Bucket {
	key: string;
	label: string;
	/** Sorted by this in alphabetical groupings. */
	sortLabel: string;
	/** "No source", "No tag": after the others. */
	last: boolean;
	rows: EntryRow[];
}

/**
 * An entry row; its title ranges are found when first read, so only the rows shown pay for them,
 * and so are its keys: a list of many thousand rows builds no key strings for the rows not shown.
 */
class BrowserEntryRow implements EntryRow {
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
		return this.highlight ? this.highlight(this.entry) : NO_MATCHES;
	}

	withExpanded(expanded: boolean): BrowserEntryRow {
		return this.copy(expanded, this.highlight);
	}

	withHighlight(highlight: Highlighter | null): BrowserEntryRow {
		return this.copy(this.expanded, highlight);
	}

	private copy(expanded: boolean, highlight: Highlighter | null): BrowserEntryRow {
		const r = new BrowserEntryRow(this.entry, expanded, highlight, this.keyPrefix);
		r.entryKeyText = this.entryKeyText;
		r.keyText = this.keyText;
		return r;
	}
}

/**
 * What browsing derives from one index revision (digest order, problems, option lists) and from
 * the last filters (the entries that pass, grouped), so that collapsing a group or changing the
 * grouping runs no query, and rows are reused rather than made again.
 */
export class BrowserCache {
	private index: DigestIndex | null = null;
	private revision = -1;
	private ranks = new Map<string, number>();
	private newestFirst: string[] = [];
	private problemList: Problem[] | null = null;
	private readonly optionLists = new Map<string, BrowserOptions>();
	private last: Selection | null = null;
	// Keyed by a digest's entry list, in its order: a re-parsed digest brings a new list, and its old rows drop out.
	private readonly digestRows = new WeakMap<readonly IndexedEntry[], (BrowserEntryRow | undefined)[]>();
	/** Category objects to one object per group key: looking up objects is cheap, hashing names a row is not. */
	// A Map of the current revision's categories: quicker to fill than a WeakMap, and dropped with the revision.
	private categorySlots = new Map<Category, CategorySlot>();
	private readonly categorySlotsByKey = new Map<string, CategorySlot>();
	private readonly categorySlotsByName = new Map<string, CategorySlot>();
	/** Per digest of the current revision: its entries, their rows and its rank, found by the digest object. */
	private digestInfos = new WeakMap<Digest, DigestInfo>();

	sync(index: DigestIndex): void {
		if (this.index === index && this.revision === index.revision) return;
		this.index = index;
		this.revision = index.revision;
		this.ranks = newestFirstRanks(index.digests());
		this.newestFirst = [...this.ranks.keys()];
		this.problemList = null;
		this.optionLists.clear();
		this.last = null;
		this.digestInfos = new WeakMap();
		this.categorySlots = new Map();
	}

	/** The group of a category, the same object for every category of the same name in any case. */
	categorySlot(category: Category): CategorySlot {
		let slot = this.categorySlots.get(category);
		if (!slot) {
			// By the name as written first: no lower-casing or key string a category.
			const name = category.name;
			slot = this.categorySlotsByName.get(name);
			if (!slot) {
				const key = `category:${name.toLowerCase()}`;
				slot = this.categorySlotsByKey.get(key);
				if (!slot) this.categorySlotsByKey.set(key, (slot = { key }));
				if (this.categorySlotsByName.size > MAX_CATEGORY_NAMES) {
					// Slots of one key made before and after this still fall in one group: groups are found by key.
					this.categorySlotsByName.clear();
					this.categorySlotsByKey.clear();
				}
				this.categorySlotsByName.set(name, slot);
			}
			this.categorySlots.set(category, slot);
		}
		return slot;
	}

	/** A digest's entries, rows and rank, looked up once a revision: the loops over entries look them up by run. */
	digestInfo(index: DigestIndex, digest: Digest): DigestInfo {
		let info = this.digestInfos.get(digest);
		if (!info) {
			const list = index.entriesOf(digest.path);
			this.digestInfos.set(digest, (info = { list, rows: this.rowsOf(list), rank: this.rank(digest.path) }));
		}
		return info;
	}

	/** 0 for the newest digest. */
	rank(path: string): number {
		return this.ranks.get(path) ?? Number.MAX_SAFE_INTEGER;
	}

	/** Every entry in display order, read straight from the index's digests (no query to run, nothing to reorder). */
	allEntries(index: DigestIndex): IndexedEntry[] {
		this.sync(index);
		const out: IndexedEntry[] = [];
		for (const path of this.newestFirst) for (const ie of index.entriesOf(path)) out.push(ie);
		return out;
	}

	problems(index: DigestIndex): Problem[] {
		this.sync(index);
		return (this.problemList ??= checkIndex(index));
	}

	options(index: DigestIndex, series: string | undefined): BrowserOptions {
		this.sync(index);
		const k = series ?? "";
		let o = this.optionLists.get(k);
		if (!o) this.optionLists.set(k, (o = computeOptions(index, series)));
		return o;
	}

	selection(index: DigestIndex, signature: string, compute: () => Selection): Selection {
		this.sync(index);
		if (this.last?.signature !== signature) this.last = compute();
		return this.last;
	}

	/** The row of an entry under its entry key, not expanded, with or without highlights. */
	row(ie: IndexedEntry, highlight: Highlighter | null): BrowserEntryRow {
		const r = this.plainRow(ie);
		return highlight ? r.withHighlight(highlight) : r;
	}

	private plainRow(ie: IndexedEntry): BrowserEntryRow {
		const index = this.index;
		const list = index ? index.entriesOf(ie.digest.path) : [];
		const at = list.indexOf(ie);
		if (at < 0) return new BrowserEntryRow(ie, false, null);
		const rows = this.rowsOf(list);
		return (rows[at] ??= new BrowserEntryRow(ie, false, null));
	}

	private rowsOf(list: readonly IndexedEntry[]): (BrowserEntryRow | undefined)[] {
		let rows = this.digestRows.get(list);
		if (!rows) this.digestRows.set(list, (rows = new Array<BrowserEntryRow | undefined>(list.length)));
		return rows;
	}

	/**
	 * The plain rows of entries (runs of one digest each, in document order within, as selections
	 * hold them), one for one: found by walking each digest's list rather than by a lookup an entry.
	 */
	plainRows(index: DigestIndex, entries: readonly IndexedEntry[]): BrowserEntryRow[] {
		this.sync(index);
		const out = new Array<BrowserEntryRow>(entries.length);
		let digest: Digest | null = null;
		let list: readonly IndexedEntry[] = [];
		let rows: (BrowserEntryRow | undefined)[] = [];
		let j = 0;
		for (let i = 0; i < entries.length; i++) {
			const ie = entries[i]!;
			if (ie.digest !== digest) {
				digest = ie.digest;
				const info = this.digestInfo(index, digest);
				list = info.list;
				rows = info.rows;
				j = 0;
			}
			if (list[j] !== ie) {
				j = list.indexOf(ie, j);
				if (j < 0) j = list.indexOf(ie);
				if (j < 0) {
					out[i] = new BrowserEntryRow(ie, false, null);
					j = 0;
					continue;
				}
			}
			out[i] = rows[j] ??= new BrowserEntryRow(ie, false, null);
			j++;
		}
		return out;
	}
}

/** Bounds the names remembered across revisions (renamed categories leave theirs behind). */
const MAX_CATEGORY_NAMES = 10_000;

interface CategorySlot {
	key: string;
}

interface DigestInfo {
	list: readonly IndexedEntry[];
	rows: (BrowserEntryRow | undefined)[];
	rank: number;
}

/** Dated digests by period start, newest first; undated ones after them, by path. */
function newestFirstRanks(digests: readonly Digest[]): Map<string, number> {
	const dated = digests.filter((d) => d.period !== null);
	const undated = digests.filter((d) => d.period === null);
	// Stable sort: equal starts keep the index's path order.
	dated.sort((a, b) => compareDates(b.period!.start, a.period!.start));
	const ranks = new Map<string, number>();
	for (const d of dated) ranks.set(d.path, ranks.size);
	for (const d of undated) ranks.set(d.path, ranks.size);
	return ranks;
}

/** Entries (grouped by digest, in document order within, as the index returns them) newest digest first. */
function inDisplayOrder(index: DigestIndex, entries: IndexedEntry[], cache: BrowserCache): IndexedEntry[] {
	// Order the runs of each digest, not the entries.
	const runs: { start: number; end: number; rank: number }[] = [];
	let digest: Digest | null = null;
	for (let i = 0; i < entries.length; i++) {
		const d = entries[i]!.digest;
		if (d === digest) continue;
		digest = d;
		if (runs.length > 0) runs[runs.length - 1]!.end = i;
		runs.push({ start: i, end: entries.length, rank: cache.digestInfo(index, d).rank });
	}
	let sorted = true;
	for (let r = 1; r < runs.length && sorted; r++) sorted = runs[r - 1]!.rank <= runs[r]!.rank;
	if (sorted) return entries;
	runs.sort((a, b) => a.rank - b.rank || a.start - b.start);
	const out = new Array<IndexedEntry>(entries.length);
	let n = 0;
	for (const run of runs) for (let i = run.start; i < run.end; i++) out[n++] = entries[i]!;
	return out;
}

function selectionSignature(state: BrowserState, options: BrowseOptions, wordSearch: boolean): string {
	const q = browserQuery(state);
	return JSON.stringify([
		state.mode,
		state.search.trim(),
		wordSearch,
		q.series ?? null,
		q.category ?? null,
		q.source ?? null,
		q.tag ?? null,
		q.recommended ?? null,
		state.from ?? null,
		state.to ?? null,
		state.mode === "mentions" ? options.activeNotePath ?? null : null,
	]);
}

function select(index: DigestIndex, state: BrowserState, options: BrowseOptions, wordSearch: boolean, cache: BrowserCache, signature: string): Selection {
	const query = state.search.trim();
	const prepare = options.prepareSearch ?? plainSearch;
	const matcher = query === "" ? null : prepare(query);
	const structured = hasStructuredFilters(state);
	const q = browserQuery(state);
	if (wordSearch && query !== "") q.text = query;

	const highlights = new Map<IndexedEntry, readonly TextRange[]>();
	const sel: Selection = { signature, entries: [], duplicates: [], problems: [], highlight: null, groupings: new Map(), entryRows: null };
	if (matcher && wordSearch) {
		// The index found the entries; mark each word where it stands in the title.
		const perWord = searchWords(query).map((w) => prepare(w));
		sel.highlight = (ie) => {
			let r = highlights.get(ie);
			if (r === undefined) {
				const title = ie.entry.title;
				const all: (readonly [number, number])[] = [];
				for (const m of perWord) {
					const hit = m(title);
					if (hit) for (const range of hit.matches) all.push(range);
				}
				highlights.set(ie, (r = all.length === 0 ? NO_MATCHES : rangesWithin(all, title.length)));
			}
			return r;
		};
	} else if (matcher) {
		sel.highlight = (ie) => highlights.get(ie) ?? NO_MATCHES;
	}
	/** Whether a matcher that is no word search accepts the entry (keeping its title ranges). */
	const matches = (ie: IndexedEntry): boolean => {
		if (!matcher || wordSearch) return true;
		const hit = matcher(entrySearchText(ie));
		if (!hit) return false;
		const r = rangesWithin(hit.matches, ie.entry.title.length);
		if (r.length > 0) highlights.set(ie, r);
		return true;
	};
	const needsQuery = structured || q.text !== undefined;

	switch (state.mode) {
		case "all": {
			if (!needsQuery && !matcher) {
				sel.entries = cache.allEntries(index);
				break;
			}
			const found = index.query(q);
			sel.entries = inDisplayOrder(index, !matcher || wordSearch ? found : found.filter(matches), cache);
			break;
		}
		case "mentions": {
			const path = options.activeNotePath;
			let found = path ? index.mentions(path) : [];
			if (found.length > 0 && needsQuery) {
				const passing = new Set(index.query(q));
				found = found.filter((ie) => passing.has(ie));
			}
			sel.entries = inDisplayOrder(index, found.filter(matches), cache);
			break;
		}
		case "duplicates": {
			const passing = needsQuery ? new Set(index.query(q)) : null;
			const groups: { group: IndexedEntry[]; rank: number; line: number }[] = [];
			for (const group of index.duplicates()) {
				// A link is listed with all its occurrences when any of them passes.
				let shown = false;
				for (const ie of group) if ((!passing || passing.has(ie)) && matches(ie)) shown = true;
				if (!shown) continue;
				const sorted = [...group].sort((a, b) => cache.rank(a.digest.path) - cache.rank(b.digest.path) || a.entry.line - b.entry.line);
				groups.push({ group: sorted, rank: cache.rank(sorted[0]!.digest.path), line: sorted[0]!.entry.line });
			}
			groups.sort((a, b) => a.rank - b.rank || a.line - b.line);
			sel.duplicates = groups.map((g) => g.group);
			break;
		}
		case "problems": {
			const passes = new Map<string, boolean>();
			for (const p of cache.problems(index)) {
				let ok = passes.get(p.path);
				if (ok === undefined) passes.set(p.path, (ok = digestPasses(index, state, p.path)));
				if (ok && (!matcher || matcher(`${p.message}\n${p.code}\n${p.path}`))) sel.problems.push(p);
			}
			break;
		}
	}
	return sel;
}

/** Whether a digest passes the digest-level filters (series, dates): the only ones problems have. */
function digestPasses(index: DigestIndex, state: BrowserState, path: string): boolean {
	if (state.series !== undefined && index.seriesOf(path)?.name !== state.series) return false;
	const from = validDate(state.from);
	const to = validDate(state.to);
	if (!from && !to) return true;
	const period = index.get(path)?.period;
	if (!period) return false;
	if (from && compareDates(period.end, from) < 0) return false;
	if (to && compareDates(period.start, to) > 0) return false;
	return true;
}

/** The selection's entries as rows, one for one, highlighted with a search. */
function entryRows(index: DigestIndex, sel: Selection, cache: BrowserCache): BrowserEntryRow[] {
	if (sel.entryRows) return sel.entryRows;
	const rows = cache.plainRows(index, sel.entries);
	const highlight = sel.highlight;
	if (highlight) for (let i = 0; i < rows.length; i++) rows[i] = rows[i]!.withHighlight(highlight);
	return (sel.entryRows = rows);
}

/** The selection's entries in buckets of a grouping, in display order, as rows not expanded. */
function group(index: DigestIndex, sel: Selection, groupBy: BrowserGroupBy | "duplicates", cache: BrowserCache): Bucket[] {
	const highlight = sel.highlight;
	if (groupBy === "duplicates") {
		return sel.duplicates.map((g) => {
			const url = g[0]!.entry.url;
			return { key: `duplicate:${g[0]!.urlKey}`, label: url, sortLabel: url, last: false, rows: g.map((ie) => cache.row(ie, highlight)) };
		});
	}
	const rows = entryRows(index, sel, cache);
	if (groupBy === "none") return [{ key: "", label: "", sortLabel: "", last: false, rows }];

	// Looked up by the entry's own string or object first: those repeat, and hash once.
	const byRaw = new Map<unknown, Bucket>();
	const byKey = new Map<string, Bucket>();
	const ordered: Bucket[] = [];
	const newBucket = (raw: unknown, key: string, label: string, last = false): Bucket => {
		let b = byKey.get(key);
		if (!b) {
			b = { key, label, sortLabel: label.replace(/^#/, ""), last, rows: [] };
			byKey.set(key, b);
			ordered.push(b);
		}
		byRaw.set(raw, b);
		return b;
	};
	const none = {};
	const entries = sel.entries;
	switch (groupBy) {
		case "category": {
			// Runs of one category are common: the bucket is looked up once a run, by objects rather than names.
			let lastCategory: Category | null = null;
			let bucket: Bucket | null = null;
			for (let i = 0; i < entries.length; i++) {
				const category = entries[i]!.category;
				if (category !== lastCategory || !bucket) {
					lastCategory = category;
					const slot = cache.categorySlot(category);
					bucket = byRaw.get(slot) ?? newBucket(slot, slot.key, category.name);
				}
				bucket.rows.push(rows[i]!);
			}
			break;
		}
		case "digest": {
			let lastDigest: Digest | null = null;
			let bucket: Bucket | null = null;
			for (let i = 0; i < entries.length; i++) {
				const d = entries[i]!.digest;
				if (d !== lastDigest || !bucket) {
					lastDigest = d;
					bucket = byRaw.get(d) ?? newBucket(d, `digest:${d.path}`, d.title);
				}
				bucket.rows.push(rows[i]!);
			}
			break;
		}
		case "source": {
			for (let i = 0; i < entries.length; i++) {
				const source = entries[i]!.entry.source;
				const b = source ? byRaw.get(source) ?? newBucket(source, `source:${source.toLowerCase()}`, source) : byRaw.get(none) ?? newBucket(none, "source:", NO_SOURCE_LABEL, true);
				b.rows.push(rows[i]!);
			}
			break;
		}
		case "tag": {
			for (let i = 0; i < entries.length; i++) {
				const ie = entries[i]!;
				const tags = ie.entry.tags;
				if (tags.length === 0) {
					(byRaw.get(none) ?? newBucket(none, "tag:", NO_TAG_LABEL, true)).rows.push(rows[i]!);
					continue;
				}
				let first: Bucket | null = null;
				const seen: Bucket[] = [];
				for (const t of tags) {
					const b = byRaw.get(t) ?? newBucket(t, `tag:${t.toLowerCase()}`, `#${t}`);
					if (first === null) {
						first = b;
						b.rows.push(rows[i]!);
						continue;
					}
					// An entry tagged twice (#a #A) stands once under the tag.
					if (b === first || seen.includes(b)) continue;
					seen.push(b);
					// Under its further tags the entry's row key names the tag, so that row keys stay unique.
					b.rows.push(new BrowserEntryRow(ie, false, highlight, `${b.key}::`));
				}
			}
			break;
		}
	}
	// Categories and digests keep the order they are first met in (newest digest first); sources and tags go alphabetically.
	if (groupBy === "source" || groupBy === "tag") ordered.sort((a, b) => Number(a.last) - Number(b.last) || collator.compare(a.sortLabel, b.sortLabel));
	return ordered;
}

/**
 * The rows of the browser for a state: group headers, entries (each followed by its commentary
 * when expanded) or problems. Entries are newest digest first, in document order within. Rows are
 * shared between calls: treat them as read-only.
 */
export function browse(index: DigestIndex, state: BrowserState, options: BrowseOptions = {}): BrowseResult {
	const cache = options.cache ?? new BrowserCache();
	const wordSearch = options.wordSearch ?? options.prepareSearch === undefined;
	const signature = selectionSignature(state, options, wordSearch);
	const sel = cache.selection(index, signature, () => select(index, state, options, wordSearch, cache, signature));
	const collapsed = new Set(state.collapsed);
	const rows: BrowserRow[] = [];

	if (state.mode === "problems") {
		const byPath = new Map<string, Problem[]>();
		for (const p of sel.problems) {
			let list = byPath.get(p.path);
			if (!list) byPath.set(p.path, (list = []));
			list.push(p);
		}
		const paths = [...byPath.keys()].sort((a, b) => cache.rank(a) - cache.rank(b) || (a < b ? -1 : a > b ? 1 : 0));
		for (const path of paths) {
			const problems = byPath.get(path)!;
			const key = `problems:${path}`;
			const isCollapsed = collapsed.has(key);
			rows.push({ kind: "group", key, label: index.get(path)?.title ?? path, count: problems.length, collapsed: isCollapsed });
			if (!isCollapsed) problems.forEach((problem, i) => rows.push({ kind: "problem", key: `problem:${path}:${problem.line}:${problem.code}:${i}`, problem }));
		}
		return { rows, matched: sel.problems.length };
	}

	const groupBy = state.mode === "duplicates" ? "duplicates" : state.groupBy;
	let buckets = sel.groupings.get(groupBy);
	if (!buckets) sel.groupings.set(groupBy, (buckets = group(index, sel, groupBy, cache)));
	const expanded = expandedEntries(index, state.expanded);
	const headers = groupBy !== "none";
	if (!expanded) {
		// Sized once and filled: no growing of an array of many thousand rows.
		let size = 0;
		for (const b of buckets) size += (headers ? 1 : 0) + (headers && collapsed.has(b.key) ? 0 : b.rows.length);
		const flat = new Array<BrowserRow>(size);
		let n = 0;
		for (const b of buckets) {
			const isCollapsed = headers && collapsed.has(b.key);
			if (headers) flat[n++] = { kind: "group", key: b.key, label: b.label, count: b.rows.length, collapsed: isCollapsed };
			if (isCollapsed) continue;
			const bucketRows = b.rows;
			for (let i = 0; i < bucketRows.length; i++) flat[n++] = bucketRows[i]!;
		}
		return { rows: flat, matched: matchedOf(sel, groupBy) };
	}
	for (const b of buckets) {
		const isCollapsed = headers && collapsed.has(b.key);
		if (headers) rows.push({ kind: "group", key: b.key, label: b.label, count: b.rows.length, collapsed: isCollapsed });
		if (isCollapsed) continue;
		for (const r of b.rows) {
			if (!expanded.has(r.entry)) {
				rows.push(r);
				continue;
			}
			rows.push((r as BrowserEntryRow).withExpanded(true));
			if (r.entry.entry.commentary !== "") rows.push({ kind: "detail", key: `${r.key}::detail`, entryKey: r.entryKey, entry: r.entry });
		}
	}
	return { rows, matched: matchedOf(sel, groupBy) };
}

function matchedOf(sel: Selection, groupBy: BrowserGroupBy | "duplicates"): number {
	if (groupBy !== "duplicates") return sel.entries.length;
	let matched = 0;
	for (const g of sel.duplicates) matched += g.length;
	return matched;
}

/** The entries the expanded keys name, looked up once so that rows compare objects, not strings. */
function expandedEntries(index: DigestIndex, keys: readonly string[]): Set<IndexedEntry> | null {
	if (keys.length === 0) return null;
	const out = new Set<IndexedEntry>();
	for (const k of keys) {
		const colon = k.lastIndexOf(":");
		const line = Number(k.slice(colon + 1));
		if (colon < 0 || !Number.isInteger(line)) continue;
		const found = index.entriesOf(k.slice(0, colon)).find((ie) => ie.entry.line === line);
		if (found) out.add(found);
	}
	return out.size > 0 ? out : null;
}

// --- filter options ---

export interface BrowserOption {
	/** What the filter is set to. */
	value: string;
	/** Entries the filter keeps. */
	count: number;
}

export interface BrowserOptions {
	series: BrowserOption[];
	categories: BrowserOption[];
	sources: BrowserOption[];
	/** Parent tags are listed too, counting their nested tags: the tag filter keeps those. */
	tags: BrowserOption[];
}

/** Values for the filter dropdowns with entry counts; only the categories, sources and tags of `series` when given. */
export function browserOptions(index: DigestIndex, series?: string, cache?: BrowserCache): BrowserOptions {
	return (cache ?? new BrowserCache()).options(index, series);
}

function computeOptions(index: DigestIndex, series: string | undefined): BrowserOptions {
	const seriesCounts = new Map<string, number>();
	for (const s of index.seriesList) seriesCounts.set(s.name, 0);
	for (const d of index.digests()) {
		const name = index.seriesOf(d.path)?.name;
		if (name !== undefined) seriesCounts.set(name, (seriesCounts.get(name) ?? 0) + index.entriesOf(d.path).length);
	}
	const categories = new Tally();
	const sources = new Tally();
	const tags = new Tally();
	for (const ie of index.query(series === undefined ? {} : { series })) {
		categories.add(ie.category.name);
		if (ie.entry.source) sources.add(ie.entry.source);
		const entryTags = ie.entry.tags;
		if (entryTags.length === 1 && !entryTags[0]!.includes("/")) {
			tags.add(entryTags[0]!);
			continue;
		}
		// An entry counts once under each tag and each parent of its nested tags.
		const parts = new Set<string>();
		for (const t of entryTags) {
			for (let cut = t.indexOf("/"); cut >= 0; cut = t.indexOf("/", cut + 1)) parts.add(t.slice(0, cut));
			parts.add(t);
		}
		const lower = new Set<string>();
		for (const p of parts) {
			const l = p.toLowerCase();
			if (lower.has(l)) continue;
			lower.add(l);
			tags.add(p);
		}
	}
	return {
		series: [...seriesCounts].map(([value, count]) => ({ value, count })),
		categories: categories.sorted(),
		sources: sources.sorted(),
		tags: tags.sorted(),
	};
}

/** Counts values; the index's filters ignore case, so the result merges spellings under the most common one. */
class Tally {
	private readonly raw = new Map<string, number>();

	add(value: string): void {
		this.raw.set(value, (this.raw.get(value) ?? 0) + 1);
	}

	sorted(): BrowserOption[] {
		const merged = new Map<string, { value: string; count: number; best: number }>();
		for (const [value, count] of this.raw) {
			const k = value.toLowerCase();
			const m = merged.get(k);
			if (!m) merged.set(k, { value, count, best: count });
			else {
				m.count += count;
				if (count > m.best) {
					m.value = value;
					m.best = count;
				}
			}
		}
		return [...merged.values()].map(({ value, count }) => ({ value, count })).sort((a, b) => collator.compare(a.value, b.value));
	}
}

// --- layout ---

/** Top offset of each row, then the total height as the last element. */
export function rowOffsets(count: number, heightOf: (i: number) => number): Float64Array {
	const offsets = new Float64Array(count + 1);
	for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + heightOf(i);
	return offsets;
}

/** Index of the row at vertical position `y`, clamped to the rows. */
export function rowAtOffset(offsets: Float64Array, y: number): number {
	const count = offsets.length - 1;
	if (count <= 0) return 0;
	let lo = 0;
	let hi = count - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (offsets[mid]! <= y) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}
