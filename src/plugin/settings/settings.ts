import { readSavedToggle, readSettingsSeries, type Warn } from "../../core/format/saved-settings";
import { DEFAULT_SERIES } from "../../core/format/series";
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

/**
 * Brings saved settings of any earlier shape to the current one, field by field: a field of the
 * wrong type falls back to its default, and `warn` gets one sentence naming it (the plugin shows
 * it in a notice). Unknown input gives the defaults. The series are read by the same code as the
 * command-line tool's.
 */
export function migrateSettings(saved: unknown, warn: Warn = () => {}): DigestCuratorSettings {
	const series = readSettingsSeries(saved, warn) ?? DEFAULT_SETTINGS.series.map((s) => ({ ...s }));
	return {
		settingsVersion: SETTINGS_VERSION,
		series,
		fetchTitles: readSavedToggle(saved, "fetchTitles", DEFAULT_SETTINGS.fetchTitles, warn),
		pasteToEntry: readSavedToggle(saved, "pasteToEntry", DEFAULT_SETTINGS.pasteToEntry, warn),
		editorMarks: readSavedToggle(saved, "editorMarks", DEFAULT_SETTINGS.editorMarks, warn),
	};
}
