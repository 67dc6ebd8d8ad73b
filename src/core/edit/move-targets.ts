import type { Digest, Series } from "../format/types";

/** A category an entry can be moved to; `isNew` when the move would create it in the note. */
export interface MoveTarget {
	name: string;
	isNew: boolean;
}

/**
 * The categories to offer for a move, in the order to offer them: the series' categories in the
 * series' order (those the note lacks marked new, as the move would create them where that order
 * puts them), then the note's other categories in the note's order. Never the entry's own; names
 * compared in any case, as the edits compare them, and written as the note writes them.
 */
export function moveTargets(digest: Pick<Digest, "categories">, series: Pick<Series, "categories">, from: string): MoveTarget[] {
	const own = from.toLowerCase();
	const inNote = new Map(digest.categories.map((c) => [c.name.toLowerCase(), c.name]));
	const out: MoveTarget[] = [];
	const seen = new Set<string>([own]);
	for (const name of series.categories) {
		const key = name.toLowerCase();
		if (seen.has(key)) continue;
		seen.add(key);
		const written = inNote.get(key);
		out.push(written !== undefined ? { name: written, isNew: false } : { name, isNew: true });
	}
	for (const c of digest.categories) {
		const key = c.name.toLowerCase();
		if (seen.has(key)) continue;
		seen.add(key);
		out.push({ name: c.name, isNew: false });
	}
	return out;
}
