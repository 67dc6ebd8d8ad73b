import type { MarkerStyle } from "../../core/edit/regions";
import { readSavedChoice, readSavedLinkHealth, readSavedText, readSavedToggle, readSettingsSeries, type SavedLinkHealth, type Warn } from "../../core/format/saved-settings";
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
	/** How generated regions (series index, recaps) are marked: `%%` comments, or HTML comments for sites that show `%%`. */
	markerStyle: MarkerStyle;
	/** Vault folder the feeds are written to. */
	feedFolder: string;
	/** The published site's address, for the links in feeds and newsletters; empty: none. */
	baseUrl: string;
	/** Also a feed item for every recommended entry. */
	feedRecommendedItems: boolean;
	/** Write a new digest's period end as `date:` in its frontmatter. */
	writePeriodDate: boolean;
	/** Rewrite each series index note's generated region a moment after digests change. */
	keepIndexCurrent: boolean;
	/** The last link check's result per URL (a cache; only the link check commands fill it). */
	linkHealth: Record<string, SavedLinkHealth>;
	/** A link kept in a collection and shared in a digest (or another collection) counts as a duplicate. */
	crossSeriesDuplicates: boolean;
}

export const DEFAULT_SETTINGS: DigestCuratorSettings = {
	settingsVersion: SETTINGS_VERSION,
	series: [{ ...DEFAULT_SERIES }],
	fetchTitles: false,
	pasteToEntry: false,
	editorMarks: true,
	markerStyle: "obsidian",
	feedFolder: "feeds",
	baseUrl: "",
	feedRecommendedItems: false,
	writePeriodDate: false,
	keepIndexCurrent: false,
	linkHealth: {},
	crossSeriesDuplicates: false,
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
		markerStyle: readSavedChoice(saved, "markerStyle", ["obsidian", "html"] as const, DEFAULT_SETTINGS.markerStyle, warn),
		feedFolder: readSavedText(saved, "feedFolder", DEFAULT_SETTINGS.feedFolder, warn),
		baseUrl: readSavedText(saved, "baseUrl", DEFAULT_SETTINGS.baseUrl, warn),
		feedRecommendedItems: readSavedToggle(saved, "feedRecommendedItems", DEFAULT_SETTINGS.feedRecommendedItems, warn),
		writePeriodDate: readSavedToggle(saved, "writePeriodDate", DEFAULT_SETTINGS.writePeriodDate, warn),
		keepIndexCurrent: readSavedToggle(saved, "keepIndexCurrent", DEFAULT_SETTINGS.keepIndexCurrent, warn),
		crossSeriesDuplicates: readSavedToggle(saved, "crossSeriesDuplicates", DEFAULT_SETTINGS.crossSeriesDuplicates, warn),
		linkHealth: readSavedLinkHealth(saved, warn),
	};
}
