/**
 * The digest browser in a pop-out window. Obsidian's pop-outs are windows of their own: the view's
 * elements and the events on them belong to another window's realm (own DOM constructors), while
 * the plugin's code runs in the main window. The sandbox opens one as an iframe (sandbox/popout.ts)
 * with Obsidian's DOM extensions installed there; clicks in it must work as in the main window.
 */
import type { FrameLocator, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSandboxPage } from "./sandbox";
import { sharedSandbox } from "./shared-sandbox";

const sandbox = sharedSandbox();
let page: Page;
let errors: string[];
let popout: FrameLocator;

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 25 });
const activePath = () => page.evaluate(() => window.sandbox.activePath());
const openedUrls = () => page.evaluate(() => (window as unknown as { openedUrls: string[] }).openedUrls);

beforeEach(async () => {
	({ page, errors } = await openSandboxPage(sandbox.get()));
	await page.evaluate(async () => {
		const opened: string[] = [];
		Object.assign(window, { openedUrls: opened });
		window.open = (url?: string | URL) => {
			opened.push(String(url));
			return null;
		};
		await window.sandbox.openPopout();
	});
	popout = page.frameLocator("iframe.sandbox-popout");
	await popout.locator(".digest-browser-entry[data-key]").first().waitFor();
});

afterEach(async () => {
	if (!sandbox.started()) return;
	await page.close();
	expect(errors, "errors in the page").toEqual([]);
});

describe("the digest browser in a pop-out window", () => {
	it("draws its rows in the pop-out's realm, not the main window's", async () => {
		const realm = await page.evaluate(() => {
			const frame = document.querySelector<HTMLIFrameElement>("iframe.sandbox-popout")!;
			const row = frame.contentDocument!.querySelector(".digest-browser-entry[data-key]")!;
			const button = row.querySelector("[data-action=open-in-digest]")!;
			const own = frame.contentWindow as unknown as typeof window;
			const isA = (proto: object, node: Node) => Object.prototype.isPrototypeOf.call(proto, node);
			const of = (node: Node) => [isA(Element.prototype, node), isA(own.Element.prototype, node)];
			return { row: of(row), button: of(button) };
		});
		// [of the main window, of the pop-out]
		expect(realm).toEqual({ row: [false, true], button: [false, true] });
	});

	it("opens an entry's link on a click on its row, and selects it", async () => {
		const row = popout.locator(".digest-browser-entry[data-key]").first();
		// The tooltip: the full title, then the URL.
		const url = (await row.getAttribute("title"))?.split("\n").pop();
		expect(url).toMatch(/^https?:\/\//);
		await row.locator(".digest-browser-title").click();
		await poll(openedUrls).toEqual([url]);
		await poll(() => row.getAttribute("aria-selected")).toBe("true");
	});

	it("collapses a group on a click on its header", async () => {
		const header = popout.locator(".digest-browser-group[data-key]").first();
		expect(await header.getAttribute("aria-expanded")).toBe("true");
		await header.click();
		await poll(() => header.getAttribute("aria-expanded")).toBe("false");
	});

	it("opens an entry in its digest from the row's button", async () => {
		await page.evaluate(() => window.sandbox.open("Welcome.md"));
		await poll(activePath).toBe("Welcome.md");
		const row = popout.locator(".digest-browser-entry[data-key]").first();
		const description = await row.evaluate((el) => el.ownerDocument.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent ?? "");
		await row.hover();
		await row.locator("[data-action=open-in-digest]").click();
		await poll(activePath).toMatch(/^Digests\//);
		const path = await activePath();
		const title = await page.evaluate((p) => window.sandbox.plugin.live.index.get(p!)?.title, path);
		expect(description).toContain(` in ${title}`);
		expect(await openedUrls()).toEqual([]);
	});

	it("opens the note of a wiki-link in an expanded entry's commentary", async () => {
		await popout.locator(".digest-browser-search input").fill("replacing kube-proxy");
		const row = popout.locator(".digest-browser-entry[data-key]");
		await poll(() => row.count()).toBe(1);
		await row.locator("[data-action=expand]").click();
		const link = popout.locator(".digest-browser-commentary a.internal-link", { hasText: "Service mesh" });
		await link.waitFor({ timeout: 10_000 });
		await link.click();
		await poll(activePath).toBe("Notes/Service mesh.md");
		expect(await openedUrls()).toEqual([]);
	});
});
