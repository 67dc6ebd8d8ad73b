import { parseYaml } from "./yaml";
import { DigestIndex } from "../core/index/digest-index";
import { completeSeries, DEFAULT_SERIES, mayBeDigest } from "../core/format/series";
import type { Series } from "../core/format/types";
import { VaultFs } from "./vault-fs";

export const SETTINGS_PATH = ".obsidian/plugins/digest-curator/data.json";

export class UsageError extends Error {}

export interface SeriesFlags {
	tag?: string;
	folder?: string;
	series?: string;
}

/** The series a command works on: from flags, else the plugin's saved settings, else the default. */
export function selectSeries(vault: VaultFs, flags: SeriesFlags): Series[] {
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
	return saved.length ? saved : [completeSeries(DEFAULT_SERIES)];
}

/** A vault folder with the series to work on and its file list, before any note is read. */
export interface OpenedVault {
	vault: VaultFs;
	series: Series[];
	/** Every file, vault-relative with `/`, sorted. */
	files: string[];
}

export interface LoadedVault extends OpenedVault {
	index: DigestIndex;
	/** Notes that could not be read as text, by path, with the reason. */
	unreadable: Map<string, string>;
}

export function openVault(root: string, flags: SeriesFlags): OpenedVault {
	const vault = new VaultFs(root);
	if (!vault.isDirectory()) throw new UsageError(`${root} is not a folder; give the path of an Obsidian vault.`);
	return { vault, series: selectSeries(vault, flags), files: vault.listFiles() };
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
