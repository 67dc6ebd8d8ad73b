import type { EntryMarks } from "../../core/browse/search-filter";
import { tagsText } from "../../core/browse/search-filter";
import type { TextRange } from "../../core/browse/search-match";
import type { Entry } from "../../core/format/types";
import { setTextIfChanged } from "./dom-text";

/** The class of a highlighted match (styles.css: Obsidian's --text-highlight-bg). */
export const MATCH_CLASS = "digest-browser-match";
const SNIPPET_CLASS = "digest-browser-snippet";

/** Appends `text` to `parent` with the ranges (sorted, apart) wrapped in highlight spans. */
export function renderHighlighted(parent: HTMLElement, text: string, ranges: readonly TextRange[]): void {
	let at = 0;
	for (const [start, end] of ranges) {
		if (start > at) parent.appendText(text.slice(at, start));
		parent.createSpan({ cls: MATCH_CLASS, text: text.slice(start, end) });
		at = end;
	}
	if (at < text.length) parent.appendText(text.slice(at));
}

/** What each element was last drawn with, so that a row bound again redraws only the parts that differ. */
const drawn = new WeakMap<HTMLElement, string>();

/** `el`'s text, highlighted; drawn again only when the text or its ranges changed (a keystroke changes few). */
function setHighlighted(el: HTMLElement, text: string, ranges: readonly TextRange[]): void {
	if (ranges.length === 0 && el.childElementCount === 0) {
		drawn.delete(el);
		return setTextIfChanged(el, text);
	}
	let key = text;
	for (const [s, e] of ranges) key += `\u0000${s},${e}`;
	if (drawn.get(el) === key && el.childElementCount > 0) return;
	drawn.set(el, key);
	el.empty();
	renderHighlighted(el, text, ranges);
}

/**
 * Shows an entry's title, source and tags in a row with the search's matches highlighted, and the
 * commentary snippet (a match the row does not otherwise show) in place of the digest's title.
 */
export function bindMarks(row: HTMLElement, entry: Entry, marks: EntryMarks, shownSource: string = entry.source ?? ""): void {
	const title = row.querySelector<HTMLElement>(".digest-browser-title");
	if (title) setHighlighted(title, entry.title, marks.title);
	const source = row.querySelector<HTMLElement>(".digest-browser-source");
	// The source is left out where the grouping already says it (its ranges are of the whole source).
	if (source) setHighlighted(source, shownSource, shownSource === (entry.source ?? "") ? marks.source : []);
	const tags = row.querySelector<HTMLElement>(".digest-browser-tags");
	if (tags) setHighlighted(tags, tagsText(entry), marks.tags);
	let snippet = row.querySelector<HTMLElement>(`.${SNIPPET_CLASS}`);
	row.toggleClass("has-snippet", marks.snippet !== null);
	if (marks.snippet === null) {
		snippet?.detach();
		return;
	}
	if (!snippet) {
		const meta = row.querySelector<HTMLElement>(".digest-browser-meta") ?? row;
		snippet = meta.createSpan({ cls: SNIPPET_CLASS });
		const digest = meta.querySelector(".digest-browser-digest");
		if (digest?.parentElement === meta) meta.insertBefore(snippet, digest);
	}
	setHighlighted(snippet, marks.snippet.text, marks.snippet.ranges);
}

/** Whether two rows' marks draw the same. */
export function sameMarks(a: EntryMarks, b: EntryMarks): boolean {
	if (a === b) return true;
	return sameRanges(a.title, b.title) && sameRanges(a.source, b.source) && sameRanges(a.tags, b.tags) && (a.snippet === b.snippet || (a.snippet !== null && b.snippet !== null && a.snippet.text === b.snippet.text && sameRanges(a.snippet.ranges, b.snippet.ranges)));
}

function sameRanges(a: readonly TextRange[], b: readonly TextRange[]): boolean {
	return a === b || (a.length === b.length && a.every((r, i) => r[0] === b[i]![0] && r[1] === b[i]![1]));
}
