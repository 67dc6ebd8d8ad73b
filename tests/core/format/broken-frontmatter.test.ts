import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { checkIndex, hasErrors } from "../../../src/core/check/check";
import { DigestIndex } from "../../../src/core/index/digest-index";
import { parseSeriesNote } from "../../../src/core/format/parser";
import { completeSeries, mentionsTag } from "../../../src/core/format/series";

const WEEKLY = completeSeries({ name: "Weekly", tag: "weeklylinks" });
const TECH = completeSeries({ name: "Tech", tag: "tech", folder: "Tech" });
// The title's closing quote is missing: the YAML does not parse, so the note has no tags.
const BROKEN = '---\ntitle: "Weekly Links: 08-01-2025 to 14-01-2025\ntags: [weeklylinks]\n---\n# C\n[1. A - C](https://e.com/c)\n';

describe("a note whose frontmatter does not parse", () => {
	it("stays in the series whose tag its raw frontmatter names, with a frontmatter-invalid error", () => {
		const r = parseSeriesNote(BROKEN, "Weekly Links 08-01-2025 to 14-01-2025.md", [WEEKLY], parseYaml);
		expect(r?.series.name).toBe("Weekly");
		expect(r?.digest.problems.map((p) => [p.code, p.severity, p.line])).toEqual([["frontmatter-invalid", "error", 1]]);
		expect(r?.digest.categories[0]!.entries.map((e) => e.url)).toEqual(["https://e.com/c"]);
	});

	it("stays in the series whose folder holds it, tag or not", () => {
		const text = "---\ntitle: [unclosed\n---\n# C\n[1. A - B](https://e.com)\n";
		expect(parseSeriesNote(text, "Tech/2025/a.md", [WEEKLY, TECH], parseYaml)?.series.name).toBe("Tech");
		expect(parseSeriesNote(text, "Elsewhere/a.md", [WEEKLY, TECH], parseYaml)).toBeNull();
	});

	it("is left out when nothing ties it to a series", () => {
		expect(parseSeriesNote('---\ntitle: "x\ntags: [weeklylinks2]\n---\n', "a.md", [WEEKLY], parseYaml)).toBeNull();
	});

	it("makes the check fail instead of dropping out of the index", () => {
		const index = new DigestIndex({ parseYaml, series: [WEEKLY] });
		index.setNote("Weekly Links 08-01-2025 to 14-01-2025.md", BROKEN);
		const problems = checkIndex(index);
		expect(problems.map((p) => p.code)).toEqual(["frontmatter-invalid"]);
		expect(hasErrors(problems)).toBe(true);
	});
});

describe("mentionsTag", () => {
	it("finds a tag as a tags property holds it, any case, nested tags included", () => {
		for (const raw of ["tags: weeklylinks", "tags: [a, WeeklyLinks]", "tags:\n  - weeklylinks", "tags: '#weeklylinks'", 'tags: ["weeklylinks/2025"]']) expect(mentionsTag(raw, "weeklylinks"), raw).toBe(true);
		for (const raw of ["tags: [weeklylinks2]", "title: myweeklylinks", "tags: [a-weeklylinks]"]) expect(mentionsTag(raw, "weeklylinks"), raw).toBe(false);
	});
});
