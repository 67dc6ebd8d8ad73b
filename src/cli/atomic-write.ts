import { chmodSync, chownSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";

/**
 * How the command-line tool writes notes so that no edit loses a curator's words:
 *
 * - A note is never written in place. The new text goes to a temporary file in the note's own
 *   folder (flushed to disk), which is then renamed over the note: a reader, Obsidian or a sync
 *   client sees the old note or the new one, never half of one.
 * - While one run edits a note it holds a lock file beside it, created with O_EXCL (`wx`), so two
 *   runs never edit the same note at once; the others wait their turn. A lock left by a run that
 *   died (its process is gone, or the lock is older than any edit takes) is taken away.
 * - Just before the rename, the note is read again and compared with what the edit was made
 *   from; if another program (Obsidian does not know the lock) changed it, the edit is made again
 *   on the new text. What remains is the moment between that comparison and the rename.
 */

export class VaultWriteError extends Error {}

export interface LockOptions {
	/** How long to wait for another run's lock before giving up. */
	timeoutMs: number;
	/** A lock older than this is left by a run that died: no edit holds it this long. */
	staleMs: number;
}

export const DEFAULT_LOCK_OPTIONS: LockOptions = { timeoutMs: 20_000, staleMs: 60_000 };

/** The lock file of a note: hidden, beside it, so neither Obsidian nor the tool lists it. */
export function lockPathOf(full: string): string {
	return join(dirname(full), `.${basename(full)}.digest-curator-lock`);
}

function tempPathOf(full: string): string {
	return join(dirname(full), `.${basename(full)}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
	Atomics.wait(sleepCell, 0, 0, ms);
}

function code(e: unknown): string | undefined {
	return (e as { code?: string } | null)?.code;
}

/** A short reason for a file system error: `permission denied (EACCES)`. */
export function describeFsError(e: unknown): string {
	const c = code(e);
	const known: Record<string, string> = {
		EACCES: "permission denied",
		EPERM: "operation not permitted",
		EISDIR: "it is a folder",
		ENOENT: "it is no longer there",
		ENOTDIR: "a folder on its path is a file",
		EIO: "input/output error",
		EBUSY: "it is in use",
		EROFS: "the file system is read-only",
		ENOSPC: "the disk is full",
		EMFILE: "too many files are open",
	};
	if (c && known[c]) return `${known[c]} (${c})`;
	if (c) return c;
	return e instanceof Error ? e.message.split("\n")[0]! : String(e);
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return code(e) === "EPERM"; // it exists, under another user
	}
}

function tryCreateLock(lock: string, token: string): boolean {
	let fd: number;
	try {
		fd = openSync(lock, "wx");
	} catch (e) {
		if (code(e) === "EEXIST") return false;
		throw e;
	}
	try {
		writeSync(fd, token);
	} finally {
		closeSync(fd);
	}
	return true;
}

/**
 * Takes away a lock whose run is gone; true when the lock is gone (try again at once). The lock is
 * first renamed to a name of this run's own, then checked to be the one judged stale: two runs that
 * find the same stale lock cannot both remove it, nor the fresh lock one of them has made since.
 */
function breakIfStale(lock: string, staleMs: number): boolean {
	let content: string;
	let age: number;
	try {
		content = readFileSync(lock, "utf8");
		age = Date.now() - statSync(lock).mtimeMs;
	} catch (e) {
		if (code(e) === "ENOENT") return true;
		throw e;
	}
	const [pid, host] = content.split(" ");
	const dead = host === hostname() && Number(pid) > 0 && !processAlive(Number(pid));
	if (!dead && age < staleMs) return false;
	const aside = `${lock}.${randomBytes(6).toString("hex")}.stale`;
	try {
		renameSync(lock, aside);
	} catch (e) {
		if (code(e) === "ENOENT") return true;
		throw e;
	}
	const taken = readFileSync(aside, "utf8");
	if (taken !== content) {
		// A live run's lock replaced the stale one in between: give it back.
		try {
			linkSync(aside, lock);
		} catch {
			// Another lock is there already; the one taken aside is its holder's to miss.
		}
	}
	unlinkSync(aside);
	return taken === content;
}

/** Runs `fn` holding the note's lock; `shown` is the note's vault path, for messages. */
export function withNoteLock<T>(full: string, shown: string, options: LockOptions, fn: () => T): T {
	const lock = lockPathOf(full);
	const token = `${process.pid} ${hostname()} ${randomBytes(8).toString("hex")}`;
	const deadline = Date.now() + options.timeoutMs;
	for (let pause = 2; ; pause = Math.min(pause * 2, 25)) {
		try {
			if (tryCreateLock(lock, token)) break;
			if (breakIfStale(lock, options.staleMs)) continue;
		} catch (e) {
			throw new VaultWriteError(`${shown} could not be locked for editing: ${describeFsError(e)}; nothing was written.`);
		}
		if (Date.now() >= deadline) {
			throw new VaultWriteError(`${shown} is being edited by another digest-curator run (its lock file ${basename(lock)} is beside it); nothing was written: try again, or delete that file if no other run is going on.`);
		}
		sleep(pause * (0.5 + Math.random()));
	}
	try {
		return fn();
	} finally {
		try {
			if (readFileSync(lock, "utf8") === token) unlinkSync(lock);
		} catch {
			// Gone already: nothing to release.
		}
	}
}

/** Writes a new file and flushes it to disk; fails if the path exists. */
function writeNewFile(path: string, text: string, mode?: number): void {
	const fd = openSync(path, "wx", mode ?? 0o666);
	try {
		const bytes = Buffer.from(text, "utf8");
		for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

function removeQuietly(path: string): void {
	try {
		unlinkSync(path);
	} catch {
		// Not there (renamed into place, or never made).
	}
}

/** Flushes a folder's entries, so a rename survives a crash; not every system can. */
function syncFolder(folder: string): void {
	try {
		const fd = openSync(folder, "r");
		try {
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
	} catch {
		// Windows cannot open a folder for this; the rename itself is still atomic.
	}
}

function renameRetrying(from: string, to: string): void {
	for (let attempt = 1; ; attempt++) {
		try {
			renameSync(from, to);
			return;
		} catch (e) {
			// Windows refuses to replace a file another program holds open for a moment.
			if (attempt >= 10 || !["EPERM", "EACCES", "EBUSY"].includes(code(e) ?? "")) throw e;
			sleep(20 * attempt);
		}
	}
}

/**
 * Replaces the note's text with `text` in one step, if the note still holds `expected` (the bytes
 * the edit was made from); false, with nothing written, when it does not. The note keeps its
 * permissions (and its owner, where this run may set it).
 */
export function replaceIfUnchanged(full: string, expected: Buffer, text: string): boolean {
	const st = statSync(full);
	const tmp = tempPathOf(full);
	try {
		writeNewFile(tmp, text, st.mode & 0o7777);
		chmodSync(tmp, st.mode & 0o7777);
		if (process.getuid?.() === 0 && (st.uid !== 0 || st.gid !== 0)) {
			try {
				chownSync(tmp, st.uid, st.gid);
			} catch {
				// Keeping the owner is a courtesy; the text is what matters.
			}
		}
		if (!readFileSync(full).equals(expected)) return false;
		renameRetrying(tmp, full);
		syncFolder(dirname(full));
		return true;
	} finally {
		removeQuietly(tmp);
	}
}

/**
 * Creates a file with its whole text in one step, never replacing one: the text is written to a
 * temporary file that is then linked to the path (a link fails when the path exists). Where the
 * file system has no hard links, the file is created with O_EXCL and written.
 */
export function createExclusive(full: string, text: string): void {
	mkdirSync(dirname(full), { recursive: true });
	const tmp = tempPathOf(full);
	try {
		writeNewFile(tmp, text);
		try {
			linkSync(tmp, full);
		} catch (e) {
			if (code(e) === "EEXIST") throw e;
			if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV", "EMLINK"].includes(code(e) ?? "")) throw e;
			writeNewFile(full, text);
		}
		syncFolder(dirname(full));
	} finally {
		removeQuietly(tmp);
	}
}
