import { debounce, Notice, PluginSettingTab, Setting, type EventRef } from "obsidian";
import { compareDates, dateFormat } from "../../core/format/dates";
import { digestName, nextPeriod } from "../../core/edit/new-digest";
import { cleanFolder, cleanTag, completeSeries, validateSeries } from "../../core/format/series";
import type { DayDate, Series } from "../../core/format/types";
import type { DigestCuratorHost } from "../host";

/** Quiet time after the last keystroke before settings are written and applied. */
const SAVE_DELAY_MS = 500;

const CATEGORY_LEVELS: Record<string, string> = {
	"1": "Level 1 (#)",
	"2": "Level 2 (##)",
	"3": "Level 3 (###)",
	"4": "Level 4 (####)",
	"5": "Level 5 (#####)",
	"6": "Level 6 (######)",
};

/** The calendar day of a local clock time. */
function dayOf(date: Date): DayDate {
	return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

function splitLines(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== "");
}

function splitTags(text: string): string[] {
	return text
		.split(",")
		.map(cleanTag)
		.filter((tag) => tag !== "");
}

/** A name no other series has: "New series", then "New series 2", "New series 3", ... */
export function unusedSeriesName(series: readonly Series[]): string {
	const taken = new Set(series.map((s) => s.name.trim().toLowerCase()));
	if (!taken.has("new series")) return "New series";
	let n = 2;
	while (taken.has(`new series ${n}`)) n++;
	return `New series ${n}`;
}

/** What one series block shows and updates in place while the user types. */
interface SeriesBlock {
	heading: Setting;
	problemsEl: HTMLElement;
	previewEl: HTMLElement;
}

/**
 * The plugin's settings: the digest series, entry capture, editor marks and the index.
 *
 * Edits replace `settings.series` with a new array of new objects instead of mutating it, so the
 * live index keeps the series it was last given until `settingsChanged()` hands it the new ones;
 * an invalid series is saved (typing is never lost) but never applied.
 */
export class DigestCuratorSettingTab extends PluginSettingTab {
	private readonly host: DigestCuratorHost;
	private readonly today: () => Date;
	private blocks: SeriesBlock[] = [];
	/** Indexes of the series whose fields are folded away. */
	private collapsed = new Set<number>();
	private indexDescEl: HTMLElement | null = null;
	private liveRef: EventRef | null = null;
	private pending = false;
	private readonly queueSave = debounce(() => void this.saveNow(), SAVE_DELAY_MS, true);

	/** `today` is injectable so tests can pin the preview's period. */
	constructor(host: DigestCuratorHost, today: () => Date = () => new Date()) {
		super(host.app, host.plugin);
		this.host = host;
		this.today = today;
	}

	display(): void {
		this.render();
	}

	/** The settings were read again (changed on another device): shows them if the tab is open. */
	settingsReloaded(): void {
		if (this.indexDescEl) this.render();
	}

	/** Draws the whole tab again, keeping the scroll position (after a series is added or removed). */
	private render(): void {
		const { containerEl } = this;
		const scrollTop = containerEl.scrollTop;
		containerEl.empty();
		this.blocks = [];
		this.indexDescEl = null;
		if (!this.liveRef) this.liveRef = this.host.live.on("changed", () => this.refreshStatus());

		new Setting(containerEl)
			.setName("Series")
			.setDesc("Each series is a run of digests that share a tag, a folder or both. A note belongs to the first series it fits.")
			.setHeading();
		this.host.settings.series.forEach((_, index) => this.renderSeries(containerEl, index));
		new Setting(containerEl).addButton((button) =>
			button
				.setButtonText("Add series")
				.setCta()
				.onClick(() => this.addSeries()),
		);

		new Setting(containerEl).setName("Entry capture").setHeading();
		new Setting(containerEl)
			.setName("Fetch titles automatically")
			.setDesc("When you type a URL in the new entry window, read that page to fill in its title and source. This is the only time the plugin uses the network.")
			.addToggle((toggle) =>
				toggle.setValue(this.host.settings.fetchTitles).onChange((value) => {
					this.host.settings.fetchTitles = value;
					void this.saveNow();
				}),
			);
		new Setting(containerEl)
			.setName("Turn pasted links into entries")
			.setDesc("Offer to make a link pasted on an empty line of a category into a numbered entry.")
			.addToggle((toggle) =>
				toggle.setValue(this.host.settings.pasteToEntry).onChange((value) => {
					this.host.settings.pasteToEntry = value;
					void this.saveNow();
				}),
			);

		new Setting(containerEl).setName("Editor").setHeading();
		new Setting(containerEl)
			.setName("Mark entries while typing")
			.setDesc("Highlight recommended entries, links shared before, numbers out of sequence and malformed entries in digests you edit.")
			.addToggle((toggle) =>
				toggle.setValue(this.host.settings.editorMarks).onChange((value) => {
					this.host.settings.editorMarks = value;
					void this.saveNow();
				}),
			);

		new Setting(containerEl).setName("Index").setHeading();
		const rebuild = new Setting(containerEl)
			.setName("Digest index")
			.addButton((button) => button.setButtonText("Rebuild index").onClick(() => void this.rebuildIndex()));
		this.indexDescEl = rebuild.descEl;

		this.refreshStatus();
		containerEl.scrollTop = scrollTop;
	}

	hide(): void {
		if (this.pending) void this.saveNow();
		if (this.liveRef) {
			this.host.live.offref(this.liveRef);
			this.liveRef = null;
		}
		this.blocks = [];
		this.indexDescEl = null;
		super.hide();
	}

	private renderSeries(containerEl: HTMLElement, index: number): void {
		const series = this.host.settings.series[index];
		if (!series) return;
		const blockEl = containerEl.createDiv({ cls: "digest-curator-series" });
		const heading = new Setting(blockEl).setHeading();
		const problemsEl = blockEl.createDiv({ cls: "setting-item-description mod-warning digest-curator-series-problems" });
		const previewEl = blockEl.createDiv({ cls: "setting-item-description digest-curator-series-preview" });
		const bodyEl = blockEl.createDiv({ cls: "digest-curator-series-fields" });
		const expanded = () => !this.collapsed.has(index);
		bodyEl.toggle(expanded());

		heading
			.addExtraButton((button) => {
				const show = () => button.setIcon(expanded() ? "chevron-down" : "chevron-right").setTooltip(expanded() ? "Collapse" : "Expand");
				show();
				button.onClick(() => {
					if (expanded()) this.collapsed.add(index);
					else this.collapsed.delete(index);
					bodyEl.toggle(expanded());
					show();
				});
			})
			.addExtraButton((button) =>
				button
					.setIcon("trash")
					.setTooltip(this.host.settings.series.length > 1 ? "Remove" : "The last series cannot be removed")
					.setDisabled(this.host.settings.series.length <= 1)
					.onClick(() => this.removeSeries(index)),
			);
		this.blocks[index] = { heading, problemsEl, previewEl };

		this.textField(bodyEl, index, "Name", "Shown in views, commands and messages.", series.name, "", (value) => ({ name: value }));
		this.textField(bodyEl, index, "Tag", "Frontmatter tag every digest of the series carries, without #. Leave empty to take every note in the folder.", series.tag, "weeklylinks", (value) => ({ tag: cleanTag(value) }));
		this.textField(bodyEl, index, "Folder", "Folder the digests live under, and where new ones are created. Leave empty for anywhere in the vault.", series.folder, "Digests", (value) => ({ folder: cleanFolder(value) }));
		this.textField(bodyEl, index, "Title template", "Title of a new digest: {{start}} and {{end}} are the first and last days of its period, {{year}} the year it ends.", series.titleTemplate, "Weekly links: {{start}} to {{end}}", (value) => ({ titleTemplate: value }));
		this.textField(bodyEl, index, "File name template", "Where a new digest is created, inside the folder. It may hold folders, as in {{year}}/{{start}} to {{end}}.", series.fileNameTemplate, "{{year}}/Weekly links {{start}} to {{end}}", (value) => ({ fileNameTemplate: value }));
		this.textField(bodyEl, index, "Date format", "How the dates of a period are written in titles and file names, with YYYY, MM, MMM, DD and D.", series.dateFormat, "DD-MM-YYYY", (value) => ({ dateFormat: value }));
		new Setting(bodyEl)
			.setName("Category level")
			.setDesc("Heading level of the categories in a digest.")
			.addDropdown((dropdown) =>
				dropdown
					.addOptions(CATEGORY_LEVELS)
					.setValue(String(series.categoryLevel))
					.onChange((value) => this.updateSeries(index, { categoryLevel: Number(value) })),
			);
		this.textField(bodyEl, index, "Default categories", "Categories of a new digest, one per line, in the order they appear.", series.categories.join("\n"), "", (value) => ({ categories: splitLines(value) }), true);
		this.textField(bodyEl, index, "Template note", "Note a new digest is copied from instead of the default categories; it is never indexed. Leave empty for none.", series.templateNote, "Templates/Weekly links.md", (value) => ({ templateNote: cleanFolder(value) }));
		this.textField(bodyEl, index, "Extra tags", "Tags written into a new digest besides the series tag, separated by commas.", (series.extraTags ?? []).join(", "), "collections", (value) => ({ extraTags: splitTags(value) }));
		this.textField(bodyEl, index, "Cover", "Line written under the frontmatter of a new digest, such as an image embed. Leave empty for none.", series.cover ?? "", "![[cover.png|center|500]]", (value) => ({ cover: value }));
	}

	/**
	 * A text or text area field of a series. It listens for the element's own `input` event (the
	 * event Obsidian's `onChange` rides on), so typing is handled the same way in Obsidian and tests.
	 */
	private textField(
		containerEl: HTMLElement,
		index: number,
		name: string,
		desc: string,
		value: string,
		placeholder: string,
		patch: (value: string) => Partial<Series>,
		multiline = false,
	): void {
		const setting = new Setting(containerEl).setName(name).setDesc(desc);
		const wire = (inputEl: HTMLInputElement | HTMLTextAreaElement) =>
			inputEl.addEventListener("input", () => this.updateSeries(index, patch(inputEl.value)));
		if (multiline) {
			setting.addTextArea((area) => {
				area.setPlaceholder(placeholder).setValue(value);
				area.inputEl.rows = 4;
				wire(area.inputEl);
			});
		} else {
			setting.addText((text) => {
				text.setPlaceholder(placeholder).setValue(value);
				wire(text.inputEl);
			});
		}
	}

	private updateSeries(index: number, patch: Partial<Series>): void {
		const list = this.host.settings.series;
		if (!list[index]) return;
		this.host.settings.series = list.map((s, i) => (i === index ? { ...s, ...patch } : s));
		this.refreshStatus();
		this.pending = true;
		this.queueSave();
	}

	private addSeries(): void {
		const list = this.host.settings.series;
		const added = completeSeries({ name: unusedSeriesName(list), tag: "", folder: "" });
		this.host.settings.series = [...list, added];
		this.collapsed.delete(list.length);
		void this.saveNow();
		this.render();
	}

	private removeSeries(index: number): void {
		const list = this.host.settings.series;
		// The button is disabled for the last series; Obsidian ignores clicks on it, but be sure.
		if (list.length <= 1 || !list[index]) return;
		this.host.settings.series = list.filter((_, i) => i !== index);
		this.collapsed = new Set([...this.collapsed].filter((i) => i !== index).map((i) => (i > index ? i - 1 : i)));
		void this.saveNow();
		this.render();
	}

	private allSeriesValid(): boolean {
		const list = this.host.settings.series;
		return list.every((s) => validateSeries(s, list).length === 0);
	}

	/** Writes the settings, and applies them when every series is valid. */
	private async saveNow(): Promise<void> {
		this.queueSave.cancel();
		this.pending = false;
		await this.host.saveSettings();
		if (this.allSeriesValid()) await this.host.settingsChanged();
	}

	private async rebuildIndex(): Promise<void> {
		if (!this.allSeriesValid()) {
			new Notice("Fix the problems shown under the series before rebuilding the index.");
			return;
		}
		if (this.pending) await this.saveNow();
		await this.host.live.rebuild(this.host.settings.series);
		const n = this.host.live.index.size;
		new Notice(`Index rebuilt: ${n} ${n === 1 ? "digest" : "digests"}.`);
	}

	/** Updates every series' heading, problems and next-digest preview, and the index count. */
	private refreshStatus(): void {
		const list = this.host.settings.series;
		const today = dayOf(this.today());
		this.blocks.forEach((block, index) => {
			const series = list[index];
			if (!series) return;
			block.heading.setName(series.name.trim() === "" ? "Unnamed series" : series.name);
			const problems = validateSeries(series, list);
			block.problemsEl.empty();
			for (const problem of problems) block.problemsEl.createDiv({ text: problem });
			block.problemsEl.toggle(problems.length > 0);
			const preview = this.previewText(series, today);
			block.previewEl.setText(preview ?? "");
			block.previewEl.toggle(preview !== null);
		});
		if (this.indexDescEl) {
			const n = this.host.live.index.size;
			this.indexDescEl.setText(this.host.live.isReady ? `${n} ${n === 1 ? "digest" : "digests"} indexed. Rebuild to read every digest again.` : "Indexing digests…");
		}
	}

	/** The file name and title the series' next digest would get today; null when there is nothing to show. */
	private previewText(series: Series, today: DayDate): string | null {
		const format = dateFormat(series.dateFormat);
		if (!format.complete) return null;
		if (!this.host.live.isReady) return "Next digest: waiting for the index…";
		const period = nextPeriod(this.host.live.index.digests(series.name), today);
		if (compareDates(period.start, period.end) > 0) {
			return `Next digest: not due yet, the latest one already covers ${format.format(today)}.`;
		}
		const { path, title } = digestName(series, period);
		return `Next digest: ${path} — "${title}"`;
	}
}
