import { describe, expect, it } from "vitest";
import { DEFAULT_SERIES } from "../../../src/core/format/series";
import { DEFAULT_SETTINGS, migrateSettings, SETTINGS_VERSION } from "../../../src/plugin/settings/settings";

describe("migrateSettings", () => {
	it.each([undefined, null, {}, "settings", 42, true])("gives the defaults for %j", (saved) => {
		expect(migrateSettings(saved)).toEqual(DEFAULT_SETTINGS);
	});

	it("never hands out the defaults' own series objects", () => {
		const settings = migrateSettings(undefined);
		expect(settings.series[0]).not.toBe(DEFAULT_SETTINGS.series[0]);
		settings.series[0]!.tag = "changed";
		expect(DEFAULT_SETTINGS.series[0]?.tag).toBe("weeklylinks");
	});

	it("turns the first release's top-level fields into one series", () => {
		const settings = migrateSettings({ tag: "#links", folder: "/Digests/", dateFormat: "YYYY-MM-DD", categories: ["Kubernetes", "Go"] });
		expect(settings.settingsVersion).toBe(SETTINGS_VERSION);
		expect(settings.series).toEqual([{ ...DEFAULT_SERIES, tag: "links", folder: "Digests", dateFormat: "YYYY-MM-DD", categories: ["Kubernetes", "Go"] }]);
		expect(settings).not.toHaveProperty("tag");
		expect(settings).not.toHaveProperty("folder");
	});

	it("keeps the default tag and format where the first release left them out", () => {
		const [series] = migrateSettings({ folder: "Digests" }).series;
		expect(series).toMatchObject({ tag: DEFAULT_SERIES.tag, folder: "Digests", dateFormat: DEFAULT_SERIES.dateFormat, categories: [] });
	});

	it("completes a series saved before the newer fields existed", () => {
		const settings = migrateSettings({ settingsVersion: 1, series: [{ name: "Tech", tag: "tech", folder: "Tech", titleTemplate: "Tech {{start}} to {{end}}", fileNameTemplate: "{{start}} to {{end}}", dateFormat: "DD-MM-YYYY", categoryLevel: 2, categories: ["Go"], templateNote: "" }] });
		expect(settings.series).toEqual([{ name: "Tech", tag: "tech", folder: "Tech", titleTemplate: "Tech {{start}} to {{end}}", fileNameTemplate: "{{start}} to {{end}}", dateFormat: "DD-MM-YYYY", categoryLevel: 2, categories: ["Go"], templateNote: "", extraTags: [], cover: "", indexNote: "", indexTemplate: "", recapTemplate: "", summaryField: "", inboxNote: "" }]);
	});

	it("keeps several series in their order", () => {
		const settings = migrateSettings({ series: [{ name: "A", tag: "a" }, { name: "B", folder: "B" }] });
		expect(settings.series.map((s) => [s.name, s.tag, s.folder])).toEqual([["A", "a", ""], ["B", DEFAULT_SERIES.tag, "B"]]);
	});

	it("drops series entries that are not objects, and repairs bad field values", () => {
		const settings = migrateSettings({ series: [null, "weekly", 3, { name: "A", tag: "a", categoryLevel: 9, categories: "Go", extraTags: ["#x", "", " y "] }] });
		expect(settings.series).toHaveLength(1);
		expect(settings.series[0]).toMatchObject({ name: "A", categoryLevel: 1, categories: [], extraTags: ["x", "y"] });
	});

	it("reads the toggles strictly, each falling back to its default", () => {
		expect(migrateSettings({})).toMatchObject({ fetchTitles: false, pasteToEntry: false, editorMarks: true });
		expect(migrateSettings({ fetchTitles: true, pasteToEntry: true, editorMarks: false })).toMatchObject({ fetchTitles: true, pasteToEntry: true, editorMarks: false });
		expect(migrateSettings({ fetchTitles: "yes", pasteToEntry: 1, editorMarks: "no" })).toMatchObject({ fetchTitles: false, pasteToEntry: false, editorMarks: true });
	});

	it("reads the publishing settings and the link check results, each falling back to its default", () => {
		const warnings: string[] = [];
		const read = migrateSettings({ markerStyle: "html", feedFolder: "out/feeds", baseUrl: "https://links.example.com", feedRecommendedItems: true, writePeriodDate: true, linkHealth: { "https://a.example/": { status: "ok", checked: "2025-10-01" } } }, (w) => warnings.push(w));
		expect(read).toMatchObject({ markerStyle: "html", feedFolder: "out/feeds", baseUrl: "https://links.example.com", feedRecommendedItems: true, writePeriodDate: true, linkHealth: { "https://a.example/": { status: "ok", checked: "2025-10-01" } } });
		expect(warnings).toEqual([]);
		expect(migrateSettings({ markerStyle: "yaml", feedFolder: 1, linkHealth: "x" }, (w) => warnings.push(w))).toMatchObject({ markerStyle: "obsidian", feedFolder: "feeds", linkHealth: {} });
		expect(warnings).toHaveLength(3);
	});

	it("ignores a series field of the wrong type and unknown keys", () => {
		const settings = migrateSettings({ series: "Weekly", somethingElse: 1, settingsVersion: "x" });
		expect(settings).toEqual(DEFAULT_SETTINGS);
	});

	it("is stable: migrating migrated settings changes nothing", () => {
		const once = migrateSettings({ tag: "links", folder: "Digests" });
		expect(migrateSettings(JSON.parse(JSON.stringify(once)))).toEqual(once);
	});
});

describe("migrateSettings: series that cannot be told apart", () => {
	it("falls back to the default series when the saved list is empty or all garbage", () => {
		expect(migrateSettings({ series: [] }).series.map((s) => s.name)).toEqual(["Weekly links"]);
		expect(migrateSettings({ series: [1, "x", null] }).series).toHaveLength(1);
	});

	it("gives nameless and repeated series distinct names", () => {
		const names = migrateSettings({ series: [{ tag: "a" }, { tag: "b" }, { name: "Tech", tag: "c" }, { name: "tech", tag: "d" }] }).series.map((s) => s.name);
		expect(names).toEqual(["Weekly links", "Weekly links 2", "Tech", "tech 2"]);
	});
});
