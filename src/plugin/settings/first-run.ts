import { Events, parseYaml, TFile } from "obsidian";
import { detectSeries, toSeries, type DetectedSeries } from "../../core/detect/detect-series";
import type { DigestCuratorHost } from "../host";
import { count } from "../../core/format/words";

/** A detected series as the sidebar offers it: what would be saved, before anything is. */
export interface SeriesOffer {
	series: DetectedSeries;
	/** One line: how many notes, which tag and folder. */
	summary: string;
	/** The values that would be saved, as `name: value` lines. */
	details: string[];
}

function offerOf(d: DetectedSeries): SeriesOffer {
	const where = [d.tag ? `tagged #${d.tag}` : "", d.folder ? `in ${d.folder}/` : ""].filter((s) => s !== "").join(" ");
	const notes = d.notes === 1 ? "1 note" : `${d.notes} notes`;
	return {
		series: d,
		summary: `Found ${notes} that look like a digest series${where ? ` ${where}` : ""}.`,
		details: [
			`Categories: ${"#".repeat(d.categoryLevel)} headings${d.categories.length ? ` (${d.categories.slice(0, 4).join(", ")}${d.categories.length > 4 ? ", …" : ""})` : ""}`,
			`Dates: ${d.dateFormat}`,
			`Title: ${d.titleTemplate}`,
			`File name: ${d.folder ? `${d.folder}/` : ""}${d.fileNameTemplate}`,
			...(d.templateNote ? [`Template: ${d.templateNote}`] : []),
			...(d.periodDays ? [`Usually ${count(d.periodDays, "day")} a digest`] : []),
		],
	};
}

/**
 * First run: when no settings are saved, or the saved series match no note, the vault's notes are
 * read once after indexing and the series found in them are offered in the sidebar. Nothing is
 * written to settings or notes until the curator picks one.
 */
export class FirstRun extends Events {
	private offers: SeriesOffer[] = [];
	private done = false;

	constructor(
		private readonly host: DigestCuratorHost,
		/** Whether data.json held settings when the plugin loaded. */
		private readonly settingsSaved: boolean,
	) {
		super();
	}

	/** Series to offer, strongest first; empty when there is nothing to offer. */
	get current(): readonly SeriesOffer[] {
		return this.offers;
	}

	/** Runs detection once the index is built, when the setup calls for it. */
	async start(): Promise<void> {
		await this.host.live.whenReady();
		if (this.done) return;
		if (this.settingsSaved && this.host.live.index.size > 0) return;
		this.done = true;
		const notes: { path: string; text: string }[] = [];
		for (const file of this.host.app.vault.getMarkdownFiles()) {
			if (!(file instanceof TFile)) continue;
			try {
				notes.push({ path: file.path, text: await this.host.app.vault.cachedRead(file) });
			} catch {
				// A note that cannot be read is left out of detection, as the index leaves it out.
			}
		}
		const current = this.host.settings.series;
		const found = detectSeries(notes, { parseYaml }).series.filter((d) => !current.some((s) => s.tag === d.tag && s.folder === d.folder && this.host.live.index.size > 0));
		this.offers = found.map(offerOf);
		this.trigger("changed");
	}

	/** Saves a detected series as the one series and re-indexes with it. */
	async use(offer: SeriesOffer): Promise<void> {
		this.host.settings.series = [toSeries(offer.series)];
		this.offers = [];
		await this.host.saveSettings();
		await this.host.settingsChanged();
		this.trigger("changed");
	}
}
