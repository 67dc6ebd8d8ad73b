import { parseYaml } from "./yaml";
import { DigestIndex } from "../core/index/digest-index";
import { completeSeries, DEFAULT_SERIES, mayBeDigest } from "../core/format/series";
import type { Series } from "../core/format/types";
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
	shape?: Partial<Pick<Series, "categoryLevel" | "dateFormat" | "titleTemplate" | "fileNameTemplate">>;
}

/**
 * The series a command works on: from flags, else the plugin's saved settings, else the one series
 * detected in the vault (`notice` says so; several are a usage error), else the default; the shape
 * flags set over any of them.
 */
export function chooseSeries(vault: VaultFs, flags: SeriesFlags, files: readonly string[]): { series: Series[]; notice: string | null } {
	let series = namedSeries(vault, flags);
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
export function selectSeries(vault: VaultFs, flags: SeriesFlags): Series[] {
	return namedSeries(vault, flags) ?? [completeSeries(DEFAULT_SERIES)];
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

/** The series the flags or the saved settings name; null when neither does. */
function namedSeries(vault: VaultFs, flags: SeriesFlags): Series[] | null {
	let saved: Series[] = [];
	let data: unknown;
	try {
		data = vault.readJson(SETTINGS_PATH);
	} catch {
		throw new UsageError(`${SETTINGS_PATH} is not valid JSON; fix it or pass --tag and --folder.`);
	}
	const list = (data as { series?: unknown } | undefined)?.series;
	if (Array.isArray(list)) saved = list.filter((s): s is Partial<Series> => typeof s === "object" && s !== null).map(completeSeries);
	if (flags.series !== undefined) {
		const found = saved.find((s) => s.name.toLowerCase() === flags.series!.toLowerCase());
		if (!found) throw new UsageError(`No series is named "${flags.series}"${saved.length ? `; the vault has ${saved.map((s) => `"${s.name}"`).join(", ")}` : ""}.`);
		saved = [found];
	}
	if (flags.tag !== undefined || flags.folder !== undefined) {
		const base = saved[0] ?? DEFAULT_SERIES;
		return [completeSeries({ ...base, tag: flags.tag ?? (flags.folder !== undefined ? "" : base.tag), folder: flags.folder ?? "" })];
	}
	return saved.length ? saved : null;
}

/** A vault folder with the series to work on and its file list, before any note is read. */
export interface OpenedVault {
	vault: VaultFs;
	series: Series[];
	/** Every file, vault-relative with `/`, sorted. */
	files: string[];
	/** Said on stderr before the command's output: where the series came from, when it was detected. */
	notice?: string | null;
}

export interface LoadedVault extends OpenedVault {
	index: DigestIndex;
	/** Notes that could not be read as text, by path, with the reason. */
	unreadable: Map<string, string>;
}

export function openVault(root: string, flags: SeriesFlags): OpenedVault {
	const vault = new VaultFs(root);
	if (!vault.isDirectory()) throw new UsageError(`${root} is not a folder; give the path of an Obsidian vault.`);
	const files = vault.listFiles();
	return { vault, files, ...chooseSeries(vault, flags, files) };
}

/**
 * Reads every note that may be a digest, in path order, and hands its text to `use`; returns the
 * notes that could not be read as text, with the reason. A note read with problems (not UTF-8) is
 * still handed over, so it is indexed and reported, just never edited.
 */
export function readDigestNotes(opened: OpenedVault, use: (path: string, text: string) => void): Map<string, string> {
	const unreadable = new Map<string, string>();
	for (const f of opened.files) {
		if (!mayBeDigest(opened.series, f)) continue;
		const { text, problem } = opened.vault.readText(f);
		if (problem) unreadable.set(f, problem);
		if (text !== "" || !problem) use(f, text);
	}
	return unreadable;
}

/** Reads a vault into an index: every file for link resolution, every possible digest parsed. */
export function loadVault(opened: OpenedVault): LoadedVault {
	const index = new DigestIndex({ parseYaml, series: opened.series });
	for (const f of opened.files) index.addFile(f);
	const unreadable = readDigestNotes(opened, (path, text) => index.setNote(path, text));
	return { ...opened, index, unreadable };
}
