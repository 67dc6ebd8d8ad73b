/**
 * The search box's little language, parsed into clauses. Never throws: every text is a query.
 *
 * - `word`: every word must appear (inside a word of the title, source, commentary, tags or URL,
 *   any case), as the index's word search has it.
 * - `"exact phrase"`: the words in this order, any case, spaces of any kind between them.
 * - `category:NAME`, `source:NAME`: the entry's category or source is NAME (any case), as the
 *   filter menus choose them; `tag:NAME` the tag or one nested under it, as the tag menu.
 * - `digest:TEXT`: the digest's title or path holds TEXT (any case).
 * - `is:recommended`: recommended entries only.
 * - `after:DATE`, `before:DATE`: digests whose period ends on or after DATE / starts on or before
 *   it, as the From and To fields; DATE in a series' date format (`31-12-2025`) or `2025-12-31`.
 * - A value with spaces is quoted: `category:"Data engineering"`; inside quotes `\"` is a quote.
 * - `-` before any of them excludes: `-word`, `-"a phrase"`, `-category:Career`, `-is:recommended`.
 *
 * An unknown `name:value` is a plain word. A clause that cannot be used (a date that is no date)
 * is kept, so that the text renders back as typed, but filters nothing and gives a message.
 */

import { dateFormat, isoDate, parseIsoDate } from "../format/dates";
import type { DayDate } from "../format/types";

export type ValueOperator = "category" | "source" | "tag" | "digest" | "before" | "after";
export type ClauseKind = "word" | "phrase" | "recommended" | ValueOperator;

export interface SearchClause {
	readonly kind: ClauseKind;
	/** The word as typed (for a word), the phrase, or the operator's value; "" for `is:recommended`. */
	readonly value: string;
	readonly negated: boolean;
	/** before and after: the date, or null when the value is no date (or empty). */
	readonly date?: DayDate | null;
}

export interface ParsedSearch {
	readonly clauses: readonly SearchClause[];
	/** One sentence for each clause that filters nothing because it could not be read; none when all can. */
	readonly messages: readonly string[];
}

const VALUE_OPERATORS: readonly string[] = ["category", "source", "tag", "digest", "before", "after"];
const OPERATOR_NAME = /^([A-Za-z]+):/;
const SPACE = /\s/;

/**
 * Parses a search. `dateFormats` are the series' date formats (the first one is used in messages);
 * ISO dates (YYYY-MM-DD) are always understood.
 */
export function parseSearch(text: string, dateFormats: readonly string[] = []): ParsedSearch {
	const clauses: SearchClause[] = [];
	const messages: string[] = [];
	const n = text.length;
	let i = 0;
	while (i < n) {
		if (SPACE.test(text[i]!)) {
			i++;
			continue;
		}
		const start = i;
		let negated = false;
		if (text[i] === "-" && i + 1 < n && !SPACE.test(text[i + 1]!)) {
			negated = true;
			i++;
		}
		if (text[i] === '"') {
			const q = readQuoted(text, i);
			clauses.push({ kind: "phrase", value: q.value, negated });
			i = q.end;
			continue;
		}
		const op = OPERATOR_NAME.exec(text.slice(i, i + 20));
		const name = op?.[1]!.toLowerCase();
		if (op && name !== undefined && (name === "is" || VALUE_OPERATORS.includes(name))) {
			const valueAt = i + op[0].length;
			let value: string;
			let end: number;
			if (text[valueAt] === '"') {
				const q = readQuoted(text, valueAt);
				value = q.value;
				end = q.end;
			} else {
				end = bareEnd(text, valueAt);
				value = text.slice(valueAt, end);
			}
			i = end;
			if (name === "is") {
				if (value.toLowerCase() === "recommended") clauses.push({ kind: "recommended", value: "", negated });
				// is: anything else is a plain word, as typed.
				else clauses.push({ kind: "word", value: text.slice(negated ? start + 1 : start, end), negated });
				continue;
			}
			const kind = name as ValueOperator;
			if (kind === "before" || kind === "after") {
				const date = value === "" ? null : readDate(value, dateFormats);
				if (value !== "" && date === null) messages.push(dateMessage(kind, value, dateFormats));
				clauses.push({ kind, value, negated, date });
			} else clauses.push({ kind, value, negated });
			continue;
		}
		const end = bareEnd(text, i);
		clauses.push({ kind: "word", value: text.slice(i, end), negated });
		i = end;
	}
	return { clauses, messages };
}

/** Renders clauses back into a search that parses to the same clauses. */
export function renderSearch(clauses: readonly SearchClause[]): string {
	return clauses.map(renderClause).join(" ");
}

export function renderClause(c: SearchClause): string {
	const not = c.negated ? "-" : "";
	switch (c.kind) {
		case "word":
			return not + c.value;
		case "phrase":
			return not + quote(c.value);
		case "recommended":
			return `${not}is:recommended`;
		default:
			return `${not}${c.kind}:${renderValue(c.value)}`;
	}
}

/** An operator's value as typed: quoted when it has spaces or starts with a quote. */
function renderValue(value: string): string {
	return /\s/.test(value) || value.startsWith('"') ? quote(value) : value;
}

/** A clause with a value worth filtering by: a known date, a non-empty value. */
export function isUsable(c: SearchClause): boolean {
	if (c.kind === "before" || c.kind === "after") return c.date !== null && c.date !== undefined;
	if (c.kind === "recommended") return true;
	return c.value !== "";
}

function quote(value: string): string {
	return `"${value.replace(/[\\"]/g, (m) => `\\${m}`)}"`;
}

/** A quoted text starting at the quote at `at`: to the closing quote, or to the end when there is none. */
function readQuoted(text: string, at: number): { value: string; end: number } {
	let value = "";
	let i = at + 1;
	while (i < text.length) {
		const c = text[i]!;
		if (c === '"') return { value, end: i + 1 };
		if (c === "\\" && (text[i + 1] === '"' || text[i + 1] === "\\")) {
			value += text[i + 1];
			i += 2;
			continue;
		}
		value += c;
		i++;
	}
	return { value, end: i };
}

function bareEnd(text: string, at: number): number {
	let i = at;
	while (i < text.length && !SPACE.test(text[i]!)) i++;
	return i;
}

function readDate(value: string, formats: readonly string[]): DayDate | null {
	const trimmed = value.trim();
	if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return parseIsoDate(trimmed);
	for (const f of formats) {
		const d = dateFormat(f).parse(trimmed);
		if (d) return d;
	}
	return null;
}

const EXAMPLE_DATE: DayDate = { year: 2025, month: 12, day: 31 };

function dateMessage(kind: "before" | "after", value: string, formats: readonly string[]): string {
	const iso = isoDate(EXAMPLE_DATE);
	const own = formats.length > 0 ? dateFormat(formats[0]!).format(EXAMPLE_DATE) : iso;
	const examples = own === iso ? `${kind}:${iso}` : `${kind}:${renderValue(own)} or ${kind}:${iso}`;
	return `"${kind}:${value}" is not a date and filters nothing: write it as ${examples}.`;
}
