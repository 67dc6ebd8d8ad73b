import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse as parseYaml } from "yaml";
import { deleteEntry, insertEntry, moveEntry, renumberEntries, toggleRecommended, type EditContext, type EditResult } from "../../../src/core/edit/entry-edits";
import { parseWithSeries } from "../../../src/core/format/parser";
import { completeSeries } from "../../../src/core/format/series";

/**
 * A model-based property test of the list-style edits, in the manner of edit-model.test.ts: a
 * generator writes list-style notes it knows line by line (markers, ordered lists, kinds, nested
 * commentary, paragraphs after a list), random edit sequences run on them, and the parse of every
 * result is compared with the test's own model, not with the edit guard's. Insert then delete gives
 * back the original bytes.
 */

const PATH = "Lists/Model.md";
const RUNS = Number(process.env["EDIT_MODEL_RUNS"] ?? 500);
const ctx: EditContext = { parseYaml, series: completeSeries({ name: "Lists", tag: "", folder: "Lists", entryStyle: "list", categoryLevel: 2 }) };

interface MEntry {
	title: string;
	url: string;
	recommended: boolean;
	kinds: string[];
	commentary: string;
	/** Written as an ordered item. */
	ordered: boolean;
	/** Its link text holds a number (`[2. Title]`), which an ordered item's marker hides. */
	text: boolean;
	number: number | null;
}
interface MCategory {
	name: string;
	entries: MEntry[];
}

const WORDS = ["alpha", "beta", "gamma", "delta", "omega", "kappa"];
let serial = 0;

const entryArb = fc.record({
	title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(" ")),
	recommended: fc.boolean(),
	kind: fc.constantFrom(null, "video", "audio"),
	notes: fc.array(fc.constantFrom(...WORDS), { maxLength: 2 }),
	description: fc.constantFrom("", "a description"),
});
const categoryArb = fc.record({
	// "-N" is a bullet numbered in its link text: `- [N. Title](url)`.
	marker: fc.constantFrom("-", "*", "+", "1.", "-N"),
	nested: fc.constantFrom("\t", "  "),
	entries: fc.array(entryArb, { maxLength: 4 }),
	paragraph: fc.boolean(),
});
const noteArb = fc.array(categoryArb, { minLength: 1, maxLength: 3 });

type GenCategory = { marker: string; nested: string; entries: { title: string; recommended: boolean; kind: string | null; notes: string[]; description: string }[]; paragraph: boolean };

function write(cats: readonly GenCategory[]): { text: string; model: MCategory[] } {
	const lines = ["# Top", "Words before the lists."];
	const model: MCategory[] = [];
	cats.forEach((c, ci) => {
		const name = `Part ${ci + 1}`;
		lines.push("", `## ${name}`, "");
		const entries: MEntry[] = [];
		c.entries.forEach((e, ei) => {
			const url = `https://example.org/${++serial}`;
			const ordered = c.marker === "1.";
			const textNumbered = c.marker === "-N";
			const prefix = ordered ? `${ei + 1}. ` : textNumbered ? "- " : `${c.marker} `;
			const kind = e.kind ? `[${e.kind}] ` : "";
			const flag = e.recommended ? " 🌟 **(Recommended)**" : "";
			const desc = e.description ? `: ${e.description}` : "";
			lines.push(`${prefix}${kind}[${textNumbered ? `${ei + 1}. ` : ""}${e.title}](${url})${flag}${desc}`);
			// Nested lines reach the item's content: a tab, or as many spaces as the marker takes.
			for (const n of e.notes) lines.push(`${c.nested === "\t" ? "\t" : " ".repeat(prefix.length)}- ${n}`);
			const commentary = [...(e.description ? [e.description] : []), ...e.notes.map((n) => `- ${n}`)].join("\n");
			entries.push({ title: e.title, url, recommended: e.recommended, kinds: e.kind ? [e.kind] : [], commentary, ordered, text: textNumbered, number: ordered || textNumbered ? ei + 1 : null });
		});
		if (c.paragraph) lines.push("", "A paragraph after the list.");
		model.push({ name: `Top › ${name}`, entries });
	});
	return { text: lines.join("\n") + "\n", model };
}

function compare(text: string, model: MCategory[]): void {
	const d = parseWithSeries(text, PATH, ctx.series, parseYaml);
	expect(d.problems.filter((p) => p.severity === "error")).toEqual([]);
	const got = d.categories.filter((c) => c.name !== "Top").map((c) => ({ name: c.name, entries: c.entries.map((e) => ({ title: e.title, url: e.url, recommended: e.recommended, kinds: e.kinds, commentary: e.commentary, number: e.number })) }));
	const want = model.map((c) => ({ name: c.name, entries: c.entries.map(({ ordered: _o, text: _t, ...e }) => e) }));
	expect(got).toEqual(want);
}

const ok = (r: EditResult): string => {
	if (!r.ok) throw new Error(r.reason);
	return r.text;
};

const opArb = fc.oneof(
	fc.record({ kind: fc.constant("insert" as const), cat: fc.nat(3), title: fc.constantFrom(...WORDS), note: fc.constantFrom(null, "typed note"), tag: fc.constantFrom(null, "video") }),
	fc.record({ kind: fc.constant("toggle" as const), at: fc.nat(20) }),
	fc.record({ kind: fc.constant("delete" as const), at: fc.nat(20) }),
	fc.record({ kind: fc.constant("move" as const), at: fc.nat(20), cat: fc.nat(3) }),
	fc.record({ kind: fc.constant("renumber" as const) }),
);

/** Entry lines of the parse, in order, with their categories in the model. */
function located(text: string): { line: number; cat: number; index: number }[] {
	const d = parseWithSeries(text, PATH, ctx.series, parseYaml);
	return d.categories.filter((c) => c.name !== "Top").flatMap((c, ci) => c.entries.map((e, index) => ({ line: e.line, cat: ci, index })));
}

function renumberModel(c: MCategory): void {
	let n = 0;
	for (const e of c.entries) if (e.number !== null) e.number = ++n;
}

describe("list-style edits, model-based", () => {
	it(`runs ${RUNS} random edit sequences on generated list notes as the format says`, () => {
		fc.assert(
			fc.property(noteArb, fc.array(opArb, { maxLength: 8 }), (cats, ops) => {
				let { text, model } = write(cats);
				compare(text, model);
				for (const op of ops) {
					const where = located(text);
					if (op.kind === "insert") {
						const cat = model[op.cat % model.length]!;
						if (cat.entries.length >= 8) continue;
						const url = `https://example.org/new-${++serial}`;
						const before = text;
						const last = cat.entries[cat.entries.length - 1];
						const ordered = !!last && last.ordered;
						// A list is numbered where it is ordered or its entries are numbered in their texts.
						const numbered = ordered || cat.entries.some((e) => e.number !== null);
						text = ok(insertEntry(text, PATH, ctx, { category: cat.name, url, title: op.title, commentary: op.note ? [op.note] : [], kinds: op.tag ? [op.tag] : [] }));
						cat.entries.push({ title: op.title, url, recommended: false, kinds: op.tag ? [op.tag] : [], commentary: op.note ? `- ${op.note}` : "", ordered, text: numbered && !ordered, number: numbered ? cat.entries.filter((e) => e.number !== null).length + 1 : null });
						compare(text, model);
						// Insert then delete gives back the bytes.
						const lines = located(text);
						const added = lines[lines.length - 1 - model.slice(model.indexOf(cat) + 1).reduce((n, c) => n + c.entries.length, 0)]!;
						expect(ok(deleteEntry(text, PATH, ctx, added.line))).toBe(before);
					} else if (op.kind === "renumber") {
						text = ok(renumberEntries(text, PATH, ctx));
						model.forEach(renumberModel);
					} else {
						if (where.length === 0) continue;
						const at = where[op.at % where.length]!;
						const cat = model[at.cat]!;
						const entry = cat.entries[at.index]!;
						if (op.kind === "toggle") {
							text = ok(toggleRecommended(text, PATH, ctx, at.line));
							entry.recommended = !entry.recommended;
						} else if (op.kind === "delete") {
							text = ok(deleteEntry(text, PATH, ctx, at.line));
							cat.entries.splice(at.index, 1);
							if (entry.number !== null) renumberModel(cat);
						} else {
							const dest = model[op.cat % model.length]!;
							if (dest === cat || dest.entries.length >= 8) continue;
							text = ok(moveEntry(text, PATH, ctx, at.line, dest.name));
							cat.entries.splice(at.index, 1);
							renumberModel(cat);
							const last = dest.entries[dest.entries.length - 1];
							const ordered = !!last && last.ordered;
							// A moved entry keeps a number where the destination is ordered or its text holds one.
							const numbered = ordered || entry.text;
							dest.entries.push({ ...entry, ordered, number: numbered ? dest.entries.filter((e) => e.number !== null).length + 1 : null });
						}
					}
					compare(text, model);
				}
			}),
			{ numRuns: RUNS },
		);
	});
});
