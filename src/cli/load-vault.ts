import { parseYaml } from "./yaml";
import { DigestIndex } from "../core/digest-index";
import { completeSeries, DEFAULT_SERIES } from "../core/series";
import type { Series } from "../core/types";
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

export interface LoadedVault {
	vault: VaultFs;
	index: DigestIndex;
	files: string[];
	/** Notes that could not be read as text, by path, with the reason. */
	unreadable: Map<string, string>;
}

/** Reads a vault into an index: every file for link resolution, every possible digest parsed. */
export function loadVault(root: string, flags: SeriesFlags): LoadedVault {
	const vault = new VaultFs(root);
	if (!vault.isDirectory()) throw new UsageError(`${root} is not a folder; give the path of an Obsidian vault.`);
	const series = selectSeries(vault, flags);
	const index = new DigestIndex({ parseYaml, series });
	const files = vault.listFiles();
	for (const f of files) index.addFile(f);
	const unreadable = new Map<string, string>();
	for (const f of files) {
		if (!index.mayBeDigest(f)) continue;
		const { text, problem } = vault.readText(f);
		if (problem) unreadable.set(f, problem);
		if (text !== "" || !problem) index.setNote(f, text);
	}
	return { vault, index, files, unreadable };
}
