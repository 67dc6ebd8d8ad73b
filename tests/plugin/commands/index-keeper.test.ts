import { afterEach, describe, expect, it, vi } from "vitest";
import { completeSeries } from "../../../src/core/format/series";
import { IndexKeeper } from "../../../src/plugin/commands/index-keeper";
import { updateSeriesIndex } from "../../../src/plugin/commands/series-index-action";
import { DEFAULT_SETTINGS } from "../../../src/plugin/settings/settings";
import { noteText, openInEditor } from "../support/editor";
import { makeTestHost, type TestHost } from "../support/host";

const SERIES = completeSeries({ name: "Weekly links", tag: "weeklylinks", folder: "Digests" });

function digest(title: string, body: string[]): string {
	return ["---", `title: "${title}"`, "tags: [weeklylinks]", "---", "", ...body, ""].join("\n");
}

const A = "Digests/Weekly 01-09-2025 to 14-09-2025.md";
const B = "Digests/Weekly 15-09-2025 to 28-09-2025.md";
const FILES: Record<string, string> = {
	[A]: digest("Weekly: 01-09-2025 to 14-09-2025", ["# Networking", "", "[1. Blog - Packets](https://blog.example.net/packets)"]),
};
const INDEX = "Digests/Weekly links index.md";
const NEW_LINE = "2. [[Digests/Weekly 15-09-2025 to 28-09-2025|Weekly: 15-09-2025 to 28-09-2025]] - 1 entries, 0 recommended";

afterEach(() => {
	vi.restoreAllMocks();
});

/** A host whose index note holds the region (the command wrote it once), and a keeper with a short wait. */
async function setup(keepIndexCurrent: boolean, indexNote: string | null = "# Index\n\nMine.\n"): Promise<TestHost & { keeper: IndexKeeper }> {
	const files = indexNote === null ? FILES : { ...FILES, [INDEX]: indexNote };
	const t = await makeTestHost(files, [SERIES], { settings: { keepIndexCurrent } });
	if (indexNote !== null) expect(await updateSeriesIndex(t.host, SERIES, () => Promise.resolve(true))).toMatchObject({ ok: true });
	const keeper = new IndexKeeper(t.host, 10);
	keeper.register();
	return { ...t, keeper };
}

/** A second digest appears, as the live index reports it. */
async function addDigest(t: TestHost): Promise<void> {
	const text = digest("Weekly: 15-09-2025 to 28-09-2025", ["# Storage", "", "[1. Medium - Lakes](https://medium.example.com/lakes)"]);
	await t.app.vault.create(B, text);
	t.live.index.setNote(B, text);
	t.live.trigger("changed");
}

const settle = () => new Promise((done) => setTimeout(done, 60));

describe("keep the series index current", () => {
	it("is off by default, and off it writes nothing", async () => {
		expect(DEFAULT_SETTINGS.keepIndexCurrent).toBe(false);
		const t = await setup(false);
		const before = await noteText(t.app, INDEX);
		await addDigest(t);
		expect(t.keeper.pending).toBe(false);
		await settle();
		expect(await noteText(t.app, INDEX)).toBe(before);
		expect(await t.keeper.run()).toEqual([]);
	});

	it("on, rewrites only the region a moment after the digests change, once for a burst of changes", async () => {
		const t = await setup(true);
		const process = vi.spyOn(t.app.vault, "process");
		await addDigest(t);
		t.live.trigger("changed");
		t.live.trigger("changed");
		expect(t.keeper.pending).toBe(true);
		await vi.waitFor(async () => expect(await noteText(t.app, INDEX)).toContain(NEW_LINE), { timeout: 2000, interval: 10 });
		await settle();
		expect(process).toHaveBeenCalledTimes(1);
		const text = await noteText(t.app, INDEX);
		expect(text.startsWith("# Index\n\nMine.\n\n%% digest-curator:index-weekly-links start hash=")).toBe(true);
		expect(text.endsWith("%% digest-curator:index-weekly-links end %%\n")).toBe(true);
		// Nothing more to do: no second write.
		expect(await t.keeper.run()).toEqual([{ path: INDEX, outcome: "up to date" }]);
		expect(process).toHaveBeenCalledTimes(1);
	});

	it("never replaces a region edited by hand, and says so once", async () => {
		const t = await setup(true);
		const edited = (await noteText(t.app, INDEX)).replace("0 recommended", "0 recommended (my note)");
		await t.app.vault.modify(t.app.vault.getFileByPath(INDEX)!, edited);
		await addDigest(t);
		await settle();
		expect(await noteText(t.app, INDEX)).toBe(edited);
		expect(await t.keeper.run()).toMatchObject([{ path: INDEX, outcome: "hand edited" }]);
		expect(await noteText(t.app, INDEX)).toBe(edited);
	});

	it("creates no index note and adds no region where the command has not written one", async () => {
		const none = await setup(true, null);
		await addDigest(none);
		await settle();
		expect(none.app.vault.getAbstractFileByPath(INDEX)).toBeNull();
		const t = await makeTestHost({ ...FILES, [INDEX]: "# Mine, no region\n" }, [SERIES], { settings: { keepIndexCurrent: true } });
		expect(await new IndexKeeper(t.host, 10).run()).toEqual([{ path: INDEX, outcome: "no region" }]);
		expect(await noteText(t.app, INDEX)).toBe("# Mine, no region\n");
	});

	it("writes an open index note through its editor", async () => {
		const t = await setup(true);
		const { editor } = await openInEditor(t.app, INDEX);
		const process = vi.spyOn(t.app.vault, "process");
		await addDigest(t);
		await vi.waitFor(() => expect(editor.getValue()).toContain(NEW_LINE), { timeout: 2000, interval: 10 });
		expect(process).not.toHaveBeenCalled();
	});
});
