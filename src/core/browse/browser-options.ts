/** The values the filter dropdowns offer, each with the number of entries it keeps. */

import type { DigestIndex } from "../index/digest-index";
import type { BrowserCache } from "./browser-cache";
import { collator } from "./rows";

export interface BrowserOption {
	/** What the filter is set to. */
	value: string;
	/** Entries the filter keeps. */
	count: number;
	/** Series options only: the series is a collection (undated), so a view can tell it from the digests. */
	collection?: true;
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
	// Without a cache the options are computed as a new cache would, and not kept.
	return cache ? cache.options(index, series) : computeOptions(index, series);
}

export function computeOptions(index: DigestIndex, series: string | undefined): BrowserOptions {
	const seriesCounts = new Map<string, number>();
	const collections = new Set<string>();
	for (const s of index.seriesList) {
		seriesCounts.set(s.name, 0);
		if (s.collection === true) collections.add(s.name);
	}
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
		series: [...seriesCounts].map(([value, count]): BrowserOption => (collections.has(value) ? { value, count, collection: true } : { value, count })),
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
