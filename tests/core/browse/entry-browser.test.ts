import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { generateVault } from "../../../scripts/vault-generator";
import { DigestIndex } from "../../../src/core/index/digest-index";
import {
	browse,
	BrowserCache,
	browserOptions,
	browserQuery,
	defaultBrowserState,
	entryKey,
	mergeBrowserState,
	plainSearch,
	rangesWithin,
	type BrowseOptions,
	type BrowserRow,
	type BrowserState,
	type EntryRow,
	type GroupRow,
	type PrepareSearch,
} from "../../../src/core/browse/entry-browser";
import { completeSeries } from "../../../src/core/format/series";

const WEEKLY = completeSeries({ name: "Weekly", tag: "weeklylinks" });
const TECH = completeSeries({ name: "Tech", tag: "", folder: "Tech" });

function digest(title: string, body: string[], tags = "[weeklylinks]"): string {
	return [`---`, `title: "${title}"`, `tags: ${tags}`, `---`, ...body, ``].join("\n");
}

const W1 = "Digests/w1.md";
const W2 = "Digests/w2.md";
const T1 = "Tech/t1.md";
const READING = "Digests/reading.md";

const FILES: Record<string, string> = {
	[W1]: digest("Weekly Links: 01-01-2025 to 07-01-2025", [
		"# Kubernetes",
		"[1. Blog - Fleet management at scale](https://www.example.com/fleet?utm_source=x) #k8s #Fleet",
		"",
		"- Pairs well with [[Cluster notes]].",
		"",
		"[2. CNCF - Mesh basics](https://cncf.example.org/mesh) 🌟 **(Recommended)** #mesh #k8s/mesh",
		"# Data",
		"[1. Medium - Lakehouse in an afternoon](https://medium.example.com/lake) #storage/lake",
		"",
		"- About **Iceberg**; compare [[Notes/Lakehouse]].",
		"- A second line.",
	]),
	[W2]: digest("Weekly Links: 08-01-2025 to 14-01-2025", [
		"# Kubernetes",
		"[1. Blog - Fleet management, again](http://example.com/fleet/#top) #K8s",
		"",
		"[3. Alpha - Kubernetes operators](https://alpha.example/ops)",
		"# Career",
		"[1. Medium - Interview stories](https://medium.example.com/interview)",
		"",
		"- Read before [[Cluster notes#Prep]] and [[Missing note]].",
		"",
		"[2. javascript trick](javascript:alert(1))",
	]),
	[T1]: digest("Tech roundup 15-01-2025 to 21-01-2025", ["# Data", "[1. Blog - Streaming joins explained](https://blog.example/joins) #streaming"], "[]"),
	[READING]: digest("Reading list", ["# Kubernetes", "[1. Medium - Fleet management notes](https://medium.example.com/fleet-notes)"]),
};

function build(): DigestIndex {
	const index = new DigestIndex({ parseYaml, series: [WEEKLY, TECH] });
	for (const f of ["Cluster notes.md", "Notes/Lakehouse.md"]) index.addFile(f);
	for (const [path, text] of Object.entries(FILES)) index.setNote(path, text);
	return index;
}

/** 1-based line of the first line of a file holding `needle`. */
function lineOf(path: string, needle: string): number {
	const i = FILES[path]!.split("\n").findIndex((l) => l.includes(needle));
	if (i < 0) throw new Error(`${needle} not in ${path}`);
	return i + 1;
}

function state(change: Partial<BrowserState> = {}): BrowserState {
	return { ...defaultBrowserState(), ...change };
}

function rowsOf(index: DigestIndex, change: Partial<BrowserState> = {}, options: BrowseOptions = {}): BrowserRow[] {
	return browse(index, state(change), options).rows.toArray();
}

/** Rows as short strings: `## label (count)` for groups, `title` for entries, `> commentary` for panels. */
function outline(rows: Iterable<BrowserRow>): string[] {
	return [...rows].map((r) => {
		switch (r.kind) {
			case "group":
				return `## ${r.label} (${r.count})${r.collapsed ? " collapsed" : ""}`;
			case "entry":
				return r.entry.entry.title;
			case "detail":
				return `> ${r.entry.entry.title}`;
			case "problem":
				return `! ${r.problem.code} ${r.problem.path}:${r.problem.line}`;
		}
	});
}

function entries(rows: Iterable<BrowserRow>): EntryRow[] {
	return [...rows].filter((r): r is EntryRow => r.kind === "entry");
}

function titles(rows: Iterable<BrowserRow>): string[] {
	return entries(rows).map((r) => r.entry.entry.title);
}

describe("browse: all entries", () => {
	it("groups by category in the order first met, newest digest first, with counts", () => {
		const result = browse(build(), state());
		expect(result.matched).toBe(9);
		expect(outline(result.rows)).toEqual([
			"## Data (2)",
			"Streaming joins explained",
			"Lakehouse in an afternoon",
			"## Kubernetes (5)",
			"Fleet management, again",
			"Kubernetes operators",
			"Fleet management at scale",
			"Mesh basics",
			"Fleet management notes",
			"## Career (2)",
			"Interview stories",
			"javascript trick",
		]);
	});

	it("lists newest digest first, document order within, undated digests last", () => {
		const rows = rowsOf(build(), { groupBy: "none" });
		expect(rows.every((r) => r.kind === "entry")).toBe(true);
		expect(entries(rows).map((r) => r.entry.digest.path)).toEqual([T1, W2, W2, W2, W2, W1, W1, W1, READING]);
		expect(titles(rows).slice(1, 5)).toEqual(["Fleet management, again", "Kubernetes operators", "Interview stories", "javascript trick"]);
	});

	it("lists digests starting the same day by path, and after the newer ones", () => {
		const index = build();
		const same = digest("Weekly Links: 08-01-2025 to 10-01-2025", ["# Data", "[1. Blog - Same day](https://same.example/a)"]);
		index.setNote("Digests/a-same.md", same);
		index.setNote("Digests/z-same.md", same);
		const paths = entries(rowsOf(index, { groupBy: "none" })).map((r) => r.entry.digest.path);
		expect([...new Set(paths)]).toEqual([T1, "Digests/a-same.md", W2, "Digests/z-same.md", W1, READING]);
	});

	it("keys entries by digest path and line, stable across re-indexing of other digests", () => {
		const index = build();
		const cache = new BrowserCache();
		const before = entries(browse(index, state({ groupBy: "none" }), { cache }).rows);
		const lake = before.find((r) => r.entry.entry.title === "Lakehouse in an afternoon")!;
		expect(lake.key).toBe(`${W1}:${lineOf(W1, "Lakehouse")}`);
		expect(lake.entryKey).toBe(lake.key);
		expect(entryKey(lake.entry)).toBe(lake.key);
		expect(new Set(before.map((r) => r.key)).size).toBe(before.length);

		index.setNote(W2, FILES[W2]!.replace("Interview stories", "Interview stories, revised"));
		const after = entries(browse(index, state({ groupBy: "none" }), { cache }).rows);
		expect(after.map((r) => r.key)).toEqual(before.map((r) => r.key));
		expect(titles(after)).toContain("Interview stories, revised");
		// Rows of untouched digests are the same objects: a view need not redraw them.
		expect(after.find((r) => r.key === lake.key)).toBe(lake);
	});

	it("groups by digest under the digests' titles, and by source with sourceless entries last", () => {
		const index = build();
		expect(outline(rowsOf(index, { groupBy: "digest" })).filter((l) => l.startsWith("##"))).toEqual([
			"## Tech roundup 15-01-2025 to 21-01-2025 (1)",
			"## Weekly Links: 08-01-2025 to 14-01-2025 (4)",
			"## Weekly Links: 01-01-2025 to 07-01-2025 (3)",
			"## Reading list (1)",
		]);
		expect(outline(rowsOf(index, { groupBy: "source" })).filter((l) => l.startsWith("##"))).toEqual([
			"## Alpha (1)",
			"## Blog (3)",
			"## CNCF (1)",
			"## Medium (3)",
			"## No source (1)",
		]);
	});

	it("puts an entry under each of its tags (once per tag whatever its case), untagged ones under No tag", () => {
		const rows = rowsOf(build(), { groupBy: "tag" });
		const groups = rows.filter((r): r is GroupRow => r.kind === "group");
		expect(groups.map((g) => `${g.label} ${g.count}`)).toEqual(["#Fleet 1", "#K8s 2", "#k8s/mesh 1", "#mesh 1", "#storage/lake 1", "#streaming 1", "No tag 4"]);
		const under = (label: string) => {
			const start = rows.findIndex((r) => r.kind === "group" && r.label === label);
			const end = rows.findIndex((r, i) => i > start && r.kind === "group");
			return titles(rows.slice(start + 1, end < 0 ? undefined : end));
		};
		expect(under("#K8s")).toEqual(["Fleet management, again", "Fleet management at scale"]);
		expect(under("#Fleet")).toEqual(["Fleet management at scale"]);
		expect(under("No tag")).toEqual(["Kubernetes operators", "Interview stories", "javascript trick", "Fleet management notes"]);
		// An entry standing under two tags has two rows with distinct keys and one entry key.
		const fleet = entries(rows).filter((r) => r.entry.entry.title === "Fleet management at scale");
		expect(fleet).toHaveLength(2);
		expect(new Set(fleet.map((r) => r.entryKey)).size).toBe(1);
		const keys = rows.map((r) => r.key);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it("collapses groups: the header keeps its count, its entries are left out", () => {
		const index = build();
		const rows = rowsOf(index, { collapsed: ["category:kubernetes", "category:nothing"] });
		expect(outline(rows)).toEqual(["## Data (2)", "Streaming joins explained", "Lakehouse in an afternoon", "## Kubernetes (5) collapsed", "## Career (2)", "Interview stories", "javascript trick"]);
		const tagRows = rowsOf(index, { groupBy: "tag", collapsed: ["tag:"] });
		expect(outline(tagRows).at(-1)).toBe("## No tag (4) collapsed");
	});

	it("follows an expanded entry with its commentary; entries without commentary have none", () => {
		const index = build();
		const lake = `${W1}:${lineOf(W1, "Lakehouse")}`;
		const mesh = `${W1}:${lineOf(W1, "Mesh basics")}`;
		const rows = rowsOf(index, { expanded: [lake, mesh, "Gone.md:3", "no line"], groupBy: "none" });
		expect(outline(rows).slice(5, 9)).toEqual(["Fleet management at scale", "Mesh basics", "Lakehouse in an afternoon", "> Lakehouse in an afternoon"]);
		const row = entries(rows).find((r) => r.entryKey === lake)!;
		expect(row.expanded).toBe(true);
		expect(entries(rows).find((r) => r.entryKey === mesh)!.expanded).toBe(true);
		const detail = rows.find((r) => r.kind === "detail")!;
		expect(detail.key).toBe(`${lake}::detail`);
	});
});

describe("browse: filters", () => {
	const index = build();

	it("applies the index's structured filters, ignoring case", () => {
		expect(titles(rowsOf(index, { category: "kubernetes", groupBy: "none" }))).toHaveLength(5);
		expect(titles(rowsOf(index, { source: "MEDIUM", groupBy: "none" }))).toEqual(["Interview stories", "Lakehouse in an afternoon", "Fleet management notes"]);
		// A tag keeps its nested tags.
		expect(titles(rowsOf(index, { tag: "k8s", groupBy: "none" }))).toEqual(["Fleet management, again", "Fleet management at scale", "Mesh basics"]);
		expect(titles(rowsOf(index, { recommendedOnly: true }))).toEqual(["Mesh basics"]);
		expect(titles(rowsOf(index, { series: "Tech" }))).toEqual(["Streaming joins explained"]);
	});

	it("keeps digests whose period overlaps from..to; undated digests drop out", () => {
		expect(titles(rowsOf(index, { from: "2025-01-08", to: "2025-01-10", groupBy: "none" }))).toEqual(["Fleet management, again", "Kubernetes operators", "Interview stories", "javascript trick"]);
		expect(titles(rowsOf(index, { from: "2025-01-14", groupBy: "none" }))).toHaveLength(5);
		expect(browserQuery(state({ from: "2025-02-30", to: "soon" }))).toEqual({});
	});

	it("searches title, source, commentary, tags and URL; every word must appear", () => {
		expect(titles(rowsOf(index, { search: "fleet", groupBy: "none" }))).toEqual(["Fleet management, again", "Fleet management at scale", "Fleet management notes"]);
		expect(titles(rowsOf(index, { search: "FLEET again" }))).toEqual(["Fleet management, again"]);
		expect(titles(rowsOf(index, { search: "iceberg" }))).toEqual(["Lakehouse in an afternoon"]);
		expect(titles(rowsOf(index, { search: "alpha.example/ops" }))).toEqual(["Kubernetes operators"]);
		expect(titles(rowsOf(index, { search: "#streaming" }))).toEqual(["Streaming joins explained"]);
		expect(titles(rowsOf(index, { search: "cncf" }))).toEqual(["Mesh basics"]);
		expect(titles(rowsOf(index, { search: "fleet zzz" }))).toEqual([]);
		expect(titles(rowsOf(index, { search: "fleet", source: "medium" }))).toEqual(["Fleet management notes"]);
	});

	it("marks the words where they stand in the title", () => {
		const rows = entries(rowsOf(index, { search: "fleet MAN", groupBy: "none" }));
		expect(rows[0]!.matches).toEqual([[0, 5], [6, 9]]);
		// Found in its commentary only: nothing to mark.
		expect(entries(rowsOf(index, { search: "iceberg" }))[0]!.matches).toEqual([]);
		expect(entries(rowsOf(index, {}))[0]!.matches).toEqual([]);
	});

	it("takes any injected matcher: a word search narrows through the index, any other runs over each entry's text", () => {
		// Matches texts that start with the query; marks its first two characters.
		const calls: string[] = [];
		const startsWith: PrepareSearch = (q) => {
			calls.push(q);
			return (text) => (text.toLowerCase().startsWith(q.toLowerCase()) ? { matches: [[0, 2], [text.length - 1, text.length + 5]] } : null);
		};
		const rows = entries(rowsOf(index, { search: "kube", groupBy: "none" }, { prepareSearch: startsWith, wordSearch: false }));
		expect(rows.map((r) => r.entry.entry.title)).toEqual(["Kubernetes operators"]);
		expect(rows[0]!.matches).toEqual([[0, 2]]);
		// The same matcher treated as a word search: the index finds "kube" anywhere, the matcher only marks titles.
		const words = entries(rowsOf(index, { search: "kube", groupBy: "none" }, { prepareSearch: startsWith, wordSearch: true }));
		expect(words.map((r) => r.entry.entry.title)).toEqual(["Kubernetes operators"]);
		expect(calls).toContain("kube");
	});

	it("says which filters are set", () => {
		expect(browserQuery(state({ series: "Weekly", category: "Data", source: "Blog", tag: "#x", recommendedOnly: true, from: "2025-01-01", to: "2025-01-31" }))).toEqual({
			series: "Weekly",
			category: "Data",
			source: "Blog",
			tag: "#x",
			recommended: true,
			from: { year: 2025, month: 1, day: 1 },
			to: { year: 2025, month: 1, day: 31 },
		});
	});
});

describe("browse: mentions, duplicates, problems", () => {
	const index = build();

	it("lists the entries whose commentary links to the open note, filtered", () => {
		const mentions = rowsOf(index, { mode: "mentions", groupBy: "none" }, { activeNotePath: "Cluster notes.md" });
		expect(titles(mentions)).toEqual(["Interview stories", "Fleet management at scale"]);
		expect(titles(rowsOf(index, { mode: "mentions", category: "career" }, { activeNotePath: "Cluster notes.md" }))).toEqual(["Interview stories"]);
		expect(titles(rowsOf(index, { mode: "mentions", search: "pairs" }, { activeNotePath: "Cluster notes.md" }))).toEqual(["Fleet management at scale"]);
		expect(outline(rowsOf(index, { mode: "mentions" }, { activeNotePath: "Notes/Lakehouse.md" }))).toEqual(["## Data (1)", "Lakehouse in an afternoon"]);
		expect(rowsOf(index, { mode: "mentions" }, { activeNotePath: null })).toEqual([]);
		expect(rowsOf(index, { mode: "mentions" }, { activeNotePath: "Nobody links here.md" })).toEqual([]);
	});

	it("groups the occurrences of each shared link under the link, newest first", () => {
		const result = browse(index, state({ mode: "duplicates", groupBy: "tag" }));
		expect(outline(result.rows)).toEqual(["## http://example.com/fleet/#top (2)", "Fleet management, again", "Fleet management at scale"]);
		expect(result.rows.at(0).key).toBe("duplicate:https://example.com/fleet");
		expect(result.groups).toBe(1);
		expect(result.matched).toBe(2);
		// One occurrence passing the filters lists the link with all its occurrences.
		expect(titles(rowsOf(index, { mode: "duplicates", search: "again" }))).toEqual(["Fleet management, again", "Fleet management at scale"]);
		expect(titles(rowsOf(index, { mode: "duplicates", from: "2025-01-01", to: "2025-01-02" }))).toHaveLength(2);
		expect(rowsOf(index, { mode: "duplicates", search: "operators" })).toEqual([]);
		expect(rowsOf(index, { mode: "duplicates", series: "Tech" })).toEqual([]);
		expect(outline(rowsOf(index, { mode: "duplicates", collapsed: ["duplicate:https://example.com/fleet"] }))).toEqual(["## http://example.com/fleet/#top (2) collapsed"]);
	});

	it("lists the check's problems by digest, newest first", () => {
		const result = browse(index, state({ mode: "problems" }));
		const rows = result.rows.toArray();
		expect(rows[0]).toMatchObject({ kind: "group", key: `problems:${W2}`, label: "Weekly Links: 08-01-2025 to 14-01-2025" });
		const codes = rows.filter((r) => r.kind === "problem").map((r) => (r.kind === "problem" ? `${r.problem.path} ${r.problem.code}` : ""));
		expect(codes).toEqual(expect.arrayContaining([`${W2} numbering`, `${W2} unresolved-link`, `${W2} duplicate-url`, `${W1} duplicate-url`]));
		expect(result.matched).toBe(codes.length);
		expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
		expect(outline(rowsOf(index, { mode: "problems", search: "missing" }))).toEqual([`## Weekly Links: 08-01-2025 to 14-01-2025 (1)`, `! unresolved-link ${W2}:${lineOf(W2, "Missing note")}`]);
		expect(rowsOf(index, { mode: "problems", series: "Tech" })).toEqual([]);
		expect(outline(rowsOf(index, { mode: "problems", from: "2025-01-01", to: "2025-01-07" }))[0]).toMatch(/^## Weekly Links: 01-01-2025/);
		expect(outline(rowsOf(index, { mode: "problems", collapsed: [`problems:${W2}`] }))[0]).toMatch(/\(\d+\) collapsed$/);
	});
});

describe("browserOptions", () => {
	it("lists series, categories, sources and tags (with their parents) with entry counts", () => {
		const index = build();
		const o = browserOptions(index);
		expect(o.series).toEqual([{ value: "Weekly", count: 8 }, { value: "Tech", count: 1 }]);
		expect(o.categories).toEqual([{ value: "Career", count: 2 }, { value: "Data", count: 2 }, { value: "Kubernetes", count: 5 }]);
		expect(o.sources).toEqual([{ value: "Alpha", count: 1 }, { value: "Blog", count: 3 }, { value: "CNCF", count: 1 }, { value: "Medium", count: 3 }]);
		// k8s, K8s and the parent of k8s/mesh are one tag, under its commonest spelling.
		expect(o.tags).toEqual([
			{ value: "Fleet", count: 1 },
			{ value: "k8s", count: 3 },
			{ value: "k8s/mesh", count: 1 },
			{ value: "mesh", count: 1 },
			{ value: "storage", count: 1 },
			{ value: "storage/lake", count: 1 },
			{ value: "streaming", count: 1 },
		]);
		const tech = browserOptions(index, "Tech");
		expect([tech.categories, tech.sources, tech.tags]).toEqual([[{ value: "Data", count: 1 }], [{ value: "Blog", count: 1 }], [{ value: "streaming", count: 1 }]]);
	});

	it("counts what each filter keeps", () => {
		const index = build();
		const o = browserOptions(index);
		for (const c of o.categories) expect(index.query({ category: c.value })).toHaveLength(c.count);
		for (const s of o.sources) expect(index.query({ source: s.value })).toHaveLength(s.count);
		for (const t of o.tags) expect(index.query({ tag: t.value })).toHaveLength(t.count);
	});

	it("is recomputed when the index changes", () => {
		const index = build();
		const cache = new BrowserCache();
		const before = browserOptions(index, undefined, cache);
		expect(browserOptions(index, undefined, cache)).toBe(before);
		index.removeNote(T1);
		expect(browserOptions(index, undefined, cache).series).toEqual([{ value: "Weekly", count: 8 }, { value: "Tech", count: 0 }]);
	});
});

describe("the search matcher", () => {
	it("plainSearch needs every word, any case, and reports all their occurrences in order", () => {
		const m = plainSearch("  Fleet  man ");
		expect(m("Fleet management of the fleet")).toEqual({ matches: [[0, 5], [6, 9], [24, 29]] });
		expect(m("fleet only")).toBeNull();
		expect(plainSearch("   ")("anything")).toBeNull();
	});

	it("rangesWithin clips to the title, sorts and merges", () => {
		expect(rangesWithin([[8, 12], [0, 3], [2, 5], [10, 40], [50, 60]], 20)).toEqual([[0, 5], [8, 20]]);
		expect(rangesWithin([[30, 40]], 20)).toEqual([]);
	});
});

describe("mergeBrowserState", () => {
	it("takes the known, well-typed fields and ignores the rest", () => {
		const base = state({ category: "Data", collapsed: ["a"] });
		const merged = mergeBrowserState(base, {
			mode: "duplicates",
			search: "fleet",
			series: "Weekly",
			category: null,
			source: 42,
			tag: "",
			recommendedOnly: "yes",
			from: "2025-01-01",
			to: "2025-02-30",
			groupBy: "colour",
			collapsed: ["x", 3, "x", "y"],
			expanded: "nope",
			extra: true,
		});
		expect(merged).toEqual({ ...defaultBrowserState(), mode: "duplicates", search: "fleet", series: "Weekly", from: "2025-01-01", collapsed: ["x", "y"] });
		expect(base).toEqual(state({ category: "Data", collapsed: ["a"] }));
		for (const junk of [null, undefined, "state", 3, ["mode"]]) expect(mergeBrowserState(base, junk)).toEqual(base);
		expect(mergeBrowserState(base, { mode: "problems", groupBy: "tag", recommendedOnly: true })).toMatchObject({ mode: "problems", groupBy: "tag", recommendedOnly: true });
	});

	it("caps saved key lists", () => {
		const keys = Array.from({ length: 800 }, (_, i) => `k${i}`);
		const merged = mergeBrowserState(defaultBrowserState(), { expanded: keys });
		expect(merged.expanded).toHaveLength(500);
		expect(merged.expanded.at(-1)).toBe("k799");
	});
});

describe("row layout", () => {
	it("places rows by their kinds' heights and finds the row at an offset", () => {
		const index = build();
		const expanded = [`${W1}:${lineOf(W1, "Lakehouse")}`];
		const rows = browse(index, state({ expanded })).rows;
		const heights = { group: 30, entry: 48, problem: 40, detail: () => 100 };
		const layout = rows.layout(heights);
		const list = rows.toArray();
		expect(list.map((r) => r.kind).join(" ")).toBe("group entry entry detail group entry entry entry entry entry group entry entry");
		const want = [0];
		for (const r of list) want.push(want.at(-1)! + (r.kind === "detail" ? 100 : heights[r.kind]));
		expect(list.map((_, i) => layout.top(i)).concat(layout.height)).toEqual(want);
		expect(layout.top(list.length)).toBe(layout.height);
		// Offsets inside a row, at its top, past the end and before the start.
		expect([0, 29, 30, 77, 78, 126, 225, 226, 10_000, -5].map((y) => layout.indexAt(y))).toEqual([0, 0, 1, 1, 2, 3, 3, 4, 12, 0]);
		const empty = browse(index, state({ search: "nothing matches this" })).rows;
		expect(empty.length).toBe(0);
		expect(empty.layout(heights).height).toBe(0);
		expect(empty.layout(heights).indexAt(50)).toBe(0);
		expect(() => empty.at(0)).toThrow(RangeError);
	});
});

describe("the cache", () => {
	it("reuses the selection while only collapsing or grouping changes, and recomputes when the index changes", () => {
		// Unfiltered, browsing reads the index's digests without a query; filtered, it runs one per change.
		const index = build();
		const cache = new BrowserCache();
		let queries = 0;
		// Every query goes through matchEach (query() itself does).
		const matchEach = index.matchEach.bind(index);
		index.matchEach = (q, each) => {
			queries++;
			matchEach(q, each);
		};
		const kube = { category: "Kubernetes" };
		browse(index, state(kube), { cache });
		browse(index, state({ ...kube, collapsed: ["category:kubernetes"] }), { cache });
		browse(index, state({ ...kube, groupBy: "tag", expanded: [`${W1}:${lineOf(W1, "Mesh")}`] }), { cache });
		expect(queries).toBe(1);
		browse(index, state({ ...kube, search: "fleet" }), { cache });
		expect(queries).toBe(2);
		index.setNote(READING, FILES[READING]!.replace("notes", "notes, updated"));
		expect(titles(browse(index, state({ ...kube, search: "fleet" }), { cache }).rows)).toContain("Fleet management notes, updated");
		expect(queries).toBe(3);
	});
});

describe("the row list, on a generated vault", () => {
	// A vault of the generator's making: many digests, categories, sources, tags, shared links.
	const vault = generateVault({ digests: 40, seed: 11 });
	const index = new DigestIndex({ parseYaml, series: [completeSeries({ name: "Weekly", tag: "weeklylinks" })] });
	for (const path of vault.keys()) index.addFile(path);
	for (const [path, text] of vault) if (path.endsWith(".md")) index.setNote(path, text);
	const all = index.allEntries();
	const keyOf = (ie: (typeof all)[number]) => entryKey(ie);

	const stateArb = fc.record({
		mode: fc.constantFrom<BrowserState["mode"]>("all", "duplicates", "mentions"),
		groupBy: fc.constantFrom<BrowserState["groupBy"]>("category", "digest", "source", "tag", "none"),
		search: fc.constantFrom("", "go", "rust data", "zz-nothing"),
		recommendedOnly: fc.boolean(),
		expanded: fc.subarray(all.slice(0, 400).map(keyOf), { maxLength: 6 }),
		collapseFirst: fc.boolean(),
	});

	it("reads the same rows by index as in order, with unique keys, and lays them out by their heights", () => {
		fc.assert(
			fc.property(stateArb, ({ collapseFirst, ...change }) => {
				const cache = new BrowserCache();
				const options = { cache, activeNotePath: mentioned() };
				let result = browse(index, state(change), options);
				if (collapseFirst && result.rows.length > 0) result = browse(index, state({ ...change, collapsed: [result.rows.at(0).key] }), options);
				const rows = result.rows.toArray();
				expect(rows).toHaveLength(result.rows.length);
				rows.forEach((r, i) => expect(result.rows.at(i)).toBe(r));
				expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
				// Each header counts the entries under it; shown (not collapsed), they follow it.
				rows.forEach((r, i) => {
					if (r.kind !== "group" || r.collapsed) return;
					let n = 0;
					for (let j = i + 1; j < rows.length && rows[j]!.kind !== "group"; j++) if (rows[j]!.kind === "entry") n++;
					expect(n).toBe(r.count);
				});
				// Every expanded entry shown is followed by its commentary, when it has one.
				rows.forEach((r, i) => {
					if (r.kind === "entry" && r.expanded && r.entry.entry.commentary !== "") expect(rows[i + 1]).toMatchObject({ kind: "detail", entryKey: r.entryKey });
				});
				const heights = { group: 30, entry: 48, problem: 40, detail: (d: { entry: { entry: { line: number } } }) => 50 + (d.entry.entry.line % 7) };
				const layout = result.rows.layout(heights);
				let y = 0;
				rows.forEach((r, i) => {
					expect(layout.top(i)).toBe(y);
					expect(layout.indexAt(y)).toBe(i);
					const h = r.kind === "detail" ? heights.detail(r) : heights[r.kind];
					expect(layout.indexAt(y + h - 0.5)).toBe(i);
					y += h;
				});
				expect(layout.height).toBe(y);
			}),
			{ numRuns: 60 },
		);
	});

	it("shows the same entries whatever the grouping", () => {
		fc.assert(
			fc.property(fc.constantFrom("", "go", "rust data"), fc.boolean(), (search, recommendedOnly) => {
				const cache = new BrowserCache();
				const shown = (groupBy: BrowserState["groupBy"]) => {
					const result = browse(index, state({ search, recommendedOnly, groupBy }), { cache });
					return { keys: entries(result.rows).map((r) => r.entryKey), matched: result.matched };
				};
				const none = shown("none");
				expect(none.keys).toHaveLength(none.matched);
				for (const g of ["category", "digest", "source"] as const) {
					const other = shown(g);
					expect(other.matched).toBe(none.matched);
					expect([...other.keys].sort()).toEqual([...none.keys].sort());
				}
				// Under tags an entry stands once a tag: at least once.
				expect(new Set(shown("tag").keys)).toEqual(new Set(none.keys));
			}),
			{ numRuns: 12 },
		);
	});

	function mentioned(): string | null {
		for (const ie of all) for (const l of ie.entry.links) if (l.resolved) return l.resolved;
		return null;
	}
});
