import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, chmodSync, type Dirent } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lockPathOf } from "../../src/cli/atomic-write";
import { runCli } from "../../src/cli/run-cli";
import { VaultFs, VaultWriteError } from "../../src/cli/vault-fs";

const temps: string[] = [];
afterAll(() => {
	for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function tempVault(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), "digest-vaultfs-"));
	temps.push(dir);
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(join(dir, path, ".."), { recursive: true });
		writeFileSync(join(dir, path), text);
	}
	return dir;
}

const digest = (start: string, end: string, url: string) => `---\ntitle: "Weekly Links: ${start} to ${end}"\ntags: [weeklylinks]\n---\n# C\n[1. A - B](${url})\n`;

/** A file system error as Node raises it. */
function fsError(code: string, path: string): Error {
	return Object.assign(new Error(`${code}: permission denied, open '${path}'`), { code });
}

/**
 * A vault where some files and folders cannot be read, as with `chmod 000` for another user (tests
 * run as root here, where chmod does not stop reading).
 */
class FailingFs extends VaultFs {
	constructor(root: string, private readonly unreadable: readonly string[]) {
		super(root);
	}
	private fails(full: string): boolean {
		return this.unreadable.some((p) => full === join(this.root, p));
	}
	protected override readFile(full: string): Buffer;
	protected override readFile(full: string, encoding: "utf8"): string;
	protected override readFile(full: string, encoding?: "utf8"): Buffer | string {
		if (this.fails(full)) throw fsError("EACCES", full);
		return encoding ? super.readFile(full, encoding) : super.readFile(full);
	}
	protected override readDir(full: string): Dirent[] {
		if (this.fails(full)) throw fsError("EACCES", full);
		return super.readDir(full);
	}
}

async function cli(args: string[], unreadable: readonly string[] = []): Promise<{ code: number; out: string; err: string }> {
	let out = "";
	let err = "";
	const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), today: () => new Date(2025, 0, 20), vaultFs: (root) => new FailingFs(root, unreadable) });
	return { code, out, err };
}

describe("a note or folder that cannot be read", () => {
	const files = {
		"Weekly Links 01-01-2025 to 07-01-2025.md": digest("01-01-2025", "07-01-2025", "https://e.com/a"),
		"Weekly Links 08-01-2025 to 14-01-2025.md": digest("08-01-2025", "14-01-2025", "https://e.com/b"),
		"Private/Weekly Links 15-01-2025 to 21-01-2025.md": digest("15-01-2025", "21-01-2025", "https://e.com/c"),
	};
	const locked = ["Weekly Links 08-01-2025 to 14-01-2025.md", "Private"];

	it("is reported by path with its reason, and index goes on with the rest", async () => {
		const vault = tempVault(files);
		const r = await cli(["index", vault], locked);
		expect(r.err).not.toMatch(/\n\s+at /);
		expect(r.err).toContain("digest-curator: Weekly Links 08-01-2025 to 14-01-2025.md could not be read (permission denied (EACCES)); it was left out.");
		expect(r.err).toContain("The folder Private could not be read (permission denied (EACCES))");
		expect(r.out).toMatch(/1 digest, 1 entry/);
		// What it printed misses a digest: not a clean run.
		expect(r.code).toBe(1);
	});

	it("is a problem of check, which checks the rest and fails", async () => {
		const vault = tempVault(files);
		const r = await cli(["check", vault, "--json"], locked);
		expect(r.code).toBe(1);
		const problems = (JSON.parse(r.out) as { problems: { code: string; severity: string; path: string }[] }).problems;
		expect(problems.map((p) => [p.code, p.severity, p.path])).toEqual([
			["unreadable-note", "error", "Private"],
			["unreadable-note", "error", "Weekly Links 08-01-2025 to 14-01-2025.md"],
		]);
		const text = await cli(["check", vault], locked);
		expect(text.out).toMatch(/Checked 1 digest, 1 entry: 2 errors/);
	});

	it("does not stop add, which adds to the latest digest it could read", async () => {
		const vault = tempVault(files);
		const r = await cli(["add", vault, "--category", "C", "--url", "https://n.example/x", "--title", "N"], locked);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toMatch(/^Added to Weekly Links 01-01-2025 to 07-01-2025\.md:\d+ \(C\)\.$/m);
		expect(r.err).toMatch(/could not be read/);
		const named = await cli(["add", vault, "--digest", locked[0]!, "--category", "C", "--url", "https://n.example/y", "--title", "N"], locked);
		expect(named.code).toBe(2);
		expect(named.err.trim().split("\n").at(-1)).toBe(`digest-curator add: ${locked[0]} could not be read (permission denied (EACCES)); it was left out.`);
		expect(readFileSync(join(vault, locked[0]!), "utf8")).toBe(files["Weekly Links 08-01-2025 to 14-01-2025.md"]);
	});
});

describe("VaultFs.editText", () => {
	it("writes through a temporary file renamed over the note, keeping its mode, and leaves nothing behind", () => {
		const vault = tempVault({ "d.md": "old\n" });
		chmodSync(join(vault, "d.md"), 0o640);
		const fs = new VaultFs(vault);
		expect(fs.editText("d.md", (text) => ({ write: `${text}new\n`, value: 7 }))).toBe(7);
		expect(readFileSync(join(vault, "d.md"), "utf8")).toBe("old\nnew\n");
		expect(statSync(join(vault, "d.md")).mode & 0o777).toBe(0o640);
		expect(readdirSync(vault)).toEqual(["d.md"]);
	});

	it("makes the edit again on the new text when the note changed after it was read", () => {
		const vault = tempVault({ "d.md": "one\n" });
		const fs = new VaultFs(vault);
		const seen: string[] = [];
		fs.editText("d.md", (text) => {
			seen.push(text);
			// Another program writes the note while the first edit is being made.
			if (seen.length === 1) writeFileSync(join(vault, "d.md"), "one\ntwo\n");
			return { write: `${text}three\n`, value: null };
		});
		expect(seen).toEqual(["one\n", "one\ntwo\n"]);
		expect(readFileSync(join(vault, "d.md"), "utf8")).toBe("one\ntwo\nthree\n");
	});

	it("gives up with a sentence, writing nothing, when the note keeps changing", () => {
		const vault = tempVault({ "d.md": "0" });
		const fs = new VaultFs(vault);
		let n = 0;
		const edit = () =>
			fs.editText("d.md", (text) => {
				writeFileSync(join(vault, "d.md"), String(++n));
				return { write: `${text}!`, value: null };
			});
		expect(edit).toThrow(VaultWriteError);
		expect(edit).toThrow(/kept changing while it was being edited/);
		expect(readFileSync(join(vault, "d.md"), "utf8")).not.toContain("!");
		expect(readdirSync(vault)).toEqual(["d.md"]);
	});

	it("waits for another run's lock, and gives up with a sentence when it is held too long", () => {
		const vault = tempVault({ "d.md": "x\n" });
		// A live lock: this very process holds it.
		writeFileSync(lockPathOf(join(vault, "d.md")), `${process.pid} ${hostname()} token`);
		const fs = new VaultFs(vault, { timeoutMs: 150, staleMs: 60_000 });
		const start = Date.now();
		expect(() => fs.editText("d.md", () => ({ write: "y\n", value: null }))).toThrow(/being edited by another digest-curator run .*delete that file/);
		expect(Date.now() - start).toBeGreaterThanOrEqual(140);
		expect(readFileSync(join(vault, "d.md"), "utf8")).toBe("x\n");
	});

	it("takes away a lock left by a run that died, or one too old", () => {
		const vault = tempVault({ "d.md": "x\n" });
		const lock = lockPathOf(join(vault, "d.md"));
		const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
		writeFileSync(lock, `${dead} ${hostname()} token`);
		const fs = new VaultFs(vault, { timeoutMs: 5_000, staleMs: 60_000 });
		fs.editText("d.md", () => ({ write: "y\n", value: null }));
		expect(readFileSync(join(vault, "d.md"), "utf8")).toBe("y\n");
		expect(existsSync(lock)).toBe(false);
		// A lock from another machine is judged by its age alone.
		writeFileSync(lock, "1 another-host token");
		const old = (Date.now() - 120_000) / 1000;
		utimesSync(lock, old, old);
		fs.editText("d.md", () => ({ write: "z\n", value: null }));
		expect(readFileSync(join(vault, "d.md"), "utf8")).toBe("z\n");
		expect(readdirSync(vault)).toEqual(["d.md"]);
	});

	it("refuses paths outside the vault and notes that are not UTF-8, writing nothing", () => {
		const vault = tempVault({ "latin.md": "" });
		writeFileSync(join(vault, "latin.md"), Buffer.from([0x43, 0x61, 0x66, 0xe9]));
		const fs = new VaultFs(vault);
		expect(() => fs.editText("../x.md", () => ({ write: "y", value: null }))).toThrow(/outside the vault/);
		expect(() => fs.create("/../x.md", "y")).toThrow(/outside the vault/);
		expect(() => fs.editText("latin.md", () => ({ write: "y", value: null }))).toThrow(/not valid UTF-8/);
		expect(readFileSync(join(vault, "latin.md")).equals(Buffer.from([0x43, 0x61, 0x66, 0xe9]))).toBe(true);
		expect(existsSync(join(vault, "..", "x.md"))).toBe(false);
	});
});

describe("VaultFs.create", () => {
	it("creates a note whole, folders included, and never replaces one", () => {
		const vault = tempVault({});
		const fs = new VaultFs(vault);
		fs.create("D/2025/new.md", "text\n");
		expect(readFileSync(join(vault, "D/2025/new.md"), "utf8")).toBe("text\n");
		expect(() => fs.create("D/2025/new.md", "other\n")).toThrow(/could not be created \(it already exists\); nothing was written/);
		expect(readFileSync(join(vault, "D/2025/new.md"), "utf8")).toBe("text\n");
		expect(readdirSync(join(vault, "D/2025"))).toEqual(["new.md"]);
	});
});
