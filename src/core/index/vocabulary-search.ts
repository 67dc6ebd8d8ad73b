/**
 * How the text search index finds the words that contain a query term: by substring search over
 * the vocabulary joined into a few large strings ("chunks"), rather than a look at every word.
 */

import { grow } from "./typed-arrays";

/** Words per string of the joined vocabulary that a term is searched in. */
export const CHUNK_WORDS = 4096;

/** `CHUNK_WORDS` words of the vocabulary (fewer in the last chunk), joined. */
export interface VocabChunk {
	/** Words joined, each followed by "\n" (no word holds one). */
	text: string;
	/** Offset of each word in `text`. */
	starts: Int32Array;
	count: number;
}

/** The words a term is in: kept per term, and extended over the words added since. */
export interface TermMatches {
	/** Ids of the words that contain the term, ascending. */
	ids: Int32Array;
	n: number;
	/** Words of the vocabulary already searched: the ids below it are complete. */
	scanned: number;
}

/** Words `base .. base + count - 1` of the vocabulary, joined into a chunk. */
export function joinWords(vocabulary: readonly string[], base: number, count: number): VocabChunk {
	const words = vocabulary.slice(base, base + count);
	const starts = new Int32Array(count);
	let offset = 0;
	for (let i = 0; i < count; i++) {
		starts[i] = offset;
		offset += words[i]!.length + 1;
	}
	return { text: `${words.join("\n")}\n`, starts, count };
}

/**
 * Adds to `m` the ids of the words of `chunk` (its first word is word `base` of the vocabulary)
 * that contain `term`, from word `m.scanned` on.
 */
export function findInChunk(chunk: VocabChunk, base: number, term: string, m: TermMatches): void {
	const { text, starts, count } = chunk;
	let from = starts[Math.max(0, m.scanned - base)]!;
	for (;;) {
		const at = text.indexOf(term, from);
		if (at < 0) break;
		// The word holding `at`: the last start at or before it.
		let lo = 0;
		let hi = count - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid]! <= at) lo = mid;
			else hi = mid - 1;
		}
		if (m.n === m.ids.length) m.ids = grow(m.ids, m.ids.length * 2);
		m.ids[m.n++] = base + lo;
		from = lo + 1 < count ? starts[lo + 1]! : text.length;
	}
}
