import { compareDates } from "../format/dates";
import type { DayDate, Digest, Period } from "../format/types";

/** What the curator should know before a new digest is created for `period`. */
export interface NewDigestReview {
	/** Days the new period covers, both ends included. */
	days: number;
	/** The series' usual period length in days (median of its dated digests), null with none. */
	usualDays: number | null;
	/** The latest digest of the series by period end, if any. */
	previous: Pick<Digest, "path" | "title" | "draft"> | null;
	/** Plain sentences, each a reason to look twice; empty when all is as usual. */
	warnings: string[];
}

/** How much longer than usual a period may be before the review says so. */
const LONG_FACTOR = 1.5;

function dayNumber(d: DayDate): number {
	return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

/** Days from `start` to `end`, both included. */
export function periodDays(period: Period): number {
	return dayNumber(period.end) - dayNumber(period.start) + 1;
}

function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Reviews a proposed period against the series' digests: much longer than usual, or the previous one still a draft. */
export function reviewNewDigest(digests: readonly Digest[], period: Period): NewDigestReview {
	const dated = digests.filter((d): d is Digest & { period: Period } => d.period !== null);
	// The last dozen periods say what "usual" is now; a series' rhythm drifts over the years.
	const recent = [...dated].sort((a, b) => compareDates(a.period.end, b.period.end)).slice(-12);
	const usualDays = median(recent.map((d) => periodDays(d.period)));
	const latest = recent[recent.length - 1] ?? null;
	const days = periodDays(period);
	const warnings: string[] = [];
	if (usualDays !== null && days > usualDays * LONG_FACTOR && days - usualDays >= 3) {
		warnings.push(`This period covers ${plural(days, "day")}; the series' digests usually cover ${plural(usualDays, "day")}.`);
	}
	if (latest?.draft) warnings.push(`The previous digest, ${latest.title}, is still a draft.`);
	return { days, usualDays, previous: latest ? { path: latest.path, title: latest.title, draft: latest.draft } : null, warnings };
}
