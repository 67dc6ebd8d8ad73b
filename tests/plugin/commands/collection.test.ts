import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { completeSeries } from "../../../src/core/format/series";
import { handleCapture } from "../../../src/plugin/commands/capture-actions";
import { createPluginApi } from "../../../src/plugin/commands/plugin-api";
import { InsertEntryModal } from "../../../src/plugin/modals/entry-modal";
import { noteText } from "../support/editor";
import { makeTestHost } from "../support/host";

const WEEKLY = completeSeries({ name: "Weekly links", tag: "weeklylinks", folder: "Digests" });
const LISTS = completeSeries({ name: "Lists", tag: "", folder: "Lists", entryStyle: "list", collection: true, categoryLevel: 2 });
const NOTE = "Lists/Databases.md";
const FILES: Record<string, string> = {
	"Digests/Weekly 01-09-2025 to 14-09-2025.md": ["---", 'title: "Weekly: 01-09-2025 to 14-09-2025"', "tags: [weeklylinks]", "---", "# Storage", "[1. A](https://a.example/1)", ""].join("\n"),
	[NOTE]: ["# Databases", "", "## HA", "", "- [Failover](https://db.example/failover)", "", "## Tools", "- [pgtool](https://db.example/pgtool)", ""].join("\n"),
};

let opened: InsertEntryModal[] = [];
beforeEach(() => {
	opened = [];
	vi.spyOn(InsertEntryModal.prototype, "open").mockImplementation(function (this: InsertEntryModal) {
		opened.push(this);
		this.onOpen();
	});
	vi.spyOn(InsertEntryModal.prototype, "close").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe("capture into a collection note", () => {
	it("takes a collection note named without a series, and writes the entry as a list item at the end of the heading's list", async () => {
		const { host, app } = await makeTestHost(FILES, [WEEKLY, LISTS]);
		const outcome = await handleCapture(host, { mode: "entry", url: "https://db.example/new", title: "Replication slots", category: "Databases › HA", digest: NOTE });
		expect(outcome).toEqual({ kind: "entry", path: NOTE, line: 6 });
		expect(await noteText(app, NOTE)).toBe(["# Databases", "", "## HA", "", "- [Failover](https://db.example/failover)", "- [Replication slots](https://db.example/new)", "", "## Tools", "- [pgtool](https://db.example/pgtool)", ""].join("\n"));
	});


	it("adds a link a digest shared directly to a collection note, as the API does, unless Duplicates across collections is on", async () => {
		const { host, app } = await makeTestHost(FILES, [WEEKLY, LISTS]);
		const outcome = await handleCapture(host, { mode: "entry", url: "https://a.example/1", title: "Kept too", category: "Databases › Tools", digest: NOTE });
		expect(outcome).toEqual({ kind: "entry", path: NOTE, line: 9 });
		expect(opened).toHaveLength(0);
		host.live.index.crossSeriesDuplicates = true;
		const asked = await handleCapture(host, { mode: "entry", url: "https://a.example/1", title: "Kept again", category: "Databases › Tools", digest: NOTE });
		expect(asked.kind).toBe("form");
		expect((await noteText(app, NOTE)).split("\n").filter((l) => l.includes("https://a.example/1"))).toEqual(["- [Kept too](https://a.example/1)"]);
	});
});

describe("the API and collections", () => {
	it("adds to a collection note named without a series, and a link shared only in a digest is no duplicate there", async () => {
		const { host, app } = await makeTestHost(FILES, [WEEKLY, LISTS]);
		const api = createPluginApi(host);
		const added = await api.addEntry({ url: "https://a.example/1", title: "Kept too", category: "Databases › Tools", digest: NOTE });
		expect(added).toEqual({ ok: true, path: NOTE, line: 9 });
		expect((await noteText(app, NOTE)).split("\n")[8]).toBe("- [Kept too](https://a.example/1)");
		const again = await api.addEntry({ url: "https://db.example/pgtool", title: "Twice", category: "Databases › HA", digest: NOTE });
		expect(again.ok).toBe(false);
	});
});
