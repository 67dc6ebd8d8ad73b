/**
 * Words, as the text search index sees them: cutting a text into words (`scanText`, `tokenize`),
 * a query into terms (`queryTerms`), and hashing a whole text (`hashText`).
 *
 * Words: the text is lower-cased (and NFC-normalised when it holds non-ASCII characters), then cut
 * into maximal runs of Unicode letters, digits, combining marks and `_` (`[\p{L}\p{N}\p{M}_]+`).
 * Everything else separates words: spaces, punctuation, `-`, `.`, `/`, `#`, `'`, emoji. `_` stays
 * inside words because a term only has to appear inside a word: `source` still matches the word
 * `utm_source`, while the query `utm_source` stays one term that needs its two halves adjacent.
 *
 * `scanText` and `hashText` are the index's inner loops: they hand their results back in
 * module-level buffers and numbers, read right after the call, so that scanning a text allocates
 * nothing per word.
 */

import { grow } from "./typed-arrays";

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

const ASCII_WORD = (() => {
	const t = new Uint8Array(128);
	for (let c = 48; c <= 57; c++) t[c] = 1;
	for (let c = 97; c <= 122; c++) t[c] = 1;
	t[95] = 1;
	return t;
})();

/** A run of word characters, tried only where a non-ASCII character stands. */
const UNICODE_RUN = /[\p{L}\p{N}\p{M}_]+/uy;

/** Words found by the last `scanText`: start, end and hash of each, in `scanned` order. */
export let scanStart: Int32Array = new Int32Array(512);
export let scanEnd: Int32Array = new Int32Array(512);
export let scanHash: Int32Array = new Int32Array(512);
export let scanCount = 0;

/**
 * Lower-cases `raw`, finds its words (into `scanStart`/`scanEnd`/`scanHash`, `scanCount` of them,
 * repeats included) and returns the text they index into: the lower-cased text, composed (NFC)
 * when it holds a non-ASCII character so that `café` matches however it was typed.
 */
export function scanText(raw: string): string {
	let text = raw.toLowerCase();
	let composed = false;
	let n = 0;
	let len = text.length;
	let i = 0;
	while (i < len) {
		const start = i;
		let h = FNV_OFFSET;
		while (i < len) {
			const c = text.charCodeAt(i);
			if (c < 128) {
				if (ASCII_WORD[c] === 0) break;
				h = Math.imul(h ^ c, FNV_PRIME);
				i++;
				continue;
			}
			if (!composed) {
				composed = true;
				const nfc = text.normalize("NFC");
				if (nfc !== text) {
					// Start over on the composed text.
					text = nfc;
					len = text.length;
					n = 0;
					i = -1;
					break;
				}
			}
			UNICODE_RUN.lastIndex = i;
			if (!UNICODE_RUN.test(text)) break;
			for (const end = UNICODE_RUN.lastIndex; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
		}
		if (i < 0) {
			i = 0;
			continue;
		}
		if (i === start) {
			i++;
			continue;
		}
		if (n === scanStart.length) {
			scanStart = grow(scanStart, n * 2);
			scanEnd = grow(scanEnd, n * 2);
			scanHash = grow(scanHash, n * 2);
		}
		scanStart[n] = start;
		scanEnd[n] = i;
		scanHash[n] = h;
		n++;
	}
	scanCount = n;
	return text;
}

/** Halves of the last `hashText`. */
export let textHashA = 0;
export let textHashB = 0;

/**
 * A 64-bit hash of `text` as given, in `textHashA` and `textHashB`: two independent Murmur-style
 * mixes, each taking two UTF-16 units a step.
 */
export function hashText(text: string): void {
	const len = text.length;
	let a = FNV_OFFSET ^ len;
	let b = Math.imul(len, 0x27d4eb2f) ^ 0x165667b1;
	let i = 0;
	for (; i + 1 < len; i += 2) {
		const pair = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
		a = Math.imul(a ^ pair, 0x85ebca6b);
		a ^= a >>> 13;
		b = Math.imul(b ^ pair, 0xc2b2ae35);
		b ^= b >>> 16;
	}
	if (i < len) {
		const c = text.charCodeAt(i);
		a = Math.imul(a ^ c, 0x85ebca6b);
		b = Math.imul(b ^ c, 0xc2b2ae35);
	}
	// Finalise, so the last units reach every bit.
	a = Math.imul(a ^ (a >>> 16), 0x7feb352d);
	textHashA = a ^ (a >>> 15);
	b = Math.imul(b ^ (b >>> 16), 0x846ca68b);
	textHashB = b ^ (b >>> 16);
}

/** The distinct words of `text` (lower-cased), in order of first appearance. */
export function tokenize(text: string): string[] {
	const folded = scanText(text);
	const words = new Set<string>();
	for (let k = 0; k < scanCount; k++) words.add(folded.slice(scanStart[k], scanEnd[k]));
	return [...words];
}

/**
 * The terms of a query: its distinct words, less those inside another term (a word that holds
 * `kubernetes` holds `kube` too). Empty when the query has no word characters.
 */
export function queryTerms(query: string): string[] {
	const terms = tokenize(query).sort((a, b) => b.length - a.length);
	const kept: string[] = [];
	for (const t of terms) if (!kept.some((k) => k.includes(t))) kept.push(t);
	return kept;
}
