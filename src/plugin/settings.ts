import type { Series } from "./../core/types";

export interface DigestCuratorSettings {
	/** Schema version of the saved settings, for future migrations. */
	settingsVersion: number;
	/** Digest series the plugin indexes. */
	series: Series[];
	/** Fetch page titles for pasted URLs. */
	fetchTitles: boolean;
	/** Turn a pasted URL into a digest entry. */
	pasteToEntry: boolean;
	/** Show problem marks in the editor. */
	editorMarks: boolean;
}

export const DEFAULT_SETTINGS: DigestCuratorSettings = {
	settingsVersion: 1,
	series: [
		{
			name: "Weekly links",
			tag: "weeklylinks",
			folder: "",
			titleTemplate: "Weekly Links: {{start}} to {{end}}",
			fileNameTemplate: "Weekly Links {{start}} to {{end}}",
			dateFormat: "DD-MM-YYYY",
			categoryLevel: 1,
			categories: [],
			templateNote: "",
			extraTags: [],
			cover: "",
		},
	],
	fetchTitles: false,
	pasteToEntry: false,
	editorMarks: true,
};
