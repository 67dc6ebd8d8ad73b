import { isoDate } from "../format/dates";
import type { Digest, Entry } from "../format/types";

/**
 * The edit guard. Every edit re-parses its result and compares it with the parse before, through
 * the edit's intent: what the edit means to change, applied to a model of the note before it.
 * Whatever else reads back differently (an entry hidden by a comment the edit opened, a title that
 * reads back as a source, commentary that now belongs to an older entry, a category a heading in
 * the commentary made) refuses the edit with one sentence, and nothing is written.
 */

export interface EntryModel {
	number: number | null;
	source: string | null;
	title: string;
	url: string;
	recommended: boolean;
	tags: string[];
	commentary: string;
	/** A list-style entry's kind words (`[video]`); absent, like none, in the line style. */
	kinds?: string[];
}

export interface CategoryModel {
	name: string;
	entries: EntryModel[];
}

export interface DigestModel {
	title: string;
	/** The frontmatter as JSON; null where the intent leaves it open (a new digest's). */
	frontmatter: string | null;
	/** Frontmatter tags; null where the intent leaves them open. */
	tags: string[] | null;
	/** `YYYY-MM-DD to YYYY-MM-DD`, or null. */
	period: string | null;
	/** Null where the intent leaves it open. */
	draft: boolean | null;
	categories: CategoryModel[];
	/** Messages of the problems of severity error. */
	errors: string[];
}

/** What an edit means to change: it turns the model of the note before into the model after. */
export type EditIntent = (expected: DigestModel) => void;

export function entryModel(e: Entry): EntryModel {
	const m: EntryModel = { number: e.number, source: e.source, title: e.title, url: e.url, recommended: e.recommended, tags: [...e.tags], commentary: e.commentary };
	if (e.kinds !== undefined) m.kinds = [...e.kinds];
	return m;
}

export function periodText(p: Digest["period"]): string | null {
	return p ? `${isoDate(p.start)} to ${isoDate(p.end)}` : null;
}

export function digestModel(d: Digest): DigestModel {
	return {
		title: d.title,
		frontmatter: JSON.stringify(d.frontmatter),
		tags: [...d.tags],
		period: periodText(d.period),
		draft: d.draft,
		categories: d.categories.map((c) => ({ name: c.name, entries: c.entries.map(entryModel) })),
		errors: d.problems.filter((p) => p.severity === "error").map((p) => `line ${p.line}: ${p.message}`),
	};
}

/**
 * Compares the parse after an edit with the parse before it as the edit intends to change it.
 * Returns null when they agree, else one sentence saying what else would change.
 */
export function verifyEdit(before: Digest, after: Digest, intent: EditIntent, unchanged = "the note was left unchanged"): string | null {
	const expected = digestModel(before);
	intent(expected);
	const difference = firstDifference(expected, digestModel(after));
	return difference === null ? null : `The edit would ${difference}, so ${unchanged}.`;
}

function quote(s: string | null): string {
	return s === null ? "none" : JSON.stringify(s);
}

function same(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The first way `actual` differs from `expected`, as the end of "The edit would ...", or null. */
export function firstDifference(expected: DigestModel, actual: DigestModel): string | null {
	// Lines move with an edit: the same problem on another line is no new one.
	const strip = (e: string) => e.replace(/^line \d+: /, "");
	const known = expected.errors.map(strip);
	const newError = actual.errors.find((e) => !known.includes(strip(e)));
	if (newError !== undefined) return `leave a problem at ${newError.replace(/\.$/, "")}`;
	if (expected.frontmatter !== null && expected.frontmatter !== actual.frontmatter) return "change the note's frontmatter";
	if (expected.title !== actual.title) return `make the note read as titled ${quote(actual.title)} instead of ${quote(expected.title)}`;
	if (expected.period !== actual.period) return `make the note's period ${actual.period ?? "none"} instead of ${expected.period ?? "none"}`;
	const tags = (t: string[] | null) => (t ?? []).join(", ") || "none";
	if (expected.tags !== null && !same(expected.tags, actual.tags ?? [])) return `make the note's tags ${tags(actual.tags)} instead of ${tags(expected.tags)}`;
	if (expected.draft !== null && expected.draft !== actual.draft) return `make the note ${actual.draft ? "a draft" : "no longer a draft"}`;

	const names = (m: DigestModel) => m.categories.map((c) => c.name);
	const want = names(expected);
	const have = names(actual);
	if (!same(want, have)) {
		if (want.length > have.length) {
			const missing = want.find((n) => !have.includes(n)) ?? want[have.length]!;
			return `hide the category ${quote(missing)}${want.length - have.length > 1 ? ` and ${want.length - have.length - 1} more` : ""}`;
		}
		if (have.length > want.length) return `make a category ${quote(have.find((n) => !want.includes(n)) ?? have[want.length]!)} that was not asked for`;
		const i = want.findIndex((n, k) => n !== have[k]);
		if (!have.includes(want[i]!)) return `make the category ${quote(want[i]!)} read as ${quote(have[i]!)}`;
		return "change the order of the categories";
	}
	for (let c = 0; c < expected.categories.length; c++) {
		const d = entriesDifference(expected.categories[c]!.name, expected.categories[c]!.entries, actual.categories[c]!.entries);
		if (d !== null) return d;
	}
	return null;
}

const FIELDS: [keyof EntryModel, string][] = [
	["title", "title"],
	["source", "source"],
	["url", "URL"],
	["number", "number"],
	["recommended", "recommended flag"],
	["kinds", "kinds"],
	["tags", "tags"],
	["commentary", "commentary"],
];

function identical(a: EntryModel, b: EntryModel): boolean {
	return a.title === b.title && a.source === b.source && a.url === b.url && a.number === b.number && a.recommended === b.recommended && a.commentary === b.commentary && same(a.tags, b.tags) && same(a.kinds ?? [], b.kinds ?? []);
}

function show(field: keyof EntryModel, value: EntryModel[keyof EntryModel]): string {
	if (field === "number") return value === null ? "none" : String(value);
	if (field === "recommended") return value ? "on" : "off";
	if (field === "kinds") return value !== undefined && (value as string[]).length ? (value as string[]).map((k) => `[${k}]`).join(" ") : "none";
	if (field === "tags") return (value as string[]).length ? (value as string[]).map((t) => `#${t}`).join(" ") : "none";
	return quote(value as string | null);
}

function entriesDifference(category: string, expected: readonly EntryModel[], actual: readonly EntryModel[]): string | null {
	const where = `under ${quote(category)}`;
	const n = Math.min(expected.length, actual.length);
	for (let i = 0; i < n; i++) {
		const want = expected[i]!;
		const have = actual[i]!;
		if (identical(want, have)) continue;
		// No kinds and an empty list of them are the same.
		const value = (m: EntryModel, f: keyof EntryModel) => (f === "kinds" ? m.kinds ?? [] : m[f]);
		const differs = FIELDS.filter(([f]) => JSON.stringify(value(want, f)) !== JSON.stringify(value(have, f)));
		const sameEntry = want.url === have.url || want.title === have.title;
		if (!sameEntry) {
			if (expected.length > actual.length) return `hide the entry ${quote(want.title)} ${where}`;
			if (actual.length > expected.length) return `make ${quote(have.title)} ${where} read as an entry that was not asked for`;
			return `change the order of the entries ${where}`;
		}
		const [field, label] = differs[0]!;
		if (field === "commentary") {
			return want.commentary === "" ? `give ${quote(want.title)} ${where} commentary it did not have` : `change the commentary of ${quote(want.title)} ${where}`;
		}
		return `make ${quote(want.title)} ${where} read back with the ${label} ${show(field, have[field])} instead of ${show(field, want[field])}`;
	}
	if (expected.length > actual.length) return `hide the entry ${quote(expected[n]!.title)} ${where}`;
	if (actual.length > expected.length) return `make ${quote(actual[n]!.title)} ${where} read as an entry that was not asked for`;
	return null;
}
