/**
 * A parsed search (search-query.ts) as the index's query, and what to mark in a row: the ranges of
 * the matched words in the title, the source and the tags, and a snippet of the commentary where
 * a word matched that the row does not otherwise show.
 *
 * The filter menus and the operators combine as AND: `category:Career` with the Category menu on
 * Kubernetes lists nothing, and either alone lists the same entries, since both ask the same of an
 * entry. Words and phrases go to the index's word search (a phrase's words find the candidates,
 * then the phrase itself is looked for), the first category, source and tag operator to the
 * index's own fields, dates narrow its period, and the rest (exclusions, `digest:`, a second
 * category) is a test on each entry the index found.
 */

import { compareDates } from "../format/dates";
import { hasTag } from "../format/series";
import type { Entry } from "../format/types";
import type { EntryQuery, IndexedEntry } from "../index/digest-index";
import { queryTerms, tokenize } from "../index/tokenize";
import { isUsable, type ParsedSearch } from "./search-query";
import { rangesWithin, type TextRange } from "./search-match";

/** What a parsed search asks, beyond the index's fields it sets on the query. */
export interface SearchPlan {
	/** The positive words and phrases, for a matcher or the index's word search; "" when none. */
	text: string;
	/** What to mark in the rows; null when nothing is. */
	marks: MarkSpec | null;
}

/** What to mark in a row. */
export interface MarkSpec {
	/** Lower-cased words and phrases, marked wherever they stand. */
	needles: readonly string[];
	/** `source:` values (lower-cased): a source equal to one is marked whole. */
	sources: readonly string[];
	/** `tag:` values: the tags they match are marked. */
	tags: readonly string[];
}

/** The parts of a row to highlight. */
export interface EntryMarks {
	readonly title: readonly TextRange[];
	readonly source: readonly TextRange[];
	/** Ranges in the tags as a row shows them (`tagsText`). */
	readonly tags: readonly TextRange[];
	/** One line of the commentary around a match the rest of the row does not show, or null. */
	readonly snippet: Snippet | null;
}

export interface Snippet {
	readonly text: string;
	readonly ranges: readonly TextRange[];
}

export const NO_MARKS: EntryMarks = Object.freeze({ title: Object.freeze([]), source: Object.freeze([]), tags: Object.freeze([]), snippet: null });

/** An entry's tags as its row shows them. */
export function tagsText(entry: Entry): string {
	let out = "";
	for (const t of entry.tags) out += out === "" ? `#${t}` : ` #${t}`;
	return out;
}

/**
 * Puts what the index answers itself into `q` (which holds the filter menus' choices already),
 * and the rest into `q.where`; returns the words for the text search and what to mark.
 */
export function planSearch(parsed: ParsedSearch, q: EntryQuery): SearchPlan {
	const tests: ((ie: IndexedEntry) => boolean)[] = [];
	const words: string[] = [];
	const phrases: string[] = [];
	const sources: string[] = [];
	const tags: string[] = [];
	const never = () => false;
	for (const c of parsed.clauses) {
		if (!isUsable(c)) continue;
		const not = c.negated;
		const v = c.value.toLowerCase();
		switch (c.kind) {
			case "word": {
				if (!not) {
					words.push(c.value);
					break;
				}
				const terms = queryTerms(c.value);
				if (terms.length > 0) tests.push((ie) => !terms.every((t) => searchable(ie).includes(t)));
				break;
			}
			case "phrase": {
				const phrase = normalizePhrase(c.value);
				if (phrase === "") break;
				if (!not) {
					phrases.push(phrase);
					words.push(c.value);
				}
				tests.push(not ? (ie) => !searchable(ie).includes(phrase) : (ie) => searchable(ie).includes(phrase));
				break;
			}
			case "category": {
				if (!not && q.category === undefined) q.category = c.value;
				else tests.push((ie) => (ie.category.name.toLowerCase() === v) !== not);
				break;
			}
			case "source": {
				if (!not) sources.push(v);
				if (!not && q.source === undefined) q.source = c.value;
				else tests.push((ie) => ((ie.entry.source ?? "").toLowerCase() === v) !== not);
				break;
			}
			case "tag": {
				const tag = v.replace(/^#/, "");
				if (tag === "") break;
				if (!not) tags.push(tag);
				if (!not && q.tag === undefined) q.tag = tag;
				else tests.push((ie) => hasTag(ie.entry.tags, tag) !== not);
				break;
			}
			case "digest":
				tests.push((ie) => (ie.digest.title.toLowerCase().includes(v) || ie.digest.path.toLowerCase().includes(v)) !== not);
				break;
			case "recommended": {
				const want = !not;
				if (q.recommended === undefined) q.recommended = want;
				else if (q.recommended !== want) tests.push(never);
				break;
			}
			case "before":
			case "after": {
				const d = c.date!;
				if (!not) {
					if (c.kind === "before" && (!q.to || compareDates(d, q.to) < 0)) q.to = d;
					if (c.kind === "after" && (!q.from || compareDates(d, q.from) > 0)) q.from = d;
					break;
				}
				// Not on or before: starts after; not on or after: ends before. Undated digests have no period to compare.
				if (c.kind === "before") tests.push((ie) => ie.digest.period !== null && compareDates(ie.digest.period.start, d) > 0);
				else tests.push((ie) => ie.digest.period !== null && compareDates(ie.digest.period.end, d) < 0);
				break;
			}
		}
	}
	if (tests.length === 1) q.where = tests[0];
	else if (tests.length > 1)
		q.where = (ie) => {
			for (const t of tests) if (!t(ie)) return false;
			return true;
		};
	const text = words.join(" ");
	// Every word of the words and phrases is marked where it stands, and each phrase as a whole.
	const needles = [...new Set([...tokenize(text), ...phrases])];
	const marks = needles.length > 0 || sources.length > 0 || tags.length > 0 ? { needles, sources, tags } : null;
	return { text, marks };
}

/** Lower-cased, composed, spaces of any kind as one. */
function normalizePhrase(text: string): string {
	return fold(text).replace(/\s+/g, " ").trim();
}

function fold(text: string): string {
	const lower = text.toLowerCase();
	// Composed as the word index composes, only where a character is not ASCII.
	for (let i = 0; i < lower.length; i++) if (lower.charCodeAt(i) > 127) return lower.normalize("NFC");
	return lower;
}

const SEARCHABLE = new WeakMap<IndexedEntry, string>();

/** What exclusions and phrases look through, folded: title, source, commentary, tags and URL, each apart. */
function searchable(ie: IndexedEntry): string {
	let s = SEARCHABLE.get(ie);
	if (s === undefined) {
		const e = ie.entry;
		// The commentary as read, not as written: a phrase runs across **bold** and [[links]].
		s = [e.title, e.source ?? "", plainCommentary(e.commentary), tagsText(e), e.url].map(normalizePhrase).join("\u0000");
		SEARCHABLE.set(ie, s);
	}
	return s;
}

/** Where the needles stand in `text`, any case, merged. */
export function findRanges(text: string, needles: readonly string[]): TextRange[] {
	if (text === "" || needles.length === 0) return [];
	const lower = lowerAligned(text);
	const found: [number, number][] = [];
	for (const n of needles) {
		if (n === "") continue;
		for (let at = lower.indexOf(n); at >= 0; at = lower.indexOf(n, at + n.length)) found.push([at, at + n.length]);
	}
	return rangesWithin(found, text.length);
}

/** `text` lower-cased with every position where it was (a character whose lower case is longer stays as it is). */
function lowerAligned(text: string): string {
	const lower = text.toLowerCase();
	if (lower.length === text.length) return lower;
	let out = "";
	for (const ch of text) {
		const l = ch.toLowerCase();
		out += l.length === ch.length ? l : ch;
	}
	return out;
}

/** The ranges to highlight in an entry's row for a search. */
export function entryMarks(ie: IndexedEntry, spec: MarkSpec): EntryMarks {
	const e = ie.entry;
	const { needles } = spec;
	const source = e.source ?? "";
	const tagText = tagsText(e);
	const title = findRanges(e.title, needles);
	let sourceRanges = findRanges(source, needles);
	if (source !== "" && spec.sources.includes(source.toLowerCase())) sourceRanges = [[0, source.length]];
	let tagRanges = findRanges(tagText, needles);
	if (spec.tags.length > 0) {
		const extra: [number, number][] = [...tagRanges];
		let at = 0;
		for (const t of e.tags) {
			if (spec.tags.some((want) => hasTag([t], want))) extra.push([at, at + t.length + 1]);
			at += t.length + 2;
		}
		tagRanges = rangesWithin(extra, tagText.length);
	}
	const snippet = e.commentary === "" ? null : commentarySnippet(e.commentary, needles, (n) => !shown(n, e.title, source, tagText));
	if (title.length === 0 && sourceRanges.length === 0 && tagRanges.length === 0 && snippet === null) return NO_MARKS;
	return { title, source: sourceRanges, tags: tagRanges, snippet };
}

function shown(needle: string, ...texts: string[]): boolean {
	return texts.some((t) => lowerAligned(t).includes(needle));
}

/** Characters of commentary kept before the match, and the longest snippet (the row cuts it to its width). */
const SNIPPET_BEFORE = 20;
const SNIPPET_LENGTH = 80;

/** One line around the first match of a needle `wanted` accepts, with every needle marked; null when none is in the commentary. */
export function commentarySnippet(commentary: string, needles: readonly string[], wanted: (needle: string) => boolean = () => true): Snippet | null {
	const plain = plainCommentary(commentary);
	const lower = lowerAligned(plain);
	let at = -1;
	for (const n of needles) {
		if (n === "" || !wanted(n)) continue;
		const i = lower.indexOf(n);
		if (i >= 0 && (at < 0 || i < at)) at = i;
	}
	if (at < 0) return null;
	let start = Math.max(0, at - SNIPPET_BEFORE);
	if (start > 0) {
		// From a word's start.
		const space = plain.indexOf(" ", start);
		if (space >= 0 && space < at) start = space + 1;
	}
	let end = Math.min(plain.length, start + SNIPPET_LENGTH);
	if (end < plain.length) {
		const space = plain.lastIndexOf(" ", end);
		if (space > at) end = space;
	}
	const text = `${start > 0 ? "…" : ""}${plain.slice(start, end)}${end < plain.length ? "…" : ""}`;
	return { text, ranges: findRanges(text, needles) };
}

/** Commentary as one line of text: no list markers, quote marks, bold or wiki-link brackets, spaces as one. */
export function plainCommentary(markdown: string): string {
	return markdown
		.split("\n")
		.map((line) => line.replace(/^\s*(?:>\s?)*(?:(?:[-*+]|\d+[.)])\s+)?/, ""))
		.join(" ")
		.replace(/\*\*|__|\[\[|\]\]|`/g, "")
		.replace(/\s+/g, " ")
		.trim();
}
