/**
 * The plugin's forms in a real browser, used with the keyboard alone: the insert form, the
 * new-digest form (from its ribbon button) and the settings tab, in the sandbox's modal shell,
 * which behaves as Obsidian's (a named dialog that holds focus and gives it back). axe-core checks
 * each in light and dark.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { describeViolations, seriousViolations } from "./axe";
import { openSandboxPage, startSandbox, type Sandbox } from "./sandbox";

let sandbox: Sandbox | undefined;
let startError: unknown = null;
let page: Page;
let errors: string[];

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 25 });

beforeAll(async () => {
	try {
		sandbox = await startSandbox();
	} catch (e) {
		startError = e;
	}
});

afterAll(async () => {
	await sandbox?.close();
});

beforeEach(async () => {
	if (!sandbox) throw startError instanceof Error ? startError : new Error(String(startError));
	({ page, errors } = await openSandboxPage(sandbox));
});

afterEach(async () => {
	expect(errors).toEqual([]);
	await page.close();
});

const dialog = (name: string) => page.getByRole("dialog", { name });

/**
 * The violations the plugin answers for. Left out: the contrast of Obsidian's own call-to-action
 * button (white on the default accent, 4.25:1 light and 3.82:1 dark), which the plugin uses as
 * Obsidian styles it (`setCta()`) and must not restyle.
 */
async function pluginViolations(scope: string) {
	const found = await seriousViolations(page, scope);
	return found.filter((v) => !(v.rule === "color-contrast" && v.target.endsWith(".mod-cta")));
}

/** Focuses the editor (the opener) and opens the insert form as its command does. */
async function openInsertForm(): Promise<void> {
	await page.locator(".cm-content").click();
	await poll(() => page.evaluate(() => document.activeElement?.classList.contains("cm-content") ?? false)).toBe(true);
	await page.evaluate(() => window.sandbox.runCommand("insert-link-entry"));
	await dialog("Insert link entry").waitFor();
}

/** The accessible name of the focused element, as Chromium's accessibility tree has it. */
async function focusedName(): Promise<string> {
	const snapshot = await page.locator("*:focus").ariaSnapshot();
	return snapshot.trim();
}

describe("the modal shell", () => {
	it("is a modal dialog named by its title that keeps focus inside and gives it back on Escape", async () => {
		await openInsertForm();
		const form = dialog("Insert link entry");
		await expect(form.getAttribute("aria-modal")).resolves.toBe("true");
		// Focus starts in the URL field, inside the dialog.
		await expect(page.getByRole("textbox", { name: "URL" }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
		// Tab goes round the dialog and never leaves it.
		const seen: string[] = [];
		for (let i = 0; i < 30; i++) {
			await page.keyboard.press("Tab");
			const inside = await page.evaluate(() => document.querySelector(".digest-curator-entry-modal")?.contains(document.activeElement) ?? false);
			expect(inside).toBe(true);
			seen.push(await focusedName());
		}
		const order = ["URL", "Paste link", "Title", "Fetch title", "Source", "Category", "Tags", "Recommended", "Commentary", "Digest", "Add entry", "Cancel"];
		// The fields in the order they are read, after the URL field and back round to it.
		const names = seen.map((snap) => order.find((n) => snap.includes(`"${n}"`)) ?? null).filter((n): n is string => n !== null);
		const round = names.slice(0, names.indexOf("URL") + 1);
		expect(round).toEqual([...order.slice(1), "URL"]);
		// Thirty stops on, focus is in the tags field, whose suggestions show: Escape closes them
		// first, then the form, and the editor has focus again.
		await expect(page.getByRole("textbox", { name: "Tags" }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
		await poll(() => page.locator(".suggestion-container").count()).toBe(1);
		await page.keyboard.press("Escape");
		await poll(() => page.locator(".suggestion-container").count()).toBe(0);
		await expect(form.count()).resolves.toBe(1);
		await page.keyboard.press("Escape");
		await poll(() => form.count()).toBe(0);
		await poll(() => page.evaluate(() => document.activeElement?.classList.contains("cm-content") ?? false)).toBe(true);
	});
});

describe("the insert form, with the keyboard only", () => {
	it("reaches every field in order, flips the switch with Space, and submits on Enter", async () => {
		await openInsertForm();
		await page.keyboard.type("https://keyboard.example.com/only");
		// Past the Paste link button to the title.
		await page.keyboard.press("Tab");
		await page.keyboard.press("Tab");
		await page.keyboard.type("Keyboard only");
		// Fetch title, then Source, Category (its suggestions take Escape first), Tags.
		await page.keyboard.press("Tab");
		await page.keyboard.press("Tab");
		await page.keyboard.type("Blog");
		await page.keyboard.press("Escape");
		await expect(dialog("Insert link entry").count()).resolves.toBe(1);
		await page.keyboard.press("Tab");
		await page.keyboard.type("Architecture");
		await page.keyboard.press("Escape");
		await page.keyboard.press("Tab");
		await page.keyboard.press("Tab");
		const toggle = page.getByRole("switch", { name: "Recommended" });
		await expect(toggle.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
		await expect(toggle.getAttribute("aria-checked")).resolves.toBe("false");
		await page.keyboard.press("Space");
		await expect(toggle.getAttribute("aria-checked")).resolves.toBe("true");
		await page.keyboard.press("Enter");
		await expect(toggle.getAttribute("aria-checked")).resolves.toBe("false");
		await page.keyboard.press("Space");
		// Back to the title, and Enter submits.
		for (let i = 0; i < 5; i++) await page.keyboard.press("Shift+Tab");
		await expect(page.getByRole("textbox", { name: "Title" }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
		await page.keyboard.press("Enter");
		await poll(() => dialog("Insert link entry").count()).toBe(0);
		await poll(() => page.evaluate(() => window.sandbox.editorText())).toContain("Blog - Keyboard only](https://keyboard.example.com/only) 🌟 **(Recommended)**");
		await poll(() => page.evaluate(() => window.sandbox.notices().some((n) => n.startsWith('Added "Keyboard only" to Architecture in ')))).toBe(true);
		await poll(() => page.evaluate(() => document.activeElement?.classList.contains("cm-content") ?? false)).toBe(true);
	});

	it("suggests categories, sources and tags; Enter picks a suggestion, Ctrl+Enter in the commentary submits", async () => {
		await openInsertForm();
		await page.keyboard.type("https://suggest.example.com/a");
		const category = page.getByRole("textbox", { name: "Category" });
		await category.focus();
		await page.keyboard.type("kube");
		const list = page.locator(".suggestion-container");
		await poll(() => list.locator(".suggestion-item").allTextContents()).toEqual(["Kubernetes"]);
		await page.keyboard.press("Enter");
		await expect(category.inputValue()).resolves.toBe("Kubernetes");
		await expect(dialog("Insert link entry").count()).resolves.toBe(1);
		const source = page.getByRole("textbox", { name: "Source" });
		await source.focus();
		await page.keyboard.type("med");
		await poll(() => list.locator(".suggestion-item").allTextContents()).toContain("Medium");
		await page.keyboard.press("Escape");
		await poll(() => list.count()).toBe(0);
		const tags = page.getByRole("textbox", { name: "Tags" });
		await tags.focus();
		await page.keyboard.type("kuber");
		await poll(() => list.locator(".suggestion-item").count()).toBeGreaterThan(0);
		await list.locator(".suggestion-item").first().click();
		await expect(tags.inputValue()).resolves.toMatch(/^kubernetes\S*, $/i);
		await page.getByRole("textbox", { name: "Title" }).fill("Suggested");
		const commentary = page.getByRole("textbox", { name: "Commentary" });
		await commentary.focus();
		await page.keyboard.type("First line");
		await page.keyboard.press("Enter");
		await page.keyboard.type("Second line");
		await expect(dialog("Insert link entry").count()).resolves.toBe(1);
		await page.keyboard.press("Control+Enter");
		await poll(() => dialog("Insert link entry").count()).toBe(0);
		await poll(() => page.evaluate(() => window.sandbox.editorText())).toContain("- First line\n- Second line");
	});

	it("says the page could not be reached when there is no network", async () => {
		await page.route("https://offline.example.com/**", (route) => route.abort("internetdisconnected"));
		// The browser logs the failed request; that is the point here.
		const logged = errors;
		errors = [];
		await openInsertForm();
		await page.keyboard.type("https://offline.example.com/post");
		await page.getByRole("button", { name: "Fetch title" }).click();
		const status = page.locator(".digest-curator-fetch-status");
		await poll(() => status.textContent()).toMatch(/^Could not reach the page at offline\.example\.com/);
		// The status describes the title field, so it is announced there.
		const described = await page.getByRole("textbox", { name: "Title" }).evaluate((el) => (el.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" "));
		expect(described).toMatch(/Could not reach the page/);
		expect(logged.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED"))).toEqual([]);
	});
});

describe("the ribbon and the settings tab", () => {
	it("has the plugin's ribbon button, which opens the new digest form", async () => {
		const ribbon = page.getByRole("button", { name: "New digest" }).and(page.locator(".side-dock-ribbon-action"));
		await ribbon.focus();
		await page.keyboard.press("Enter");
		const form = dialog("New digest");
		await form.waitFor();
		await expect(page.getByRole("textbox", { name: "Ends on" }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
		await page.keyboard.press("Escape");
		await poll(() => form.count()).toBe(0);
		await poll(() => ribbon.evaluate((el) => el === document.activeElement)).toBe(true);
	});

	it("shows the plugin's settings tab with named fields and switches", async () => {
		await page.getByRole("button", { name: "Settings" }).click();
		const settings = dialog("Digest Curator settings");
		await settings.waitFor();
		await expect(settings.getByRole("textbox", { name: "Name", exact: true }).first().inputValue()).resolves.not.toBe("");
		await expect(settings.getByRole("textbox", { name: "Cover", exact: true }).first().getAttribute("placeholder")).resolves.toBe("e.g. ![[cover.png|center|500]]");
		await expect(settings.getByRole("combobox", { name: "Category level" }).count()).resolves.toBeGreaterThan(0);
		const fetch = settings.getByRole("switch", { name: "Fetch titles automatically" });
		const before = await fetch.getAttribute("aria-checked");
		await fetch.focus();
		await page.keyboard.press("Space");
		await expect(fetch.getAttribute("aria-checked")).resolves.toBe(before === "true" ? "false" : "true");
		await poll(() => page.evaluate(() => window.sandbox.plugin.settings.fetchTitles)).toBe(before !== "true");
	});
});

describe("axe-core on the forms", () => {
	for (const theme of ["light", "dark"] as const) {
		it(`finds no critical or serious violation in the insert form, the new digest form and the settings tab (${theme})`, async () => {
			await page.evaluate((t) => window.sandbox.setTheme(t), theme);
			await openInsertForm();
			// With the duplicate warning and an error showing, so their colours are checked too.
			await page.keyboard.type("https://medium.com/");
			await page.getByRole("button", { name: "Add entry" }).click();
			await poll(() => page.locator(".digest-curator-form-errors").textContent()).not.toBe("");
			const insert = await pluginViolations(".digest-curator-entry-modal");
			expect(insert, describeViolations(insert)).toEqual([]);
			await page.keyboard.press("Escape");

			await page.evaluate(() => window.sandbox.runCommand("new-digest"));
			await dialog("New digest").waitFor();
			const newDigest = await pluginViolations(".digest-curator-new-digest-modal");
			expect(newDigest, describeViolations(newDigest)).toEqual([]);
			await page.keyboard.press("Escape");

			await page.evaluate(() => window.sandbox.openSettings());
			await dialog("Digest Curator settings").waitFor();
			// axe takes what the settings window's scrolling hides for hidden, and a label hidden so
			// for no label: the whole tab is laid out unclipped for the check.
			await page.addStyleTag({ content: ".modal.mod-settings { max-height: none; overflow: visible; } .modal-container { position: absolute; align-items: flex-start; }" });
			const settings = await pluginViolations(".vertical-tab-content");
			expect(settings, describeViolations(settings)).toEqual([]);
		});
	}
});
