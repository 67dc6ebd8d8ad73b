import { compareDates } from "../format/dates";
import type { DayDate, Digest, Period } from "../format/types";
import { digestOrder } from "../index/digest-index";
import { hostOf } from "../links/url-host";
import { count } from "../format/words";

/**
 * What a series has become over time: per digest, month, quarter or year, how many entries and
 * recommended ones, how many categories, sources and tags, how much commentary, how long the
 * periods were and the gaps between them; the top sources and categories; the hosts behind each
 * source label. Pure, over parsed digests, so the browser's Stats mode and `stats` print the same.
 */

export type StatsBucket = "digest" | "month" | "quarter" | "year";

export interface StatsRow {
	/** `2025-08-18 to 2025-10-05` (digest), `2025-08`, `2025-Q3`, `2025`. */
	key: string;
	/** Digest paths in the row. */
	digests: string[];
	entries: number;
	recommended: number;
	categories: number;
	sources: number;
	tags: number;
	/** Characters of commentary, counted once per group. */
	commentaryChars: number;
	/** Days the row's periods cover, both ends included. */
	periodDays: number;
	/** Days no period covered between the previous row's last period and this row's first (0: none). */
	gapDays: number;
}

export interface Ranked {
	name: string;
	count: number;
}

export interface SeriesStats {
	by: StatsBucket;
	rows: StatsRow[];
	totals: { digests: number; entries: number; recommended: number };
	topSources: Ranked[];
	topCategories: Ranked[];
	/** Hosts behind each source label, most entries first: a label covering unrelated hosts shows. */
	sourceHosts: { source: string; hosts: Ranked[] }[];
	/** Median period length in days over the last dozen digests; null with none dated. */
	usualDays: number | null;
	/** The latest period's end, null with none dated. */
	lastEnd: DayDate | null;
}

function dayNumber(d: DayDate): number {
	return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

function days(p: Period): number {
	return dayNumber(p.end) - dayNumber(p.start) + 1;
}

function iso(d: DayDate): string {
	return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

function bucketKey(p: Period, by: StatsBucket): string {
	const d = p.end;
	if (by === "digest") return `${iso(p.start)} to ${iso(p.end)}`;
	if (by === "month") return `${d.year}-${String(d.month).padStart(2, "0")}`;
	if (by === "quarter") return `${d.year}-Q${Math.floor((d.month - 1) / 3) + 1}`;
	return String(d.year);
}

function ranked(map: Map<string, number>, limit: number): Ranked[] {
	return [...map].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, limit);
}

function bump(map: Map<string, number>, key: string, by = 1): void {
	map.set(key, (map.get(key) ?? 0) + by);
}

/** The statistics of one series' digests (drafts included; undated digests count in the totals only). */
export function seriesStats(digests: readonly Digest[], by: StatsBucket = "digest", top = 10): SeriesStats {
	const dated = digests.filter((d): d is Digest & { period: Period } => d.period !== null).sort(digestOrder);
	const rows: StatsRow[] = [];
	const sources = new Map<string, number>();
	const categories = new Map<string, number>();
	const hosts = new Map<string, Map<string, number>>();
	let entriesTotal = 0;
	let recommendedTotal = 0;
	let previousEnd: DayDate | null = null;
	for (const d of digests) {
		for (const c of d.categories) {
			for (const e of c.entries) {
				entriesTotal++;
				if (e.recommended) recommendedTotal++;
				bump(categories, c.name);
				if (e.source) {
					bump(sources, e.source);
					const host = hostOf(e.url);
					if (host) {
						let m = hosts.get(e.source);
						if (!m) hosts.set(e.source, (m = new Map<string, number>()));
						bump(m, host);
					}
				}
			}
		}
	}
	let row: StatsRow | null = null;
	let rowSets: { categories: Set<string>; sources: Set<string>; tags: Set<string> } | null = null;
	for (const d of dated) {
		const key = bucketKey(d.period, by);
		if (!row || row.key !== key) {
			const gap: number = previousEnd ? Math.max(0, dayNumber(d.period.start) - dayNumber(previousEnd) - 1) : 0;
			row = { key, digests: [], entries: 0, recommended: 0, categories: 0, sources: 0, tags: 0, commentaryChars: 0, periodDays: 0, gapDays: gap };
			rowSets = { categories: new Set(), sources: new Set(), tags: new Set() };
			rows.push(row);
		} else if (previousEnd && compareDates(d.period.start, previousEnd) > 0) {
			row.gapDays += Math.max(0, dayNumber(d.period.start) - dayNumber(previousEnd) - 1);
		}
		row.digests.push(d.path);
		row.periodDays += days(d.period);
		for (const c of d.categories) {
			if (c.entries.length > 0) rowSets!.categories.add(c.name);
			for (const e of c.entries) {
				row.entries++;
				if (e.recommended) row.recommended++;
				if (e.source) rowSets!.sources.add(e.source.toLowerCase());
				for (const t of e.tags) rowSets!.tags.add(t.toLowerCase());
			}
			for (const g of c.groups) {
				const last = c.entries[g.entries[g.entries.length - 1]!];
				if (last) row.commentaryChars += last.commentary.length;
			}
		}
		row.categories = rowSets!.categories.size;
		row.sources = rowSets!.sources.size;
		row.tags = rowSets!.tags.size;
		if (!previousEnd || compareDates(d.period.end, previousEnd) > 0) previousEnd = d.period.end;
	}
	const recent = dated.slice(-12).map((d) => days(d.period)).sort((a, b) => a - b);
	const mid = recent.length >> 1;
	const usualDays = recent.length === 0 ? null : recent.length % 2 ? recent[mid]! : Math.round((recent[mid - 1]! + recent[mid]!) / 2);
	return {
		by,
		rows,
		totals: { digests: digests.length, entries: entriesTotal, recommended: recommendedTotal },
		topSources: ranked(sources, top),
		topCategories: ranked(categories, top),
		sourceHosts: ranked(sources, top).map(({ name }) => ({ source: name, hosts: ranked(hosts.get(name) ?? new Map<string, number>(), top) })),
		usualDays,
		lastEnd: previousEnd,
	};
}

/** A sentence when the series has stalled: its last digest ended more than twice its usual period ago. */
export function stalledHint(stats: Pick<SeriesStats, "usualDays" | "lastEnd">, today: DayDate): string | null {
	if (stats.usualDays === null || stats.lastEnd === null) return null;
	const since = dayNumber(today) - dayNumber(stats.lastEnd);
	if (since <= stats.usualDays * 2) return null;
	return `The last digest ended ${count(since, "day")} ago; digests usually cover ${count(stats.usualDays, "day")}.`;
}

export interface CategoriesOverTime {
	/** The top categories by entries, most first (names as the newest digest writes them). */
	categories: string[];
	/** Per row of `seriesStats` (same keys, same order): entries per category, in `categories` order. */
	rows: { key: string; counts: number[] }[];
}

/** Entries per category over time, for the top categories: what the plots draw as small multiples. */
export function categoriesOverTime(digests: readonly Digest[], by: StatsBucket = "digest", top = 6): CategoriesOverTime {
	const dated = digests.filter((d): d is Digest & { period: Period } => d.period !== null).sort(digestOrder);
	const totals = new Map<string, number>();
	const names = new Map<string, string>();
	for (const d of dated) {
		for (const c of d.categories) {
			const key = c.name.toLowerCase();
			names.set(key, c.name);
			bump(totals, key, c.entries.length);
		}
	}
	const chosen = ranked(totals, top).filter((r) => r.count > 0).map((r) => r.name);
	const rows: { key: string; counts: number[] }[] = [];
	for (const d of dated) {
		const key = bucketKey(d.period, by);
		let row = rows[rows.length - 1];
		if (!row || row.key !== key) rows.push((row = { key, counts: chosen.map(() => 0) }));
		for (const c of d.categories) {
			const at = chosen.indexOf(c.name.toLowerCase());
			if (at >= 0) row.counts[at]! += c.entries.length;
		}
	}
	return { categories: chosen.map((k) => names.get(k)!), rows };
}
