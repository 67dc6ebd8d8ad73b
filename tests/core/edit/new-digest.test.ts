import { describe, it, expect } from "vitest";
import { parse } from "yaml";
import { digestName, newDigestText, nextPeriod, planNewDigest, type NewDigestInput } from "../../../src/core/edit/new-digest";
import { parseDigest } from "../../../src/core/format/parser";
import { completeSeries } from "../../../src/core/format/series";
import type { DayDate, Digest, Series } from "../../../src/core/format/types";

function day(year: number, month: number, d: number): DayDate {
	return { year, month, day: d };
}

const SERIES: Series = completeSeries({
	name: "Garden notes",
	tag: "gardennotes",
	folder: "Garden/Digests",
	titleTemplate: "Garden Notes: {{start}} to {{end}}",
	fileNameTemplate: "{{year}}/{{start}} to {{end}}",
	categories: ["Vegetables", "Trees"],
	extraTags: ["collections"],
	cover: "![[garden-cover.png|center|400]]",
});

/** A parsed digest with the given title (its period comes from the title, as in a real vault). */
function digest(title: string, path = `Garden/Digests/${title}.md`): Digest {
	return parseDigest(`---\ntitle: "${title}"\ntags: [gardennotes]\n---\n`, path, { parseYaml: parse });
}

const PREVIOUS = [digest("Garden Notes: 03-02-2025 to 16-02-2025"), digest("Garden Notes: 17-02-2025 to 02-03-2025"), digest("Garden Notes: 20-01-2025 to 02-02-2025"), digest("Garden Notes without dates")];

function plan(over: Partial<NewDigestInput> = {}) {
	return planNewDigest({ series: SERIES, digests: PREVIOUS, to: day(2025, 3, 16), exists: () => false, parseYaml: parse, ...over });
}

describe("nextPeriod", () => {
	it("starts the day after the latest end, whatever the order of the digests", () => {
		expect(nextPeriod(PREVIOUS, day(2025, 3, 16))).toEqual({ start: day(2025, 3, 3), end: day(2025, 3, 16) });
	});

	it("crosses month and year ends", () => {
		expect(nextPeriod([digest("Garden Notes: 18-12-2024 to 31-12-2024")], day(2025, 1, 14)).start).toEqual(day(2025, 1, 1));
		expect(nextPeriod([digest("Garden Notes: 15-02-2024 to 28-02-2024")], day(2024, 3, 10)).start).toEqual(day(2024, 2, 29));
	});

	it("makes a first digest (no previous period) one week long", () => {
		expect(nextPeriod([], day(2025, 3, 16))).toEqual({ start: day(2025, 3, 10), end: day(2025, 3, 16) });
		expect(nextPeriod([digest("No dates here")], day(2025, 3, 2))).toEqual({ start: day(2025, 2, 24), end: day(2025, 3, 2) });
	});

	it("takes an explicit start as given", () => {
		expect(nextPeriod(PREVIOUS, day(2025, 3, 16), day(2025, 3, 10))).toEqual({ start: day(2025, 3, 10), end: day(2025, 3, 16) });
	});
});

describe("digestName", () => {
	const period = { start: day(2025, 3, 3), end: day(2025, 3, 16) };

	it("fills the title template and the file name template, folders and {{year}} included", () => {
		expect(digestName(SERIES, period)).toEqual({ title: "Garden Notes: 03-03-2025 to 16-03-2025", path: "Garden/Digests/2025/03-03-2025 to 16-03-2025.md" });
	});

	it("takes {{year}} from the end of the period", () => {
		expect(digestName(SERIES, { start: day(2024, 12, 23), end: day(2025, 1, 5) }).path).toBe("Garden/Digests/2025/23-12-2024 to 05-01-2025.md");
	});

	it("replaces characters a file name cannot hold, and drops empty, `.` and `..` folders", () => {
		const s = { ...SERIES, folder: "", fileNameTemplate: ' ../Notes: {{start}}/./"best" of #{{end}}?*<>|^[x]. ' };
		expect(digestName(s, period).path).toBe("Notes- 03-03-2025/-best- of -16-03-2025-------x-..md");
		expect(digestName({ ...SERIES, fileNameTemplate: "a\\b {{start}}" }, period).path).toBe("Garden/Digests/a-b 03-03-2025.md");
	});

	it("does not let a date format's slashes make folders", () => {
		const s = { ...SERIES, dateFormat: "MM/DD/YYYY" };
		expect(digestName(s, period)).toEqual({ title: "Garden Notes: 03/03/2025 to 03/16/2025", path: "Garden/Digests/2025/03-03-2025 to 03-16-2025.md" });
	});

	it("keeps a .md the template already has, and leaves unknown placeholders", () => {
		expect(digestName({ ...SERIES, folder: "/Garden//", fileNameTemplate: "{{start}} {{week}}.MD" }, period).path).toBe("Garden/03-03-2025 {{week}}.MD");
		expect(digestName({ ...SERIES, titleTemplate: "  Week ending {{end}} ({{nope}})  " }, period).title).toBe("Week ending 16-03-2025 ({{nope}})");
	});
});

describe("newDigestText", () => {
	const period = { start: day(2025, 3, 3), end: day(2025, 3, 16) };

	it("writes frontmatter with a quoted title and a tag list, the cover, and the categories as empty headings", () => {
		const text = newDigestText(SERIES, "Garden Notes: 03-03-2025 to 16-03-2025", period);
		expect(text).toBe(
			[
				"---",
				'title: "Garden Notes: 03-03-2025 to 16-03-2025"',
				"tags:",
				"  - gardennotes",
				"  - collections",
				"---",
				"",
				"![[garden-cover.png|center|400]]",
				"",
				"# Vegetables",
				"",
				"# Trees",
				"",
			].join("\n"),
		);
		const d = parseDigest(text, "Garden/Digests/2025/x.md", { parseYaml: parse });
		expect(d.problems).toEqual([]);
		expect(d.title).toBe("Garden Notes: 03-03-2025 to 16-03-2025");
		expect(d.tags).toEqual(["gardennotes", "collections"]);
		expect(d.period).toEqual(period);
		expect(d.categories.map((c) => [c.name, c.entries.length])).toEqual([["Vegetables", 0], ["Trees", 0]]);
	});

	it("quotes a title that YAML would otherwise misread", () => {
		for (const title of ['Notes: "quoted" \\ back', "#not a comment", "- dash", "yes", "null", "   "]) {
			const fm = parse(newDigestText(SERIES, title, period).split("\n")[1]!) as { title: unknown };
			expect(fm.title).toBe(title);
		}
	});

	it("writes no cover, no tags and no headings when the series has none; headings at the series' level", () => {
		const bare = { ...SERIES, tag: "", extraTags: [], cover: "  ", categories: ["", " Fruit ", "  "], categoryLevel: 2 };
		expect(newDigestText(bare, "T", period)).toBe(['---', 'title: "T"', "---", "", "## Fruit", ""].join("\n"));
		expect(newDigestText({ ...bare, categories: [] }, "T", period)).toBe(['---', 'title: "T"', "---", ""].join("\n"));
	});

	it("writes a series tag once even when it is also an extra tag", () => {
		expect(newDigestText({ ...SERIES, extraTags: ["gardennotes", "collections"] }, "T", period)).toContain("tags:\n  - gardennotes\n  - collections\n---");
	});

	it("fills a template note's placeholders and keeps the rest of it byte for byte", () => {
		const template = "---\r\ntitle: \"{{title}}\"\r\ntags: [gardennotes]\r\nweek: {{start}}..{{end}}\r\n---\r\n\r\n# Vegetables\r\n\r\n<% tp.date.now() %> {{unknown}} {{year}}\r\n";
		expect(newDigestText(SERIES, "Garden Notes: 03-03-2025 to 16-03-2025", period, template)).toBe(
			"---\r\ntitle: \"Garden Notes: 03-03-2025 to 16-03-2025\"\r\ntags: [gardennotes]\r\nweek: 03-03-2025..16-03-2025\r\n---\r\n\r\n# Vegetables\r\n\r\n<% tp.date.now() %> {{unknown}} 2025\r\n",
		);
	});

	it("falls back to the defaults for an empty template", () => {
		expect(newDigestText(SERIES, "T", period, "")).toBe(newDigestText(SERIES, "T", period));
		expect(newDigestText(SERIES, "T", period, null)).toBe(newDigestText(SERIES, "T", period));
	});
});

describe("planNewDigest", () => {
	it("plans the next digest from the latest end", () => {
		const seen: string[] = [];
		const r = plan({ exists: (p) => (seen.push(p), false) });
		expect(r).toEqual({
			ok: true,
			path: "Garden/Digests/2025/03-03-2025 to 16-03-2025.md",
			title: "Garden Notes: 03-03-2025 to 16-03-2025",
			text: newDigestText(SERIES, "Garden Notes: 03-03-2025 to 16-03-2025", { start: day(2025, 3, 3), end: day(2025, 3, 16) }),
			period: { start: day(2025, 3, 3), end: day(2025, 3, 16) },
		});
		expect(seen).toEqual(["Garden/Digests/2025/03-03-2025 to 16-03-2025.md"]);
	});

	it("plans a one-day period, ending the day after the latest end", () => {
		const r = plan({ to: day(2025, 3, 3) });
		expect(r.ok && r.period).toEqual({ start: day(2025, 3, 3), end: day(2025, 3, 3) });
	});

	it("plans a first digest", () => {
		const r = plan({ digests: [] });
		expect(r.ok && [r.path, r.period]).toEqual(["Garden/Digests/2025/10-03-2025 to 16-03-2025.md", { start: day(2025, 3, 10), end: day(2025, 3, 16) }]);
	});

	it("refuses an empty period: an end on or before the latest end, or before an explicit start", () => {
		for (const over of [{ to: day(2025, 3, 2) }, { to: day(2025, 2, 20) }, { to: day(2025, 3, 16), from: day(2025, 3, 17) }]) {
			const r = plan(over);
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.reason).toMatch(/would start on \d\d-\d\d-\d{4}, after its end/);
		}
		expect(plan({ to: day(2025, 3, 2) })).toEqual({ ok: false, reason: "The new period would start on 03-03-2025, after its end on 02-03-2025: the latest digest already covers that date." });
		// An explicit start after the end is the caller's doing, not the latest digest's.
		expect(plan({ to: day(2025, 3, 16), from: day(2025, 3, 17) })).toEqual({ ok: false, reason: "The new period would start on 17-03-2025, after its end on 16-03-2025." });
	});

	it("refuses a path that is taken, and says which", () => {
		const r = plan({ exists: (p) => p === "Garden/Digests/2025/03-03-2025 to 16-03-2025.md" });
		expect(r).toEqual({ ok: false, reason: "Garden/Digests/2025/03-03-2025 to 16-03-2025.md already exists; it was left as it is." });
	});

	it("uses the template note's text when the series has one", () => {
		const r = plan({ templateText: "---\ntitle: \"{{title}}\"\n---\n# Vegetables\n" });
		expect(r.ok && r.text).toBe('---\ntitle: "Garden Notes: 03-03-2025 to 16-03-2025"\n---\n# Vegetables\n');
	});

	it("refuses a series whose folder, file name template or template note leaves the vault, asking nothing", () => {
		for (const over of [{ folder: "../escape" }, { folder: "Garden/../../escape" }, { fileNameTemplate: "../{{start}} to {{end}}" }, { templateNote: "../secret.md" }, { folder: "C:\\Digests" }]) {
			const seen: string[] = [];
			const r = plan({ series: { ...SERIES, ...over }, exists: (p) => (seen.push(p), false) });
			expect(r.ok, JSON.stringify(over)).toBe(false);
			expect(!r.ok && r.reason).toMatch(/^Nothing was created: the (folder|file name template|template note) .*(outside the vault|steps up a folder|drive letter)/);
			expect(seen).toEqual([]);
		}
	});
});

describe("planNewDigest reads the new digest back (the edit guard)", () => {
	it("refuses a template whose filled-in frontmatter would not parse, and says why", () => {
		// The title holds quotes; the template puts it inside a quoted YAML string.
		const series = { ...SERIES, titleTemplate: 'Garden "Notes" {{start}} to {{end}}' };
		const r = plan({ series, templateText: '---\ntitle: "{{title}}"\ntags: [gardennotes]\n---\n# Vegetables\n' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.reason).toMatch(/^The edit would leave a problem at line 1: The frontmatter is not valid YAML.*, so nothing was created\.$/);
	});

	it("creates a digest from a template whose entry escapes a placeholder's braces, keeping it as written", () => {
		// An entry written to read back as typed may escape every punctuation mark: `\{\{title\}\}` is
		// no placeholder in the text, so the guard must not expect it filled (a model test found this).
		const entry = "[1. \\`\\` \\{\\{title\\}\\} \\[](https://n.example/new)";
		const r = plan({ templateText: `---\ntitle: "{{title}}"\n---\n# Vegetables\n${entry}\n` });
		expect(r.ok && r.text).toBe(`---\ntitle: "Garden Notes: 03-03-2025 to 16-03-2025"\n---\n# Vegetables\n${entry}\n`);
	});

	it("refuses a template that would give the digest no period", () => {
		const r = plan({ templateText: "---\ntitle: Garden notes\ntags: [gardennotes]\n---\n# Vegetables\n" });
		expect(r).toEqual({ ok: false, reason: "The edit would make the note's period none instead of 2025-03-03 to 2025-03-16, so nothing was created." });
	});

	it("refuses a template whose placeholders would hide its categories", () => {
		const series = { ...SERIES, titleTemplate: "Garden %% {{start}} to {{end}}" };
		const r = plan({ series, templateText: '---\ntitle: "{{title}}"\n---\nFor {{title}}\n# Vegetables\n# Trees\n' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.reason).toBe('The edit would hide the category "Vegetables" and 1 more, so nothing was created.');
	});
});
