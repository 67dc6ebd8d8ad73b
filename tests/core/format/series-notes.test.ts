import { describe, expect, it } from "vitest";
import { completeSeries, validateSeries } from "../../../src/core/format/series";
import { defaultRecapNote, seriesNotePath } from "../../../src/core/format/series-notes";

const SERIES = completeSeries({ name: "Weekly: links", tag: "weeklylinks", folder: "Digests" });

describe("series notes", () => {
	it("default to notes in the series' folder", () => {
		expect(seriesNotePath(SERIES, "indexNote")).toEqual({ ok: true, path: "Digests/Weekly- links index.md" });
		expect(seriesNotePath(SERIES, "inboxNote")).toEqual({ ok: true, path: "Digests/Digest inbox.md" });
		expect(defaultRecapNote({ ...SERIES, dateFormat: "DD/MM/YYYY" }, { year: 2025, month: 12, day: 1 }, { year: 2026, month: 1, day: 31 })).toBe("Digests/Recap 01-12-2025 to 31-01-2026.md");
	});

	it("take a path from the setting, .md added, and refuse one outside the vault", () => {
		expect(seriesNotePath({ ...SERIES, inboxNote: "Inbox/Links" }, "inboxNote")).toEqual({ ok: true, path: "Inbox/Links.md" });
		expect(seriesNotePath({ ...SERIES, indexNote: "../Index.md" }, "indexNote")).toEqual({ ok: false, reason: 'The index note "../Index.md" leads outside the vault; give a path inside the vault, from its root.' });
		expect(validateSeries({ ...SERIES, name: "Weekly", inboxNote: ".hidden/inbox.md" })).toEqual(['The inbox note ".hidden/inbox.md" is in a hidden folder or file (".hidden"), which Obsidian does not show; choose a path without a leading dot.']);
	});
});
