import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { CATEGORIES, generateVault } from "../../../scripts/vault-generator";
import { confidenceWord, detectSeries, toSeries, type DetectedSeries, type SeriesDetection } from "../../../src/core/detect/detect-series";
import { profileNote } from "../../../src/core/detect/note-profile";
import { SETTINGS_PATH } from "../../../src/cli/load-vault";
import { completeSeries, validateSeries } from "../../../src/core/format/series";

function notesOf(files: ReadonlyMap<string, string>): { path: string; text: string }[] {
	return [...files].map(([path, text]) => ({ path, text }));
}

function detect(files: ReadonlyMap<string, string>): SeriesDetection {
	return detectSeries(notesOf(files), { parseYaml });
}

/** The Series fields of a detected series, and the extras, without confidences and paths. */
/** The fields detection reads from the notes; the publishing and inbox settings are not among them. */
function fields(s: DetectedSeries) {
	const { confidence: _c, paths: _p, indexNote: _i, indexTemplate: _t, recapTemplate: _r, summaryField: _s, inboxNote: _n, ...rest } = s;
	return rest;
}

/** Every confidence of a series at or above `min`. */
function expectSure(s: DetectedSeries, min = 0.9, except: string[] = []): void {
	for (const [field, c] of Object.entries(s.confidence)) if (!except.includes(field)) expect(c, field).toBeGreaterThanOrEqual(min);
}

function merged(...vaults: Map<string, string>[]): Map<string, string> {
	const out = new Map<string, string>();
	for (const v of vaults) for (const [p, t] of v) out.set(p, t);
	return out;
}

const digestPaths = (files: ReadonlyMap<string, string>, folder: string) => [...files.keys()].filter((p) => p.startsWith(`${folder}/`)).sort();

describe("detectSeries on generated vaults", () => {
	it("finds the default layout: a tag, year folders, # categories in their order, an extra tag and a cover", () => {
		const files = generateVault({ digests: 60, seed: 3 });
		const { series, unmatched, notesRead } = detect(files);
		expect(series).toHaveLength(1);
		const s = series[0]!;
		expect(fields(s)).toEqual({
			name: "Weekly Links",
			tag: "weeklylinks",
			folder: "Digests",
			titleTemplate: "Weekly Links: {{start}} to {{end}}",
			fileNameTemplate: "{{year}}/{{start}} to {{end}}",
			dateFormat: "DD-MM-YYYY",
			categoryLevel: 1,
			categories: CATEGORIES,
			templateNote: "",
			extraTags: ["collections"],
			cover: expect.stringMatching(/^!\[\[cover-\d\d\.svg\|center\|500\]\]$/) as string,
			periodDays: 7,
			notes: 60,
			digests: 60,
		});
		expect(s.paths).toEqual(digestPaths(files, "Digests"));
		expectSure(s, 0.9, ["templateNote"]);
		expect(s.confidence.templateNote).toBeGreaterThan(0.5);
		expect(unmatched).toEqual([]);
		expect(notesRead).toBe([...files.keys()].filter((p) => p.endsWith(".md")).length);
	});

	it("finds ## categories under a title heading, a flat folder, ISO dates, two-week periods and a template note", () => {
		const files = generateVault({
			digests: 30,
			seed: 5,
			tag: "roundup",
			extraTags: [],
			folder: "Weekly",
			titleTemplate: "Roundup {{start}} to {{end}}",
			fileNameTemplate: "Roundup {{start}} - {{end}}",
			dateFormat: "YYYY-MM-DD",
			categoryLevel: 2,
			titleHeading: true,
			periodDays: 14,
			cover: false,
			templateNote: "Templates/Roundup template.md",
		});
		const { series } = detect(files);
		expect(series).toHaveLength(1);
		const s = series[0]!;
		expect(fields(s)).toEqual({
			name: "Roundup",
			tag: "roundup",
			folder: "Weekly",
			titleTemplate: "Roundup {{start}} to {{end}}",
			fileNameTemplate: "Roundup {{start}} - {{end}}",
			dateFormat: "YYYY-MM-DD",
			categoryLevel: 2,
			categories: CATEGORIES,
			templateNote: "Templates/Roundup template.md",
			extraTags: [],
			cover: "",
			periodDays: 14,
			notes: 30,
			digests: 30,
		});
		expectSure(s);
		expect(s.paths).not.toContain("Templates/Roundup template.md");
	});

	it("reads a date format with slashes (written with dashes in file names) and a series folder two levels deep", () => {
		const files = generateVault({
			digests: 20,
			seed: 9,
			tag: "links",
			extraTags: ["reading", "newsletter"],
			folder: "Reading/Links",
			titleTemplate: "Links {{start}} – {{end}}",
			fileNameTemplate: "{{year}}/Links {{start}} – {{end}}",
			dateFormat: "MM/DD/YYYY",
		});
		const s = detect(files).series[0]!;
		expect(fields(s)).toMatchObject({
			name: "Links",
			tag: "links",
			folder: "Reading/Links",
			titleTemplate: "Links {{start}} – {{end}}",
			fileNameTemplate: "{{year}}/Links {{start}} – {{end}}",
			dateFormat: "MM/DD/YYYY",
			categoryLevel: 1,
			extraTags: ["reading", "newsletter"],
			periodDays: 7,
			notes: 20,
		});
		expectSure(s, 0.9, ["templateNote"]);
	});

	it("reads month names", () => {
		const files = generateVault({ digests: 12, seed: 2, titleTemplate: "Notes from {{start}} to {{end}}", fileNameTemplate: "{{start}} to {{end}}", dateFormat: "D MMMM YYYY", folder: "Notes from" });
		const s = detect(files).series[0]!;
		expect([s.dateFormat, s.titleTemplate, s.fileNameTemplate, s.folder, s.name]).toEqual(["D MMMM YYYY", "Notes from {{start}} to {{end}}", "{{start}} to {{end}}", "Notes from", "Notes from"]);
		expect(s.confidence.dateFormat).toBe(1);
	});

	it("picks the series out of unrelated notes and lists a digest-like note of no series apart", () => {
		const files = generateVault({ digests: 25, seed: 11 });
		// Notes that share the extra tag but are no digests, a series note without entries, and a
		// numbered reading list that carries no series tag.
		for (let i = 0; i < 15; i++) files.set(`Library/Shelf ${i}.md`, `---\ntags: [collections]\n---\n# Shelf ${i}\n\n- [[Book ${i}]]\n`);
		files.set("Digests/Index.md", "---\ntags: [weeklylinks]\n---\n# Every digest\n\n- [[Somewhere]]\n");
		files.set("Reading list.md", "# To read\n\n[1. Blog - A long read](https://e.com/a)\n\n[2. Blog - Another](https://e.com/b)\n");
		files.set("Plain.md", "# Plain\n\nJust words and a [link](https://e.com) inside a sentence.\n");
		const { series, unmatched } = detect(files);
		expect(series.map((s) => [s.tag, s.folder, s.notes, s.digests])).toEqual([["weeklylinks", "Digests", 26, 25]]);
		expect(series[0]!.paths).toContain("Digests/Index.md");
		expect(series[0]!.extraTags).toEqual(["collections"]);
		expect(series[0]!.templateNote).toBe("");
		expect(unmatched).toEqual(["Reading list.md"]);
	});

	it("tells two series in one vault apart, even when they share an extra tag", () => {
		const weekly = generateVault({ digests: 30, seed: 4 });
		const monthly = generateVault({
			digests: 12,
			seed: 8,
			tag: "monthly",
			folder: "Monthly",
			titleTemplate: "Monthly picks {{start}} to {{end}}",
			fileNameTemplate: "{{year}}/{{start}} to {{end}}",
			dateFormat: "YYYY-MM-DD",
			categoryLevel: 2,
			periodDays: 28,
			cover: false,
			notes: false,
		});
		const files = merged(weekly, monthly);
		const { series, unmatched } = detect(files);
		expect(series.map((s) => s.tag)).toEqual(["weeklylinks", "monthly"]);
		const [w, m] = series as [DetectedSeries, DetectedSeries];
		expect(fields(w)).toMatchObject({ folder: "Digests", dateFormat: "DD-MM-YYYY", categoryLevel: 1, periodDays: 7, notes: 30, extraTags: ["collections"], titleTemplate: "Weekly Links: {{start}} to {{end}}" });
		expect(fields(m)).toMatchObject({
			name: "Monthly picks",
			folder: "Monthly",
			dateFormat: "YYYY-MM-DD",
			categoryLevel: 2,
			periodDays: 28,
			notes: 12,
			extraTags: ["collections"],
			titleTemplate: "Monthly picks {{start}} to {{end}}",
			fileNameTemplate: "{{year}}/{{start}} to {{end}}",
			cover: "",
		});
		// Twelve digests of 4 to 8 categories: the categories in at least two of them, and each pair
		// that some digest holds together in the series' order (a pair never seen together says nothing).
		const texts = digestPaths(files, "Monthly").map((p) => files.get(p)!);
		const has = (t: string, c: string) => t.includes(`\n## ${c}\n`);
		expect([...m.categories].sort()).toEqual(CATEGORIES.filter((c) => texts.filter((t) => has(t, c)).length >= 2).sort());
		m.categories.forEach((a, i) =>
			m.categories.slice(i + 1).forEach((b) => {
				if (texts.some((t) => has(t, a) && has(t, b))) expect(CATEGORIES.indexOf(a), `${a} before ${b}`).toBeLessThan(CATEGORIES.indexOf(b));
			}),
		);
		expect(w.paths).toEqual(digestPaths(files, "Digests"));
		expect(m.paths).toEqual(digestPaths(files, "Monthly"));
		expectSure(w, 0.9, ["templateNote"]);
		expectSure(m, 0.9, ["templateNote"]);
		expect(unmatched).toEqual([]);
	});

	it("turns each detection into a valid Series, the same one detection reads again from a vault it makes", () => {
		const files = generateVault({ digests: 10, seed: 6, tag: "roundup", categoryLevel: 2, dateFormat: "DD.MM.YYYY", folder: "Weekly", fileNameTemplate: "{{year}}/Roundup {{start}} to {{end}}" });
		const s = detect(files).series[0]!;
		const saved = toSeries(s);
		expect(validateSeries(saved)).toEqual([]);
		expect(saved).toEqual(completeSeries(saved));
		expect(Object.keys(saved).sort()).toEqual(Object.keys(completeSeries({})).sort());
		expect(saved).toMatchObject({ tag: "roundup", categoryLevel: 2, dateFormat: "DD.MM.YYYY", folder: "Weekly", fileNameTemplate: "{{year}}/Roundup {{start}} to {{end}}" });
	});

	it("stays linear: 1,000 digests of 20 entries in well under a few seconds", () => {
		const files = generateVault({ digests: 1000, seed: 1 });
		const notes = notesOf(files);
		const t0 = performance.now();
		const { series } = detectSeries(notes, { parseYaml });
		const ms = performance.now() - t0;
		expect(series[0]!.notes).toBe(1000);
		// A pass over text per pair of notes would take minutes here; one pass takes a fraction of a second.
		expect(ms).toBeLessThan(5000);
	});
});

describe("detectSeries on hand-written vaults", () => {
	const digest = (title: string | null, tags: string[], body: string) =>
		`${title !== null || tags.length ? `---\n${title !== null ? `title: "${title}"\n` : ""}${tags.length ? `tags: [${tags.join(", ")}]\n` : ""}---\n` : ""}${body}`;
	const body = (cats: string[], level = 1) => cats.map((c, i) => `${"#".repeat(level)} ${c}\n\n[1. Blog - Post ${i}](https://e.com/${c}/${i})\n\n[2. Blog - Post ${i}b](https://e.com/${c}/${i}b)\n`).join("\n");

	it("finds a series by its folder when its notes carry no tag, titles read from file names", () => {
		const files = new Map([
			["Journal/Links/2025/Links 01-09-2025 to 07-09-2025.md", body(["Tools", "Reading"])],
			["Journal/Links/2025/Links 08-09-2025 to 14-09-2025.md", body(["Tools", "Reading"])],
			["Journal/Links/2025/Links 15-09-2025 to 21-09-2025.md", body(["Reading"])],
			["Journal/Other.md", body(["Tools"])],
		]);
		const { series, unmatched } = detect(files);
		expect(series).toHaveLength(1);
		expect(fields(series[0]!)).toMatchObject({ tag: "", folder: "Journal/Links", titleTemplate: "Links {{start}} to {{end}}", fileNameTemplate: "{{year}}/Links {{start}} to {{end}}", categories: ["Tools", "Reading"], notes: 3, periodDays: 7, name: "Links" });
		expect(unmatched).toEqual(["Journal/Other.md"]);
	});

	it("is unsure of DD-MM against MM-DD when no day passes 12", () => {
		const files = new Map([
			["a.md", digest("W 01-02-2025 to 07-02-2025", ["w"], body(["A"]))],
			["b.md", digest("W 08-02-2025 to 11-02-2025", ["w"], body(["A"]))],
		]);
		const s = detect(files).series[0]!;
		expect(s.dateFormat).toBe("DD-MM-YYYY");
		expect(s.confidence.dateFormat).toBe(0.5);
		expect(confidenceWord(s.confidence.dateFormat)).toBe("a guess");
	});

	it("picks the tag that names the series over an extra tag every digest carries, and orders categories as most digests do", () => {
		const files = new Map([
			["d/1.md", digest("Roundup: 01-01-2025 to 07-01-2025", ["collections", "roundup"], body(["Go", "Rust", "Zig"]))],
			["d/2.md", digest("Roundup: 08-01-2025 to 14-01-2025", ["collections", "roundup"], body(["Go", "Zig"]))],
			["d/3.md", digest("Roundup: 15-01-2025 to 21-01-2025", ["collections", "roundup"], body(["Rust", "Zig"]))],
			["d/4.md", digest("Roundup: 22-01-2025 to 28-01-2025", ["collections", "roundup"], body(["Zig", "Go"]))],
		]);
		const s = detect(files).series[0]!;
		expect([s.tag, s.extraTags]).toEqual(["roundup", ["collections"]]);
		expect(s.categories).toEqual(["Go", "Rust", "Zig"]);
		expect(s.confidence.categories).toBeLessThan(1);
	});

	it("takes a tagged note with the categories and no period as the template, and a cover most digests start with", () => {
		const cover = "![[banner.png|center|400]]";
		const files = new Map([
			["W/1.md", digest("W 01-01-2025 to 07-01-2025", ["w"], `${cover}\n\n${body(["A", "B"], 2)}`)],
			["W/2.md", digest("W 08-01-2025 to 14-01-2025", ["w"], `${cover}\n\n${body(["A", "B"], 2)}`)],
			["W/3.md", digest("W 15-01-2025 to 21-01-2025", ["w"], body(["A", "B"], 2))],
			["W/4.md", digest("W 22-01-2025 to 28-01-2025", ["w"], "## A\n\n## B\n")],
			["W/New one.md", digest("{{title}}", ["w"], "## A\n\n## B\n")],
		]);
		const s = detect(files).series[0]!;
		expect([s.templateNote, s.cover, s.categoryLevel, s.notes, s.digests]).toEqual(["W/New one.md", cover, 2, 4, 3]);
		expect(s.confidence.cover).toBeCloseTo(0.67, 2);
	});

	it("finds nothing in a vault without digests", () => {
		const files = new Map([["a.md", "# A\n\nWords.\n"], ["b.md", "---\ntags: [x]\n---\n- [1. not an entry](https://e.com)\n"]]);
		expect(detect(files)).toEqual({ series: [], unmatched: [], notesRead: 2 });
	});
});

describe("detectSeries on the example vault", () => {
	const root = resolve(__dirname, "../../../example-vault");
	const walk = (rel: string): { path: string; text: string }[] =>
		readdirSync(join(root, rel)).flatMap((name) => {
			if (name.startsWith(".")) return [];
			const path = rel ? `${rel}/${name}` : name;
			return statSync(join(root, path)).isDirectory() ? walk(path) : [{ path, text: readFileSync(join(root, path), "utf8") }];
		});

	it("reads back the series its settings save, every field but the name's case", () => {
		const { series } = detectSeries(walk(""), { parseYaml });
		expect(series).toHaveLength(1);
		const saved = (JSON.parse(readFileSync(join(root, SETTINGS_PATH), "utf8")) as { series: object[] }).series[0]!;
		expect({ ...toSeries(series[0]!), name: "" }).toEqual({ ...completeSeries(saved), name: "" });
		expect(series[0]!.periodDays).toBe(14);
	});
});

describe("profileNote", () => {
	it("counts entry lines by the level of the heading above them, outside code, and keeps the cover line", () => {
		const p = profileNote("F/n.md", "---\ntitle: T\ntags: [a, b/c]\n---\n\n![[c.png|center]]\n\n# Top\n## Sub\n[1. x](https://e.com)\n[y](https://e.com/y)\n```\n# Fake\n[2. z](https://e.com/z)\n```\n[[wiki]]\n", parseYaml);
		expect(p).toEqual({
			path: "F/n.md",
			folder: "F",
			title: "T",
			tags: ["a", "b/c"],
			entries: 2,
			numbered: 1,
			entriesByLevel: [0, 0, 2, 0, 0, 0, 0],
			headings: [{ level: 1, name: "Top", line: 8 }, { level: 2, name: "Sub", line: 9 }],
			cover: "![[c.png|center]]",
			placeholders: false,
			listEntries: 0,
			listByLevel: [0, 0, 0, 0, 0, 0, 0],
			listMarkers: {},
			dateField: false,
		});
	});
});

describe("detectSeries: which tag is the series'", () => {
	const note = (title: string, tags: string[]) => `---\ntitle: "${title}"\ntags: [${tags.join(", ")}]\n---\n# A\n\n[1. Blog - x](https://e.com/${title.length})\n\n[2. Blog - y](https://e.com/${title.length}/y)\n`;

	it("is not tipped to an extra tag by a draft that carries the series' tag without entries", () => {
		const files = new Map([
			["D/1.md", note("Weekly Links: 01-01-2025 to 07-01-2025", ["weeklylinks", "collections"])],
			["D/2.md", note("Weekly Links: 08-01-2025 to 14-01-2025", ["weeklylinks", "collections"])],
			["D/Someday.md", "---\ntags: [weeklylinks]\ndraft: true\n---\n# A\n[1. Blog - Later](https://later.example/a)\n"],
		]);
		const s = detect(files).series[0]!;
		expect([s.tag, s.extraTags, s.notes, s.digests]).toEqual(["weeklylinks", ["collections"], 3, 2]);
	});

	it("prefers, between tags on the same digests, the one other notes do not carry too, whatever the order", () => {
		const files = new Map([
			["D/1.md", note("Links: 01-01-2025 to 07-01-2025", ["tech", "roundup"])],
			["D/2.md", note("Links: 08-01-2025 to 14-01-2025", ["tech", "roundup"])],
			["D/3.md", note("Links: 15-01-2025 to 21-01-2025", ["tech", "roundup"])],
			["Notes/a.md", "---\ntags: [tech]\n---\nWords.\n"],
			["Notes/b.md", "---\ntags: [tech]\n---\nWords.\n"],
		]);
		const s = detect(files).series[0]!;
		expect([s.tag, s.extraTags]).toEqual(["roundup", ["tech"]]);
	});

	it("else takes the tag listed first", () => {
		const files = new Map([
			["D/1.md", note("Links: 01-01-2025 to 07-01-2025", ["tech", "roundup"])],
			["D/2.md", note("Links: 08-01-2025 to 14-01-2025", ["tech", "roundup"])],
		]);
		expect(detect(files).series[0]!.tag).toBe("tech");
	});
});

describe("detectSeries on list-style notes", () => {
	const topical = (name: string) => ({
		path: `Lists/${name}.md`,
		text: ["---", "tags: [bookmarks]", "---", `# ${name}`, "", "## Guides", "", "* [A guide](https://example.org/a)", "* [video] [A talk](https://example.org/b)", "\t* nested note", "", "## Tools", "* [A tool](https://example.org/c): does things"].join("\n"),
	});

	it("finds a collection of link lists: list style, its marker, the category level, undated", () => {
		const { series } = detectSeries([topical("Databases"), topical("Linux"), topical("Networking")]);
		expect(series).toHaveLength(1);
		expect(series[0]).toMatchObject({ tag: "bookmarks", entryStyle: "list", collection: true, listMarker: "*", categoryLevel: 2, digests: 3 });
		expect(toSeries(series[0]!)).toMatchObject({ entryStyle: "list", collection: true });
	});

	it("finds a dated list-style series from its metadata lines", () => {
		const issue = (n: number) => ({ path: `News/issue-${n}.md`, text: [`Title: Widget news ${n}`, `Date: 2026-08-${10 + n}`, "", "### Updates", "- [One](https://example.org/1)", "- [Two](https://example.org/2)", "- [Three](https://example.org/3)"].join("\n") });
		const { series } = detectSeries([issue(1), issue(2), issue(3)]);
		expect(series).toHaveLength(1);
		expect(series[0]).toMatchObject({ folder: "News", entryStyle: "list", categoryLevel: 3 });
		expect(series[0]!.collection).toBeUndefined();
	});
});
