import type { DayDate } from "./types";

/**
 * Calendar dates in moment-style formats (`DD-MM-YYYY`, `YYYY/MM/DD`, `D MMM YYYY`, ...).
 * Only the date tokens a digest title can hold are understood; the plugin could hand us moment,
 * but the CLI and the index need the same answers without it, and a title scan must be cheap.
 */

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_NAMES = MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1));

type Field = "year" | "year2" | "month" | "monthName" | "monthShort" | "day";

interface Token {
	literal?: string;
	field?: Field;
	pad?: boolean;
}

/** A character a date may not follow or precede directly. */
const WORD_CHAR = /[\dA-Za-z]/;

const TOKEN_RE = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D/g;

function tokenize(format: string): Token[] {
	const tokens: Token[] = [];
	let last = 0;
	TOKEN_RE.lastIndex = 0;
	for (let m = TOKEN_RE.exec(format); m; m = TOKEN_RE.exec(format)) {
		if (m.index > last) tokens.push({ literal: format.slice(last, m.index) });
		const t = m[0];
		if (m[1] !== undefined) tokens.push({ literal: m[1] });
		else if (t === "YYYY") tokens.push({ field: "year" });
		else if (t === "YY") tokens.push({ field: "year2" });
		else if (t === "MMMM") tokens.push({ field: "monthName" });
		else if (t === "MMM") tokens.push({ field: "monthShort" });
		else if (t === "MM") tokens.push({ field: "month", pad: true });
		else if (t === "M") tokens.push({ field: "month" });
		else if (t === "DD") tokens.push({ field: "day", pad: true });
		else tokens.push({ field: "day" });
		last = m.index + t.length;
	}
	if (last < format.length) tokens.push({ literal: format.slice(last) });
	return tokens;
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export interface DateFormat {
	readonly pattern: string;
	/** Whether the format names a year, a month and a day. */
	readonly complete: boolean;
	/** Every valid date in `text`, in order. `invalid` counts matches that are not real dates (31-02-2025). */
	findAll(text: string): { dates: DayDate[]; invalid: number };
	/** Every valid date in `text` with where it stands, in order. */
	findSpans(text: string): { date: DayDate; index: number; length: number }[];
	parse(text: string): DayDate | null;
	format(date: DayDate): string;
}

const cache = new Map<string, DateFormat>();

/** Compiles a format once; compiled formats are cached because every title is read with one. */
export function dateFormat(format: string): DateFormat {
	let compiled = cache.get(format);
	if (!compiled) {
		compiled = compile(format);
		cache.set(format, compiled);
	}
	return compiled;
}

function compile(format: string): DateFormat {
	const tokens = tokenize(format);
	const fields: Field[] = [];
	let source = "";
	for (const t of tokens) {
		if (t.literal !== undefined) {
			source += escapeRegExp(t.literal);
			continue;
		}
		fields.push(t.field!);
		switch (t.field) {
			case "year": source += "(\\d{4})"; break;
			case "year2": source += "(\\d{2})"; break;
			case "monthName": source += `(${MONTHS.join("|")})`; break;
			case "monthShort": source += `(${MONTHS.map((m) => m.slice(0, 3)).join("|")})`; break;
			default: source += t.pad ? "(\\d{2})" : "(\\d{1,2})";
		}
	}
	const has = (f: Field[]) => fields.some((x) => f.includes(x));
	const complete = has(["year", "year2"]) && has(["month", "monthName", "monthShort"]) && has(["day"]);
	// A date must not run on from a letter or digit before it. No lookbehind for that (Safari
	// before 16.4 cannot compile one): a match right after one is tried again one character on.
	const re = new RegExp(`${source}(?![\\dA-Za-z])`, "gi");
	const whole = new RegExp(`^${source}$`, "i");

	const fromMatch = (m: RegExpExecArray): DayDate | null => {
		let year = NaN, month = NaN, day = NaN;
		fields.forEach((f, i) => {
			const v = m[i + 1]!;
			if (f === "year") year = Number(v);
			else if (f === "year2") year = 2000 + Number(v);
			else if (f === "month") month = Number(v);
			else if (f === "monthName") month = MONTHS.indexOf(v.toLowerCase()) + 1;
			else if (f === "monthShort") month = MONTHS.findIndex((x) => x.startsWith(v.toLowerCase())) + 1;
			else day = Number(v);
		});
		const date = { year, month, day };
		return isValidDate(date) ? date : null;
	};

	return {
		pattern: format,
		complete,
		findAll(text) {
			const dates: DayDate[] = [];
			let invalid = 0;
			if (!complete) return { dates, invalid };
			re.lastIndex = 0;
			for (let m = re.exec(text); m; m = re.exec(text)) {
				if (m.index > 0 && WORD_CHAR.test(text[m.index - 1]!)) {
					re.lastIndex = m.index + 1;
					continue;
				}
				const d = fromMatch(m);
				if (d) dates.push(d);
				else invalid++;
			}
			return { dates, invalid };
		},
		findSpans(text) {
			const spans: { date: DayDate; index: number; length: number }[] = [];
			if (!complete) return spans;
			re.lastIndex = 0;
			for (let m = re.exec(text); m; m = re.exec(text)) {
				const d = fromMatch(m);
				if (d) spans.push({ date: d, index: m.index, length: m[0].length });
			}
			return spans;
		},
		parse(text) {
			const m = whole.exec(text.trim());
			return m && complete ? fromMatch(m) : null;
		},
		format(date) {
			let out = "";
			for (const t of tokens) {
				if (t.literal !== undefined) out += t.literal;
				else if (t.field === "year") out += String(date.year).padStart(4, "0");
				else if (t.field === "year2") out += String(date.year % 100).padStart(2, "0");
				else if (t.field === "monthName") out += MONTH_NAMES[date.month - 1];
				else if (t.field === "monthShort") out += MONTH_NAMES[date.month - 1]!.slice(0, 3);
				else {
					const v = t.field === "month" ? date.month : date.day;
					out += t.pad ? String(v).padStart(2, "0") : String(v);
				}
			}
			return out;
		},
	};
}

export function isValidDate(d: DayDate): boolean {
	if (!Number.isInteger(d.year) || !Number.isInteger(d.month) || !Number.isInteger(d.day)) return false;
	if (d.month < 1 || d.month > 12 || d.day < 1) return false;
	return d.day <= daysInMonth(d.year, d.month);
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function compareDates(a: DayDate, b: DayDate): number {
	return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function addDays(d: DayDate, days: number): DayDate {
	const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
	return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** `YYYY-MM-DD`, the form the CLI prints. */
export function isoDate(d: DayDate): string {
	return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

export function parseIsoDate(text: string): DayDate | null {
	return dateFormat("YYYY-MM-DD").parse(text);
}
