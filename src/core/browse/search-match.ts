/** The search box: matchers (Obsidian's or `plainSearch`), the text an entry is searched by, and title ranges to highlight. */

import type { IndexedEntry } from "../index/digest-index";
import type { EntryMarks } from "./search-filter";

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

export function searchWords(query: string): string[] {
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

export const NO_MATCHES: readonly TextRange[] = Object.freeze([]);

/** What to highlight in an entry's row. */
export type Highlighter = (ie: IndexedEntry) => EntryMarks;
