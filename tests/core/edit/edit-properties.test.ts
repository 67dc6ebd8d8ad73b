import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { parse } from "yaml";
import { cleanEntryTag, deleteEntry, insertEntry, moveEntry, renumberEntries, toggleRecommended, type EditContext, type EditResult, type NewEntry } from "../../../src/core/edit/entry-edits";
import { parseDigest } from "../../../src/core/format/parser";
import { applyChanges, type TextChange } from "../../../src/core/edit/text-edit";
import type { Digest } from "../../../src/core/format/types";

const PATH = "Digests/Generated.md";
const NAMES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"];

function context(categories: string[]): EditContext {
	return { parseYaml: parse, series: { categoryLevel: 1, dateFormat: "DD-MM-YYYY", categories } };
}

function parsed(text: string): Digest {
	return parseDigest(text, PATH, { parseYaml: parse });
}

/** Content lines, without the BOM and line endings (a trailing newline gives a last empty line). */
function linesOf(text: string): string[] {
	return text.replace(/^\uFEFF/, "").split(/\r?\n/);
}

// ---------------------------------------------------------------------------------------------
// Arbitrary digests

const word = fc.constantFrom("cache", "river", "queue", "lantern", "kernel", "orchard", "vector", "signal", "harbor", "prism", "tide", "ember");
const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));

const urlArb = fc.oneof(
	fc.tuple(fc.constantFrom("https://a.example", "https://notes.example.org", "http://www.b.example.net"), fc.array(word, { maxLength: 2 })).map(([base, path]) => [base, ...path].join("/")),
	fc.constantFrom("https://en.example.org/wiki/Go_(language)", "<https://files.example.com/Annual Report.pdf>", 'https://t.example/x "A title"', "https://q.example/?a=1&b=2#frag"),
);

const flagArb = fc.constantFrom("", "", "", " 🌟 **(Recommended)**", " (Recommended)", " ⭐ *(recommended)*", " ðŸŒŸ **(Recommended)**", " __(Recommended)__");

const entryLineArb = fc
	.record({
		number: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
		close: fc.constantFrom(".", ".", ")"),
		source: fc.option(phrase, { nil: null }),
		title: fc.oneof(phrase, phrase.map((p) => `${p} [part 2]`), phrase.map((p) => `${p} \\[draft`), phrase.map((p) => `C\\\\ ${p}`)),
		url: urlArb,
		flag: flagArb,
		tags: fc.array(word.map((w) => ` #${w}`), { maxLength: 2 }),
	})
	.map((e) => `[${e.number === null ? "" : `${e.number}${e.close} `}${e.source ? `${e.source} - ` : ""}${e.title}](${e.url})${e.flag}${e.tags.join("")}`);

/** One item of commentary: one line, or a few (a code block). */
const commentaryItemArb: fc.Arbitrary<string[]> = fc.oneof(
	phrase.map((p) => [`- ${p}`]),
	phrase.map((p) => [`\t- ${p}`]),
	phrase.map((p) => [`  * nested ${p}`]),
	phrase.map((p) => [`A plain paragraph about ${p}.`]),
	word.map((w) => [`- see [[Note ${w}]] and [a link](https://l.example/${w})`]),
	word.map((w) => [`[[Wiki ${w}]] opens this line`]),
	phrase.map((p) => [`## Sub heading ${p}`]),
	phrase.map((p) => [`> quoted ${p}`]),
	phrase.map((p) => [`<!-- hidden ${p} -->`]),
	fc.constant<string[]>(["```", "[not an entry", "# not a heading", "```"]),
);

const blanks = (min: number, max: number) => fc.integer({ min, max }).map((n) => Array<string>(n).fill(""));

const groupArb = fc
	.record({
		entries: fc.array(fc.tuple(blanks(0, 2), entryLineArb), { minLength: 1, maxLength: 3 }),
		commentary: fc.option(fc.tuple(blanks(0, 2), fc.array(commentaryItemArb, { minLength: 1, maxLength: 3 }).map((items) => items.flat())), { nil: null }),
	})
	.map((g) => {
		const out: string[] = [];
		g.entries.forEach(([gap, line], k) => out.push(...(k === 0 ? [] : gap), line));
		if (g.commentary) out.push(...g.commentary[0], ...g.commentary[1]);
		return out;
	});

const categoryBodyArb = fc
	.record({
		heading: fc.constantFrom("# N", "# N", "# N ##", "#  N"),
		afterHeading: blanks(0, 2),
		intro: fc.option(phrase.map((p) => [`Intro to ${p}.`, ""]), { nil: null }),
		groups: fc.array(fc.tuple(blanks(1, 2), groupArb), { maxLength: 4 }),
		after: blanks(0, 2),
	});

interface GenDigest {
	text: string;
	eol: "\n" | "\r\n";
	bom: boolean;
	order: string[];
}

const digestArb: fc.Arbitrary<GenDigest> = fc
	.record({
		bom: fc.boolean(),
		eol: fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
		trailingNewline: fc.boolean(),
		frontmatter: fc.boolean(),
		preamble: fc.option(fc.constantFrom<string[]>(["Some preamble text."], ["[Preamble link](https://p.example) is not an entry."], ["![[cover.png|center|500]]"]), { nil: null }),
		names: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 4 }),
		bodies: fc.array(categoryBodyArb, { minLength: 4, maxLength: 4 }),
		order: fc.shuffledSubarray(NAMES),
	})
	.map((d) => {
		const lines: string[] = [];
		if (d.frontmatter) lines.push("---", 'title: "Generated: 01-02-2025 to 07-02-2025"', "tags:", "  - generated", "---", "");
		if (d.preamble) lines.push(...d.preamble, "");
		d.names.forEach((name, k) => {
			const b = d.bodies[k]!;
			lines.push(b.heading.replace("N", name), ...b.afterHeading, ...(b.intro ?? []));
			b.groups.forEach(([gap, group], g) => lines.push(...(g === 0 && !b.intro ? [] : gap), ...group));
			lines.push(...b.after);
		});
		const text = (d.bom ? "\uFEFF" : "") + lines.join(d.eol) + (d.trailingNewline ? d.eol : "");
		return { text, eol: d.eol, bom: d.bom, order: d.order };
	});

// ---------------------------------------------------------------------------------------------
// Arbitrary new entries

/** Titles and sources with the characters that need care: brackets, backslashes, separators, references, code, HTML. */
const trickyText = fc
	.array(
		fc.oneof(
			word,
			fc.constantFrom("[", "]", "[x]", "\\", "(", ")", " - ", "-", "*", "#tag", "_", "!", "1.", "&"),
			fc.constantFrom("&amp;", "&ouml;", "&#38;", "&#x26;", "&nope;", " – ", " — ", "`", "`a - b`", "<", "<b c=\"", "\">", "<https://a.example/?q=", "[a](https://a.example)", "![i](i.png)", "%", "&amp"),
		),
		{ minLength: 1, maxLength: 5 },
	)
	.map((parts) => parts.join(" "));

const newEntryArb = (category: fc.Arbitrary<string>): fc.Arbitrary<NewEntry> =>
	fc.record({
		category,
		url: fc.oneof(
			urlArb.filter((u) => !u.startsWith("<") && !u.includes('"')),
			fc.constantFrom("https://x.example/a b", "https://x.example/a_(b", "https://x.example/a)b", "https://x.example/back\\slash"),
			fc.constantFrom("https://x.example/?a=1&copy;=2", "https://x.example/?a=1&amp;b=2", "https://x.example/&#35;x", "https://x.example/<a>", "https://x.example/a\\&amp;", "https://x.example/`x`"),
		),
		title: trickyText,
		source: fc.option(trickyText, { nil: undefined }),
		tags: fc.option(fc.array(fc.oneof(word, fc.constantFrom("#hashed", "two words", "2025", "nested/tag")), { maxLength: 3 }), { nil: undefined }),
		recommended: fc.option(fc.boolean(), { nil: undefined }),
		commentary: fc.option(
			fc.array(
				fc.oneof(phrase, phrase.map((p) => `- ${p}`), phrase.map((p) => `\tindented ${p}`), fc.constant(""), fc.tuple(phrase, phrase, fc.constantFrom("\n", "\r\n")).map(([a, b, br]) => `${a}${br}${b}  `)),
				{ maxLength: 3 },
			),
			{ nil: undefined },
		),
	});

// ---------------------------------------------------------------------------------------------
// Checks every edit must pass

/** The edited text, after checking the changes replay to it and keep line endings and BOM. */
function checked(original: string, eol: "\n" | "\r\n", r: EditResult): string {
	if (!r.ok) throw new Error(`refused: ${r.reason}`);
	expect(applyChanges(original, r.changes)).toBe(r.text);
	for (let k = 1; k < r.changes.length; k++) expect(r.changes[k]!.from).toBeGreaterThanOrEqual(r.changes[k - 1]!.to);
	// A text without a line break has no ending to keep: the edit picks LF.
	if (eol === "\r\n" && original.includes("\n")) expect(r.text).not.toMatch(/(^|[^\r])\n/);
	else expect(r.text).not.toContain("\r");
	if (original.startsWith("\uFEFF")) {
		expect(r.text.startsWith("\uFEFF")).toBe(true);
		for (const c of r.changes) expect(c.from).toBeGreaterThanOrEqual(1);
	}
	expect(r.text.slice(1)).not.toContain("\uFEFF");
	checkLineGranularity(original, original.includes("\n") ? eol : "\n", r.changes);
	return r.text;
}

/**
 * Every change either rewrites columns inside one line (no line break inserted), or inserts or
 * deletes whole lines: it starts and ends on line boundaries and inserts complete lines.
 */
function checkLineGranularity(text: string, eol: string, changes: readonly TextChange[]): void {
	const starts: number[] = [];
	const ends: number[] = [];
	let pos = text.startsWith("\uFEFF") ? 1 : 0;
	for (;;) {
		starts.push(pos);
		const nl = text.indexOf("\n", pos);
		if (nl < 0) {
			ends.push(text.length);
			break;
		}
		ends.push(text[nl - 1] === "\r" ? nl - 1 : nl);
		pos = nl + 1;
	}
	const noFinalNewline = !text.endsWith("\n");
	for (const c of changes) {
		const line = starts.findIndex((st, i) => st <= c.from && c.from <= ends[i]!);
		if (!c.insert.includes("\n") && line >= 0 && c.to <= ends[line]!) continue; // columns of one line
		const toEnd = c.to === text.length;
		const fromOk = starts.includes(c.from) || (toEnd && noFinalNewline && ends.includes(c.from));
		expect(fromOk, `change starts mid-line at ${c.from}`).toBe(true);
		expect(starts.includes(c.to) || toEnd, `change ends mid-line at ${c.to}`).toBe(true);
		if (c.insert === "") continue;
		// Before a line, whole lines with their endings; after a last line without one, the ending first.
		if (starts.includes(c.from)) expect(c.insert.endsWith(eol)).toBe(true);
		else expect(c.insert.startsWith(eol) && !c.insert.endsWith(eol)).toBe(true);
	}
}

/** The lines two texts do not share at their start and end: what one edit region removed and added. */
function region(before: string[], after: string[]): { at: number; removed: string[]; added: string[] } {
	let p = 0;
	while (p < before.length && p < after.length && before[p] === after[p]) p++;
	let s = 0;
	while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
	return { at: p, removed: before.slice(p, before.length - s), added: after.slice(p, after.length - s) };
}

function sorted(lines: string[]): string[] {
	return [...lines].sort();
}

const isBlankLine = (l: string) => /^[ \t]*$/.test(l);
const withoutNumber = (l: string) => l.replace(/^\[(\s*)\d+(?=[.)])/, "[$1#");

function entries(d: Digest) {
	return d.categories.flatMap((c) => c.entries.map((e) => ({ cat: c, entry: e, group: c.groups[e.group]! })));
}

/** What a generated digest and a choice of entry give an edit to work on. */
function pick<T>(list: readonly T[], n: number): T | undefined {
	return list.length === 0 ? undefined : list[n % list.length];
}

const RUNS = { numRuns: 300 };

// ---------------------------------------------------------------------------------------------

describe("generated digests", () => {
	it("parse without errors (the properties below rely on it)", () => {
		fc.assert(
			fc.property(digestArb, (g) => {
				expect(parsed(g.text).problems.filter((p) => p.severity === "error")).toEqual([]);
			}),
			RUNS,
		);
	});
});

describe("edit properties", () => {
	it("insert then delete gives back the original bytes", () => {
		fc.assert(
			fc.property(digestArb, fc.nat(), newEntryArb(fc.constant("")), (g, n, input) => {
				const d = parsed(g.text);
				const cat = pick(d.categories, n);
				fc.pre(cat !== undefined);
				// Precondition (FORMAT.md, groups): the commentary after a group's last entry belongs to
				// every entry of the group. When the category ends with an entry that has no commentary,
				// the new entry joins that entry's group, and its commentary would become the group's:
				// deleting the new entry then rightly keeps it. So in that case the entry goes in without
				// commentary; everywhere else it keeps whatever commentary was generated.
				const lastGroup = cat.groups[cat.groups.length - 1];
				const joinsGroup = lastGroup !== undefined && lastGroup.commentaryStart === null;
				const entry = { ...input, category: cat.name, commentary: joinsGroup ? undefined : input.commentary };
				const ins = insertEntry(g.text, PATH, context(g.order), entry);
				const after = checked(g.text, g.eol, ins);
				if (!ins.ok) return;
				const at = parsed(after).categories.find((c) => c.name === cat.name)!.entries.at(-1)!;
				expect(at.line).toBe(ins.line);
				const del = deleteEntry(after, PATH, context(g.order), ins.line);
				expect(checked(after, g.eol, del)).toBe(g.text);
			}),
			RUNS,
		);
	});

	it("an inserted entry reads back as given, and inserting only adds lines", () => {
		fc.assert(
			fc.property(digestArb, newEntryArb(fc.constantFrom(...NAMES, "Omega")), (g, input) => {
				// Sharing, where the entry joins a group without commentary: what is checked here is the text.
				const r = insertEntry(g.text, PATH, context(g.order), { ...input, shareCommentary: true });
				const after = checked(g.text, g.eol, r);
				if (!r.ok) return;
				const { removed } = region(linesOf(g.text), linesOf(after));
				expect(removed).toEqual([]);
				const d = parsed(after);
				expect(d.problems.filter((p) => p.severity === "error")).toEqual([]);
				const cat = d.categories.find((c) => c.name === input.category)!;
				const e = cat.entries.at(-1)!;
				expect(e.line).toBe(r.line);
				const before = parsed(g.text).categories.find((c) => c.name === input.category);
				const max = Math.max(0, ...(before?.entries ?? []).map((x) => x.number ?? 0));
				// One blank line before the entry, after the category's last block (or its new heading),
				// and one between the entry and its commentary.
				const out = linesOf(after);
				expect(out[r.line - 2]).toBe("");
				expect(isBlankLine(out[r.line - 3] ?? "x")).toBe(false);
				if (!before) expect(out[r.line - 3]).toBe(`# ${input.category}`);
				const bullets = (input.commentary ?? [])
					.flatMap((l) => l.split(/\r?\n/))
					.map((l) => l.trimEnd())
					.filter((l) => l.trim() !== "")
					.map((l) => (/^(\s|- )/.test(l) ? l : `- ${l.trim()}`));
				expect(e.commentary).toBe(bullets.join("\n"));
				if (bullets.length > 0) expect(out.slice(r.line, r.line + 1 + bullets.length)).toEqual(["", ...bullets]);
				// En and em dashes are separators too, but CommonMark cannot escape them: the generator
				// writes only ASCII hyphens (see the report on FORMAT.md).
				expect({ number: e.number, source: e.source, title: e.title, url: e.url, recommended: e.recommended, tags: e.tags }).toEqual({
					number: max + 1,
					source: input.source?.trim() ? input.source.trim() : null,
					title: input.title.trim(),
					url: input.url.trim(),
					recommended: input.recommended === true,
					tags: (input.tags ?? []).map(cleanEntryTag).filter((t) => t !== ""),
				});
			}),
			RUNS,
		);
	});

	it("renumber is idempotent and changes only the digits of entry numbers", () => {
		fc.assert(
			fc.property(digestArb, fc.option(fc.subarray(NAMES), { nil: undefined }), (g, only) => {
				const once = renumberEntries(g.text, PATH, context(g.order), only);
				const text = checked(g.text, g.eol, once);
				const twice = renumberEntries(text, PATH, context(g.order), only);
				expect(checked(text, g.eol, twice)).toBe(text);
				expect(twice.ok && twice.changes).toEqual([]);
				if (!once.ok) return;
				for (const c of once.changes) {
					expect(g.text.slice(c.from, c.to)).toMatch(/^\d+$/);
					expect(c.insert).toMatch(/^\d+$/);
				}
				const entryLines = new Set(entries(parsed(g.text)).map((x) => x.entry.line));
				const [a, b] = [linesOf(g.text), linesOf(text)];
				expect(b.length).toBe(a.length);
				a.forEach((l, i) => {
					if (l === b[i]) return;
					expect(entryLines.has(i + 1)).toBe(true);
					expect(withoutNumber(b[i]!)).toBe(withoutNumber(l));
				});
				for (const cat of parsed(text).categories) {
					if (only && !only.some((o) => o.toLowerCase() === cat.name.toLowerCase())) continue;
					const nums = cat.entries.map((e) => e.number).filter((x) => x !== null);
					expect(nums).toEqual(nums.map((_, i) => i + 1));
				}
			}),
			RUNS,
		);
	});

	it("delete removes only the entry, blank lines before it, and its commentary when alone in its group", () => {
		fc.assert(
			fc.property(digestArb, fc.nat(), (g, n) => {
				const all = entries(parsed(g.text));
				const target = pick(all, n);
				fc.pre(target !== undefined);
				const { entry, group } = target;
				const text = checked(g.text, g.eol, deleteEntry(g.text, PATH, context(g.order), entry.line, { sharedCommentary: "keep" }));
				const before = linesOf(g.text);
				const { removed, added } = region(before, linesOf(text));
				expect(added).toEqual([]);
				const alone = group.entries.length === 1;
				const commentary = alone && group.commentaryStart !== null ? before.slice(group.commentaryStart - 1, group.commentaryEnd!) : [];
				expect(sorted(removed.filter((l) => !isBlankLine(l)))).toEqual(sorted([before[entry.line - 1]!, ...commentary.filter((l) => !isBlankLine(l))]));
				// Everything else is where it was: the entries left keep their lines and numbers, except
				// that a category numbered 1..n is renumbered 1..n-1.
				let seq = 0;
				const inOrder = target.cat.entries.every((e) => e.number === null || e.number === ++seq);
				let k = 0;
				const number = (x: (typeof all)[number]) => (x.cat === target.cat && inOrder && entry.number !== null && x.entry.number !== null ? ++k : x.entry.number);
				expect(entries(parsed(text)).map((x) => [x.entry.url, x.entry.number, x.entry.commentary])).toEqual(
					all.filter((x) => x.entry !== entry).map((x) => [x.entry.url, number(x), x.group === group && !alone ? entry.commentary : x.entry.commentary]),
				);
			}),
			RUNS,
		);
	});

	it("toggle rewrites only the entry line, flips the flag, and twice from unflagged is the identity", () => {
		fc.assert(
			fc.property(digestArb, fc.nat(), (g, n) => {
				const target = pick(entries(parsed(g.text)), n);
				fc.pre(target !== undefined);
				const { entry } = target;
				const r = toggleRecommended(g.text, PATH, context(g.order), entry.line);
				const text = checked(g.text, g.eol, r);
				const { at, removed, added } = region(linesOf(g.text), linesOf(text));
				expect([at + 1, removed.length, added.length]).toEqual([entry.line, 1, 1]);
				const e = entries(parsed(text)).find((x) => x.entry.line === entry.line)!.entry;
				expect(e.recommended).toBe(!entry.recommended);
				expect({ ...e, recommended: entry.recommended }).toEqual(entry);
				if (!entry.recommended) expect(checked(text, g.eol, toggleRecommended(text, PATH, context(g.order), entry.line))).toBe(g.text);
			}),
			RUNS,
		);
	});

	it("move keeps every other line, carries the commentary and renumbers both categories", () => {
		fc.assert(
			fc.property(digestArb, fc.nat(), fc.constantFrom(...NAMES, "Omega"), (g, n, to) => {
				const d = parsed(g.text);
				const target = pick(entries(d), n);
				fc.pre(target !== undefined && target.cat.name !== to);
				const { entry, cat, group } = target;
				const r = moveEntry(g.text, PATH, context(g.order), entry.line, to, { shareCommentary: true, groupCommentary: "copy" });
				const text = checked(g.text, g.eol, r);
				if (!r.ok) return;
				const after = parsed(text);
				// The moved entry is the last of its new category, with its commentary.
				const dest = after.categories.find((c) => c.name === to)!;
				const moved = dest.entries.at(-1)!;
				expect(moved.line).toBe(r.line);
				expect({ ...moved, line: 0, number: 0, group: 0, category: "", links: [] }).toEqual({ ...entry, line: 0, number: 0, group: 0, category: "", links: [] });
				// Both categories hold their numbered entries as 1..n.
				for (const c of [dest, after.categories.find((x) => x.name === cat.name)!]) {
					const nums = c.entries.map((e) => e.number).filter((x) => x !== null);
					expect(nums).toEqual(nums.map((_, i) => i + 1));
				}
				// Every line the move does not own is still there, in order (numbers aside).
				const before = linesOf(g.text);
				const alone = group.entries.length === 1;
				const owned = new Set([entry.line]);
				if (alone && group.commentaryStart !== null) for (let l = entry.line; l <= group.commentaryEnd!; l++) owned.add(l);
				const kept = before.filter((l, i) => !owned.has(i + 1) && !isBlankLine(l)).map(withoutNumber);
				const out = linesOf(text).map(withoutNumber);
				let k = 0;
				for (const l of out) if (k < kept.length && l === kept[k]) k++;
				expect(k, `line ${kept[k]} went missing`).toBe(kept.length);
				expect(out.filter((l) => !isBlankLine(l)).length - kept.length).toBe(
					1 + (entry.commentary === "" ? 0 : entry.commentary.split("\n").filter((l) => !isBlankLine(l)).length) + (d.categories.some((c) => c.name === to) ? 0 : 1),
				);
			}),
			RUNS,
		);
	});
});
