import { debounce, Notice, PluginSettingTab, requireApiVersion, Setting, type EventRef, type SettingControl, type SettingDefinitionItem, type SettingDefinitionPage } from "obsidian";
import { compareDates, dateFormat } from "../../core/format/dates";
import { digestName, nextPeriod } from "../../core/edit/new-digest";
import { cleanFolder, cleanTag, completeSeries, validateSeries } from "../../core/format/series";
import type { DayDate, Series } from "../../core/format/types";
import { vaultPath } from "../../core/format/vault-path";
import { DEFAULT_INDEX_TEMPLATE } from "../../core/publish/series-index";
import { DEFAULT_RECAP_TEMPLATE } from "../../core/publish/recap";
import type { DigestCuratorHost } from "../host";
import { nameControl } from "./field-names";

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

/** A field of a series: the same in the tab Obsidian 1.13 draws and in the one display() draws. */
interface SeriesField {
	name: string;
	desc: string;
	kind: "text" | "textarea" | "level" | "style" | "collection";
	placeholder?: string;
	value?: (series: Series) => string;
	patch?: (value: string) => Partial<Series>;
}

const SERIES_FIELDS: readonly SeriesField[] = [
	{ name: "Name", desc: "Shown in views, commands and messages.", kind: "text", placeholder: "", value: (s) => s.name, patch: (v) => ({ name: v }) },
	{ name: "Tag", desc: "Frontmatter tag every digest of the series carries, without #. Leave empty to take every note in the folder.", kind: "text", placeholder: "e.g. weeklylinks", value: (s) => s.tag, patch: (v) => ({ tag: cleanTag(v) }) },
	{ name: "Folder", desc: "Folder the digests live under, and where new ones are created. Leave empty for anywhere in the vault.", kind: "text", placeholder: "e.g. Digests", value: (s) => s.folder, patch: (v) => ({ folder: cleanFolder(v) }) },
	{ name: "Title template", desc: "Title of a new digest: {{start}} and {{end}} are the first and last days of its period, {{year}} the year it ends.", kind: "text", placeholder: "e.g. Weekly links: {{start}} to {{end}}", value: (s) => s.titleTemplate, patch: (v) => ({ titleTemplate: v }) },
	{ name: "File name template", desc: "Where a new digest is created, inside the folder. It may hold folders, as in {{year}}/{{start}} to {{end}}.", kind: "text", placeholder: "e.g. {{year}}/Weekly links {{start}} to {{end}}", value: (s) => s.fileNameTemplate, patch: (v) => ({ fileNameTemplate: v }) },
	{ name: "Date format", desc: "How the dates of a period are written in titles and file names, with YYYY, MM, MMM, DD and D.", kind: "text", placeholder: "e.g. DD-MM-YYYY", value: (s) => s.dateFormat, patch: (v) => ({ dateFormat: v }) },
	{ name: "Category level", desc: "Heading level of the categories in a digest.", kind: "level" },
	{ name: "Entry style", desc: "How entries are written: lines that start with a link, or list items that start with one (topical lists, This Week in Rust).", kind: "style" },
	{ name: "Collection", desc: "The series is undated, like topical link lists: its notes have no period and no next digest.", kind: "collection" },
	{ name: "Default categories", desc: "Categories of a new digest, one per line, in the order they appear.", kind: "textarea", placeholder: "", value: (s) => s.categories.join("\n"), patch: (v) => ({ categories: splitLines(v) }) },
	{ name: "Template note", desc: "Note a new digest is copied from instead of the default categories; it is never indexed. Leave empty for none.", kind: "text", placeholder: "e.g. Templates/Weekly links.md", value: (s) => s.templateNote, patch: (v) => ({ templateNote: cleanFolder(v) }) },
	{ name: "Extra tags", desc: "Tags written into a new digest besides the series tag, separated by commas.", kind: "text", placeholder: "e.g. collections", value: (s) => (s.extraTags ?? []).join(", "), patch: (v) => ({ extraTags: splitTags(v) }) },
	{ name: "Cover", desc: "Line written under the frontmatter of a new digest, such as an image embed. Leave empty for none.", kind: "text", placeholder: "e.g. ![[cover.png|center|500]]", value: (s) => s.cover ?? "", patch: (v) => ({ cover: v }) },
	{ name: "Index note", desc: "Note the series index is written into, between markers; the rest of the note is yours. Leave empty for the default.", kind: "text", placeholder: "e.g. Weekly links index.md", value: (s) => s.indexNote ?? "", patch: (v) => ({ indexNote: cleanFolder(v) }) },
	{ name: "Index line", desc: "One line of the index per digest: {{n}}, {{link}}, {{title}}, {{period}}, {{summary}}, {{entries}}, {{recommended}} and {{categories}}. Leave empty for the default.", kind: "text", placeholder: `Default: ${DEFAULT_INDEX_TEMPLATE}`, value: (s) => s.indexTemplate ?? "", patch: (v) => ({ indexTemplate: v }) },
	{ name: "Recap line", desc: "One line of a recap per recommended entry: {{entry}}, {{source}}, {{title}}, {{url}}, {{category}}, {{digest}} (a link back to it), {{digestTitle}} and {{period}}. Leave empty for the default.", kind: "text", placeholder: `Default: ${DEFAULT_RECAP_TEMPLATE}`, value: (s) => s.recapTemplate ?? "", patch: (v) => ({ recapTemplate: v }) },
	{ name: "Summary property", desc: "Frontmatter property holding a digest's summary, for {{summary}} in the index.", kind: "text", placeholder: "e.g. summary", value: (s) => s.summaryField ?? "", patch: (v) => ({ summaryField: v.trim() }) },
	{ name: "Inbox note", desc: "Note that captured links wait in until they become entries. Leave empty for Digest inbox.md in the folder.", kind: "text", placeholder: "Default: Digest inbox.md in the folder", value: (s) => s.inboxNote ?? "", patch: (v) => ({ inboxNote: cleanFolder(v) }) },
];

type ToggleKey = "fetchTitles" | "pasteToEntry" | "editorMarks" | "feedRecommendedItems" | "writePeriodDate" | "keepIndexCurrent" | "crossSeriesDuplicates";
type TextKey = "feedFolder" | "baseUrl";
type ChoiceKey = "markerStyle";

/** A setting of the whole plugin: the same in the tab Obsidian 1.13 draws and in the one display() draws. */
type GlobalSetting = { heading: string; name: string; desc: string } & (
	| { kind: "toggle"; key: ToggleKey }
	| { kind: "text"; key: TextKey; placeholder: string; problem: (value: string) => string | null }
	| { kind: "dropdown"; key: ChoiceKey; options: Record<string, string> }
);

/** Why a base URL cannot be used, or null: empty, or an http(s) address. */
export function baseUrlProblem(value: string): string | null {
	const v = value.trim();
	if (v === "") return null;
	if (!/^https?:\/\/[^\s/]+/i.test(v)) return `The site's address "${v.slice(0, 60)}" is not a web address: give it in full, starting with https://.`;
	return null;
}

function feedFolderProblem(value: string): string | null {
	const where = vaultPath(value, "The feed folder");
	return where.ok ? null : where.reason;
}

const GLOBALS: readonly GlobalSetting[] = [
	{ kind: "toggle", key: "fetchTitles", heading: "Entry capture", name: "Fetch titles automatically", desc: "When you type a URL in the new entry window, read that page to fill in its title and source. Off, a page is read only when you ask: the Fetch title button in that window reads the page at its URL, and the link check commands request the links they check." },
	{ kind: "toggle", key: "pasteToEntry", heading: "Entry capture", name: "Turn pasted links into entries", desc: "Offer to make a link pasted on an empty line of a category into a numbered entry." },
	{ kind: "toggle", key: "crossSeriesDuplicates", heading: "Entry capture", name: "Duplicates across collections", desc: "Count a link kept in a collection and shared in a digest, or kept in two collections, as a duplicate." },
	{ kind: "toggle", key: "editorMarks", heading: "Editor", name: "Mark entries while typing", desc: "Highlight recommended entries, links shared before, numbers out of sequence and malformed entries in digests you edit." },
	{ kind: "dropdown", key: "markerStyle", heading: "Publishing", name: "Generated region markers", desc: "How the series index and recaps mark the text the plugin keeps current. HTML comments stay hidden on sites that show %% comments.", options: { obsidian: "Obsidian comments (%%)", html: "HTML comments (<!-- -->)" } },
	{ kind: "text", key: "feedFolder", heading: "Publishing", name: "Feed folder", desc: "Vault folder the RSS and JSON feeds are written to.", placeholder: "e.g. feeds", problem: feedFolderProblem },
	{ kind: "text", key: "baseUrl", heading: "Publishing", name: "Site address", desc: "Where the vault is published, such as https://links.example.com: feeds and newsletters link to digests and notes there.", placeholder: "e.g. https://links.example.com", problem: baseUrlProblem },
	{ kind: "toggle", key: "feedRecommendedItems", heading: "Publishing", name: "Feed item per recommended entry", desc: "Besides an item per digest, give every recommended entry an item of its own." },
	{ kind: "toggle", key: "keepIndexCurrent", heading: "Publishing", name: "Keep the series index current", desc: "A moment after a digest changes, rewrite the generated part of each series' index note. Only notes that already hold it (run Update series index once) are changed, and never one edited by hand there." },
	{ kind: "toggle", key: "writePeriodDate", heading: "Publishing", name: "Write the period's end as date in frontmatter", desc: "Give each new digest a date property, its period's last day, for sites that sort by it. The command Write period dates to frontmatter does it for existing digests." },
];

const HEADINGS = ["Entry capture", "Editor", "Publishing"] as const;

function globalSetting(key: string): GlobalSetting | undefined {
	return GLOBALS.find((g) => g.key === key);
}

/** What the link check sends and keeps: shown in the settings, as the README says it. */
export const LINK_CHECK_NOTE =
	"The link check commands request every link of the digests you check, from your device, one host at a time or two: only when you run them. The results are kept in this plugin's data with the day they were checked.";

/** Where a series' digests are found, for its entry in the list of series. */
function seriesWhere(series: Series): string {
	const tag = series.tag !== "" ? `Tagged #${series.tag}` : "";
	const folder = series.folder !== "" ? `${tag === "" ? "In" : "in"} ${series.folder}` : "";
	return [tag, folder].filter((p) => p !== "").join(", ") || "Neither a tag nor a folder";
}

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
	/** The heading display() draws; Obsidian 1.13 names the series' page itself. */
	heading: Setting | null;
	problemsEl: HTMLElement;
	previewEl: HTMLElement;
}

/**
 * The plugin's settings: the digest series, entry capture, editor marks and the index. Obsidian
 * 1.13 and later draws them from getSettingDefinitions() (and finds them in its settings search);
 * earlier versions call display(), which draws the same settings itself.
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
	/** Whether display() drew what is shown (Obsidian before 1.13). */
	private drawnByDisplay = false;
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
		this.redraw();
	}

	/** The settings for Obsidian 1.13 and later: the series as a list of pages, then the plugin's own settings and the index. */
	getSettingDefinitions(): SettingDefinitionItem[] {
		const group = (heading: string): SettingDefinitionItem => ({
			type: "group",
			heading,
			items: GLOBALS.filter((g) => g.heading === heading).map((g) => ({ name: g.name, desc: g.desc, control: this.controlOf(g) })),
		});
		return [
			{
				type: "list",
				heading: "Series",
				items: this.host.settings.series.map((_, index) => this.seriesPage(index)),
				onDelete: (index) => this.removeSeries(index),
				addItem: { name: "Add series", action: () => this.addSeries() },
			},
			...HEADINGS.map(group),
			{
				type: "group",
				heading: "Link health",
				items: [{ name: "Saved link checks", desc: LINK_CHECK_NOTE, aliases: ["Clear link checks"], render: (setting) => this.linkHealthRow(setting) }],
			},
			{
				type: "group",
				heading: "Index",
				items: [{ name: "Digest index", desc: "Rebuild to read every digest again.", aliases: ["Rebuild index"], render: (setting) => this.indexRow(setting) }],
			},
		];
	}

	private controlOf(g: GlobalSetting): SettingControl {
		if (g.kind === "toggle") return { type: "toggle", key: g.key };
		if (g.kind === "dropdown") return { type: "dropdown", key: g.key, options: g.options };
		const problem = g.problem;
		return { type: "text", key: g.key, placeholder: g.placeholder, validate: (value: string) => problem(value) ?? undefined };
	}

	getControlValue(key: string): unknown {
		const g = globalSetting(key);
		return g ? this.host.settings[g.key] : undefined;
	}

	async setControlValue(key: string, value: unknown): Promise<void> {
		const g = globalSetting(key);
		if (!g) return;
		if (g.kind === "toggle") {
			if (typeof value !== "boolean") return;
			this.host.settings[g.key] = value;
		} else if (g.kind === "dropdown") {
			if (value !== "obsidian" && value !== "html") return;
			this.host.settings[g.key] = value;
		} else {
			if (typeof value !== "string") return;
			this.host.settings[g.key] = value.trim();
		}
		await this.saveNow();
	}

	/** The saved link checks: how many, and a button that forgets them. */
	private linkHealthRow(setting: Setting): void {
		const count = () => Object.keys(this.host.settings.linkHealth).length;
		const desc = () => `${LINK_CHECK_NOTE} ${count() === 1 ? "1 link" : `${count()} links`} saved.`;
		setting.setDesc(desc());
		setting.addButton((button) =>
			button.setButtonText("Clear link checks").onClick(() => {
				this.host.settings.linkHealth = {};
				setting.setDesc(desc());
				this.host.linkHealth?.changed?.();
				void this.host.saveSettings();
			}),
		);
	}

	/** One series as a page of its own: its fields, what is wrong with it and its next digest. */
	private seriesPage(index: number): SettingDefinitionPage {
		const series = this.host.settings.series[index]!;
		const problems = () => {
			const s = this.host.settings.series[index];
			return s ? validateSeries(s, this.host.settings.series) : [];
		};
		return {
			type: "page",
			name: series.name.trim() === "" ? "Unnamed series" : series.name,
			desc: seriesWhere(series),
			status: () => (problems().length > 0 ? "warning" : null),
			items: [
				{
					type: "group",
					items: [
						{ name: "Next digest", searchable: false, render: (setting) => this.statusRow(setting, index) },
						...SERIES_FIELDS.map((f) => ({ name: f.name, desc: f.desc, render: (setting: Setting) => this.fieldInto(setting, index, f) })),
					],
				},
			],
		};
	}

	/** The row that shows a series' problems and the file name and title of its next digest. */
	private statusRow(setting: Setting, index: number): void {
		const problemsEl = setting.infoEl.createDiv({ cls: "setting-item-description mod-warning digest-curator-series-problems" });
		setting.descEl.addClass("digest-curator-series-preview");
		this.blocks[index] = { heading: null, problemsEl, previewEl: setting.descEl };
		if (!this.liveRef) this.liveRef = this.host.live.on("changed", () => this.refreshStatus());
		this.refreshStatus();
	}

	private indexRow(setting: Setting): void {
		setting.addButton((button) => button.setButtonText("Rebuild index").onClick(() => void this.rebuildIndex()));
		this.indexDescEl = setting.descEl;
		if (!this.liveRef) this.liveRef = this.host.live.on("changed", () => this.refreshStatus());
		this.refreshStatus();
	}

	/**
	 * Draws the tab again after series were added, removed or read again: itself when display()
	 * drew it (before Obsidian 1.13), else through Obsidian, which asks for the definitions again.
	 */
	private redraw(): void {
		if (this.drawnByDisplay) this.render();
		else if (requireApiVersion("1.13.0")) this.update();
	}

	/** Draws the whole tab again, keeping the scroll position (after a series is added or removed). */
	private render(): void {
		const { containerEl } = this;
		const scrollTop = containerEl.scrollTop;
		containerEl.empty();
		this.drawnByDisplay = true;
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

		for (const heading of HEADINGS) {
			new Setting(containerEl).setName(heading).setHeading();
			for (const g of GLOBALS.filter((x) => x.heading === heading)) this.globalInto(new Setting(containerEl).setName(g.name).setDesc(g.desc), g);
		}

		new Setting(containerEl).setName("Link health").setHeading();
		this.linkHealthRow(new Setting(containerEl).setName("Saved link checks"));

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
		this.drawnByDisplay = false;
		super.hide();
	}

	/** A plugin-wide setting's control in its row (display()); a text field shows what is wrong with it as it is typed. */
	private globalInto(setting: Setting, g: GlobalSetting): void {
		if (g.kind === "toggle") {
			setting.addToggle((toggle) => {
				toggle.setValue(this.host.settings[g.key]).onChange((value) => void this.setControlValue(g.key, value));
				nameControl(setting, toggle.toggleEl);
			});
			return;
		}
		if (g.kind === "dropdown") {
			setting.addDropdown((dropdown) => {
				dropdown.addOptions(g.options).setValue(this.host.settings[g.key]).onChange((value) => void this.setControlValue(g.key, value));
				nameControl(setting, dropdown.selectEl);
			});
			return;
		}
		const problemEl = setting.infoEl.createDiv({ cls: "setting-item-description mod-warning" });
		const show = (value: string) => {
			const problem = g.problem(value);
			problemEl.setText(problem ?? "");
			problemEl.toggle(problem !== null);
		};
		setting.addText((text) => {
			text.setPlaceholder(g.placeholder).setValue(this.host.settings[g.key]);
			nameControl(setting, text.inputEl, [problemEl]);
			text.inputEl.addEventListener("input", () => {
				this.host.settings[g.key] = text.inputEl.value.trim();
				show(text.inputEl.value);
				this.pending = true;
				this.queueSave();
			});
		});
		show(this.host.settings[g.key]);
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

		for (const f of SERIES_FIELDS) this.fieldInto(new Setting(bodyEl).setName(f.name).setDesc(f.desc), index, f);
	}

	/**
	 * The control of a series field in its row, filled from the series as it is now. Text fields
	 * listen for the element's own `input` event (the event Obsidian's `onChange` rides on), so
	 * typing is handled the same way in Obsidian and tests.
	 */
	private fieldInto(setting: Setting, index: number, field: SeriesField): void {
		const series = this.host.settings.series[index];
		if (!series) return;
		if (field.kind === "style") {
			setting.addDropdown((dropdown) => {
				nameControl(setting, dropdown.selectEl);
				dropdown
					.addOptions({ line: "Lines that start with a link", list: "List items" })
					.setValue(series.entryStyle ?? "line")
					.onChange((value) => this.updateSeries(index, { entryStyle: value === "list" ? "list" : "line" }));
			});
			return;
		}
		if (field.kind === "collection") {
			setting.addToggle((toggle) => {
				nameControl(setting, toggle.toggleEl);
				toggle.setValue(series.collection === true).onChange((value) => this.updateSeries(index, { collection: value }));
			});
			return;
		}
		if (field.kind === "level") {
			setting.addDropdown((dropdown) => {
				dropdown
					.addOptions(CATEGORY_LEVELS)
					.setValue(String(series.categoryLevel))
					.onChange((value) => this.updateSeries(index, { categoryLevel: Number(value) }));
				nameControl(setting, dropdown.selectEl);
			});
			return;
		}
		const value = field.value?.(series) ?? "";
		const patch = field.patch ?? (() => ({}));
		const wire = (inputEl: HTMLInputElement | HTMLTextAreaElement) =>
			inputEl.addEventListener("input", () => this.updateSeries(index, patch(inputEl.value)));
		if (field.kind === "textarea") {
			setting.addTextArea((area) => {
				area.setPlaceholder(field.placeholder ?? "").setValue(value);
				area.inputEl.rows = 4;
				wire(area.inputEl);
				nameControl(setting, area.inputEl);
			});
		} else {
			setting.addText((text) => {
				text.setPlaceholder(field.placeholder ?? "").setValue(value);
				wire(text.inputEl);
				nameControl(setting, text.inputEl);
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
		this.redraw();
	}

	private removeSeries(index: number): void {
		const list = this.host.settings.series;
		// display() disables the button for the last series; Obsidian 1.13's list offers it anyway.
		if (!list[index]) return;
		if (list.length <= 1) {
			new Notice("The last series cannot be removed: change it, or add another one first.");
			return;
		}
		this.host.settings.series = list.filter((_, i) => i !== index);
		this.collapsed = new Set([...this.collapsed].filter((i) => i !== index).map((i) => (i > index ? i - 1 : i)));
		void this.saveNow();
		this.redraw();
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
			block.heading?.setName(series.name.trim() === "" ? "Unnamed series" : series.name);
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
