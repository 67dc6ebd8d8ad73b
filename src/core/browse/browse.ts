/**
 * What the digest browser shows, as pure data: filters, grouping and flattening into the rows of
 * a virtualised list. The plugin hands in Obsidian's search; tests and the CLI a plain one.
 *
 * This folder (src/core/browse/) owns the browser's view model: its state (browser-state), the
 * search (search-query parses it, search-filter turns it into the index's query and the marks
 * of a row, search-match holds the matchers), the entries that pass (select), their groups (group), the rows
 * (rows, row-layout), what is kept between calls (browser-cache, display-order, runs) and the
 * filter dropdowns (browser-options). `browse` here is where a view starts.
 *
 * It may import from the core's format, links, index and check folders, and nothing else. It never
 * imports `obsidian`, Node built-ins, or the plugin's or the CLI's code (src/plugin/, src/cli/): the
 * view hands in what it needs from Obsidian (a search, the open note), so that all of it runs in
 * tests, in the CLI and on mobile.
 */

import type { SavedLinkHealth } from "../format/saved-settings";
import type { Problem } from "../format/types";
import type { DigestIndex } from "../index/digest-index";
import { BrowserCache } from "./browser-cache";
import type { BrowserState } from "./browser-state";
import type { DisplayOrder } from "./display-order";
import { bucketRow, bucketRuns, group, type Bucket } from "./group";
import { BrowserRows } from "./row-layout";
import type { ProblemRow } from "./rows";
import { select, selectionSignature } from "./select";
import type { PrepareSearch } from "./search-match";

export interface BrowseResult {
	rows: BrowserRows;
	/** Entries (problems in problems mode) that pass the filters, each counted once. */
	matched: number;
	/** Group headers in the rows, collapsed or not. */
	groups: number;
	/** What the search could not use (a date that is no date), to show under the search box; "" when all of it filters. */
	searchMessage: string;
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
	/** What the last link check found for a URL (saved results, no request): for `deadLinksOnly`. */
	linkStatus?: (url: string) => SavedLinkHealth | null | undefined;
	/** Problems from beyond the check (the link check's), merged into problems mode. */
	extraProblems?: readonly Problem[];
	/** Changes whenever the link check's results do, so that selections made before are not reused. */
	linkRevision?: number;
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
		return { rows: out, matched: sel.problems.length, groups: paths.length, searchMessage: sel.messages.join(" ") };
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
	return { rows: out, matched, groups: headers ? buckets.length : 0, searchMessage: sel.messages.join(" ") };
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
