import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { EditContext, EditResult } from "../../../src/core/edit/entry-edits";
import { addCommentaryBullet, replaceEntryUrl } from "../../../src/core/edit/link-fixes";
import { applyChanges, changeBetween } from "../../../src/core/edit/text-edit";
import { parseDigest } from "../../../src/core/format/parser";

const PATH = "Digests/Weekly 01-09-2025 to 14-09-2025.md";
const CTX: EditContext = { parseYaml: parse, series: { categoryLevel: 1, dateFormat: "DD-MM-YYYY", categories: [] } };

const NOTE = [
	"---",
	'title: "Weekly: 01-09-2025 to 14-09-2025"',
	"---",
	"# Tools",
	"",
	'[1. Blog - A tool](https://old.example.com/a "hover title") 🌟 **(Recommended)** #cli',
	"",
	"- Why it matters.",
	"",
	"[2. Site - Grouped one](https://g.example.com/1)",
	"",
	"[3. Site - Grouped two](https://g.example.com/2)",
	"# Data",
	"[1. Plain](https://plain.example.com/x)",
	"",
].join("\n");

function edited(original: string, result: EditResult): string {
	if (!result.ok) throw new Error(`refused: ${result.reason}`);
	expect(applyChanges(original, result.changes)).toBe(result.text);
	return result.text;
}

function entryAt(text: string, line: number) {
	for (const c of parseDigest(text, PATH, { parseYaml: parse }).categories) for (const e of c.entries) if (e.line === line) return e;
	return null;
}

describe("replaceEntryUrl", () => {
	it("changes only the destination, keeping the link title, flag and tags", () => {
		const out = edited(NOTE, replaceEntryUrl(NOTE, PATH, CTX, 6, "https://web.archive.org/web/2025/https://old.example.com/a", "https://old.example.com/a"));
		const lines = out.split("\n");
		expect(lines[5]).toBe('[1. Blog - A tool](https://web.archive.org/web/2025/https://old.example.com/a "hover title") 🌟 **(Recommended)** #cli');
		expect(lines.filter((_, i) => i !== 5)).toEqual(NOTE.split("\n").filter((_, i) => i !== 5));
		expect(entryAt(out, 6)).toMatchObject({ url: "https://web.archive.org/web/2025/https://old.example.com/a", title: "A tool", recommended: true, tags: ["cli"] });
	});

	it("wraps a URL that would not survive bare, and keeps CRLF", () => {
		const crlf = NOTE.replace(/\n/g, "\r\n");
		const out = edited(crlf, replaceEntryUrl(crlf, PATH, CTX, 14, "https://plain.example.com/a (b"));
		expect(out.split("\r\n")[13]).toBe("[1. Plain](<https://plain.example.com/a (b>)");
		expect(entryAt(out, 14)?.url).toBe("https://plain.example.com/a (b");
	});

	it("refuses when the line moved on, is no entry, or the URL is the same", () => {
		expect(replaceEntryUrl(NOTE, PATH, CTX, 6, "https://new.example.com", "https://other.example.com")).toEqual({ ok: false, reason: "The entry on line 6 no longer links to https://other.example.com, so it was left as it is." });
		expect(replaceEntryUrl(NOTE, PATH, CTX, 8, "https://new.example.com")).toEqual({ ok: false, reason: "Line 8 is not an entry." });
		expect(replaceEntryUrl(NOTE, PATH, CTX, 14, "https://plain.example.com/x")).toMatchObject({ ok: false });
		expect(replaceEntryUrl(NOTE, PATH, CTX, 14, "https://a.example.com\nb")).toEqual({ ok: false, reason: "The new URL must be one line." });
	});

	it("refuses a URL that would not read back as the entry's link", () => {
		expect(replaceEntryUrl(NOTE, PATH, CTX, 14, "https://x.example.com/`%%")).toEqual({ ok: false, reason: "The entry on line 14 would not read back with the new URL (look for `%%`, `<!--` or backticks in it), so the note was left unchanged." });
	});
});

describe("addCommentaryBullet", () => {
	it("adds the bullet after the commentary the entry has", () => {
		const out = edited(NOTE, addCommentaryBullet(NOTE, PATH, CTX, 6, "Archived copy: [web.archive.org](https://web.archive.org/x)"));
		expect(out.split("\n").slice(7, 9)).toEqual(["- Why it matters.", "- Archived copy: [web.archive.org](https://web.archive.org/x)"]);
		expect(entryAt(out, 6)?.commentary).toBe("- Why it matters.\n- Archived copy: [web.archive.org](https://web.archive.org/x)");
	});

	it("adds it after the last entry of a group without commentary, so the group stays one", () => {
		const out = edited(NOTE, addCommentaryBullet(NOTE, PATH, CTX, 10, "Archived copy of Grouped one: https://web.archive.org/1"));
		expect(out.split("\n").slice(11, 14)).toEqual(["[3. Site - Grouped two](https://g.example.com/2)", "", "- Archived copy of Grouped one: https://web.archive.org/1"]);
		expect(entryAt(out, 10)?.commentary).toBe("- Archived copy of Grouped one: https://web.archive.org/1");
		expect(entryAt(out, 16)?.title).toBe("Plain"); // the next category's entry moved down two lines
	});

	it("refuses an empty bullet and a line that is no entry", () => {
		expect(addCommentaryBullet(NOTE, PATH, CTX, 6, "  ")).toEqual({ ok: false, reason: "Give the text of the bullet." });
		expect(addCommentaryBullet(NOTE, PATH, CTX, 5, "x")).toEqual({ ok: false, reason: "Line 5 is not an entry." });
	});
});

describe("changeBetween", () => {
	it("is one change that replays to the new text", () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (head, mid, tail, insert) => {
				const before = head + mid + tail;
				const after = head + insert + tail;
				expect(applyChanges(before, changeBetween(before, after))).toBe(after);
			}),
		);
		expect(changeBetween("same", "same")).toEqual([]);
		expect(changeBetween("a\nb\nc\n", "a\nB\nc\n")).toEqual([{ from: 2, to: 3, insert: "B" }]);
	});
});
