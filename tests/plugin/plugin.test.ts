import { readFileSync } from "node:fs";
import type { Command, Editor, PluginManifest } from "obsidian";
import { App, MarkdownView, WorkspaceLeaf } from "obsidian-test-mocks/obsidian";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateVault } from "../../scripts/vault-generator";
import DigestCuratorPlugin from "../../main";
import { createNextDigest } from "../../src/plugin/commands/new-digest-action";
import { runCheck, runNew, summary } from "../../src/plugin/commands/cli-handlers";
import { insertIntoDigest } from "../../src/plugin/commands/digest-actions";

const manifest = JSON.parse(readFileSync("manifest.json", "utf8")) as PluginManifest;

const FIRST = [
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
	"- Why **MTU** matters, see [[Packet notes]].",
	"",
	"[3. Vendor - Fleet routing](https://vendor.example.com/fleet) #routing",
	"# Storage",
	"[1. Medium - Lakehouse notes](https://medium.example.com/lake)",
	"",
].join("\n");

const SECOND = [
	"---",
	'title: "Weekly Links: 15-09-2025 to 28-09-2025"',
	"tags: [weeklylinks]",
	"---",
	"",
	"# Networking",
	"",
	"[1. Blog - Packets again](https://www.blog.example.net/packets/?utm_source=feed)",
	"",
].join("\n");

const FILES = {
	"Digests/Weekly Links 01-09-2025 to 14-09-2025.md": FIRST,
	"Digests/Weekly Links 15-09-2025 to 28-09-2025.md": SECOND,
	"Packet notes.md": "Notes about packets.",
	"Other.md": "# Not a digest\n[1. X - Y](https://z.example.com)\n",
};
const FIRST_PATH = "Digests/Weekly Links 01-09-2025 to 14-09-2025.md";
const SECOND_PATH = "Digests/Weekly Links 15-09-2025 to 28-09-2025.md";

interface Loaded {
	app: App;
	plugin: DigestCuratorPlugin;
	commands: Map<string, Command>;
}

async function load(files: Record<string, string> = FILES, data?: unknown): Promise<Loaded> {
	const app = App.createConfigured__({ files });
	const plugin = new DigestCuratorPlugin(app.asOriginalType__(), manifest);
	if (data !== undefined) await plugin.saveData(data);
	await plugin.onload();
	const commands = (plugin as unknown as { commands__: Map<string, Command> }).commands__;
	return { app, plugin, commands };
}

async function ready(l: Loaded): Promise<void> {
	l.app.workspace.setLayoutReady__();
	await l.plugin.live.whenReady();
}

/** Opens a note in a mocked Markdown view and makes it the active editor, as Obsidian would. */
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

function check(l: Loaded, id: string, editor?: Editor, view?: MarkdownView): boolean {
	const cmd = l.commands.get(id)!;
	if (cmd.editorCheckCallback) return cmd.editorCheckCallback(true, editor!, view as never) === true;
	if (cmd.checkCallback) return cmd.checkCallback(true) === true;
	return true;
}

function run(l: Loaded, id: string, editor: Editor, view: MarkdownView): void {
	l.commands.get(id)!.editorCheckCallback!(false, editor, view as never);
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("loading the plugin", () => {
	it("registers every command without a default hotkey", async () => {
		const l = await load();
		expect([...l.commands.keys()].sort()).toEqual(
			["add-inbox-link", "add-to-collection", "check-all-digests", "check-links-all-digests", "check-links-this-digest", "check-this-digest", "copy-as-newsletter", "delete-entry", "discard-inbox-link", "explain-mark-at-cursor", "export-feeds", "insert-link-entry", "move-entry", "new-digest", "open-latest-digest", "renumber-entries", "toggle-recommended", "update-series-index", "write-period-dates", "write-recap"].concat([...l.commands.keys()].filter((k) => k === "open-digest-browser")).sort(),
		);
		for (const cmd of l.commands.values()) expect(cmd.hotkeys ?? []).toEqual([]);
	});

	it("indexes nothing until the layout is ready, then only the series' notes", async () => {
		const l = await load();
		expect(l.plugin.live.index.size).toBe(0);
		await ready(l);
		expect(l.plugin.live.index.digests().map((d) => d.path)).toEqual([FIRST_PATH, SECOND_PATH]);
	});

	it("reads only notes the metadata cache places in a series", async () => {
		const l = await load();
		const read = vi.spyOn(l.app.vault, "cachedRead");
		await ready(l);
		expect(read.mock.calls.map((c) => c[0].path).sort()).toEqual([FIRST_PATH, SECOND_PATH]);
	});

	it("migrates saved settings of the first shape", async () => {
		const l = await load(FILES, { tag: "weeklylinks", folder: "Digests" });
		expect(l.plugin.settings.series).toHaveLength(1);
		expect(l.plugin.settings.series[0]).toMatchObject({ tag: "weeklylinks", folder: "Digests" });
		expect(l.plugin.settings.settingsVersion).toBe(1);
		await l.plugin.saveSettings();
		expect(await l.plugin.loadData()).toMatchObject({ settingsVersion: 1, series: [{ folder: "Digests" }] });
	});
});

describe("the live index", () => {
	it("follows notes created, modified, renamed and deleted", async () => {
		const l = await load();
		await ready(l);
		const { vault } = l.app;
		const third = await vault.create("Digests/third.md", '---\ntitle: "29-09-2025 to 12-10-2025"\ntags: [weeklylinks]\n---\n# Tools\n[1. A - New tool](https://tools.example.org)\n');
		expect(l.plugin.live.index.get("Digests/third.md")?.categories[0]?.entries[0]?.title).toBe("New tool");
		await vault.modify(third, '---\ntitle: "29-09-2025 to 12-10-2025"\ntags: [weeklylinks]\n---\n# Tools\n[1. A - Renamed tool](https://tools.example.org)\n');
		expect(l.plugin.live.index.query({ text: "renamed" })).toHaveLength(1);
		await vault.rename(third, "Digests/2025/third.md");
		await vi.waitFor(() => expect(l.plugin.live.index.get("Digests/2025/third.md")).not.toBeNull());
		expect(l.plugin.live.index.get("Digests/third.md")).toBeNull();
		await vault.delete(vault.getFileByPath("Digests/2025/third.md")!);
		expect(l.plugin.live.index.get("Digests/2025/third.md")).toBeNull();
		await vault.modify(vault.getFileByPath(SECOND_PATH)!, SECOND.replace("tags: [weeklylinks]", "tags: [archive]"));
		expect(l.plugin.live.index.get(SECOND_PATH)).toBeNull();
	});

	it("announces changes to listeners", async () => {
		const l = await load();
		await ready(l);
		const heard = vi.fn();
		l.plugin.live.on("changed", heard);
		await l.app.vault.modify(l.app.vault.getFileByPath(SECOND_PATH)!, `${SECOND}\n`);
		expect(heard).toHaveBeenCalled();
	});

	it("makes the link maps and the word index after indexing, in the browser's idle time", async () => {
		// happy-dom has no requestIdleCallback: one that reports 50 ms of idle time a callback.
		const idle = vi.fn((cb: IdleRequestCallback) => window.setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 50 }), 0));
		Object.assign(window, { requestIdleCallback: idle });
		try {
			// Enough digests that the first slice, run from a timer, does not finish the work.
			const l = await load(Object.fromEntries(generateVault({ digests: 150, seed: 3 })));
			await ready(l);
			// warm() with a stop that stops at once tells whether anything is left to make.
			expect(l.plugin.live.index.warm(() => true)).toBe(false);
			await vi.waitFor(() => expect(l.plugin.live.index.warm(() => true)).toBe(true), { timeout: 3000 });
			expect(idle).toHaveBeenCalled();
		} finally {
			Reflect.deleteProperty(window, "requestIdleCallback");
		}
	});

	it("stops warming when the plugin is unloaded", async () => {
		const app = App.createConfigured__({ files: Object.fromEntries(generateVault({ digests: 150, seed: 3 })) });
		const plugin = new DigestCuratorPlugin(app.asOriginalType__(), manifest);
		// Loaded and unloaded as Obsidian does it (load() runs onload and keeps what it registers).
		plugin.load();
		await vi.waitFor(() => expect(plugin.live).toBeDefined());
		app.workspace.setLayoutReady__();
		await plugin.live.whenReady();
		plugin.unload();
		await new Promise((resolve) => window.setTimeout(resolve, 400));
		expect(plugin.live.index.warm(() => true)).toBe(false);
	});

	it("makes them in timer slices where there is no requestIdleCallback", async () => {
		expect("requestIdleCallback" in window).toBe(false);
		const l = await load();
		await ready(l);
		await vi.waitFor(() => expect(l.plugin.live.index.warm(() => true)).toBe(true), { timeout: 3000 });
	});

	it("re-indexes with new series when settings change", async () => {
		const l = await load();
		await ready(l);
		l.plugin.settings.series = [{ ...l.plugin.settings.series[0]!, folder: "Elsewhere" }];
		await l.plugin.settingsChanged();
		expect(l.plugin.live.index.size).toBe(0);
	});
});

describe("commands on the open digest", () => {
	it("show only where they apply", async () => {
		const l = await load();
		await ready(l);
		const other = await openInEditor(l, "Other.md");
		expect(check(l, "renumber-entries", other.editor, other.view)).toBe(false);
		expect(check(l, "toggle-recommended", other.editor, other.view)).toBe(false);
		const { editor, view } = await openInEditor(l, FIRST_PATH);
		expect(check(l, "renumber-entries", editor, view)).toBe(true);
		expect(check(l, "check-this-digest", editor, view)).toBe(true);
		editor.setCursor({ line: 6, ch: 0 }); // the heading
		expect(check(l, "toggle-recommended", editor, view)).toBe(false);
		expect(check(l, "delete-entry", editor, view)).toBe(false);
		editor.setCursor({ line: 8, ch: 3 }); // entry 1
		expect(check(l, "toggle-recommended", editor, view)).toBe(true);
		expect(check(l, "move-entry", editor, view)).toBe(true);
		expect(check(l, "insert-link-entry")).toBe(true);
		expect(check(l, "open-latest-digest")).toBe(true);
	});

	it("renumber changes only the digits, as one undo step", async () => {
		const l = await load();
		await ready(l);
		const { editor, view } = await openInEditor(l, FIRST_PATH);
		run(l, "renumber-entries", editor, view);
		expect(editor.getValue()).toBe(FIRST.replace("[3. Vendor", "[2. Vendor"));
		editor.undo();
		expect(editor.getValue()).toBe(FIRST);
	});

	it("toggle recommended adds and removes the flag on the entry at the cursor", async () => {
		const l = await load();
		await ready(l);
		const { editor, view } = await openInEditor(l, FIRST_PATH);
		editor.setCursor({ line: 12, ch: 0 });
		run(l, "toggle-recommended", editor, view);
		expect(editor.getLine(12)).toBe("[3. Vendor - Fleet routing](https://vendor.example.com/fleet) 🌟 **(Recommended)** #routing");
		run(l, "toggle-recommended", editor, view);
		expect(editor.getValue()).toBe(FIRST);
	});

	it("delete removes an entry alone in its group with its commentary, as one undo step", async () => {
		const l = await load();
		await ready(l);
		const { editor, view } = await openInEditor(l, FIRST_PATH);
		editor.setCursor({ line: 8, ch: 0 });
		run(l, "delete-entry", editor, view);
		expect(editor.getValue()).toBe(FIRST.replace("\n[1. Blog - Packets in flight](https://blog.example.net/packets)\n\n- Why **MTU** matters, see [[Packet notes]].\n", ""));
		editor.undo();
		expect(editor.getValue()).toBe(FIRST);
	});

	it("move takes the entry and its commentary to the chosen category, renumbering both, in one editor transaction", async () => {
		const l = await load();
		await ready(l);
		const { editor, view } = await openInEditor(l, FIRST_PATH);
		const transaction = vi.spyOn(editor, "transaction");
		const { CategoryModal } = await import("../../src/plugin/modals/category-modal");
		const offered: string[][] = [];
		vi.spyOn(CategoryModal.prototype, "open").mockImplementation(function (this: { getSuggestions(q: string): { name: string }[]; onChooseSuggestion(c: { name: string; isNew: boolean }): void }) {
			offered.push(this.getSuggestions("").map((c) => c.name));
			this.onChooseSuggestion({ name: "Storage", isNew: false });
		});
		// "Lakehouse notes" has no commentary: the moved commentary would be its too, and the user says share.
		const { ChoiceModal } = await import("../../src/plugin/modals/choice-modal");
		const asked: string[][] = [];
		vi.spyOn(ChoiceModal.prototype, "open").mockImplementation(function (this: InstanceType<typeof ChoiceModal<unknown>>) {
			const items = this.getItems();
			asked.push(items.map((i) => this.getItemText(i)));
			this.onChooseItem(items[0]);
		});
		editor.setCursor({ line: 8, ch: 0 });
		run(l, "move-entry", editor, view);
		await vi.waitFor(() => expect(editor.getValue()).not.toBe(FIRST));
		expect(offered).toEqual([["Storage"]]);
		expect(asked).toEqual([['Share the commentary of "Packets in flight" with "Lakehouse notes"', "Cancel"]]);
		expect(editor.getValue()).toBe(
			[
				"---",
				'title: "Weekly Links: 01-09-2025 to 14-09-2025"',
				"tags:",
				"  - weeklylinks",
				"---",
				"",
				"# Networking",
				"",
				"[1. Vendor - Fleet routing](https://vendor.example.com/fleet) #routing",
				"# Storage",
				"[1. Medium - Lakehouse notes](https://medium.example.com/lake)",
				"",
				"[2. Blog - Packets in flight](https://blog.example.net/packets)",
				"",
				"- Why **MTU** matters, see [[Packet notes]].",
				"",
			].join("\n"),
		);
		// One transaction of several changes; the mock's editor keeps an undo entry per change, where
		// Obsidian keeps one per transaction (tests/plugin/editor/editor-apply.test.ts undoes it in one step).
		expect(transaction).toHaveBeenCalledTimes(1);
	});

	it("check this digest lists the note's problems, duplicates from other digests included", async () => {
		const l = await load();
		await ready(l);
		const { editor, view } = await openInEditor(l, FIRST_PATH);
		const opened: string[] = [];
		vi.spyOn((await import("../../src/plugin/modals/problems-modal")).ProblemsModal.prototype, "open").mockImplementation(function (this: { problems: { code: string }[] }) {
			opened.push(...this.problems.map((p) => p.code));
		});
		run(l, "check-this-digest", editor, view);
		expect(opened.sort()).toEqual(["duplicate-url", "numbering"]);
	});
});

describe("inserting an entry", () => {
	it("goes through the open editor as one transaction when the digest is open", async () => {
		const l = await load();
		await ready(l);
		const { editor } = await openInEditor(l, SECOND_PATH);
		// "Packets again" has no commentary, so the new one is shared with it: asked for here.
		const result = await insertIntoDigest(l.plugin, SECOND_PATH, { category: "Networking", url: "https://new.example.com/x", title: "Fresh", source: "Blog", commentary: ["One thought"], shareCommentary: true });
		expect(result.ok).toBe(true);
		expect(editor.getValue()).toBe(`${SECOND}\n[2. Blog - Fresh](https://new.example.com/x)\n\n- One thought\n`.replace("feed)\n\n\n[2.", "feed)\n\n[2."));
		editor.undo();
		expect(editor.getValue()).toBe(SECOND);
	});

	it("uses Vault.process when the digest is not open, and leaves a malformed note alone", async () => {
		const l = await load();
		await ready(l);
		const process = vi.spyOn(l.app.vault, "process");
		const result = await insertIntoDigest(l.plugin, FIRST_PATH, { category: "Storage", url: "https://new.example.com/y", title: "Deep", recommended: true });
		expect(result.ok).toBe(true);
		expect(process).toHaveBeenCalledTimes(1);
		expect(await l.app.vault.read(l.app.vault.getFileByPath(FIRST_PATH)!)).toBe(`${FIRST.trimEnd()}\n\n[2. Deep](https://new.example.com/y) 🌟 **(Recommended)**\n`);
		const broken = `${SECOND}[2. Broken(https://x.example.com)\n`;
		await l.app.vault.modify(l.app.vault.getFileByPath(SECOND_PATH)!, broken);
		const refused = await insertIntoDigest(l.plugin, SECOND_PATH, { category: "Networking", url: "https://n.example.com", title: "N" });
		expect(refused.ok).toBe(false);
		expect(await l.app.vault.read(l.app.vault.getFileByPath(SECOND_PATH)!)).toBe(broken);
	});
});

describe("a new digest", () => {
	it("continues the period from the latest digest, with the series' name and title", async () => {
		const l = await load();
		await ready(l);
		const series = l.plugin.settings.series[0]!;
		const result = await createNextDigest(l.plugin, series, { year: 2025, month: 10, day: 12 });
		expect(result).toMatchObject({ ok: true, path: "Weekly Links 29-09-2025 to 12-10-2025.md", title: "Weekly Links: 29-09-2025 to 12-10-2025" });
		const text = await l.app.vault.read(l.app.vault.getFileByPath("Weekly Links 29-09-2025 to 12-10-2025.md")!);
		expect(text).toContain('title: "Weekly Links: 29-09-2025 to 12-10-2025"');
		expect(text).toContain("  - weeklylinks");
	});

	it("creates folders from the file name template and never overwrites a note", async () => {
		const l = await load();
		await ready(l);
		const series = { ...l.plugin.settings.series[0]!, folder: "Digests", fileNameTemplate: "{{year}}/Weekly Links {{start}} to {{end}}" };
		const created = await createNextDigest(l.plugin, series, { year: 2025, month: 10, day: 12 });
		expect(created).toMatchObject({ ok: true, path: "Digests/2025/Weekly Links 29-09-2025 to 12-10-2025.md" });
		await l.app.vault.modify(l.app.vault.getFileByPath("Digests/2025/Weekly Links 29-09-2025 to 12-10-2025.md")!, "mine");
		// The new note is not yet a digest of the series (no tag read back), so the period starts again from 29-09.
		const again = await createNextDigest(l.plugin, { ...series, tag: "nothing-has-this" }, { year: 2025, month: 10, day: 12 });
		expect(again.ok).toBe(false);
		expect(await l.app.vault.read(l.app.vault.getFileByPath("Digests/2025/Weekly Links 29-09-2025 to 12-10-2025.md")!)).toBe("mine");
	});

	it("refuses an empty period", async () => {
		const l = await load();
		await ready(l);
		const result = await createNextDigest(l.plugin, l.plugin.settings.series[0]!, { year: 2025, month: 9, day: 20 });
		expect(result.ok).toBe(false);
	});
});

describe("what other plugins and the view reach", () => {
	it("are plugin.api and plugin.linkHealth, over the loaded vault", async () => {
		const l = await load();
		await ready(l);
		expect(l.plugin.api.version).toBe(1);
		expect(l.plugin.api.latestDigest()?.path).toBe(SECOND_PATH);
		expect(l.plugin.api.findByUrl("https://blog.example.net/packets").map((e) => e.digestPath)).toEqual([FIRST_PATH, SECOND_PATH]);
		expect(l.plugin.linkHealth.linkStatus("https://blog.example.net/packets")).toBeNull();
		expect(l.plugin.linkHealth.problems()).toEqual([]);
	});
});

describe("Obsidian's command line", () => {
	it("registers its handlers where the API has them", async () => {
		const l = await load();
		const handlers = (l.plugin as unknown as { cliHandlers__: Map<string, unknown> }).cliHandlers__;
		expect([...handlers.keys()].sort()).toEqual(["digest-curator", "digest-curator:add", "digest-curator:check", "digest-curator:inbox", "digest-curator:new", "digest-curator:publish"]);
	});

	it("answers with the same core as the standalone CLI", async () => {
		const l = await load();
		await ready(l);
		expect(summary(l.plugin)).toMatch(/^2 digests, 4 entries, 1 shared link\./);
		const check = runCheck(l.plugin, {});
		expect(check).toMatch(/duplicate-url/);
		expect(check.trim().split("\n").at(-1)).toBe("Result: passed.");
		expect(runCheck(l.plugin, { strict: "true" }).trim().split("\n").at(-1)).toBe("Result: failed.");
		expect(await runNew(l.plugin, { date: "2025-09-20" })).toMatch(/^Error: /);
	});
});
