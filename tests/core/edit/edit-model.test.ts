import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { parse } from "yaml";
import { deleteEntry, insertEntry, moveEntry, renumberEntries, toggleRecommended, type EditContext, type EditResult, type EntryTarget, type NewEntry } from "../../../src/core/edit/entry-edits";
import { planNewDigest } from "../../../src/core/edit/new-digest";
import { applyChanges } from "../../../src/core/edit/text-edit";
import { parseDigest } from "../../../src/core/format/parser";
import { completeSeries } from "../../../src/core/format/series";
import type { Digest } from "../../../src/core/format/types";

/**
 * A model-based property test of the edit layer. A generator of its own writes annotated digests
 * (it knows what every line means), and random sequences of every edit, with hostile inputs, run
 * on them. The test keeps its own model of the note (categories, groups, entries and commentary as
 * FORMAT.md defines them), predicts each edit's outcome from the format's rules, and compares the
 * parse of every result with the model itself: it does not trust the edit guard. Every edit
 * predicted to succeed must succeed, every refusal must be predicted, and insert then delete must
 * give back the original bytes.
 */

const PATH = "Digests/Model.md";
const SEQUENCES = Number(process.env["EDIT_MODEL_RUNS"] ?? 10_000);

// ---------------------------------------------------------------------------------------------
// The model

interface MEntry {
	number: number | null;
	source: string | null;
	title: string;
	url: string;
	recommended: boolean;
	tags: string[];
}

interface MGroup {
	entries: MEntry[];
	commentary: string;
	/** Written by an edit from typed text: compared with escapes removed, then taken as read. */
	loose?: boolean;
	/** The commentary leaves a comment or a code block open at the end of the note. */
	openTail?: boolean;
}

interface MCategory {
	name: string;
	groups: MGroup[];
}

interface Model {
	categories: MCategory[];
}

function clone(m: Model): Model {
	return { categories: m.categories.map((c) => ({ name: c.name, groups: c.groups.map((g) => ({ ...g, entries: g.entries.map((e) => ({ ...e, tags: [...e.tags] })) })) })) };
}

const unescape = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, "$1");

/** The first way a parse differs from the model, or null. Takes loose commentary as read when it matches. */
function mismatch(m: Model, d: Digest): string | null {
	if (d.problems.some((p) => p.severity === "error")) return `errors: ${JSON.stringify(d.problems)}`;
	const names = d.categories.map((c) => c.name);
	if (JSON.stringify(names) !== JSON.stringify(m.categories.map((c) => c.name))) return `categories ${JSON.stringify(names)} instead of ${JSON.stringify(m.categories.map((c) => c.name))}`;
	for (let c = 0; c < m.categories.length; c++) {
		const mc = m.categories[c]!;
		const dc = d.categories[c]!;
		const sizes = dc.groups.map((g) => g.entries.length);
		if (sizes.join() !== mc.groups.map((g) => g.entries.length).join()) return `groups of ${mc.name}: ${JSON.stringify(sizes)} instead of ${JSON.stringify(mc.groups.map((g) => g.entries.length))}`;
		let k = 0;
		for (const g of mc.groups) {
			for (const e of g.entries) {
				const de = dc.entries[k++]!;
				const same = de.number === e.number && de.source === e.source && de.title === e.title && de.url === e.url && de.recommended === e.recommended && de.tags.join("\u0000") === e.tags.join("\u0000");
				if (!same) {
					const got = { number: de.number, source: de.source, title: de.title, url: de.url, recommended: de.recommended, tags: de.tags };
					return `entry ${JSON.stringify(got)} instead of ${JSON.stringify(e)}`;
				}
				const ok = g.loose ? unescape(de.commentary) === unescape(g.commentary) : de.commentary === g.commentary;
				if (!ok) return `commentary of ${e.title}: ${JSON.stringify(de.commentary)} instead of ${JSON.stringify(g.commentary)}`;
			}
			if (g.loose) {
				g.commentary = dc.entries[k - 1]!.commentary;
				g.loose = false;
			}
		}
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// Annotated digests

/** A piece of an entry's text as written and as it reads. */
type Piece = [raw: string, read: string];

const plainWord = fc.constantFrom("cache", "river", "Queue", "lantern", "kernel", "orchard", "vector", "signal", "harbor", "prism", "Données", "日本語", "Ωmega", "naïve", "Привет", "emoji🌟");
const unicodeWord = fc
	.string({ unit: "grapheme", minLength: 1, maxLength: 5 })
	.map((s) => s.replace(/[[\]\\`%<>&\-–—*_#()!|{}\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ""))
	.filter((s) => s !== "");
const specialPiece = fc.constantFrom<Piece>(
	["\\[draft", "[draft"],
	["closing\\]", "closing]"],
	["[part 2]", "[part 2]"],
	["C\\\\", "C\\"],
	["&#8212;", "—"],
	["&#x2013;", "–"],
	["a\\-b", "a-b"],
	["\\-", "-"],
	["50\\%\\%", "50%%"],
	["`co de`", "`co de`"],
	["*em*", "*em*"],
	["🌟", "🌟"],
	["(Recommended?)", "(Recommended?)"],
	// Named references read as CommonMark reads them (issue 9); an escaped `&` stays as written.
	["&amp;", "&"],
	["\\&amp;", "&amp;"],
	["&ouml;l", "öl"],
);
const piece: fc.Arbitrary<Piece> = fc.oneof({ weight: 4, arbitrary: plainWord.map((w): Piece => [w, w]) }, { weight: 2, arbitrary: unicodeWord.map((w): Piece => [w, w]) }, { weight: 2, arbitrary: specialPiece });
const textArb = fc.array(piece, { minLength: 1, maxLength: 4 }).map((ps): Piece => [ps.map((p) => p[0]).join(" "), ps.map((p) => p[1]).join(" ")]);

const urlArb = fc.constantFrom<Piece>(
	["https://a.example/x", "https://a.example/x"],
	["https://notes.example.org/a/b", "https://notes.example.org/a/b"],
	["<https://files.example.com/Annual Report.pdf>", "https://files.example.com/Annual Report.pdf"],
	['https://t.example/x "A title"', "https://t.example/x"],
	["https://en.example.org/wiki/Go_(language)", "https://en.example.org/wiki/Go_(language)"],
	["https://q.example/?a=1&b=2#frag", "https://q.example/?a=1&b=2#frag"],
);
const flagArb = fc.constantFrom<[string, boolean]>(["", false], ["", false], [" 🌟 **(Recommended)**", true], [" (Recommended)", true], [" ⭐ *(recommended)*", true], [" ðŸŒŸ **(Recommended)**", true]);
const tagArb = fc.constantFrom<Piece>([" #t1", "t1"], [" #multi/level", "multi/level"], [" #ünï", "ünï"]);

interface GEntry {
	line: string;
	entry: MEntry;
}

const entryArb: fc.Arbitrary<GEntry> = fc
	.record({ number: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }), close: fc.constantFrom(".", ")"), source: fc.option(textArb, { nil: null }), title: textArb, url: urlArb, flag: flagArb, tags: fc.array(tagArb, { maxLength: 2 }) })
	// Without a number, text that starts like one would read as the number, and `[[`/`[^` start a
	// wiki-link or a footnote line, not an entry.
	.filter((e) => e.number !== null || !/^(\d{1,9}[.)](\s|$)|\[|\^)/.test((e.source ?? e.title)[0]))
	.map((e) => ({
		line: `[${e.number === null ? "" : `${e.number}${e.close} `}${e.source ? `${e.source[0]} - ` : ""}${e.title[0]}](${e.url[0]})${e.flag[0]}${e.tags.map((t) => t[0]).join("")}`,
		entry: { number: e.number, source: e.source ? e.source[1] : null, title: e.title[1], url: e.url[1], recommended: e.flag[1], tags: e.tags.map((t) => t[1]) },
	}));

/** Commentary items: a line, or several (code blocks and comments holding entry-like lines). */
const commentaryItem: fc.Arbitrary<string[]> = fc.oneof(
	plainWord.map((w) => [`- ${w} is **bold**`]),
	plainWord.map((w) => [`\t- nested ${w}`]),
	plainWord.map((w) => [`  * nested ${w}`, `\t\t- deeper ${w}`]),
	unicodeWord.map((w) => [`- ${w}`]),
	plainWord.map((w) => [`A plain paragraph about ${w}.`]),
	plainWord.map((w) => [`- see [[Note ${w}]] and [a link](https://l.example/${w})`]),
	fc.constant<string[]>(["[[Wiki]] opens this line", "[^1]: a footnote", "[ref]: https://ref.example"]),
	plainWord.map((w) => [`## Sub heading ${w}`]),
	fc.constant<string[]>(["> quoted", "| a | b |", "| - | - |"]),
	fc.constant<string[]>(["<!-- hidden -->"]),
	fc.constant<string[]>(["<!--", "[1. Hidden - entry](https://h.example)", "# Hidden heading", "-->"]),
	fc.constant<string[]>(["%%", "[2. Also hidden](https://h.example)", "# Hidden", "%%"]),
	fc.constant<string[]>(["```", "[1. Not an entry](https://c.example)", "# not a heading", "```"]),
	fc.constant<string[]>(["~~~~", "```", "# still code", "~~~~"]),
	fc.constant<string[]>([`- long ${"lorem ipsum ".repeat(120)}`]),
	fc.constant<string[]>(["- before a blank", "", "- after a blank"]),
);

interface GGroup {
	lines: string[];
	group: MGroup;
}

const blanks = (max: number) => fc.integer({ min: 0, max }).map((n) => Array<string>(n).fill(""));

const groupArb = (withCommentary: boolean): fc.Arbitrary<GGroup> =>
	fc.record({ entries: fc.array(fc.tuple(blanks(2), entryArb), { minLength: 1, maxLength: 3 }), gap: blanks(2), commentary: fc.array(commentaryItem, { minLength: 1, maxLength: 2 }) }).map((g) => {
		const lines: string[] = [];
		g.entries.forEach(([gap, e], k) => lines.push(...(k === 0 ? [] : gap), e.line));
		const commentary = withCommentary ? g.commentary.flat() : [];
		if (withCommentary) lines.push(...g.gap, ...commentary);
		return { lines, group: { entries: g.entries.map(([, e]) => e.entry), commentary: commentary.join("\n") } };
	});

const CATEGORY_NAMES = ["Kubernetes", "Data Engineer", "Données", "日本語", "C++ & Rust", "Career / Story", "Security"];

const categoryArb = fc.record({
	before: blanks(2),
	heading: fc.constantFrom("# N", "# N", "#  N", "# N ##", "   # N", "#\tN"),
	afterHeading: blanks(2),
	intro: fc.option(fc.constantFrom<string[]>(["Intro words."], ["Intro with [a link](https://i.example).", ""], ["## An intro heading", ""]), { nil: null }),
	groups: fc.tuple(fc.array(fc.tuple(blanks(2), groupArb(true)), { maxLength: 2 }), fc.option(fc.tuple(blanks(2).map((b) => ["", ...b]), groupArb(false)), { nil: null })),
	after: blanks(2),
});

interface Generated {
	text: string;
	eol: "\n" | "\r\n";
	model: Model;
	order: string[];
}

const OPEN_TAILS = ["%% unfinished thought", "<!-- unfinished", "```"];

const digestArb: fc.Arbitrary<Generated> = fc
	.record({
		bom: fc.boolean(),
		eol: fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
		trailingNewline: fc.boolean(),
		frontmatter: fc.boolean(),
		preamble: fc.option(fc.constantFrom<string[]>(["Some preamble text."], ["[Preamble link](https://p.example) is not an entry."], ["![[cover.png|center|500]]"], ["```", "# fenced heading", "[1. Fenced](https://f.example)", "```"], ["%% a", "# hidden heading", "%%"]), { nil: null }),
		names: fc.uniqueArray(fc.constantFrom(...CATEGORY_NAMES), { minLength: 1, maxLength: 3 }),
		bodies: fc.array(categoryArb, { minLength: 3, maxLength: 3 }),
		openTail: fc.option(fc.constantFrom(...OPEN_TAILS), { nil: null, freq: 6 }),
		order: fc.shuffledSubarray([...CATEGORY_NAMES, "Omega", "Zulu"]),
	})
	.map((d) => {
		const lines: string[] = [];
		if (d.frontmatter) lines.push("---", 'title: "Generated: 01-02-2025 to 07-02-2025"', "tags:", "  - generated", "---", "");
		if (d.preamble) lines.push(...d.preamble, "");
		const model: Model = { categories: [] };
		d.names.forEach((name, k) => {
			const b = d.bodies[k]!;
			const cat: MCategory = { name, groups: [] };
			lines.push(...(k === 0 ? [] : b.before), b.heading.replace("N", name), ...b.afterHeading, ...(b.intro ?? []));
			const [withComments, last] = b.groups;
			withComments.forEach(([gap, g]) => {
				lines.push(...(cat.groups.length === 0 && !b.intro ? [] : gap), ...g.lines);
				cat.groups.push({ ...g.group });
			});
			if (last) {
				lines.push(...last[0], ...last[1].lines);
				cat.groups.push({ ...last[1].group });
			}
			const isLast = k === d.names.length - 1;
			// An open comment or fence at the very end: only after a last entry of its own with commentary.
			if (isLast && d.openTail && cat.groups.length > 0 && cat.groups.at(-1)!.commentary !== "" && cat.groups.at(-1)!.entries.length === 1) {
				lines.push(d.openTail);
				const g = cat.groups.at(-1)!;
				g.commentary += `\n${d.openTail}`;
				g.openTail = true;
			} else if (!isLast || !d.openTail) lines.push(...b.after);
			model.categories.push(cat);
		});
		const text = (d.bom ? "\uFEFF" : "") + lines.join(d.eol) + (d.trailingNewline ? d.eol : "");
		return { text, eol: d.eol, model, order: d.order };
	});

// ---------------------------------------------------------------------------------------------
// Edits with hostile inputs

const HOSTILE_CATEGORIES = ["Ends #", "50%% off", "a <!-- b", "   ", "two\nlines"];
const NEW_CATEGORIES = ["Omega", "Zulu", "Ünïcode ☕"];

type CategoryChoice = { kind: "existing"; n: number; lower: boolean } | { kind: "new"; name: string } | { kind: "hostile"; name: string };

const categoryChoice: fc.Arbitrary<CategoryChoice> = fc.oneof(
	{ weight: 6, arbitrary: fc.record({ kind: fc.constant("existing" as const), n: fc.nat(), lower: fc.boolean() }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant("new" as const), name: fc.constantFrom(...NEW_CATEGORIES) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant("hostile" as const), name: fc.constantFrom(...HOSTILE_CATEGORIES) }) },
);

/** Titles and sources from the format's special characters. */
const hostilePart = fc.constantFrom("[", "]", "[x]", "](x)", "\\", "`", "``", "%%", "%", "<!--", "-->", " - ", " – ", " — ", "-", "–", "—", "&#8212;", "&amp;", "&", "#tag", "(Recommended)", "*", "_", "1.", "2)", "🌟", "{{title}}", "\t", "  ");
const hostileText = fc.tuple(fc.array(fc.oneof(plainWord, unicodeWord, hostilePart, hostilePart), { minLength: 1, maxLength: 5 }), fc.constantFrom(" ", "")).map(([ps, sep]) => ps.join(sep));
const hostileLine = fc.oneof(
	hostileText,
	fc.constantFrom("%% todo", "<!-- draft", "```", "~~~ js", "  ```", " # Surprise", "# Heading", "---", "***", "[1. Fake](https://f.example)", "- item", "\t- nested", "  * star", "2. numbered", "`%%` in code", "a %%b%% c", "text -->", "> quote", "   ## Sub", "", "two\nlines", "cr\r\nlf", "{{title}} and {{nope}}", `- ${"long ".repeat(400)}`),
	unicodeWord,
);

const VALID_URLS: [string, string][] = [
	["https://n.example/new", "https://n.example/new"],
	["http://b.example", "http://b.example"],
	["obsidian://open?vault=v&file=n", "obsidian://open?vault=v&file=n"],
	["example.com/path", "https://example.com/path"],
	["https://x.example/a b", "https://x.example/a b"],
	["https://x.example/a_(b", "https://x.example/a_(b"],
	["https://x.example/a)b", "https://x.example/a)b"],
	["https://x.example/back\\slash", "https://x.example/back\\slash"],
	["https://w.example/Go_(language)", "https://w.example/Go_(language)"],
];
const BAD_URLS = ["not a url", "ftp://x.example/f", "javascript:alert(1)", "https://", "https://t.example/%%"];
const TAGS: [string, string][] = [["a", "a"], ["#b", "b"], ["two words", "two-words"], ["2025", ""], ["x/y", "x/y"], ["ü", "ü"], ["%%", ""]];

const insertArb = fc.record({
	kind: fc.constant("insert" as const),
	category: categoryChoice,
	title: fc.oneof({ weight: 12, arbitrary: hostileText }, { weight: 1, arbitrary: fc.constantFrom("   ", "a\nb") }),
	source: fc.option(hostileText, { nil: undefined }),
	url: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...VALID_URLS) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_URLS).map((u): [string, string | null] => [u, null]) }),
	tags: fc.array(fc.constantFrom(...TAGS), { maxLength: 3 }),
	recommended: fc.boolean(),
	commentary: fc.option(fc.array(hostileLine, { maxLength: 3 }), { nil: undefined }),
	share: fc.constantFrom(true, true, false),
	byRef: fc.boolean(),
});
const deleteArb = fc.record({ kind: fc.constant("delete" as const), pick: fc.nat(), shared: fc.constantFrom<"keep" | "delete" | undefined>(undefined, "keep", "delete"), byRef: fc.boolean() });
const moveArb = fc.record({ kind: fc.constant("move" as const), pick: fc.nat(), category: categoryChoice, share: fc.constantFrom(true, true, false), byRef: fc.boolean() });
const toggleArb = fc.record({ kind: fc.constant("toggle" as const), pick: fc.nat(), byRef: fc.boolean() });
const renumberArb = fc.record({ kind: fc.constant("renumber" as const), only: fc.option(fc.subarray(CATEGORY_NAMES), { nil: undefined }) });
const newDigestArb = fc.record({ kind: fc.constant("new" as const), hostile: fc.boolean() });

const editArb = fc.oneof({ weight: 4, arbitrary: insertArb }, { weight: 3, arbitrary: deleteArb }, { weight: 3, arbitrary: moveArb }, { weight: 2, arbitrary: toggleArb }, { weight: 1, arbitrary: renumberArb }, { weight: 1, arbitrary: newDigestArb });
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------
// Predictions, from the format's rules

function context(order: string[]): EditContext {
	return { parseYaml: parse, series: { categoryLevel: 1, dateFormat: "DD-MM-YYYY", categories: order } };
}

function parsed(text: string): Digest {
	return parseDigest(text, PATH, { parseYaml: parse });
}

function findCat(m: Model, name: string): MCategory | undefined {
	return m.categories.find((c) => c.name.toLowerCase() === name.trim().toLowerCase());
}

function categoryName(m: Model, c: CategoryChoice): string {
	if (c.kind !== "existing") return c.name;
	if (m.categories.length === 0) return NEW_CATEGORIES[c.n % NEW_CATEGORIES.length]!;
	const name = m.categories[c.n % m.categories.length]!.name;
	return c.lower ? ` ${name.toLowerCase()} ` : name;
}

/** Where a new category goes: before the first one the series' order puts after it, else at the end. */
function newCategoryIndex(m: Model, order: string[], name: string): number {
	const o = order.map((x) => x.toLowerCase());
	const rank = o.indexOf(name.trim().toLowerCase());
	if (rank < 0) return m.categories.length;
	const k = m.categories.findIndex((c) => o.indexOf(c.name.toLowerCase()) > rank);
	return k < 0 ? m.categories.length : k;
}

/** Whether a block appended to a category (new one at `index`) would land after a comment or fence left open at the end. */
function landsInOpenTail(m: Model, catName: string, index: number, leaving?: MGroup): boolean {
	const last = m.categories.at(-1);
	const tail = last?.groups.at(-1);
	if (!tail?.openTail || tail === leaving) return false;
	const cat = findCat(m, catName);
	return cat ? cat === last : index === m.categories.length;
}

function bulletize(lines: readonly string[]): string[] {
	return lines
		.flatMap((l) => l.split(/\r\n|\r|\n/))
		.map((l) => l.replace(/\s+$/, ""))
		.filter((l) => l.trim() !== "")
		.map((l) => (/^\s*([-*+]|\d+[.)])\s/.test(l) || /^\s/.test(l) ? l : `- ${l.trim()}`));
}

const flat = (c: MCategory) => c.groups.flatMap((g) => g.entries);

function renumber(c: MCategory): void {
	let n = 0;
	for (const e of flat(c)) if (e.number !== null) e.number = ++n;
}

function inOrder(c: MCategory): boolean {
	let n = 0;
	return flat(c).every((e) => e.number === null || e.number === ++n);
}

/** Appends an entry with commentary to a category as the format groups it. */
function append(c: MCategory, e: MEntry, commentary: string, loose: boolean): void {
	const last = c.groups.at(-1);
	if (last && last.commentary === "") {
		last.entries.push(e);
		last.commentary = commentary;
		last.loose = loose;
	} else c.groups.push({ entries: [e], commentary, loose });
}

interface Picked {
	cat: MCategory;
	group: MGroup;
	entry: MEntry;
	target: EntryTarget;
}

function pick(m: Model, d: Digest, n: number, byRef: boolean): Picked | null {
	const all = m.categories.flatMap((cat, ci) => cat.groups.flatMap((group) => group.entries.map((entry) => ({ cat, ci, group, entry }))));
	if (all.length === 0) return null;
	const k = n % all.length;
	const { cat, ci, group, entry } = all[k]!;
	const index = flat(cat).indexOf(entry);
	const de = d.categories[ci]!.entries[index]!;
	return { cat, group, entry, target: byRef ? { category: cat.name, index, url: de.url, title: de.title } : de.line };
}

type Outcome = { refuse: true; ask?: "share-commentary" | "shared-commentary" } | { refuse: false; model: Model; identity?: (text: string, line: number) => EditResult };

// ---------------------------------------------------------------------------------------------

// Plain checks in the loop: expect() costs more than the edits it would check here.
function check(ok: boolean, why: () => string): void {
	if (!ok) throw new Error(why());
}

/** The edited text, after checking its changes replay to it and keep the note's line ending (LF where it has none yet) and BOM. */
function checkedText(before: string, r: Extract<EditResult, { ok: true }>): string {
	check(applyChanges(before, r.changes) === r.text, () => "the changes do not replay to the text");
	const nl = before.indexOf("\n");
	if (nl > 0 && before[nl - 1] === "\r") check(!/(^|[^\r])\n/.test(r.text), () => `a bare LF in a CRLF note: ${JSON.stringify(r.text)}`);
	else check(!r.text.includes("\r\n"), () => `a CRLF in an LF note: ${JSON.stringify(r.text)}`);
	check(r.text.startsWith("\uFEFF") === before.startsWith("\uFEFF"), () => "the BOM changed");
	return r.text;
}

function oneSentence(reason: string): void {
	check(!reason.includes("\n") && /[.?]$/.test(reason), () => `not one sentence: ${JSON.stringify(reason)}`);
}

function run(g: Generated, edits: Edit[], stats: Record<string, number>): void {
	const ctx = context(g.order);
	let text = g.text;
	let model = clone(g.model);
	let d = parsed(text);
	const annotated = mismatch(model, d);
	check(annotated === null, () => `the generated digest does not read as annotated: ${annotated}\n${JSON.stringify(text)}`);
	for (const edit of edits) {
		const next = clone(model);
		let result: EditResult;
		let outcome: Outcome;
		if (edit.kind === "insert") {
			const name = categoryName(model, edit.category);
			const input: NewEntry = {
				category: name,
				url: edit.url[0],
				title: edit.title,
				source: edit.source,
				tags: edit.tags.map((t) => t[0]),
				recommended: edit.recommended,
				commentary: edit.commentary,
				shareCommentary: edit.share,
			};
			result = insertEntry(text, PATH, ctx, input);
			const cat = findCat(next, name);
			const index = cat ? next.categories.indexOf(cat) : newCategoryIndex(next, g.order, name);
			const comments = bulletize(edit.commentary ?? []);
			const joins = cat !== undefined && cat.groups.at(-1)?.commentary === "" && comments.length > 0;
			if (edit.category.kind === "hostile" || edit.title.trim() === "" || /[\r\n]/.test(edit.title + (edit.source ?? "")) || edit.url[1] === null || landsInOpenTail(next, name, index)) outcome = { refuse: true };
			else if (joins && !edit.share) outcome = { refuse: true, ask: "share-commentary" };
			else {
				const target = cat ?? { name: name.trim(), groups: [] };
				if (!cat) next.categories.splice(index, 0, target);
				const max = Math.max(0, ...flat(target).map((e) => e.number ?? 0));
				const src = edit.source?.trim() ?? "";
				append(target, { number: max + 1, source: src === "" ? null : src, title: edit.title.trim(), url: edit.url[1], recommended: edit.recommended, tags: edit.tags.map((t) => t[1]).filter((t) => t !== "") }, comments.join("\n"), true);
				// Insert then delete gives the note back, the shared commentary going too when it was shared.
				outcome = { refuse: false, model: next, identity: cat ? (after, line) => deleteEntry(after, PATH, ctx, line, joins ? { sharedCommentary: "delete" } : {}) : undefined };
			}
		} else if (edit.kind === "delete" || edit.kind === "move" || edit.kind === "toggle") {
			const p = pick(model, d, edit.pick, edit.byRef);
			if (!p) continue;
			// The same entry in the clone.
			const ci = model.categories.indexOf(p.cat);
			const gi = p.cat.groups.indexOf(p.group);
			const cat = next.categories[ci]!;
			const group = cat.groups[gi]!;
			const entry = group.entries[p.group.entries.indexOf(p.entry)]!;
			const alone = group.entries.length === 1;
			const last = group.entries.at(-1) === entry;
			if (edit.kind === "toggle") {
				result = toggleRecommended(text, PATH, ctx, p.target);
				entry.recommended = !entry.recommended;
				outcome = { refuse: false, model: next };
			} else if (edit.kind === "delete") {
				result = deleteEntry(text, PATH, ctx, p.target, edit.shared === undefined ? {} : { sharedCommentary: edit.shared });
				const shared = !alone && last && group.commentary !== "";
				const wasInOrder = inOrder(cat);
				if (shared && edit.shared === undefined) outcome = { refuse: true, ask: "shared-commentary" };
				// Without the commentary the others would join the next group and take its commentary.
				else if (shared && edit.shared === "delete" && (cat.groups[gi + 1]?.commentary ?? "") !== "") outcome = { refuse: true };
				else {
					if (alone) cat.groups.splice(gi, 1);
					else {
						group.entries.splice(group.entries.indexOf(entry), 1);
						if (shared && edit.shared === "delete") {
							group.commentary = "";
							// A next group without commentary of its own: one group now, nothing reads differently.
							const following = cat.groups[gi + 1];
							if (following) group.entries.push(...cat.groups.splice(gi + 1, 1)[0]!.entries);
						}
					}
					if (entry.number !== null && wasInOrder) renumber(cat);
					outcome = { refuse: false, model: next };
				}
			} else {
				// Mostly to another category; now and then to its own, which is refused.
				const others = model.categories.filter((c) => c !== p.cat);
				const choice = edit.category;
				const name = choice.kind === "existing" && others.length > 0 && choice.n % 5 !== 0 ? categoryName({ categories: others }, choice) : categoryName(model, choice);
				result = moveEntry(text, PATH, ctx, p.target, name, { shareCommentary: edit.share, groupCommentary: "copy" });
				const dest = findCat(next, name);
				const index = dest ? next.categories.indexOf(dest) : newCategoryIndex(next, g.order, name);
				const joins = dest !== undefined && dest.groups.at(-1)?.commentary === "" && group.commentary !== "";
				if (edit.category.kind === "hostile" || dest === cat || landsInOpenTail(next, name, index, alone ? group : undefined)) outcome = { refuse: true };
				else if (joins && !edit.share) outcome = { refuse: true, ask: "share-commentary" };
				else {
					if (alone) cat.groups.splice(gi, 1);
					else group.entries.splice(group.entries.indexOf(entry), 1);
					renumber(cat);
					const target = dest ?? { name: name.trim(), groups: [] };
					if (!dest) next.categories.splice(index, 0, target);
					renumber(target);
					const moved = { ...entry, number: entry.number === null ? null : flat(target).filter((e) => e.number !== null).length + 1 };
					append(target, moved, group.commentary, group.openTail === true);
					outcome = { refuse: false, model: next };
				}
			}
		} else if (edit.kind === "renumber") {
			result = renumberEntries(text, PATH, ctx, edit.only);
			for (const c of next.categories) if (!edit.only || edit.only.some((o) => o.toLowerCase() === c.name.toLowerCase())) renumber(c);
			outcome = { refuse: false, model: next };
		} else {
			newDigest(text, model, g, edit.hostile);
			stats["new"] = (stats["new"] ?? 0) + 1;
			continue;
		}

		if (outcome.refuse) {
			if (result.ok) throw new Error(`${edit.kind} should have been refused:\n${JSON.stringify(edit)}\nbefore: ${JSON.stringify(text)}\nafter: ${JSON.stringify(result.text)}`);
			oneSentence(result.reason);
			const ask = outcome.ask;
			if (ask) check(result.ask?.kind === ask, () => `expected the question ${ask}: ${result.reason}`);
			stats["refused"] = (stats["refused"] ?? 0) + 1;
			stats[`${edit.kind} refused`] = (stats[`${edit.kind} refused`] ?? 0) + 1;
			continue;
		}
		if (!result.ok) throw new Error(`${edit.kind} was refused: ${result.reason}\n${JSON.stringify(edit)}\n${JSON.stringify(text)}`);
		const after = checkedText(text, result);
		const afterDigest = parsed(after);
		const wrong = mismatch(outcome.model, afterDigest);
		if (wrong !== null) throw new Error(`${edit.kind}: ${wrong}\n${JSON.stringify(edit)}\nbefore: ${JSON.stringify(text)}\nafter: ${JSON.stringify(after)}`);
		if (outcome.identity) {
			const back = outcome.identity(after, result.line);
			if (!back.ok) throw new Error(`deleting the inserted entry was refused: ${back.reason}`);
			check(back.text === text, () => `insert then delete did not give the note back:\n${JSON.stringify(text)}\n${JSON.stringify(back.text)}`);
			stats["identity"] = (stats["identity"] ?? 0) + 1;
		}
		stats[edit.kind] = (stats[edit.kind] ?? 0) + 1;
		text = after;
		d = afterDigest;
		model = outcome.model;
	}
}

/** A new digest from the note as a template: it reads back as the note, placeholders filled in. */
function newDigest(text: string, model: Model, g: Generated, hostile: boolean): void {
	const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
	const eol = text.includes("\r\n") ? "\r\n" : "\n";
	const body = text.slice(bom.length);
	const template = body.startsWith("---")
		? bom + body.replace('title: "Generated: 01-02-2025 to 07-02-2025"', 'title: "{{title}}"')
		: `${bom}---${eol}title: "{{title}}"${eol}---${eol}${body}`;
	const series = completeSeries({ name: "Generated", tag: "generated", titleTemplate: hostile ? 'Gen "quoted" {{start}} to {{end}}' : "Gen {{start}} to {{end}}", fileNameTemplate: "{{start}} to {{end}}", categories: g.order });
	const r = planNewDigest({ series, digests: [], to: { year: 2025, month: 3, day: 16 }, exists: () => false, templateText: template, parseYaml: parse });
	if (hostile) {
		if (r.ok) throw new Error(`a new digest with a title that breaks its YAML was created:\n${r.text}`);
		oneSentence(r.reason);
		return;
	}
	if (!r.ok) throw new Error(`new digest refused: ${r.reason}`);
	const d = parseDigest(r.text, r.path, { parseYaml: parse });
	check(d.title === "Gen 10-03-2025 to 16-03-2025" && JSON.stringify(d.period) === JSON.stringify({ start: { year: 2025, month: 3, day: 10 }, end: { year: 2025, month: 3, day: 16 } }), () => `new digest titled ${d.title}`);
	const filled = clone(model);
	const fill = (s: string) => s.replace(/\{\{title\}\}/g, d.title);
	for (const c of filled.categories) {
		c.name = fill(c.name);
		for (const grp of c.groups) {
			grp.commentary = fill(grp.commentary);
			for (const e of grp.entries) {
				e.title = fill(e.title);
				if (e.source !== null) e.source = fill(e.source);
			}
		}
	}
	const wrong = mismatch(filled, d);
	check(wrong === null, () => `new digest: ${wrong}\n${JSON.stringify(r.text)}`);
}

describe("the edit layer, model-based", () => {
	it(`runs ${SEQUENCES} random edit sequences on generated digests as the format says`, () => {
		const stats: Record<string, number> = {};
		const cpu = process.cpuUsage();
		fc.assert(
			fc.property(digestArb, fc.array(editArb, { minLength: 1, maxLength: 4 }), (g, edits) => run(g, edits, stats)),
			{ numRuns: SEQUENCES },
		);
		const used = process.cpuUsage(cpu);
		console.log(`edit model: ${SEQUENCES} sequences, ${((used.user + used.system) / 1e6).toFixed(1)} s of CPU`, JSON.stringify(stats));
		// Not vacuous: every edit succeeded often, and insert-then-delete was checked often.
		for (const kind of ["insert", "delete", "move", "toggle", "renumber", "new", "identity", "refused"]) expect(stats[kind] ?? 0, kind).toBeGreaterThan(SEQUENCES / 20);
		// The machine is shared: the budget is CPU time, not wall time (see the log line above).
	}, 180_000);
});
