import { completeSeries, DEFAULT_SERIES } from "../../core/format/series";
import type { Series } from "../../core/format/types";

export const SETTINGS_VERSION = 1;

export interface DigestCuratorSettings {
	/** Shape of the saved settings; raised whenever the shape changes, with a migration below. */
	settingsVersion: number;
	/** The digest series the plugin indexes, in the order they are matched. */
	series: Series[];
	/** Fetch the title of a typed URL in the insert modal without a button press (network use). */
	fetchTitles: boolean;
	/** Offer to turn a bare URL pasted on an empty line of a category into a numbered entry. */
	pasteToEntry: boolean;
	/** Mark entries in the editor: recommended, shared before, out of sequence, malformed. */
	editorMarks: boolean;
}

export const DEFAULT_SETTINGS: DigestCuratorSettings = {
	settingsVersion: SETTINGS_VERSION,
	series: [{ ...DEFAULT_SERIES }],
	fetchTitles: false,
	pasteToEntry: false,
	editorMarks: true,
};

/** Fields of the first release, before series existed: one tag and one folder for every digest. */
interface SettingsV0 {
	tag?: string;
	folder?: string;
	dateFormat?: string;
	categories?: string[];
}

/** Brings saved settings of any earlier shape to the current one; unknown input gives the defaults. */
export function migrateSettings(saved: unknown): DigestCuratorSettings {
	const raw = (typeof saved === "object" && saved !== null ? saved : {}) as Partial<DigestCuratorSettings> & SettingsV0;
	let series: Series[];
	if (Array.isArray(raw.series) && raw.series.some((s) => typeof s === "object" && s !== null)) {
		series = raw.series.filter((s): s is Series => typeof s === "object" && s !== null).map(completeSeries);
		// Series are told apart by name: a nameless or repeated one gets a number.
		const seen = new Set<string>();
		series = series.map((s) => {
			let name = s.name.trim() || DEFAULT_SERIES.name;
			for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${s.name.trim() || DEFAULT_SERIES.name} ${n}`;
			seen.add(name.toLowerCase());
			return { ...s, name };
		});
	} else if (raw.tag !== undefined || raw.folder !== undefined) {
		// Version 0 kept a single series' fields at the top level.
		series = [completeSeries({ tag: raw.tag ?? DEFAULT_SERIES.tag, folder: raw.folder ?? "", dateFormat: raw.dateFormat ?? DEFAULT_SERIES.dateFormat, categories: raw.categories ?? [] })];
	} else {
		series = DEFAULT_SETTINGS.series.map((s) => ({ ...s }));
	}
	return {
		settingsVersion: SETTINGS_VERSION,
		series,
		fetchTitles: raw.fetchTitles === true,
		pasteToEntry: raw.pasteToEntry === true,
		editorMarks: raw.editorMarks !== false,
	};
}
