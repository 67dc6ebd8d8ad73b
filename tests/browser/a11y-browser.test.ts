/**
 * The digest browser for keyboard and screen-reader users, in a real Chromium on the sandbox:
 * axe-core over every mode in light and dark, the treegrid's rows as the browser's accessibility
 * tree announces them, every mode, filter and row action by keyboard alone, and screenshots at the
 * widths of a sidebar (300 and 450 px).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { BROWSER_MODES, type BrowserMode } from "../../src/core/browse/browser-state";
import { describeViolations, seriousViolations } from "./axe";
import { openSandboxPage } from "./sandbox";
import { sharedSandbox } from "./shared-sandbox";

// Outside tracked files: `npm run screenshots` writes them to docs/screenshots for the README.
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? "test-results/screenshots";

const sandbox = sharedSandbox();
let page: Page;
let errors: string[];

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 25 });

afterEach(async () => {
	if (!page) return;
	await page.close();
	expect(errors, "errors in the page").toEqual([]);
});

async function open(theme: "light" | "dark", sidebarWidth?: number): Promise<void> {
	({ page, errors } = await openSandboxPage(sandbox.get(), `?theme=${theme}`));
	if (sidebarWidth !== undefined) await page.addStyleTag({ content: `.sandbox-app { --sandbox-sidebar-width: ${sidebarWidth}px; }` });
	await page.evaluate(() => {
		const opened: string[] = [];
		Object.assign(window, { openedUrls: opened });
		window.open = (url?: string | URL) => {
			opened.push(String(url));
			return null;
		};
	});
	await page.locator(".digest-browser-entry[data-key]").first().waitFor();
}

const list = () => page.locator(".digest-browser-list");
const summary = () => page.locator(".digest-browser-summary");
const activePath = () => page.evaluate(() => window.sandbox.activePath());
const openedUrls = () => page.evaluate(() => (window as unknown as { openedUrls: string[] }).openedUrls);

/** Shows a mode by its button; mentions mode with a note that digests mention open. */
async function showMode(mode: BrowserMode): Promise<void> {
	if (mode === "mentions") {
		await page.evaluate(() => window.sandbox.open("Notes/Service mesh.md"));
		await poll(activePath).toBe("Notes/Service mesh.md");
	}
	const button = page.locator(`.digest-browser-mode[data-mode="${mode}"]`);
	expect(await button.count(), `a button for mode ${mode}`).toBe(1);
	await button.click();
	await poll(() => button.getAttribute("aria-pressed")).toBe("true");
	// Rows, or (a mode that shows no list, or nothing to list) the list hidden.
	await poll(async () => (await page.locator(".digest-browser-list .digest-browser-row[data-key]").count()) > 0 || (await list().evaluate((el) => el.classList.contains("is-hidden")))).toBe(true);
}

/** The active descendant of the list, as the accessibility tree has it (what a screen reader announces). */
interface Announced {
	role: string;
	name: string;
	description: string;
	level?: number;
	posinset?: number;
	setsize?: number;
	expanded?: boolean;
	selected?: boolean;
	keyshortcuts?: string;
}

async function announcedActive(): Promise<Announced> {
	const id = await list().getAttribute("aria-activedescendant");
	expect(id, "the list has an active descendant").not.toBeNull();
	expect(await page.locator(`[id="${id}"]`).count(), "the active descendant is in the page").toBe(1);
	const client = await page.context().newCDPSession(page);
	try {
		const { root } = await client.send("DOM.getDocument", { depth: 0 });
		const { nodeId } = await client.send("DOM.querySelector", { nodeId: root.nodeId, selector: `[id="${id}"]` });
		const { nodes } = (await client.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false })) as {
			nodes: { role?: { value: string }; name?: { value: string }; description?: { value: string }; properties?: { name: string; value: { value: unknown } }[] }[];
		};
		const n = nodes[0]!;
		const prop = (name: string) => n.properties?.find((p) => p.name === name)?.value.value;
		// The DevTools protocol lists no position in the set: read from the attributes the tree takes it from.
		const attr = async (name: string) => Number(await page.locator(`[id="${id}"]`).getAttribute(name));
		return {
			role: n.role?.value ?? "",
			name: n.name?.value ?? "",
			description: n.description?.value ?? "",
			level: prop("level") as number | undefined,
			posinset: await attr("aria-posinset"),
			setsize: await attr("aria-setsize"),
			expanded: prop("expanded") as boolean | undefined,
			selected: prop("selected") as boolean | undefined,
			keyshortcuts: prop("keyshortcuts") as string | undefined,
		};
	} finally {
		await client.detach();
	}
}

const focused = () => page.evaluate(() => {
	const el = document.activeElement as HTMLElement | null;
	return el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""}|${el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 40) ?? ""}` : "";
});

describe("the digest browser's accessibility", () => {
	for (const theme of ["light", "dark"] as const) {
		it(`has no critical or serious axe violation in any mode, in the ${theme} theme`, async () => {
			await open(theme);
			const found: string[] = [];
			for (const mode of BROWSER_MODES) {
				await showMode(mode);
				// A commentary open where there is one, a row selected and the list focused: the states axe should see.
				const expand = page.locator(".digest-browser-entry[data-key] [data-action=expand]").first();
				if ((await expand.count()) > 0) {
					await expand.click();
					await page.locator(".digest-browser-commentary").first().waitFor();
				}
				await list().focus();
				await list().press("ArrowDown");
				await page.mouse.move(0, 0);
				const violations = await seriousViolations(page, ".digest-browser");
				if (violations.length > 0) found.push(`${mode}:\n${describeViolations(violations)}`);
				// Every row drawn is a treegrid row that knows its level and place.
				const bad = await page.locator(".digest-browser-list .digest-browser-row[data-key]").evaluateAll((els) =>
					els
						.filter((el) => {
							const [level, pos, size] = ["aria-level", "aria-posinset", "aria-setsize"].map((a) => Number(el.getAttribute(a)));
							return el.getAttribute("role") !== "row" || !(level! >= 1 && pos! >= 1 && pos! <= size!);
						})
						.map((el) => el.outerHTML.slice(0, 120)),
				);
				if (bad.length > 0) found.push(`${mode}: rows without a place in the tree:\n${bad.join("\n")}`);
			}
			expect(found.join("\n"), "axe violations").toBe("");
		});
	}

	it("announces group and entry rows with their level, place in the whole list and state", async () => {
		await open("light");
		await list().focus();
		// Focused, the list selects the first row: the first group's header.
		const group = await announcedActive();
		const groups = await page.evaluate(() => window.sandbox.plugin.live.index.allEntries().reduce((set, ie) => set.add(ie.category.name.toLowerCase()), new Set<string>()).size);
		expect(group).toMatchObject({ role: "row", level: 1, posinset: 1, setsize: groups, expanded: true, selected: true });
		expect(group.name).toMatch(/^\S.*, \d+ (entry|entries)$/);
		const groupSize = Number(/(\d+) entr/.exec(group.name)![1]);
		await list().press("ArrowDown");
		const entry = await announcedActive();
		expect(entry).toMatchObject({ role: "row", level: 2, posinset: 1, setsize: groupSize, selected: true });
		// Name: number, title, source; description: the rest; the keys announced.
		const key = await page.locator(".digest-browser-entry.is-selected").getAttribute("data-key");
		const ie = await page.evaluate((k) => {
			const found = window.sandbox.plugin.live.index.allEntries().find((x) => `${x.digest.path}:${x.entry.line}` === k)!;
			return { number: found.entry.number, title: found.entry.title, source: found.entry.source, category: found.category.name, digest: found.digest.title, commentary: found.entry.commentary !== "" };
		}, key);
		expect(entry.name).toBe(`${ie.number}. ${ie.title}${ie.source ? `, ${ie.source}` : ""}`);
		expect(entry.description).toContain(`${ie.category} in ${ie.digest}`);
		expect(entry.keyshortcuts).toContain("Shift+F10");
		expect(entry.keyshortcuts).toContain("Control+C");
		if (ie.commentary) expect(entry.expanded).toBe(false);
		// The last row of the whole list, far past the rendered window, is rendered and in its place.
		await list().press("End");
		const last = await announcedActive();
		expect(last.posinset).toBe(last.setsize);
		await list().press("Home");
		expect(await announcedActive()).toMatchObject({ level: 1, posinset: 1 });
		// Collapsed, a group says so.
		await list().press("ArrowLeft");
		expect(await announcedActive()).toMatchObject({ level: 1, expanded: false });
	});

	it("keeps the selected row drawn while the list scrolls away from it, and moves by page", async () => {
		await open("light");
		await list().focus();
		await list().press("ArrowDown");
		const id = await list().getAttribute("aria-activedescendant");
		await list().evaluate((el) => {
			el.scrollTop = el.scrollHeight;
			el.dispatchEvent(new Event("scroll"));
		});
		await page.evaluate(() => new Promise((done) => window.requestAnimationFrame(() => done(null))));
		expect(await list().getAttribute("aria-activedescendant")).toBe(id);
		expect(await page.locator(`[id="${id}"][data-key]`).count()).toBe(1);
		// PageDown moves the selection (not only the view) by about a view of rows.
		const before = (await announcedActive()).posinset!;
		await list().press("PageDown");
		const after = await announcedActive();
		expect(after.level === 1 || after.posinset! > before).toBe(true);
		const top = await list().evaluate((el) => el.scrollTop);
		const row = await page.locator(`[id="${(await list().getAttribute("aria-activedescendant"))!}"]`).boundingBox();
		const view = await list().boundingBox();
		expect(row!.y).toBeGreaterThanOrEqual(view!.y - 1);
		expect(row!.y + row!.height).toBeLessThanOrEqual(view!.y + view!.height + 1);
		expect(top).toBeGreaterThan(0);
	});

	it("reaches every mode, filter and row action with the keyboard alone", async () => {
		await open("light");
		await page.evaluate(() => {
			const w = window as unknown as { copied: string[]; leaves: unknown[] };
			w.copied = [];
			w.leaves = [];
			Object.defineProperty(navigator, "clipboard", { value: { writeText: async (t: string) => void w.copied.push(t), readText: async () => "" }, configurable: true });
			const ws = window.sandbox.plugin.app.workspace;
			const getLeaf = ws.getLeaf.bind(ws);
			ws.getLeaf = (newLeaf?: Parameters<typeof getLeaf>[0]) => {
				w.leaves.push(newLeaf ?? false);
				return getLeaf(newLeaf);
			};
		});
		const copied = () => page.evaluate(() => (window as unknown as { copied: string[] }).copied);
		const leaves = () => page.evaluate(() => (window as unknown as { leaves: unknown[] }).leaves);

		// Modes: Tab goes through the mode buttons, one for each mode; Enter or Space presses one.
		const buttonModes = await page.locator(".digest-browser-mode").evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.mode ?? ""));
		expect([...buttonModes].sort()).toEqual([...BROWSER_MODES].sort());
		await page.locator(".digest-browser-mode").first().focus();
		for (const [i, mode] of buttonModes.entries()) {
			if (i > 0) await page.keyboard.press("Tab");
			expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.mode)).toBe(mode);
			if (mode !== "mentions") {
				await page.keyboard.press(i % 2 === 0 ? "Enter" : "Space");
				await poll(() => page.locator(`.digest-browser-mode[data-mode="${mode}"]`).getAttribute("aria-pressed")).toBe("true");
			}
		}
		await page.locator(`.digest-browser-mode[data-mode="all"]`).focus();
		await page.keyboard.press("Enter");
		const all = await summary().textContent();

		// The search, then the filters: opened with Enter, each control set from the keyboard.
		await page.keyboard.press("Shift+Tab");
		while (!(await focused()).startsWith("input")) await page.keyboard.press("Tab");
		await page.keyboard.type("fleet");
		await poll(() => summary().textContent()).not.toBe(all);
		await page.keyboard.press("Escape");
		await poll(() => summary().textContent()).toBe(all);
		// Past the search's help button (?), the filters.
		await page.keyboard.press("Tab");
		if ((await focused()).includes("digest-browser-search-help-button")) await page.keyboard.press("Tab");
		expect(await focused()).toContain("summary");
		await page.keyboard.press("Enter");
		await poll(() => page.locator(".digest-browser-select[aria-label=Category] option").count()).toBeGreaterThan(1);
		const filterStates: string[] = [];
		for (const label of ["Category", "Source", "Tag"]) {
			const select = page.locator(`.digest-browser-select[aria-label="${label}"]`);
			await select.focus();
			await page.keyboard.press("ArrowDown");
			await poll(() => select.inputValue()).not.toBe("");
			await poll(() => summary().textContent()).not.toBe(all);
			filterStates.push(`${label}=${await select.inputValue()}`);
			await page.keyboard.press("Home");
			await poll(() => select.inputValue()).toBe("");
		}
		expect(filterStates).toHaveLength(3);
		const recommended = page.getByRole("checkbox", { name: "Recommended only" });
		await recommended.focus();
		await page.keyboard.press("Space");
		await poll(() => recommended.isChecked()).toBe(true);
		await poll(() => summary().textContent()).not.toBe(all);
		await page.keyboard.press("Space");
		await poll(() => summary().textContent()).toBe(all);
		const from = page.locator(".digest-browser-date input").first();
		await from.focus();
		// A text field in the series' date format (DD-MM-YYYY here): a whole date applies as typed.
		await page.keyboard.type("01-01-2026");
		await poll(() => page.locator(".digest-browser-empty-text").isVisible()).toBe(true);
		await page.keyboard.press("ControlOrMeta+A");
		await page.keyboard.press("Backspace");
		await page.keyboard.press("Tab");
		await poll(() => summary().textContent()).toBe(all);
		const groupBy = page.locator(".digest-browser-select[aria-label='Group by']");
		await groupBy.focus();
		// The arrows step through the menu's groupings in their order.
		const second = await groupBy.locator("option").nth(1).getAttribute("value");
		await page.keyboard.press("ArrowDown");
		await poll(() => groupBy.inputValue()).toBe(second);
		await page.keyboard.press("ArrowUp");
		await poll(() => groupBy.inputValue()).toBe("category");

		// Into the list with Tab: one stop; the focus shows on the selected row.
		while ((await focused()).split("|")[0] !== "div.digest-browser-list") await page.keyboard.press("Tab");
		await poll(() => page.locator(".digest-browser-row.is-selected").count()).toBe(1);
		const ring = await page.locator(".digest-browser-row.is-selected").evaluate((el) => getComputedStyle(el).boxShadow);
		expect(ring).toContain("inset");
		// A row with commentary: ArrowRight shows it; Tab then leaves the list, past the commentary's links.
		const withCommentary = await page.evaluate(() => {
			const ie = window.sandbox.plugin.live.index.allEntries().find((x) => x.entry.commentary.includes("[["))!;
			return ie.entry.title;
		});
		await page.keyboard.press("/");
		await page.keyboard.type(withCommentary);
		await poll(() => page.locator(".digest-browser-entry[data-key]").count()).toBe(1);
		await page.keyboard.press("ArrowDown");
		await page.keyboard.press("ArrowDown");
		expect((await announcedActive()).name).toContain(withCommentary);
		await page.keyboard.press("ArrowRight");
		await page.locator(".digest-browser-commentary a").first().waitFor();
		expect(await announcedActive()).toMatchObject({ expanded: true });
		await page.keyboard.press("Tab");
		expect(await page.evaluate(() => document.activeElement?.closest(".digest-browser-commentary") ?? null)).toBeNull();
		await page.keyboard.press("Shift+Tab");
		expect((await focused()).split("|")[0]).toBe("div.digest-browser-list");

		// Every row action, by its key.
		const key = await page.locator(".digest-browser-entry.is-selected").getAttribute("data-key");
		const ie = await page.evaluate((k) => {
			const x = window.sandbox.plugin.live.index.allEntries().find((e) => `${e.digest.path}:${e.entry.line}` === k)!;
			return { url: x.entry.url, path: x.digest.path, title: x.entry.title, recommended: x.entry.recommended, category: x.category.name };
		}, key);
		await page.keyboard.press("Enter");
		await poll(openedUrls).toEqual([ie.url]);
		await page.keyboard.press("Shift+Enter");
		await poll(activePath).toBe(ie.path);
		await list().focus();
		await page.keyboard.press("Control+Enter");
		await poll(leaves).toContain("tab");
		await list().focus();
		await page.keyboard.press("Control+c");
		await poll(copied).toHaveLength(1);
		expect((await copied())[0]).toMatch(new RegExp(`^\\[.*${ie.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\]\\(${ie.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\)$`));
		await page.keyboard.press("Control+Shift+C");
		await poll(copied).toHaveLength(2);
		expect((await copied())[1]).toBe(ie.url);
		const inIndex = () => page.evaluate(({ path, title }) => {
			const found = window.sandbox.plugin.live.index.entriesOf(path).find((e) => e.entry.title === title);
			return found ? { recommended: found.entry.recommended, category: found.category.name } : null;
		}, ie);
		const recommendedNow = async () => (await inIndex())?.recommended;
		await page.keyboard.press("r");
		await poll(recommendedNow).toBe(!ie.recommended);
		await list().focus();
		await page.keyboard.press("r");
		await poll(recommendedNow).toBe(ie.recommended);

		// The menu on Shift+F10 and on the Menu key lists every action; Escape closes it.
		await list().focus();
		await page.keyboard.press("Shift+F10");
		const menu = page.locator(".menu");
		await menu.waitFor();
		expect(await menu.locator(".menu-item-title").allTextContents()).toEqual(["Open link", "Open in digest", "Open in digest in a new tab", "Copy Markdown link", "Copy URL", ie.recommended ? "Remove recommended" : "Mark recommended", "Move to category…", "Hide commentary", "Delete entry"]);
		await page.keyboard.press("Escape");
		await poll(() => menu.count()).toBe(0);
		await list().focus();
		await page.keyboard.press("ContextMenu");
		await menu.waitFor();
		expect(await menu.count()).toBe(1);
		await page.keyboard.press("Escape");
		await poll(() => menu.count()).toBe(0);

		// Move (M) asks for a category; Delete (the key) asks first, and deletes.
		await list().focus();
		await page.keyboard.press("m");
		const prompt = page.locator(".modal-container .prompt-input, .modal-container input").first();
		await prompt.waitFor();
		await page.keyboard.type("Moved by keyboard");
		await page.keyboard.press("Enter");
		await poll(async () => (await inIndex())?.category).toBe("Moved by keyboard");
		await page.locator(".digest-browser-search input").focus();
		await page.keyboard.press("Escape");
		await page.keyboard.type(withCommentary);
		await page.keyboard.press("ArrowDown");
		while (!(await announcedActive()).name.includes(withCommentary)) await page.keyboard.press("ArrowDown");
		await page.keyboard.press("Delete");
		await page.locator(".modal-container .suggestion-item").first().waitFor();
		expect(await page.locator(".modal-container .suggestion-item").first().textContent()).toContain(`Delete "${ie.title}"`);
		await page.keyboard.press("Enter");
		// Its commentary is its own or shared: when asked, the first answer deletes it with the entry.
		await poll(async () => {
			if ((await page.locator(".modal-container .suggestion-item").count()) > 0) await page.keyboard.press("Enter");
			return await inIndex();
		}).toBeNull();
	});

	it("saves screenshots of the browser at 300 and 450 px, light and dark", async () => {
		mkdirSync(SCREENSHOTS, { recursive: true });
		for (const theme of ["light", "dark"] as const) {
			for (const width of [300, 450]) {
				await open(theme, width);
				const sidebar = page.locator(".sandbox-sidebar");
				const box = await sidebar.boundingBox();
				expect(Math.round(box!.width)).toBe(width);
				// A long title wraps to two lines at most; its row keeps its height.
				await list().focus();
				await list().press("ArrowDown");
				await list().press("ArrowDown");
				await page.mouse.move(0, 0);
				await page.evaluate(() => new Promise((done) => window.requestAnimationFrame(() => window.setTimeout(done, 0))));
				const titleLines = await page.locator(".digest-browser-entry[data-key] .digest-browser-title").evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))));
				expect(Math.max(...titleLines)).toBeLessThanOrEqual(2);
				// A digest group's header keeps its dates whole.
				await page.locator(".digest-browser-select[aria-label='Group by']").evaluate((el) => {
					const s = el as HTMLSelectElement;
					s.value = "digest";
					s.dispatchEvent(new Event("change", { bubbles: true }));
				});
				const tail = page.locator(".digest-browser-group[data-key] .digest-browser-group-tail").first();
				await tail.waitFor();
				expect(await tail.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= el.closest(".digest-browser-row")!.getBoundingClientRect().right)).toBe(true);
				await sidebar.screenshot({ path: join(SCREENSHOTS, `browser-${width}-${theme}.png`) });
				await page.close();
				expect(errors, "errors in the page").toEqual([]);
			}
		}
		page = undefined as unknown as Page;
	});
});
