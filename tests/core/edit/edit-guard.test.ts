import { describe, it, expect } from "vitest";
import MarkdownIt from "markdown-it";
import { parse } from "yaml";
import { deleteEntry, insertEntry, moveEntry, toggleRecommended, type EditContext, type EditResult, type NewEntry } from "../../../src/core/edit/entry-edits";
import { checkEntryUrl } from "../../../src/core/edit/entry-url";
import { verifyEdit } from "../../../src/core/edit/verify-edit";
import { CodeMasker } from "../../../src/core/format/markdown-scan";
import { parseDigest } from "../../../src/core/format/parser";
import { applyChanges } from "../../../src/core/edit/text-edit";
import type { Digest } from "../../../src/core/format/types";

// Regression tests for issue 9, "No edit may lose, hide or misplace a curator's words": each of
// them failed on the code before the edit guard.

const PATH = "Digests/Weekly Links 01-09-2025 to 14-09-2025.md";
const CTX: EditContext = { parseYaml: parse, series: { categoryLevel: 1, dateFormat: "DD-MM-YYYY", categories: [] } };

function doc(...lines: string[]): string {
	return lines.join("\n");
}

function parsed(text: string): Digest {
	return parseDigest(text, PATH, { parseYaml: parse });
}

function edited(original: string, r: EditResult): string {
	if (!r.ok) throw new Error(`edit refused: ${r.reason}`);
	expect(applyChanges(original, r.changes)).toBe(r.text);
	return r.text;
}

function refused(r: EditResult): Extract<EditResult, { ok: false }> {
	if (r.ok) throw new Error(`edit was expected to be refused, got:\n${r.text}`);
	return r;
}

/** Every category with its entries as [number, source, title, url, recommended, tags, commentary]. */
function shape(text: string) {
	return parsed(text).categories.map((c) => ({
		name: c.name,
		entries: c.entries.map((e) => [e.number, e.source, e.title, e.url, e.recommended, e.tags.join(" "), e.commentary]),
	}));
}

/** Text content of Markdown as CommonMark renders it: what a reader of the note sees. */
const md = new MarkdownIt();
function rendered(markdown: string): { text: string; tokens: string[] } {
	const tokens = md.parse(markdown, {});
	const types = tokens.flatMap((t) => [t.type, ...(t.children ?? []).map((c) => c.type)]);
	const text = tokens.flatMap((t) => (t.children ?? []).filter((c) => c.type === "text" || c.type === "code_inline").map((c) => c.content)).join("|");
	return { text, tokens: types };
}

const NOTE = doc(
	"---",
	'title: "Weekly Links: 01-09-2025 to 14-09-2025"',
	"tags: [weeklylinks]",
	"---",
	"",
	"# Kubernetes",
	"",
	"[1. Blog - Operators from scratch](https://k.example/operators)",
	"",
	"- Written by someone who ran them for years.",
	"",
	"# Data Engineer",
	"",
	"[1. Blog - A five-minute lakehouse](https://d.example/lakehouse)",
	"",
	"# Career",
	"",
	"[1. Medium - Interview stories](https://c.example/interviews)",
	"",
	"- Funny and kind.",
	"",
);

const add = (over: Partial<NewEntry> = {}): NewEntry => ({ category: "Kubernetes", url: "https://n.example/new", title: "New post", ...over });

describe("an insert never hides the rest of the note", () => {
	const hostile = ["%% todo", "<!-- draft", "```", "~~~ js", "  ```", " # Surprise", "# Heading", "   ## Sub", "50%% done, see `%%` and %% this", "a %%closed%% comment"];

	for (const comment of hostile) {
		it(`keeps every category and entry after a commentary line ${JSON.stringify(comment)}`, () => {
			const r = insertEntry(NOTE, PATH, CTX, add({ commentary: [comment] }));
			const text = edited(NOTE, r);
			const after = shape(text);
			const before = shape(NOTE);
			expect(after.map((c) => c.name)).toEqual(before.map((c) => c.name));
			expect(after.slice(1)).toEqual(before.slice(1));
			expect(after[0]!.entries.slice(0, -1)).toEqual(before[0]!.entries);
			expect(after[0]!.entries.length).toBe(2);
			// The written line renders as what was typed: a bullet holding the text, no comment,
			// fence, heading or code block.
			const written = text.split("\n")[r.ok ? r.line + 1 : 0]!;
			const view = rendered(written);
			expect(view.tokens).not.toContain("fence");
			expect(view.tokens).not.toContain("code_block");
			expect(view.tokens).not.toContain("heading_open");
			expect(view.text.replace(/\|/g, "")).toBe(comment.trim().replace(/`%%`/, "%%"));
			// And Obsidian hides none of it in a comment (inline code aside, where `%%` is text).
			const outsideCode = written.replace(/`[^`]*`/g, "");
			expect(new CodeMasker().mask(outsideCode)).toBe(outsideCode);
		});
	}

	it("escapes a %% that already has one % escaped without doubling the escape (found by the model test)", () => {
		const r = insertEntry(NOTE, PATH, CTX, add({ commentary: ["\\%%cache"], title: "a \\%% b" }));
		const text = edited(NOTE, r);
		expect(text).toContain("\n- \\%\\%cache\n");
		expect(parsed(text).categories[0]!.entries[1]!.title).toBe("a \\%% b");
		expect(shape(text).slice(1)).toEqual(shape(NOTE).slice(1));
	});

	it("leaves comment marks inside inline code alone", () => {
		const r = insertEntry(NOTE, PATH, CTX, add({ commentary: ["run `echo %%` or `<!--`"] }));
		expect(edited(NOTE, r)).toContain("\n- run `echo %%` or `<!--`\n");
	});
});

describe("a move never hides the rest of the note", () => {
	it("escapes moved commentary that leaves a comment or a code block open", () => {
		for (const open of ["- to check %% later", "- draft <!-- not done", "\t```"]) {
			const text = doc("# A", "", "[1. X](https://x.example)", "", "- x", "", "# B", "", "[1. Y](https://y.example)", "", open);
			const r = moveEntry(text, PATH, CTX, 9, "A");
			const out = edited(text, r);
			const d = parsed(out);
			expect(d.categories.map((c) => [c.name, c.entries.map((e) => e.title)])).toEqual([
				["A", ["X", "Y"]],
				["B", []],
			]);
		}
	});
});

describe("an entry reads back as it was typed", () => {
	const cases: [string | undefined, string][] = [
		[undefined, "Omega — dash"],
		[undefined, "Omega – dash"],
		[undefined, "Omega - dash"],
		["A – B", "Title"],
		["A — B", "Title"],
		["Ends –", "Title"],
		["Src", "Title — with – dashes"],
		[undefined, "Save 50%% today"],
		[undefined, "a <!-- b"],
		[undefined, "Literal &#8212; and &amp;"],
		["x &#45;", "y"],
		[undefined, "[brackets] and ] stray ["],
	];
	for (const [source, title] of cases) {
		it(`source ${JSON.stringify(source)}, title ${JSON.stringify(title)}`, () => {
			const r = insertEntry(NOTE, PATH, CTX, add({ source, title }));
			const e = parsed(edited(NOTE, r)).categories[0]!.entries[1]!;
			expect({ source: e.source, title: e.title }).toEqual({ source: source ?? null, title });
		});
	}

	it("renders an escaped dash as the dash", () => {
		const r = insertEntry(NOTE, PATH, CTX, add({ title: "Omega — dash" }));
		const line = edited(NOTE, r).split("\n")[r.ok ? r.line - 1 : 0]!;
		expect(rendered(line).text).toBe("2. Omega — dash");
	});
});

describe("an insert never gives its commentary to an older entry", () => {
	it("refuses to join the group of an entry without commentary unless asked to share", () => {
		const r = refused(insertEntry(NOTE, PATH, CTX, add({ category: "Data Engineer", commentary: ["Mine only."] })));
		expect(r.reason).toContain("A five-minute lakehouse");
		expect(r.ask?.kind).toBe("share-commentary");
	});

	it("shares it when asked, and a delete that takes the shared commentary gives the note back", () => {
		const r = insertEntry(NOTE, PATH, CTX, add({ category: "Data Engineer", commentary: ["Ours."], shareCommentary: true }));
		const text = edited(NOTE, r);
		const d = parsed(text);
		expect(d.categories[1]!.entries.map((e) => e.commentary)).toEqual(["- Ours.", "- Ours."]);
		const line = r.ok ? r.line : 0;
		const asked = refused(deleteEntry(text, PATH, CTX, line));
		expect(asked.ask?.kind).toBe("shared-commentary");
		expect(edited(text, deleteEntry(text, PATH, CTX, line, { sharedCommentary: "delete" }))).toBe(NOTE);
		const kept = edited(text, deleteEntry(text, PATH, CTX, line, { sharedCommentary: "keep" }));
		expect(parsed(kept).categories[1]!.entries.map((e) => e.commentary)).toEqual(["- Ours."]);
	});

	it("adds without asking when the new entry has no commentary, and delete gives the note back", () => {
		const r = insertEntry(NOTE, PATH, CTX, add({ category: "Data Engineer" }));
		const text = edited(NOTE, r);
		expect(edited(text, deleteEntry(text, PATH, CTX, r.ok ? r.line : 0))).toBe(NOTE);
	});

	it("refuses a move whose commentary would join the target's last group unless asked to share", () => {
		const r = refused(moveEntry(NOTE, PATH, CTX, 18, "Data Engineer"));
		expect(r.ask?.kind).toBe("share-commentary");
		const shared = edited(NOTE, moveEntry(NOTE, PATH, CTX, 18, "Data Engineer", { shareCommentary: true }));
		expect(parsed(shared).categories[1]!.entries.map((e) => e.commentary)).toEqual(["- Funny and kind.", "- Funny and kind."]);
	});
});

describe("edits act on the entry they name", () => {
	it("finds an entry by its place and link, not by a line that has moved", () => {
		const ref = { category: "Career", index: 0, url: "https://c.example/interviews", title: "Interview stories" };
		const changed = NOTE.replace("# Kubernetes\n", "# Kubernetes\n\nA new intro line.\n");
		const out = edited(changed, deleteEntry(changed, PATH, CTX, ref));
		expect(parsed(out).categories[2]!.entries).toEqual([]);
		expect(parsed(out).categories[0]!.entries.length).toBe(1);
		const gone = refused(toggleRecommended(out, PATH, CTX, ref));
		expect(gone.reason).toBe('"Interview stories" is no longer in the note, so nothing was changed.');
	});
});

describe("delete renumbers its category as move does", () => {
	it("leaves 1, 2 after deleting the first of 1, 2, 3", () => {
		const text = doc("# A", "", "[1. X](https://x.example)", "", "- x", "", "[2. Y](https://y.example)", "", "- y", "", "[3. Z](https://z.example)", "", "- z", "");
		const out = edited(text, deleteEntry(text, PATH, CTX, 3));
		expect(parsed(out).categories[0]!.entries.map((e) => [e.number, e.title])).toEqual([[1, "Y"], [2, "Z"]]);
	});

	it("leaves the numbers of a category that had gaps as they were", () => {
		const text = doc("# A", "", "[1. X](https://x.example)", "", "- x", "", "[5. Y](https://y.example)", "", "- y", "");
		expect(parsed(edited(text, deleteEntry(text, PATH, CTX, 3))).categories[0]!.entries.map((e) => e.number)).toEqual([5]);
	});
});

describe("one URL rule", () => {
	it("accepts http, https and obsidian links, completes a bare host to https, and refuses the rest in one sentence", () => {
		expect(checkEntryUrl(" https://a.example/x ")).toEqual({ ok: true, url: "https://a.example/x" });
		expect(checkEntryUrl("obsidian://open?vault=v&file=n")).toEqual({ ok: true, url: "obsidian://open?vault=v&file=n" });
		expect(checkEntryUrl("example.com/x")).toEqual({ ok: true, url: "https://example.com/x" });
		expect(checkEntryUrl("www.example.com:8080/a?b=c")).toEqual({ ok: true, url: "https://www.example.com:8080/a?b=c" });
		for (const bad of ["not a url", "javascript:alert(1)", "ftp://files.example/x", "https://", "mailto:a@b.example", "localhost", ""]) {
			const r = checkEntryUrl(bad);
			expect(r.ok, bad).toBe(false);
			if (!r.ok) {
				expect(r.reason).toMatch(/\.$/);
				expect(r.reason).not.toMatch(/\. [A-Z]/);
			}
		}
	});

	it("is the rule insert follows", () => {
		expect(refused(insertEntry(NOTE, PATH, CTX, add({ url: "not a url" }))).reason).toContain("not a url");
		const r = insertEntry(NOTE, PATH, CTX, add({ url: "example.com/x" }));
		expect(parsed(edited(NOTE, r)).categories[0]!.entries[1]!.url).toBe("https://example.com/x");
	});
});

describe("verifyEdit", () => {
	it("names what an edit would change besides what it is about", () => {
		const before = parsed(NOTE);
		const hidden = parsed(NOTE.replace("# Career", "%%\n# Career"));
		expect(verifyEdit(before, hidden, () => {})).toMatch(/^The edit would .*"Career".*, so the note was left unchanged\.$/);
		const retitled = parsed(NOTE.replace("Interview stories", "Interview tales"));
		expect(verifyEdit(before, retitled, () => {})).toContain('"Interview stories"');
		expect(verifyEdit(before, parsed(NOTE), () => {})).toBeNull();
		// What the edit intends is not a difference.
		expect(verifyEdit(before, retitled, (m) => (m.categories[2]!.entries[0]!.title = "Interview tales"))).toBeNull();
	});
});

describe("verifyEdit in the list style", () => {
	const list = (text: string): Digest => parseDigest(text, "Lists/Talks.md", { parseYaml: parse, categoryLevel: 2, entryStyle: "list", collection: true });
	const NOTE_LIST = ["# Talks", "", "## Rust", "", "- [video] [Rust in production](https://example.org/talk)", "- [Plain link](https://example.org/plain)", ""].join("\n");

	it("names an entry whose kinds would read back otherwise", () => {
		const before = list(NOTE_LIST);
		const lost = list(NOTE_LIST.replace("[video] ", ""));
		expect(verifyEdit(before, lost, () => {})).toBe('The edit would make "Rust in production" under "Talks › Rust" read back with the kinds none instead of [video], so the note was left unchanged.');
		const gained = list(NOTE_LIST.replace("- [Plain", "- [audio] [Plain"));
		expect(verifyEdit(before, gained, () => {})).toContain("with the kinds [audio] instead of none");
		expect(verifyEdit(before, list(NOTE_LIST), () => {})).toBeNull();
		// What the edit intends is not a difference.
		expect(verifyEdit(before, lost, (m) => (m.categories[1]!.entries[0]!.kinds = []))).toBeNull();
	});
});
