import { checkIndex } from "../check/check";
import { compareDates, parseIsoDate } from "../format/dates";
import type { DigestIndex, EntryQuery, IndexedEntry } from "../index/digest-index";
import { grow, growBytes } from "../index/typed-arrays";
import type { Category, Digest, Problem } from "../format/types";

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
	rows: BrowserRows;
	/** Entries (problems in problems mode) that pass the filters, each counted once. */
	matched: number;
	/** Group headers in the rows, collapsed or not. */
	groups: number;
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
	/** all and mentions modes: the entries, as runs of display positions (see `DisplayOrder`). */
	runs: Runs;
	/** duplicates mode: groups of occurrences. */
	duplicates: IndexedEntry[][];
	/** problems mode. */
	problems: Problem[];
	/** Title ranges to highlight, or null without a search. */
	highlight: Highlighter | null;
	/** Buckets by grouping, made when first asked for. */
	groupings: Map<BrowserGroupBy | "duplicates", Bucket[]>;
}

type Highlighter = (ie: IndexedEntry) => readonly TextRange[];

/**
 * Stretches `[from, to)` of display positions, ascending and apart: how a list of entries is
 * held. A vault of 100,000 entries unfiltered is one run; a search, a few thousand; and only the
 * rows scrolled into view are ever made. Typed arrays, not an object a run: a keystroke may make
 * thousands of them, and objects that live past the next frame cost the garbage collector.
 */
class Runs {
	private fromAt: Int32Array<ArrayBuffer>;
	private toAt: Int32Array<ArrayBuffer>;
	/** Runs whose rows carry their bucket's key before the entry key (entries under their further tags). */
	private prefixedAt: Uint8Array<ArrayBuffer> | null = null;
	private endsAt: Int32Array | null = null;
	length = 0;
	/** Entries in all runs. */
	count = 0;

	/** `capacity`: the runs to make room for at first. */
	constructor(capacity = 16) {
		this.fromAt = new Int32Array(Math.max(1, capacity));
		this.toAt = new Int32Array(Math.max(1, capacity));
	}

	/** Empties it, keeping its room. */
	clear(): void {
		this.length = 0;
		this.count = 0;
		this.endsAt = null;
		this.prefixedAt = null;
	}

	static of(from: number, to: number): Runs {
		const r = new Runs();
		r.push(from, to);
		return r;
	}

	/** Starts of the runs (the first `length` of them). */
	get froms(): Int32Array {
		return this.fromAt;
	}

	/** Ends of the runs (the first `length` of them). */
	get tos(): Int32Array {
		return this.toAt;
	}

	prefixed(i: number): boolean {
		return this.prefixedAt !== null && this.prefixedAt[i] === 1;
	}

	/** Appends `[from, to)`, joining it to the last run when it follows on. */
	push(from: number, to: number, prefixed = false): void {
		if (to <= from) return;
		this.count += to - from;
		this.endsAt = null;
		const n = this.length;
		if (n > 0 && this.toAt[n - 1] === from && this.prefixed(n - 1) === prefixed) {
			this.toAt[n - 1] = to;
			return;
		}
		if (n === this.fromAt.length) {
			this.fromAt = grow(this.fromAt, n * 2);
			this.toAt = grow(this.toAt, n * 2);
			if (this.prefixedAt) this.prefixedAt = growBytes(this.prefixedAt, n * 2);
		}
		if (prefixed && !this.prefixedAt) this.prefixedAt = new Uint8Array(this.fromAt.length);
		this.fromAt[n] = from;
		this.toAt[n] = to;
		if (this.prefixedAt) this.prefixedAt[n] = prefixed ? 1 : 0;
		this.length = n + 1;
	}

	/** The run holding the `k`-th entry of all runs, and that entry's position. */
	locate(k: number): { run: number; position: number } {
		const ends = (this.endsAt ??= this.cumulative());
		let lo = 0;
		let hi = this.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (ends[mid]! > k) hi = mid;
			else lo = mid + 1;
		}
		return { run: lo, position: this.toAt[lo]! - (ends[lo]! - k) };
	}

	/** How many entries come before `position` in the runs, or -1 when no run holds it. */
	indexOf(position: number): number {
		let lo = 0;
		let hi = this.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.fromAt[mid]! <= position) lo = mid;
			else hi = mid - 1;
		}
		if (this.length === 0 || position < this.fromAt[lo]! || position >= this.toAt[lo]!) return -1;
		const ends = (this.endsAt ??= this.cumulative());
		return ends[lo]! - (this.toAt[lo]! - position);
	}

	private cumulative(): Int32Array {
		const ends = new Int32Array(this.length);
		let n = 0;
		for (let i = 0; i < this.length; i++) ends[i] = n += this.toAt[i]! - this.fromAt[i]!;
		return ends;
	}
}

interface Bucket {
	key: string;
	label: string;
	/** Sorted by this in alphabetical groupings. */
	sortLabel: string;
	/** "No source", "No tag": after the others. */
	last: boolean;
	/** Null until first needed when `collect` can make them. */
	runs: Runs | null;
	/** Makes `runs`: a grouping can count its buckets in one pass and list only the runs of those shown. */
	collect: (() => Runs) | null;
	/** Whether the entry at a display position may be in the bucket, when its runs are not listed yet. */
	mayHold: ((position: number) => boolean) | null;
	/** Entries in the bucket. */
	count: number;
	/** Rows that differ from the plain ones (highlighted, prefixed), by display position. */
	variants: Map<number, BrowserEntryRow> | null;
}

function newBucket(key: string, label: string, last = false): Bucket {
	return { key, label, sortLabel: label.replace(/^#/, ""), last, runs: new Runs(), collect: null, mayHold: null, count: 0, variants: null };
}

function bucketRuns(b: Bucket): Runs {
	if (b.runs === null) {
		b.runs = b.collect ? b.collect() : new Runs();
		b.collect = null;
		b.mayHold = null;
	}
	return b.runs;
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

/** The row at position `k` of a bucket (0 for its first entry). */
function bucketRow(order: DisplayOrder, bucket: Bucket, k: number, highlight: Highlighter | null): BrowserEntryRow {
	const runs = bucketRuns(bucket);
	const { run, position } = runs.locate(k);
	const plain = order.row(position);
	const prefixed = runs.prefixed(run);
	if (highlight === null && !prefixed) return plain;
	const variants = (bucket.variants ??= new Map<number, BrowserEntryRow>());
	let row = variants.get(position);
	if (!row) variants.set(position, (row = plain.variant(highlight, prefixed ? `${bucket.key}::` : "")));
	return row;
}

/**
 * Every entry of one index revision numbered in display order: newest digest first (digests
 * starting the same day by path, undated ones last), document order within. A position is an
 * entry; a digest holds the positions from its base to the next digest's.
 */
class DisplayOrder {
	readonly digests: DigestInfo[];
	/** Base of each digest, then the number of entries. */
	private readonly bases: Int32Array;
	private readonly byPlace: DigestInfo[];
	private byPath: Map<string, DigestInfo> | null = null;
	/** Category group of each position (see `categoryIds`). */
	private categories: Int32Array | null = null;

	constructor(
		index: DigestIndex,
		private readonly store: WeakMap<readonly IndexedEntry[], (BrowserEntryRow | undefined)[]>,
	) {
		const records = index.digestsWithEntries();
		const places = newestFirst(records);
		this.bases = new Int32Array(records.length + 1);
		this.byPlace = new Array<DigestInfo>(records.length);
		let base = 0;
		this.digests = places.map((place, rank): DigestInfo => {
			const { digest, entries } = records[place]!;
			this.bases[rank] = base;
			const info = { digest, list: entries, rank, base, rows: null };
			this.byPlace[place] = info;
			base += entries.length;
			return info;
		});
		this.bases[records.length] = base;
	}

	/** The digest at a place in the index's own order (`digestsWithEntries`). */
	atPlace(place: number): DigestInfo | null {
		return this.byPlace[place] ?? null;
	}

	get size(): number {
		return this.bases[this.bases.length - 1]!;
	}

	/** The digest holding a position. */
	digestAt(position: number): DigestInfo {
		return this.digests[lastAtOrBelow(this.bases, position, this.digests.length - 1)]!;
	}

	entry(position: number): IndexedEntry {
		const info = this.digestAt(position);
		return info.list[position - info.base]!;
	}

	/** The plain row of a position: one object for the entry as long as its digest is not re-indexed. */
	row(position: number): BrowserEntryRow {
		const info = this.digestAt(position);
		let rows = info.rows;
		if (!rows) {
			rows = this.store.get(info.list) ?? null;
			if (!rows) this.store.set(info.list, (rows = new Array<BrowserEntryRow | undefined>(info.list.length)));
			info.rows = rows;
		}
		const at = position - info.base;
		return (rows[at] ??= new BrowserEntryRow(info.list[at]!, false, null));
	}

	info(digest: Digest): DigestInfo | null {
		const info = this.infoAt(digest.path);
		return info && info.digest === digest ? info : null;
	}

	infoAt(path: string): DigestInfo | null {
		if (!this.byPath) {
			this.byPath = new Map();
			for (const info of this.digests) this.byPath.set(info.digest.path, info);
		}
		return this.byPath.get(path) ?? null;
	}

	/** The display position of an entry, or -1 when the index does not hold it. */
	positionOf(ie: IndexedEntry): number {
		const info = this.info(ie.digest);
		const at = info ? info.list.indexOf(ie) : -1;
		return at < 0 ? -1 : info!.base + at;
	}

	/** The category group of every position, as an id of `cache.categorySlot`. */
	categoryIds(cache: BrowserCache): Int32Array {
		if (this.categories) return this.categories;
		const ids = new Int32Array(this.size);
		for (const info of this.digests) {
			let at = info.base;
			for (const category of info.digest.categories) {
				const n = category.entries.length;
				if (n > 0) ids.fill(cache.categorySlot(category).id, at, at + n);
				at += n;
			}
		}
		return (this.categories = ids);
	}
}

interface DigestInfo {
	digest: Digest;
	list: readonly IndexedEntry[];
	/** 0 for the newest digest. */
	rank: number;
	/** Display position of the digest's first entry. */
	base: number;
	/** The rows of `list`, one for one, made as they are read; kept across revisions. */
	rows: (BrowserEntryRow | undefined)[] | null;
}

/**
 * What browsing derives from one index revision (digest order, problems, option lists) and from
 * the last filters (the entries that pass, grouped), so that collapsing a group or changing the
 * grouping runs no query, and rows are reused rather than made again.
 */
export class BrowserCache {
	private index: DigestIndex | null = null;
	private revision = -1;
	private displayOrder: DisplayOrder | null = null;
	private problemList: Problem[] | null = null;
	private readonly optionLists = new Map<string, BrowserOptions>();
	/** The last few selections, the latest last: clearing a search brings the list back at once. */
	private readonly recent: Selection[] = [];
	// Keyed by a digest's entry list, in its order: a re-parsed digest brings a new list, and its old rows drop out.
	private readonly rowStore = new WeakMap<readonly IndexedEntry[], (BrowserEntryRow | undefined)[]>();
	/** Category names (as written) to one slot per group key, so that names in other cases share a group. */
	private readonly categorySlotsByKey = new Map<string, CategorySlot>();
	private readonly categorySlotsByName = new Map<string, CategorySlot>();
	private nextSlotId = 0;
	/** Runs a query gathers before putting them in order: one buffer, reused. */
	private readonly scratch = new Runs(1024);

	sync(index: DigestIndex): void {
		if (this.index === index && this.revision === index.revision) return;
		this.index = index;
		this.revision = index.revision;
		this.displayOrder = null;
		this.problemList = null;
		this.optionLists.clear();
		this.recent.length = 0;
	}

	/** The group of a category, the same slot for every category of the same name in any case. */
	categorySlot(category: Category): CategorySlot {
		// By the name as written first: no lower-casing or key string a category.
		const name = category.name;
		let slot = this.categorySlotsByName.get(name);
		if (!slot) {
			const key = `category:${name.toLowerCase()}`;
			slot = this.categorySlotsByKey.get(key);
			if (!slot) this.categorySlotsByKey.set(key, (slot = { key, id: this.nextSlotId++ }));
			if (this.categorySlotsByName.size > MAX_CATEGORY_NAMES) {
				// Slots of one key made before and after this still fall in one group: groups are found by key.
				this.categorySlotsByName.clear();
				this.categorySlotsByKey.clear();
			}
			this.categorySlotsByName.set(name, slot);
		}
		return slot;
	}

	/** Category slot ids are below this. */
	slotCount(): number {
		return this.nextSlotId;
	}

	/** Every entry of the revision numbered in display order. */
	order(index: DigestIndex): DisplayOrder {
		this.sync(index);
		return (this.displayOrder ??= new DisplayOrder(index, this.rowStore));
	}

	/** 0 for the newest digest. */
	rank(index: DigestIndex, path: string): number {
		const digest = index.get(path);
		return (digest && this.order(index).info(digest)?.rank) ?? Number.MAX_SAFE_INTEGER;
	}

	/** What a query keeps, as runs straight from the positions the index finds. */
	queryRuns(index: DigestIndex, q: EntryQuery): Runs {
		const order = this.order(index);
		// The index goes oldest digest first: each digest's runs are made as a block, and the blocks put newest first.
		const found = this.scratch;
		found.clear();
		const blocks: { base: number; first: number; end: number }[] = [];
		index.matchEach(q, (entries, positions, count, place) => {
			const info = order.atPlace(place);
			if (!info || info.list !== entries) return;
			const first = found.length;
			const base = info.base;
			if (positions === null) found.push(base, base + entries.length);
			else for (let i = 0; i < count; i++) found.push(base + positions[i]!, base + positions[i]! + 1);
			blocks.push({ base, first, end: found.length });
		});
		blocks.sort((a, b) => a.base - b.base);
		const runs = new Runs(found.length);
		const { froms, tos } = found;
		for (const b of blocks) for (let i = b.first; i < b.end; i++) runs.push(froms[i]!, tos[i]!);
		return runs;
	}

	/** Entries (from the index, in any order) as runs of display positions. */
	runsOf(index: DigestIndex, entries: readonly IndexedEntry[]): Runs {
		const order = this.order(index);
		const positions = new Int32Array(entries.length);
		let n = 0;
		let info: DigestInfo | null = null;
		let j = 0;
		for (const ie of entries) {
			if (!info || ie.digest !== info.digest) {
				info = order.info(ie.digest);
				j = 0;
				// Not in the index (a stale entry): nothing to show.
				if (!info) continue;
			}
			const list = info.list;
			if (list[j] !== ie) {
				j = list.indexOf(ie, j);
				if (j < 0) j = list.indexOf(ie);
				if (j < 0) {
					j = 0;
					continue;
				}
			}
			positions[n++] = info.base + j++;
		}
		const sorted = positions.subarray(0, n).sort();
		const runs = new Runs();
		for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) runs.push(sorted[i]!, sorted[i]! + 1);
		return runs;
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
		const at = this.recent.findIndex((s) => s.signature === signature);
		const sel = at >= 0 ? this.recent.splice(at, 1)[0]! : compute();
		this.recent.push(sel);
		if (this.recent.length > RECENT_SELECTIONS) this.recent.shift();
		return sel;
	}
}

/** Selections kept per view: typing and clearing a search come back to earlier ones. */
const RECENT_SELECTIONS = 3;

/** Bounds the names remembered across revisions (renamed categories leave theirs behind). */
const MAX_CATEGORY_NAMES = 10_000;

interface CategorySlot {
	key: string;
	id: number;
}

/**
 * The places (in the index's order) of the digests in display order: dated digests by period
 * start, newest first, those starting the same day by path; undated ones after them, by path. The
 * index lists them oldest first (undated last): its runs of one start day are taken in reverse
 * order, each kept as it is.
 */
function newestFirst(records: readonly { digest: Digest }[]): number[] {
	let dated = records.length;
	while (dated > 0 && records[dated - 1]!.digest.period === null) dated--;
	const out: number[] = [];
	for (let end = dated; end > 0; ) {
		const start = records[end - 1]!.digest.period!.start;
		let begin = end - 1;
		while (begin > 0 && compareDates(records[begin - 1]!.digest.period!.start, start) === 0) begin--;
		for (let i = begin; i < end; i++) out.push(i);
		end = begin;
	}
	for (let i = dated; i < records.length; i++) out.push(i);
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
	const sel: Selection = { signature, runs: new Runs(), duplicates: [], problems: [], highlight: null, groupings: new Map() };
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
				sel.runs = Runs.of(0, cache.order(index).size);
				break;
			}
			// The index's word search finds the entries by position; a fuzzy matcher looks at each one.
			sel.runs = !matcher || wordSearch ? cache.queryRuns(index, q) : cache.runsOf(index, index.query(q).filter(matches));
			break;
		}
		case "mentions": {
			const path = options.activeNotePath;
			let found = path ? index.mentions(path) : [];
			if (found.length > 0 && needsQuery) {
				const passing = new Set(index.query(q));
				found = found.filter((ie) => passing.has(ie));
			}
			sel.runs = cache.runsOf(index, found.filter(matches));
			break;
		}
		case "duplicates": {
			const passing = needsQuery ? new Set(index.query(q)) : null;
			const order = cache.order(index);
			const groups: { group: IndexedEntry[]; first: number }[] = [];
			for (const group of index.duplicates()) {
				// A link is listed with all its occurrences when any of them passes.
				let shown = false;
				for (const ie of group) if ((!passing || passing.has(ie)) && matches(ie)) shown = true;
				if (!shown) continue;
				const placed = group.map((ie) => ({ ie, at: order.positionOf(ie) })).sort((a, b) => a.at - b.at);
				groups.push({ group: placed.map((p) => p.ie), first: placed[0]!.at });
			}
			groups.sort((a, b) => a.first - b.first);
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

/** The selection's entries in buckets of a grouping, in display order. */
function group(index: DigestIndex, sel: Selection, groupBy: BrowserGroupBy | "duplicates", cache: BrowserCache): Bucket[] {
	const order = cache.order(index);
	if (groupBy === "duplicates") {
		return sel.duplicates.map((g) => {
			const b = newBucket(`duplicate:${g[0]!.urlKey}`, g[0]!.entry.url);
			b.runs = cache.runsOf(index, g);
			b.count = b.runs.count;
			return b;
		});
	}
	const runs = sel.runs;
	if (groupBy === "none") {
		const all = newBucket("", "");
		all.runs = runs;
		all.count = runs.count;
		return [all];
	}

	// Looked up by the entry's own string or object first: those repeat, and hash once.
	const byRaw = new Map<unknown, Bucket>();
	const byKey = new Map<string, Bucket>();
	const ordered: Bucket[] = [];
	const find = (raw: unknown, key: string, label: string, last = false): Bucket => {
		let b = byKey.get(key);
		if (!b) {
			b = newBucket(key, label, last);
			byKey.set(key, b);
			ordered.push(b);
		}
		byRaw.set(raw, b);
		return b;
	};
	const none = {};
	const { froms, tos } = runs;
	switch (groupBy) {
		case "category": {
			// Counted in one pass over the positions' category ids; a bucket's runs are listed by a
			// second pass when its rows are first read.
			const ids = order.categoryIds(cache);
			const { counts, first, met } = countIds(runs, ids, cache.slotCount());
			// The ids of each bucket: names differing only in case share one.
			const idsOf = new Map<Bucket, number[]>();
			for (const id of met) {
				const category = order.entry(first[id]!).category;
				const b = find(id, cache.categorySlot(category).key, category.name);
				b.count += counts[id]!;
				if (!idsOf.has(b)) {
					const own: number[] = [];
					idsOf.set(b, own);
					b.runs = null;
					b.collect = () => collectCategory(runs, ids, own);
					b.mayHold = (position) => own.includes(ids[position]!);
				}
				idsOf.get(b)!.push(id);
			}
			break;
		}
		case "digest": {
			// Runs split where digests end; digests come in display order.
			for (let r = 0; r < runs.length; r++) {
				const to = tos[r]!;
				for (let p = froms[r]!; p < to; ) {
					const info = order.digestAt(p);
					const end = Math.min(to, info.base + info.list.length);
					const d = info.digest;
					add(byRaw.get(d) ?? find(d, `digest:${d.path}`, d.title), p, end);
					p = end;
				}
			}
			break;
		}
		case "source": {
			for (let r = 0; r < runs.length; r++) {
				for (let p = froms[r]!; p < tos[r]!; p++) {
					const source = order.entry(p).entry.source;
					add(source ? byRaw.get(source) ?? find(source, `source:${source.toLowerCase()}`, source) : byRaw.get(none) ?? find(none, "source:", NO_SOURCE_LABEL, true), p, p + 1);
				}
			}
			break;
		}
		case "tag": {
			for (let r = 0; r < runs.length; r++) {
				for (let p = froms[r]!; p < tos[r]!; p++) {
					const tags = order.entry(p).entry.tags;
					if (tags.length === 0) {
						add(byRaw.get(none) ?? find(none, "tag:", NO_TAG_LABEL, true), p, p + 1);
						continue;
					}
					let first: Bucket | null = null;
					const seen: Bucket[] = [];
					for (const t of tags) {
						const b = byRaw.get(t) ?? find(t, `tag:${t.toLowerCase()}`, `#${t}`);
						if (first === null) {
							first = b;
							add(b, p, p + 1);
							continue;
						}
						// An entry tagged twice (#a #A) stands once under the tag.
						if (b === first || seen.includes(b)) continue;
						seen.push(b);
						// Under its further tags the entry's row key names the tag, so that row keys stay unique.
						add(b, p, p + 1, true);
					}
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
 * How many of the runs' positions fall in each category group, the first position of each, and
 * the groups in the order first met. A loop of its own, over typed arrays: it reads every
 * position a search keeps, up to every entry of the vault.
 */
function countIds(runs: Runs, ids: Int32Array, slots: number): { counts: Int32Array; first: Int32Array; met: number[] } {
	const counts = new Int32Array(slots);
	const first = new Int32Array(slots);
	const met: number[] = [];
	const froms = runs.froms;
	const tos = runs.tos;
	for (let r = 0; r < runs.length; r++) {
		const to = tos[r]!;
		for (let p = froms[r]!; p < to; p++) {
			const id = ids[p]!;
			const n = counts[id]!;
			counts[id] = n + 1;
			if (n === 0) {
				first[id] = p;
				met.push(id);
			}
		}
	}
	return { counts, first, met };
}

/** The runs of `runs` whose positions are in one of the category groups `wanted`. */
function collectCategory(runs: Runs, ids: Int32Array, wanted: readonly number[]): Runs {
	const out = new Runs();
	const froms = runs.froms;
	const tos = runs.tos;
	for (let r = 0; r < runs.length; r++) {
		const to = tos[r]!;
		for (let p = froms[r]!; p < to; p++) {
			if (!wanted.includes(ids[p]!)) continue;
			let end = p + 1;
			while (end < to && wanted.includes(ids[end]!)) end++;
			out.push(p, end);
			p = end;
		}
	}
	return out;
}

/** Appends positions `from`..`to` to a bucket. */
function add(b: Bucket, from: number, to: number, prefixed = false): void {
	bucketRuns(b).push(from, to, prefixed);
	b.count += to - from;
}

/**
 * The rows of the browser for a state: group headers, entries (each followed by its commentary
 * when expanded) or problems. Entries are newest digest first, in document order within. Rows are
 * made as they are read and shared between calls: treat them as read-only.
 */
export function browse(index: DigestIndex, state: BrowserState, options: BrowseOptions = {}): BrowseResult {
	const cache = options.cache ?? new BrowserCache();
	const wordSearch = options.wordSearch ?? options.prepareSearch === undefined;
	const signature = selectionSignature(state, options, wordSearch);
	const sel = cache.selection(index, signature, () => select(index, state, options, wordSearch, cache, signature));
	const collapsed = new Set(state.collapsed);
	const out = new BrowserRows(cache.order(index));

	if (state.mode === "problems") {
		const byPath = new Map<string, Problem[]>();
		for (const p of sel.problems) {
			let list = byPath.get(p.path);
			if (!list) byPath.set(p.path, (list = []));
			list.push(p);
		}
		const paths = [...byPath.keys()].sort((a, b) => cache.rank(index, a) - cache.rank(index, b) || (a < b ? -1 : a > b ? 1 : 0));
		for (const path of paths) {
			const problems = byPath.get(path)!;
			const key = `problems:${path}`;
			const isCollapsed = collapsed.has(key);
			out.push({ kind: "group", key, label: index.get(path)?.title ?? path, count: problems.length, collapsed: isCollapsed });
			if (!isCollapsed) out.pushAll(problems.map((problem, i): ProblemRow => ({ kind: "problem", key: `problem:${path}:${problem.line}:${problem.code}:${i}`, problem })));
		}
		return { rows: out, matched: sel.problems.length, groups: paths.length };
	}

	const groupBy = state.mode === "duplicates" ? "duplicates" : state.groupBy;
	let buckets = sel.groupings.get(groupBy);
	if (!buckets) sel.groupings.set(groupBy, (buckets = group(index, sel, groupBy, cache)));
	const expanded = expandedPositions(cache.order(index), state.expanded);
	const headers = groupBy !== "none";
	const highlight = sel.highlight;
	const order = cache.order(index);
	let matched = 0;
	for (const b of buckets) {
		matched += b.count;
		const isCollapsed = headers && collapsed.has(b.key);
		if (headers) out.push({ kind: "group", key: b.key, label: b.label, count: b.count, collapsed: isCollapsed });
		if (isCollapsed) continue;
		let k0 = 0;
		// Expanded entries break the bucket's stretch of rows: each is followed by its commentary.
		for (const k of expandedIn(b, expanded)) {
			out.pushBucket(b, k0, k, highlight);
			const row = bucketRow(order, b, k, highlight).withExpanded(true);
			out.push(row);
			if (row.entry.entry.commentary !== "") out.push({ kind: "detail", key: `${row.key}::detail`, entryKey: row.entryKey, entry: row.entry });
			k0 = k + 1;
		}
		out.pushBucket(b, k0, b.count, highlight);
	}
	// Under tags an entry may stand more than once; it matched once.
	if (groupBy !== "duplicates") matched = sel.runs.count;
	return { rows: out, matched, groups: headers ? buckets.length : 0 };
}

/** Where in a bucket the expanded entries stand, in order. */
function expandedIn(b: Bucket, positions: readonly number[]): number[] {
	const out: number[] = [];
	for (const p of positions) {
		// A bucket not listed yet is listed only when an expanded entry may be in it.
		if (b.runs === null && b.mayHold && !b.mayHold(p)) continue;
		const k = bucketRuns(b).indexOf(p);
		if (k >= 0) out.push(k);
	}
	return out.sort((x, y) => x - y);
}

/** The display positions of the entries the expanded keys name. */
function expandedPositions(order: DisplayOrder, keys: readonly string[]): number[] {
	const out: number[] = [];
	for (const k of keys) {
		const colon = k.lastIndexOf(":");
		const line = Number(k.slice(colon + 1));
		if (colon < 0 || !Number.isInteger(line)) continue;
		const path = k.slice(0, colon);
		const info = order.infoAt(path);
		if (!info) continue;
		const at = info.list.findIndex((ie) => ie.entry.line === line);
		if (at >= 0 && !out.includes(info.base + at)) out.push(info.base + at);
	}
	return out;
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

// --- the row list and its layout ---

/** Row heights in px by kind; a commentary panel's is asked for each. */
export interface RowHeights {
	group: number;
	entry: number;
	problem: number;
	detail: (row: DetailRow) => number;
}

/** A stretch of the list: one row, rows from an array, or positions of a bucket; every row of one stretch is of one kind. */
type Stretch =
	| { kind: "one"; row: BrowserRow }
	| { kind: "array"; rows: readonly BrowserRow[] }
	| { kind: "bucket"; bucket: Bucket; from: number; highlight: Highlighter | null };

/**
 * The browser's rows, made as they are read: a list of 100,000 entries is a few stretches (a group
 * header, then the group's entries), so that a change of filter costs little more than what it shows.
 */
export class BrowserRows implements Iterable<BrowserRow> {
	private readonly stretches: Stretch[] = [];

	constructor(private readonly order: DisplayOrder | null = null) {}

	/** Index of each stretch's first row, then the row count as the last element. */
	private starts: number[] = [0];

	get length(): number {
		return this.starts[this.starts.length - 1]!;
	}

	/** The row at `i` (0 <= i < length). */
	at(i: number): BrowserRow {
		if (!(i >= 0 && i < this.length)) throw new RangeError(`No row ${i} in a list of ${this.length}.`);
		const s = this.stretchAt(i);
		const st = this.stretches[s]!;
		const k = i - this.starts[s]!;
		switch (st.kind) {
			case "one":
				return st.row;
			case "array":
				return st.rows[k]!;
			case "bucket":
				return bucketRow(this.order!, st.bucket, st.from + k, st.highlight);
		}
	}

	*[Symbol.iterator](): Iterator<BrowserRow> {
		for (let i = 0; i < this.length; i++) yield this.at(i);
	}

	toArray(): BrowserRow[] {
		return Array.from(this);
	}

	/** Where each row stands with these heights. */
	layout(heights: RowHeights): RowLayout {
		const n = this.stretches.length;
		const rowHeight = new Float64Array(n);
		const tops = new Float64Array(n + 1);
		for (let s = 0; s < n; s++) {
			const st = this.stretches[s]!;
			const first = st.kind === "one" ? st.row : st.kind === "array" ? st.rows[0]! : null;
			const h = first === null ? heights.entry : first.kind === "detail" ? heights.detail(first) : heights[first.kind];
			rowHeight[s] = h;
			tops[s + 1] = tops[s]! + h * (this.starts[s + 1]! - this.starts[s]!);
		}
		return new RowLayout(this.starts, tops, rowHeight);
	}

	/** Appends a row. */
	push(row: BrowserRow): void {
		this.append({ kind: "one", row }, 1);
	}

	/** Appends rows of one kind. */
	pushAll(rows: readonly BrowserRow[]): void {
		if (rows.length > 0) this.append({ kind: "array", rows }, rows.length);
	}

	/** Appends the rows of a bucket from position `from` up to `to`. */
	pushBucket(bucket: Bucket, from: number, to: number, highlight: Highlighter | null): void {
		if (to > from) this.append({ kind: "bucket", bucket, from, highlight }, to - from);
	}

	private append(stretch: Stretch, count: number): void {
		this.stretches.push(stretch);
		this.starts.push(this.length + count);
	}

	private stretchAt(i: number): number {
		return lastAtOrBelow(this.starts, i, this.stretches.length - 1);
	}
}

/** Vertical positions of a list's rows, from the heights of its stretches. */
export class RowLayout {
	constructor(
		private readonly starts: readonly number[],
		/** Top of each stretch, then the total height. */
		private readonly tops: Float64Array,
		private readonly rowHeight: Float64Array,
	) {}

	get count(): number {
		return this.starts[this.starts.length - 1]!;
	}

	get height(): number {
		return this.tops[this.tops.length - 1]!;
	}

	/** Top of row `i`; `top(count)` is the total height. */
	top(i: number): number {
		if (i >= this.count) return this.height;
		if (i <= 0) return 0;
		const s = lastAtOrBelow(this.starts, i, this.rowHeight.length - 1);
		return this.tops[s]! + (i - this.starts[s]!) * this.rowHeight[s]!;
	}

	/** Index of the row at vertical position `y`, clamped to the rows. */
	indexAt(y: number): number {
		const count = this.count;
		if (count <= 0) return 0;
		const s = lastAtOrBelow(this.tops, y, this.rowHeight.length - 1);
		const h = this.rowHeight[s]!;
		const k = h > 0 ? Math.floor((y - this.tops[s]!) / h) : 0;
		const rows = this.starts[s + 1]! - this.starts[s]!;
		return Math.min(count - 1, this.starts[s]! + Math.max(0, Math.min(rows - 1, k)));
	}
}

/** The last index in `0..max` whose value in the ascending `values` is at most `x` (0 when none is). */
function lastAtOrBelow(values: ArrayLike<number>, x: number, max: number): number {
	let lo = 0;
	let hi = max;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (values[mid]! <= x) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}
