import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextSearchIndex, type TextSearchItem } from "../../../src/core/index/text-search";

/** An index over items named by strings, one text each. */
function indexOf(texts: Record<string, string[]>, options?: { minDeadToCompact?: number }): TextSearchIndex<string> {
	const index = new TextSearchIndex<string>(options);
	for (const [key, list] of Object.entries(texts)) index.set(key, items(key, list));
	return index;
}

function items(key: string, texts: readonly string[], version = 0): TextSearchItem<string>[] {
	return texts.map((text, i) => ({ item: `${key}#${i}${version ? `@${version}` : ""}`, text }));
}

function sorted(set: Set<string> | null): string[] | null {
	return set ? [...set].sort() : null;
}

describe("TextSearchIndex.search", () => {
	const index = indexOf({
		"a.md": [
			"Kubernetes operators\nCNCF\nA deep look at controllers.\n#kubernetes/operators\nhttps://cncf.example.org/ops",
			"Postgres tuning\nBlog\nVacuum and indexes.\n\nhttps://blog.example.dev/pg",
		],
		"b.md": [
			"日本語の記事\nQiita\nカフェで読んだ。Café notes.\n\nhttps://qiita.example.jp/x",
			"Tracking links\n\nStrip utm_source from URLs.\n#mesh\nhttps://example.com/?utm_source=news",
		],
	});

	it("matches prefixes, infixes and suffixes of words", () => {
		expect(sorted(index.search("kube"))).toEqual(["a.md#0"]);
		expect(sorted(index.search("bernet"))).toEqual(["a.md#0"]);
		expect(sorted(index.search("netes"))).toEqual(["a.md#0"]);
		expect(sorted(index.search("vac"))).toEqual(["a.md#1"]);
	});

	it("needs every term, each in some word", () => {
		expect(sorted(index.search("kube controllers"))).toEqual(["a.md#0"]);
		expect(sorted(index.search("kube vacuum"))).toEqual([]);
		expect(sorted(index.search("example"))).toEqual(["a.md#0", "a.md#1", "b.md#0", "b.md#1"]);
	});

	it("ignores case", () => {
		expect(sorted(index.search("POSTGRES"))).toEqual(["a.md#1"]);
		expect(sorted(index.search("cncf"))).toEqual(["a.md#0"]);
	});

	it("cuts queries at punctuation: a URL or a tag is a list of terms", () => {
		expect(sorted(index.search("cncf.example.org"))).toEqual(["a.md#0"]);
		expect(sorted(index.search("#mesh"))).toEqual(["b.md#1"]);
		expect(sorted(index.search("kubernetes/operators"))).toEqual(["a.md#0"]);
		// Terms need not be adjacent: only "every term inside a word" is asked for.
		expect(sorted(index.search("example.jp"))).toEqual(["b.md#0"]);
		expect(sorted(index.search("org.example"))).toEqual(["a.md#0"]);
	});

	it("never matches a term across a word boundary", () => {
		expect(sorted(index.search("exampleorg"))).toEqual([]);
		expect(sorted(index.search("deeplook"))).toEqual([]);
	});

	it("keeps _ inside words", () => {
		expect(sorted(index.search("utm_source"))).toEqual(["b.md#1"]);
		expect(sorted(index.search("source"))).toEqual(["b.md#1"]);
		expect(sorted(index.search("m_s"))).toEqual(["b.md#1"]);
	});

	it("finds non-Latin and accented words, however the accent is typed", () => {
		expect(sorted(index.search("日本語"))).toEqual(["b.md#0"]);
		expect(sorted(index.search("記事"))).toEqual(["b.md#0"]);
		expect(sorted(index.search("CAFÉ"))).toEqual(["b.md#0"]);
		expect(sorted(index.search("cafe\u0301"))).toEqual(["b.md#0"]);
		expect(sorted(index.search("cafe"))).toEqual([]);
	});

	it("returns null for a query without terms and an empty set for no match", () => {
		expect(index.search("")).toBeNull();
		expect(index.search(" #. ")).toBeNull();
		expect(sorted(index.search("zymurgy"))).toEqual([]);
	});
});

describe("TextSearchIndex updates", () => {
	it("replaces a key's items: old words no longer match", () => {
		const index = indexOf({ "a.md": ["alpha beta", "gamma"], "b.md": ["alpha"] });
		index.set("a.md", items("a.md", ["delta"], 1));
		expect(sorted(index.search("alpha"))).toEqual(["b.md#0"]);
		expect(sorted(index.search("gamma"))).toEqual([]);
		expect(sorted(index.search("delta"))).toEqual(["a.md#0@1"]);
		expect(index.size).toBe(2);
	});

	it("hands back the new item of an unchanged text", () => {
		const index = new TextSearchIndex<{ id: number }>();
		const first = { id: 1 };
		const second = { id: 2 };
		index.set("k", [{ item: first, text: "same words" }, { item: { id: 3 }, text: "same words" }]);
		index.set("k", [{ item: second, text: "same words" }]);
		expect([...index.search("same")!]).toEqual([second]);
		expect(index.size).toBe(1);
	});

	it("posts each distinct word of an item once", () => {
		const index = indexOf({ "a.md": ["Go go GO gopher", "go"] });
		expect(index.stats()).toEqual({ items: 2, deadSlots: 0, words: 2, postings: 3 });
	});

	it("finds words added after a term was searched", () => {
		const index = indexOf({ "a.md": ["kube"] });
		expect(sorted(index.search("kube"))).toEqual(["a.md#0"]);
		index.set("b.md", items("b.md", ["kubectl get pods"]));
		expect(sorted(index.search("kube"))).toEqual(["a.md#0", "b.md#0"]);
		index.set("a.md", items("a.md", ["nothing"], 1));
		expect(sorted(index.search("kube"))).toEqual(["b.md#0"]);
	});

	it("answers right after its cache of term matches overflows", () => {
		const texts = Array.from({ length: 300 }, (_, i) => `w${i}z`);
		const index = indexOf({ "a.md": texts });
		for (let i = 0; i < 300; i++) expect(sorted(index.search(`w${i}z`))).toEqual([`a.md#${i}`]);
		index.set("b.md", items("b.md", ["w0z w7z"]));
		expect(sorted(index.search("w0z"))).toEqual(["a.md#0", "b.md#0"]);
		expect(index.search("z")!.size).toBe(301);
	});

	it("deletes a key", () => {
		const index = indexOf({ "a.md": ["alpha"], "b.md": ["alpha beta"] });
		index.delete("a.md");
		index.delete("missing.md");
		expect(index.has("a.md")).toBe(false);
		expect(sorted(index.search("alpha"))).toEqual(["b.md#0"]);
		index.set("b.md", []);
		expect(index.has("b.md")).toBe(false);
		expect(sorted(index.search("alpha"))).toEqual([]);
		expect(index.size).toBe(0);
	});

	it("compacts on demand", () => {
		const index = indexOf({ "a.md": ["alpha one", "beta"], "b.md": ["alpha two"] });
		index.set("a.md", items("a.md", ["gamma"], 1));
		expect(index.stats()).toMatchObject({ items: 2, deadSlots: 2 });
		index.compact();
		expect(index.stats()).toEqual({ items: 2, deadSlots: 0, words: 3, postings: 3 });
		expect(sorted(index.search("alpha"))).toEqual(["b.md#0"]);
		expect(sorted(index.search("gamma"))).toEqual(["a.md#0@1"]);
		expect(index.match("a")!.indexes("a.md")).toEqual([0]);
	});

	it("clears", () => {
		const index = indexOf({ "a.md": ["alpha"] });
		index.clear();
		expect(sorted(index.search("alpha"))).toEqual([]);
		index.set("a.md", items("a.md", ["alpha"]));
		expect(sorted(index.search("alpha"))).toEqual(["a.md#0"]);
	});

	it("returns no stale item after many updates, compactions and reused slot numbers", () => {
		const index = new TextSearchIndex<string>({ minDeadToCompact: 0 });
		for (let i = 1; i <= 300; i++) {
			index.set("a", items("a", [`common aa${i}x`, `only${i}a`], i));
			index.set("b", items("b", [`common bb${i}x`], i));
			if (i % 7 === 0) index.delete("b");
			if (i % 3 === 0) {
				const expected = i % 7 === 0 ? [`a#0@${i}`] : [`a#0@${i}`, `b#0@${i}`];
				expect(sorted(index.search("common"))).toEqual(expected);
				expect(sorted(index.search(`aa${i - 1}x`))).toEqual([]);
				expect(sorted(index.search(`only${i}a`))).toEqual([`a#1@${i}`]);
			}
		}
		const stats = index.stats();
		expect(stats.items).toBe(3);
		expect(stats.deadSlots).toBeLessThan(20);
		expect(stats.words).toBeLessThan(40);
	});
});

describe("TextSearchIndex.match", () => {
	it("tells the matching items by key and position", () => {
		const index = indexOf({ "a.md": ["alpha", "beta", "alphabet"], "b.md": ["gamma"] });
		const m = index.match("alpha")!;
		expect(m.size).toBe(2);
		expect(m.indexes("a.md")).toEqual([0, 2]);
		expect(m.indexes("b.md")).toEqual([]);
		expect(m.indexes("missing.md")).toEqual([]);
		expect([0, 1, 2, 3, -1].map((i) => m.has("a.md", i))).toEqual([true, false, true, false, false]);
		expect(index.match("...")).toBeNull();
		expect(index.match("nothing")!.indexes("a.md")).toEqual([]);
	});

	it("follows the items' order after an update that keeps some slots", () => {
		const index = indexOf({ "a.md": ["one", "two", "three"] });
		index.set("a.md", items("a.md", ["new one", "three", "one"], 1));
		expect(index.match("one")!.indexes("a.md")).toEqual([0, 2]);
		expect(index.match("three")!.indexes("a.md")).toEqual([1]);
	});

	it("refuses to answer once the index changed or searched again", () => {
		const index = indexOf({ "a.md": ["alpha"] });
		const m = index.match("alpha")!;
		index.search("beta");
		expect(() => m.indexes("a.md")).toThrow();
		const m2 = index.match("alpha")!;
		index.set("b.md", items("b.md", ["alpha"]));
		expect(() => m2.has("a.md", 0)).toThrow();
		const m3 = index.match("alpha")!;
		index.compact();
		expect(() => m3.indexes("b.md")).toThrow();
	});
});

// --- model test: random updates and queries against a plain scan of the texts ---

const fold = (s: string) => s.toLowerCase().normalize("NFC");
const wordsOf = (s: string) => fold(s).match(/[\p{L}\p{N}\p{M}_]+/gu) ?? [];

/** The naive reference: every term of the query inside some word of the text. */
function naiveSearch(model: Map<string, TextSearchItem<string>[]>, query: string): Set<string> | null {
	const terms = wordsOf(query);
	if (terms.length === 0) return null;
	const out = new Set<string>();
	for (const list of model.values()) {
		for (const { item, text } of list) {
			const words = wordsOf(text);
			if (terms.every((t) => words.some((w) => w.includes(t)))) out.add(item);
		}
	}
	return out;
}

const PIECES = ["kubernetes", "Kube", "netes", "café", "cafe\u0301", "日本語", "utm_source", "a", "ab", "abc", "b", "x1", "Straße", "İstanbul", "e", "_", "42", "🚀"];
const SEPARATORS = [" ", "-", ".", "", "/", "\n", "#"];
const TERMS = ["kube", "KUBE", "net", "es", "caf", "café", "cafe\u0301", "日本", "語", "utm", "source", "utm_source", "m_s", "a", "ab", "bc", "b", "x", "1", "ß", "straße", "i\u0307", "istanbul", "e", "_", "4", "zz", "#", " . "];

const textArb = fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 6 }).map((parts) => parts.map(([p, s]) => p + s).join(""));
const queryArb = fc.array(fc.tuple(fc.constantFrom(...TERMS), fc.constantFrom(" ", ".", "-", "")), { maxLength: 3 }).map((parts) => parts.map(([t, s]) => t + s).join(""));

type Op = { kind: "set"; key: string; texts: string[] } | { kind: "delete"; key: string } | { kind: "search"; query: string } | { kind: "compact" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
	{ weight: 5, arbitrary: fc.record({ kind: fc.constant("set" as const), key: fc.constantFrom("a", "b", "c", "d"), texts: fc.array(textArb, { maxLength: 5 }) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), key: fc.constantFrom("a", "b", "c", "d") }) },
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant("search" as const), query: queryArb }) },
	{ weight: 1, arbitrary: fc.constant({ kind: "compact" as const }) },
);

/** Runs `ops` on an index and on the model, comparing every search (and match) on the way. */
function runModel(ops: readonly Op[], minDeadToCompact: number): void {
	const index = new TextSearchIndex<string>({ minDeadToCompact });
	const model = new Map<string, TextSearchItem<string>[]>();
	let version = 0;
	for (const op of ops) {
		if (op.kind === "set") {
			version++;
			// Some texts repeat the key's old ones: the index keeps those slots.
			const list = items(op.key, op.texts, version);
			index.set(op.key, list);
			if (list.length > 0) model.set(op.key, list);
			else model.delete(op.key);
		} else if (op.kind === "delete") {
			index.delete(op.key);
			model.delete(op.key);
		} else if (op.kind === "compact") {
			index.compact();
			expect(index.stats().deadSlots).toBe(0);
		} else {
			const expected = naiveSearch(model, op.query);
			expect(sorted(index.search(op.query)), op.query).toEqual(sorted(expected));
			const m = index.match(op.query);
			if (!expected) {
				expect(m).toBeNull();
				continue;
			}
			expect(m!.size).toBe(expected.size);
			for (const [key, list] of model) {
				const want = list.flatMap((it, i) => (expected.has(it.item) ? [i] : []));
				expect(m!.indexes(key)).toEqual(want);
				const buffer = new Int32Array(list.length + 1).fill(-1);
				const n = m!.indexesInto(key, buffer);
				expect([...buffer.subarray(0, n)]).toEqual(want);
			}
		}
		expect(index.size).toBe([...model.values()].reduce((n, l) => n + l.length, 0));
	}
}

describe("TextSearchIndex against a plain scan (model test)", () => {
	it("agrees when compacting as soon as it may", () => {
		fc.assert(fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => runModel(ops, 0)), { numRuns: 300 });
	});

	it("agrees when compacting rarely", () => {
		fc.assert(fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => runModel(ops, 6)), { numRuns: 200 });
	});

	it("agrees when never compacting", () => {
		fc.assert(fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => runModel(ops, 1e9)), { numRuns: 200 });
	});

	it("agrees when updates mostly repeat the old texts", () => {
		// A key's texts drawn from a small pool, so set() keeps many slots and frees a few.
		const pool = ["kubernetes café", "abc x1", "utm_source 日本語", "Straße e", "ab-b"];
		const sameish = fc.record({ kind: fc.constant("set" as const), key: fc.constantFrom("a", "b"), texts: fc.array(fc.constantFrom(...pool), { maxLength: 6 }) });
		const ops = fc.array(fc.oneof({ weight: 3, arbitrary: sameish }, { weight: 2, arbitrary: opArb }), { maxLength: 80 });
		fc.assert(fc.property(ops, (list) => runModel(list, 0)), { numRuns: 200 });
	});
});
