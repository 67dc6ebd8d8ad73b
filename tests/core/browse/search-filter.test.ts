// The search's operators as filters, in step with the filter menus, and the marks that show why an entry matched.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { browse } from "../../../src/core/browse/browse";
import { commentarySnippet, plainCommentary } from "../../../src/core/browse/search-filter";
import { build, entries, generatedIndex, rowsOf, state, titles } from "./support/browse-fixtures";

const none = { groupBy: "none" as const };

describe("search operators", () => {
	const index = build();

	it("filter by category, source, tag, digest and the flag, any case", () => {
		expect(titles(rowsOf(index, { search: "category:kubernetes", ...none }))).toHaveLength(5);
		expect(titles(rowsOf(index, { search: "source:MEDIUM", ...none }))).toEqual(["Interview stories", "Lakehouse in an afternoon", "Fleet management notes"]);
		expect(titles(rowsOf(index, { search: "tag:#k8s", ...none }))).toEqual(["Fleet management, again", "Fleet management at scale", "Mesh basics"]);
		expect(titles(rowsOf(index, { search: "is:recommended" }))).toEqual(["Mesh basics"]);
		expect(titles(rowsOf(index, { search: "digest:08-01-2025", ...none }))).toEqual(["Fleet management, again", "Kubernetes operators", "Interview stories", "javascript trick"]);
		expect(titles(rowsOf(index, { search: "digest:reading", ...none }))).toEqual(["Fleet management notes"]);
	});

	it("give the same entries as the filter menus, and combine with them as AND", () => {
		const pairs: [string, Parameters<typeof rowsOf>[1]][] = [
			["category:Kubernetes", { category: "Kubernetes" }],
			["source:Medium", { source: "Medium" }],
			["tag:k8s", { tag: "k8s" }],
			["is:recommended", { recommendedOnly: true }],
			["after:08-01-2025", { from: "2025-01-08" }],
			["before:2025-01-07", { to: "2025-01-07" }],
		];
		for (const [search, menus] of pairs) {
			const typed = titles(rowsOf(index, { search, ...none }));
			expect(typed.length).toBeGreaterThan(0);
			expect(typed).toEqual(titles(rowsOf(index, { ...menus, ...none })));
			// Both at once: the same again.
			expect(titles(rowsOf(index, { search, ...menus, ...none }))).toEqual(typed);
		}
		// Menu and operator disagreeing: nothing passes both.
		expect(titles(rowsOf(index, { search: "category:Career", category: "Kubernetes" }))).toEqual([]);
		expect(titles(rowsOf(index, { search: "-is:recommended", recommendedOnly: true }))).toEqual([]);
		// Two dates narrow to the later start and the earlier end.
		expect(titles(rowsOf(index, { search: "after:08-01-2025", from: "2025-01-01", to: "2025-01-10", ...none }))).toEqual(titles(rowsOf(index, { from: "2025-01-08", to: "2025-01-10", ...none })));
	});

	it("in step with the menus on a generated vault, for every category, source and tag", () => {
		const big = generatedIndex();
		const all = big.allEntries();
		const pick = <T>(xs: T[]) => [...new Set(xs)].slice(0, 6);
		const count = (change: Parameters<typeof rowsOf>[1]) => browse(big, state({ ...change, ...none })).matched;
		for (const c of pick(all.map((ie) => ie.category.name))) expect(count({ search: `category:"${c}"` })).toBe(count({ category: c }));
		for (const s of pick(all.flatMap((ie) => (ie.entry.source ? [ie.entry.source] : [])))) expect(count({ search: `source:"${s}"` })).toBe(count({ source: s }));
		for (const t of pick(all.flatMap((ie) => ie.entry.tags))) expect(count({ search: `tag:${t}` })).toBe(count({ tag: t }));
	});

	it("leave out entries with -word, -phrase and -operator", () => {
		const fleet = titles(rowsOf(index, { search: "fleet", ...none }));
		expect(fleet).toEqual(["Fleet management, again", "Fleet management at scale", "Fleet management notes"]);
		expect(titles(rowsOf(index, { search: "fleet -again", ...none }))).toEqual(["Fleet management at scale", "Fleet management notes"]);
		// -word leaves out what the word would find: here, through the commentary.
		expect(titles(rowsOf(index, { search: "fleet -cluster", ...none }))).toEqual(["Fleet management, again", "Fleet management notes"]);
		expect(titles(rowsOf(index, { search: 'fleet -"management notes"', ...none }))).toEqual(["Fleet management, again", "Fleet management at scale"]);
		expect(titles(rowsOf(index, { search: "fleet -source:medium -category:Career", ...none }))).toEqual(["Fleet management, again", "Fleet management at scale"]);
		expect(titles(rowsOf(index, { search: "-tag:k8s -digest:w1 category:kubernetes", ...none }))).toEqual(["Kubernetes operators", "Fleet management notes"]);
		expect(titles(rowsOf(index, { search: "-is:recommended digest:w1", ...none }))).toEqual(["Fleet management at scale", "Lakehouse in an afternoon"]);
		// Only exclusions: everything else.
		expect(titles(rowsOf(index, { search: "-fleet", ...none }))).toHaveLength(titles(rowsOf(index, none)).length - 3);
	});

	it("match a phrase as written, any case and spacing, and not its words apart", () => {
		expect(titles(rowsOf(index, { search: '"FLEET   management"', ...none }))).toEqual(["Fleet management, again", "Fleet management at scale", "Fleet management notes"]);
		expect(titles(rowsOf(index, { search: '"management fleet"', ...none }))).toEqual([]);
		expect(titles(rowsOf(index, { search: '"about iceberg"' }))).toEqual(["Lakehouse in an afternoon"]);
		expect(titles(rowsOf(index, { search: 'category:"kubernetes" "at scale"' }))).toEqual(["Fleet management at scale"]);
	});

	it("keep filtering with the rest when a date is no date, and say so", () => {
		const result = browse(index, state({ search: "fleet before:notadate", ...none }));
		expect(titles(result.rows)).toEqual(titles(rowsOf(index, { search: "fleet", ...none })));
		expect(result.searchMessage).toBe('"before:notadate" is not a date and filters nothing: write it as before:31-12-2025 or before:2025-12-31.');
		expect(browse(index, state({ search: "fleet" })).searchMessage).toBe("");
	});

	it("take an unknown name:value as a plain word", () => {
		expect(titles(rowsOf(index, { search: "javascript:alert" }))).toEqual(["javascript trick"]);
	});

	it("apply in mentions and duplicates modes too", () => {
		expect(titles(rowsOf(index, { mode: "duplicates", search: "-digest:w2" }, {}))).toEqual(["Fleet management, again", "Fleet management at scale"]);
		expect(titles(rowsOf(index, { mode: "duplicates", search: "-fleet" }, {}))).toEqual([]);
	});

	it("never throw, whatever is typed", () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom("fleet", "-", '"', "category:", "tag:k8s", "-is:recommended", "before:", "after:1-1-2025", "digest:", "x", " "), { maxLength: 8 }), (parts) => {
				const r = browse(index, state({ search: parts.join("") }));
				expect(r.matched).toBeGreaterThanOrEqual(0);
			}),
			{ numRuns: 300 },
		);
	});
});

describe("search marks", () => {
	const index = build();
	const row = (search: string, title: string) => entries(rowsOf(index, { search, ...none })).find((r) => r.entry.entry.title === title)!;

	it("mark each word in the title, the source and the tags", () => {
		const r = row("fleet blog", "Fleet management at scale");
		expect(r.marks.title).toEqual([[0, 5]]);
		expect(r.marks.source).toEqual([[0, 4]]);
		// "#k8s #Fleet"
		expect(r.marks.tags).toEqual([[6, 11]]);
		expect(r.matches).toBe(r.marks.title);
	});

	it("mark a phrase whole, and the source and tags an operator chose", () => {
		const r = row('"management at" source:blog tag:k8s', "Fleet management at scale");
		expect(r.marks.title).toEqual([[6, 19]]);
		expect(r.marks.source).toEqual([[0, 4]]);
		expect(r.marks.tags).toEqual([[0, 4]]);
		// A nested tag is the tag's.
		expect(row("tag:k8s", "Mesh basics").marks.tags).toEqual([[6, 15]]);
	});

	it("show a snippet of the commentary for a word found only there, the word marked", () => {
		const r = row("iceberg", "Lakehouse in an afternoon");
		expect(r.marks.title).toEqual([]);
		expect(r.marks.snippet).toEqual({ text: "About Iceberg; compare Notes/Lakehouse. A second line.", ranges: [[6, 13]] });
		// Every word is marked in it, the ones the row shows too.
		expect(row("lakehouse iceberg", "Lakehouse in an afternoon").marks.snippet!.ranges).toEqual([[6, 13], [29, 38]]);
		// No snippet when the row shows every word already.
		expect(row("fleet", "Fleet management at scale").marks.snippet).toBeNull();
		expect(row("cluster", "Fleet management at scale").marks.snippet!.text).toBe("Pairs well with Cluster notes.");
	});

	it("mark nothing without a search or for operators that mark nothing", () => {
		expect(entries(rowsOf(index, {})).every((r) => r.marks.title.length === 0 && r.marks.snippet === null)).toBe(true);
		expect(row("category:kubernetes -mesh", "Fleet management at scale").marks).toEqual({ title: [], source: [], tags: [], snippet: null });
	});
});

describe("commentarySnippet", () => {
	it("cuts a long commentary around the match, from a word's start, with ellipses", () => {
		const long = `- ${"word ".repeat(30)}the fleet-wide rollout ${"more ".repeat(40)}`;
		const s = commentarySnippet(long, ["fleet"])!;
		expect(s.text.startsWith("…")).toBe(true);
		expect(s.text.endsWith("…")).toBe(true);
		expect(s.text).toContain("the fleet-wide rollout");
		expect(s.text.slice(s.ranges[0]![0], s.ranges[0]![1])).toBe("fleet");
		expect(s.text.indexOf("fleet")).toBeLessThanOrEqual(32);
		expect(commentarySnippet("- nothing here", ["fleet"])).toBeNull();
	});

	it("reads commentary as one line of text", () => {
		expect(plainCommentary("- Pairs **well** with [[Cluster notes]].\n\t- Nested `code`\n> quoted\n1. First")).toBe("Pairs well with Cluster notes. Nested code quoted First");
	});
});
