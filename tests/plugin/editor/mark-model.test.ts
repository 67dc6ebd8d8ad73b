import { EditorState, type Text } from "@codemirror/state";
import type { DecorationSet } from "@codemirror/view";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { checkDigest } from "../../../src/core/check/check";
import { CodeMasker, parseInlineLink } from "../../../src/core/format/markdown-scan";
import { parseDigest } from "../../../src/core/format/parser";
import { completeSeries } from "../../../src/core/format/series";
import type { Entry } from "../../../src/core/format/types";
import { DigestIndex } from "../../../src/core/index/digest-index";
import { linkStartOf, numberSpan } from "../../../src/core/edit/list-edits";
import { normalizeUrl } from "../../../src/core/links/url-normalize";
import { generateVault } from "../../../scripts/vault-generator";
import { indexSource } from "../../../src/plugin/editor/editor-extension";
import { DigestMarkModel, MALFORMED_CLASS, NUMBERING_CLASS, RECOMMENDED_CLASS, sharedLabel, SharedMarkWidget, type DocRange, type MarkSource, type SharedPlace } from "../../../src/plugin/editor/mark-model";

/**
 * The incremental marks against marks made from scratch: after every random edit, the model's
 * decorations must equal those that parseDigest and checkDigest give for the whole new text
 * (the way the extension marked notes before it read them a change at a time).
 */

const PATH = "Digests/this.md";

const LEVEL_ONE = [
	"---",
	'title: "Weekly Links: 01-09-2025 to 07-09-2025"',
	"tags: [weeklylinks]",
	"---",
	"Preamble [1. Not - An entry](https://example.com/pre)",
	"[2. Also - Not one](https://example.com/pre2)",
	"",
	"# Kubernetes",
	"[1. Blog - One](https://example.com/one) 🌟 **(Recommended)**",
	"",
	"- Commentary with `[2. Code - Not an entry](https://x.example)` and %% a comment %% here.",
	"\t- Nested, with [[Some note]].",
	"",
	"[3. Blog - Three](https://www.example.com/one/?utm_source=feed) #tag",
	"[2. Blog - Two](<https://example.com/two words>) *(recommended)*",
	"[Unnumbered - Title](https://example.com/u)",
	"[4. Broken(https://example.com/b)",
	"```js",
	"[5. Fenced - Entry](https://example.com/fenced)",
	"# Not a heading",
	"```",
	"<!-- hidden",
	"[6. Hidden - Entry](https://example.com/hidden)",
	"-->",
	"## Deeper heading",
	"[5. Blog - Five](https://example.com/five)",
	"# Data",
	"[1. Blog - Shared](https://shared.example.org/x)",
	"[[Wiki link line]]",
	"[^1]: a footnote",
	"[label]: https://example.com/ref",
	"[1. Blog - One again](https://example.com/one)",
	"%%",
	"[7. Commented - Out](https://example.com/c)",
	"%%",
	"[2) Blog - Paren number](https://example.com/p)",
	"",
].join("\n");

const LEVEL_TWO = [
	"# Weekly notes",
	"## Tools",
	"[1. Blog - Tool](https://example.com/tool)",
	"[1. Blog - Tool twice](https://example.com/tool#frag)",
	"# Another top",
	"[9. Outside - Any category](https://example.com/outside)",
	"## Tools",
	"[3. Blog - Shared](https://shared.example.org/x/) ⭐ (Recommended)",
	"### Deeper",
	"[2. Blog - Five](http://example.com/five)",
	"~~~",
	"[3. In - Tildes](https://example.com/t)",
	"~~~",
	"[x](",
].join("\n");

/** A list-style collection (FORMAT.md, "List style"): markers, ordered lists, kinds, nested lines, text numbers, a heading path. */
const LIST = [
	"---",
	"tags: [weeklylinks]",
	"---",
	"- [Preamble item](https://example.com/pre)",
	"# Databases",
	"- [Acme - Failover](https://example.com/one) 🌟 **(Recommended)**",
	"\t- nested [Nested link](https://example.com/five)",
	"  - [Also nested](https://example.com/one)",
	"* [video] [Talk](https://example.com/talk): a description #tag",
	"lazy continuation line",
	"- [x] a task, not an entry",
	"- [broken](https://example.com/b",
	"",
	"## HA & Scaling",
	"",
	"1. [Ordered one](https://example.com/o1)",
	"3. [Ordered three](https://shared.example.org/x)",
	"   - nested under three",
	"",
	"- [2. Text numbered](https://example.com/t2)",
	"- [audio] [1. Text one](https://example.com/t1) *(recommended)*",
	"    # not a heading, nested",
	"```",
	"- [Fenced](https://example.com/fenced)",
	"```",
	"%% - [Commented](https://example.com/c) %%",
	"### Deeper",
	"+ [Deeper item](https://example.com/five)",
	"  + [Nested deeper](https://example.com/one)",
	"",
	"A paragraph.",
	"- [[Wiki note]] item",
	"",
].join("\n");

/** A generated digest with the format's quirks (groups, fences, comments, mojibake flags), links shared with earlier digests. */
const GENERATED = [...generateVault({ digests: 3, entriesPerDigest: 40, seed: 7, crlfEvery: 0 })].filter(([p]) => p.startsWith("Digests/")).at(-1)![1];

const OTHER_PATH = "Digests/other.md";
const OTHER = [
	"---",
	'title: "Weekly Links: 25-08-2025 to 31-08-2025"',
	"tags: [weeklylinks]",
	"---",
	"# Kubernetes",
	"[1. Blog - Shared before](https://shared.example.org/x)",
	"[2. Blog - Five before](https://example.com/five)",
	"[Unnumbered five](https://example.com/five/)",
	"",
].join("\n");

const SERIES = completeSeries({ name: "Weekly", tag: "weeklylinks" });

function makeIndex(withOther: boolean): DigestIndex {
	const index = new DigestIndex({ parseYaml, series: [SERIES] });
	if (withOther) index.setNote(OTHER_PATH, OTHER);
	return index;
}

/** A decoration set as comparable lines: position, kind and tooltip. */
function describeSet(set: DecorationSet): string[] {
	const out: string[] = [];
	for (const it = set.iter(); it.value; it.next()) {
		const spec = it.value.spec as { class?: string; attributes?: { title?: string }; widget?: unknown };
		if (spec.widget instanceof SharedMarkWidget) out.push(`${it.from} shared ${spec.widget.label}`);
		else out.push(`${it.from}-${it.to} ${spec.class ?? "?"} ${spec.attributes?.title ?? ""}`);
	}
	return out.sort();
}

/** The marks of a whole text from parseDigest and checkDigest, the shared marks only for lines in view. */
function reference(doc: Text, source: MarkSource, visible: readonly DocRange[]): string[] {
	const list = source.entryStyle === "list";
	const digest = parseDigest(doc.toString(), PATH, { parseYaml, categoryLevel: source.categoryLevel, entryStyle: source.entryStyle ?? "line" });
	const problems = checkDigest(digest).filter((p) => p.code === "numbering" || p.code === "malformed-entry");
	const out: string[] = [];
	const here = new Map<string, Entry[]>();
	for (const cat of digest.categories) {
		for (const e of cat.entries) {
			const key = normalizeUrl(e.url);
			here.set(key, [...(here.get(key) ?? []), e]);
		}
	}
	const entries = digest.categories.flatMap((c) => c.entries);
	for (const p of problems) {
		const line = doc.line(p.line);
		if (p.code === "malformed-entry") {
			out.push(`${line.from}-${line.from} ${MALFORMED_CLASS} ${p.message}`);
			continue;
		}
		if (list) {
			// The number and its separator, where the edits find them.
			const span = numberSpan(line.text, true);
			if (span) out.push(`${line.from + span[0]}-${line.from + span[1] + 1} ${NUMBERING_CLASS} ${p.message}`);
			continue;
		}
		const digits = /^\[\s*(\d+)[.)]/.exec(line.text);
		if (!digits) continue;
		const from = line.from + digits[0].length - 1 - digits[1]!.length;
		// The number and its separator.
		out.push(`${from}-${from + digits[1]!.length + 1} ${NUMBERING_CLASS} ${p.message}`);
	}
	for (const e of entries) {
		const line = doc.line(e.line);
		if (e.recommended) out.push(`${line.from}-${line.from} ${RECOMMENDED_CLASS} `);
		if (!visible.some((r) => line.from <= r.to && line.to >= r.from)) continue;
		const places: SharedPlace[] = [...source.elsewhere(e.url)];
		for (const o of here.get(normalizeUrl(e.url))!) if (o !== e) places.push({ digestTitle: null, category: o.category, number: o.number, title: o.title });
		if (places.length === 0) continue;
		const link = parseInlineLink(new CodeMasker().mask(line.text), line.text, list ? linkStartOf(line.text, true) : 0);
		if (!link.ok) throw new Error(`entry line ${e.line} does not read as a link`);
		out.push(`${line.from + link.link.end} shared ${sharedLabel(places)}`);
	}
	return out.sort();
}

/** What typing mostly is: words, numbers, brackets, links, new lines. */
const TEXT_TOKENS = [
	"a",
	"Blog - ",
	" ",
	"\n",
	"\n\n",
	"[",
	"]",
	"(",
	")",
	"1. ",
	"2.",
	"3) ",
	"7",
	"12",
	"](https://example.com/one)",
	"](https://shared.example.org/x?utm_medium=mail)",
	"](https://example.com/five",
	"[4. New - Entry](https://example.com/new)",
	" (Recommended)",
	" **(recommended)**",
	"#",
	" #tag",
	"`",
	"``",
	"[[",
	"[^",
	"]:",
	"\\",
	"<",
	">",
	"🌟",
	"\t",
	"- ",
	"  ",
	"* [video] ",
	"1. [",
	"- [2. ",
	"    ",
];
/** What changes how far-away lines read: headings, fences, comments, frontmatter. */
const STRUCTURE_TOKENS = ["# ", "## ", "# Data\n", "```", "~~~", "%%", "<!--", "-->", "---"];

interface Edit {
	at: number;
	del: number;
	insert: string;
}

type Step = { kind: "edit"; edits: Edit[] } | { kind: "scroll"; from: number; size: number } | { kind: "index" };

/** A fraction in [0, 1], uniform (fast-check's doubles lean towards 0, which would edit line 1 nearly always). */
const fraction = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 10_000);

const editArb: fc.Arbitrary<Edit> = fc.record({
	at: fraction,
	del: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 5, max: 80 }) }),
	insert: fc
		.array(fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...TEXT_TOKENS) }, { weight: 1, arbitrary: fc.constantFrom(...STRUCTURE_TOKENS) }), { maxLength: 4 })
		.map((t) => t.join("")),
});

const stepArb: fc.Arbitrary<Step> = fc.oneof(
	{ weight: 8, arbitrary: fc.array(editArb, { minLength: 1, maxLength: 3 }).map((edits): Step => ({ kind: "edit", edits })) },
	{ weight: 1, arbitrary: fc.record({ from: fraction, size: fraction }).map((r): Step => ({ kind: "scroll", ...r })) },
	{ weight: 1, arbitrary: fc.constant<Step>({ kind: "index" }) },
);

/** A view window of the document from fractions of its length (the whole document when size is 1). */
function windowOf(doc: Text, from: number, size: number): DocRange[] {
	const a = Math.floor(from * doc.length);
	return [{ from: a, to: Math.min(doc.length, a + Math.ceil(size * doc.length)) }];
}

function applyEdits(state: EditorState, edits: readonly Edit[]): ReturnType<EditorState["update"]> {
	const len = state.doc.length;
	const specs = edits
		.map((e) => {
			const from = Math.min(len, Math.floor(e.at * (len + 1)));
			return { from, to: Math.min(len, from + e.del), insert: e.insert };
		})
		.sort((a, b) => a.from - b.from);
	const kept = specs.filter((s, i) => i === 0 || s.from >= specs[i - 1]!.to);
	return state.update({ changes: kept });
}

describe("the incremental editor marks", () => {
	it("equal the marks made from scratch after every random edit", () => {
		let lineReads = 0;
		let edits = 0;
		fc.assert(
			fc.property(fc.constantFrom(LEVEL_ONE, LEVEL_TWO, GENERATED, LIST), fc.record({ from: fraction, size: fc.constantFrom<number>(1, 0.3, 0.05) }), fc.array(stepArb, { minLength: 1, maxLength: 25 }), (text, view, steps) => {
				const level = text === LEVEL_TWO || text === LIST ? 2 : 1;
				const entryStyle = text === LIST ? "list" : "line";
				let withOther = true;
				let index = makeIndex(withOther);
				// Reads the index as it is now: an index change replaces it.
				const source: MarkSource = { categoryLevel: level, entryStyle, elsewhere: (url) => indexSource(index, PATH, { categoryLevel: level }).elsewhere(url) };
				let state = EditorState.create({ doc: text });
				let win = { ...view };
				let visible = windowOf(state.doc, win.from, win.size);
				const model = new DigestMarkModel(source, state.doc, visible);
				expect(describeSet(model.decorations)).toEqual(reference(state.doc, source, visible));
				for (const step of steps) {
					if (step.kind === "edit") {
						const tr = applyEdits(state, step.edits);
						state = tr.state;
						visible = windowOf(state.doc, win.from, win.size);
						model.update(tr.changes, state.doc, visible);
						edits++;
						if (model.lastRead === "lines") lineReads++;
					} else if (step.kind === "scroll") {
						win = { from: step.from, size: step.size };
						visible = windowOf(state.doc, win.from, win.size);
						model.setVisible(visible);
					} else {
						// The other digest leaves the index or comes back.
						withOther = !withOther;
						index = makeIndex(withOther);
						model.relabel();
					}
					const expected = reference(state.doc, source, visible);
					expect(describeSet(model.decorations), `after ${JSON.stringify(step)} on\n${state.doc.toString()}`).toEqual(expected);
					expect(describeSet(new DigestMarkModel(source, state.doc, visible).decorations)).toEqual(expected);
				}
			}),
			{ numRuns: 200 },
		);
		// Most edits must have been read a line at a time, or the test would only test full reads.
		expect(lineReads / edits).toBeGreaterThan(0.4);
	}, 120_000);
});

describe("notes at the edges", () => {
	it("reads notes that are only frontmatter, empty, or one line, and the entries typed into them", () => {
		const source = indexSource(makeIndex(true), PATH, { categoryLevel: 1 });
		for (const text of ["---\ntitle: x\n---", "", "# Tools", "[1. Blog - One](https://example.com/one)", "---\n---\n"]) {
			let state = EditorState.create({ doc: text });
			const whole = () => [{ from: 0, to: state.doc.length }];
			const model = new DigestMarkModel(source, state.doc, whole());
			expect(describeSet(model.decorations)).toEqual(reference(state.doc, source, whole()));
			for (const insert of ["\n# Tools", "\n[1. Blog - One](https://example.com/one) (Recommended)", "\n[3. Blog - Three](https://example.com/3)"]) {
				const tr = state.update({ changes: { from: state.doc.length, insert } });
				state = tr.state;
				model.update(tr.changes, state.doc, whole());
				expect(describeSet(model.decorations), JSON.stringify(state.doc.toString())).toEqual(reference(state.doc, source, whole()));
			}
		}
	});
});

describe("what a change re-reads", () => {
	const source = (): MarkSource => indexSource(makeIndex(true), PATH, { categoryLevel: 1 });

	function typed(text: string, find: string, replace: string): { model: DigestMarkModel; state: EditorState } {
		let state = EditorState.create({ doc: text });
		const model = new DigestMarkModel(source(), state.doc, [{ from: 0, to: state.doc.length }]);
		const at = text.indexOf(find);
		expect(at).toBeGreaterThanOrEqual(0);
		const tr = state.update({ changes: { from: at, to: at + find.length, insert: replace } });
		state = tr.state;
		model.update(tr.changes, state.doc, [{ from: 0, to: state.doc.length }]);
		return { model, state };
	}

	it("reads only the lines of an edit in an entry, commentary or a code block", () => {
		expect(typed(LEVEL_ONE, "- Commentary", "- More commentary").model.lastRead).toBe("lines");
		expect(typed(LEVEL_ONE, "Blog - Three", "Blog - Third").model.lastRead).toBe("lines");
		expect(typed(LEVEL_ONE, "Fenced - Entry", "Fenced - Changed").model.lastRead).toBe("lines");
		expect(typed(LEVEL_ONE, "Hidden - Entry", "Hidden - Changed").model.lastRead).toBe("lines");
	});

	it("reads only the heading's line when a category is renamed, and marks the new name", () => {
		const { model } = typed(LEVEL_ONE, "# Data", "# Data engineering");
		expect(model.lastRead).toBe("lines");
		// Kubernetes #1 and #3 share a link with the renamed category's second entry.
		expect(describeSet(model.decorations).filter((d) => d.includes("Data"))).toEqual([
			expect.stringContaining("shared Also in this digest, Kubernetes #3; this digest, Data engineering #1"),
			expect.stringContaining("shared Also in this digest, Kubernetes #1; this digest, Data engineering #1"),
			expect.stringContaining('numbering Entry number 1 in "Data engineering" repeats an earlier number; expected 2.'),
		]);
	});

	it("reads the whole note when an edit adds or takes away a heading, or touches a fence or comment marker, or the frontmatter", () => {
		expect(typed(LEVEL_ONE, "# Data", "Data").model.lastRead).toBe("full");
		expect(typed(LEVEL_ONE, "- Commentary", "# Commentary").model.lastRead).toBe("full");
		expect(typed(LEVEL_ONE, "# Data", "## Data").model.lastRead).toBe("full");
		expect(typed(LEVEL_ONE, "```js", "```ts").model.lastRead).toBe("full");
		expect(typed(LEVEL_ONE, "<!-- hidden", "<!-- still hidden").model.lastRead).toBe("full");
		expect(typed(LEVEL_ONE, "tags: [weeklylinks]", "tags: [weeklylinks, more]").model.lastRead).toBe("full");
		// Typing a comment open on an entry line hides everything after it.
		const { model } = typed(LEVEL_ONE, "[5. Blog - Five]", "%% [5. Blog - Five]");
		expect(model.lastRead).toBe("full");
	});
});

describe("DigestMarkModel.explain", () => {
	it("says in words what the marks of a line say, and nothing for a line without one", () => {
		const text = [
			"---",
			"title: x",
			"tags: [weeklylinks]",
			"---",
			"",
			"# Kubernetes",
			"",
			"[1. Blog - One](https://example.com/one) 🌟 **(Recommended)**",
			"[3. Blog - Three](https://example.com/one)",
			"[4. Blog - Broken](https://example.com/four",
		].join("\n");
		const doc = EditorState.create({ doc: text }).doc;
		const source: MarkSource = { categoryLevel: 1, elsewhere: () => [] };
		const model = new DigestMarkModel(source, doc, [{ from: 0, to: doc.length }]);
		expect(model.explain(8)).toEqual(['Also in this digest, Kubernetes #3.', "A recommended entry."]);
		expect(model.explain(9)).toEqual(['Entry number 3 in "Kubernetes" skips number 2.', "Also in this digest, Kubernetes #1."]);
		expect(model.explain(10)[0]).toMatch(/is not a complete link/);
		expect(model.explain(6)).toEqual([]);
		expect(model.explain(7)).toEqual([]);
		expect(model.explain(1)).toEqual([]);
	});
});

describe("list-style marks", () => {
	const source: MarkSource = { categoryLevel: 2, entryStyle: "list", elsewhere: () => [] };

	function typed(find: string, replace: string): { model: DigestMarkModel; state: EditorState } {
		let state = EditorState.create({ doc: LIST });
		const whole = () => [{ from: 0, to: state.doc.length }];
		const model = new DigestMarkModel(source, state.doc, whole());
		const at = LIST.indexOf(find);
		expect(at).toBeGreaterThanOrEqual(0);
		const tr = state.update({ changes: { from: at, to: at + find.length, insert: replace } });
		state = tr.state;
		model.update(tr.changes, state.doc, whole());
		expect(describeSet(model.decorations)).toEqual(reference(state.doc, source, whole()));
		return { model, state };
	}

	it("marks recommended, numbering, shared and malformed items of a list, as the parser and check read them", () => {
		const doc = EditorState.create({ doc: LIST }).doc;
		const model = new DigestMarkModel(source, doc, [{ from: 0, to: doc.length }]);
		const line = (text: string) => LIST.split("\n").indexOf(text) + 1;
		expect(model.explain(line("- [Acme - Failover](https://example.com/one) 🌟 **(Recommended)**"))).toEqual(["A recommended entry."]);
		expect(model.explain(line("3. [Ordered three](https://shared.example.org/x)"))).toEqual(['Entry number 3 in "Databases › HA & Scaling" skips number 2.']);
		expect(model.explain(line("- [2. Text numbered](https://example.com/t2)"))[0]).toMatch(/Entry number 2 .* is out of order; expected 4/);
		expect(model.explain(line("- [broken](https://example.com/b"))[0]).toMatch(/^List item "- \[broken\].*is not a complete link/);
		expect(model.explain(line("+ [Deeper item](https://example.com/five)"))).toEqual([]);
		expect(model.explain(line("\t- nested [Nested link](https://example.com/five)"))).toEqual([]);
		expect(describeSet(model.decorations)).toEqual(reference(doc, source, [{ from: 0, to: doc.length }]));
	});

	it("take the series' entry style from the index's source", () => {
		expect(indexSource(makeIndex(false), PATH, { categoryLevel: 2, entryStyle: "list" }).entryStyle).toBe("list");
		expect(indexSource(makeIndex(false), PATH, { categoryLevel: 2 }).entryStyle).toBe("line");
		const doc = EditorState.create({ doc: LIST }).doc;
		const model = new DigestMarkModel(indexSource(makeIndex(false), PATH, { categoryLevel: 2, entryStyle: "list" }), doc, [{ from: 0, to: doc.length }]);
		expect(model.entryStyle).toBe("list");
		expect(describeSet(model.decorations).some((d) => d.includes(RECOMMENDED_CLASS))).toBe(true);
	});

	it("reads only the lines of an edit in an item, and the lines it makes its own", () => {
		expect(typed("[Talk]", "[Talk again]").model.lastRead).toBe("lines");
		expect(typed("(https://example.com/b", "(https://example.com/b)").model.lastRead).toBe("lines");
		// An item typed above indented lines makes them its nested lines: they are read again, not the note.
		expect(typed("lazy continuation line", "- [New](https://example.com/one)\n  - [Was top](https://example.com/talk)").model.lastRead).toBe("lines");
		expect(typed("A paragraph.", "A paragraph.\n").model.lastRead).toBe("lines");
	});

	it("reads the whole note when an edit touches a heading (it names the categories after it)", () => {
		expect(typed("## HA & Scaling", "## HA").model.lastRead).toBe("full");
		expect(typed("A paragraph.", "# A heading").model.lastRead).toBe("full");
		expect(typed("```\n- [Fenced]", "~~~\n- [Fenced]").model.lastRead).toBe("full");
	});
});
