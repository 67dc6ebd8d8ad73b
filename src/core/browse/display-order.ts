import type { Digest } from "../format/types";
import { compareDates } from "../format/dates";
import type { DigestIndex, IndexedEntry } from "../index/digest-index";
import { lastAtOrBelow } from "./ascending";
import type { BrowserCache } from "./browser-cache";
import { BrowserEntryRow } from "./rows";

/**
 * Every entry of one index revision numbered in display order: newest digest first (digests
 * starting the same day by path, undated ones last), document order within. A position is an
 * entry; a digest holds the positions from its base to the next digest's.
 */
export class DisplayOrder {
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

export interface DigestInfo {
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
