import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateVault, writeVault } from "../../scripts/vault-generator";
import { digestToJson } from "../../src/cli/json-output";
import { loadVault, openVault } from "../../src/cli/load-vault";

const ROOT = resolve(__dirname, "../..");
const CLI = join(ROOT, "dist/cli.cjs");
const temps: string[] = [];

function run(args: string[]): { code: number; out: string; err: string } {
	const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
	return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), "digest-cli-"));
	temps.push(dir);
	return dir;
}

/** A copy of the example vault, so edits never touch the committed one. */
function exampleCopy(): string {
	const dir = tempDir();
	cpSync(join(ROOT, "example-vault"), dir, { recursive: true });
	return dir;
}

interface IndexJson {
	digests: {
		path: string;
		title: string;
		period: { start: string; end: string } | null;
		tags: string[];
		categories: { name: string; line: number; entries: { number: number | null; source: string | null; title: string; url: string; recommended: boolean; tags: string[]; line: number; commentary: string; links: { target: string; subpath: string | null; alias: string | null; embed: boolean; resolved: string | null }[] }[] }[];
	}[];
}

beforeAll(() => {
	// The CLI tests run the built binary, as a user would; npm test builds first.
	if (!existsSync(CLI)) throw new Error("dist/cli.cjs is missing: run npm run build first (npm test does).");
});

afterAll(() => {
	for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe("digest-curator on the example vault", () => {
	it("index --json lists every digest in the promised shape", () => {
		const r = run(["index", join(ROOT, "example-vault"), "--json"]);
		expect(r.code).toBe(0);
		const json = JSON.parse(r.out) as IndexJson;
		expect(json.digests).toHaveLength(4);
		const first = json.digests[0]!;
		expect(first.path).toMatch(/^Digests\/2025\/Weekly Links .*\.md$/);
		expect(first.period).toEqual({ start: "2025-08-18", end: "2025-08-31" });
		expect(first.tags).toContain("weeklylinks");
		const entry = first.categories[0]!.entries[0]!;
		expect(Object.keys(entry)).toEqual(["number", "source", "title", "url", "recommended", "tags", "line", "commentary", "links"]);
		const links = json.digests.flatMap((d) => d.categories.flatMap((c) => c.entries.flatMap((e) => e.links)));
		expect(links.find((l) => l.target === "Service mesh")?.resolved).toBe("Notes/Service mesh.md");
		expect(links.find((l) => l.target === "Zero trust notes")?.resolved).toBeNull();
		expect(json.digests.every((d) => !d.path.includes("Template"))).toBe(true);
	});

	it("check reports the unresolved link and both occurrences of the shared link, and exits 0 without errors", () => {
		const r = run(["check", join(ROOT, "example-vault"), "--json"]);
		expect(r.code).toBe(0);
		const { problems } = JSON.parse(r.out) as { problems: { code: string; severity: string; path: string; line: number; message: string }[] };
		expect(problems.filter((p) => p.code === "unresolved-link").map((p) => p.message)).toEqual(['Link "Zero trust notes" points to a note that does not exist.']);
		expect(problems.filter((p) => p.code === "duplicate-url")).toHaveLength(2);
		expect(problems.every((p) => Object.keys(p).join() === "code,severity,path,line,message")).toBe(true);
	});

	it("check --strict fails on warnings, and the text report ends with a summary", () => {
		expect(run(["check", join(ROOT, "example-vault"), "--strict"]).code).toBe(1);
		const text = run(["check", join(ROOT, "example-vault")]);
		expect(text.out.trim().split("\n").at(-1)).toMatch(/^Checked 4 digests, \d+ entries: 0 errors, 3 warnings, 1 info\.$/);
	});

	it("add inserts into the latest digest, refuses a shared link, and accepts it with --allow-duplicate", () => {
		const vault = exampleCopy();
		const ok = run(["add", vault, "--category", "Security", "--url", "https://example.net/new-post", "--title", "A fresh post", "--source", "Blog", "--entry-tags", "zero-trust,net", "--recommended", "--comment", "First thought", "--comment", "Second thought"]);
		expect(ok.code, ok.err).toBe(0);
		const latest = join(vault, "Digests/2025/Weekly Links 29-09-2025 to 12-10-2025.md");
		const text = readFileSync(latest, "utf8");
		expect(text).toContain("[1. Blog - A fresh post](https://example.net/new-post) 🌟 **(Recommended)** #zero-trust #net\n\n- First thought\n- Second thought\n");
		const again = run(["add", vault, "--category", "Security", "--url", "https://www.example.net/new-post/?utm_source=x", "--title", "Again"]);
		expect(again.code).toBe(1);
		expect(again.err).toMatch(/already shared at Digests\/2025\/Weekly Links 29-09-2025 to 12-10-2025\.md:\d+/);
		expect(readFileSync(latest, "utf8")).toBe(text);
		expect(run(["add", vault, "--category", "Security", "--url", "https://example.net/new-post", "--title", "Again", "--allow-duplicate"]).code).toBe(0);
	});

	it("add to a named digest changes only that file's new lines", () => {
		const vault = exampleCopy();
		const path = "Digests/2025/Weekly Links 18-08-2025 to 31-08-2025.md";
		const before = readFileSync(join(vault, path), "utf8");
		const r = run(["add", vault, "--digest", path, "--category", "Kubernetes", "--url", "https://example.org/k", "--title", "K"]);
		expect(r.code, r.err).toBe(0);
		const after = readFileSync(join(vault, path), "utf8");
		const added = after.split("\n").filter((l) => !before.split("\n").includes(l));
		expect(added).toEqual([expect.stringMatching(/^\[\d+\. K\]\(https:\/\/example\.org\/k\)$/)]);
	});

	it("new creates the next digest from the template and refuses to overwrite it", () => {
		const vault = exampleCopy();
		const r = run(["new", vault, "--date", "2025-10-26"]);
		expect(r.code, r.err).toBe(0);
		const created = join(vault, "Digests/2025/Weekly Links 13-10-2025 to 26-10-2025.md");
		expect(readFileSync(created, "utf8")).toContain("Weekly Links: 13-10-2025 to 26-10-2025");
		writeFileSync(created, "kept");
		const twice = run(["new", vault, "--date", "2025-10-26"]);
		expect(twice.code).toBe(1);
		expect(readFileSync(created, "utf8")).toBe("kept");
		const empty = run(["new", vault, "--date", "2025-10-01"]);
		expect(empty.code).toBe(1);
		expect(empty.err).toMatch(/after its end/);
	});

	it("renumber fixes numbers and nothing else", () => {
		const vault = exampleCopy();
		const path = "Digests/2025/Weekly Links 01-09-2025 to 14-09-2025.md";
		const before = readFileSync(join(vault, path), "utf8");
		writeFileSync(join(vault, path), before.replace("[2. ", "[7. "));
		const r = run(["renumber", vault, "--digest", path]);
		expect(r.code, r.err).toBe(0);
		expect(readFileSync(join(vault, path), "utf8")).toBe(before);
	});
});

describe("digest-curator: bad input and usage", () => {
	it("exits 2 with one sentence for bad usage and unreadable vaults, never a stack trace", () => {
		for (const args of [[], ["bogus"], ["index"], ["index", "/no/such/vault"], ["check", ROOT, "--nope"], ["add", ROOT, "--url", "x"], ["new", join(ROOT, "example-vault"), "--date", "2025-13-40"]]) {
			const r = run(args);
			expect(r.code, args.join(" ")).toBe(2);
			expect(r.err + r.out).not.toMatch(/\n\s+at /);
		}
	});

	it("prints help for every command", () => {
		for (const cmd of ["index", "check", "add", "renumber", "new"]) {
			const r = run([cmd, "--help"]);
			expect(r.code).toBe(0);
			expect(r.out).toContain(`digest-curator ${cmd}`);
		}
		expect(run(["--help"]).out).toMatch(/Commands:/);
	});

	it("reports a malformed note and never rewrites it", () => {
		const vault = tempDir();
		const bad = "---\ntitle: 01-01-2025 to 07-01-2025\ntags: [weeklylinks]\n---\n# C\r\n[1. Broken(https://e.com)\r\n";
		writeFileSync(join(vault, "bad.md"), bad);
		const check = run(["check", vault]);
		expect(check.code).toBe(1);
		expect(check.out).toMatch(/bad\.md:6: error malformed-entry/);
		const add = run(["add", vault, "--category", "C", "--url", "https://n.com", "--title", "N"]);
		expect(add.code).toBe(1);
		expect(add.err).toMatch(/left unchanged/);
		expect(readFileSync(join(vault, "bad.md"), "utf8")).toBe(bad);
	});

	it("reads binary and invalid UTF-8 notes without crashing, and will not edit them", () => {
		const vault = tempDir();
		writeFileSync(join(vault, "bin.md"), Buffer.from([0, 1, 2, 3, 0xff, 0]));
		const latin = Buffer.concat([Buffer.from("---\ntitle: 01-01-2025 to 07-01-2025\ntags: [weeklylinks]\n---\n# C\n[1. Caf"), Buffer.from([0xe9]), Buffer.from(" - x](https://e.com)\n")]);
		writeFileSync(join(vault, "latin.md"), latin);
		const r = run(["index", vault]);
		expect(r.code).toBe(0);
		expect(r.err).toMatch(/latin\.md is not valid UTF-8/);
		expect(r.out).toMatch(/^1 digest, 1 entry\.$/m);
		const add = run(["add", vault, "--category", "C", "--url", "https://n.com", "--title", "N"]);
		expect(add.code).toBe(1);
		expect(readFileSync(join(vault, "latin.md")).equals(latin)).toBe(true);
	});

	it("uses --tag and --folder over the saved series", () => {
		const vault = tempDir();
		writeFileSync(join(vault, "a.md"), "---\ntags: [other]\n---\n# C\n[1. A - B](https://e.com)\n");
		expect(run(["index", vault]).out).toMatch(/^0 digests/m);
		expect(run(["index", vault, "--tag", "other"]).out).toMatch(/^1 digest, 1 entry\.$/m);
		expect(run(["index", vault, "--folder", "nowhere"]).out).toMatch(/^0 digests/m);
	});
});

describe("digest-curator on a generated vault", () => {
	it("indexes and checks 200 generated digests, CRLF files included, and keeps CRLF on edits", () => {
		const vault = tempDir();
		const files = generateVault({ digests: 200, seed: 7 });
		// Two orderings the generator never makes: a draft without a period (listed last), and two
		// digests starting the same day (listed by path).
		const dated = [...files.keys()].find((p) => p.startsWith("Digests/2"))!;
		files.set("Digests/Someday.md", "---\ntags: [weeklylinks]\ndraft: true\n---\n# Reading\n[1. Blog - Later](https://later.example/a)\n");
		files.set(`Digests/A copy of ${dated.slice(dated.lastIndexOf("/") + 1)}`, files.get(dated)!);
		writeVault(vault, files);
		const index = run(["index", vault, "--json"]);
		expect(index.code, index.err).toBe(0);
		const json = JSON.parse(index.out) as IndexJson;
		const digestFiles = [...files.keys()].filter((p) => p.startsWith("Digests/"));
		expect(json.digests.length).toBe(digestFiles.length);
		const check = run(["check", vault, "--json"]);
		expect([0, 1]).toContain(check.code);
		const codes = new Set((JSON.parse(check.out) as { problems: { code: string }[] }).problems.map((p) => p.code));
		expect(codes.has("duplicate-url")).toBe(true);
		// `index` reads the vault in one pass without building the index; it must list what the index holds.
		const loaded = loadVault(openVault(vault, {}));
		const fromIndex = loaded.index.digests().map(digestToJson);
		expect(fromIndex.some((d) => d.period === null) && fromIndex.some((d) => d.draft)).toBe(true);
		expect(json.digests).toEqual(JSON.parse(JSON.stringify(fromIndex)));
		const summary = run(["index", vault]);
		expect(summary.out.split("\n").filter((l) => !l.startsWith(" ")).slice(0, -2)).toEqual(fromIndex.map((d) => d.path));
		expect(summary.out.trim().split("\n").at(-1)).toBe(`${fromIndex.length} digests, ${loaded.index.entryCount()} entries.`);
		const crlf = digestFiles.find((p) => files.get(p)!.includes("\r\n") && !json.digests.find((d) => d.path === p)?.categories.some((c) => c.entries.length === 0))!;
		const r = run(["add", vault, "--digest", crlf, "--category", "Generated category", "--url", "https://unique.example/x", "--title", "T"]);
		expect(r.code, r.err).toBe(0);
		const after = readFileSync(join(vault, crlf), "utf8");
		expect(after.replace(/\r\n/g, "")).not.toContain("\n");
	});
});
