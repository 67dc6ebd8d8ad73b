import { describe, expect, it } from "vitest";
import { browse } from "../../../src/core/browse/browse";
import { BrowserCache } from "../../../src/core/browse/browser-cache";
import { browserQuery } from "../../../src/core/browse/browser-state";
import type { PrepareSearch } from "../../../src/core/browse/search-match";
import { build, entries, lineOf, outline, rowsOf, state, titles, W1, W2 } from "./support/browse-fixtures";

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

describe("browse: the link check's results", () => {
	const index = build();
	const dead = (url: string) => (url === "https://cncf.example.org/mesh" ? { status: "not-found" as const, checked: "2025-02-01" } : null);

	it("lists only the entries whose link the check found dead, with the other filters", () => {
		expect(titles(rowsOf(index, { deadLinksOnly: true }, { linkStatus: dead, linkRevision: 1 }))).toEqual(["Mesh basics"]);
		expect(titles(rowsOf(index, { deadLinksOnly: true, search: "fleet" }, { linkStatus: dead, linkRevision: 1 }))).toEqual([]);
		// Without results nothing is dead.
		expect(titles(rowsOf(index, { deadLinksOnly: true }))).toEqual([]);
	});

	it("does not reuse a selection made before the results changed", () => {
		const cache = new BrowserCache();
		const none = () => null;
		expect(titles(browse(index, state({ deadLinksOnly: true }), { cache, linkStatus: none, linkRevision: 1 }).rows)).toEqual([]);
		expect(titles(browse(index, state({ deadLinksOnly: true }), { cache, linkStatus: dead, linkRevision: 2 }).rows)).toEqual(["Mesh basics"]);
	});

	it("merges the link check's problems into problems mode, in the check's order", () => {
		const extra = { code: "link-dead" as const, severity: "warning" as const, path: W1, line: lineOf(W1, "Mesh basics"), message: "dead" };
		const result = browse(index, state({ mode: "problems" }), { extraProblems: [extra] });
		const codes = result.rows.toArray().flatMap((r) => (r.kind === "problem" && r.problem.path === W1 ? [r.problem.code] : []));
		expect(codes).toContain("link-dead");
		expect(result.matched).toBe(browse(index, state({ mode: "problems" })).matched + 1);
	});
});
