import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fixMistypedSeparator, separatorFixed } from "../../../src/core/edit/entry-fixes";
import type { EditContext } from "../../../src/core/edit/entry-edits";
import { applyChanges } from "../../../src/core/edit/text-edit";
import { parseDigest } from "../../../src/core/format/parser";

const PATH = "d.md";
const CTX: EditContext = { parseYaml: parse, series: { categoryLevel: 1, dateFormat: "DD-MM-YYYY", categories: [] } };

const note = (...lines: string[]) => ["---", 'title: "Weekly: 01-09-2025 to 14-09-2025"', "---", "# Tools", "", ...lines, ""].join("\r\n");

function entry(text: string, line: number) {
	return parseDigest(text, PATH, { parseYaml: parse }).categories.flatMap((c) => c.entries).find((e) => e.line === line)!;
}

describe("fixMistypedSeparator", () => {
	it("writes `Medium -Battle` as `Medium - Battle`, giving the entry its source; only the dash and its blank change", () => {
		const text = note("[1. Medium -Battle of Bytes](https://e.com/b) 🌟 **(Recommended)** #go", "", "- Why.");
		expect(entry(text, 6).source).toBeNull();
		const r = fixMistypedSeparator(text, PATH, CTX, 6);
		if (!r.ok) throw new Error(r.reason);
		expect(r.text).toBe(note("[1. Medium - Battle of Bytes](https://e.com/b) 🌟 **(Recommended)** #go", "", "- Why."));
		expect(applyChanges(text, r.changes)).toBe(r.text);
		expect(r.changes).toEqual([{ from: text.indexOf(" -Battle"), to: text.indexOf(" -Battle") + 2, insert: " - " }]);
		expect(entry(r.text, 6)).toMatchObject({ source: "Medium", title: "Battle of Bytes", recommended: true, tags: ["go"], commentary: "- Why." });
	});

	it("fixes the other way of mistyping it, with the dash the author used", () => {
		expect(separatorFixed("2. Blog– A title")).toBe("2. Blog – A title");
		const text = note("[Blog- A title](https://e.com/t)");
		const r = fixMistypedSeparator(text, PATH, CTX, 6);
		expect(r.ok && entry(r.text, 6)).toMatchObject({ source: "Blog", title: "A title" });
	});

	it("refuses, changing nothing, when the line no longer holds the entry the fix was offered for", () => {
		const expect6 = { title: "Medium -Battle of Bytes", url: "https://e.com/b" };
		const same = fixMistypedSeparator(note("[1. Medium -Battle of Bytes](https://e.com/b)"), PATH, CTX, 6, expect6);
		expect(same.ok).toBe(true);
		const reason = 'The entry on line 6 no longer reads "Medium -Battle of Bytes" (it changed since the check), so it was left as it is.';
		for (const line of ["[1. Vendor -Routing tips](https://e.com/r)", "[1. Medium -Battle of Bytes](https://e.com/other)", "[1. Medium - Battle of Bytes](https://e.com/b)"]) {
			expect(fixMistypedSeparator(note(line), PATH, CTX, 6, expect6), line).toEqual({ ok: false, reason });
		}
		expect(fixMistypedSeparator(note("", "[1. Medium -Battle of Bytes](https://e.com/b)"), PATH, CTX, 6, expect6)).toEqual({ ok: false, reason: 'Line 6 no longer holds the entry "Medium -Battle of Bytes" (it changed since the check), so nothing was changed.' });
	});

	it("refuses where there is no one hyphen to fix, and leaves hyphens in code and escapes alone", () => {
		for (const line of ["[1. A -b -c](https://e.com/x)", "[1. Blog - Fine](https://e.com/x)", "[1. Run `a -b` here](https://e.com/x)", "[1. Minus \\-1](https://e.com/x)"]) {
			const r = fixMistypedSeparator(note(line), PATH, CTX, 6);
			expect(r.ok, line).toBe(false);
		}
		expect(fixMistypedSeparator(note("[1. A -b](https://e.com/x)"), PATH, CTX, 5)).toEqual({ ok: false, reason: "Line 5 is not an entry." });
	});
});
