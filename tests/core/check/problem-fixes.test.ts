import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { checkIndex, formatProblem } from "../../../src/core/check/check";
import { problemFixes } from "../../../src/core/check/problem-fixes";
import { completeSeries } from "../../../src/core/format/series";
import { DigestIndex } from "../../../src/core/index/digest-index";
import { withoutTracking } from "../../../src/core/links/url-normalize";

const SERIES = completeSeries({ name: "Weekly", tag: "weeklylinks" });
const head = (title: string) => `---\ntitle: "${title}"\ntags: [weeklylinks]\n---\n`;

function indexOf(files: Record<string, string>): DigestIndex {
	const index = new DigestIndex({ parseYaml, series: [SERIES] });
	for (const path of Object.keys(files)) index.addFile(path);
	for (const [path, text] of Object.entries(files)) index.setNote(path, text);
	return index;
}

const FILES = {
	"a.md": `${head("01-01-2025 to 07-01-2025")}# Tools\n[1. Medium -Battle of bytes](https://e.com/battle)\n[3. Blog - Skips](https://e.com/x?utm_source=feed&id=7&fbclid=abc#top)\n[4. A -b -c](https://e.com/two)\n`,
	"b.md": `${head("08-01-2025 to 14-01-2025")}# Tools\n[1. Blog - Again](https://www.e.com/x?id=7)\n[2. Blog - Moved](https://old.e.com/m)\n[3. Blog - Dead](https://dead.e.com/)\n`,
};

describe("withoutTracking", () => {
	it("drops only the tracking parameters, keeping the others in order and the fragment", () => {
		expect(withoutTracking("https://e.com/x?utm_source=feed&id=7&fbclid=abc#top")).toEqual({ url: "https://e.com/x?id=7#top", dropped: ["utm_source", "fbclid"] });
		expect(withoutTracking("https://e.com/x?UTM_Medium=m")).toEqual({ url: "https://e.com/x", dropped: ["UTM_Medium"] });
		expect(withoutTracking("https://e.com/x?b=2&a=1")).toEqual({ url: "https://e.com/x?b=2&a=1", dropped: [] });
		expect(withoutTracking("obsidian://open?utm_source=x")).toEqual({ url: "obsidian://open?utm_source=x", dropped: [] });
		expect(withoutTracking("https://e.com/#x?utm_source=y")).toEqual({ url: "https://e.com/#x?utm_source=y", dropped: [] });
	});
});

describe("problemFixes", () => {
	const index = indexOf(FILES);
	const problems = checkIndex(index);
	const at = (path: string, line: number, code: string) => {
		const p = problems.find((q) => q.path === path && q.line === line && q.code === code);
		if (!p) throw new Error(`no ${code} at ${path}:${line}: ${problems.map(formatProblem).join("\n")}`);
		return p;
	};

	it("reports a link with tracking parameters as a note, and offers to drop them", () => {
		const p = at("a.md", 7, "tracking-url");
		expect(p.severity).toBe("info");
		expect(p.message).toBe('The link of "Skips" in "Tools" carries tracking parameters (utm_source, fbclid), which only tell the site where the click came from.');
		expect(formatProblem(p)).toMatch(/^a\.md:7: note tracking-url: /);
		expect(problemFixes(index, p)).toEqual([{ kind: "replace-url", label: "Drop the tracking parameters", line: 7, url: "https://e.com/x?utm_source=feed&id=7&fbclid=abc#top", next: "https://e.com/x?id=7#top" }]);
	});

	it("offers to renumber the category of a numbering problem", () => {
		expect(problemFixes(index, at("a.md", 7, "numbering"))).toEqual([{ kind: "renumber", label: "Renumber this category", category: "Tools" }]);
	});

	it("offers to fix a mistyped separator only where there is one to fix", () => {
		expect(problemFixes(index, at("a.md", 6, "entry-format"))).toEqual([{ kind: "separator", label: "Fix the separator", line: 6, preview: "Medium - Battle of bytes", expect: { title: "Medium -Battle of bytes", url: "https://e.com/battle" } }]);
		// Two hyphens with a space on one side: which one was meant is a guess.
		expect(problemFixes(index, at("a.md", 8, "entry-format"))).toEqual([]);
	});

	it("offers to open the other occurrence of a shared link", () => {
		expect(problemFixes(index, at("b.md", 6, "duplicate-url"))).toEqual([{ kind: "open", label: "Open the other occurrence", path: "a.md", line: 7, where: '"Skips" in 01-01-2025 to 07-01-2025, line 7' }]);
	});

	it("offers the final URL of a link that moved for good, and an archived copy of a dead one", () => {
		const health = (url: string) =>
			url === "https://old.e.com/m" ? { status: "redirected" as const, checked: "2025-02-01", finalUrl: "https://new.e.com/m", permanent: true } : url === "https://dead.e.com/" ? { status: "not-found" as const, checked: "2025-02-01" } : null;
		const moved = { code: "link-redirected" as const, severity: "info" as const, path: "b.md", line: 7, message: "m" };
		expect(problemFixes(index, moved, health)).toEqual([{ kind: "replace-url", label: "Update to https://new.e.com/m", line: 7, url: "https://old.e.com/m", next: "https://new.e.com/m" }]);
		// A temporary redirect may lead to a login page: no fix.
		expect(problemFixes(index, moved, () => ({ status: "redirected", checked: "2025-02-01", finalUrl: "https://new.e.com/m", permanent: false }))).toEqual([]);
		expect(problemFixes(index, { ...moved, code: "link-dead", line: 8 }, health)).toEqual([{ kind: "archive", label: "Find an archived copy", line: 8, url: "https://dead.e.com/" }]);
	});
});

describe("the unnumbered-entry problem", () => {
	it("says what to do, and does not promise what renumbering does not do (it numbers only numbered entries)", () => {
		const index = indexOf({ "u.md": `${head("01-01-2025 to 07-01-2025")}# Tools\n[1. Blog - One](https://e.com/1)\n[Blog - No number](https://e.com/2)\n` });
		const p = checkIndex(index).find((q) => q.code === "unnumbered-entry")!;
		expect(p.message).toBe('Entry "No number" in "Tools" has no number; write one before its text (`2. `), as renumbering numbers only the entries that have one.');
		expect(problemFixes(index, p)).toEqual([]);
	});
});
