import type { DigestIndex, IndexedEntry } from "../index/digest-index";
import { hostOf } from "../links/url-host";

/** A suggested value with how often the curator chose it for the same host, of how many links. */
export interface Suggestion {
	value: string;
	count: number;
	of: number;
}

export interface CaptureSuggestions {
	/** The host the suggestions are for, without `www.`; null for a URL with none. */
	host: string | null;
	category: Suggestion | null;
	source: Suggestion | null;
}

/** The most frequent value; ties go to the one chosen most recently (the latest position). */
function mostFrequent(values: Map<string, { count: number; last: number; label: string }>, of: number): Suggestion | null {
	let best: { count: number; last: number; label: string } | null = null;
	for (const v of values.values()) if (!best || v.count > best.count || (v.count === best.count && v.last > best.last)) best = v;
	return best ? { value: best.label, count: best.count, of } : null;
}

function tally(map: Map<string, { count: number; last: number; label: string }>, label: string, at: number): void {
	const key = label.toLowerCase();
	const seen = map.get(key);
	if (seen) {
		seen.count++;
		if (at >= seen.last) {
			seen.last = at;
			seen.label = label;
		}
	} else map.set(key, { count: 1, last: at, label });
}

/**
 * What this curator usually does with links from a URL's host: the category they most often file
 * it under and the source label they usually write for it ("Medium" for medium.com). With a
 * `source` given and no link from the host yet, the category comes from entries of that source.
 */
export function suggestForCapture(index: DigestIndex, url: string, source?: string | null): CaptureSuggestions {
	const host = hostOf(url);
	const entries = index.allEntries();
	const categories = new Map<string, { count: number; last: number; label: string }>();
	const sources = new Map<string, { count: number; last: number; label: string }>();
	let matched = 0;
	const bySource: IndexedEntry[] = [];
	const wantedSource = source?.trim().toLowerCase() || null;
	for (let i = 0; i < entries.length; i++) {
		const ie = entries[i]!;
		if (host !== null && hostOf(ie.entry.url) === host) {
			matched++;
			tally(categories, ie.category.name, i);
			if (ie.entry.source) tally(sources, ie.entry.source, i);
		} else if (wantedSource !== null && ie.entry.source?.toLowerCase() === wantedSource) {
			bySource.push(ie);
		}
	}
	if (matched === 0 && bySource.length > 0) {
		bySource.forEach((ie, i) => tally(categories, ie.category.name, i));
		return { host, category: mostFrequent(categories, bySource.length), source: null };
	}
	return { host, category: mostFrequent(categories, matched), source: mostFrequent(sources, matched) };
}

/** A collection note and heading to keep a link under, with how often the curator filed links from its host there. */
export interface CollectionTarget {
	path: string;
	category: string;
	count: number;
	/** Of how many of the host's links kept in collections. */
	of: number;
}

/**
 * The collection notes a link could go into, best first: the notes and headings where this
 * curator kept links from the same host (most often, then most recently), then every other
 * collection note with its last category. Digests of dated series are never offered.
 */
export function suggestCollectionTargets(index: DigestIndex, url: string): CollectionTarget[] {
	const host = hostOf(url);
	const tallies = new Map<string, { path: string; category: string; count: number; last: number }>();
	let matched = 0;
	const entries = index.allEntries();
	for (let i = 0; i < entries.length; i++) {
		const ie = entries[i]!;
		if (ie.series.collection !== true || host === null || hostOf(ie.entry.url) !== host) continue;
		matched++;
		const key = `${ie.digest.path}\n${ie.category.name}`;
		const t = tallies.get(key);
		if (t) {
			t.count++;
			t.last = i;
		} else tallies.set(key, { path: ie.digest.path, category: ie.category.name, count: 1, last: i });
	}
	const ranked = [...tallies.values()].sort((a, b) => b.count - a.count || b.last - a.last);
	const out: CollectionTarget[] = ranked.map((t) => ({ path: t.path, category: t.category, count: t.count, of: matched }));
	const offered = new Set(out.map((t) => t.path));
	for (const d of index.digests()) {
		if (offered.has(d.path) || index.seriesOf(d.path)?.collection !== true) continue;
		offered.add(d.path);
		const last = d.categories[d.categories.length - 1];
		out.push({ path: d.path, category: last?.name ?? "", count: 0, of: matched });
	}
	return out;
}
