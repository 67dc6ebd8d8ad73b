import { AbstractInputSuggest, type App } from "obsidian";

/**
 * Where suggestions come from, asked afresh each time the field changes: a map of value to count,
 * or strings where a value given several times counts that many times.
 */
export type SuggestValues = () => ReadonlyMap<string, number> | Iterable<string>;

export interface ValueSuggestOptions {
	/** The field holds a list (tags): suggest for the part after the last comma or blank. */
	list?: boolean;
	/** Most suggestions shown at once. */
	limit?: number;
}

/** Splits a list field into what precedes its last part and the last part itself. */
export function splitLastPart(text: string): { before: string; last: string } {
	let cut = -1;
	for (let i = text.length - 1; i >= 0; i--) {
		if (text[i] === "," || /\s/.test(text[i]!)) {
			cut = i;
			break;
		}
	}
	return { before: text.slice(0, cut + 1), last: text.slice(cut + 1) };
}

function tagKey(tag: string): string {
	return tag.trim().replace(/^#+/, "").toLowerCase();
}

/**
 * The values that contain `query` (any case), most frequent first; ties put values that start
 * with the query first, then sort alphabetically. Values differing only in case count as one,
 * spelled the way they are most often spelled.
 */
export function rankValues(values: ReadonlyMap<string, number> | Iterable<string>, query: string, exclude: ReadonlySet<string> = new Set()): string[] {
	const byKey = new Map<string, { total: number; spellings: Map<string, number> }>();
	const add = (value: string, count: number) => {
		const v = value.trim();
		if (v === "") return;
		const key = v.toLowerCase();
		let slot = byKey.get(key);
		if (!slot) byKey.set(key, (slot = { total: 0, spellings: new Map() }));
		slot.total += count;
		slot.spellings.set(v, (slot.spellings.get(v) ?? 0) + count);
	};
	if (values instanceof Map) for (const [v, n] of values as ReadonlyMap<string, number>) add(v, n);
	else for (const v of values as Iterable<string>) add(v, 1);
	const q = query.trim().toLowerCase();
	const hits: { value: string; key: string; total: number; prefix: boolean }[] = [];
	for (const [key, slot] of byKey) {
		if (exclude.has(key) || (q !== "" && !key.includes(q))) continue;
		let value = "";
		let best = -1;
		for (const [spelling, n] of slot.spellings) if (n > best) [value, best] = [spelling, n];
		hits.push({ value, key, total: slot.total, prefix: key.startsWith(q) });
	}
	hits.sort((a, b) => b.total - a.total || Number(b.prefix) - Number(a.prefix) || a.key.localeCompare(b.key));
	return hits.map((h) => h.value);
}

/** Suggests known values (sources, categories, tags) for a text field; a value not among them is still allowed. */
export class ValueSuggest extends AbstractInputSuggest<string> {
	private readonly fieldEl: HTMLInputElement;
	private readonly values: SuggestValues;
	private readonly listMode: boolean;

	constructor(app: App, fieldEl: HTMLInputElement, values: SuggestValues, options: ValueSuggestOptions = {}) {
		super(app, fieldEl);
		this.fieldEl = fieldEl;
		this.values = values;
		this.listMode = options.list === true;
		this.limit = options.limit ?? 50;
	}

	getSuggestions(query: string): string[] {
		if (!this.listMode) return rankValues(this.values(), query);
		const { before, last } = splitLastPart(query);
		const taken = new Set(before.split(/[\s,]+/).map(tagKey).filter((t) => t !== ""));
		return rankValues(this.values(), last.replace(/^#+/, ""), taken);
	}

	renderSuggestion(value: string, el: HTMLElement): void {
		el.setText(value);
	}

	selectSuggestion(value: string): void {
		if (this.listMode) {
			const { before } = splitLastPart(this.fieldEl.value);
			const lead = before === "" || /\s$/.test(before) ? before : `${before} `;
			this.setValue(`${lead}${value}, `);
		} else {
			this.setValue(value);
		}
		// Setting the value programmatically fires no event: tell the form it changed.
		this.fieldEl.dispatchEvent(new Event("input", { bubbles: true }));
		this.close();
		this.fieldEl.focus();
	}
}
