import type { SettingDefinitionItem, SettingDefinitionList, SettingDefinitionPage, SettingDefinitionRender, SettingGroupItem } from "obsidian";
import { ButtonComponent, Notice, Setting, SettingGroup } from "obsidian-test-mocks/obsidian";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SERIES } from "../../../src/core/format/series";
import { DigestCuratorSettingTab } from "../../../src/plugin/settings/settings-tab";
import { digestNote, makeTestHost } from "../support/host";

// Obsidian 1.13 draws the tab from getSettingDefinitions() and indexes it for its settings
// search; the mocks render neither pages nor controls, so the definitions are read here and
// each row's render() is run into a setting of its own, as Obsidian runs it.

const FILES = {
	"Digests/Weekly Links 01-09-2025 to 14-09-2025.md": digestNote("Weekly Links: 01-09-2025 to 14-09-2025", ["# Tools", "", "[1. Blog - A tool](https://tools.example.com/a)", ""]),
};
const TODAY = () => new Date(2025, 8, 21, 12, 0, 0);

async function setup(series = [{ ...DEFAULT_SERIES, folder: "Digests" }]) {
	const h = await makeTestHost(FILES, series);
	const saveSettings = vi.spyOn(h.host, "saveSettings");
	const settingsChanged = vi.spyOn(h.host, "settingsChanged");
	const tab = new DigestCuratorSettingTab(h.host, TODAY);
	return { ...h, tab, saveSettings, settingsChanged };
}

function groups(items: SettingDefinitionItem[]): { heading?: string; type: string; items: SettingGroupItem[] }[] {
	return items.map((i) => ("type" in i && (i.type === "group" || i.type === "list") ? { heading: i.heading, type: i.type, items: i.items ?? [] } : { type: "loose", items: [] }));
}

function seriesList(tab: DigestCuratorSettingTab): SettingDefinitionList {
	return tab.getSettingDefinitions()[0] as SettingDefinitionList;
}

/** Runs a render row of a series page into a new setting; returns the setting's element. */
function renderRow(page: SettingDefinitionPage, name: string): HTMLElement {
	const group = (page.items?.[0] as { items: SettingGroupItem[] }).items;
	const row = group.find((i) => "name" in i && i.name === name) as SettingDefinitionRender | undefined;
	if (!row) throw new Error(`No row ${name}`);
	const container = document.body.createDiv();
	const setting = new Setting(container);
	setting.setName(row.name).setDesc(row.desc ?? "");
	row.render(setting.asOriginalType__(), SettingGroup.create__(container).asOriginalType__());
	return setting.settingEl;
}

afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
	document.body.empty();
});

describe("the settings Obsidian 1.13 draws and searches", () => {
	it("are the series, entry capture, editor, publishing, link health and index, every row named", async () => {
		const { tab } = await setup();
		const defs = groups(tab.getSettingDefinitions());
		expect(defs.map((g) => [g.type, g.heading])).toEqual([["list", "Series"], ["group", "Entry capture"], ["group", "Editor"], ["group", "Publishing"], ["group", "Link health"], ["group", "Index"]]);
		expect(defs[3]!.items.map((i) => ("control" in i ? [i.control?.key, i.control?.type] : null))).toEqual([
			["markerStyle", "dropdown"],
			["feedFolder", "text"],
			["baseUrl", "text"],
			["feedRecommendedItems", "toggle"],
			["keepIndexCurrent", "toggle"],
			["writePeriodDate", "toggle"],
		]);
		expect(defs[4]!.items[0]).toMatchObject({ name: "Saved link checks", desc: expect.stringContaining("only when you run them") as unknown });
		expect(defs[1]!.items.map((i) => ("control" in i ? i.control?.key : null))).toEqual(["fetchTitles", "pasteToEntry", "crossSeriesDuplicates"]);
		expect(defs[2]!.items.map((i) => ("control" in i ? [i.name, i.control?.type] : null))).toEqual([["Mark entries while typing", "toggle"]]);
		for (const g of defs) for (const i of g.items) expect(i.name.length).toBeGreaterThan(0);
		// The series' fields are searchable rows of its page.
		const page = seriesList(tab).items![0] as SettingDefinitionPage;
		expect(page).toMatchObject({ type: "page", name: "Weekly links", desc: "Tagged #weeklylinks, in Digests" });
		const fields = (page.items![0] as { items: { name: string }[] }).items.map((i) => i.name);
		expect(fields).toEqual(["Next digest", "Name", "Tag", "Folder", "Title template", "File name template", "Date format", "Category level", "Entry style", "Collection", "Default categories", "Template note", "Extra tags", "Cover", "Index note", "Index line", "Recap line", "Summary property", "Inbox note"]);
	});

	it("read and write the toggles through the control keys, saving and applying them", async () => {
		const { tab, host, saveSettings, settingsChanged } = await setup();
		expect(tab.getControlValue("fetchTitles")).toBe(false);
		expect(tab.getControlValue("editorMarks")).toBe(true);
		expect(tab.getControlValue("series")).toBeUndefined();
		await tab.setControlValue("fetchTitles", true);
		expect(host.settings.fetchTitles).toBe(true);
		expect(saveSettings).toHaveBeenCalledTimes(1);
		expect(settingsChanged).toHaveBeenCalledTimes(1);
		await tab.setControlValue("series", []);
		await tab.setControlValue("editorMarks", "no");
		expect(host.settings.editorMarks).toBe(true);
		expect(saveSettings).toHaveBeenCalledTimes(1);
	});

	it("edit a series on its page, with its problems and next digest shown there", async () => {
		vi.useFakeTimers();
		const { tab, host, saveSettings } = await setup();
		const page = seriesList(tab).items![0] as SettingDefinitionPage;
		const status = renderRow(page, "Next digest");
		expect(status.textContent).toContain('Next digest: Digests/Weekly Links 15-09-2025 to 21-09-2025.md — "Weekly Links: 15-09-2025 to 21-09-2025"');
		const tag = renderRow(page, "Tag").querySelector("input")!;
		expect(tag.value).toBe("weeklylinks");
		const folder = renderRow(page, "Folder").querySelector("input")!;
		tag.value = "";
		tag.dispatchEvent(new Event("input"));
		folder.value = "";
		folder.dispatchEvent(new Event("input"));
		expect(host.settings.series[0]).toMatchObject({ tag: "", folder: "" });
		expect(status.querySelector(".mod-warning")?.textContent).toBe("Set a tag or a folder, or the series would claim every note.");
		expect(typeof page.status === "function" ? page.status() : page.status).toBe("warning");
		await vi.advanceTimersByTimeAsync(600);
		expect(saveSettings).toHaveBeenCalled();
		expect(renderRow(page, "Category level").querySelector("select")?.options).toHaveLength(6);
	});

	it("read, validate and write the publishing settings through their control keys", async () => {
		const { tab, host, saveSettings } = await setup();
		expect(tab.getControlValue("markerStyle")).toBe("obsidian");
		expect(tab.getControlValue("feedFolder")).toBe("feeds");
		const publishing = groups(tab.getSettingDefinitions())[3]!.items;
		const control = (key: string) => publishing.map((i) => ("control" in i ? i.control : null)).find((c) => c?.key === key) as { validate: (v: string) => unknown };
		expect(control("feedFolder").validate("../out")).toBe('The feed folder "../out" leads outside the vault; give a path inside the vault, from its root.');
		expect(control("feedFolder").validate("public/feeds")).toBeUndefined();
		expect(control("baseUrl").validate("links.example.com")).toBe('The site\'s address "links.example.com" is not a web address: give it in full, starting with https://.');
		await tab.setControlValue("markerStyle", "html");
		await tab.setControlValue("baseUrl", " https://links.example.com ");
		await tab.setControlValue("markerStyle", "yaml");
		expect(host.settings).toMatchObject({ markerStyle: "html", baseUrl: "https://links.example.com" });
		expect(saveSettings).toHaveBeenCalledTimes(2);
	});

	it("add a series from the list and delete one, never the last", async () => {
		const { tab, host } = await setup();
		const update = vi.spyOn(tab, "update");
		seriesList(tab).addItem!.action(document.body);
		expect(host.settings.series.map((s) => s.name)).toEqual(["Weekly links", "New series"]);
		expect(update).toHaveBeenCalled();
		expect(seriesList(tab).items).toHaveLength(2);
		seriesList(tab).onDelete!(1);
		expect(host.settings.series.map((s) => s.name)).toEqual(["Weekly links"]);
		const notice = vi.spyOn(Notice.prototype, "constructor__");
		seriesList(tab).onDelete!(0);
		expect(host.settings.series).toHaveLength(1);
		expect(notice).toHaveBeenCalled();
	});

	it("rebuild the index from its row", async () => {
		const { tab, live } = await setup();
		const index = groups(tab.getSettingDefinitions()).find((g) => g.heading === "Index")!.items[0] as SettingDefinitionRender;
		const buttons = vi.spyOn(ButtonComponent, "create__");
		const setting = new Setting(document.body.createDiv());
		index.render(setting.asOriginalType__(), SettingGroup.create__(document.body).asOriginalType__());
		expect(setting.descEl.textContent).toBe("1 digest indexed. Rebuild to read every digest again.");
		const rebuild = vi.spyOn(live, "rebuild");
		const button = buttons.mock.results.map((r) => r.value as ButtonComponent).find((b) => b.buttonEl.textContent === "Rebuild index")!;
		button.simulateClick__();
		await vi.waitFor(() => expect(rebuild).toHaveBeenCalled());
	});
});
