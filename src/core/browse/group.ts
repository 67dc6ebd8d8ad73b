/** Grouping: the buckets a selection's entries fall in under each grouping, and the rows of a bucket. */

import type { DigestIndex } from "../index/digest-index";
import type { BrowserCache } from "./browser-cache";
import type { BrowserGroupBy } from "./browser-state";
import type { DisplayOrder } from "./display-order";
import { collator, NO_SOURCE_LABEL, NO_TAG_LABEL, type BrowserEntryRow } from "./rows";
import { Runs } from "./runs";
import type { Highlighter } from "./search-match";
import type { Selection } from "./select";

/** A group of the list: its header's key and label, and its entries as runs of display positions. */
export interface Bucket {
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

export function bucketRuns(b: Bucket): Runs {
	if (b.runs === null) {
		b.runs = b.collect ? b.collect() : new Runs();
		b.collect = null;
		b.mayHold = null;
	}
	return b.runs;
}

/** The row at position `k` of a bucket (0 for its first entry). */
export function bucketRow(order: DisplayOrder, bucket: Bucket, k: number, highlight: Highlighter | null): BrowserEntryRow {
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

/** The selection's entries in buckets of a grouping, in display order. */
export function group(index: DigestIndex, sel: Selection, groupBy: BrowserGroupBy | "duplicates", cache: BrowserCache): Bucket[] {
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
		case "section": {
			// A list's `A › B` under A; a category without a path under itself. Names differing only in case share one.
			for (let r = 0; r < runs.length; r++) {
				const to = tos[r]!;
				for (let p = froms[r]!; p < to; ) {
					const category = order.entry(p).category;
					let end = p + 1;
					while (end < to && order.entry(end).category === category) end++;
					let b = byRaw.get(category);
					if (!b) {
						const section = topSection(category.name);
						b = find(category, `section:${section.toLowerCase()}`, section);
					}
					add(b, p, end);
					p = end;
				}
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

/** The top-level section of a category: its name up to the first ` › `. */
export function topSection(name: string): string {
	const at = name.indexOf(" › ");
	return at < 0 ? name : name.slice(0, at);
}

/** Appends positions `from`..`to` to a bucket. */
function add(b: Bucket, from: number, to: number, prefixed = false): void {
	bucketRuns(b).push(from, to, prefixed);
	b.count += to - from;
}
