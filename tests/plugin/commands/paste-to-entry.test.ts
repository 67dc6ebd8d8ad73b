// The notice offered after a bare URL is pasted into a category: its button makes the entry, and it registers nothing on the plugin.
import type { Editor } from "obsidian";
import { MarkdownView, Notice, WorkspaceLeaf } from "obsidian-test-mocks/obsidian";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SERIES, completeSeries } from "../../../src/core/format/series";
import { registerPasteToEntry } from "../../../src/plugin/commands/paste-to-entry";
import { digestNote, makeTestHost } from "../support/host";

const SERIES = completeSeries({ ...DEFAULT_SERIES, name: "Weekly links", tag: "weeklylinks", categories: ["Networking"] });
const PATH = "Digests/Weekly Links 01-09-2025 to 14-09-2025.md";
const TEXT = digestNote("Weekly Links: 01-09-2025 to 14-09-2025", ["# Networking", "", "[1. Blog - Packets in flight](https://blog.example.net/packets)", "", ""]);

const cleanups = (component: object) => (component as { cleanups__: unknown[] }).cleanups__.length;

afterEach(() => {
	vi.restoreAllMocks();
});

describe("the notice offered after a pasted link", () => {
	it("makes the entry from its button, a listener on its own element, not one registered on the plugin", async () => {
		const t = await makeTestHost({ [PATH]: TEXT }, [SERIES], { settings: { pasteToEntry: true } });
		registerPasteToEntry(t.host);
		const leaf = WorkspaceLeaf.create2__(t.app);
		const view = MarkdownView.create2__(leaf);
		await leaf.open(view as never);
		view.file = t.app.vault.getFileByPath(PATH)!;
		const url = "https://example.org/pasted";
		const line = TEXT.split("\n").indexOf("[1. Blog - Packets in flight](https://blog.example.net/packets)") + 2;
		view.setViewData(TEXT, true);
		const editor = view.editor as unknown as Editor;
		editor.setCursor({ line, ch: 0 });
		const shown = vi.spyOn(Notice.prototype, "constructor__");
		const before = cleanups(t.plugin);

		const data = new DataTransfer();
		data.setData("text/plain", url);
		// The line is still empty when Obsidian reports the paste: the text goes in after.
		t.app.workspace.trigger("editor-paste", new ClipboardEvent("paste", { clipboardData: data, cancelable: true }), editor, view);
		editor.setLine(line, url);

		expect(shown).toHaveBeenCalledTimes(1);
		// The notice lasts a few seconds: its button may keep nothing alive on the plugin.
		expect(cleanups(t.plugin)).toBe(before);
		const button = (shown.mock.contexts[0] as Notice).messageEl.querySelector("button")!;
		expect(button.textContent).toBe("Make it entry 2");
		button.click();
		expect(editor.getLine(line)).toBe(`[2. ](${url})`);
	});
});
