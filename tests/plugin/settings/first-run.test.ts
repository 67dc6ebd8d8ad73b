import { WorkspaceLeaf } from "obsidian-test-mocks/obsidian";
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_SERIES } from "../../../src/core/format/series";
import { FirstRun } from "../../../src/plugin/settings/first-run";
import { DigestBrowserView } from "../../../src/plugin/view/browser-view";
import { makeTestHost } from "../support/host";

function roundup(n: number): string {
	const day = String(n * 7 + 1).padStart(2, "0");
	const end = String(n * 7 + 7).padStart(2, "0");
	return ["---", `title: "Roundup: ${day}-01-2026 to ${end}-01-2026"`, "tags: [roundup]", "---", "", "# Kubernetes", "", `[1. Blog - Post ${n}](https://blog.example/${n})`, "", "# Career", "", `[1. Medium - Story ${n}](https://medium.com/${n})`, ""].join("\n");
}

const FILES: Record<string, string> = {
	"Weekly/Roundup 01-01-2026 to 07-01-2026.md": roundup(0),
	"Weekly/Roundup 08-01-2026 to 14-01-2026.md": roundup(1),
	"Weekly/Roundup 15-01-2026 to 21-01-2026.md": roundup(2),
	"Notes/Unrelated.md": "# Just a note\n",
};

describe("first run on a vault whose digests carry their own tag", () => {
	it("offers the series found in the vault in the sidebar, saves it only on the click, and then lists its entries", async () => {
		const t = await makeTestHost(FILES, [{ ...DEFAULT_SERIES }]);
		const saveSettings = vi.fn(() => Promise.resolve());
		const settingsChanged = vi.fn(async () => t.live.rebuild(t.host.settings.series));
		const host = { ...t.host, saveSettings, settingsChanged };
		const firstRun = new FirstRun(host, false);
		const leaf = WorkspaceLeaf.create2__(t.app);
		const view = new DigestBrowserView(leaf.asOriginalType3__(), { ...host, firstRun });
		document.body.appendChild(view.containerEl);
		view.load();
		await view.onOpen();
		await firstRun.start();

		const empty = view.contentEl.querySelector(".digest-browser-empty")!;
		expect(empty.querySelector(".digest-browser-empty-text")!.textContent).toBe("No note matches the series Weekly links (tagged #weeklylinks). Check the tag and the folder in settings.");
		expect(empty.querySelector(".digest-browser-offer-summary")!.textContent).toBe("Found 3 notes that look like a digest series tagged #roundup in Weekly/.");
		expect([...empty.querySelectorAll(".digest-browser-offer-details li")].map((li) => li.textContent)).toContain("Dates: DD-MM-YYYY");
		// Nothing is saved before the click.
		expect(saveSettings).not.toHaveBeenCalled();
		expect(host.settings.series[0]!.tag).toBe("weeklylinks");

		const use = [...empty.querySelectorAll("button")].find((b) => b.textContent === "Use this series")!;
		use.click();
		await vi.waitFor(() => expect(settingsChanged).toHaveBeenCalled());
		await t.live.whenReady();
		expect(saveSettings).toHaveBeenCalledTimes(1);
		expect(host.settings.series).toHaveLength(1);
		expect(host.settings.series[0]).toMatchObject({ tag: "roundup", folder: "Weekly", categoryLevel: 1 });
		expect(t.live.index.size).toBe(3);
		view.refresh("top");
		expect(view.contentEl.querySelector(".digest-browser-empty")!.hasClass("is-hidden")).toBe(true);
	});

	it("offers nothing when the saved series already finds its digests", async () => {
		const t = await makeTestHost(FILES, [{ ...DEFAULT_SERIES, tag: "roundup", folder: "Weekly" }]);
		const firstRun = new FirstRun(t.host, true);
		await firstRun.start();
		expect(firstRun.current).toEqual([]);
	});
});

describe("new digest on first run", () => {
	it("points to the series found in the vault instead of writing a note with the defaults", async () => {
		const { newDigestCommand } = await import("../../../src/plugin/commands/new-digest-action");
		const t = await makeTestHost(FILES, [{ ...DEFAULT_SERIES }]);
		const firstRun = new FirstRun(t.host, false);
		await firstRun.start();
		expect(firstRun.current).toHaveLength(1);
		const before = t.app.vault.getFiles().length;
		expect(await newDigestCommand({ ...t.host, firstRun })).toBeNull();
		expect(t.app.vault.getFiles()).toHaveLength(before);
	});
});
