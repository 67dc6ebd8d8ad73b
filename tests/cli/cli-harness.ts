import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { SETTINGS_PATH } from "../../src/cli/load-vault";

/** Runs the built command-line tool as a user would (npm test builds it first), on vaults the tests write. */

export const ROOT = resolve(__dirname, "../..");
export const CLI = join(ROOT, "dist/cli.cjs");

export interface Run {
	code: number;
	out: string;
	err: string;
}

export function run(args: string[], env: Record<string, string> = {}): Run {
	const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
	return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** The tool in a process of its own while this one keeps serving (a local HTTP server, say). */
export function runAsync(args: string[], env: Record<string, string> = {}): Promise<Run> {
	return new Promise((done) => {
		const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
		let out = "";
		let err = "";
		child.stdout.on("data", (d: Buffer) => (out += d.toString()));
		child.stderr.on("data", (d: Buffer) => (err += d.toString()));
		child.on("close", (code) => done({ code: code ?? -1, out, err }));
	});
}

const temps: string[] = [];

/** Registers the hooks a test file of the tool needs: the built tool must exist; temporary folders go afterwards. */
export function useCli(): void {
	beforeAll(() => {
		if (!existsSync(CLI)) throw new Error("dist/cli.cjs is missing: run npm run build first (npm test does).");
	});
	afterAll(() => {
		for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
	});
}

export function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), "digest-publish-"));
	temps.push(dir);
	return dir;
}

export function write(root: string, path: string, text: string): void {
	mkdirSync(join(root, path, ".."), { recursive: true });
	writeFileSync(join(root, path), text);
}

export function read(root: string, path: string): string {
	return readFileSync(join(root, path), "utf8");
}

export function saveSettings(root: string, series: Record<string, unknown>[]): void {
	write(root, SETTINGS_PATH, JSON.stringify({ settingsVersion: 1, series }));
}

/** Every file under a folder with its bytes, to show that a run wrote nothing. */
export function snapshot(root: string): Record<string, string> {
	const out: Record<string, string> = {};
	const walk = (dir: string, prefix: string) => {
		for (const name of readdirSync(dir).sort()) {
			const full = join(dir, name);
			const rel = prefix ? `${prefix}/${name}` : name;
			if (statSync(full).isDirectory()) walk(full, rel);
			else out[rel] = readFileSync(full).toString("base64");
		}
	};
	walk(root, "");
	return out;
}

export function digestNote(title: string, extra: string[], body: string[]): string {
	return ["---", `title: "${title}"`, "tags: [weeklylinks]", ...extra, "---", "", ...body, ""].join("\n");
}

/** A small series of our own: two digests in December 2025, one in January 2026, a draft, a note the commentary links to. */
export function publishVault(): string {
	const vault = tempDir();
	saveSettings(vault, [{ name: "Weekly", tag: "weeklylinks", folder: "Weekly", fileNameTemplate: "{{year}}/{{start}} to {{end}}", categories: ["Kubernetes", "Data"] }]);
	write(vault, "Weekly/2025/01-12-2025 to 14-12-2025.md", digestNote("Weekly Links: 01-12-2025 to 14-12-2025", ["summary: Schedulers and queues"], [
		"# Kubernetes",
		"",
		"[1. Blog - Schedulers in depth](https://blog.example.org/schedulers) 🌟 **(Recommended)**",
		"",
		"- Read with [[Scheduling notes|my notes]] and **bin packing**.",
		"",
		"[2. CNCF - Queues](https://www.cncf.io/queues)",
		"",
		"# Data",
		"",
		"[1. Medium - Lakehouse](https://medium.com/lake)",
	]));
	write(vault, "Weekly/2025/15-12-2025 to 28-12-2025.md", digestNote("Weekly Links: 15-12-2025 to 28-12-2025", [], [
		"# Data",
		"",
		"[1. Medium - Streams & <tables>](https://medium.com/streams) 🌟 **(Recommended)**",
		"",
		"- Follows [[01-12-2025 to 14-12-2025#Data|the lakehouse piece]].",
	]));
	write(vault, "Weekly/2026/29-12-2025 to 11-01-2026.md", digestNote("Weekly Links: 29-12-2025 to 11-01-2026", [], [
		"# Kubernetes",
		"",
		"[1. Blog - New year, new cluster](https://blog.example.org/new-year) 🌟 **(Recommended)**",
	]));
	write(vault, "Weekly/2026/12-01-2026 to 25-01-2026.md", digestNote("Weekly Links: 12-01-2026 to 25-01-2026", ["draft: true"], ["# Kubernetes", "", "[1. Draft - Not yet](https://draft.example/x) 🌟 **(Recommended)**"]));
	write(vault, "Notes/Scheduling notes.md", "# Scheduling\n");
	return vault;
}
