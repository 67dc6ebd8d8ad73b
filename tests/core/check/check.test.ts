import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { checkDigest, checkIndex, checkSummary, hasErrors } from "../../../src/core/check/check";
import { DigestIndex } from "../../../src/core/index/digest-index";
import { parseDigest } from "../../../src/core/format/parser";
import { completeSeries } from "../../../src/core/format/series";

const SERIES = completeSeries({ name: "Weekly", tag: "weeklylinks" });
const head = (title: string) => `---\ntitle: "${title}"\ntags: [weeklylinks]\n---\n`;

function indexOf(files: Record<string, string>): DigestIndex {
	const index = new DigestIndex({ parseYaml, series: [SERIES] });
	for (const path of Object.keys(files)) index.addFile(path);
	for (const [path, text] of Object.entries(files)) index.setNote(path, text);
	return index;
}

const codes = (problems: { code: string; line: number }[]) => problems.map((p) => `${p.code}@${p.line}`);

describe("checkDigest", () => {
	it("reports gaps, repeats and numbers out of order, once per entry", () => {
		const d = parseDigest(`${head("01-01-2025 to 07-01-2025")}# C\n[1. A - a](https://e.com/1)\n[3. A - b](https://e.com/3)\n[3. A - c](https://e.com/3b)\n[2. A - d](https://e.com/2)\n[4. A - e](https://e.com/4)\n`, "d.md", { parseYaml });
		const problems = checkDigest(d);
		expect(codes(problems)).toEqual(["numbering@7", "numbering@8", "numbering@9"]);
		expect(problems[0]!.message).toBe('Entry number 3 in "C" skips number 2.');
		expect(problems[1]!.message).toMatch(/repeats/);
		expect(problems[2]!.message).toMatch(/out of order/);
	});

	it("checks each category on its own and names a gap of several numbers", () => {
		const d = parseDigest("# A\n[1. x - y](https://e.com)\n# B\n[4. x - y](https://e.com/b)\n", "d.md", { parseYaml });
		expect(checkDigest(d).map((p) => p.message)).toEqual(['Entry number 4 in "B" skips numbers 1 to 3.']);
	});

	it("reports unnumbered entries and empty categories", () => {
		const d = parseDigest("# Empty\n\n# Full\n[S - No number](https://e.com)\n", "d.md", { parseYaml });
		expect(codes(checkDigest(d))).toEqual(["empty-category@1", "unnumbered-entry@4"]);
		expect(checkDigest(d).map((p) => p.severity)).toEqual(["info", "warning"]);
	});

	it("passes on the parser's own problems", () => {
		const d = parseDigest("# C\n[1. broken(https://e.com)\n", "d.md", { parseYaml });
		expect(hasErrors(checkDigest(d))).toBe(true);
	});
});

describe("checkIndex", () => {
	const files = {
		"a.md": `${head("01-01-2025 to 07-01-2025")}# C\n[1. A - One](https://www.e.com/x?utm_medium=m)\n\n- see [[Exists]] and [[Gone#Part]]\n`,
		"b.md": `${head("08-01-2025 to 14-01-2025")}# C\n[1. A - Two](https://e.com/x/)\n[2. A - Three](http://e.com/x#frag)\n`,
		"Exists.md": "plain note",
	};

	it("reports each occurrence of a shared link, naming the others", () => {
		const dups = checkIndex(indexOf(files)).filter((p) => p.code === "duplicate-url");
		expect(dups.map((p) => `${p.path}:${p.line}`)).toEqual(["a.md:6", "b.md:6", "b.md:7"]);
		expect(dups[0]!.message).toContain('"1. Two"');
		expect(dups[0]!.message).toContain("08-01-2025 to 14-01-2025");
	});

	it("reports unresolved links with their line and keeps resolved ones quiet", () => {
		const unresolved = checkIndex(indexOf(files)).filter((p) => p.code === "unresolved-link");
		expect(unresolved).toEqual([{ code: "unresolved-link", severity: "warning", path: "a.md", line: 8, message: 'Link "Gone#Part" points to a note that does not exist.' }]);
	});

	it("limits the report to the given digests but still sees duplicates across all", () => {
		const only = checkIndex(indexOf(files), ["b.md"]);
		expect(only.every((p) => p.path === "b.md")).toBe(true);
		expect(only.filter((p) => p.code === "duplicate-url")).toHaveLength(2);
	});

	it("sorts by path, then line", () => {
		const all = checkIndex(indexOf(files));
		const keys = all.map((p) => `${p.path}:${String(p.line).padStart(4, "0")}`);
		expect(keys).toEqual([...keys].sort());
	});
});

describe("category level", () => {
	// Issue 11: a series read with `#` categories on notes written with `##` showed 0 entries and no problem.
	const h2 = `${head("01-01-2025 to 07-01-2025")}\nIntro.\n\n## Frontend\n\n[1. Blog - One](https://e.com/1)\n\n[3. Blog - Two](https://e.com/2)\n\n## Backend\n[1. Blog - Three](https://e.com/3)\n`;

	it("warns when entry lines stand under headings of another level, naming the level the note uses", () => {
		const d = parseDigest(h2, "d.md", { parseYaml, categoryLevel: 1 });
		const problems = checkDigest(d).filter((p) => p.code === "category-level");
		expect(problems).toEqual([
			{
				code: "category-level",
				severity: "warning",
				path: "d.md",
				line: 8,
				message: 'The note has 3 entry lines under level-2 headings (## Frontend, line 8), but the series\' categories are level-1 headings (#), so they are not read as entries; set the series\' category level to 2.',
			},
		]);
	});

	it("warns the other way round: `#` categories read with a level of 2", () => {
		const d = parseDigest(`${head("01-01-2025 to 07-01-2025")}# Frontend\n[1. Blog - One](https://e.com/1)\n`, "d.md", { parseYaml, categoryLevel: 2 });
		expect(checkDigest(d).map((p) => p.message)).toEqual(['The note has 1 entry line under level-1 headings (# Frontend, line 5), but the series\' categories are level-2 headings (##), so it is not read as an entry; set the series\' category level to 1.']);
	});

	it("stays quiet when the level fits, for deeper headings inside a category, and for links in a preamble with no heading", () => {
		expect(checkDigest(parseDigest(h2, "d.md", { parseYaml, categoryLevel: 2 })).map((p) => p.code)).toEqual(["numbering"]);
		const nested = `${head("01-01-2025 to 07-01-2025")}[Read online](https://e.com/online)\n\n# Frontend\n## Frameworks\n[1. Blog - One](https://e.com/1)\n`;
		expect(checkDigest(parseDigest(nested, "d.md", { parseYaml })).map((p) => p.code)).toEqual([]);
	});

	it("ignores fake entries under headings inside code blocks", () => {
		const fenced = `${head("01-01-2025 to 07-01-2025")}# C\n[1. Blog - One](https://e.com/1)\n\`\`\`\n## Not a heading\n[1. Fake](https://e.com/f)\n\`\`\`\n`;
		expect(checkDigest(parseDigest(fenced, "d.md", { parseYaml })).map((p) => p.code)).toEqual([]);
	});
});

describe("checkSummary", () => {
	const problem = (severity: "error" | "warning" | "info") => ({ code: "numbering" as const, severity, path: "d.md", line: 1, message: "m" });

	it("says each count in the singular where it is one", () => {
		expect(checkSummary([problem("error"), problem("warning"), problem("info")], 1, 1)).toBe("Checked 1 digest, 1 entry: 1 error, 1 warning, 1 note.");
	});

	it("and in the plural otherwise, zero included", () => {
		expect(checkSummary([problem("warning"), problem("warning")], 0, 2)).toBe("Checked 0 digests, 2 entries: 0 errors, 2 warnings, 0 notes.");
	});
});
