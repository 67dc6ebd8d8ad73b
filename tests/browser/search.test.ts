/**
 * The browser's search operators and the marks that show why a row matched, in the sandbox (the
 * BUILT main.js on the example vault), checked against what the CLI indexes.
 */
import type { Page } from "playwright-core";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cliIndex, flatEntries, type Flat } from "./cli-index";
import { openSandboxPage } from "./sandbox";
import { sharedSandbox } from "./shared-sandbox";

const sandbox = sharedSandbox();
let entries: Flat[];
let page: Page;
let errors: string[];

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 25 });
const entriesText = (n: number) => `${n} ${n === 1 ? "entry" : "entries"}`;

beforeAll(async () => {
	entries = flatEntries(cliIndex());
});

beforeEach(async () => {
	({ page, errors } = await openSandboxPage(sandbox.get()));
});

afterEach(async () => {
	if (!sandbox.started()) return;
	await page.close();
	expect(errors, "errors in the page").toEqual([]);
});

const summary = () => page.locator(".digest-browser-summary");
const searchBox = () => page.locator(".digest-browser-search input");
const entryRows = () => page.locator(".digest-browser-entry[data-key]");
const entryRow = (title: string) => entryRows().filter({ has: page.locator(".digest-browser-title", { hasText: title }) });
const titlesShown = () => page.locator(".digest-browser-entry[data-key] .digest-browser-title").allTextContents();

/** Whether a word appears in what the search looks through, as the index's word search finds one word. */
const holds = (e: Flat, word: string) => [e.title, e.source ?? "", e.commentary, e.tags.map((t) => `#${t}`).join(" "), e.url].join("\n").toLowerCase().includes(word.toLowerCase());

describe("the digest browser's search in the sandbox", () => {
	it("narrows by category:… is:recommended and a word, and marks the word in the titles", async () => {
		const expected = entries.filter((e) => e.category === "Kubernetes" && e.recommended && holds(e, "fleet"));
		expect(expected.length).toBeGreaterThan(0);
		await searchBox().pressSequentially("category:Kubernetes is:recommended fleet");
		await poll(() => summary().textContent()).toBe(entriesText(expected.length));
		expect((await titlesShown()).sort()).toEqual(expected.map((e) => e.title).sort());
		for (const e of expected) {
			const marks = await entryRow(e.title).first().locator(".digest-browser-match").allTextContents();
			expect(marks.map((m) => m.toLowerCase())).toContain("fleet");
		}
		// The mark is drawn: Obsidian's highlight colour, not the row's.
		const mark = entryRow(expected[0]!.title).first().locator(".digest-browser-title .digest-browser-match").first();
		expect(await mark.isVisible()).toBe(true);
		const [markBg, titleBg] = await mark.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el.parentElement!).backgroundColor]);
		expect(markBg).not.toBe(titleBg);
		// The same as the filter menus.
		await searchBox().fill("fleet");
		await page.locator(".digest-browser-filters > summary").click();
		await poll(() => page.locator(".digest-browser-select[aria-label=Category] option").count()).toBeGreaterThan(1);
		await page.locator(".digest-browser-select[aria-label=Category]").selectOption("Kubernetes");
		await page.getByRole("checkbox", { name: "Recommended only" }).check();
		await poll(() => summary().textContent()).toBe(entriesText(expected.length));
		expect((await titlesShown()).sort()).toEqual(expected.map((e) => e.title).sort());
	});

	it("shows a line of the commentary with the word marked where only the commentary has it", async () => {
		// A word of some entry's commentary that its title, source and tags lack.
		let pick: { entry: Flat; word: string } | null = null;
		for (const e of entries) {
			const shown = `${e.title} ${e.source ?? ""} ${e.tags.join(" ")}`.toLowerCase();
			const word = (e.commentary.toLowerCase().match(/\b[a-z]{7,}\b/g) ?? []).find((w) => !shown.includes(w));
			if (word) {
				pick = { entry: e, word };
				break;
			}
		}
		expect(pick).not.toBeNull();
		const { entry, word } = pick!;
		const query = `category:"${entry.category}" ${word}`;
		const expected = entries.filter((e) => e.category === entry.category && holds(e, word));
		await searchBox().fill(query);
		await poll(() => summary().textContent()).toBe(entriesText(expected.length));
		const row = entryRow(entry.title).first();
		const snippet = row.locator(".digest-browser-snippet");
		await poll(() => snippet.count()).toBe(1);
		expect(await snippet.isVisible()).toBe(true);
		const mark = snippet.locator(".digest-browser-match").first();
		expect((await mark.textContent())!.toLowerCase()).toBe(word);
		// In view at the sidebar's width: the marked word is not cut off.
		const [markBox, rowBox] = [await mark.boundingBox(), await row.boundingBox()];
		expect(markBox!.x + markBox!.width).toBeLessThanOrEqual(rowBox!.x + rowBox!.width);
		expect(await row.locator(".digest-browser-digest").isVisible()).toBe(false);
	});

	it("says what a date that is no date does under the box, and opens the operators' help from the keyboard", async () => {
		await searchBox().fill("fleet before:someday");
		const message = page.locator(".digest-browser-search-message");
		await poll(() => message.textContent()).toContain('"before:someday" is not a date');
		expect(await message.isVisible()).toBe(true);
		await poll(() => summary().textContent()).toBe(entriesText(entries.filter((e) => holds(e, "fleet")).length));
		await searchBox().focus();
		await page.keyboard.press("Tab");
		expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Search operators");
		await page.keyboard.press("Enter");
		const help = page.locator(".digest-browser-search-help");
		expect(await help.isVisible()).toBe(true);
		expect(await help.textContent()).toContain("is:recommended");
		await page.keyboard.press("Escape");
		expect(await help.isVisible()).toBe(false);
	});
});
