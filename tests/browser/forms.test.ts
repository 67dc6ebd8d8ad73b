/**
 * The plugin's forms in a real browser, used with the keyboard alone: the insert form, the
 * new-digest form (from its ribbon button) and the settings tab, in the sandbox's modal shell,
 * which behaves as Obsidian's (a named dialog that holds focus and gives it back). axe-core checks
 * each in light and dark.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeViolations, seriousViolations } from "./axe";
import { openSandboxPage } from "./sandbox";
import { sharedSandbox } from "./shared-sandbox";

const sandbox = sharedSandbox();
let page: Page;
let errors: string[];

// Outside tracked files: `npm run screenshots` writes them to docs/screenshots for the README.
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? "test-results/screenshots";

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 25 });

beforeEach(async () => {
	({ page, errors } = await openSandboxPage(sandbox.get()));
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
			await page.keyboard.type("https://kubernetes.io/blog/2025/10/01/scheduler-whats-new/");
			await poll(() => page.locator(".digest-curator-duplicates").isVisible()).toBe(true);
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

describe("editor marks", () => {
	const PATH = "Digests/2025/Weekly Links 13-10-2025 to 26-10-2025.md";
	const NOTE = [
		"---",
		'title: "Weekly Links: 13-10-2025 to 26-10-2025"',
		"tags:",
		"  - weeklylinks",
		"---",
		"",
		"# Kubernetes",
		"",
		"[1. Blog - A first post](https://marks.example.com/one) 🌟 **(Recommended)**",
		"",
		"[3. Kubernetes Blog - The scheduler again](https://kubernetes.io/blog/2025/10/01/scheduler-whats-new/)",
		"",
	].join("\n");

	async function openMarkedNote(): Promise<void> {
		await page.evaluate(({ path, text }) => window.sandbox.addNote(path, text), { path: PATH, text: NOTE });
		await poll(() => page.evaluate((path) => window.sandbox.plugin.live.index.get(path) !== undefined, PATH)).toBe(true);
		await page.evaluate((path) => window.sandbox.open(path), PATH);
	}

	/** Contrast of two CSS colours as the page computes them (rgb() or color(srgb ...)). */
	async function contrastOf(mark: string, property: "textDecorationColor" | "color" | "boxShadow", lineSelector?: string): Promise<number> {
		return page.evaluate(
			({ mark, property, lineSelector }) => {
				const parse = (css: string): number[] => {
					const srgb = /color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)/.exec(css);
					if (srgb) return [1, 2, 3].map((i) => Number(srgb[i]) * 255);
					const rgb = /rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)/.exec(css);
					if (!rgb) throw new Error(`Cannot read the colour ${css}`);
					return [1, 2, 3].map((i) => Number(rgb[i]));
				};
				const lum = (c: number[]) => {
					const [r, g, b] = c.map((v) => {
						const s = v / 255;
						return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
					});
					return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
				};
				const el = document.querySelector<HTMLElement>(lineSelector ?? mark)!;
				const style = getComputedStyle(el);
				const fg = parse(property === "boxShadow" ? style.boxShadow : style[property]);
				let bgEl: HTMLElement | null = document.querySelector<HTMLElement>(".sandbox-pane-body");
				let bg = "rgba(0, 0, 0, 0)";
				while (bgEl && /rgba\(0, 0, 0, 0\)|transparent/.test(bg)) {
					bg = getComputedStyle(bgEl).backgroundColor;
					bgEl = bgEl.parentElement;
				}
				const [a, b] = [lum(fg), lum(parse(bg))].sort((x, y) => y - x);
				return (a! + 0.05) / (b! + 0.05);
			},
			{ mark, property, lineSelector },
		);
	}

	for (const theme of ["light", "dark"] as const) {
		it(`marks the whole number and the shared link so they can be seen, 3:1 or better, and explains them from the keyboard (${theme})`, async () => {
			await page.evaluate((t) => window.sandbox.setTheme(t), theme);
			await openMarkedNote();
			const numbering = page.locator(".digest-curator-numbering");
			await poll(() => numbering.textContent()).toBe("3.");
			await expect(numbering.getAttribute("title")).resolves.toBe('Entry number 3 in "Kubernetes" skips number 2.');
			expect(await contrastOf(".digest-curator-numbering", "textDecorationColor")).toBeGreaterThanOrEqual(3);
			const shared = page.locator(".digest-curator-shared-mark");
			await poll(() => shared.count()).toBe(1);
			await expect(shared.getAttribute("aria-label")).resolves.toMatch(/^Also in "Weekly Links: 29-09-2025 to 12-10-2025", Kubernetes #1/);
			// At least the size of the text around it.
			const size = await shared.evaluate((el) => {
				const box = el.getBoundingClientRect();
				const line = el.closest(".cm-line")!;
				return { w: box.width, h: box.height, font: parseFloat(getComputedStyle(line).fontSize) };
			});
			expect(size.h).toBeGreaterThanOrEqual(size.font);
			expect(size.w).toBeGreaterThanOrEqual(size.font);
			expect(await contrastOf(".digest-curator-shared-mark", "color")).toBeGreaterThanOrEqual(3);

			// The cursor on the marked line: the status bar says what the tooltip says, and so does the command's notice.
			await numbering.click();
			await poll(() => page.locator(".digest-curator-mark-status").textContent()).toMatch(/^Entry number 3 in "Kubernetes" skips number 2\./);
			await page.evaluate(() => window.sandbox.runCommand("explain-mark-at-cursor"));
			await poll(() => page.evaluate(() => window.sandbox.notices().some((n) => n.startsWith('Entry number 3 in "Kubernetes" skips number 2. Also in "Weekly Links: 29-09-2025 to 12-10-2025"')))).toBe(true);
		});
	}

	it("marks the items of a list-style collection note as it marks entry lines", async () => {
		const path = "Lists/Marked list.md";
		const text = ["# Databases", "", "## HA", "", "- [Failover](https://marks.example.com/failover) 🌟 **(Recommended)**", "\t- a nested [Nested](https://marks.example.com/nested) *(recommended)*", "1. [Ordered one](https://marks.example.com/o1)", "3. [Ordered three](https://marks.example.com/o3)", "- [broken](https://marks.example.com/b", ""].join("\n");
		const before = await page.evaluate(async () => {
			const p = window.sandbox.plugin;
			const saved = JSON.stringify(p.settings.series);
			p.settings.series = [...p.settings.series, { ...p.settings.series[0]!, name: "Marked lists", tag: "", folder: "Lists", entryStyle: "list", collection: true, categoryLevel: 2, categories: [] }];
			await p.settingsChanged();
			return saved;
		});
		try {
			await page.evaluate(({ path, text }) => window.sandbox.addNote(path, text), { path, text });
			await poll(() => page.evaluate((path) => window.sandbox.plugin.live.index.get(path) !== undefined, path)).toBe(true);
			await page.evaluate((path) => window.sandbox.open(path), path);
			const numbering = page.locator(".digest-curator-numbering");
			await poll(() => numbering.textContent()).toBe("3.");
			await expect(numbering.getAttribute("title")).resolves.toBe('Entry number 3 in "Databases › HA" skips number 2.');
			// The item's line is recommended; its nested line, though it says so, is commentary.
			const recommended = page.locator(".cm-line.digest-curator-recommended");
			await poll(() => recommended.count()).toBe(1);
			expect(await recommended.textContent()).toContain("[Failover]");
			await poll(() => page.locator(".cm-line.digest-curator-malformed").count()).toBe(1);
		} finally {
			await page.evaluate(async (saved) => {
				const p = window.sandbox.plugin;
				p.settings.series = JSON.parse(saved) as typeof p.settings.series;
				await p.settingsChanged();
			}, before);
		}
	});

	it("saves screenshots of the editor marks in the light and dark themes", async () => {
		await page.setViewportSize({ width: 1600, height: 900 });
		await openMarkedNote();
		await poll(() => page.locator(".digest-curator-numbering").count()).toBe(1);
		await poll(() => page.locator(".digest-curator-shared-mark").count()).toBe(1);
		const pane = page.locator(".sandbox-pane-body .cm-editor");
		for (const theme of ["light", "dark"] as const) {
			await page.evaluate((t) => window.sandbox.setTheme(t), theme);
			await pane.screenshot({ path: join(SCREENSHOTS, `editor-marks-${theme}.png`) });
		}
	});

	it("gives the recommended line's bar 3:1 or better in light and dark", async () => {
		const recommended = ".cm-line.digest-curator-recommended";
		await openMarkedNote();
		await poll(() => page.locator(recommended).count()).toBeGreaterThan(0);
		for (const theme of ["light", "dark"] as const) {
			await page.evaluate((t) => window.sandbox.setTheme(t), theme);
			expect(await contrastOf(recommended, "boxShadow")).toBeGreaterThanOrEqual(3);
		}
	});
});
