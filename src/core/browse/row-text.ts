/**
 * The words of a row: what it shows on its two lines, what a screen reader announces as its name
 * and description, and its tooltip. Pure, so that the view only puts them in place.
 */

import { dateFormat } from "../format/dates";
import type { Digest, Problem } from "../format/types";
import type { IndexedEntry } from "../index/digest-index";
import type { BrowserGroupBy, BrowserMode } from "./browser-state";

/** What a row's second line leaves out because the grouping says it in the header already. */
export type RowContext = { mode: BrowserMode; groupBy: BrowserGroupBy };

/** Periods as shown, by digest (a digest object is replaced, never changed, when its note changes). */
const periods = new WeakMap<Digest, { format: string; text: string }>();

/** The part of a digest's title that names its period ("18-08-2025 to 05-10-2025"), else its title. */
export function periodText(digest: Digest, format: string): string {
	const known = periods.get(digest);
	if (known?.format === format) return known.text;
	const text = computePeriodText(digest, format);
	periods.set(digest, { format, text });
	return text;
}

function computePeriodText(digest: Digest, format: string): string {
	if (digest.period) {
		const spans = dateFormat(format).findSpans(digest.title);
		if (spans.length >= 2) return digest.title.slice(spans[0]!.index, spans[1]!.index + spans[1]!.length);
		const f = dateFormat(format);
		return `${f.format(digest.period.start)} to ${f.format(digest.period.end)}`;
	}
	return digest.title;
}

/** An entry row's second line: source · category · digest period, without what its group header says. */
export function entryMetaParts(ie: IndexedEntry, context: RowContext): { source: string; category: string; period: string } {
	const grouped = context.mode === "all" || context.mode === "mentions" ? context.groupBy : "none";
	return {
		source: grouped === "source" ? "" : (ie.entry.source ?? ""),
		category: grouped === "category" ? "" : ie.category.name,
		period: grouped === "digest" ? "" : periodText(ie.digest, ie.series.dateFormat),
	};
}

/** An entry row's accessible name: its number, title and source. */
export function entryName(ie: IndexedEntry): string {
	const e = ie.entry;
	const head = e.number !== null ? `${e.number}. ${e.title}` : e.title;
	return e.source ? `${head}, ${e.source}` : head;
}

/** An entry row's description: recommended or not, its category, digest and tags. */
export function entryDescription(ie: IndexedEntry): string {
	const e = ie.entry;
	const parts: string[] = [];
	if (e.recommended) parts.push("Recommended");
	parts.push(`${ie.category.name} in ${ie.digest.title}`);
	if (e.tags.length > 0) parts.push(e.tags.map((t) => `#${t}`).join(" "));
	return parts.join(". ");
}

/** An entry row's tooltip: the full title (with its source) and the URL. */
export function entryTooltip(ie: IndexedEntry): string {
	const e = ie.entry;
	return `${e.source ? `${e.source} - ${e.title}` : e.title}\n${e.url}`;
}

/** A group header's accessible name: its label and how many rows it holds. */
export function groupName(label: string, count: number, mode: BrowserMode): string {
	const what = mode === "problems" ? (count === 1 ? "problem" : "problems") : count === 1 ? "entry" : "entries";
	return `${label}, ${count.toLocaleString()} ${what}`;
}

/** A problem row's accessible name and description. */
export function problemName(p: Problem): { name: string; description: string } {
	const severity = p.severity === "error" ? "Error" : p.severity === "warning" ? "Warning" : "Note";
	return { name: p.message, description: `${severity}, ${p.code}, line ${p.line}` };
}

/**
 * A group label split so that its end stays visible when the header is narrow: the head may be
 * shortened, the tail (a trailing run of dates, "29-09-2025 to 12-10-2025") never is. No tail when
 * the label does not end with a number.
 */
export function splitLabel(label: string): { head: string; tail: string } {
	const m = /\d[\d\p{P}\s]*(?:\s\p{L}{1,4}\s[\d\p{P}\s]*)?\d$/u.exec(label);
	// A number alone at the end (a count, a version) is short: only a label longer than its tail is split.
	if (!m || m.index === 0 || m[0].length < 6) return { head: label, tail: "" };
	return { head: label.slice(0, m.index), tail: m[0] };
}
