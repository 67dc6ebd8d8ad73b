/**
 * An incremental inverted index over words, for "every word of the query appears in the entry"
 * searches over a whole vault without scanning every entry's text.
 *
 * What a word is, and how a query is cut into terms: see tokenize.ts.
 *
 * Query semantics: every term must appear inside a word. The query is cut into terms the same way
 * (`cncf.example.org` gives `cncf`, `example` and `org`; `#mesh` gives `mesh`), and an item matches
 * when each term is a substring of some word of its text: `kube` and `netes` both match
 * `kubernetes`, `日本` matches `日本語`. A term never spans a word boundary, and the terms need not be
 * adjacent: `example.org` matches an item with `example` in one word and `org` in another.
 *
 * Layout: items live in numbered slots; each word has a posting list of the slots whose text holds
 * it, ascending (new slots get higher numbers and compaction keeps the order). Replacing a key keeps
 * the slots of the items whose text is unchanged (a 64-bit hash of each text tells) and marks the
 * others dead, so an update tokenises only the changed texts and never walks a long posting list;
 * dead slots leave the posting lists in a compaction that runs once they make up a large share
 * (amortised over the updates that made them). A query term is looked up by substring search over
 * the vocabulary joined into a few large strings (vocabulary-search.ts); the matching word ids are
 * cached per term and extended as the vocabulary grows.
 */

import { hashText, queryTerms, scanCount, scanEnd, scanHash, scanStart, scanText, textHashA, textHashB } from "./tokenize";
import { grow, growBytes } from "./typed-arrays";
import { CHUNK_WORDS, findInChunk, joinWords, type TermMatches, type VocabChunk } from "./vocabulary-search";

export interface TextSearchItem<T> {
	item: T;
	/** Searchable text of the item, in any case. */
	text: string;
}

export interface TextSearchOptions {
	/**
	 * Dead slots below which the index never compacts; default 4096. Above it, a search compacts
	 * once dead slots exceed half the live ones, and an update once they exceed twice the live ones
	 * (so that an index updated but never searched stays bounded too).
	 */
	minDeadToCompact?: number;
}

export interface TextSearchStats {
	/** Live items. */
	items: number;
	/** Slots freed by `set`/`delete` and not yet compacted away. */
	deadSlots: number;
	/** Vocabulary size, words only dead slots hold included. */
	words: number;
	/** Entries of all posting lists, dead slots included. */
	postings: number;
}

/**
 * The result of `TextSearchIndex.match`: which items match, asked by key, without building a set.
 * Valid until the index is next changed or searched; using it later throws.
 */
export interface TextMatches {
	/** Matching items. */
	readonly size: number;
	/** Positions of the matching items of `key` in the array last given to `set(key, …)`, ascending. */
	indexes(key: string): number[];
	/**
	 * The same positions written to `out` (at least as long as the key's items), returning how
	 * many: for a caller asking key after key, with no array made for each.
	 */
	indexesInto(key: string, out: Int32Array): number;
	/** Whether the `index`-th item of the array last given to `set(key, …)` matches. */
	has(key: string, index: number): boolean;
}

/** Terms whose vocabulary matches are kept, and how many word ids they may hold together. */
const TERM_CACHE_SIZE = 128;
const MAX_CACHED_IDS = 1 << 20;
/** Stamps and serials restart from 0 before they reach this. */
const MAX_STAMP = 0x3fffffff;

/**
 * Items (opaque) grouped under keys (a digest path), searchable by the words of their text.
 * See the module comment (and tokenize.ts) for what a word and a match are.
 */
export class TextSearchIndex<T> {
	private readonly minDead: number;

	// --- vocabulary ---
	private words: string[] = [];
	private wordHash = new Int32Array(1024);
	/** Open addressing, word id + 1 per cell (0: empty), at most half full. */
	private table = new Int32Array(2048);
	/** Posting list of word w: `postFirst[w]`, then `postRest[w][0 .. postLen[w] - 2]`. */
	private postLen = new Int32Array(1024);
	private postFirst = new Int32Array(1024);
	private postRest: (Int32Array | undefined)[] = [];
	/** Serial of the last item that posted the word, so an item posts each word once. */
	private wordSerial = new Int32Array(1024);
	private serial = 0;
	private chunks: VocabChunk[] = [];
	private readonly termCache = new Map<string, TermMatches>();
	private cachedIds = 0;

	// --- slots ---
	private slotItems: (T | undefined)[] = [];
	private alive = new Uint8Array(1024);
	private mark = new Int32Array(1024);
	private stamp = 0;
	/** Matching live slots of the last search, `hitCount` of them. */
	private hits = new Int32Array(1024);
	private hitCount = 0;
	private nextSlot = 0;
	private live = 0;
	private dead = 0;
	/** Hash of each slot's text as given (two 32-bit halves), to keep the slot of an unchanged item. */
	private slotHashA = new Int32Array(1024);
	private slotHashB = new Int32Array(1024);
	/** Slots of each key's items, in the order set() got them. */
	private readonly keys = new Map<string, Int32Array>();
	/** Bumped by every change and search: a TextMatches holds the value it was made under. */
	private generation = 0;

	constructor(options: TextSearchOptions = {}) {
		this.minDead = Math.max(0, options.minDeadToCompact ?? 4096);
	}

	/** Live items. */
	get size(): number {
		return this.live;
	}

	has(key: string): boolean {
		return this.keys.has(key);
	}

	/**
	 * (Re)indexes the items of `key`, replacing whatever it had. An item whose text is the same as
	 * one the key had keeps that one's slot and words (a 64-bit hash of the text tells), so an edit
	 * of one entry of a digest tokenises that entry only.
	 */
	set(key: string, items: readonly TextSearchItem<T>[]): void {
		this.generation++;
		const old = this.keys.get(key);
		this.keys.delete(key);
		const n = items.length;
		const slots = new Int32Array(n);
		const hashA = new Int32Array(n);
		const hashB = new Int32Array(n);
		for (let i = 0; i < n; i++) {
			hashText(items[i]!.text);
			hashA[i] = textHashA;
			hashB[i] = textHashB;
		}
		slots.fill(-1);
		let kept = 0;
		if (old && old.length > 0 && n > 0) {
			// Old slots by the first half of their hash, to pair each new item with an unused old slot of the same text.
			const byHash = new Map<number, number[]>();
			for (const s of old) {
				const list = byHash.get(this.slotHashA[s]!);
				if (list) list.push(s);
				else byHash.set(this.slotHashA[s]!, [s]);
			}
			for (let i = 0; i < n; i++) {
				const list = byHash.get(hashA[i]!);
				if (!list) continue;
				const at = list.findIndex((s) => s >= 0 && this.slotHashB[s] === hashB[i]);
				if (at < 0) continue;
				const s = list[at]!;
				list[at] = -1;
				slots[i] = s;
				this.slotItems[s] = items[i]!.item;
				kept++;
			}
			for (const list of byHash.values()) for (const s of list) if (s >= 0) this.freeSlot(s);
		} else if (old) {
			for (const s of old) this.freeSlot(s);
		}
		if (kept < n) {
			this.reserveSlots(this.nextSlot + n - kept);
			for (let i = 0; i < n; i++) {
				if (slots[i] !== -1) continue;
				const slot = this.nextSlot++;
				slots[i] = slot;
				this.slotItems[slot] = items[i]!.item;
				this.alive[slot] = 1;
				this.slotHashA[slot] = hashA[i]!;
				this.slotHashB[slot] = hashB[i]!;
				this.indexText(slot, items[i]!.text);
				this.live++;
			}
		}
		if (n > 0) this.keys.set(key, slots);
		if (this.dead > this.minDead && this.dead > 2 * this.live) this.compactSlots();
	}

	delete(key: string): void {
		this.generation++;
		this.free(key);
		if (this.dead > this.minDead && this.dead > 2 * this.live) this.compactSlots();
	}

	clear(): void {
		this.generation++;
		this.words = [];
		this.wordHash = new Int32Array(1024);
		this.table = new Int32Array(2048);
		this.postLen = new Int32Array(1024);
		this.postFirst = new Int32Array(1024);
		this.postRest = [];
		this.wordSerial = new Int32Array(1024);
		this.serial = 0;
		this.chunks = [];
		this.termCache.clear();
		this.cachedIds = 0;
		this.slotItems = [];
		this.alive = new Uint8Array(1024);
		this.mark = new Int32Array(1024);
		this.slotHashA = new Int32Array(1024);
		this.slotHashB = new Int32Array(1024);
		this.stamp = 0;
		this.hits = new Int32Array(1024);
		this.hitCount = 0;
		this.nextSlot = 0;
		this.live = 0;
		this.dead = 0;
		this.keys.clear();
	}

	/**
	 * The items whose text has every term of `query` inside one of its words (any case), or null
	 * when the query has no terms (nothing but spaces and punctuation). Building the set costs
	 * about as much as finding the items when most of them match; `match` does without it.
	 */
	search(query: string): Set<T> | null {
		const found = this.find(query);
		if (!found) return null;
		const out = new Set<T>();
		const { hits, slotItems } = this;
		for (let i = 0; i < this.hitCount; i++) out.add(slotItems[hits[i]!]!);
		return out;
	}

	/**
	 * What `search` finds, by key and position instead of as a set: null when the query has no
	 * terms. For a caller that walks its keys in an order of its own and filters the items on other
	 * fields: it asks `indexes(key)` once a key and touches the matching items only, where a set
	 * costs building it (up to every item) and a `has` for every item. Valid until the index is next
	 * changed or searched.
	 */
	match(query: string): TextMatches | null {
		if (!this.find(query)) return null;
		const generation = this.generation;
		const final = this.stamp;
		const size = this.hitCount;
		const slotsOf = (key: string): Int32Array | undefined => {
			if (this.generation !== generation) throw new Error("TextMatches used after the index changed or searched again");
			return size === 0 ? undefined : this.keys.get(key);
		};
		const indexesInto = (key: string, out: Int32Array): number => {
			const slots = slotsOf(key);
			if (!slots) return 0;
			const mark = this.mark;
			let n = 0;
			for (let i = 0; i < slots.length; i++) if (mark[slots[i]!] === final) out[n++] = i;
			return n;
		};
		return {
			size,
			indexes: (key) => {
				const out = new Int32Array(slotsOf(key)?.length ?? 0);
				return Array.from(out.subarray(0, indexesInto(key, out)));
			},
			indexesInto,
			has: (key, index) => {
				const slots = slotsOf(key);
				return slots !== undefined && index >= 0 && index < slots.length && this.mark[slots[index]!] === final;
			},
		};
	}

	/** Sizes, for benchmarks and tests. */
	stats(): TextSearchStats {
		let postings = 0;
		for (let w = 0; w < this.words.length; w++) postings += this.postLen[w]!;
		return { items: this.live, deadSlots: this.dead, words: this.words.length, postings };
	}

	// --- searching ---

	/**
	 * Marks the slots matching `query` with the final `stamp` and lists the live ones in `hits`;
	 * false when the query has no terms.
	 */
	private find(query: string): boolean {
		this.generation++;
		this.hitCount = 0;
		const terms = queryTerms(query);
		if (terms.length === 0) return false;
		if (this.dead > this.minDead && 2 * this.dead > this.live) this.compactSlots();
		if (this.stamp + terms.length + 1 >= MAX_STAMP) {
			this.mark.fill(0);
			this.stamp = 0;
		}
		// A stamp no slot holds: the final stamp of a query that matches nothing.
		this.stamp++;
		const matches = terms.map((t) => this.matchWords(t));
		const costs = matches.map((m) => this.postingCount(m));
		// The rarest term first: it leaves the fewest candidates for the others to confirm.
		const order = matches.map((_, i) => i).sort((a, b) => costs[a]! - costs[b]!);
		if (costs[order[0]!] === 0) return true;
		if (this.hits.length < this.nextSlot) this.hits = new Int32Array(this.alive.length);
		for (let k = 0; k < order.length; k++) {
			const m = matches[order[k]!]!;
			const prev = this.stamp;
			const cur = ++this.stamp;
			const survivors = k === 0 ? this.markAll(m, cur) : this.markAgain(m, prev, cur);
			if (survivors === 0) break;
			if (k === order.length - 1) this.listHits(m, cur);
		}
		return true;
	}

	/** Stamps every slot a word of `m` holds; returns how many slots. */
	private markAll(m: TermMatches, cur: number): number {
		const { mark, postLen, postFirst, postRest } = this;
		const ids = m.ids;
		let count = 0;
		for (let j = 0; j < m.n; j++) {
			const w = ids[j]!;
			const n = postLen[w]!;
			if (n === 0) continue;
			const s = postFirst[w]!;
			if (mark[s] !== cur) {
				mark[s] = cur;
				count++;
			}
			if (n === 1) continue;
			const rest = postRest[w]!;
			for (let p = 0; p < n - 1; p++) {
				const r = rest[p]!;
				if (mark[r] !== cur) {
					mark[r] = cur;
					count++;
				}
			}
		}
		return count;
	}

	/** Moves the slots stamped `prev` that a word of `m` holds to `cur`; returns how many moved. */
	private markAgain(m: TermMatches, prev: number, cur: number): number {
		const { mark, postLen, postFirst, postRest } = this;
		const ids = m.ids;
		let count = 0;
		for (let j = 0; j < m.n; j++) {
			const w = ids[j]!;
			const n = postLen[w]!;
			if (n === 0) continue;
			const s = postFirst[w]!;
			if (mark[s] === prev) {
				mark[s] = cur;
				count++;
			}
			if (n === 1) continue;
			const rest = postRest[w]!;
			for (let p = 0; p < n - 1; p++) {
				const r = rest[p]!;
				if (mark[r] === prev) {
					mark[r] = cur;
					count++;
				}
			}
		}
		return count;
	}

	/** Lists in `hits` the live slots stamped `cur`, through the postings of the last term. */
	private listHits(m: TermMatches, cur: number): void {
		const { mark, postLen, postFirst, postRest, alive, hits } = this;
		const ids = m.ids;
		const done = cur + 1;
		let count = 0;
		for (let j = 0; j < m.n; j++) {
			const w = ids[j]!;
			const n = postLen[w]!;
			for (let p = -1; p < n - 1; p++) {
				const s = p < 0 ? postFirst[w]! : postRest[w]![p]!;
				if (mark[s] !== cur) continue;
				if (alive[s] === 1) {
					// Past the final stamp for a moment, so that a slot two words hold is listed once.
					mark[s] = done;
					hits[count++] = s;
				} else mark[s] = 0;
			}
		}
		for (let i = 0; i < count; i++) mark[hits[i]!] = cur;
		this.hitCount = count;
	}

	private postingCount(m: TermMatches): number {
		let n = 0;
		for (let j = 0; j < m.n; j++) n += this.postLen[m.ids[j]!]!;
		return n;
	}

	/** The ids of the words containing `term`, from the cache, extended over the words added since. */
	private matchWords(term: string): TermMatches {
		const cache = this.termCache;
		let m = cache.get(term);
		// Most recently used last, so the oldest goes first.
		if (m) cache.delete(term);
		else m = { ids: new Int32Array(8), n: 0, scanned: 0 };
		cache.set(term, m);
		if (m.scanned < this.words.length) {
			const before = m.n;
			this.scanVocabulary(term, m);
			this.cachedIds += m.n - before;
		}
		while (cache.size > 1 && (cache.size > TERM_CACHE_SIZE || this.cachedIds > MAX_CACHED_IDS)) {
			const oldest = cache.keys().next().value!;
			this.cachedIds -= cache.get(oldest)!.n;
			cache.delete(oldest);
		}
		return m;
	}

	private scanVocabulary(term: string, m: TermMatches): void {
		const total = this.words.length;
		for (let c = Math.floor(m.scanned / CHUNK_WORDS); c * CHUNK_WORDS < total; c++) findInChunk(this.chunk(c), c * CHUNK_WORDS, term, m);
		m.scanned = total;
	}

	/** The joined words of chunk `c`, rebuilt when words were added to it since. */
	private chunk(c: number): VocabChunk {
		const base = c * CHUNK_WORDS;
		const count = Math.min(CHUNK_WORDS, this.words.length - base);
		const have = this.chunks[c];
		if (have && have.count === count) return have;
		const chunk = joinWords(this.words, base, count);
		this.chunks[c] = chunk;
		return chunk;
	}

	// --- indexing ---

	private indexText(slot: number, raw: string): void {
		if (this.serial >= MAX_STAMP) {
			this.wordSerial.fill(0);
			this.serial = 0;
		}
		const serial = ++this.serial;
		const text = scanText(raw);
		// Its words, in locals: the loop reads them once a word, and nothing in it scans again.
		const starts = scanStart;
		const ends = scanEnd;
		const hashes = scanHash;
		const n = scanCount;
		for (let k = 0; k < n; k++) {
			const start = starts[k]!;
			const end = ends[k]!;
			const h = hashes[k]!;
			// Find the word, or the empty cell where it goes.
			const table = this.table;
			const mask = table.length - 1;
			let cell = h & mask;
			let id = -1;
			for (;;) {
				const e = table[cell]!;
				if (e === 0) break;
				if (this.wordHash[e - 1] === h && sameWord(this.words[e - 1]!, text, start, end)) {
					id = e - 1;
					break;
				}
				cell = (cell + 1) & mask;
			}
			if (id < 0) id = this.addWord(text.slice(start, end), h, cell);
			if (this.wordSerial[id] === serial) continue;
			this.wordSerial[id] = serial;
			this.post(id, slot);
		}
	}

	private addWord(sliced: string, h: number, cell: number): number {
		const id = this.words.length;
		// A slice of a long string keeps that whole string alive; a word outlives the text it came from.
		this.words.push(sliced.length < 13 ? sliced : ` ${sliced}`.slice(1));
		this.postRest.push(undefined);
		if (id >= this.postLen.length) {
			const size = Math.ceil(this.postLen.length * 1.5);
			this.postLen = grow(this.postLen, size);
			this.postFirst = grow(this.postFirst, size);
			this.wordSerial = grow(this.wordSerial, size);
			this.wordHash = grow(this.wordHash, size);
		}
		this.wordHash[id] = h;
		this.postLen[id] = 0;
		this.table[cell] = id + 1;
		if (2 * this.words.length > this.table.length) this.rehash(this.table.length * 2);
		return id;
	}

	private rehash(size: number): void {
		const table = new Int32Array(size);
		const mask = size - 1;
		for (let id = 0; id < this.words.length; id++) {
			let cell = this.wordHash[id]! & mask;
			while (table[cell] !== 0) cell = (cell + 1) & mask;
			table[cell] = id + 1;
		}
		this.table = table;
	}

	private post(w: number, slot: number): void {
		const n = this.postLen[w]!;
		if (n === 0) {
			this.postFirst[w] = slot;
		} else {
			let rest = this.postRest[w];
			if (!rest) this.postRest[w] = rest = new Int32Array(3);
			else if (n - 1 === rest.length) this.postRest[w] = rest = grow(rest, rest.length + (rest.length >> 1) + 2);
			rest[n - 1] = slot;
		}
		this.postLen[w] = n + 1;
	}

	private free(key: string): void {
		const slots = this.keys.get(key);
		if (!slots) return;
		this.keys.delete(key);
		for (const s of slots) this.freeSlot(s);
	}

	private freeSlot(s: number): void {
		this.alive[s] = 0;
		this.slotItems[s] = undefined;
		this.live--;
		this.dead++;
	}

	private reserveSlots(needed: number): void {
		if (needed <= this.alive.length) return;
		const size = Math.max(needed, Math.ceil(this.alive.length * 1.5));
		this.alive = growBytes(this.alive, size);
		this.mark = grow(this.mark, size);
		this.slotHashA = grow(this.slotHashA, size);
		this.slotHashB = grow(this.slotHashB, size);
	}

	/**
	 * Drops dead slots now rather than when a search or update finds them too many: for a caller
	 * that would rather pay for it at an idle moment (see `stats().deadSlots`).
	 */
	compact(): void {
		this.generation++;
		if (this.dead > 0) this.compactSlots();
	}

	/**
	 * Drops dead slots: renumbers the live ones in order (so posting lists stay ascending), filters
	 * every posting list in place, and forgets the words no live item holds. Old word serials may
	 * stay behind renumbered words: they are all below the next item's serial, so harmless.
	 */
	private compactSlots(): void {
		const total = this.nextSlot;
		const remap = new Int32Array(total);
		let live = 0;
		for (let s = 0; s < total; s++) {
			if (this.alive[s] === 1) {
				remap[s] = live;
				this.slotItems[live] = this.slotItems[s];
				this.slotHashA[live] = this.slotHashA[s]!;
				this.slotHashB[live] = this.slotHashB[s]!;
				live++;
			} else remap[s] = -1;
		}
		this.slotItems.length = live;
		this.alive.fill(1, 0, live);
		this.alive.fill(0, live);

		const { postLen, postFirst, postRest, words, wordHash } = this;
		let kept = 0;
		for (let w = 0; w < words.length; w++) {
			const n = postLen[w]!;
			const rest = postRest[w];
			// In place: the write position never passes the read position.
			let out = 0;
			const first = n > 0 ? remap[postFirst[w]!]! : -1;
			if (first >= 0) {
				postFirst[w] = first;
				out = 1;
			}
			for (let p = 0; p < n - 1; p++) {
				const s = remap[rest![p]!]!;
				if (s < 0) continue;
				if (out === 0) postFirst[w] = s;
				else rest![out - 1] = s;
				out++;
			}
			if (out === 0) continue;
			if (kept !== w) {
				words[kept] = words[w]!;
				wordHash[kept] = wordHash[w]!;
				postFirst[kept] = postFirst[w]!;
			}
			postLen[kept] = out;
			postRest[kept] = out === 1 ? undefined : rest!.length > 2 * out + 8 ? rest!.slice(0, out - 1) : rest;
			kept++;
		}
		if (kept !== words.length) {
			words.length = kept;
			postRest.length = kept;
			let size = 2048;
			while (size < 4 * kept) size *= 2;
			this.rehash(size);
			this.chunks = [];
			this.termCache.clear();
		this.cachedIds = 0;
		}
		for (const slots of this.keys.values()) for (let i = 0; i < slots.length; i++) slots[i] = remap[slots[i]!]!;
		this.nextSlot = live;
		this.live = live;
		this.dead = 0;
		this.mark.fill(0);
		this.stamp = 0;
		this.hitCount = 0;
	}
}

/** Whether `text[start, end)` is `word`. */
function sameWord(word: string, text: string, start: number, end: number): boolean {
	if (word.length !== end - start) return false;
	for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
	return true;
}

