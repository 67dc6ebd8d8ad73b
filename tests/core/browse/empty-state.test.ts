import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { queryEmptyState, setupEmptyState } from "../../../src/core/browse/empty-state";
import { defaultBrowserState } from "../../../src/core/browse/browser-state";
import { completeSeries } from "../../../src/core/format/series";
import { DigestIndex } from "../../../src/core/index/digest-index";

const ROUNDUP = completeSeries({ name: "Roundup", tag: "roundup", folder: "Weekly" });

function index(series = [ROUNDUP], files: Record<string, string> = {}): DigestIndex {
	const i = new DigestIndex({ parseYaml, series });
	for (const [path, text] of Object.entries(files)) {
		i.addFile(path);
		i.setNote(path, text);
	}
	return i;
}

describe("why the browser is empty", () => {
	it("says when no series is set up", () => {
		expect(setupEmptyState(index([]))).toMatchObject({ kind: "no-series" });
	});

	it("names the series' tag and folder when no note matches them", () => {
		expect(setupEmptyState(index())).toEqual({ kind: "no-digests", text: "No note matches the series Roundup (tagged #roundup in Weekly/). Check the tag and the folder in settings." });
	});

	it("names the heading level the notes use when no entry stands at the series' level", () => {
		const note = "---\ntitle: Roundup 1\ntags: [roundup]\n---\n## Frontend\n[1. Blog - One](https://e.com/1)\n";
		expect(setupEmptyState(index([ROUNDUP], { "Weekly/a.md": note }))).toEqual({
			kind: "wrong-level",
			level: 2,
			text: "Found 1 digest but no entries under level-1 headings: Roundup 1 has its entries under level-2 headings (## Frontend). Set the series' category level to 2.",
		});
		expect(setupEmptyState(index([{ ...ROUNDUP, categoryLevel: 2 }], { "Weekly/a.md": note }))).toBeNull();
	});

	it("tells filters apart from a mode with nothing to list, and says what mentions does with a digest open", () => {
		expect(queryEmptyState({ ...defaultBrowserState(), search: "x" }, null, false)).toEqual({ kind: "filtered", text: "No entries match the search and filters." });
		expect(queryEmptyState({ ...defaultBrowserState(), mode: "mentions" }, "Weekly/a.md", true).text).toMatch(/^The open note is a digest: mentions lists/);
		expect(queryEmptyState({ ...defaultBrowserState(), mode: "mentions" }, "Notes/Lonely.md", false).text).toBe("No entry's commentary mentions Lonely.");
	});
});
