import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseDigest } from "../../src/core/format/parser";

/**
 * What issue 9 asks of the command-line tool: no edit may lose, hide or misplace a curator's
 * words. Each test runs the built binary as a user would (npm test builds it first).
 */

const ROOT = resolve(__dirname, "../..");
const CLI = join(ROOT, "dist/cli.cjs");
const SETTINGS = ".obsidian/plugins/digest-curator/data.json";
const temps: string[] = [];

function run(args: string[]): { code: number; out: string; err: string } {
	const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
	return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function runAsync(args: string[]): Promise<{ code: number; out: string; err: string }> {
	return new Promise((done) => {
		const child = spawn(process.execPath, [CLI, ...args]);
		let out = "";
		let err = "";
		child.stdout.on("data", (d: Buffer) => (out += d.toString()));
		child.stderr.on("data", (d: Buffer) => (err += d.toString()));
		child.on("close", (code) => done({ code: code ?? -1, out, err }));
	});
}

function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), "digest-safety-"));
	temps.push(dir);
	return dir;
}

function write(root: string, path: string, text: string): void {
	mkdirSync(join(root, path, ".."), { recursive: true });
	writeFileSync(join(root, path), text);
}

function saveSettings(root: string, series: Record<string, unknown>[], extra: Record<string, unknown> = {}): void {
	write(root, SETTINGS, JSON.stringify({ settingsVersion: 1, series, ...extra }));
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at |is not a function|Cannot read prop/);

beforeAll(() => {
	if (!existsSync(CLI)) throw new Error("dist/cli.cjs is missing: run npm run build first (npm test does).");
});

afterAll(() => {
	for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe("concurrent edits", () => {
	it("several add runs at once on one digest lose no entry and repeat no number", async () => {
		const vault = tempDir();
		const path = "Weekly Links 01-01-2025 to 07-01-2025.md";
		// A large digest: reading and rewriting it takes long enough for runs to overlap.
		const lines = ["---", 'title: "Weekly Links: 01-01-2025 to 07-01-2025"', "tags: [weeklylinks]", "---", "", "# Reading", ""];
		for (let i = 1; i <= 600; i++) lines.push(`[${i}. Blog - Post number ${i}](https://blog.example.com/p/${i})`, "", `- Commentary on post ${i}, with **bold** words.`, "");
		write(vault, path, lines.join("\n"));
		const rounds = 10;
		const perRound = 4;
		for (let round = 0; round < rounds; round++) {
			const urls = Array.from({ length: perRound }, (_, k) => `https://new.example.org/r${round}/k${k}`);
			const results = await Promise.all(urls.map((url, k) => runAsync(["add", vault, "--digest", path, "--category", "Reading", "--url", url, "--title", `Round ${round} run ${k}`])));
			for (const r of results) expect(r.code, r.err).toBe(0);
			const digest = parseDigest(readFileSync(join(vault, path), "utf8"), path, { parseYaml });
			const entries = digest.categories[0]!.entries;
			const shared = entries.map((e) => e.url);
			for (const url of urls) expect(shared.filter((u) => u === url), `round ${round}: ${url}`).toHaveLength(1);
			expect(entries).toHaveLength(600 + (round + 1) * perRound);
			expect(entries.map((e) => e.number)).toEqual(entries.map((_, i) => i + 1));
		}
		// No temporary or lock file is left behind.
		expect(readdirSync(vault).filter((f) => f !== ".obsidian")).toEqual([path]);
	}, 120_000);
});

describe("every path stays inside the vault", () => {
	const digest = "---\ntitle: \"Weekly Links: 01-01-2025 to 07-01-2025\"\ntags: [weeklylinks]\n---\n# C\n[1. A - B](https://e.com)\n";

	it("new refuses a series folder that leaves the vault, and writes nothing", () => {
		const parent = tempDir();
		const vault = join(parent, "vault");
		write(vault, "Digests/Weekly Links 01-01-2025 to 07-01-2025.md", digest);
		saveSettings(vault, [{ name: "Weekly", tag: "weeklylinks", folder: "../escape" }]);
		const r = run(["new", vault, "--date", "2025-01-14"]);
		expect(r.code).toBe(2);
		expect(r.err).toMatch(/folder "\.\.\/escape" .*outside the vault/i);
		noStack(r.err);
		expect(existsSync(join(parent, "escape"))).toBe(false);
		expect(readdirSync(parent)).toEqual(["vault"]);
	});

	it("new refuses a template note outside the vault and copies nothing", () => {
		const parent = tempDir();
		const vault = join(parent, "vault");
		writeFileSync(join(parent, "secret.md"), "A secret that must stay outside the vault.\n");
		write(vault, "Weekly Links 01-01-2025 to 07-01-2025.md", digest);
		saveSettings(vault, [{ name: "Weekly", tag: "weeklylinks", templateNote: "../secret.md" }]);
		const r = run(["new", vault, "--date", "2025-01-14"]);
		expect(r.code).toBe(2);
		expect(r.err).toMatch(/template note "\.\.\/secret\.md" .*outside the vault/i);
		expect(readdirSync(vault).filter((f) => f !== ".obsidian")).toEqual(["Weekly Links 01-01-2025 to 07-01-2025.md"]);
	});

	it("refuses --digest and --folder paths that leave the vault, with one sentence", () => {
		const parent = tempDir();
		const vault = join(parent, "vault");
		write(vault, "Weekly Links 01-01-2025 to 07-01-2025.md", digest);
		write(parent, "outside.md", digest);
		for (const args of [
			["add", vault, "--digest", "../outside.md", "--category", "C", "--url", "https://n.example", "--title", "N"],
			["renumber", vault, "--digest", "../outside.md"],
			["add", vault, "--digest", "C:\\Windows\\x.md", "--category", "C", "--url", "https://n.example", "--title", "N"],
			["index", vault, "--folder", "../.."],
			["new", vault, "--folder", "a/../../b", "--date", "2025-01-14"],
		]) {
			const r = run(args);
			expect(r.code, args.join(" ")).toBe(2);
			expect(r.err, args.join(" ")).toMatch(/outside the vault|drive letter/);
			expect(r.err.trim().split("\n"), args.join(" ")).toHaveLength(1);
		}
		expect(readFileSync(join(parent, "outside.md"), "utf8")).toBe(digest);
		expect(readdirSync(parent).sort()).toEqual(["outside.md", "vault"]);
	});

	it("a file name template cannot climb out of the folder", () => {
		const parent = tempDir();
		const vault = join(parent, "vault");
		write(vault, "D/Weekly Links 01-01-2025 to 07-01-2025.md", digest);
		saveSettings(vault, [{ name: "Weekly", tag: "weeklylinks", folder: "D", fileNameTemplate: "../../{{start}} to {{end}}" }]);
		const r = run(["new", vault, "--date", "2025-01-14"]);
		expect(r.code).toBe(2);
		expect(r.err).toMatch(/file name template/i);
		expect(readdirSync(parent)).toEqual(["vault"]);
		expect(readdirSync(join(vault, "D"))).toEqual(["Weekly Links 01-01-2025 to 07-01-2025.md"]);
	});
});

describe("no silent drop-outs", () => {
	it("a digest whose YAML breaks is reported as frontmatter-invalid, and check fails", () => {
		const vault = tempDir();
		write(vault, "Weekly Links 01-01-2025 to 07-01-2025.md", "---\ntitle: \"Weekly Links: 01-01-2025 to 07-01-2025\"\ntags: [weeklylinks]\n---\n# C\n[1. A - B](https://e.com/a)\n");
		// One typo: the title's closing quote is missing.
		write(vault, "Weekly Links 08-01-2025 to 14-01-2025.md", "---\ntitle: \"Weekly Links: 08-01-2025 to 14-01-2025\ntags: [weeklylinks]\n---\n# C\n[1. A - C](https://e.com/c)\n");
		write(vault, "Unrelated.md", "---\ntitle: \"broken\n---\nNothing to do with the series.\n");
		for (const args of [["check", vault], ["check", vault, "--strict"]]) {
			const r = run(args);
			expect(r.code, args.join(" ")).toBe(1);
			expect(r.out).toMatch(/^Weekly Links 08-01-2025 to 14-01-2025\.md:1: error frontmatter-invalid: /m);
			expect(r.out).not.toMatch(/Unrelated/);
		}
		const json = JSON.parse(run(["check", vault, "--json"]).out) as { problems: { code: string; path: string }[] };
		expect(json.problems.filter((p) => p.code === "frontmatter-invalid").map((p) => p.path)).toEqual(["Weekly Links 08-01-2025 to 14-01-2025.md"]);
		// The broken digest stays in the index, and is never edited.
		expect(run(["index", vault]).out).toMatch(/2 digests, 2 entries/);
		const add = run(["add", vault, "--digest", "Weekly Links 08-01-2025 to 14-01-2025.md", "--category", "C", "--url", "https://n.example", "--title", "N"]);
		expect(add.code).toBe(1);
		expect(add.err).toMatch(/left unchanged/);
	});

	it("check --strict counts binary and invalid UTF-8 candidates as problems", () => {
		const vault = tempDir();
		write(vault, "Weekly Links 01-01-2025 to 07-01-2025.md", "---\ntitle: \"Weekly Links: 01-01-2025 to 07-01-2025\"\ntags: [weeklylinks]\n---\n# C\n[1. A - B](https://e.com/a)\n");
		expect(run(["check", vault, "--strict"]).code).toBe(0);
		writeFileSync(join(vault, "bin.md"), Buffer.from([0, 1, 2, 3, 0xff, 0]));
		const strict = run(["check", vault, "--strict", "--json"]);
		expect(strict.code).toBe(1);
		const problems = (JSON.parse(strict.out) as { problems: { code: string; severity: string; path: string; message: string }[] }).problems;
		expect(problems.map((p) => [p.code, p.severity, p.path])).toEqual([["unreadable-note", "warning", "bin.md"]]);
		expect(problems[0]!.message).toMatch(/binary/);
		expect(run(["check", vault]).code).toBe(0);
	});
});

describe("saved settings of the wrong type", () => {
	it("fall back to their defaults with one warning naming each field", () => {
		const vault = tempDir();
		write(vault, "Weekly Links 01-01-2025 to 07-01-2025.md", "---\ntitle: \"Weekly Links: 01-01-2025 to 07-01-2025\"\ntags: [weeklylinks]\n---\n# C\n[1. A - B](https://e.com/a)\n");
		saveSettings(vault, [{ name: "Weekly", tag: "weeklylinks", titleTemplate: 5, categories: "Go" }]);
		const r = run(["new", vault, "--date", "2025-01-14"]);
		noStack(r.err);
		expect(r.code, r.err).toBe(0);
		const warnings = r.err.trim().split("\n");
		expect(warnings).toHaveLength(2);
		expect(warnings[0]).toMatch(/titleTemplate/);
		expect(warnings[1]).toMatch(/categories/);
		expect(readFileSync(join(vault, "Weekly Links 08-01-2025 to 14-01-2025.md"), "utf8")).toContain('title: "Weekly Links: 08-01-2025 to 14-01-2025"');
	});
});
