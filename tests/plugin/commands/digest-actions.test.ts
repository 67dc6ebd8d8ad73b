// The notice that confirms an inserted entry: its link opens the entry, and it registers nothing on the plugin.
import { Notice, WorkspaceLeaf } from "obsidian-test-mocks/obsidian";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SERIES, completeSeries } from "../../../src/core/format/series";
import { insertIntoDigest } from "../../../src/plugin/commands/digest-actions";
import { digestNote, makeTestHost } from "../support/host";

const SERIES = completeSeries({ ...DEFAULT_SERIES, name: "Weekly links", tag: "weeklylinks", categories: ["Networking"] });
const PATH = "Digests/Weekly Links 01-09-2025 to 14-09-2025.md";
const FILES = { [PATH]: digestNote("Weekly Links: 01-09-2025 to 14-09-2025", ["# Networking", "", "[1. Blog - Packets in flight](https://blog.example.net/packets)"]) };

/** What a component will undo on unload: a listener registered there lives until then. */
const cleanups = (component: object) => (component as { cleanups__: unknown[] }).cleanups__.length;

afterEach(() => {
	vi.restoreAllMocks();
});

describe("the notice of an inserted entry", () => {
	it("links to the entry with a listener on its own element, not one registered on the plugin", async () => {
		const t = await makeTestHost(FILES, [SERIES]);
		const shown = vi.spyOn(Notice.prototype, "constructor__");
		const openFile = vi.spyOn(WorkspaceLeaf.prototype, "openFile");
		const before = cleanups(t.plugin);
		for (let i = 0; i < 3; i++) {
			const result = await insertIntoDigest(t.host, PATH, { category: "Networking", url: `https://new.example.com/${i}`, title: `Fresh ${i}` });
			expect(result.ok).toBe(true);
		}
		// Three notices, gone after a few seconds: none may keep a listener (and its closure) alive on the plugin.
		expect(cleanups(t.plugin)).toBe(before);
		expect(shown).toHaveBeenCalledTimes(3);
		const notice = shown.mock.contexts[2] as Notice;
		expect(notice.messageEl.textContent).toBe(`Added "Fresh 2" to Networking in ${PATH.replace(/\.md$/, "")}`);
		const link = notice.messageEl.querySelector("a")!;
		const click = new MouseEvent("click", { bubbles: true, cancelable: true });
		link.dispatchEvent(click);
		expect(click.defaultPrevented).toBe(true);
		await vi.waitFor(() => expect(openFile).toHaveBeenCalledTimes(1));
		const [file, openState] = openFile.mock.calls[0]!;
		expect(file.path).toBe(PATH);
		// The third insert is entry 4 of the category, on line 15 (0-based 14).
		expect(openState).toEqual({ eState: { line: 14 } });
	});

	it("names the category as the note writes it, not as it was typed", async () => {
		const t = await makeTestHost(FILES, [SERIES]);
		const shown = vi.spyOn(Notice.prototype, "constructor__");
		const result = await insertIntoDigest(t.host, PATH, { category: "networking", url: "https://new.example.com/typed", title: "Typed" });
		expect(result.ok).toBe(true);
		const notice = shown.mock.contexts[0] as Notice;
		expect(notice.messageEl.textContent).toBe(`Added "Typed" to Networking in ${PATH.replace(/\.md$/, "")}`);
	});
});
