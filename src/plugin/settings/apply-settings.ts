import type { Workspace } from "obsidian";
import { validateSeries } from "../../core/format/series";
import type { LiveIndex } from "../live-index/live-index";
import type { DigestCuratorSettings } from "./settings";

/**
 * Applies saved settings, doing only what the change needs: the editors are refreshed when editor
 * marks are turned on or off; the index reads digests again only when the series read notes
 * differently (a new name or template is taken without reading a note); the other toggles are read
 * where they are used and need nothing. Series with a problem are never applied: the index keeps
 * the last valid ones.
 */
export class SettingsApplier {
	private editorMarks: boolean;

	constructor(private readonly workspace: Workspace, private readonly live: LiveIndex, applied: DigestCuratorSettings) {
		this.editorMarks = applied.editorMarks;
	}

	async apply(settings: DigestCuratorSettings): Promise<void> {
		if (this.live.index.crossSeriesDuplicates !== settings.crossSeriesDuplicates) {
			this.live.index.crossSeriesDuplicates = settings.crossSeriesDuplicates;
			this.live.trigger("changed");
		}
		if (settings.editorMarks !== this.editorMarks) {
			this.editorMarks = settings.editorMarks;
			this.workspace.updateOptions();
		}
		const series = settings.series;
		if (series.every((s) => validateSeries(s, series).length === 0)) await this.live.applySeries(series);
	}
}
