/** What the browser is asked to show: the mode, the search, the filters and the grouping, as saved with the view. */

import { parseIsoDate } from "../format/dates";
import type { EntryQuery } from "../index/digest-index";

export type BrowserMode = "all" | "mentions" | "duplicates" | "problems" | "inbox" | "stats";
/** `section`: a category's top-level heading, the part of a list-style category path before ` › ` (FORMAT.md, "Categories (list style)"). */
export type BrowserGroupBy = "category" | "section" | "digest" | "source" | "tag" | "none";

export const BROWSER_MODES: readonly BrowserMode[] = ["all", "mentions", "duplicates", "problems", "inbox", "stats"];
export const BROWSER_GROUP_BYS: readonly BrowserGroupBy[] = ["category", "section", "digest", "source", "tag", "none"];

export interface BrowserState {
	mode: BrowserMode;
	search: string;
	series?: string;
	category?: string;
	source?: string;
	tag?: string;
	recommendedOnly: boolean;
	/** Only entries whose link the last link check found dead (404 or 410). */
	deadLinksOnly?: boolean;
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
	if (s.deadLinksOnly === true) out.deadLinksOnly = true;
	else if (s.deadLinksOnly === false || s.deadLinksOnly === null) delete out.deadLinksOnly;
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

/** Whether a filter other than the search is set. */
export function hasStructuredFilters(state: BrowserState): boolean {
	return state.series !== undefined || state.category !== undefined || state.source !== undefined || state.tag !== undefined || state.recommendedOnly || state.deadLinksOnly === true || validDate(state.from) !== undefined || validDate(state.to) !== undefined;
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

/** A saved YYYY-MM-DD date, or undefined when there is none or it is no date. */
export function validDate(text: string | undefined) {
	return text ? parseIsoDate(text) ?? undefined : undefined;
}
