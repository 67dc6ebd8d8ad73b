import { compareDates, isoDate } from "../format/dates";
import { formatEntryLine } from "../edit/entry-edits";
import type { DayDate, Digest, Entry } from "../format/types";
import { digestOrder } from "../index/digest-index";
import { fillTemplate, linkTarget } from "./series-index";

/**
 * A best-of recap: the recommended entries of the digests whose periods lie within a range (and
 * of a collection's notes, which have no period, whatever the range),
 * grouped by category (or by digest), each with its link and a link back to its digest, a line
 * each in a template the curator can change. Placeholders: `{{entry}}` (`[Source - Title](url)`),
 * `{{source}}`, `{{title}}`, `{{url}}`, `{{category}}`, `{{digest}}` (a wiki-link back to the
 * entry's category in its digest), `{{digestTitle}}`, `{{period}}` (its last day, YYYY-MM-DD).
 */

export const DEFAULT_RECAP_TEMPLATE = "- {{entry}} · from {{digest}}";

export interface RecapPick {
	/** Stable key of the pick: the digest's path and the entry's line. */
	key: string;
	digest: Digest;
	entry: Entry;
}

export interface RecapOptions {
	groupBy?: "category" | "digest";
	/** Keys of picks to leave out. */
	exclude?: ReadonlySet<string>;
	/** A label per key, written in place of the entry's category (or digest) heading. */
	relabel?: ReadonlyMap<string, string>;
	headingLevel?: number;
	/** A pick's line; empty: DEFAULT_RECAP_TEMPLATE. */
	template?: string;
}

export function recapKey(digest: Pick<Digest, "path">, entry: Pick<Entry, "line">): string {
	return `${digest.path}#L${entry.line}`;
}

/** Whether a note's picks go into a recap of [from, to]: a digest's period inside it, or a collection's note (it has none, FORMAT.md "Collections"). */
function within(d: Digest, from: DayDate, to: DayDate): boolean {
	if (d.collection === true) return true;
	return d.period !== null && compareDates(d.period.start, from) >= 0 && compareDates(d.period.end, to) <= 0;
}

/** Every recommended entry of the digests inside [from, to] and of the collection notes given, in period then document order. */
export function recapPicks(digests: readonly Digest[], from: DayDate, to: DayDate): RecapPick[] {
	const picks: RecapPick[] = [];
	for (const d of digests.filter((d) => !d.draft && within(d, from, to)).sort(digestOrder)) {
		for (const c of d.categories) for (const e of c.entries) if (e.recommended) picks.push({ key: recapKey(d, e), digest: d, entry: e });
	}
	return picks;
}

/** A ready-made range for a recap: a year or a quarter. */
export interface RecapRange {
	label: string;
	from: DayDate;
	to: DayDate;
}

const QUARTER_MONTHS = ["January to March", "April to June", "July to September", "October to December"];

function lastDay(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The years and quarters a recap may cover: each year in which a digest's period ends, newest
 * first, followed by its quarters that hold one. Drafts and undated digests count for nothing.
 */
export function recapRanges(digests: readonly Digest[]): RecapRange[] {
	const years = new Map<number, Set<number>>();
	for (const d of digests) {
		if (d.draft || !d.period) continue;
		const { year, month } = d.period.end;
		let quarters = years.get(year);
		if (!quarters) years.set(year, (quarters = new Set()));
		quarters.add(Math.floor((month - 1) / 3));
	}
	const out: RecapRange[] = [];
	for (const year of [...years.keys()].sort((a, b) => b - a)) {
		out.push({ label: `${year}`, from: { year, month: 1, day: 1 }, to: { year, month: 12, day: 31 } });
		for (const q of [...years.get(year)!].sort((a, b) => a - b)) {
			const first = q * 3 + 1;
			out.push({ label: `${year} Q${q + 1} (${QUARTER_MONTHS[q]})`, from: { year, month: first, day: 1 }, to: { year, month: first + 2, day: lastDay(year, first + 2) } });
		}
	}
	return out;
}

/** A category as a heading link's subpath: a nested category (`A › B`) as `A#B`, as Obsidian links nested headings. */
function headingPath(category: string): string {
	return category
		.split(" › ")
		.map((h) => h.replace(/[|[\]#^]/g, " ").trim())
		.filter((h) => h !== "")
		.join("#");
}

/** The recap's lines: a heading per group, a line per pick with a link back to where it was shared. */
export function recapLines(picks: readonly RecapPick[], options: RecapOptions = {}): string[] {
	const hashes = "#".repeat(Math.min(6, Math.max(1, options.headingLevel ?? 2)));
	const groups = new Map<string, RecapPick[]>();
	for (const p of picks) {
		if (options.exclude?.has(p.key)) continue;
		const label = options.relabel?.get(p.key)?.trim() || (options.groupBy === "digest" ? p.digest.title : p.entry.category);
		const list = groups.get(label);
		if (list) list.push(p);
		else groups.set(label, [p]);
	}
	const template = options.template?.trim() || DEFAULT_RECAP_TEMPLATE;
	const lines: string[] = [];
	for (const [label, list] of groups) {
		if (lines.length > 0) lines.push("");
		lines.push(`${hashes} ${label}`, "");
		for (const p of list) {
			const back = `[[${linkTarget(p.digest.path)}#${headingPath(p.entry.category)}|${p.digest.title.replace(/[|[\]]/g, " ").trim()}]]`;
			const end = p.digest.period?.end;
			// A value on one line: a template's line never becomes two.
			const one = (v: string | null | undefined) => (v ?? "").replace(/\s+/g, " ").trim();
			lines.push(
				fillTemplate(template, {
					entry: formatEntryLine({ ...p.entry, number: null, tags: [], recommended: false }),
					source: one(p.entry.source),
					title: one(p.entry.title),
					url: one(p.entry.url),
					category: one(p.entry.category),
					digest: back,
					digestTitle: one(p.digest.title),
					period: end ? isoDate(end) : "",
				}),
			);
		}
	}
	return lines;
}
