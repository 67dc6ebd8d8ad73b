import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { dirname, join } from "node:path";

/** A vault folder on disk, read the way Obsidian sees it: dot-folders are not part of it. */
export class VaultFs {
	constructor(readonly root: string) {}

	/** Every file, vault-relative with `/`. */
	listFiles(): string[] {
		const out: string[] = [];
		const walk = (dir: string, prefix: string) => {
			for (const d of readdirSync(dir, { withFileTypes: true })) {
				if (d.name.startsWith(".")) continue;
				const rel = prefix ? `${prefix}/${d.name}` : d.name;
				if (d.isDirectory()) walk(join(dir, d.name), rel);
				else if (d.isFile()) out.push(rel);
			}
		};
		walk(this.root, "");
		return out.sort();
	}

	/** The note's text, or why it cannot be read as text (binary, not UTF-8). */
	readText(path: string): { text: string; problem: string | null } {
		const full = join(this.root, path);
		// Reading straight to a string is Node's fast path (a third of the time of a Buffer read);
		// the bytes are looked at again only when the text shows a NUL or a replacement character.
		const text = readFileSync(full, "utf8");
		if (text.indexOf("\0") >= 0) return { text: "", problem: `${path} is a binary file, not a Markdown note.` };
		if (text.indexOf("\uFFFD") < 0 || isUtf8(readFileSync(full))) return { text, problem: null };
		return { text, problem: `${path} is not valid UTF-8; it was read with replacement characters and will not be edited.` };
	}

	exists(path: string): boolean {
		return existsSync(join(this.root, path));
	}

	/** Whether a path exists, ignoring case as Obsidian does on every platform. */
	existsIgnoringCase(path: string, known: readonly string[]): boolean {
		const lower = path.toLowerCase();
		return this.exists(path) || known.some((p) => p.toLowerCase() === lower);
	}

	write(path: string, text: string): void {
		const full = join(this.root, path);
		mkdirSync(dirname(full), { recursive: true });
		writeFileSync(full, text, "utf8");
	}

	/** Creates a file, never overwriting one. */
	create(path: string, text: string): void {
		const full = join(this.root, path);
		mkdirSync(dirname(full), { recursive: true });
		writeFileSync(full, text, { encoding: "utf8", flag: "wx" });
	}

	readJson(path: string): unknown {
		const full = join(this.root, path);
		if (!existsSync(full)) return undefined;
		return JSON.parse(readFileSync(full, "utf8"));
	}

	isDirectory(): boolean {
		try {
			return statSync(this.root).isDirectory();
		} catch {
			return false;
		}
	}
}
