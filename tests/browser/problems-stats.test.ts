/**
 * Problems and Stats in a real browser: the sandbox runs the built main.js on the example vault.
 * Problems mode lists the check's problems with their fixes, and a fix changes the note; Stats
 * mode draws its plots as SVG, which the keyboard reaches. Screenshots go under test-results/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeViolations, seriousViolations } from "./axe";
import { openSandboxPage } from "./sandbox";
import { sharedSandbox } from "./shared-sandbox";

const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? "test-results/screenshots";
const DIGEST = "Digests/2025/Weekly Links 18-08-2025 to 31-08-2025.md";

const sandbox = sharedSandbox();
let page: Page;
let errors: string[];

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 25 });

beforeEach(async () => {
	({ page, errors } = await openSandboxPage(sandbox.get()));
});

afterEach(async () => {
	if (!sandbox.started()) return;
	await page.close();
	expect(errors, "errors in the page").toEqual([]);
});

const mode = (label: string) => page.locator(".digest-browser-mode", { hasText: label });
const sidebar = () => page.locator(".sandbox-sidebar");
const noteText = (path: string) =>
	page.evaluate(async (p) => {
		await window.sandbox.flush();
		return window.sandbox.app.vault.read(window.sandbox.app.vault.getFileByPath(p)!);
	}, path);

describe("Problems mode", () => {
	it("lists problems with severity words and whole messages, and a fix changes the note", async () => {
		await mode("Problems").click();
		const panel = page.locator(".digest-browser-problems");
		await panel.locator(".digest-curator-problem").first().waitFor();
		expect(await page.locator(".digest-browser-list").isHidden()).toBe(true);
		const severities = await panel.locator(".digest-curator-problem-severity").allTextContents();
		expect(new Set(severities)).toEqual(new Set(["Warning", "Note"]));
		// Messages wrap: none is cut, each fits its box.
		const cut = await panel.locator(".digest-curator-problem-message").evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).whiteSpace === "nowrap").length);
		expect(cut).toBe(0);
		mkdirSync(SCREENSHOTS, { recursive: true });
		await sidebar().screenshot({ path: join(SCREENSHOTS, "problems.png") });
		expect(describeViolations(await seriousViolations(page, ".digest-browser-problems"))).toBe("");

		const before = await noteText(DIGEST);
		expect(before).toContain("?utm_source=newsletter&utm_medium=email");
		const tracking = panel.locator(".digest-curator-problem", { has: page.locator(".digest-curator-problem-code", { hasText: "tracking-url" }) });
		await tracking.locator("[data-fix=replace-url]").click();
		await poll(() => noteText(DIGEST)).toBe(before.replace("?utm_source=newsletter&utm_medium=email", ""));
		// The index reads the change, and the problem leaves the list.
		await poll(() => panel.locator(".digest-curator-problem-code", { hasText: "tracking-url" }).count()).toBe(0);
	});
});

describe("Stats mode", () => {
	it("draws the plots as SVG, reads a mark out by keyboard, and Enter lists its entries", async () => {
		await mode("Stats").click();
		const stats = page.locator(".digest-stats");
		await stats.locator("svg.digest-stats-svg").first().waitFor();
		expect(await stats.locator("figcaption").allTextContents()).toEqual(["Entries and recommended ones", "Recommended share", "Cadence", "Categories over time", "Top sources"]);
		// One bar a digest: the example vault holds four.
		expect(await stats.locator("svg").first().locator(".digest-stats-bar").count()).toBe(4);
		const fill = await stats.locator(".digest-stats-bar").first().evaluate((el) => getComputedStyle(el).fill);
		expect(fill).not.toBe("rgb(0, 0, 0)");
		mkdirSync(SCREENSHOTS, { recursive: true });
		await sidebar().screenshot({ path: join(SCREENSHOTS, "stats.png") });
		expect(describeViolations(await seriousViolations(page, ".digest-stats"))).toBe("");

		const first = stats.locator("svg.digest-stats-svg").first();
		await first.focus();
		await page.keyboard.press("ArrowRight");
		await poll(() => stats.locator(".digest-stats-readout").first().textContent()).toMatch(/^18-08-2025 to 31-08-2025: \d+ entries, \d+ recommended$/);
		await page.keyboard.press("Enter");
		await poll(() => mode("All").getAttribute("aria-pressed")).toBe("true");
		await poll(() => page.locator(".digest-browser-entry[data-key]").count()).toBeGreaterThan(0);
		// A row's second line names its digest by its period; its description by its title.
		const digests = await page.locator(".digest-browser-entry[data-key] .digest-browser-digest").allTextContents();
		expect(new Set(digests)).toEqual(new Set(["18-08-2025 to 31-08-2025"]));
		const described = await page.locator(".digest-browser-entry[data-key] .digest-browser-description").allTextContents();
		expect(described.every((d) => d.includes("in Weekly Links: 18-08-2025 to 31-08-2025"))).toBe(true);
	});
});
