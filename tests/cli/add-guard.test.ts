import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Regression tests for issue 9 through the built command-line tool: `add` never hides, misreads or
// silently shares what it is given, and follows the form's URL rule.

const ROOT = resolve(__dirname, "../..");
const CLI = join(ROOT, "dist/cli.cjs");
const LATEST = "Digests/2025/Weekly Links 29-09-2025 to 12-10-2025.md";
const temps: string[] = [];

function run(args: string[]): { code: number; out: string; err: string } {
	const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
	return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function vault(): string {
	const dir = mkdtempSync(join(tmpdir(), "digest-add-guard-"));
	temps.push(dir);
	cpSync(join(ROOT, "example-vault"), dir, { recursive: true });
	return dir;
}

interface Json {
	digests: { path: string; categories: { name: string; entries: { number: number | null; source: string | null; title: string; url: string; commentary: string }[] }[] }[];
}

/** The latest digest as the index reads it, without line numbers (an insert moves the lines after it). */
function latest(dir: string): Json["digests"][number] {
	const r = run(["index", dir, "--json"]);
	expect(r.code, r.err).toBe(0);
	const d = (JSON.parse(r.out) as Json).digests.find((x) => x.path === LATEST)!;
	return JSON.parse(JSON.stringify(d, (key, value: unknown) => (key === "line" ? undefined : value))) as typeof d;
}

beforeAll(() => {
	if (!existsSync(CLI)) throw new Error("dist/cli.cjs is missing: run npm run build first (npm test does).");
});

afterAll(() => {
	for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const base = ["--url", "https://guard.example/post", "--title", "A post"];

describe("digest-curator add keeps the rest of the note", () => {
	for (const comment of ["%% todo", "<!-- draft", "  ```", " # Surprise"]) {
		it(`with --comment ${JSON.stringify(comment)}`, () => {
			const dir = vault();
			const before = latest(dir);
			const r = run(["add", dir, "--category", "Kubernetes", ...base, `--comment=${comment}`]);
			expect(r.code, r.err).toBe(0);
			const after = latest(dir);
			expect(after.categories.map((c) => c.name)).toEqual(before.categories.map((c) => c.name));
			expect(after.categories.slice(1)).toEqual(before.categories.slice(1));
			expect(after.categories[0]!.entries.slice(0, -1)).toEqual(before.categories[0]!.entries);
			expect(run(["check", dir]).code).toBe(0);
		});
	}
});

describe("digest-curator add writes what reads back", () => {
	it("a title or a source holding an en or em dash", () => {
		const dir = vault();
		expect(run(["add", dir, "--category", "Security", "--url", "https://guard.example/1", "--title", "Omega — dash"]).code).toBe(0);
		expect(run(["add", dir, "--category", "Security", "--url", "https://guard.example/2", "--title", "T", "--source", "A – B"]).code).toBe(0);
		expect(latest(dir).categories.find((c) => c.name === "Security")!.entries.map((e) => [e.source, e.title])).toEqual([
			[null, "Omega — dash"],
			["A – B", "T"],
		]);
	});
});

describe("digest-curator add and groups", () => {
	it("refuses commentary that would become an older entry's too, unless --share-commentary", () => {
		const dir = vault();
		const text = readFileSync(join(dir, LATEST), "utf8");
		const r = run(["add", dir, "--category", "Data Engineering", ...base, "--comment", "Mine."]);
		expect(r.code).toBe(1);
		expect(r.err).toContain("sqlmesh-starter");
		expect(r.err).toContain("--share-commentary");
		expect(r.err.trim().split("\n")).toHaveLength(1);
		expect(readFileSync(join(dir, LATEST), "utf8")).toBe(text);
		const shared = run(["add", dir, "--category", "Data Engineering", ...base, "--comment", "Ours.", "--share-commentary"]);
		expect(shared.code, shared.err).toBe(0);
		expect(latest(dir).categories.find((c) => c.name === "Data Engineering")!.entries.slice(-2).map((e) => e.commentary)).toEqual(["- Ours.", "- Ours."]);
	});
});

describe("digest-curator add checks the URL as the form does", () => {
	it("refuses what is not a link, in one sentence, and writes nothing", () => {
		const dir = vault();
		const text = readFileSync(join(dir, LATEST), "utf8");
		const r = run(["add", dir, "--category", "Security", "--url", "not a url", "--title", "Bad"]);
		expect(r.code).toBe(2);
		expect(r.err).toMatch(/^digest-curator add: .*"not a url".*\.\n$/);
		expect(readFileSync(join(dir, LATEST), "utf8")).toBe(text);
	});

	it("completes a bare host to https", () => {
		const dir = vault();
		expect(run(["add", dir, "--category", "Security", "--url", "example.com/x", "--title", "Bare"]).code).toBe(0);
		expect(latest(dir).categories.find((c) => c.name === "Security")!.entries.map((e) => e.url)).toEqual(["https://example.com/x"]);
	});
});
