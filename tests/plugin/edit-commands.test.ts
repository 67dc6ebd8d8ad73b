import { readFileSync } from "node:fs";
import type { Command, Editor, PluginManifest } from "obsidian";
import { App, MarkdownView, Notice, WorkspaceLeaf } from "obsidian-test-mocks/obsidian";
import { afterEach, describe, expect, it, vi } from "vitest";
import DigestCuratorPlugin from "../../main";
import { insertIntoDigest } from "../../src/plugin/commands/digest-actions";
import { entryFromForm } from "../../src/plugin/modals/entry-modal";
import { parseDigest } from "../../src/core/format/parser";
import { parse } from "yaml";

// Regression tests for issue 9 on the plugin's side: edits that wait for a modal act on the entry
// chosen, found again when they apply; the form's text is made safe as the CLI's is.

const manifest = JSON.parse(readFileSync("manifest.json", "utf8")) as PluginManifest;

const PATH = "Digests/Weekly Links 01-09-2025 to 14-09-2025.md";
// Lines (1-based): 7 # Networking, 9 entry 1 (commentary 11), 13 entry 3, 14 # Storage, 15 entry 1,
// 17 entry 2 of Storage in a group with 15, 19 their shared commentary.
const NOTE = [
	"---",
	'title: "Weekly Links: 01-09-2025 to 14-09-2025"',
	"tags:",
	"  - weeklylinks",
	"---",
	"",
	"# Networking",
	"",
	"[1. Blog - Packets in flight](https://blog.example.net/packets)",
	"",
	"- Why **MTU** matters.",
	"",
	"[2. Vendor - Fleet routing](https://vendor.example.com/fleet) #routing",
	"# Storage",
	"[1. Medium - Lakehouse notes](https://medium.example.com/lake)",
	"",
	"[2. Blog - Tables in object storage](https://blog.example.net/tables)",
	"",
	"- Both on open table formats.",
	"",
].join("\n");

interface Loaded {
	app: App;
	plugin: DigestCuratorPlugin;
	commands: Map<string, Command>;
}

async function load(files: Record<string, string> = { [PATH]: NOTE }): Promise<Loaded> {
	const app = App.createConfigured__({ files });
	const plugin = new DigestCuratorPlugin(app.asOriginalType__(), manifest);
	await plugin.onload();
	const commands = (plugin as unknown as { commands__: Map<string, Command> }).commands__;
	app.workspace.setLayoutReady__();
	await plugin.live.whenReady();
	return { app, plugin, commands };
}

async function openInEditor(l: Loaded, path: string): Promise<{ editor: Editor; view: MarkdownView }> {
	const file = l.app.vault.getFileByPath(path)!;
	const leaf = WorkspaceLeaf.create2__(l.app);
	const view = MarkdownView.create2__(leaf);
	await leaf.open(view as never);
	view.file = file;
	view.setViewData(await l.app.vault.read(file), true);
	l.app.workspace.setActiveLeaf(leaf);
	Object.assign(l.app.workspace, { activeEditor: view });
	return { editor: view.editor as unknown as Editor, view };
}

function run(l: Loaded, id: string, editor: Editor, view: MarkdownView): void {
	l.commands.get(id)!.editorCheckCallback!(false, editor, view as never);
}

/** The text of every notice shown from now on. */
function notices(): () => string[] {
	const spy = vi.spyOn(Notice.prototype, "constructor__");
	return () => spy.mock.contexts.map((n) => (n as Notice).messageEl.textContent ?? "");
}

function categories(text: string): [string, string[]][] {
	return parseDigest(text, PATH, { parseYaml: parse }).categories.map((c) => [c.name, c.entries.map((e) => e.title)]);
}

/** Holds the category picker open until the test picks. */
async function pickerThatWaits(): Promise<{ pick: (name: string | null) => void; opened: () => boolean }> {
	const { CategoryModal } = await import("../../src/plugin/modals/category-modal");
	type Picker = { onChooseSuggestion(c: { name: string; isNew: boolean }): void; onClose(): void };
	const opened: Picker[] = [];
	vi.spyOn(CategoryModal.prototype, "open").mockImplementation(function (this: Picker) {
		opened.push(this);
	});
	const modal = (): Picker | undefined => opened[0];
	return {
		opened: () => modal() !== undefined,
		pick: (name) => {
			if (name === null) modal()!.onClose();
			else modal()!.onChooseSuggestion({ name, isNew: false });
		},
	};
}

/** Answers the next choice modal with the item whose label matches. */
async function answerChoice(matching: RegExp): Promise<string[][]> {
	const { ChoiceModal } = await import("../../src/plugin/modals/choice-modal");
	const offered: string[][] = [];
	vi.spyOn(ChoiceModal.prototype, "open").mockImplementation(function (this: InstanceType<typeof ChoiceModal<unknown>>) {
		const items = this.getItems();
		const labels = items.map((i) => this.getItemText(i));
		offered.push(labels);
		const k = labels.findIndex((t) => matching.test(t));
		if (k >= 0) this.onChooseItem(items[k]);
		else this.onClose();
	});
	return offered;
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("Move entry to category", () => {
	it("moves the entry that was chosen, even when lines above it changed while the picker was open", async () => {
		const l = await load();
		const { editor, view } = await openInEditor(l, PATH);
		const shown = notices();
		const picker = await pickerThatWaits();
		// The new entry joins its group: the move asks where the shared commentary goes.
		const offered = await answerChoice(/^Move the commentary/);
		editor.setCursor({ line: 8, ch: 0 }); // Packets in flight
		run(l, "move-entry", editor, view);
		expect(picker.opened()).toBe(true);
		// Meanwhile a new entry goes in above it: the old line now holds that one.
		editor.replaceRange("[0. New - Just typed](https://new.example/typed)\n\n", { line: 8, ch: 0 });
		picker.pick("Storage");
		await vi.waitFor(() => expect(shown().length).toBeGreaterThan(0));
		expect(categories(editor.getValue())).toEqual([
			["Networking", ["Just typed", "Fleet routing"]],
			["Storage", ["Lakehouse notes", "Tables in object storage", "Packets in flight"]],
		]);
		expect(shown()).toEqual(['Moved "Packets in flight" to Storage.']);
		expect(offered).toEqual([['Move the commentary with "Packets in flight"', 'Leave the commentary with "Just typed"', "Copy the commentary: both keep it", "Cancel"]]);
	});

	it("offers the series' categories in order, then the note's others, marking those the move would create", async () => {
		const l = await load();
		l.plugin.settings.series[0]!.categories = ["Security", "Networking", "Storage"];
		const { editor, view } = await openInEditor(l, PATH);
		const { CategoryModal } = await import("../../src/plugin/modals/category-modal");
		const offered: string[][] = [];
		vi.spyOn(CategoryModal.prototype, "open").mockImplementation(function (this: InstanceType<typeof CategoryModal>) {
			offered.push(
				this.getSuggestions("").map((c) => {
					const el = createDiv();
					this.renderSuggestion(c, el);
					return el.textContent ?? "";
				}),
			);
		});
		editor.setCursor({ line: 8, ch: 0 }); // Packets in flight, under Networking
		run(l, "move-entry", editor, view);
		expect(offered).toEqual([["Security (new in this digest)", "Storage"]]);
	});

	it("leaves a group's shared commentary with the others when asked", async () => {
		const l = await load();
		const { editor, view } = await openInEditor(l, PATH);
		const picker = await pickerThatWaits();
		await answerChoice(/^Leave the commentary/);
		editor.setCursor({ line: 14, ch: 0 }); // Lakehouse notes, first of its group with Tables in object storage
		run(l, "move-entry", editor, view);
		picker.pick("Networking");
		await vi.waitFor(() => expect(editor.getValue()).not.toBe(NOTE));
		const d = parseDigest(editor.getValue(), PATH, { parseYaml: parse });
		expect(d.categories.map((c) => c.entries.map((e) => [e.title, e.commentary]))).toEqual([
			[["Packets in flight", "- Why **MTU** matters."], ["Fleet routing", ""], ["Lakehouse notes", ""]],
			[["Tables in object storage", "- Both on open table formats."]],
		]);
	});

	it("changes nothing and says so when the entry is gone by the time a category is picked", async () => {
		const l = await load();
		const { editor, view } = await openInEditor(l, PATH);
		const shown = notices();
		const picker = await pickerThatWaits();
		editor.setCursor({ line: 8, ch: 0 });
		run(l, "move-entry", editor, view);
		// The entry and its commentary are deleted by hand: its line now holds "Fleet routing".
		editor.replaceRange("", { line: 8, ch: 0 }, { line: 12, ch: 0 });
		const before = editor.getValue();
		picker.pick("Storage");
		await vi.waitFor(() => expect(shown().length).toBeGreaterThan(0));
		expect(editor.getValue()).toBe(before);
		expect(shown()).toEqual(['"Packets in flight" is no longer in the note, so nothing was changed.']);
	});
});

describe("Delete entry", () => {
	it("asks whether a group's shared commentary goes with its last entry", async () => {
		const l = await load();
		const { editor, view } = await openInEditor(l, PATH);
		const offered = await answerChoice(/^Delete the commentary/);
		editor.setCursor({ line: 16, ch: 0 }); // Tables in object storage, last of its group
		run(l, "delete-entry", editor, view);
		await vi.waitFor(() => expect(editor.getValue()).not.toBe(NOTE));
		expect(offered).toHaveLength(1);
		expect(editor.getValue()).toBe(NOTE.replace("\n\n[2. Blog - Tables in object storage](https://blog.example.net/tables)\n\n- Both on open table formats.\n", "\n"));
	});

	it("keeps the commentary for the others when asked to", async () => {
		const l = await load();
		const { editor, view } = await openInEditor(l, PATH);
		await answerChoice(/^Keep the commentary/);
		editor.setCursor({ line: 16, ch: 0 });
		run(l, "delete-entry", editor, view);
		await vi.waitFor(() => expect(editor.getValue()).not.toBe(NOTE));
		expect(editor.getValue()).toBe(NOTE.replace("\n\n[2. Blog - Tables in object storage](https://blog.example.net/tables)", ""));
	});

	it("does nothing when the question is cancelled", async () => {
		const l = await load();
		const { editor, view } = await openInEditor(l, PATH);
		const offered = await answerChoice(/^no such choice$/);
		editor.setCursor({ line: 16, ch: 0 });
		run(l, "delete-entry", editor, view);
		await vi.waitFor(() => expect(offered).toHaveLength(1));
		await new Promise((r) => window.setTimeout(r, 10));
		expect(editor.getValue()).toBe(NOTE);
	});

	it("renumbers the category", async () => {
		const l = await load();
		const { editor, view } = await openInEditor(l, PATH);
		editor.setCursor({ line: 8, ch: 0 });
		run(l, "delete-entry", editor, view);
		await vi.waitFor(() => expect(editor.getValue()).not.toBe(NOTE));
		expect(editor.getValue()).toContain("# Networking\n\n[1. Vendor - Fleet routing]");
	});
});

describe("the insert form's text", () => {
	it("never hides the rest of the note", async () => {
		// Networking's last entry has commentary of its own, so the new one starts a group.
		const note = NOTE.replace("#routing\n", "#routing\n\n- Routing notes.\n");
		const l = await load({ [PATH]: note });
		const entry = entryFromForm({ url: "https://n.example/x", title: "X", source: "", category: "Networking", tags: "", recommended: false, commentary: "%% todo\n<!-- draft\n```" });
		const r = await insertIntoDigest(l.plugin, PATH, entry);
		expect(r.ok).toBe(true);
		const text = await l.app.vault.read(l.app.vault.getFileByPath(PATH)!);
		expect(categories(text)).toEqual([
			["Networking", ["Packets in flight", "Fleet routing", "X"]],
			["Storage", ["Lakehouse notes", "Tables in object storage"]],
		]);
	});
});
