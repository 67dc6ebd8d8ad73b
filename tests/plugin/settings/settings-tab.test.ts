import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MockInstance } from "vitest";
import { App, ButtonComponent, DropdownComponent, ExtraButtonComponent, Notice, Plugin, ToggleComponent } from "obsidian-test-mocks/obsidian";
import { DEFAULT_SERIES } from "../../../src/core/format/series";
import type { DigestCuratorHost } from "../../../src/plugin/host";
import { LiveIndex } from "../../../src/plugin/live-index/live-index";
import { migrateSettings, type DigestCuratorSettings } from "../../../src/plugin/settings/settings";
import { DigestCuratorSettingTab, unusedSeriesName } from "../../../src/plugin/settings/settings-tab";

class TestPlugin extends Plugin {}

function digestNote(start: string, end: string): string {
	return [
		"---",
		`title: "Weekly Links: ${start} to ${end}"`,
		"tags:",
		"  - weeklylinks",
		"---",
		"",
		"# Tools",
		"",
		"[1. Blog - A link](https://example.com/a)",
		"",
	].join("\n");
}

const FILES: Record<string, string> = {
	"Digests/Weekly Links 18-08-2025 to 31-08-2025.md": digestNote("18-08-2025", "31-08-2025"),
	"Digests/Weekly Links 01-09-2025 to 14-09-2025.md": digestNote("01-09-2025", "14-09-2025"),
	"Notes/Elsewhere.md": "# Not a digest\n",
};

/** 21 September 2025, local time: the next digest runs 15-09-2025 to 21-09-2025. */
const TODAY = () => new Date(2025, 8, 21, 12, 0, 0);

interface Fixture {
	tab: DigestCuratorSettingTab;
	host: DigestCuratorHost;
	settings: DigestCuratorSettings;
	live: LiveIndex;
	saveSettings: MockInstance<() => Promise<void>>;
	settingsChanged: MockInstance<() => Promise<void>>;
}

// The mocks keep components' click and change handlers on the component, not on DOM listeners
// (Obsidian wires both), so buttons, extra buttons, toggles and dropdowns are reached through
// the instances Setting creates; text fields are driven through real DOM "input" events.
let toggles: MockInstance<typeof ToggleComponent.create__>;
let buttons: MockInstance<typeof ButtonComponent.create__>;
let extraButtons: MockInstance<typeof ExtraButtonComponent.create__>;
let dropdowns: MockInstance<typeof DropdownComponent.create__>;
let notices: MockInstance<(message: DocumentFragment | string, duration?: number) => void>;

async function setup(saved: unknown = { series: [{ ...DEFAULT_SERIES, folder: "Digests" }] }): Promise<Fixture> {
	const app = App.createConfigured__({ files: FILES });
	const plugin = new TestPlugin(app, { id: "digest-curator", name: "Digest Curator", version: "0.1.0", minAppVersion: "1.12.2", author: "", description: "" });
	const settings = migrateSettings(saved);
	const live = new LiveIndex(app.asOriginalType__(), settings.series, null);
	await live.rebuild(settings.series);
	const saveSettings = vi.fn(() => Promise.resolve());
	// Like the plugin's: hand the live index the settings' current series.
	const settingsChanged = vi.fn(() => live.rebuild(settings.series));
	const host: DigestCuratorHost = {
		app: app.asOriginalType__(),
		plugin: plugin.asOriginalType2__(),
		settings,
		live,
		saveSettings,
		settingsChanged,
	};
	const tab = new DigestCuratorSettingTab(host, TODAY);
	open(tab);
	return { tab, host, settings, live, saveSettings, settingsChanged };
}

/**
 * What Obsidian does when the user opens the tab. The typings mark display() deprecated since
 * 1.13, but the plugin supports 1.12.2, where display() is how a tab is drawn.
 */
function open(tab: { display(): void }): void {
	tab.display();
}

function created<T>(spy: MockInstance<(...args: never[]) => T>): T[] {
	return spy.mock.results.filter((r) => r.type === "return").map((r) => r.value as T);
}

/** The setting row named `name` under `root` (name element → info element → setting element). */
function settingEl(root: HTMLElement, name: string): HTMLElement {
	const nameEl = [...root.querySelectorAll("div")].find((el) => el.children.length === 0 && el.textContent === name);
	const row = nameEl?.parentElement?.parentElement;
	if (!row) throw new Error(`No setting named "${name}"`);
	return row;
}

function seriesBlocks(tab: DigestCuratorSettingTab): HTMLElement[] {
	return [...tab.containerEl.querySelectorAll<HTMLElement>(".digest-curator-series")];
}

function block(tab: DigestCuratorSettingTab, index: number): HTMLElement {
	const el = seriesBlocks(tab)[index];
	if (!el) throw new Error(`No series block ${index}`);
	return el;
}

function field(tab: DigestCuratorSettingTab, index: number, name: string): HTMLInputElement | HTMLTextAreaElement {
	const el = settingEl(block(tab, index), name).querySelector<HTMLInputElement | HTMLTextAreaElement>("input, textarea");
	if (!el) throw new Error(`No input in "${name}"`);
	return el;
}

function type(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
	el.value = value;
	el.dispatchEvent(new Event("input", { bubbles: true }));
}

function problems(tab: DigestCuratorSettingTab, index: number): string[] {
	const el = block(tab, index).querySelector<HTMLElement>(".mod-warning");
	if (!el || el.style.display === "none") return [];
	return [...el.children].map((c) => c.textContent ?? "");
}

function preview(tab: DigestCuratorSettingTab, index: number): string {
	return block(tab, index).querySelector(".digest-curator-series-preview")?.textContent ?? "";
}

function toggleIn(tab: DigestCuratorSettingTab, name: string): ToggleComponent {
	const row = settingEl(tab.containerEl, name);
	const toggle = created(toggles).find((t) => row.contains(t.toggleEl));
	if (!toggle) throw new Error(`No toggle in "${name}"`);
	return toggle;
}

function buttonNamed(tab: DigestCuratorSettingTab, text: string): ButtonComponent {
	const button = created(buttons).find((b) => b.buttonEl.textContent === text && tab.containerEl.contains(b.buttonEl));
	if (!button) throw new Error(`No button "${text}"`);
	return button;
}

function extraButton(tab: DigestCuratorSettingTab, index: number, icon: string): ExtraButtonComponent {
	const el = block(tab, index);
	const button = created(extraButtons).find((b) => el.contains(b.extraSettingsEl) && b.extraSettingsEl.dataset["icon"] === icon);
	if (!button) throw new Error(`No ${icon} button in series ${index}`);
	return button;
}

beforeEach(() => {
	toggles = vi.spyOn(ToggleComponent, "create__");
	buttons = vi.spyOn(ButtonComponent, "create__");
	extraButtons = vi.spyOn(ExtraButtonComponent, "create__");
	dropdowns = vi.spyOn(DropdownComponent, "create__");
	// `new Notice(...)` does not go through create__; every constructor ends in constructor__.
	notices = vi.spyOn(Notice.prototype, "constructor__");
});

afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
});

describe("unusedSeriesName", () => {
	it("counts up past the names taken", () => {
		expect(unusedSeriesName([{ ...DEFAULT_SERIES }])).toBe("New series");
		expect(unusedSeriesName([{ ...DEFAULT_SERIES, name: "new series" }])).toBe("New series 2");
		expect(unusedSeriesName([{ ...DEFAULT_SERIES, name: "New series" }, { ...DEFAULT_SERIES, name: "New series 2" }])).toBe("New series 3");
	});
});

describe("DigestCuratorSettingTab", () => {
	it("shows the sections as setting headings, and a field for every series setting", async () => {
		const { tab } = await setup();
		const headings = [...tab.containerEl.querySelectorAll(".setting-item-heading")].map((el) => el.textContent);
		for (const name of ["Series", "Weekly links", "Entry capture", "Editor", "Publishing", "Link health", "Index"]) expect(headings.some((h) => h?.startsWith(name))).toBe(true);
		expect(tab.containerEl.querySelector("h1, h2, h3")).toBeNull();
		for (const name of ["Name", "Tag", "Folder", "Title template", "File name template", "Date format", "Default categories", "Template note", "Extra tags", "Cover", "Index note", "Index line", "Summary property", "Inbox note"]) {
			expect(field(tab, 0, name)).toBeTruthy();
		}
		expect(field(tab, 0, "Default categories").tagName).toBe("TEXTAREA");
		const levels = created(dropdowns).find((d) => settingEl(block(tab, 0), "Category level").contains(d.selectEl));
		expect(levels?.selectEl.options.length).toBe(6);
		expect(levels?.getValue()).toBe("1");
	});

	it("fills the fields from the settings", async () => {
		const { tab } = await setup({ series: [{ ...DEFAULT_SERIES, folder: "Digests", categories: ["Kubernetes", "Data Engineer"], extraTags: ["collections", "links"], cover: "![[cover.png]]" }] });
		expect(field(tab, 0, "Tag").value).toBe("weeklylinks");
		expect(field(tab, 0, "Folder").value).toBe("Digests");
		expect(field(tab, 0, "Default categories").value).toBe("Kubernetes\nData Engineer");
		expect(field(tab, 0, "Extra tags").value).toBe("collections, links");
		expect(field(tab, 0, "Cover").value).toBe("![[cover.png]]");
	});

	it("previews the next digest's path and title from the latest period", async () => {
		const { tab } = await setup();
		expect(preview(tab, 0)).toBe('Next digest: Digests/Weekly Links 15-09-2025 to 21-09-2025.md — "Weekly Links: 15-09-2025 to 21-09-2025"');
		expect(problems(tab, 0)).toEqual([]);
	});

	it("updates the preview as a template is typed, folders and all", async () => {
		vi.useFakeTimers();
		const { tab } = await setup();
		type(field(tab, 0, "File name template"), "{{year}}/Weekly Links {{start}} to {{end}}");
		expect(preview(tab, 0)).toBe('Next digest: Digests/2025/Weekly Links 15-09-2025 to 21-09-2025.md — "Weekly Links: 15-09-2025 to 21-09-2025"');
		type(field(tab, 0, "Date format"), "YYYY-MM-DD");
		expect(preview(tab, 0)).toContain("Digests/2025/Weekly Links");
	});

	it("says when the latest digest already covers today", async () => {
		const { host } = await setup();
		const late = new DigestCuratorSettingTab(host, () => new Date(2025, 8, 10));
		open(late);
		expect(late.containerEl.querySelector(".digest-curator-series-preview")?.textContent).toBe("Next digest: not due yet, the latest one already covers 10-09-2025.");
	});

	it("saves typed values after a pause, and applies them when the series is valid", async () => {
		vi.useFakeTimers();
		const { tab, settings, saveSettings, settingsChanged } = await setup();
		const before = settings.series;
		type(field(tab, 0, "Tag"), "#links");
		expect(settings.series[0]?.tag).toBe("links");
		expect(settings.series).not.toBe(before); // a new array: the index keeps the applied one
		expect(before[0]?.tag).toBe("weeklylinks");
		type(field(tab, 0, "Tag"), "#links/weekly");
		expect(saveSettings).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(499);
		expect(saveSettings).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(saveSettings).toHaveBeenCalledTimes(1);
		expect(settingsChanged).toHaveBeenCalledTimes(1);
		expect(settings.series[0]?.tag).toBe("links/weekly");
	});

	it("splits list fields and cleans folders", async () => {
		vi.useFakeTimers();
		const { tab, settings } = await setup();
		type(field(tab, 0, "Default categories"), "Kubernetes\n\n  Data Engineer \n");
		type(field(tab, 0, "Extra tags"), "collections, #links,, ");
		type(field(tab, 0, "Folder"), "/Digests/Weekly/");
		type(field(tab, 0, "Template note"), "Templates//Weekly.md");
		const s = settings.series[0];
		expect(s?.categories).toEqual(["Kubernetes", "Data Engineer"]);
		expect(s?.extraTags).toEqual(["collections", "links"]);
		expect(s?.folder).toBe("Digests/Weekly");
		expect(s?.templateNote).toBe("Templates/Weekly.md");
	});

	it("changes the category level from the dropdown", async () => {
		vi.useFakeTimers();
		const { tab, settings } = await setup();
		const levels = created(dropdowns).find((d) => settingEl(block(tab, 0), "Category level").contains(d.selectEl));
		levels!.selectEl.value = "2";
		levels!.simulateChange__();
		expect(settings.series[0]?.categoryLevel).toBe(2);
	});

	it("sets the entry style from its dropdown and makes the series a collection from its toggle", async () => {
		vi.useFakeTimers();
		const { tab, settings } = await setup();
		const style = created(dropdowns).find((d) => settingEl(block(tab, 0), "Entry style").contains(d.selectEl));
		expect(style!.getValue()).toBe("line");
		style!.selectEl.value = "list";
		style!.simulateChange__();
		expect(settings.series[0]?.entryStyle).toBe("list");
		const collection = created(toggles).find((t) => settingEl(block(tab, 0), "Collection").contains(t.toggleEl));
		collection!.setValue(true);
		expect(settings.series[0]?.collection).toBe(true);
	});

	it("shows problems while a series is invalid, saves it anyway, and applies nothing", async () => {
		vi.useFakeTimers();
		const { tab, settings, saveSettings, settingsChanged } = await setup();
		type(field(tab, 0, "Folder"), "");
		type(field(tab, 0, "Tag"), "");
		expect(problems(tab, 0)).toEqual(["Set a tag or a folder, or the series would claim every note."]);
		await vi.advanceTimersByTimeAsync(500);
		expect(saveSettings).toHaveBeenCalledTimes(1);
		expect(settingsChanged).not.toHaveBeenCalled();
		expect(settings.series[0]?.tag).toBe("");

		type(field(tab, 0, "Folder"), "Digests");
		expect(problems(tab, 0)).toEqual([]);
		await vi.advanceTimersByTimeAsync(500);
		expect(saveSettings).toHaveBeenCalledTimes(2);
		expect(settingsChanged).toHaveBeenCalledTimes(1);
	});

	it("refuses a folder, template note, file name template or inbox note outside the vault with the sentence the tool gives", async () => {
		vi.useFakeTimers();
		const { tab, settingsChanged } = await setup();
		type(field(tab, 0, "Folder"), "../escape");
		expect(problems(tab, 0)).toEqual(['The folder "../escape" leads outside the vault; give a path inside the vault, from its root.']);
		type(field(tab, 0, "Folder"), "Digests");
		type(field(tab, 0, "Template note"), "C:\\Templates\\x.md");
		expect(problems(tab, 0)).toEqual([expect.stringMatching(/^The template note "C:\/Templates\/x\.md" starts with a drive letter/)]);
		type(field(tab, 0, "Template note"), "");
		type(field(tab, 0, "File name template"), "../{{start}} to {{end}}");
		expect(problems(tab, 0)).toEqual([expect.stringMatching(/^The file name template .* steps up a folder/)]);
		type(field(tab, 0, "File name template"), "{{start}} to {{end}}");
		type(field(tab, 0, "Inbox note"), "../inbox.md");
		expect(problems(tab, 0)).toEqual(['The inbox note "../inbox.md" leads outside the vault; give a path inside the vault, from its root.']);
		await vi.advanceTimersByTimeAsync(500);
		expect(settingsChanged).not.toHaveBeenCalled();
	});

	it("renames the heading as the name is typed and flags an empty name", async () => {
		vi.useFakeTimers();
		const { tab } = await setup();
		type(field(tab, 0, "Name"), "Tech digest");
		expect(block(tab, 0).querySelector(".setting-item-heading")?.textContent).toContain("Tech digest");
		type(field(tab, 0, "Name"), " ");
		expect(block(tab, 0).querySelector(".setting-item-heading")?.textContent).toContain("Unnamed series");
		expect(problems(tab, 0)).toContain("Give the series a name.");
	});

	it("adds a series with a unique name that asks for a tag or folder", async () => {
		vi.useFakeTimers();
		const { tab, settings, saveSettings, settingsChanged } = await setup();
		buttonNamed(tab, "Add series").simulateClick__();
		expect(settings.series.map((s) => s.name)).toEqual(["Weekly links", "New series"]);
		expect(settings.series[1]).toMatchObject({ tag: "", folder: "", categoryLevel: 1, categories: [] });
		expect(seriesBlocks(tab)).toHaveLength(2);
		expect(problems(tab, 1)).toContain("Set a tag or a folder, or the series would claim every note.");
		await vi.advanceTimersByTimeAsync(0);
		expect(saveSettings).toHaveBeenCalled();
		expect(settingsChanged).not.toHaveBeenCalled();

		buttonNamed(tab, "Add series").simulateClick__();
		expect(settings.series[2]?.name).toBe("New series 2");
	});

	it("flags a duplicate name in both series", async () => {
		vi.useFakeTimers();
		const { tab } = await setup();
		buttonNamed(tab, "Add series").simulateClick__();
		type(field(tab, 1, "Name"), "weekly links");
		expect(problems(tab, 0)).toContain('Another series is already named "Weekly links".');
		expect(problems(tab, 1)).toContain('Another series is already named "weekly links".');
	});

	it("removes a series, but never the last one", async () => {
		vi.useFakeTimers();
		const { tab, settings, settingsChanged } = await setup();
		expect(extraButton(tab, 0, "trash").disabled).toBe(true);
		extraButton(tab, 0, "trash").simulateClick__();
		expect(settings.series).toHaveLength(1);

		buttonNamed(tab, "Add series").simulateClick__();
		expect(extraButton(tab, 1, "trash").disabled).toBe(false);
		extraButton(tab, 1, "trash").simulateClick__();
		expect(settings.series.map((s) => s.name)).toEqual(["Weekly links"]);
		expect(seriesBlocks(tab)).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(0);
		expect(settingsChanged).toHaveBeenCalled(); // what is left is valid again
	});

	it("collapses and expands a series' fields", async () => {
		const { tab } = await setup();
		const fields = block(tab, 0).querySelector<HTMLElement>(".digest-curator-series-fields")!;
		expect(fields.style.display).not.toBe("none");
		extraButton(tab, 0, "chevron-down").simulateClick__();
		expect(fields.style.display).toBe("none");
		expect(preview(tab, 0)).toContain("Next digest:"); // the preview stays in sight
		extraButton(tab, 0, "chevron-right").simulateClick__();
		expect(fields.style.display).not.toBe("none");
	});

	it("saves and applies the toggles", async () => {
		const { tab, settings, saveSettings, settingsChanged } = await setup();
		expect(toggleIn(tab, "Fetch titles automatically").getValue()).toBe(false);
		expect(toggleIn(tab, "Turn pasted links into entries").getValue()).toBe(false);
		expect(toggleIn(tab, "Mark entries while typing").getValue()).toBe(true);

		toggleIn(tab, "Fetch titles automatically").onClick();
		toggleIn(tab, "Turn pasted links into entries").onClick();
		toggleIn(tab, "Mark entries while typing").onClick();
		await Promise.resolve();
		expect(settings).toMatchObject({ fetchTitles: true, pasteToEntry: true, editorMarks: false });
		expect(saveSettings).toHaveBeenCalledTimes(3);
		await vi.waitFor(() => expect(settingsChanged).toHaveBeenCalledTimes(3));
	});

	it("says when the network is used: titles fetched, and links checked only when asked", async () => {
		const { tab } = await setup();
		expect(settingEl(tab.containerEl, "Fetch titles automatically").textContent).toContain("the Fetch title button in that window reads the page at its URL");
		expect(settingEl(tab.containerEl, "Saved link checks").textContent).toContain("request every link of the digests you check, from your device");
	});

	it("names every field by its setting's name and describes it by its description; placeholders read as examples", async () => {
		const { tab } = await setup();
		const byId = (id: string) => tab.containerEl.querySelector(`[id="${id}"]`);
		const text = (el: Element, attr: string) => (el.getAttribute(attr) ?? "").split(/\s+/).filter((id) => id !== "").map((id) => byId(id)?.textContent ?? `(no #${id})`);
		const name = field(tab, 0, "Name");
		expect(text(name, "aria-labelledby")).toEqual(["Name"]);
		expect(text(name, "aria-describedby")).toEqual(["Shown in views, commands and messages."]);
		const cover = field(tab, 0, "Cover");
		expect(cover.placeholder).toBe("e.g. ![[cover.png|center|500]]");
		expect(field(tab, 0, "Folder").placeholder).toBe("e.g. Digests");
		expect(text(field(tab, 0, "Default categories"), "aria-labelledby")).toEqual(["Default categories"]);
		const level = settingEl(block(tab, 0), "Category level").querySelector("select")!;
		expect(text(level, "aria-labelledby")).toEqual(["Category level"]);
		const toggle = toggleIn(tab, "Fetch titles automatically");
		expect(text(toggle.toggleEl, "aria-labelledby")).toEqual(["Fetch titles automatically"]);
		const site = settingEl(tab.containerEl, "Site address").querySelector("input")!;
		expect(text(site, "aria-labelledby")).toEqual(["Site address"]);
		type(site, "links.example.com");
		expect(text(site, "aria-describedby")[1]).toMatch(/is not a web address/);
		// No placeholder reads like a value that is set.
		for (const input of tab.containerEl.querySelectorAll<HTMLInputElement>("input, textarea")) {
			if (input.placeholder !== "") expect(input.placeholder).toMatch(/^(e\.g\. |Default: )/);
		}
	});

	it("draws the publishing settings, flags a feed folder outside the vault, and saves after a pause", async () => {
		vi.useFakeTimers();
		const { tab, settings, saveSettings } = await setup();
		const folder = settingEl(tab.containerEl, "Feed folder").querySelector("input")!;
		expect(folder.value).toBe("feeds");
		type(folder, "../feeds");
		expect(settingEl(tab.containerEl, "Feed folder").querySelector(".mod-warning")?.textContent).toBe('The feed folder "../feeds" leads outside the vault; give a path inside the vault, from its root.');
		await vi.advanceTimersByTimeAsync(600);
		expect(saveSettings).toHaveBeenCalledTimes(1);
		expect(settings.feedFolder).toBe("../feeds");
		const markers = created(dropdowns).find((d) => settingEl(tab.containerEl, "Generated region markers").contains(d.selectEl))!;
		expect(markers.getValue()).toBe("obsidian");
		toggleIn(tab, "Feed item per recommended entry").onClick();
		await vi.advanceTimersByTimeAsync(0);
		expect(settings.feedRecommendedItems).toBe(true);
	});

	it("clears the saved link checks", async () => {
		const { tab, settings, saveSettings } = await setup({ series: [{ ...DEFAULT_SERIES, folder: "Digests" }], linkHealth: { "https://a.example/": { status: "ok", checked: "2025-10-01" } } });
		expect(settingEl(tab.containerEl, "Saved link checks").textContent).toContain("1 link saved.");
		buttonNamed(tab, "Clear link checks").simulateClick__();
		expect(settings.linkHealth).toEqual({});
		expect(saveSettings).toHaveBeenCalled();
		expect(settingEl(tab.containerEl, "Saved link checks").textContent).toContain("0 links saved.");
	});

	it("rebuilds the index and reports how many digests it holds", async () => {
		const { tab, live, settings } = await setup();
		const rebuild = vi.spyOn(live, "rebuild");
		buttonNamed(tab, "Rebuild index").simulateClick__();
		await vi.waitFor(() => expect(notices.mock.calls.map(([message]) => message)).toContain("Index rebuilt: 2 digests."));
		expect(rebuild).toHaveBeenCalledWith(settings.series);
		expect(settingEl(tab.containerEl, "Digest index").textContent).toContain("2 digests indexed.");
	});

	it("refuses to rebuild with an invalid series", async () => {
		vi.useFakeTimers();
		const { tab, live } = await setup();
		const rebuild = vi.spyOn(live, "rebuild");
		type(field(tab, 0, "Date format"), "DD-MM");
		buttonNamed(tab, "Rebuild index").simulateClick__();
		await vi.advanceTimersByTimeAsync(0);
		expect(rebuild).not.toHaveBeenCalled();
		expect(notices.mock.calls.map(([message]) => message)).toContain("Fix the problems shown under the series before rebuilding the index.");
	});

	it("refreshes the preview when the index changes after a rename", async () => {
		vi.useFakeTimers();
		const { tab, settingsChanged } = await setup();
		type(field(tab, 0, "Name"), "Tech links");
		await vi.advanceTimersByTimeAsync(500);
		expect(settingsChanged).toHaveBeenCalledTimes(1);
		await vi.waitFor(() => expect(preview(tab, 0)).toContain("15-09-2025 to 21-09-2025"));
	});

	it("saves pending typing when the tab is closed and stops listening to the index", async () => {
		vi.useFakeTimers();
		const { tab, live, saveSettings } = await setup();
		type(field(tab, 0, "Tag"), "links");
		tab.hide();
		expect(saveSettings).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1000);
		expect(saveSettings).toHaveBeenCalledTimes(1);
		expect(tab.containerEl.children).toHaveLength(0);
		live.trigger("changed"); // no block left to refresh; must not throw
	});
});
