import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATEGORIES, generateVault, writeVault, type VaultOptions } from "../../scripts/vault-generator";
import { DETECTED_FIELDS } from "../../src/core/detect/detect-series";
import { SETTINGS_PATH } from "../../src/cli/load-vault";

const ROOT = resolve(__dirname, "../..");
const CLI = join(ROOT, "dist/cli.cjs");
const temps: string[] = [];

function run(args: string[]): { code: number; out: string; err: string } {
	const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
	return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), "digest-detect-"));
	temps.push(dir);
	return dir;
}

function vaultOf(files: ReadonlyMap<string, string> | Record<string, string>): string {
	const dir = tempDir();
	writeVault(dir, files instanceof Map ? files : new Map(Object.entries(files)));
	return dir;
}

function write(dir: string, path: string, text: string): void {
	mkdirSync(dirname(join(dir, path)), { recursive: true });
	writeFileSync(join(dir, path), text);
}

/** The vault: #roundup digests with `##` categories, ISO dates, a template note, no settings. */
const ROUNDUP: VaultOptions = {
	digests: 6,
	seed: 5,
	tag: "roundup",
	extraTags: [],
	folder: "Weekly",
	titleTemplate: "Roundup {{start}} to {{end}}",
	fileNameTemplate: "{{year}}/Roundup {{start}} - {{end}}",
	dateFormat: "YYYY-MM-DD",
	categoryLevel: 2,
	periodDays: 14,
	cover: false,
	templateNote: "Templates/Roundup template.md",
};

/** A small `##` digest of the issue: entries 1 then 3 under `## Frontend`. */
const H2_DIGEST = "---\ntitle: \"Roundup 01-09-2025 to 07-09-2025\"\ntags: [roundup]\n---\n\n## Frontend\n\n[1. Blog - One](https://e.com/1)\n\n[3. Blog - Two](https://e.com/2)\n";

beforeAll(() => {
	if (!existsSync(CLI)) throw new Error("dist/cli.cjs is missing: run npm run build first (npm test does).");
});

afterAll(() => {
	for (const d of temps) rmSync(d, { recursive: true, force: true });
});

interface DetectJson {
	series: (Record<string, unknown> & { confidence: Record<string, number>; notes: number; digests: number })[];
	unmatched: string[];
	notesRead: number;
}

describe("digest-curator detect", () => {
	it("--json prints each series' fields under the saved names, how sure each is, and the note count", () => {
		const vault = vaultOf(generateVault(ROUNDUP));
		const r = run(["detect", vault, "--json"]);
		expect(r.code, r.err).toBe(0);
		const json = JSON.parse(r.out) as DetectJson;
		expect(json.series).toHaveLength(1);
		const s = json.series[0]!;
		expect(Object.keys(s)).toEqual(["name", "tag", "folder", "titleTemplate", "fileNameTemplate", "dateFormat", "categoryLevel", "categories", "templateNote", "extraTags", "cover", "periodDays", "notes", "digests", "confidence"]);
		expect(s).toMatchObject({
			name: "Roundup",
			tag: "roundup",
			folder: "Weekly",
			titleTemplate: "Roundup {{start}} to {{end}}",
			fileNameTemplate: "{{year}}/Roundup {{start}} - {{end}}",
			dateFormat: "YYYY-MM-DD",
			categoryLevel: 2,
			templateNote: "Templates/Roundup template.md",
			extraTags: [],
			cover: "",
			periodDays: 14,
			notes: 6,
			digests: 6,
		});
		expect(CATEGORIES).toEqual(expect.arrayContaining(s["categories"] as string[]));
		expect(Object.keys(s.confidence)).toEqual([...DETECTED_FIELDS]);
		for (const c of Object.values(s.confidence)) expect(c).toBeGreaterThanOrEqual(0.9);
		expect(json.unmatched).toEqual([]);
		expect(json.notesRead).toBeGreaterThan(6);
	});

	it("prints the series as text, each field with a word for how sure it is, and the flags that read it", () => {
		const vault = vaultOf(generateVault(ROUNDUP));
		const r = run(["detect", vault]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toMatch(/^Found 1 digest series in \d+ notes\.\n\nRoundup: #roundup in Weekly\/, 6 notes \(6 digests\)\n/);
		expect(r.out).toMatch(/\n {2}category level +2 \(##\) {2}\(sure\)\n/);
		expect(r.out).toMatch(/\n {2}date format +YYYY-MM-DD {2}\(sure\)\n/);
		expect(r.out).toMatch(/\n {2}template note +Templates\/Roundup template\.md {2}\(sure\)\n/);
		expect(r.out).toMatch(/\n {2}period +14 days {2}\(sure\)\n/);
		expect(r.out).toContain('\n  Flags that name it: --tag roundup --folder Weekly --category-level 2 --date-format YYYY-MM-DD --title-template "Roundup {{start}} to {{end}}" --file-name-template "{{year}}/Roundup {{start}} - {{end}}"\n');
		expect(r.out).toContain("With no saved settings, every command uses this series");
	});

	it("lists a digest-like note of no series apart, in the singular, and says why when it finds nothing", () => {
		const files = generateVault({ ...ROUNDUP, notes: false });
		files.set("Reading list.md", "# To read\n\n[1. Blog - A](https://e.com/a)\n\n[2. Blog - B](https://e.com/b)\n");
		const r = run(["detect", vaultOf(files)]);
		expect(r.out).toContain("\n1 note looks like a digest but fits no series:\n  Reading list.md\n");
		const empty = run(["detect", vaultOf({ "a.md": "# Just a note\n" })]);
		expect(empty.code).toBe(0);
		expect(empty.out).toBe("Found no digest series in 1 note: no notes that share a tag or a folder hold numbered link entries under headings.\n");
	});

	it("--tag and --folder pick among several series, and the shape flags set fields over the detected ones", () => {
		const files = new Map([...generateVault({ digests: 8, seed: 4 }), ...generateVault({ ...ROUNDUP, notes: false })]);
		const vault = vaultOf(files);
		expect((JSON.parse(run(["detect", vault, "--json"]).out) as DetectJson).series.map((s) => s["tag"])).toEqual(["weeklylinks", "roundup"]);
		const one = JSON.parse(run(["detect", vault, "--json", "--folder", "Weekly", "--category-level", "3"]).out) as DetectJson;
		expect(one.series.map((s) => [s["tag"], s["categoryLevel"], s.confidence["categoryLevel"]])).toEqual([["roundup", 3, 1]]);
		expect((JSON.parse(run(["detect", vault, "--json", "--tag", "nothing"]).out) as DetectJson).series).toEqual([]);
		expect(run(["detect", vault, "--tag", "nothing"]).out).toMatch(/^No series detected in \d+ notes has that tag or folder\.\n/);
	});
});

describe("commands with no saved settings and no --tag", () => {
	it("use the one detected series, saying so on stderr: entries under ## are read, and new digests follow its templates", () => {
		const vault = vaultOf(generateVault(ROUNDUP));
		const index = run(["index", vault]);
		expect(index.code, index.err).toBe(0);
		expect(index.err).toBe("digest-curator: No saved settings: using the series detected in the vault, #roundup in Weekly/ (6 notes); run digest-curator detect for all its fields.\n");
		expect(index.out).toMatch(/\n6 digests, [1-9]\d* entries\.\n$/);
		expect(index.out).not.toContain("Template");
		const created = run(["new", vault, "--date", "2025-10-19"]);
		expect(created.code, created.err).toBe(0);
		const text = readFileSync(join(vault, "Weekly/2025/Roundup 2025-10-06 - 2025-10-19.md"), "utf8");
		// The template note's text, its placeholders filled.
		expect(text).toContain('title: "Roundup 2025-10-06 to 2025-10-19"');
		expect(text).toContain("\n## Kubernetes\n");
	});

	it("the issue's vault: renumber fixes 1 then 3 under ##, and add goes into the existing ## Frontend", () => {
		const vault = vaultOf({ "Roundup/a.md": H2_DIGEST, "Roundup/b.md": H2_DIGEST.replace("01-09-2025 to 07-09-2025", "08-09-2025 to 14-09-2025").replace(/e\.com/g, "e.org") });
		const check = run(["check", vault]);
		expect(check.out).toMatch(/Checked 2 digests, 4 entries: 0 errors, 2 warnings, 0 notes\.\n$/);
		expect(check.out).toContain("warning numbering");
		const path = "Roundup/b.md";
		const renumber = run(["renumber", vault, "--digest", path]);
		expect(renumber.code, renumber.err).toBe(0);
		expect(renumber.out).toBe("Renumbered 1 entry in Roundup/b.md.\n");
		const add = run(["add", vault, "--digest", path, "--category", "Frontend", "--url", "https://e.net/new", "--title", "New"]);
		expect(add.code, add.err).toBe(0);
		const text = readFileSync(join(vault, path), "utf8");
		expect(text).not.toMatch(/^# Frontend/m);
		expect(text.endsWith("[2. Blog - Two](https://e.org/2)\n\n[3. New](https://e.net/new)\n")).toBe(true);
	});

	it("ask for --tag when the vault holds several series, naming the flags of each", () => {
		const vault = vaultOf(new Map([...generateVault({ digests: 8, seed: 4 }), ...generateVault({ ...ROUNDUP, notes: false })]));
		const r = run(["check", vault]);
		expect(r.code).toBe(2);
		expect(r.out).toBe("");
		expect(r.err).toBe("digest-curator check: The vault holds 2 digest series and no saved settings; pick one with --tag weeklylinks --folder Digests (8 notes), or --tag roundup --folder Weekly --category-level 2 --date-format YYYY-MM-DD (6 notes).\n");
		const picked = run(["check", vault, "--tag", "roundup", "--folder", "Weekly", "--category-level", "2", "--date-format", "YYYY-MM-DD"]);
		expect(picked.code, picked.err).toBeLessThan(2);
		expect(picked.out).not.toContain("category-level");
		expect(picked.out).toMatch(/Checked 6 digests, [1-9]\d* entries/);
	});

	it("say why a series finds no digest, pointing at detect", () => {
		const vault = vaultOf({ "a.md": "---\ntags: [other]\n---\n# C\n[1. A - B](https://e.com)\n" });
		const r = run(["index", vault]);
		expect(r.code).toBe(0);
		expect(r.out).toBe("0 digests, 0 entries.\n");
		expect(r.err).toBe("digest-curator: no note is a digest of the series (the tag #weeklylinks); run digest-curator detect VAULT to find the vault's series.\n");
		expect(run(["check", vault]).err).toContain("run digest-curator detect VAULT");
	});
});

describe("a series read with the wrong category level (regressions of issue 11)", () => {
	// --tag names the series, so nothing is detected: the default category level 1 meets `##` notes.
	it("check warns category-level, and --strict fails, instead of '0 entries: 0 errors' and exit 0", () => {
		const vault = vaultOf({ "d.md": H2_DIGEST });
		const r = run(["check", vault, "--tag", "roundup", "--strict"]);
		expect(r.code).toBe(1);
		expect(r.out).toBe(
			"d.md:6: warning category-level: The note has 2 entry lines under level-2 headings (## Frontend, line 6), but the series' categories are level-1 headings (#), so they are not read as entries; set the series' category level to 2.\nChecked 1 digest, 0 entries: 0 errors, 1 warning, 0 notes.\n",
		);
		const json = JSON.parse(run(["check", vault, "--tag", "roundup", "--json"]).out) as { problems: { code: string }[] };
		expect(json.problems.map((p) => p.code)).toEqual(["category-level"]);
	});

	it("renumber says it found no entries at the series' level instead of 'already numbered in order'", () => {
		const vault = vaultOf({ "d.md": H2_DIGEST });
		const r = run(["renumber", vault, "--tag", "roundup"]);
		expect(r.code).toBe(1);
		expect(r.out).toBe("");
		expect(r.err).toBe("digest-curator: Nothing renumbered: the series' categories are # headings, but this note's entries are under ## (## Frontend, line 6). Set the category level to 2 in settings.\n");
		expect(readFileSync(join(vault, "d.md"), "utf8")).toBe(H2_DIGEST);
	});

	it("add refuses to write # Frontend beside ## Frontend, and changes nothing", () => {
		const vault = vaultOf({ "d.md": H2_DIGEST });
		const r = run(["add", vault, "--tag", "roundup", "--category", "Frontend", "--url", "https://e.net/x", "--title", "X"]);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/^digest-curator: The note already has "Frontend" as a level-2 heading \(## Frontend, line 6\), and the series' categories are level-1 headings, so the entry was not added; set the series' category level to 2\.\n$/);
		expect(readFileSync(join(vault, "d.md"), "utf8")).toBe(H2_DIGEST);
	});

	it("--category-level 2 reads them, renumbers them and adds to them", () => {
		const vault = vaultOf({ "d.md": H2_DIGEST });
		const flags = ["--tag", "roundup", "--category-level", "2"];
		expect(run(["index", vault, ...flags]).out).toMatch(/\n1 digest, 2 entries\.\n$/);
		expect(run(["renumber", vault, ...flags]).out).toBe("Renumbered 1 entry in d.md.\n");
		expect(run(["add", vault, ...flags, "--category", "Frontend", "--url", "https://e.net/x", "--title", "X"]).code).toBe(0);
		expect(readFileSync(join(vault, "d.md"), "utf8")).toBe(`${H2_DIGEST.replace("[3. ", "[2. ")}\n[3. X](https://e.net/x)\n`);
	});

	it("renumber on a digest with no entries at all says so", () => {
		const vault = vaultOf({ "d.md": "---\ntitle: \"01-09-2025 to 07-09-2025\"\ntags: [weeklylinks]\n---\n# Frontend\n" });
		expect(run(["renumber", vault]).out).toBe("d.md has no entries to renumber.\n");
	});
});

describe("the shape flags", () => {
	it("--date-format reads periods in another format than the saved series'", () => {
		const vault = vaultOf({ "d.md": "---\ntitle: \"Links 2025-09-01 to 2025-09-07\"\ntags: [weeklylinks]\n---\n# C\n[1. A - B](https://e.com)\n" });
		write(vault, SETTINGS_PATH, JSON.stringify({ series: [{ name: "Links", tag: "weeklylinks" }] }));
		type Index = { digests: { period: unknown }[] };
		expect((JSON.parse(run(["index", vault, "--json"]).out) as Index).digests[0]!.period).toBeNull();
		expect((JSON.parse(run(["index", vault, "--json", "--date-format", "YYYY-MM-DD"]).out) as Index).digests[0]!.period).toEqual({ start: "2025-09-01", end: "2025-09-07" });
	});

	it("--title-template and --file-name-template name a new digest", () => {
		const vault = vaultOf({ "Links/d.md": "---\ntitle: \"Links 01-09-2025 to 07-09-2025\"\ntags: [weeklylinks]\n---\n# C\n[1. A - B](https://e.com)\n" });
		const r = run(["new", vault, "--folder", "Links", "--tag", "weeklylinks", "--date", "2025-09-14", "--title-template", "Links {{start}} to {{end}}", "--file-name-template", "{{year}}/Links {{start}}-{{end}}"]);
		expect(r.code, r.err).toBe(0);
		expect(readFileSync(join(vault, "Links/2025/Links 08-09-2025-14-09-2025.md"), "utf8")).toContain('title: "Links 08-09-2025 to 14-09-2025"');
	});

	it("refuse bad values in one sentence", () => {
		const vault = vaultOf({ "a.md": "# A\n" });
		for (const [args, message] of [
			[["--category-level", "0"], 'digest-curator index: --category-level takes a heading level from 1 to 6, not "0".\n'],
			[["--date-format", "DD-MM"], 'digest-curator index: --date-format needs a day (DD or D), a month (MM, M, MMM or MMMM) and a year (YYYY or YY), as in DD-MM-YYYY, not "DD-MM".\n'],
			[["--title-template", "Links {{start}}"], 'digest-curator index: --title-template needs {{start}} and {{end}}, as in "Weekly Links {{start}} to {{end}}".\n'],
			[["--file-name-template", "a:{{start}} {{end}}"], 'digest-curator index: --file-name-template cannot hold \\ : * ? " < > |.\n'],
		] as const) {
			const r = run(["index", vault, ...args]);
			expect(r.code, args.join(" ")).toBe(2);
			expect(r.err).toBe(message);
		}
	});
});

describe("--version and option mistakes", () => {
	it("--version prints the package's version", () => {
		const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
		for (const flag of ["--version", "-V"]) {
			const r = run([flag]);
			expect(r.code).toBe(0);
			expect(r.out).toBe(`digest-curator ${version}\n`);
		}
	});

	it("an unknown option gets one sentence of ours, with the likely one named, not Node's parseArgs text", () => {
		const cases: [string[], string][] = [
			[["check", ROOT, "--nope"], "digest-curator check: There is no option --nope; run digest-curator check --help for its options.\n"],
			[["check", ROOT, "--stict"], "digest-curator check: There is no option --stict (did you mean --strict?); run digest-curator check --help for its options.\n"],
			[["add", ROOT, "--categry", "C"], "digest-curator add: There is no option --categry (did you mean --category?); run digest-curator add --help for its options.\n"],
			[["index", ROOT, "-x"], "digest-curator index: There is no option -x; run digest-curator index --help for its options.\n"],
			[["index", ROOT, "--tag"], "digest-curator index: --tag needs a value; run digest-curator index --help for its options.\n"],
			[["index", ROOT, "--json=yes"], "digest-curator index: --json takes no value; run digest-curator index --help for its options.\n"],
			[["detect", ROOT, "--strict"], "digest-curator detect: There is no option --strict; run digest-curator detect --help for its options.\n"],
		];
		for (const [args, message] of cases) {
			const r = run(args);
			expect(r.code, args.join(" ")).toBe(2);
			expect(r.err).toBe(message);
			expect(r.err).not.toMatch(/positional|place it at the end/);
		}
	});

	it("every command's help names the shape flags, and the command list names detect", () => {
		for (const cmd of ["index", "check", "add", "renumber", "new", "detect"]) {
			const r = run([cmd, "--help"]);
			expect(r.code).toBe(0);
			for (const flag of ["--category-level", "--date-format", "--title-template", "--file-name-template"]) expect(r.out, `${cmd} ${flag}`).toContain(flag);
		}
		expect(run(["--help"]).out).toMatch(/\n {2}detect +Find the vault's digest series/);
	});
});
