import { describe, expect, it } from "vitest";
import { readSavedChoice, readSavedLinkHealth, readSavedText, readSavedToggle, readSettingsSeries } from "../../../src/core/format/saved-settings";
import { DEFAULT_SERIES } from "../../../src/core/format/series";

function read(saved: unknown) {
	const warnings: string[] = [];
	const series = readSettingsSeries(saved, (w) => warnings.push(w));
	return { series, warnings };
}

describe("readSettingsSeries", () => {
	it("falls back to a field's default, with one sentence naming the field, when it is of the wrong type", () => {
		const { series, warnings } = read({ series: [{ name: "Weekly", tag: "weeklylinks", titleTemplate: 5, categoryLevel: "2", categories: "Go", extraTags: [{}], folder: null }] });
		expect(series).toEqual([{ ...DEFAULT_SERIES, name: "Weekly", tag: "weeklylinks" }]);
		expect(warnings).toEqual([
			'The setting "folder" of the series "Weekly" is not text (it is null); the default "" is used instead.',
			'The setting "titleTemplate" of the series "Weekly" is not text (it is 5); the default "Weekly Links: {{start}} to {{end}}" is used instead.',
			'The setting "categoryLevel" of the series "Weekly" is not a heading level from 1 to 6 (it is "2"); the default 1 is used instead.',
			'The setting "categories" of the series "Weekly" is not a list of text (it is "Go"); the default [] is used instead.',
			'The setting "extraTags" of the series "Weekly" is not a list of text (it is [{}]); the default [] is used instead.',
		]);
	});

	it("says nothing about missing fields, and keeps the fields of the right type", () => {
		const { series, warnings } = read({ series: [{ name: "Tech", tag: "tech", categories: ["Go", 2025] }] });
		expect(warnings).toEqual([]);
		expect(series![0]).toMatchObject({ name: "Tech", tag: "tech", categories: ["Go", "2025"], titleTemplate: DEFAULT_SERIES.titleTemplate });
	});

	it("leaves out entries that are not series, and names a series list of the wrong type", () => {
		expect(read({ series: [null, { name: "A", tag: "a" }] }).warnings).toEqual(["Series 1 in the saved settings is not a series (it is null); it is left out."]);
		expect(read({ series: "Weekly" })).toEqual({ series: null, warnings: ['The setting "series" is not a list of series (it is "Weekly"); the default series is used instead.'] });
		expect(read(undefined)).toEqual({ series: null, warnings: [] });
	});

	it("names a series without a usable name by its place", () => {
		const { series, warnings } = read({ series: [{ name: 7, tag: "a" }] });
		expect(warnings).toEqual([`The setting "name" of series 1 is not text (it is 7); the default "${DEFAULT_SERIES.name}" is used instead.`]);
		expect(series![0]!.name).toBe(DEFAULT_SERIES.name);
	});
});

describe("readSavedToggle", () => {
	it("reads true and false, and anything else as the default with a warning", () => {
		const warnings: string[] = [];
		expect(readSavedToggle({ t: true }, "t", false, (w) => warnings.push(w))).toBe(true);
		expect(readSavedToggle({}, "t", true, (w) => warnings.push(w))).toBe(true);
		expect(readSavedToggle({ t: "yes" }, "t", false, (w) => warnings.push(w))).toBe(false);
		expect(warnings).toEqual(['The setting "t" is not true or false (it is "yes"); the default false is used instead.']);
	});
});

describe("readSavedText and readSavedChoice", () => {
	it("read text and one of a few words, anything else as the default with a warning", () => {
		const warnings: string[] = [];
		const warn = (w: string) => warnings.push(w);
		expect(readSavedText({ f: "feeds/out" }, "f", "feeds", warn)).toBe("feeds/out");
		expect(readSavedText({ f: 3 }, "f", "feeds", warn)).toBe("feeds");
		expect(readSavedChoice({ m: "html" }, "m", ["obsidian", "html"] as const, "obsidian", warn)).toBe("html");
		expect(readSavedChoice({ m: "xml" }, "m", ["obsidian", "html"] as const, "obsidian", warn)).toBe("obsidian");
		expect(warnings).toEqual(['The setting "f" is not text (it is 3); the default "feeds" is used instead.', 'The setting "m" is not one of "obsidian", "html" (it is "xml"); the default "obsidian" is used instead.']);
	});
});

describe("readSavedLinkHealth", () => {
	it("keeps the results it can read and drops the rest with one warning", () => {
		const warnings: string[] = [];
		// As data.json holds it: JSON.parse makes "__proto__" a key of its own.
		const saved: unknown = JSON.parse(`{"linkHealth": {
			"https://a.example/x": {"status": "not-found", "checked": "2025-10-01", "httpStatus": 404},
			"https://b.example/y": {"status": "redirected", "checked": "2025-10-01", "finalUrl": "https://b.example/z", "permanent": true},
			"https://c.example/": {"status": "fine", "checked": "2025-10-01"},
			"https://d.example/": {"status": "ok", "checked": "yesterday"},
			"__proto__": {"status": "ok", "checked": "2025-10-01"},
			"javascript:alert(1)": {"status": "ok", "checked": "2025-10-01"}}}`);
		const read = readSavedLinkHealth(saved, (w) => warnings.push(w));
		expect(Object.getPrototypeOf(read)).toBeNull();
		expect({ ...read }).toEqual({
			"https://a.example/x": { status: "not-found", checked: "2025-10-01", httpStatus: 404 },
			"https://b.example/y": { status: "redirected", checked: "2025-10-01", finalUrl: "https://b.example/z", permanent: true },
		});
		expect(warnings).toEqual(["4 saved link check results could not be read and were dropped; the next check makes them again."]);
		expect(readSavedLinkHealth({ linkHealth: [] }, (w) => warnings.push(w))).toEqual({});
		expect(warnings[1]).toBe('The setting "linkHealth" is not a record of link check results (it is []); the results are dropped, the next check makes them again.');
	});
});
