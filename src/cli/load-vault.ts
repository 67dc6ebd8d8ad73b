import { isAbsolute, relative, resolve } from "node:path";
import { parseYaml } from "./yaml";
import { DigestIndex } from "../core/index/digest-index";
import { readSavedToggle, readSettingsSeries, type Warn } from "../core/format/saved-settings";
import { completeSeries, DEFAULT_SERIES, mayBeDigest, seriesPathProblems } from "../core/format/series";
import type { Series, Severity } from "../core/format/types";
import { vaultPath } from "../core/format/vault-path";
import { VaultFs } from "./vault-fs";
import { detectVault, seriesFlagsFor, seriesLabel } from "./detect-vault";
import { toSeries } from "../core/detect/detect-series";
import { count } from "../core/format/words";

export const SETTINGS_PATH = ".obsidian/plugins/digest-curator/data.json";

export class UsageError extends Error {}

export interface SeriesFlags {
	tag?: string;
	folder?: string;
	series?: string;
	/** Fields set on the command line over the chosen series' (`--category-level`, ...). */
	shape?: Partial<Pick<Series, "categoryLevel" | "dateFormat" | "titleTemplate" | "fileNameTemplate" | "entryStyle" | "collection">>;
}

/** A note or folder that could not be read as text: why, and how much that matters. */
export interface ReadProblem {
	message: string;
	/** error: it could not be read at all, so it is missing from what the command did; warning: read, but binary or not UTF-8. */
	severity: Severity;
}

/**
 * A vault path given on the command line: made relative when it is an absolute path into the
 * vault, normalised, and refused with one sentence when it leads outside the vault.
 */
export function flagPath(vault: VaultFs, raw: string, flag: string): string {
	let path = raw;
	if (isAbsolute(raw)) {
		const rel = relative(resolve(vault.root), resolve(raw));
		if (rel.startsWith("..") || isAbsolute(rel)) throw new UsageError(`${flag} "${raw}" is outside the vault ${vault.root}; give a path inside the vault, from its root.`);
		path = rel;
	}
	const where = vaultPath(path, flag);
	if (!where.ok) throw new UsageError(where.reason);
	return where.path;
}

/**
 * The series a command works on: from flags, else the plugin's saved settings, else the one series
 * detected in the vault (`notice` says so; several are a usage error), else the default; the shape
 * flags set over any of them.
 */
export function chooseSeries(vault: VaultFs, flags: SeriesFlags, files: readonly string[], warn: Warn = () => {}): { series: Series[]; notice: string | null } {
	let series = namedSeries(vault, flags, warn);
	let notice: string | null = null;
	if (!series) {
		const found = detectVault(vault, files).series;
		if (found.length > 1) {
			const choices = found.map((d) => `${seriesFlagsFor(d)} (${count(d.notes, "note")})`).join(", or ");
			throw new UsageError(`The vault holds ${found.length} digest series and no saved settings; pick one with ${choices}.`);
		}
		const d = found[0];
		if (d) notice = `No saved settings: using the series detected in the vault, ${seriesLabel(d)} (${count(d.notes, "note")}); run digest-curator detect for all its fields.`;
		series = d ? [toSeries(d)] : [completeSeries(DEFAULT_SERIES)];
	}
	const shape = flags.shape ?? {};
	return { series: Object.keys(shape).length > 0 ? series.map((s) => completeSeries({ ...s, ...shape })) : series, notice };
}

/** The series a command works on: from flags, else the plugin's saved settings, else the default. */
export function selectSeries(vault: VaultFs, flags: SeriesFlags, warn: Warn = () => {}): Series[] {
	return namedSeries(vault, flags, warn) ?? [completeSeries(DEFAULT_SERIES)];
}

/** Whether the plugin's settings in the vault hold a series. */
export function hasSavedSeries(vault: VaultFs): boolean {
	try {
		const list = (vault.readJson(SETTINGS_PATH) as { series?: unknown } | undefined)?.series;
		return Array.isArray(list) && list.length > 0;
	} catch {
		return false;
	}
}

/** The series the flags or the saved settings name, with their paths checked; null when neither names one. */
function namedSeries(vault: VaultFs, flags: SeriesFlags, warn: Warn): Series[] | null {
	let data: unknown;
	try {
		data = vault.readJson(SETTINGS_PATH);
	} catch (e) {
		if (e instanceof SyntaxError) throw new UsageError(`${SETTINGS_PATH} is not valid JSON; fix it or pass --tag and --folder.`);
		throw new UsageError(`${SETTINGS_PATH} could not be read (${(e as { code?: string }).code ?? String(e)}); fix its permissions or pass --tag and --folder.`);
	}
	// The plugin's own reader: a field of the wrong type falls back to its default, with a warning.
	let saved = readSettingsSeries(data, (w) => warn(`${SETTINGS_PATH}: ${w}`)) ?? [];
	if (flags.series !== undefined) {
		const found = saved.find((s) => s.name.toLowerCase() === flags.series!.toLowerCase());
		if (!found) throw new UsageError(`No series is named "${flags.series}"${saved.length ? `; the vault has ${saved.map((s) => `"${s.name}"`).join(", ")}` : ""}.`);
		saved = [found];
	}
	let chosen: Series[];
	if (flags.tag !== undefined || flags.folder !== undefined) {
		const base = saved[0] ?? DEFAULT_SERIES;
		const folder = flags.folder !== undefined ? flagPath(vault, flags.folder, "--folder") : "";
		chosen = [completeSeries({ ...base, tag: flags.tag ?? (flags.folder !== undefined ? "" : base.tag), folder })];
	} else {
		if (saved.length === 0) return null;
		chosen = saved;
	}
	for (const s of chosen) {
		const problems = seriesPathProblems(s);
		if (problems.length > 0) throw new UsageError(`The series "${s.name}" cannot be used until its settings are fixed: ${lowerFirst(problems[0]!)}`);
	}
	return chosen;
}

function lowerFirst(s: string): string {
	return s.charAt(0).toLowerCase() + s.slice(1);
}

/** A vault folder with the series to work on and its file list, before any note is read. */
export interface OpenedVault {
	vault: VaultFs;
	series: Series[];
	/** Every file, vault-relative with `/`, sorted. */
	files: string[];
	/** Folders that could not be listed, by path. */
	unlisted: Map<string, ReadProblem>;
	/** Said on stderr before the command's output: where the series came from, when it was detected. */
	notice?: string | null;
}

export interface LoadedVault extends OpenedVault {
	index: DigestIndex;
	/** Notes and folders that could not be read as text, by path, with the reason. */
	unreadable: Map<string, ReadProblem>;
}

/**
 * Opens a vault folder: its series (settings warnings go to `warn`) and its file list. `vaultFs`
 * makes the VaultFs (tests hand in one whose reads fail).
 */
export function openVault(root: string, flags: SeriesFlags, warn: Warn = () => {}, vaultFs: (root: string) => VaultFs = (r) => new VaultFs(r)): OpenedVault {
	const vault = vaultFs(root);
	if (!vault.isDirectory()) throw new UsageError(`${root} is not a folder; give the path of an Obsidian vault.`);
	const unlisted = new Map<string, ReadProblem>();
	let files: string[];
	try {
		files = vault.listFiles((path, message) => unlisted.set(path, { message, severity: "error" }));
	} catch (e) {
		throw new UsageError(`${root} could not be read (${(e as { code?: string }).code ?? String(e)}); give the path of a vault you may read.`);
	}
	return { vault, files, unlisted, ...chooseSeries(vault, flags, files, warn) };
}

/**
 * Reads every note that may be a digest, in path order, and hands its text to `use`; returns the
 * notes that could not be read as text, with the reason, after the folders that could not be
 * listed. A note read with problems (not UTF-8) is still handed over, so it is indexed and
 * reported, just never edited; a note that cannot be read is reported and the others are read.
 */
export function readDigestNotes(opened: OpenedVault, use: (path: string, text: string) => void): Map<string, ReadProblem> {
	const unreadable = new Map<string, ReadProblem>(opened.unlisted);
	for (const f of opened.files) {
		if (!mayBeDigest(opened.series, f)) continue;
		const { text, problem, unreadable: failed } = opened.vault.readText(f);
		if (problem) unreadable.set(f, { message: problem, severity: failed ? "error" : "warning" });
		if (text !== "" || !problem) use(f, text);
	}
	return unreadable;
}

/** The plugin's saved "Duplicates across collections" setting, false where there is none (chooseSeries reports unreadable settings). */
function savedCrossSeries(vault: VaultFs): boolean {
	let data: unknown;
	try {
		data = vault.readJson(SETTINGS_PATH);
	} catch {
		return false;
	}
	return readSavedToggle(data, "crossSeriesDuplicates", false, () => {});
}

/** Reads a vault into an index: every file for link resolution, every possible digest parsed. */
export function loadVault(opened: OpenedVault): LoadedVault {
	const index = new DigestIndex({ parseYaml, series: opened.series, crossSeriesDuplicates: savedCrossSeries(opened.vault) });
	for (const f of opened.files) index.addFile(f);
	const unreadable = readDigestNotes(opened, (path, text) => index.setNote(path, text));
	return { ...opened, index, unreadable };
}
