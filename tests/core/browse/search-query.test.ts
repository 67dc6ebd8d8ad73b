// The search box's language: words, phrases, operators and exclusions, parsed without ever throwing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSearch, renderSearch, type SearchClause } from "../../../src/core/browse/search-query";

const DMY = ["DD-MM-YYYY"];
const kinds = (text: string) => parseSearch(text, DMY).clauses.map((c) => `${c.negated ? "-" : ""}${c.kind}=${c.value}`);

describe("parseSearch", () => {
	it("reads words, phrases and each operator", () => {
		expect(kinds('fleet "exact  phrase" category:Kubernetes source:CNCF tag:#k8s digest:09-2025 is:recommended')).toEqual([
			"word=fleet",
			"phrase=exact  phrase",
			"category=Kubernetes",
			"source=CNCF",
			"tag=#k8s",
			"digest=09-2025",
			"recommended=",
		]);
	});

	it("takes quoted operator values, escapes inside quotes, and any case of the operator's name", () => {
		expect(kinds('category:"Data engineering" Source:"Medium" "say \\"hi\\" \\\\ now"')).toEqual(["category=Data engineering", "source=Medium", 'phrase=say "hi" \\ now']);
		// An unclosed quote runs to the end.
		expect(kinds('tag:x "half open')).toEqual(["tag=x", "phrase=half open"]);
		// A closing quote ends the token.
		expect(kinds('"ab"cd')).toEqual(["phrase=ab", "word=cd"]);
	});

	it("reads - as exclusion before a word, a phrase or an operator; a lone - is a word", () => {
		expect(kinds('-fleet -"a b" -category:Career -is:recommended - --x')).toEqual(["-word=fleet", "-phrase=a b", "-category=Career", "-recommended=", "word=-", "-word=-x"]);
	});

	it("keeps an unknown name:value, and is: with another value, as a plain word", () => {
		expect(kinds("foo:bar is:draft https://example.com/x")).toEqual(["word=foo:bar", "word=is:draft", "word=https://example.com/x"]);
	});

	it("reads dates in the series' format and as YYYY-MM-DD", () => {
		const { clauses, messages } = parseSearch('after:01-09-2025 before:2025-09-30 before:"3 Oct 2025"', ["DD-MM-YYYY", "D MMM YYYY"]);
		expect(clauses.map((c) => c.date)).toEqual([
			{ year: 2025, month: 9, day: 1 },
			{ year: 2025, month: 9, day: 30 },
			{ year: 2025, month: 10, day: 3 },
		]);
		expect(messages).toEqual([]);
	});

	it("says in one sentence what a date that is no date does, and keeps the rest", () => {
		const { clauses, messages } = parseSearch("fleet before:notadate after:31-02-2025 tag:k8s", DMY);
		expect(clauses.map((c) => c.kind)).toEqual(["word", "before", "after", "tag"]);
		expect(clauses[1]!.date).toBeNull();
		expect(messages).toEqual([
			'"before:notadate" is not a date and filters nothing: write it as before:31-12-2025 or before:2025-12-31.',
			'"after:31-02-2025" is not a date and filters nothing: write it as after:31-12-2025 or after:2025-12-31.',
		]);
		// Without a series the example is ISO only.
		expect(parseSearch("after:soon").messages).toEqual(['"after:soon" is not a date and filters nothing: write it as after:2025-12-31.']);
	});

	it("keeps an operator with no value yet, saying nothing (it is being typed)", () => {
		const { clauses, messages } = parseSearch("category: before:", DMY);
		expect(clauses).toEqual([
			{ kind: "category", value: "", negated: false },
			{ kind: "before", value: "", negated: false, date: null },
		]);
		expect(messages).toEqual([]);
	});

	it("renders clauses back as a search", () => {
		expect(renderSearch(parseSearch('  Category:"Data engineering"   -"a \\"b\\""  is:RECOMMENDED x ').clauses)).toBe('category:"Data engineering" -"a \\"b\\"" is:recommended x');
	});
});

/** Texts made of the pieces a search is made of, so that the generated ones exercise the grammar. */
const piece = fc.oneof(
	fc.constantFrom("-", '"', "\\", ":", " ", "  ", "\t", "\n", "category:", "source:", "tag:", "digest:", "is:", "is:recommended", "before:", "after:", "Before:", "foo:", "01-09-2025", "2025-09-01", "x", "Data", "é", "İ"),
	fc.string({ maxLength: 4 }),
);
const searchText = fc.array(piece, { maxLength: 12 }).map((p) => p.join(""));

describe("parseSearch, for any text", () => {
	it("never throws, and gives a message only for a date clause that is no date", () => {
		fc.assert(
			fc.property(fc.oneof(searchText, fc.string()), (text) => {
				const { clauses, messages } = parseSearch(text, DMY);
				const bad = clauses.filter((c) => (c.kind === "before" || c.kind === "after") && c.value !== "" && c.date === null);
				expect(messages).toHaveLength(bad.length);
			}),
			{ numRuns: 2000 },
		);
	});

	it("reparses its rendering to the same clauses", () => {
		fc.assert(
			fc.property(fc.oneof(searchText, fc.string()), (text) => {
				const first: readonly SearchClause[] = parseSearch(text, DMY).clauses;
				const again = parseSearch(renderSearch(first), DMY).clauses;
				expect(again).toEqual(first);
			}),
			{ numRuns: 2000 },
		);
	});
});
