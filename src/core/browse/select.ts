/** Selecting: the entries (or problems) that pass a state's mode, filters and search, before grouping. */

import { sortProblems } from "../check/check";
import { compareDates } from "../format/dates";
import type { Problem } from "../format/types";
import type { DigestIndex, IndexedEntry } from "../index/digest-index";
import type { BrowseOptions } from "./browse";
import type { BrowserCache } from "./browser-cache";
import { browserQuery, validDate, type BrowserGroupBy, type BrowserState } from "./browser-state";
import type { Bucket } from "./group";
import { Runs } from "./runs";
import { entryMarks, NO_MARKS, planSearch, type EntryMarks } from "./search-filter";
import { entrySearchText, plainSearch, rangesWithin, type Highlighter, type TextRange } from "./search-match";
import { parseSearch } from "./search-query";

/** The entries (or problems) that pass a state's mode and filters, in display order. */
export interface Selection {
	signature: string;
	/** all and mentions modes: the entries, as runs of display positions (see `DisplayOrder`). */
	runs: Runs;
	/** duplicates mode: groups of occurrences. */
	duplicates: IndexedEntry[][];
	/** problems mode. */
	problems: Problem[];
	/** What to highlight in the rows, or null without a search. */
	highlight: Highlighter | null;
	/** Buckets by grouping, made when first asked for. */
	groupings: Map<BrowserGroupBy | "duplicates", Bucket[]>;
	/** What the search could not use, one sentence each (see `parseSearch`). */
	messages: readonly string[];
}

/** What a selection depends on, as a string: states of one signature select the same entries. */
export function selectionSignature(state: BrowserState, options: BrowseOptions, wordSearch: boolean): string {
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
		state.deadLinksOnly === true,
		options.linkRevision ?? null,
		state.mode === "problems" ? (options.extraProblems ?? []).length : null,
	]);
}

/** The entries (or problems) that pass a state's mode and filters; a view's cache keeps the last few. */
export function select(index: DigestIndex, state: BrowserState, options: BrowseOptions, wordSearch: boolean, cache: BrowserCache, signature: string): Selection {
	const parsed = parseSearch(state.search.trim(), dateFormatsOf(index, state.series));
	const q = browserQuery(state);
	// The operators join the menus' filters in the same query: both must hold.
	const plan = planSearch(parsed, q);
	const query = plan.text;
	const prepare = options.prepareSearch ?? plainSearch;
	const matcher = query === "" ? null : prepare(query);
	if (wordSearch && query !== "") q.text = query;

	const sel: Selection = { signature, runs: new Runs(), duplicates: [], problems: [], highlight: null, groupings: new Map(), messages: parsed.messages };
	const spec = plan.marks;
	/** Title ranges of a matcher that is no word search, by entry. */
	const fuzzyTitles = new Map<IndexedEntry, readonly TextRange[]>();
	const fuzzy = matcher !== null && !wordSearch;
	if (spec || fuzzy) {
		const marks = new Map<IndexedEntry, EntryMarks>();
		sel.highlight = (ie) => {
			let m = marks.get(ie);
			if (m === undefined) {
				m = spec ? entryMarks(ie, spec) : NO_MARKS;
				// A fuzzy matcher says itself where it matched the title.
				if (fuzzy) m = { ...m, title: fuzzyTitles.get(ie) ?? [] };
				marks.set(ie, m);
			}
			return m;
		};
	}
	/** Whether a matcher that is no word search accepts the entry (keeping its title ranges). */
	const matches = (ie: IndexedEntry): boolean => {
		if (!fuzzy) return true;
		const hit = matcher(entrySearchText(ie));
		if (!hit) return false;
		const r = rangesWithin(hit.matches, ie.entry.title.length);
		if (r.length > 0) fuzzyTitles.set(ie, r);
		return true;
	};
	const needsQuery = Object.keys(q).length > 0;
	const status = options.linkStatus;
	/** Whether an entry passes the dead-links filter (every entry does without it). */
	const linkPasses = (ie: IndexedEntry): boolean => {
		if (state.deadLinksOnly !== true) return true;
		const h = status?.(ie.entry.url);
		return h?.status === "not-found" || h?.status === "gone";
	};
	const dead = state.deadLinksOnly === true;

	switch (state.mode) {
		case "all": {
			if (!needsQuery && !matcher && !dead) {
				sel.runs = Runs.of(0, cache.order(index).size);
				break;
			}
			// The index's word search finds the entries by position; a fuzzy matcher looks at each one.
			if (dead) sel.runs = cache.runsOf(index, index.query(q).filter((ie) => linkPasses(ie) && matches(ie)));
			else sel.runs = !matcher || wordSearch ? cache.queryRuns(index, q) : cache.runsOf(index, index.query(q).filter(matches));
			break;
		}
		case "mentions": {
			const path = options.activeNotePath;
			let found = path ? index.mentions(path) : [];
			if (found.length > 0 && needsQuery) {
				const passing = new Set(index.query(q));
				found = found.filter((ie) => passing.has(ie));
			}
			sel.runs = cache.runsOf(index, found.filter((ie) => linkPasses(ie) && matches(ie)));
			break;
		}
		case "duplicates": {
			const passing = needsQuery ? new Set(index.query(q)) : null;
			const order = cache.order(index);
			const groups: { group: IndexedEntry[]; first: number }[] = [];
			for (const group of index.duplicates()) {
				// A link is listed with all its occurrences when any of them passes.
				let shown = false;
				for (const ie of group) if ((!passing || passing.has(ie)) && linkPasses(ie) && matches(ie)) shown = true;
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
			const extra = options.extraProblems ?? [];
			for (const p of extra.length === 0 ? cache.problems(index) : sortProblems([...cache.problems(index), ...extra])) {
				let ok = passes.get(p.path);
				if (ok === undefined) passes.set(p.path, (ok = digestPasses(index, state, p.path)));
				if (ok && (!matcher || matcher(`${p.message}\n${p.code}\n${p.path}`))) sel.problems.push(p);
			}
			break;
		}
	}
	return sel;
}

/** The date formats a search's dates are read in: the chosen series' first, then every other series'. */
function dateFormatsOf(index: DigestIndex, series: string | undefined): string[] {
	const list = index.seriesList;
	const formats = list.filter((s) => s.name === series).map((s) => s.dateFormat);
	for (const s of list) if (!formats.includes(s.dateFormat)) formats.push(s.dateFormat);
	return formats;
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
