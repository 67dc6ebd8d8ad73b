import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { readSettingsSeries } from "../../../src/core/format/saved-settings";
import { completeSeries, inboxNoteLocation, indexNoteLocation, pathFitsSeries, readsNotesAlike, seriesPathProblems } from "../../../src/core/format/series";
import { DigestIndex } from "../../../src/core/index/digest-index";

const folderSeries = completeSeries({ name: "Weekly: links", tag: "", folder: "Digests" });

describe("a series' index note and inbox note", () => {
	it("default to the series' folder: '<name> index.md' (with what a file name cannot hold made '-') and 'Digest inbox.md'", () => {
		expect(indexNoteLocation(folderSeries)).toEqual({ ok: true, path: "Digests/Weekly- links index.md" });
		expect(inboxNoteLocation(folderSeries)).toEqual({ ok: true, path: "Digests/Digest inbox.md" });
		const atRoot = completeSeries({ name: "Weekly", tag: "weeklylinks" });
		expect(indexNoteLocation(atRoot)).toEqual({ ok: true, path: "Weekly index.md" });
		expect(inboxNoteLocation(atRoot)).toEqual({ ok: true, path: "Digest inbox.md" });
	});

	it("are the settings' own paths when set, .md added, and refused when they leave the vault", () => {
		const set = completeSeries({ ...folderSeries, indexNote: "/Site//Index", inboxNote: "Inbox\\links.md" });
		expect(indexNoteLocation(set)).toEqual({ ok: true, path: "Site/Index.md" });
		expect(inboxNoteLocation(set)).toEqual({ ok: true, path: "Inbox/links.md" });
		expect(seriesPathProblems(set)).toEqual([]);
		expect(seriesPathProblems({ ...folderSeries, indexNote: "../outside.md" })).toEqual(['The index note "../outside.md" leads outside the vault; give a path inside the vault, from its root.']);
		expect(seriesPathProblems({ ...folderSeries, inboxNote: ".hidden/inbox.md" })).toEqual([expect.stringMatching(/^The inbox note "\.hidden\/inbox\.md" is in a hidden folder/)]);
	});

	it("are never digests of the series, though they sit in its folder", () => {
		expect(pathFitsSeries(folderSeries, "Digests/2025/01-01-2025 to 07-01-2025.md")).toBe(true);
		expect(pathFitsSeries(folderSeries, "Digests/Weekly- links index.md")).toBe(false);
		expect(pathFitsSeries(folderSeries, "digests/digest inbox.md")).toBe(false);
		const set = completeSeries({ ...folderSeries, indexNote: "Digests/All", inboxNote: "Digests/Captured.md" });
		expect(pathFitsSeries(set, "Digests/All.md")).toBe(false);
		expect(pathFitsSeries(set, "Digests/Captured.md")).toBe(false);
		// The default names are then ordinary notes of the folder.
		expect(pathFitsSeries(set, "Digests/Digest inbox.md")).toBe(true);
		const index = new DigestIndex({ parseYaml, series: [folderSeries] });
		for (const [path, text] of [["Digests/Digest inbox.md", "- https://example.com/a\n"], ["Digests/a.md", "# Go\n[1. A - B](https://example.com/b)\n"]]) {
			index.addFile(path!);
			index.setNote(path!, text!);
		}
		expect(index.digests().map((d) => d.path)).toEqual(["Digests/a.md"]);
	});

	it("change which notes a series reads", () => {
		expect(readsNotesAlike(folderSeries, { ...folderSeries, inboxNote: "Other.md" })).toBe(false);
		expect(readsNotesAlike(folderSeries, { ...folderSeries, indexNote: "Other.md" })).toBe(false);
	});

	it("are read from saved settings, a value of the wrong type falling back with a warning", () => {
		const warnings: string[] = [];
		const series = readSettingsSeries({ series: [{ name: "A", tag: "a", indexNote: "Site/Index.md", inboxNote: 3 }] }, (w) => warnings.push(w));
		expect(series![0]!.indexNote).toBe("Site/Index.md");
		expect(series![0]!.inboxNote ?? "").toBe("");
		expect(warnings).toEqual(['The setting "inboxNote" of the series "A" is not text (it is 3); the default "" is used instead.']);
	});
});
