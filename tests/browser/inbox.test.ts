/**
 * The inbox in the digest browser, in a real browser: links captured through the plugin's API
 * are listed in the browser's inbox mode; Add to digest opens the insert form filled in and the
 * line leaves the inbox once the entry is written; Discard takes a line out; a link a digest
 * shared before carries a mark. The sandbox runs the BUILT main.js (`npm test` builds first).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe";
import { openSandboxPage } from "./sandbox";
import { sharedSandbox } from "./shared-sandbox";

// Outside tracked files: `npm run screenshots` writes them to docs/screenshots for the README.
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? "test-results/screenshots";
const INBOX = "Digests/Digest inbox.md";
const LATEST = "Digests/2025/Weekly Links 29-09-2025 to 12-10-2025.md";
const SHARED = "https://kubernetes.io/blog/2025/09/03/gateway-api-for-ingress-users/";

const sandbox = sharedSandbox();
let page: Page;
let errors: string[];

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 25 });
const items = () => page.locator(".digest-browser-inbox-item");
const item = (title: string) => items().filter({ has: page.locator(".digest-browser-title", { hasText: title }) });
const noteText = (path: string) => page.evaluate(async (p) => {
	const file = window.sandbox.app.vault.getFileByPath(p);
	return file ? await window.sandbox.app.vault.read(file) : null;
}, path);

beforeEach(async () => {
	({ page, errors } = await openSandboxPage(sandbox.get()));
	// Three captures, as a bookmarklet or another plugin makes them: a new link, one to throw away, one shared before.
	const results = await page.evaluate(async (shared) => {
		const api = window.sandbox.plugin.api;
		return [
			await api.addToInbox({ url: "https://operators.example.org/reconcile", title: "Writing reconcilers that converge", source: "Operators Weekly", category: "Kubernetes", commentary: ["Level-triggered, with examples."] }),
			await api.addToInbox({ url: "https://spam.example.net/listicle", title: "Ten tools you must use" }),
			await api.addToInbox({ url: shared, title: "Gateway API, again" }),
		];
	}, SHARED);
	expect(results.map((r) => r.ok)).toEqual([true, true, true]);
	await page.locator(".digest-browser-mode", { hasText: "Inbox" }).click();
	await poll(() => items().count()).toBe(3);
});

afterEach(async () => {
	if (!sandbox.started()) return;
	await page.close();
	expect(errors, "errors in the page").toEqual([]);
});

describe("the inbox in the digest browser", () => {
	it("lists the captured links, marks the one shared before, and names every control", async () => {
		await poll(() => page.locator(".digest-browser-summary").textContent()).toBe("3 links in the inbox, 1 shared before");
		expect(await item("Gateway API, again").locator(".digest-browser-inbox-shared").textContent()).toMatch(/^Shared before in Weekly Links: /);
		expect(await item("Writing reconcilers").locator(".digest-browser-inbox-shared").count()).toBe(0);
		expect(await item("Writing reconcilers").locator(".digest-browser-inbox-category").textContent()).toBe("Kubernetes");
		expect(await item("Ten tools").locator("button").evaluateAll((bs) => bs.map((b) => b.getAttribute("aria-label")))).toEqual(["Add to digest: Ten tools you must use", "Discard: Ten tools you must use"]);
		// From the search box, the down arrow and Tab reach the rows' links and buttons.
		await page.locator(".digest-browser-search input").focus();
		await page.keyboard.press("ArrowDown");
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Writing reconcilers that converge");
		await page.keyboard.press("Tab");
		expect(await page.evaluate(() => document.activeElement?.getAttribute("data-action"))).toBe("add");
		await page.keyboard.press("Tab");
		expect(await page.evaluate(() => document.activeElement?.getAttribute("data-action"))).toBe("discard");
		expect(await seriousViolations(page, ".digest-browser-inbox")).toEqual([]);
	});

	it("adds a line to the latest digest through the insert form, and the line leaves the inbox", async () => {
		await item("Writing reconcilers").locator("[data-action=add]").click();
		const modal = page.locator(".modal-container");
		await modal.waitFor();
		await poll(() => modal.locator("input").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toContain("Writing reconcilers that converge");
		await modal.locator("button", { hasText: "Add entry" }).click();
		await poll(() => page.locator(".modal-container").count()).toBe(0);
		await poll(() => items().count()).toBe(2);
		expect(await item("Writing reconcilers").count()).toBe(0);
		await poll(() => noteText(LATEST)).toContain("(https://operators.example.org/reconcile)");
		const digest = (await noteText(LATEST))!;
		expect(digest).toContain("Operators Weekly - Writing reconcilers that converge");
		expect(digest).toContain("Level-triggered, with examples.");
		const inbox = (await noteText(INBOX))!;
		expect(inbox).not.toContain("operators.example.org");
		expect(inbox).toContain("https://spam.example.net/listicle");
	});

	it("discards a line, keeping the others, with focus on the row after it", async () => {
		await item("Ten tools").locator("[data-action=discard]").focus();
		await page.keyboard.press("Enter");
		await poll(() => items().count()).toBe(2);
		await poll(() => noteText(INBOX)).not.toContain("spam.example.net");
		expect(await noteText(INBOX)).toContain("operators.example.org/reconcile");
		expect(await page.evaluate(() => document.activeElement?.closest(".digest-browser-inbox-item")?.querySelector(".digest-browser-title")?.textContent)).toBe("Gateway API, again");
		await poll(() => page.locator(".digest-browser-summary").textContent()).toBe("2 links in the inbox, 1 shared before");
	});

	it("undoes a discard from the keyboard, putting the line and its commentary back", async () => {
		const before = await noteText(INBOX);
		await item("Writing reconcilers").locator("[data-action=discard]").focus();
		await page.keyboard.press("Enter");
		await poll(() => items().count()).toBe(2);
		await poll(() => noteText(INBOX)).not.toContain("Level-triggered");
		// Tab from the last row's buttons reaches the Undo under the list.
		await item("Gateway API, again").locator("[data-action=discard]").focus();
		await page.keyboard.press("Tab");
		expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Undo discard: Writing reconcilers that converge");
		expect(await seriousViolations(page, ".digest-browser-inbox")).toEqual([]);
		await page.keyboard.press("Enter");
		await poll(() => noteText(INBOX)).toBe(before);
		await poll(() => items().count()).toBe(3);
		await poll(() => page.locator(".digest-browser-inbox-undo button").count()).toBe(0);
	});

	it("saves screenshots of the inbox", async () => {
		mkdirSync(SCREENSHOTS, { recursive: true });
		await page.evaluate(() => window.sandbox.setTheme("light"));
		await page.mouse.move(0, 0);
		await page.evaluate(() => new Promise((done) => window.requestAnimationFrame(() => window.setTimeout(done, 0))));
		await page.locator(".sandbox-sidebar").screenshot({ path: join(SCREENSHOTS, "inbox-light.png") });
		expect(await items().count()).toBe(3);
	});
});
