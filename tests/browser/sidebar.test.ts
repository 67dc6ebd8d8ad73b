/**
 * The digest browser in a real browser: the sandbox page runs the BUILT main.js against the
 * example vault (obsidian-test-mocks standing in for Obsidian), and these tests click, type and
 * read it as a user would. `npm test` builds first; the sandbox is part of the build.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cliIndex, flatEntries, type CliDigest, type Flat } from "./cli-index";
import { openSandboxPage } from "./sandbox";
import { sharedSandbox } from "./shared-sandbox";

// Outside tracked files: `npm run screenshots` writes them to docs/screenshots for the README.
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? "test-results/screenshots";

const sandbox = sharedSandbox();
/** Why the browser could not start: every test fails with it (never skipped). */
let digests: CliDigest[];
let entries: Flat[];
let page: Page;
let errors: string[];

const countBy = <T>(items: readonly T[], key: (t: T) => string): Record<string, number> => {
	const out: Record<string, number> = {};
	for (const t of items) out[key(t)] = (out[key(t)] ?? 0) + 1;
	return out;
};
/** Polls until the page catches up; generous, as the browser may share a busy machine. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 25 });
const entriesText = (n: number) => `${n} ${n === 1 ? "entry" : "entries"}`;

beforeAll(async () => {
	digests = cliIndex();
	entries = flatEntries(digests);
});

beforeEach(async () => {
	({ page, errors } = await openSandboxPage(sandbox.get()));
});

afterEach(async () => {
	if (!sandbox.started()) return;
	await page.close();
	expect(errors, "errors in the page").toEqual([]);
});

// --- the page ---

const sidebar = () => page.locator(".sandbox-sidebar");
const list = () => page.locator(".digest-browser-list");
const summary = () => page.locator(".digest-browser-summary");
const searchBox = () => page.locator(".digest-browser-search input");
const mode = (label: string) => page.locator(".digest-browser-mode", { hasText: label });
// Rows with a key: the view keeps a few row elements out of view, keyless, for reuse.
const entryRows = () => page.locator(".digest-browser-entry[data-key]");
const entryRow = (title: string) => entryRows().filter({ has: page.locator(".digest-browser-title", { hasText: title }) });
const editorText = () => page.locator(".sandbox-pane-body .cm-content");
const activePath = () => page.evaluate(() => window.sandbox.activePath());

async function openFilters(): Promise<void> {
	await page.locator(".digest-browser-filters > summary").click();
	await poll(() => page.locator(".digest-browser-select[aria-label=Category] option").count()).toBeGreaterThan(1);
}

interface Row {
	kind: string;
	key: string;
	label: string;
	count: string;
	title: string;
	/** The row's description (aria-describedby): "Category in Digest title", the tags. */
	description: string;
	top: number;
}

/** Every row of the virtualised list, scrolling it through (only the rows in view are in the DOM). */
async function allRows(): Promise<Row[]> {
	return await list().evaluate((listEl) => {
		const seen = new Map<string, Row>();
		const text = (el: Element, sel: string) => el.querySelector(sel)?.textContent ?? "";
		const step = Math.max(100, listEl.clientHeight);
		for (let top = 0; ; top += step) {
			listEl.scrollTop = top;
			listEl.dispatchEvent(new Event("scroll"));
			for (const el of Array.from(listEl.querySelectorAll<HTMLElement>(".digest-browser-row[data-key]"))) {
				const kind = ["group", "entry", "detail", "problem"].find((k) => el.classList.contains(`digest-browser-${k}`)) ?? "";
				const topPx = parseFloat(/translateY\((-?[\d.]+)px\)/.exec(el.style.transform)?.[1] ?? "0") || 0;
				seen.set(el.dataset.key ?? "", { kind, key: el.dataset.key ?? "", label: text(el, ".digest-browser-group-label"), count: text(el, ".digest-browser-count"), title: text(el, ".digest-browser-title"), description: document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent ?? "", top: topPx });
			}
			if (top + step >= listEl.scrollHeight) break;
		}
		listEl.scrollTop = 0;
		listEl.dispatchEvent(new Event("scroll"));
		return [...seen.values()].sort((a, b) => a.top - b.top);
	});
}

async function expectSummary(text: string): Promise<void> {
	await poll(() => summary().textContent()).toBe(text);
}

/** Lines of the editor pane as shown (CodeMirror may leave lines out of view out of the DOM; digests are short). */
async function paneText(): Promise<string> {
	return await page.evaluate(() => window.sandbox.editorText());
}

async function visible(locator: Locator): Promise<boolean> {
	return (await locator.count()) > 0 && (await locator.first().isVisible());
}

// --- the tests ---

describe("the digest browser in the sandbox", () => {
	it("lists every entry of the example vault, grouped by category, with the CLI's counts", async () => {
		expect(digests).toHaveLength(4);
		expect(entries).toHaveLength(52);
		await expectSummary(entriesText(entries.length));
		expect(await page.evaluate(() => window.sandbox.plugin.live.index.size)).toBe(digests.length);
		const rows = await allRows();
		const groups = Object.fromEntries(rows.filter((r) => r.kind === "group").map((r) => [r.label, Number(r.count)]));
		expect(groups).toEqual(countBy(entries, (e) => e.category));
		expect(rows.filter((r) => r.kind === "entry")).toHaveLength(entries.length);
		// The view was opened by the plugin's own command, in the right sidebar.
		await poll(() => sidebar().locator(".workspace-leaf-content[data-type=digest-curator-browser]").count()).toBe(1);
	});

	it("narrows the list as the search is typed and highlights the matches", async () => {
		await searchBox().pressSequentially("fleet upgrades");
		const expected = entries.filter((e) => /fleet/i.test(e.title) && /upgrades/i.test(e.title));
		await expectSummary(entriesText(expected.length));
		const titles = (await allRows()).filter((r) => r.kind === "entry").map((r) => r.title);
		expect(titles.sort()).toEqual(expected.map((e) => e.title).sort());
		expect(await entryRows().first().locator(".digest-browser-match").count()).toBeGreaterThan(0);
		await searchBox().press("Escape");
		await expectSummary(entriesText(entries.length));
	});

	it("narrows the list by each filter, as the CLI's index counts", async () => {
		await openFilters();
		const select = (label: string) => page.locator(`.digest-browser-select[aria-label="${label}"]`);

		await select("Category").selectOption("Security");
		await expectSummary(entriesText(entries.filter((e) => e.category === "Security").length));
		await select("Category").selectOption("");

		await select("Source").selectOption("Medium");
		await expectSummary(entriesText(entries.filter((e) => e.source === "Medium").length));
		await select("Source").selectOption("");

		await select("Tag").selectOption("multicluster");
		await expectSummary(entriesText(entries.filter((e) => e.tags.includes("multicluster")).length));
		await select("Tag").selectOption("");

		await page.locator(".digest-browser-date", { hasText: "From" }).locator("input").fill("2025-09-15");
		await expectSummary(entriesText(entries.filter((e) => e.digest.period !== null && e.digest.period.end >= "2025-09-15").length));
		await page.locator(".digest-browser-date", { hasText: "To" }).locator("input").fill("2025-09-28");
		await expectSummary(entriesText(entries.filter((e) => e.digest.period !== null && e.digest.period.end >= "2025-09-15" && e.digest.period.start <= "2025-09-28").length));
		await expect(page.locator(".digest-browser-filters > summary").textContent()).resolves.toBe("Filters (2)");
	});

	it("fills a tall list with rows after a search that matched nothing is cleared", async () => {
		// A view taller than the height assumed for a list without layout (600 px plus the margin).
		await page.setViewportSize({ width: 1400, height: 1600 });
		const filled = () =>
			list().evaluate((el) => {
				const bottoms = Array.from(el.querySelectorAll<HTMLElement>(".digest-browser-row[data-key]")).map((r) => r.offsetTop + r.offsetHeight + (new DOMMatrix(getComputedStyle(r).transform).m42 || 0));
				return Math.max(0, ...bottoms) >= Math.min(el.clientHeight, el.scrollHeight) - 1;
			});
		await poll(filled).toBe(true);
		await searchBox().fill("zzzz no such entry");
		await expect(page.locator(".digest-browser-empty-text").textContent()).resolves.toBe("No entries match the search and filters.");
		await searchBox().fill("");
		await expectSummary(entriesText(entries.length));
		expect(await filled()).toBe(true);
	});

	it("shows only recommended entries, each with its star, when asked", async () => {
		await openFilters();
		await page.getByRole("checkbox", { name: "Recommended only" }).check();
		const recommended = entries.filter((e) => e.recommended);
		await expectSummary(entriesText(recommended.length));
		const titles = (await allRows()).filter((r) => r.kind === "entry").map((r) => r.title);
		expect(titles.sort()).toEqual(recommended.map((e) => e.title).sort());
		const shown = await entryRows().count();
		expect(await entryRows().locator(".digest-browser-star").count()).toBe(shown);
		for (const star of await entryRows().locator(".digest-browser-star").all()) expect(await star.isVisible()).toBe(true);
		// Without the filter the others show no star; their rows, reused from recommended ones, neither.
		await page.getByRole("checkbox", { name: "Recommended only" }).uncheck();
		await expectSummary(entriesText(entries.length));
		const rows = await entryRows().all();
		for (const row of rows) {
			const title = await row.locator(".digest-browser-title").textContent();
			const description = await row.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent ?? "");
			const entry = entries.find((e) => e.title === title && description.includes(`${e.category} in ${e.digest.title}`))!;
			expect(await row.locator(".digest-browser-star").isVisible(), title ?? "").toBe(entry.recommended);
			if (entry.number === null) expect(await row.locator(".digest-browser-number").isVisible()).toBe(false);
		}
	});

	it("opens the note of a wiki-link in an expanded entry's commentary in the editor pane", async () => {
		await searchBox().fill("replacing kube-proxy");
		const row = entryRows().first();
		await poll(() => entryRows().count()).toBe(1);
		await row.locator("[data-action=expand]").click();
		const link = page.locator(".digest-browser-commentary a.internal-link", { hasText: "Service mesh" });
		await link.waitFor();
		await link.click();
		await poll(activePath).toBe("Notes/Service mesh.md");
		await poll(() => editorText().textContent()).toContain("My running notes on service meshes");
		await poll(() => page.locator(".sandbox-pane-title").textContent()).toBe("Service mesh");
	});

	it("lists the entries that mention the open note in mentions mode, following the note opened", async () => {
		await page.locator(".nav-file-title[data-path='Notes/Service mesh.md']").click();
		await poll(activePath).toBe("Notes/Service mesh.md");
		await mode("Mentions").click();
		// A wiki-link in one entry's commentary, a Markdown link to the note in another's.
		await expectSummary("2 entries mention Service mesh");
		expect((await allRows()).filter((r) => r.kind === "entry").map((r) => r.title).sort()).toEqual(["Sidecar-less service mesh, six months in", "What I learned replacing kube-proxy with eBPF"]);

		await page.locator(".nav-file-title[data-path='Notes/Lakehouse basics.md']").click();
		await expectSummary("2 entries mention Lakehouse basics");
		// Opening an entry in its digest keeps the note whose mentions are listed.
		await entryRows().first().hover();
		await entryRows().first().locator("[data-action=open-in-digest]").click();
		await poll(activePath).toMatch(/^Digests\//);
		await expectSummary("2 entries mention Lakehouse basics");
	});

	it("lists the link shared by two entries in duplicates mode", async () => {
		await mode("Duplicates").click();
		const fleet = entries.filter((e) => e.title === "Fleet upgrades without the drama");
		expect(fleet).toHaveLength(2);
		await expectSummary(`1 shared link, ${entriesText(2)}`);
		const rows = (await allRows()).filter((r) => r.kind === "entry");
		expect(rows.map((r) => r.title)).toEqual(["Fleet upgrades without the drama", "Fleet upgrades without the drama"]);
		expect(rows.map((r) => fleet.findIndex((e) => r.description.includes(`${e.category} in ${e.digest.title}`))).sort()).toEqual([0, 1]);
	});

	it("never follows a javascript: URL of an entry", async () => {
		const path = "Digests/2025/Weekly Links 13-10-2025 to 26-10-2025.md";
		const text = ["---", 'title: "Weekly Links: 13-10-2025 to 26-10-2025"', "tags:", "  - weeklylinks", "---", "", "# Security", "", "[1. Prankster - Click me for a prize](javascript:alert(document.domain))", "", "- Looks like any other entry.", ""].join("\n");
		await page.evaluate(
			async ({ path, text }) => {
				const opened: string[] = [];
				Object.assign(window, { openedUrls: opened });
				window.open = (url?: string | URL) => {
					opened.push(String(url));
					return null;
				};
				await window.sandbox.addNote(path, text);
			},
			{ path, text },
		);
		await expectSummary(entriesText(entries.length + 1));
		const dialogs: string[] = [];
		page.on("dialog", (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		const before = page.url();
		await searchBox().fill("prankster");
		await expectSummary(entriesText(1));
		await entryRow("Click me for a prize").locator(".digest-browser-title").click();
		await list().press("Enter");
		await poll(() => page.evaluate(() => window.sandbox.notices().filter((n) => n.startsWith("Not opened")).length)).toBe(2);
		expect(await page.evaluate(() => (window as unknown as { openedUrls: string[] }).openedUrls)).toEqual([]);
		expect(dialogs).toEqual([]);
		expect(page.url()).toBe(before);
	});

	it("moves the selection with the arrow keys and opens the selected entry with Enter", async () => {
		await page.evaluate(() => {
			const opened: string[] = [];
			Object.assign(window, { openedUrls: opened });
			window.open = (url?: string | URL) => {
				opened.push(String(url));
				return null;
			};
		});
		await searchBox().click();
		await searchBox().press("ArrowDown"); // into the list: the first row (a group) is selected
		await expect(list().evaluate((el) => el === document.activeElement)).resolves.toBe(true);
		await poll(() => page.locator(".digest-browser-row.is-selected.digest-browser-group").count()).toBe(1);
		await list().press("ArrowDown");
		const selected = page.locator(".digest-browser-entry.is-selected[data-key]");
		await poll(() => selected.count()).toBe(1);
		const first = await selected.locator(".digest-browser-title").textContent();
		await list().press("ArrowDown");
		await list().press("ArrowUp");
		expect(await selected.locator(".digest-browser-title").textContent()).toBe(first);
		expect(await selected.getAttribute("aria-selected")).toBe("true");
		const entry = entries.find((e) => e.title === first)!;
		await list().press("Enter");
		await poll(() => page.evaluate(() => (window as unknown as { openedUrls: string[] }).openedUrls)).toEqual([entry.url]);
		// Shift+Enter opens the entry in its digest, at its line.
		await list().press("Shift+Enter");
		await poll(activePath).toBe(entry.digest.path);
		const cursorLine = await page.evaluate(() => window.sandbox.plugin.app.workspace.activeEditor?.editor?.getCursor().line);
		expect(cursorLine).toBe(entry.line - 1);
	});

	it("shows the plugin's editor marks in the editor pane", async () => {
		const digest = digests.find((d) => d.path.includes("18-08-2025"))!;
		await page.locator(`.nav-file-title[data-path="${digest.path}"]`).click();
		await poll(activePath).toBe(digest.path);
		const recommended = page.locator(".cm-line.digest-curator-recommended");
		await poll(() => recommended.count()).toBe(digest.categories.flatMap((c) => c.entries).filter((e) => e.recommended).length);
		expect(await recommended.first().textContent()).toContain("(Recommended)");
		// The link shared with a later digest carries the shared mark, naming it.
		const shared = page.locator(".cm-line", { hasText: "Fleet upgrades without the drama](" }).locator(".digest-curator-shared-mark");
		await poll(() => shared.count()).toBe(1);
		expect(await shared.getAttribute("aria-label")).toContain("Weekly Links: 15-09-2025 to 28-09-2025");
	});

	it("runs a command from its button on the note in the pane, changing only the digits, and undo restores the note", async () => {
		const digest = digests.find((d) => d.path.includes("15-09-2025"))!;
		const entry = digest.categories[0]!.entries[1]!;
		const last = digest.categories.at(-1)!.entries.at(-1)!;
		await page.evaluate(({ path, line }) => window.sandbox.open(path, line), { path: digest.path, line: entry.line - 1 });
		const original = await paneText();
		// Break the entry's number by typing, as a user would: "[2." becomes "[7.".
		await page.locator(".sandbox-pane-body .cm-content").focus();
		await page.keyboard.press("Home");
		await page.keyboard.press("ArrowRight");
		await page.keyboard.press("Delete");
		await page.keyboard.type("7");
		const broken = await paneText();
		expect(broken).toBe(original.replace(`[${entry.number}. ${entry.source} - ${entry.title}`, `[7. ${entry.source} - ${entry.title}`));
		await poll(() => page.locator(".digest-curator-numbering").count()).toBeGreaterThan(0);
		// And the last entry of the note, far below, in a typing step of its own (typing within half a second is one undo step).
		await page.waitForTimeout(600);
		await page.evaluate((line) => window.sandbox.app.workspace.activeEditor!.editor!.setCursor({ line, ch: 1 }), last.line - 1);
		await page.keyboard.press("Delete");
		await page.keyboard.type("9");
		const brokenTwice = await paneText();
		expect(brokenTwice).toBe(broken.replace(`[${last.number}. ${last.source} - ${last.title}`, `[9. ${last.source} - ${last.title}`));

		const renumber = page.locator(".sandbox-command[data-command=renumber-entries]");
		await expect(renumber.isEnabled()).resolves.toBe(true);
		await renumber.click();
		await poll(paneText).toBe(original);
		// One transaction that changed the two numbers and nothing between them.
		expect(await page.evaluate(() => window.sandbox.editorChanges())).toEqual([
			["7", String(entry.number)],
			["9", String(last.number)],
		]);
		await poll(() => page.evaluate(() => window.sandbox.notices())).toContain("Entries renumbered.");
		await poll(() => page.locator(".digest-curator-numbering").count()).toBe(0);

		await page.keyboard.press("Control+z");
		await poll(paneText).toBe(brokenTwice);
		await page.locator(".sandbox-undo").click();
		await poll(paneText).toBe(broken);
		await page.locator(".sandbox-undo").click();
		await poll(paneText).toBe(original);
		// The pane writes its text back to the vault, which the index reads.
		await page.evaluate(() => window.sandbox.flush());
		expect(await page.evaluate((path) => window.sandbox.app.vault.read(window.sandbox.app.vault.getFileByPath(path)!), digest.path)).toBe(original);
	});

	it("disables the commands that do not apply to the open note", async () => {
		await page.locator(".nav-file-title[data-path='Welcome.md']").click();
		await poll(activePath).toBe("Welcome.md");
		const button = (id: string) => page.locator(`.sandbox-command[data-command=${id}]`);
		await poll(() => button("renumber-entries").isDisabled()).toBe(true);
		await poll(() => button("check-all-digests").isEnabled()).toBe(true);
		await button("check-all-digests").click();
		const modal = page.locator(".modal-container .digest-curator-problems");
		await modal.waitFor();
		// Three warnings and two notes (a period gap, a link with tracking parameters).
		expect(await modal.locator(".digest-curator-problem").count()).toBe(5);
		await page.keyboard.press("Escape");
		await poll(() => page.locator(".modal-container").count()).toBe(0);
	});

	it("saves screenshots of the sidebar in the light and dark themes", async () => {
		mkdirSync(SCREENSHOTS, { recursive: true });
		await page.evaluate(() => window.sandbox.setTheme("light"));
		// A digest with recommended and shared links in the editor, one commentary open in the browser.
		const digest = digests.find((d) => d.path.includes("18-08-2025"))!;
		await page.evaluate((path) => window.sandbox.open(path, 20), digest.path);
		const row = entryRow("Namespaces, vclusters or real clusters");
		await row.locator("[data-action=expand]").click();
		await page.locator(".digest-browser-commentary li").first().waitFor();
		await page.mouse.move(0, 0);
		// The file list marks digests in idle time.
		await page.locator(".nav-file-title.is-digest").first().waitFor();
		await page.evaluate(() => new Promise((done) => window.requestAnimationFrame(() => window.setTimeout(done, 0))));
		await page.screenshot({ path: join(SCREENSHOTS, "sandbox-light.png") });
		await sidebar().screenshot({ path: join(SCREENSHOTS, "sidebar-light.png") });
		const lightBg = await sidebar().evaluate((el) => getComputedStyle(el).backgroundColor);

		await page.locator(".sandbox-theme-toggle").click();
		expect(await page.evaluate(() => document.body.className)).toContain("theme-dark");
		const darkBg = await sidebar().evaluate((el) => getComputedStyle(el).backgroundColor);
		expect(darkBg).not.toBe(lightBg);
		await page.mouse.move(0, 0);
		await sidebar().screenshot({ path: join(SCREENSHOTS, "sidebar-dark.png") });
		expect(await visible(page.locator(".digest-browser-commentary"))).toBe(true);
	});
});
