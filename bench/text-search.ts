/**
 * Benchmark of TextSearchIndex alone: `npx tsx bench/text-search.ts [digests]` (default 5,000, about
 * 100,000 entries). Prints the build time, search times over the query mix of `npm run bench` (item
 * d) plus prefixes and infixes, the time of set() for one changed digest, and the heap the index
 * takes. Also checks every query's hits against a plain scan of the texts.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parse as parseYaml } from "yaml";
import { generateVault } from "../scripts/vault-generator";
import { edited, median, nowMs, percentile, queries } from "./bench-support";
import { parseDigest } from "../src/core/format/parser";
import { TextSearchIndex, type TextSearchItem } from "../src/core/index/text-search";
import { queryTerms, tokenize } from "../src/core/index/tokenize";
import type { Digest, Entry } from "../src/core/format/types";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function memory(): { heap: number; arrayBuffers: number } {
	gc();
	gc();
	const m = process.memoryUsage();
	return { heap: m.heapUsed / 2 ** 20, arrayBuffers: m.arrayBuffers / 2 ** 20 };
}

function ms(v: number): string {
	return v < 1 ? `${(v * 1000).toFixed(0)} µs` : `${v.toFixed(2)} ms`;
}

/** The searchable text of an entry, as DigestIndex builds it. */
function entryText(e: Entry): string {
	return `${e.title}\n${e.source ?? ""}\n${e.commentary}\n${e.tags.map((t) => `#${t}`).join(" ")}\n${e.url}`;
}

/** What the index holds per entry: a small object, as DigestIndex's IndexedEntry. */
interface Item {
	entry: Entry;
	digest: Digest;
}

function itemsOf(d: Digest, wrapped?: readonly Item[]): TextSearchItem<Item>[] {
	const items: TextSearchItem<Item>[] = [];
	for (const c of d.categories) for (const entry of c.entries) items.push({ item: wrapped?.[items.length] ?? { entry, digest: d }, text: entryText(entry) });
	return items;
}

const EXTRA = ["kube", "postg", "observ", "netes", "grafana dashboard", "cncf.io", "#deep-dive", "rust latency budget", "e", "zym"];

/** What DigestIndex.query would do with the hits: walk every entry in order, keep the matching ones. */
function viaSearch(index: TextSearchIndex<Item>, digests: readonly Parsed[], q: string): number {
	const hits = index.search(q);
	if (!hits) return -1;
	let n = 0;
	for (const d of digests) for (const e of d.entries) if (hits.has(e)) n++;
	return n;
}

function viaMatch(index: TextSearchIndex<Item>, digests: readonly Parsed[], q: string): number {
	const hits = index.match(q);
	if (!hits) return -1;
	let n = 0;
	if (hits.size === 0) return 0;
	for (const d of digests) for (const i of hits.indexes(d.path)) if (d.entries[i]!.entry.url !== "") n++;
	return n;
}

interface Parsed {
	path: string;
	/** The note's text. */
	text: string;
	entries: Item[];
	digest: Digest;
}

function timeQueries(list: readonly string[], run: (q: string) => number): { perQuery: number[]; hits: number[] } {
	const perQuery: number[] = [];
	const hits: number[] = [];
	for (const q of list) {
		hits.push(run(q));
		const samples: number[] = [];
		for (let r = 0; r < 5; r++) {
			const t = nowMs();
			run(q);
			samples.push(nowMs() - t);
		}
		perQuery.push(median(samples));
	}
	return { perQuery, hits };
}

function summary(samples: readonly number[]): string {
	return `median ${ms(median(samples))}, p90 ${ms(percentile(samples, 90))}, max ${ms(Math.max(...samples))}`;
}

function main(): void {
	const digestCount = Number(process.argv[2] ?? 5000);
	const vault = generateVault({ digests: digestCount });
	const parsed: Parsed[] = [...vault]
		.filter(([p]) => p.startsWith("Digests/") && p.endsWith(".md"))
		.map(([path, text]) => {
			const digest = parseDigest(text, path, { parseYaml });
			return { path, text, digest, entries: digest.categories.flatMap((c) => c.entries.map((entry) => ({ entry, digest }))) };
		});
	const entries = parsed.reduce((n, d) => n + d.entries.length, 0);
	const chars = parsed.reduce((n, d) => n + d.entries.reduce((m, e) => m + entryText(e.entry).length, 0), 0);
	console.log(`Node ${process.version}; ${parsed.length} digests, ${entries} entries, ${(chars / 1e6).toFixed(1)} M characters of searchable text`);

	// The texts are built as they are indexed and dropped after, as DigestIndex would.
	const before = memory();
	const index = new TextSearchIndex<Item>();
	const t0 = nowMs();
	for (const d of parsed) index.set(d.path, itemsOf(d.digest, d.entries));
	const buildMs = nowMs() - t0;
	const after = memory();
	const stats = index.stats();
	console.log(`build: ${buildMs.toFixed(0)} ms (${ms(buildMs / parsed.length)} a digest, texts built included); ${stats.words} words, ${stats.postings} postings`);
	console.log(`memory: heap +${(after.heap - before.heap).toFixed(1)} MB, array buffers (outside the heap) +${(after.arrayBuffers - before.arrayBuffers).toFixed(1)} MB`);

	// Correctness against a plain scan: every term inside some word of the text.
	const list = [...queries(), ...EXTRA];
	const words = new Map<Item, string[]>();
	for (const d of parsed) for (const e of d.entries) words.set(e, tokenize(entryText(e.entry)));
	for (const q of list) {
		const terms = queryTerms(q);
		let expected = 0;
		for (const ws of words.values()) if (terms.every((t) => ws.some((w) => w.includes(t)))) expected++;
		const got = index.search(q)?.size ?? -1;
		const got2 = viaMatch(index, parsed, q);
		if (got !== expected || got2 !== expected) throw new Error(`"${q}": ${got} hits (${got2} by match), a plain scan finds ${expected}`);
	}
	words.clear();

	// Cold: in a fresh index no term's vocabulary matches are cached yet.
	const cold = new TextSearchIndex<Item>();
	for (const d of parsed) cold.set(d.path, itemsOf(d.digest, d.entries));
	const coldTimes = list.map((q) => {
		const t = nowMs();
		cold.match(q);
		return nowMs() - t;
	});
	cold.clear();

	// Warm: one warm-up search, then the median of 5, as `npm run bench` does.
	const runList = queries().length;
	const bare = timeQueries(list, (q) => index.match(q)?.size ?? -1);
	const set = timeQueries(list, (q) => index.search(q)?.size ?? -1);
	const walkSet = timeQueries(list, (q) => viaSearch(index, parsed, q));
	const walkMatch = timeQueries(list, (q) => viaMatch(index, parsed, q));
	console.log(`\nTimes per query (median of 5 after a warm-up), over the ${runList} queries of npm run bench / all ${list.length}:`);
	const line = (name: string, t: number[]) => console.log(`  ${name}: ${summary(t.slice(0, runList))} / ${summary(t)}`);
	line("match() alone", bare.perQuery);
	line("search() alone (builds the Set)", set.perQuery);
	line("search() + Set.has over every entry", walkSet.perQuery);
	line("match() + indexes() of every digest", walkMatch.perQuery);
	line("first match() of each query on a fresh index (cold term cache)", coldTimes);
	console.log("\nPer query: hits, match(), search(), search()+walk, match()+walk, cold match()");
	for (let i = 0; i < list.length; i++) console.log(`  ${JSON.stringify(list[i])}: ${set.hits[i]}, ${ms(bare.perQuery[i]!)}, ${ms(set.perQuery[i]!)}, ${ms(walkSet.perQuery[i]!)}, ${ms(walkMatch.perQuery[i]!)}, ${ms(coldTimes[i]!)}`);

	// Updates: a changed digest parsed and its texts built, then only set() timed. Half the edits
	// change one word of a commentary (all the entries of its group change), half append an entry.
	const n = parsed.length;
	const update = (k: number) => {
		const d = parsed[(k * 7919) % n]!;
		const items = itemsOf(parseDigest(edited(d.text, k), d.path, { parseYaml }));
		const t = nowMs();
		index.set(d.path, items);
		return nowMs() - t;
	};
	for (let k = 0; k < 40; k++) update(1000 + k);
	const updates: number[] = [];
	for (let k = 0; k < 400; k++) updates.push(update(k));
	console.log(`\nset() of one changed digest: ${summary(updates)}`);
	const unchanged: number[] = [];
	for (let k = 0; k < 400; k++) {
		const d = parsed[(k * 7919) % n]!;
		const items = itemsOf(d.digest, d.entries);
		const t = nowMs();
		index.set(d.path, items);
		unchanged.push(nowMs() - t);
	}
	console.log(`set() of an unchanged digest (texts hashed, nothing tokenised): ${summary(unchanged)}`);
	const fresh: number[] = [];
	for (let k = 0; k < 200; k++) {
		const d = parsed[(k * 7919) % n]!;
		const items = itemsOf(d.digest, d.entries).map((it, i) => ({ item: it.item, text: `${it.text} fresh${k}x${i}` }));
		const t = nowMs();
		index.set(d.path, items);
		fresh.push(nowMs() - t);
	}
	console.log(`set() of a digest whose every entry changed (all tokenised): ${summary(fresh)}`);

	// Compaction: replace every entry of digest after digest until dead slots pass half the live
	// ones, then time the search that compacts.
	let k = 0;
	while (index.stats().deadSlots * 2 <= index.stats().items) {
		const d = parsed[k % n]!;
		index.set(d.path, itemsOf(d.digest, d.entries).map((it, i) => ({ item: it.item, text: `${it.text} churn${k}x${i}` })));
		k++;
	}
	const deadBefore = index.stats().deadSlots;
	const t3 = nowMs();
	index.match("kafka");
	const compactMs = nowMs() - t3;
	console.log(`compaction: after ${k} digests replaced whole (${deadBefore} dead slots, ${index.size} live), the search that compacted took ${ms(compactMs)}; after it: median match() ${ms(median(timeQueries(queries(), (q) => index.match(q)?.size ?? -1).perQuery))}`);
}

main();
