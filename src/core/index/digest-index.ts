import { addDays, compareDates } from "../format/dates";
import type { YamlParser } from "../format/frontmatter";
import { LinkResolver } from "../links/link-resolver";
import { parseSeriesNote } from "../format/parser";
import { hasTag, mayBeDigest, readsNotesAlike } from "../format/series";
import { TextSearchIndex, type TextSearchItem } from "./text-search";
import { normalizeUrl } from "../links/url-normalize";
import type { Category, DayDate, Digest, Entry, Series } from "../format/types";

/** An entry together with where it stands. */
export interface IndexedEntry {
	entry: Entry;
	category: Category;
	digest: Digest;
	series: Series;
	/** The entry's URL normalised: equal keys mean the same link ("" until the link maps are first used). */
	urlKey: string;
}

export interface EntryQuery {
	/** Words that must all appear in the title, source, commentary, tags or URL (any case). */
	text?: string;
	category?: string;
	source?: string;
	/** Matches the tag and its nested tags. */
	tag?: string;
	recommended?: boolean;
	/** Digests whose period overlaps `from`..`to`; digests without a period are left out. */
	from?: DayDate;
	to?: DayDate;
	/** Series name. */
	series?: string;
	/** Digest path. */
	digest?: string;
	drafts?: boolean;
	/** A test of each entry the other fields keep (the browser's exclusions, say). */
	where?: (ie: IndexedEntry) => boolean;
}

/** A digest with its entries, as the index holds them. */
export interface DigestEntries {
	readonly digest: Digest;
	readonly entries: readonly IndexedEntry[];
}

export interface Counts {
	categories: Map<string, number>;
	sources: Map<string, number>;
	tags: Map<string, number>;
}

interface DigestRecord {
	digest: Digest;
	series: Series;
	entries: IndexedEntry[];
	/** Lower-cased link targets' last segments, to find the digests a new or removed file concerns. */
	linkNames: Set<string>;
}

export interface DigestIndexOptions {
	parseYaml: YamlParser;
	series: readonly Series[];
	/**
	 * Whether a link kept in a collection and shared in a digest (or kept in another collection)
	 * is a duplicate; default false: a collection's duplicates are those inside it.
	 */
	crossSeriesDuplicates?: boolean;
}

/**
 * Every digest of the vault, kept current one note at a time. Pure: the caller reads files and
 * tells it what changed, so the plugin, the CLI and the tests share it.
 */
export class DigestIndex {
	private series: readonly Series[];
	private readonly parseYaml: YamlParser;
	private readonly records = new Map<string, DigestRecord>();
	private readonly resolver = new LinkResolver([]);
	// Arrays, not Sets: nearly every key holds one entry, and 20,000 Sets cost more than the parse.
	private readonly byUrl = new Map<string, IndexedEntry[]>();
	private readonly duplicateKeys = new Set<string>();
	/**
	 * The link maps (shared URLs, mentions) are made on their first use and kept current after:
	 * a vault opened only to browse or insert never pays for them.
	 */
	private linkMapsReady = false;
	/** While the link maps are being made a slice at a time: the digests not in them yet. */
	private linkPending: Set<string> | null = null;
	private readonly byTarget = new Map<string, IndexedEntry[]>();
	private sorted: DigestRecord[] | null = null;
	private readonly categoryNames = new Map<string, string>();
	/** Words of every entry, for text queries; digests reach it on the first text query after they change. */
	private readonly words = new TextSearchIndex<IndexedEntry>();
	private readonly wordsStale = new Set<string>();
	private version = 0;

	private crossSeries: boolean;

	constructor(options: DigestIndexOptions) {
		this.parseYaml = options.parseYaml;
		this.series = options.series;
		this.crossSeries = options.crossSeriesDuplicates === true;
	}

	/** Whether links shared across a collection and other series count as duplicates (see DigestIndexOptions). */
	get crossSeriesDuplicates(): boolean {
		return this.crossSeries;
	}

	set crossSeriesDuplicates(on: boolean) {
		if (on === this.crossSeries) return;
		this.crossSeries = on;
		this.version++;
	}

	/** Bumped on every change, so views can tell whether what they show is stale. */
	get revision(): number {
		return this.version;
	}

	get seriesList(): readonly Series[] {
		return this.series;
	}

	/** Replaces the series; the caller then feeds every note again. */
	setSeries(series: readonly Series[]): void {
		this.series = series;
		this.clearDigests();
	}

	/**
	 * Takes new series that read notes as the current ones do, one for one in the same order (new
	 * names, templates, categories): nothing is read again. False, changing nothing, for series that
	 * read notes differently: then setSeries and feed every note again.
	 */
	updateSeries(series: readonly Series[]): boolean {
		const old = this.series;
		if (series.length !== old.length || !series.every((s, i) => readsNotesAlike(old[i]!, s))) return false;
		const next = new Map(old.map((s, i) => [s, series[i]!]));
		for (const record of this.records.values()) {
			const s = next.get(record.series) ?? record.series;
			record.series = s;
			for (const ie of record.entries) ie.series = s;
		}
		this.series = series;
		this.sorted = null;
		this.version++;
		return true;
	}

	clearDigests(): void {
		for (const path of [...this.records.keys()]) this.removeNote(path);
		this.words.clear();
		this.wordsStale.clear();
	}

	/** Whether a note could be a digest from its path alone, so the caller need not read others. */
	mayBeDigest(path: string): boolean {
		return mayBeDigest(this.series, path);
	}

	// --- vault files (all of them, for link resolution) ---

	addFile(path: string): void {
		if (this.resolver.has(path)) return;
		this.resolver.add(path);
		this.reresolveFor(path);
	}

	removeFile(path: string): void {
		this.resolver.remove(path);
		this.reresolveFor(path);
		this.removeNote(path);
	}

	/** A file moved; pass the note's text when it may be a digest, so it is indexed under its new path. */
	renameFile(oldPath: string, newPath: string, text?: string): void {
		this.resolver.rename(oldPath, newPath);
		this.removeNote(oldPath);
		this.reresolveFor(oldPath);
		this.reresolveFor(newPath);
		if (text !== undefined) this.setNote(newPath, text);
	}

	// --- notes ---

	/** Parses a note and indexes it when it belongs to a series; returns its digest or null. */
	setNote(path: string, text: string): Digest | null {
		if (!this.resolver.has(path)) this.addFile(path);
		const parsed = this.mayBeDigest(path) ? parseSeriesNote(text, path, this.series, this.parseYaml) : null;
		this.removeNote(path);
		if (!parsed) return null;
		const record: DigestRecord = { digest: parsed.digest, series: parsed.series, entries: [], linkNames: new Set() };
		for (const category of parsed.digest.categories) {
			category.name = this.categoryName(category.name);
			for (const entry of category.entries) {
				record.entries.push({ entry, category, digest: parsed.digest, series: parsed.series, urlKey: "" });
			}
		}
		this.resolveLinks(record);
		this.records.set(path, record);
		this.attach(record);
		this.wordsStale.add(path);
		this.sorted = null;
		this.version++;
		return parsed.digest;
	}

	/**
	 * One string for each category name across the vault: views group entries by category name,
	 * tens of thousands of look-ups at a time, and a string works out its hash only once.
	 */
	private categoryName(name: string): string {
		const known = this.categoryNames.get(name);
		if (known !== undefined) return known;
		// Bounded: names of renamed or deleted categories are not tracked one by one.
		if (this.categoryNames.size >= 10_000) this.categoryNames.clear();
		this.categoryNames.set(name, name);
		return name;
	}

	removeNote(path: string): void {
		const record = this.records.get(path);
		if (!record) return;
		this.detach(record);
		this.linkPending?.delete(path);
		this.records.delete(path);
		this.wordsStale.add(path);
		this.sorted = null;
		this.version++;
	}

	private attach(record: DigestRecord): void {
		if (!this.linkMapsReady) return;
		this.linkPending?.delete(record.digest.path);
		for (const ie of record.entries) {
			if (ie.urlKey === "") ie.urlKey = normalizeUrl(ie.entry.url);
			if (addTo(this.byUrl, ie.urlKey, ie) > 1) this.duplicateKeys.add(ie.urlKey);
			forEachTarget(ie.entry, (target) => addTo(this.byTarget, target, ie));
		}
	}

	private detach(record: DigestRecord): void {
		if (!this.linkMapsReady || this.linkPending?.has(record.digest.path)) return;
		for (const ie of record.entries) {
			const left = removeFrom(this.byUrl, ie.urlKey, ie);
			if (left < 2) this.duplicateKeys.delete(ie.urlKey);
			forEachTarget(ie.entry, (target) => removeFrom(this.byTarget, target, ie));
		}
	}

	private resolveLinks(record: DigestRecord): void {
		record.linkNames.clear();
		resolveDigestLinks(record.digest, this.resolver, (target) => record.linkNames.add(lastSegmentKey(target)));
	}

	/** A file appeared or went: links naming it may now resolve differently. */
	private reresolveFor(path: string): void {
		const name = lastSegmentKey(path);
		const nameNoExt = name.endsWith(".md") ? name.slice(0, -3) : null;
		for (const record of this.records.values()) {
			if (!record.linkNames.has(name) && !(nameNoExt !== null && record.linkNames.has(nameNoExt))) continue;
			this.detach(record);
			this.resolveLinks(record);
			this.attach(record);
			this.version++;
		}
	}

	// --- reading ---

	get size(): number {
		return this.records.size;
	}

	get(path: string): Digest | null {
		return this.records.get(path)?.digest ?? null;
	}

	seriesOf(path: string): Series | null {
		return this.records.get(path)?.series ?? null;
	}

	/** Digests in order: by period start (those without one last), then by path. */
	digests(seriesName?: string): Digest[] {
		return this.sortedRecords()
			.filter((r) => seriesName === undefined || r.series.name === seriesName)
			.map((r) => r.digest);
	}

	/** Digests with their entries, in the order of `digests()`: the index's own list, shared until it changes. */
	digestsWithEntries(): readonly DigestEntries[] {
		return this.sortedRecords();
	}

	/** The digest of a series with the latest period end (drafts included: they are being written). */
	latest(seriesName: string): Digest | null {
		let best: Digest | null = null;
		for (const r of this.records.values()) {
			if (r.series.name !== seriesName) continue;
			if (!best || compareLatest(r.digest, best) > 0) best = r.digest;
		}
		return best;
	}

	entriesOf(path: string): IndexedEntry[] {
		return this.records.get(path)?.entries ?? [];
	}

	allEntries(): IndexedEntry[] {
		const out: IndexedEntry[] = [];
		for (const r of this.sortedRecords()) for (const e of r.entries) out.push(e);
		return out;
	}

	entryCount(): number {
		let n = 0;
		for (const r of this.records.values()) n += r.entries.length;
		return n;
	}

	query(q: EntryQuery = {}): IndexedEntry[] {
		const out: IndexedEntry[] = [];
		this.matchEach(q, (entries, positions, count) => {
			if (positions === null) for (const ie of entries) out.push(ie);
			else for (let i = 0; i < count; i++) out.push(entries[positions[i]!]!);
		});
		return out;
	}

	/**
	 * What `query` finds, digest by digest in the order of `digestsWithEntries()`: the digest's
	 * entry list, the ascending positions in it of the entries that pass (the first `count` of
	 * `positions`, a buffer reused from one call to the next) or null when all of them do, and the
	 * digest's place in that order. For callers that show entries in runs rather than one by one.
	 */
	matchEach(q: EntryQuery, each: (entries: readonly IndexedEntry[], positions: Int32Array | null, count: number, place: number) => void): void {
		const hits = q.text !== undefined && q.text.trim() !== "" ? this.textMatches(q.text) : null;
		const category = q.category?.toLowerCase();
		const source = q.source?.toLowerCase();
		const tag = q.tag?.toLowerCase().replace(/^#/, "");
		const where = q.where;
		const fits = (ie: IndexedEntry) => {
			const e = ie.entry;
			if (q.recommended !== undefined && e.recommended !== q.recommended) return false;
			// Lengths first: lower-casing every entry's strings for a filter cost more than the loop.
			if (category !== undefined && (ie.category.name.length !== category.length || ie.category.name.toLowerCase() !== category)) return false;
			if (source !== undefined && ((e.source ?? "").length !== source.length || (e.source ?? "").toLowerCase() !== source)) return false;
			if (tag !== undefined && !hasTag(e.tags, tag)) return false;
			if (where !== undefined && !where(ie)) return false;
			return true;
		};
		if (hits && hits.size === 0) return;
		const anyEntryFilter = q.recommended !== undefined || category !== undefined || source !== undefined || tag !== undefined || where !== undefined;
		const records = this.sortedRecords();
		let buffer = new Int32Array(64);
		for (let place = 0; place < records.length; place++) {
			const r = records[place]!;
			const d = r.digest;
			if (q.series !== undefined && r.series.name !== q.series) continue;
			if (q.digest !== undefined && d.path !== q.digest) continue;
			if (q.drafts === false && d.draft) continue;
			if (q.from || q.to) {
				if (!d.period) continue;
				if (q.from && compareDates(d.period.end, q.from) < 0) continue;
				if (q.to && compareDates(d.period.start, q.to) > 0) continue;
			}
			const entries = r.entries;
			if (entries.length === 0) continue;
			if (!hits && !anyEntryFilter) {
				each(entries, null, entries.length, place);
				continue;
			}
			if (buffer.length < entries.length) buffer = new Int32Array(entries.length * 2);
			let count: number;
			if (hits) {
				count = hits.indexesInto(d.path, buffer);
				if (anyEntryFilter) {
					let kept = 0;
					for (let i = 0; i < count; i++) if (fits(entries[buffer[i]!]!)) buffer[kept++] = buffer[i]!;
					count = kept;
				}
			} else {
				count = 0;
				for (let i = 0; i < entries.length; i++) if (fits(entries[i]!)) buffer[count++] = i;
			}
			if (count > 0) each(entries, buffer, count, place);
		}
	}

	/** Brings the word index up to date with the digests changed since the last text query, then asks it. */
	private textMatches(text: string) {
		for (const path of this.wordsStale) this.refreshWords(path);
		this.wordsStale.clear();
		return this.words.match(text);
	}

	private refreshWords(path: string): void {
		const record = this.records.get(path);
		if (record) this.words.set(path, record.entries.map(searchItem));
		else this.words.delete(path);
		this.wordsStale.delete(path);
	}

	private linkMaps(): void {
		if (!this.linkMapsReady) {
			this.linkMapsReady = true;
			for (const r of this.records.values()) this.attach(r);
		} else if (this.linkPending) {
			for (const path of this.linkPending) this.attach(this.records.get(path)!);
		}
		this.linkPending = null;
	}

	/**
	 * Makes what queries build on first use (link maps, the word index) a piece at a time, until
	 * `stop()` says the slice is over; returns true once nothing is left. The plugin calls it in
	 * idle slices after indexing, so the first search or duplicate check does not freeze the UI.
	 */
	warm(stop: () => boolean): boolean {
		if (!this.linkMapsReady) {
			this.linkMapsReady = true;
			this.linkPending = new Set(this.records.keys());
		}
		if (this.linkPending) {
			for (const path of this.linkPending) {
				if (stop()) return false;
				this.attach(this.records.get(path)!);
			}
			this.linkPending = null;
		}
		for (const path of this.wordsStale) {
			if (stop()) return false;
			this.refreshWords(path);
		}
		return true;
	}

	/** Entries sharing a link with another entry, grouped by normalised URL. */
	duplicates(): IndexedEntry[][] {
		this.linkMaps();
		const order = new Map(this.sortedRecords().map((r, i) => [r.digest.path, i]));
		const groups: IndexedEntry[][] = [];
		for (const key of this.duplicateKeys) {
			for (const group of this.splitBySeries(this.byUrl.get(key)!)) {
				group.sort((a, b) => order.get(a.digest.path)! - order.get(b.digest.path)! || a.entry.line - b.entry.line);
				groups.push(group);
			}
		}
		groups.sort((a, b) => order.get(a[0]!.digest.path)! - order.get(b[0]!.digest.path)! || a[0]!.entry.line - b[0]!.entry.line);
		return groups;
	}

	/**
	 * A duplicate group as the cross-series setting sees it: whole when it is on, or when no entry
	 * is in a collection; else the digests' entries together and each collection's apart, each
	 * kept where it holds two entries or more.
	 */
	private splitBySeries(all: readonly IndexedEntry[]): IndexedEntry[][] {
		if (this.crossSeries || !all.some((ie) => ie.series.collection === true)) return [[...all]];
		const parts = new Map<string, IndexedEntry[]>();
		for (const ie of all) {
			const k = ie.series.collection === true ? `c:${ie.series.name}` : "d";
			let part = parts.get(k);
			if (!part) parts.set(k, (part = []));
			part.push(ie);
		}
		return [...parts.values()].filter((p) => p.length > 1);
	}

	/**
	 * Entries with the same link as `url` that count as shared before for an entry added to a note
	 * of `series`: every one when cross-series duplicates are on; else a collection's own entries
	 * for a collection, and the dated series' entries for a digest.
	 */
	findUrlFor(url: string, series: Series): IndexedEntry[] {
		const all = this.findUrl(url);
		if (this.crossSeries) return all;
		return all.filter((ie) => (series.collection === true ? ie.series.name === series.name : ie.series.collection !== true));
	}

	/** Other entries with the same link as `url`. */
	findUrl(url: string): IndexedEntry[] {
		this.linkMaps();
		return [...(this.byUrl.get(normalizeUrl(url)) ?? [])];
	}

	/** Entries whose commentary links to the note at `path`. */
	mentions(path: string): IndexedEntry[] {
		this.linkMaps();
		const set = this.byTarget.get(path);
		if (!set) return [];
		const order = new Map(this.sortedRecords().map((r, i) => [r.digest.path, i]));
		return [...set].sort((a, b) => order.get(a.digest.path)! - order.get(b.digest.path)! || a.entry.line - b.entry.line);
	}

	/** Resolves a link the way the index does, for callers outside it. */
	resolveLink(target: string, sourcePath: string): string | null {
		return this.resolver.resolve(target, sourcePath);
	}

	hasFile(path: string): boolean {
		return this.resolver.has(path);
	}

	private sortedRecords(): DigestRecord[] {
		if (!this.sorted) {
			fillDatedPeriods(this.records.values());
			this.sorted = [...this.records.values()].sort((a, b) => digestOrder(a.digest, b.digest));
		}
		return this.sorted;
	}
}

/**
 * Digests dated by one metadata date (FORMAT.md, "Dates from metadata"): the date ends the period,
 * which starts the day after the series' previous digest ends; the first digest's is that one day.
 */
export function fillDatedPeriods(records: Iterable<{ digest: Digest; series: Series }>): void {
	const bySeries = new Map<string, Digest[]>();
	let any = false;
	for (const r of records) {
		if (!r.digest.period) continue;
		let list = bySeries.get(r.series.name);
		if (!list) bySeries.set(r.series.name, (list = []));
		list.push(r.digest);
		if (r.digest.datedByMetadata) any = true;
	}
	if (!any) return;
	for (const list of bySeries.values()) {
		list.sort((a, b) => compareDates(a.period!.end, b.period!.end) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
		for (let i = 0; i < list.length; i++) {
			const d = list[i]!;
			if (!d.datedByMetadata) continue;
			const end = d.period!.end;
			const prev = i > 0 ? list[i - 1]!.period!.end : null;
			const start = prev && compareDates(addDays(prev, 1), end) <= 0 ? addDays(prev, 1) : end;
			if (compareDates(start, d.period!.start) !== 0) d.period = { start, end };
		}
	}
}

/** What a text query looks through: title, source, commentary, tags and URL. */
function searchItem(ie: IndexedEntry): TextSearchItem<IndexedEntry> {
	const e = ie.entry;
	return { item: ie, text: `${e.title}\n${e.source ?? ""}\n${e.commentary}\n${e.tags.map((t) => `#${t}`).join(" ")}\n${e.url}` };
}

export function counts(entries: readonly IndexedEntry[]): Counts {
	const c: Counts = { categories: new Map(), sources: new Map(), tags: new Map() };
	const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
	for (const ie of entries) {
		bump(c.categories, ie.category.name);
		if (ie.entry.source) bump(c.sources, ie.entry.source);
		for (const t of ie.entry.tags) bump(c.tags, t);
	}
	return c;
}

/**
 * Fills `resolved` on every link of a digest's commentary, and calls `onTarget` with each link's
 * target. Entries of a group share one links array: it is resolved once.
 */
export function resolveDigestLinks(digest: Digest, resolver: LinkResolver, onTarget?: (target: string) => void): void {
	const seen = new Set<object>();
	for (const category of digest.categories) {
		for (const entry of category.entries) {
			if (seen.has(entry.links)) continue;
			seen.add(entry.links);
			for (const link of entry.links) {
				link.resolved = resolver.resolve(link.target, digest.path);
				onTarget?.(link.target);
			}
		}
	}
}

/** The order digests are listed in: by period start (those without one last), then by path. */
export function digestOrder(a: Pick<Digest, "period" | "path">, b: Pick<Digest, "period" | "path">): number {
	if (a.period && b.period) {
		const c = compareDates(a.period.start, b.period.start);
		if (c !== 0) return c;
	} else if (a.period || b.period) return a.period ? -1 : 1;
	return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function compareLatest(a: Digest, b: Digest): number {
	if (a.period && b.period) {
		const c = compareDates(a.period.end, b.period.end);
		if (c !== 0) return c;
	} else if (a.period || b.period) return a.period ? 1 : -1;
	return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Calls `fn` once for each distinct note an entry's commentary links to. */
function forEachTarget(entry: Entry, fn: (target: string) => void): void {
	const links = entry.links;
	for (let i = 0; i < links.length; i++) {
		const r = links[i]!.resolved;
		if (r === null) continue;
		let seen = false;
		for (let j = 0; j < i && !seen; j++) seen = links[j]!.resolved === r;
		if (!seen) fn(r);
	}
}

function lastSegmentKey(path: string): string {
	return path.slice(path.lastIndexOf("/") + 1).toLowerCase();
}

/** Adds a value under a key; returns how many values the key now has. */
function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): number {
	const list = map.get(key);
	if (!list) {
		map.set(key, [value]);
		return 1;
	}
	list.push(value);
	return list.length;
}

/** Removes a value from under a key; returns how many values the key still has. */
function removeFrom<K, V>(map: Map<K, V[]>, key: K, value: V): number {
	const list = map.get(key);
	if (!list) return 0;
	const at = list.indexOf(value);
	if (at >= 0) list.splice(at, 1);
	if (list.length === 0) map.delete(key);
	return list.length;
}
