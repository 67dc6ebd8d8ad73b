import { readFileSync } from "node:fs";
import type { PluginManifest } from "obsidian";
import { App } from "obsidian-test-mocks/obsidian";
import { afterEach, describe, expect, it, vi } from "vitest";
import DigestCuratorPlugin from "../../../main";
import { digestNote } from "../support/host";

const manifest = JSON.parse(readFileSync("manifest.json", "utf8")) as PluginManifest;

const FIRST = "Digests/Weekly Links 01-09-2025 to 14-09-2025.md";
const ARCHIVE = "Archive/Old links.md";
const FILES = {
	[FIRST]: digestNote("Weekly Links: 01-09-2025 to 14-09-2025", ["# Tools", "", "[1. Blog - A tool](https://tools.example.com/a)", ""]),
	[ARCHIVE]: "---\ntitle: Old links\ntags: [archive]\n---\n# Tools\n[1. Blog - Old](https://old.example.com)\n",
};

async function loaded(data?: unknown) {
	const app = App.createConfigured__({ files: FILES });
	const plugin = new DigestCuratorPlugin(app.asOriginalType__(), manifest);
	if (data !== undefined) await plugin.saveData(data);
	await plugin.onload();
	app.workspace.setLayoutReady__();
	await plugin.live.whenReady();
	const read = vi.spyOn(app.vault, "cachedRead");
	const updateOptions = vi.spyOn(app.workspace, "updateOptions");
	return { app, plugin, read, updateOptions };
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("applying changed settings", () => {
	it("re-reads no note when a toggle changes nothing that is indexed", async () => {
		const { plugin, read, updateOptions } = await loaded();
		const revision = plugin.live.index.revision;
		plugin.settings.fetchTitles = true;
		await plugin.settingsChanged();
		plugin.settings.pasteToEntry = true;
		await plugin.settingsChanged();
		expect(read).not.toHaveBeenCalled();
		expect(plugin.live.index.revision).toBe(revision);
		expect(plugin.live.isReady).toBe(true);
		expect(updateOptions).not.toHaveBeenCalled();
	});

	it("refreshes the editors, and only them, when editor marks are turned off", async () => {
		const { plugin, read, updateOptions } = await loaded();
		plugin.settings.editorMarks = false;
		await plugin.settingsChanged();
		expect(updateOptions).toHaveBeenCalledTimes(1);
		expect(read).not.toHaveBeenCalled();
	});

	it("takes a renamed series or a new template without reading the digests again", async () => {
		const { plugin, read } = await loaded();
		const heard = vi.fn();
		plugin.live.on("changed", heard);
		plugin.settings.series = [{ ...plugin.settings.series[0]!, name: "Links", titleTemplate: "Links: {{start}} to {{end}}" }];
		await plugin.settingsChanged();
		expect(read).not.toHaveBeenCalled();
		expect(plugin.live.index.digests("Links").map((d) => d.path)).toEqual([FIRST]);
		expect(plugin.live.index.seriesOf(FIRST)?.titleTemplate).toBe("Links: {{start}} to {{end}}");
		expect(heard).toHaveBeenCalled();
	});

	it("re-indexes when the series' tag changes what belongs to it", async () => {
		const { plugin, read } = await loaded();
		plugin.settings.series = [{ ...plugin.settings.series[0]!, tag: "archive" }];
		await plugin.settingsChanged();
		expect(read).toHaveBeenCalled();
		expect(plugin.live.index.digests().map((d) => d.path)).toEqual([ARCHIVE]);
	});
});

describe("settings changed on another device", () => {
	it("are read again and applied when Obsidian reports data.json changed", async () => {
		const { plugin } = await loaded();
		expect(plugin.live.index.digests().map((d) => d.path)).toEqual([FIRST]);
		// What Sync does: data.json is rewritten outside the plugin, then Obsidian tells the plugin.
		const synced = { ...(await plugin.loadData() as object), series: [{ ...plugin.settings.series[0]!, tag: "archive" }], fetchTitles: true };
		await plugin.saveData(synced);
		await plugin.onExternalSettingsChange();
		expect(plugin.settings.fetchTitles).toBe(true);
		expect(plugin.settings.series[0]?.tag).toBe("archive");
		await plugin.live.whenReady();
		expect(plugin.live.index.digests().map((d) => d.path)).toEqual([ARCHIVE]);
	});
});
