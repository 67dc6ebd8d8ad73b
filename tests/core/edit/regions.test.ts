import { describe, expect, it } from "vitest";
import { findRegion, regionHash, writeRegion } from "../../../src/core/edit/regions";

const CONTENT = ["## 2025", "", "1. [[A|A]]"];

describe("generated regions", () => {
	it("adds a region at the end of a note, after a blank line, leaving the rest byte for byte", () => {
		const note = "# My index\n\nWritten by hand.\n";
		const result = writeRegion(note, "index", CONTENT);
		expect(result).toEqual({ ok: true, changed: true, text: `# My index\n\nWritten by hand.\n\n%% digest-curator:index start hash=${regionHash(CONTENT)} %%\n## 2025\n\n1. [[A|A]]\n%% digest-curator:index end %%\n` });
	});

	it("rewrites only the text between the markers, keeping CRLF, the BOM and the marker style", () => {
		const hash = regionHash(["old"]);
		const note = `\uFEFFBefore\r\n<!-- digest-curator:index start hash=${hash} -->\r\nold\r\n<!-- digest-curator:index end -->\r\nAfter %% kept %%\r\n`;
		const result = writeRegion(note, "index", CONTENT);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.text).toBe(`\uFEFFBefore\r\n<!-- digest-curator:index start hash=${regionHash(CONTENT)} -->\r\n## 2025\r\n\r\n1. [[A|A]]\r\n<!-- digest-curator:index end -->\r\nAfter %% kept %%\r\n`);
		// Writing the same again changes nothing.
		expect(writeRegion(result.text, "index", CONTENT)).toEqual({ ok: true, changed: false, text: result.text });
	});

	it("notices a hand edit inside the region and replaces it only when forced", () => {
		const first = writeRegion("", "recap-2025", ["- one"]);
		if (!first.ok) throw new Error(first.reason);
		const edited = first.text.replace("- one", "- one, edited by hand");
		const refused = writeRegion(edited, "recap-2025", ["- two"]);
		expect(refused).toEqual({ ok: false, handEdited: true, reason: 'The "recap-2025" region was edited by hand since it was last written; replacing it would lose that edit.' });
		const forced = writeRegion(edited, "recap-2025", ["- two"], { force: true });
		expect(forced.ok && forced.text.includes("- two") && !forced.text.includes("edited by hand")).toBe(true);
	});

	it("refuses a region with no end marker, or a second start, rather than guess", () => {
		expect(writeRegion("%% digest-curator:index start %%\nkept\n", "index", CONTENT)).toEqual({ ok: false, handEdited: false, reason: 'The "index" region that starts on line 1 has no end marker.' });
		expect(findRegion("%% digest-curator:index start %%\n%% digest-curator:index start %%\n%% digest-curator:index end %%\n", "index")).toEqual({ error: 'The note has a second start marker for "index" on line 2 before its end marker.' });
	});

	it("keeps regions of other names apart", () => {
		const withIndex = writeRegion("", "index", ["i"]);
		if (!withIndex.ok) throw new Error(withIndex.reason);
		const both = writeRegion(withIndex.text, "recap", ["r"]);
		if (!both.ok) throw new Error(both.reason);
		const again = writeRegion(both.text, "index", ["i2"]);
		if (!again.ok) throw new Error(again.reason);
		expect(findRegion(again.text, "index")).toMatchObject({ content: ["i2"] });
		expect(findRegion(again.text, "recap")).toMatchObject({ content: ["r"] });
	});

	it("refuses content holding a marker line of its own, which would cut the region short next time", () => {
		const result = writeRegion("", "index", ["1. Fine", "%% digest-curator:index end %%", "2. Lost"]);
		expect(result).toEqual({ ok: false, handEdited: false, reason: 'Line 2 of the text for the "index" region reads as a region marker, so nothing was written.' });
	});

	it("takes the marker style asked for, over the note's own, only when one is asked for", () => {
		const first = writeRegion("Kept\n", "index", ["a"]);
		if (!first.ok) throw new Error(first.reason);
		const html = writeRegion(first.text, "index", ["a"], { style: "html" });
		expect(html).toEqual({ ok: true, changed: true, text: `Kept\n\n<!-- digest-curator:index start hash=${regionHash(["a"])} -->\na\n<!-- digest-curator:index end -->\n` });
		if (!html.ok) return;
		const again = writeRegion(html.text, "index", ["b"]);
		expect(again.ok && again.text.endsWith("\nb\n<!-- digest-curator:index end -->\n")).toBe(true);
	});
});
