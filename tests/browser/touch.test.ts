/**
 * The digest browser on a touch screen: the sandbox in Chromium emulating a tablet (a pointer that
 * cannot hover, touch events). Row actions must be reachable without hover, a tap must select
 * before anything opens, and rows and buttons must be big enough for a fingertip.
 */
import type { Locator, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSandboxPage } from "./sandbox";
import { sharedSandbox } from "./shared-sandbox";

const sandbox = sharedSandbox();
let page: Page;
let errors: string[];

/** Apple's and Google's smallest touch target, in CSS px. */
const FINGERTIP = 44;

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 25 });
const activePath = () => page.evaluate(() => window.sandbox.activePath());
const openedUrls = () => page.evaluate(() => (window as unknown as { openedUrls: string[] }).openedUrls);
const entryRows = () => page.locator(".digest-browser-entry[data-key]");
const height = async (locator: Locator) => (await locator.boundingBox())?.height ?? 0;

/** Holds a finger on the middle of `locator` for `ms`, then lifts it. */
async function longPress(locator: Locator, ms = 800): Promise<void> {
	const box = (await locator.boundingBox())!;
	const cdp = await page.context().newCDPSession(page);
	const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
	await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point] });
	await page.waitForTimeout(ms);
	await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
	await cdp.detach();
}

beforeEach(async () => {
	({ page, errors } = await openSandboxPage(sandbox.get(), "", { width: 1180, height: 820 }, { hasTouch: true, isMobile: true }));
	await page.evaluate(() => {
		const opened: string[] = [];
		Object.assign(window, { openedUrls: opened });
		window.open = (url?: string | URL) => {
			opened.push(String(url));
			return null;
		};
	});
	await entryRows().first().waitFor();
});

afterEach(async () => {
	if (!sandbox.started()) return;
	await page.close();
	expect(errors, "errors in the page").toEqual([]);
});

describe("the digest browser on a touch screen", () => {
	it("is laid out for touch, with rows and buttons a fingertip tall", async () => {
		expect(await page.evaluate(() => window.matchMedia("(hover: none)").matches)).toBe(true);
		await expect(page.locator(".digest-browser").getAttribute("class")).resolves.toContain("is-touch");
		expect(await height(page.locator(".digest-browser-group[data-key]").first())).toBeGreaterThanOrEqual(FINGERTIP);
		expect(await height(entryRows().first())).toBeGreaterThanOrEqual(FINGERTIP);
		for (const mode of await page.locator(".digest-browser-mode").all()) expect(await height(mode)).toBeGreaterThanOrEqual(FINGERTIP);
		const withCommentary = entryRows().filter({ has: page.locator("[data-action=expand]") }).first();
		expect(await height(withCommentary.locator("[data-action=expand]"))).toBeGreaterThanOrEqual(FINGERTIP);
		// A tap selects the row, which shows its buttons: no hover needed.
		const row = entryRows().first();
		await row.locator(".digest-browser-title").tap();
		const buttons = row.locator(".digest-browser-actions .clickable-icon");
		await poll(() => buttons.first().isVisible()).toBe(true);
		for (const b of await buttons.all()) {
			const box = (await b.boundingBox())!;
			expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(FINGERTIP);
		}
	});

	it("selects an entry on a tap and opens its link on a second tap", async () => {
		const row = entryRows().first();
		// The tooltip: the full title, then the URL.
		const url = (await row.getAttribute("title"))?.split("\n").pop();
		// At the title's start: the row's buttons, shown once it is selected, lie over the end of a long one.
		await row.locator(".digest-browser-title").tap({ position: { x: 4, y: 4 } });
		await poll(() => row.getAttribute("aria-selected")).toBe("true");
		expect(await openedUrls()).toEqual([]);
		await row.locator(".digest-browser-title").tap({ position: { x: 4, y: 4 } });
		await poll(openedUrls).toEqual([url]);
	});

	it("opens the row's menu on a long press, and runs the action chosen there", async () => {
		await page.evaluate(() => window.sandbox.open("Welcome.md"));
		await poll(activePath).toBe("Welcome.md");
		const row = entryRows().first();
		await longPress(row.locator(".digest-browser-title"));
		const menu = page.locator(".menu");
		await menu.waitFor({ timeout: 10_000 });
		expect(await menu.count()).toBe(1);
		const items = await menu.locator(".menu-item-title").allTextContents();
		expect(items.slice(0, 4)).toEqual(["Open link", "Open in digest", "Open in digest in a new tab", "Copy Markdown link"]);
		expect(await row.getAttribute("aria-selected")).toBe("true");
		// Lifting the finger opened nothing.
		expect(await openedUrls()).toEqual([]);
		await menu.locator(".menu-item", { hasText: /^Open in digest$/ }).tap();
		await poll(activePath).toMatch(/^Digests\//);
		await poll(() => menu.count()).toBe(0);
		expect(await openedUrls()).toEqual([]);
	});

	it("opens the row's menu on a right-click too", async () => {
		const header = page.locator(".digest-browser-group[data-key]").first();
		await header.click({ button: "right" });
		const menu = page.locator(".menu");
		await menu.waitFor({ timeout: 10_000 });
		expect(await menu.locator(".menu-item-title").allTextContents()).toEqual(["Collapse group"]);
		await menu.locator(".menu-item").click();
		await poll(() => header.getAttribute("aria-expanded")).toBe("false");
	});
});
