import { checkIndex } from "../check/check";
import type { Category, Problem } from "../format/types";
import type { DigestIndex, EntryQuery, IndexedEntry } from "../index/digest-index";
import { computeOptions, type BrowserOptions } from "./browser-options";
import { DisplayOrder, type DigestInfo } from "./display-order";
import type { BrowserEntryRow } from "./rows";
import { Runs } from "./runs";
import type { Selection } from "./select";

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

export interface CategorySlot {
	key: string;
	id: number;
}
