import { writeRegion, type MarkerStyle } from "../core/edit/regions";
import type { CliIo } from "./run-cli";
import { unifiedDiff } from "./text-diff";
import { VaultWriteError, type VaultFs } from "./vault-fs";

/**
 * How the publish commands write what they make: a note's generated region, or a whole
 * generated file (a feed, a newsletter). Every write goes through VaultFs (locked, atomic,
 * made again on the new text when the file changed since it was read); a file that does not
 * exist yet is created, never overwriting one made at the same moment. A dry run reads the same
 * way and shows the change without writing anything.
 */

export type Made = { ok: true; text: string } | { ok: false; reason: string };

export type Outcome = "created" | "updated" | "unchanged";

export interface Written {
	/** The path as the user reads it: a vault path, or a file path outside the vault. */
	path: string;
	outcome: Outcome;
	/** With a dry run: the change as a unified diff ("" when none). */
	diff?: string;
}

export type WriteResult = { ok: true; written: Written } | { ok: false; reason: string };

/**
 * Writes the text `make` gives for a file's current text (null: it does not exist). With
 * `dryRun` nothing is written and the change is given as a diff.
 */
export function writeGenerated(fs: VaultFs, path: string, shown: string, make: (current: string | null) => Made, dryRun: boolean): WriteResult {
	if (dryRun) {
		let current: string | null = null;
		if (fs.exists(path)) {
			const read = fs.readText(path);
			if (read.problem) return { ok: false, reason: `${read.problem} Nothing would be written.` };
			current = read.text;
		}
		const made = make(current);
		if (!made.ok) return made;
		const outcome: Outcome = current === null ? "created" : made.text === current ? "unchanged" : "updated";
		return { ok: true, written: { path: shown, outcome, diff: unifiedDiff(shown, current ?? "", made.text) } };
	}
	if (!fs.exists(path)) {
		const made = make(null);
		if (!made.ok) return made;
		try {
			fs.create(path, made.text);
			return { ok: true, written: { path: shown, outcome: "created" } };
		} catch (e) {
			// Made by another run just now: edit that one instead.
			if (!(e instanceof VaultWriteError) || !fs.exists(path)) throw e;
		}
	}
	const result = fs.editText(path, (text): { write: string | null; value: WriteResult } => {
		const made = make(text);
		if (!made.ok) return { write: null, value: made };
		const changed = made.text !== text;
		return { write: changed ? made.text : null, value: { ok: true, written: { path: shown, outcome: changed ? "updated" : "unchanged" } } };
	});
	return result;
}

export interface RegionWrite {
	name: string;
	content: readonly string[];
	style?: MarkerStyle;
	force?: boolean;
}

/** Writes a generated region into a note of the vault (a new note holds just the region). */
export function writeRegionNote(vault: VaultFs, path: string, region: RegionWrite, dryRun: boolean): WriteResult {
	return writeGenerated(vault, path, path, (current) => {
		const r = writeRegion(current ?? "", region.name, region.content, { style: region.style, force: region.force });
		if (r.ok) return { ok: true, text: r.text };
		return { ok: false, reason: `${path}: ${r.reason}${r.handEdited ? " Pass --force to replace it, or move your text out of the region." : " Nothing was written."}` };
	}, dryRun);
}

/** Reports what was (or would be) written: a line each, the diffs with a dry run, or JSON. */
export function reportWritten(io: CliIo, written: readonly Written[], dryRun: boolean, json: boolean): void {
	if (json) {
		io.out(`${JSON.stringify({ dryRun, files: written.map((w) => ({ path: w.path, outcome: w.outcome, ...(dryRun ? { diff: w.diff ?? "" } : {}) })) }, null, 2)}\n`);
		return;
	}
	for (const w of written) {
		if (dryRun) {
			io.out(w.outcome === "unchanged" ? `${w.path} is up to date; nothing would change.\n` : `Would ${w.outcome === "created" ? "create" : "update"} ${w.path}:\n${w.diff ?? ""}`);
			continue;
		}
		io.out(w.outcome === "unchanged" ? `${w.path} is up to date.\n` : `${w.outcome === "created" ? "Created" : "Updated"} ${w.path}.\n`);
	}
}
