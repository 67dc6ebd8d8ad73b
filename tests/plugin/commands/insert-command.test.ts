import { readFileSync } from "node:fs";
import type { Command, PluginManifest } from "obsidian";
import { App, ExtraButtonComponent, Notice, Platform } from "obsidian-test-mocks/obsidian";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import DigestCuratorPlugin from "../../../main";
import { InsertEntryModal } from "../../../src/plugin/modals/entry-modal";
import { digestNote } from "../support/host";

// On iOS, reading the clipboard from script brings up a paste prompt, and without a tap it is
// refused: the insert form must never wait for the clipboard, nor read it on a phone unasked.

const manifest = JSON.parse(readFileSync("manifest.json", "utf8")) as PluginManifest;
const FILES = { "Weekly Links 01-09-2025 to 14-09-2025.md": digestNote("Weekly Links: 01-09-2025 to 14-09-2025", ["# Tools", "", "[1. Blog - A tool](https://tools.example.com/a)", ""]) };

const platform = { ...Platform };
let opened: InsertEntryModal[] = [];
let extraButtons: ExtraButtonComponent[] = [];

async function runInsertCommand(): Promise<void> {
	const app = App.createConfigured__({ files: FILES });
	const plugin = new DigestCuratorPlugin(app.asOriginalType__(), manifest);
	await plugin.onload();
	app.workspace.setLayoutReady__();
	await plugin.live.whenReady();
	const command = (plugin as unknown as { commands__: Map<string, Command> }).commands__.get("insert-link-entry")!;
	command.callback!();
}

function urlField(modal: InsertEntryModal): HTMLInputElement {
	return modal.contentEl.querySelector<HTMLInputElement>('[name="url"]')!;
}

beforeEach(() => {
	opened = [];
	extraButtons = [];
	// Opened as Obsidian opens a modal and keeps it open (the mock's open() closes it on the next tick).
	vi.spyOn(InsertEntryModal.prototype, "open").mockImplementation(function (this: InsertEntryModal) {
		opened.push(this);
		this.onOpen();
	});
	const create = ExtraButtonComponent.create__.bind(ExtraButtonComponent);
	vi.spyOn(ExtraButtonComponent, "create__").mockImplementation((el) => {
		const b = create(el);
		extraButtons.push(b);
		return b;
	});
});

afterEach(() => {
	vi.restoreAllMocks();
	Object.assign(Platform, platform);
});

describe("Insert link entry", () => {
	it("opens the form at once, without waiting for the clipboard", async () => {
		const readText = vi.spyOn(navigator.clipboard, "readText").mockReturnValue(new Promise<string>(() => {})); // a prompt nobody answers
		await runInsertCommand();
		expect(opened).toHaveLength(1);
		expect(urlField(opened[0]!).value).toBe("");
		expect(readText).toHaveBeenCalledTimes(1); // on desktop, asked after the form opened
	});

	it("fills the empty URL field from the clipboard once it answers, on desktop", async () => {
		vi.spyOn(navigator.clipboard, "readText").mockResolvedValue("  https://clip.example.com/post \n");
		await runInsertCommand();
		await vi.waitFor(() => expect(urlField(opened[0]!).value).toBe("https://clip.example.com/post"));
	});

	it("keeps what was typed before the clipboard answered", async () => {
		let answer!: (text: string) => void;
		vi.spyOn(navigator.clipboard, "readText").mockReturnValue(new Promise<string>((resolve) => (answer = resolve)));
		await runInsertCommand();
		const url = urlField(opened[0]!);
		url.value = "https://typed.example.com";
		url.dispatchEvent(new Event("input", { bubbles: true }));
		answer("https://clip.example.com/post");
		await new Promise((resolve) => window.setTimeout(resolve, 10));
		expect(url.value).toBe("https://typed.example.com");
	});

	it("never reads the clipboard on its own on a phone or tablet", async () => {
		Object.assign(Platform, { isMobile: true, isMobileApp: true, isIosApp: true, isDesktop: false, isDesktopApp: false });
		const readText = vi.spyOn(navigator.clipboard, "readText").mockResolvedValue("https://clip.example.com/post");
		await runInsertCommand();
		expect(opened).toHaveLength(1);
		await new Promise((resolve) => window.setTimeout(resolve, 10));
		expect(readText).not.toHaveBeenCalled();
		expect(urlField(opened[0]!).value).toBe("");
	});

	it("reads the clipboard when the Paste button is pressed, a tap iOS accepts", async () => {
		Object.assign(Platform, { isMobile: true, isMobileApp: true, isIosApp: true, isDesktop: false, isDesktopApp: false });
		const readText = vi.spyOn(navigator.clipboard, "readText").mockResolvedValue("https://clip.example.com/post");
		await runInsertCommand();
		const modal = opened[0]!;
		const paste = extraButtons.find((b) => modal.contentEl.contains(b.extraSettingsEl) && b.extraSettingsEl.getAttribute("aria-label") === "Paste link");
		expect(paste).toBeDefined();
		urlField(modal).value = "https://typed.example.com";
		paste!.simulateClick__();
		expect(readText).toHaveBeenCalledTimes(1);
		// Pressed, it replaces what the field holds.
		await vi.waitFor(() => expect(urlField(modal).value).toBe("https://clip.example.com/post"));
		// A clipboard without a link says so and changes nothing.
		readText.mockResolvedValue("not a link");
		paste!.simulateClick__();
		await vi.waitFor(() => expect(modal.contentEl.querySelector(".digest-curator-fetch-status")?.textContent).toBe("The clipboard holds no link."));
		expect(urlField(modal).value).toBe("https://clip.example.com/post");
	});
});

describe("insert link entry with no digest to add to", () => {
	it("stays in the palette and says why instead of vanishing", async () => {
		const app = App.createConfigured__({ files: { "Notes/Unrelated.md": "# A note\n" } });
		const plugin = new DigestCuratorPlugin(app.asOriginalType__(), manifest);
		await plugin.onload();
		app.workspace.setLayoutReady__();
		await plugin.live.whenReady();
		// `new Notice(...)` ends in constructor__, with the message first.
		const notices = vi.spyOn(Notice.prototype, "constructor__");
		const command = (plugin as unknown as { commands__: Map<string, Command> }).commands__.get("insert-link-entry")!;
		expect(command.checkCallback).toBeUndefined();
		command.callback!();
		expect(opened).toEqual([]);
		expect(notices.mock.calls.map((c) => c[0] as string)).toContain("No note matches the series Weekly links (tagged #weeklylinks). Check the tag and the folder in settings.");
	});
});
