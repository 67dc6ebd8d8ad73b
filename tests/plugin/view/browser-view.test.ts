import type { Command, Component as ComponentType } from "obsidian";
import { MarkdownRenderer, Notice, WorkspaceLeaf } from "obsidian-test-mocks/obsidian";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { DEFAULT_SERIES, completeSeries } from "../../../src/core/format/series";
import { activateBrowserView, DigestBrowserView, registerDigestBrowser, VIEW_TYPE_DIGEST_BROWSER } from "../../../src/plugin/view/browser-view";
import { openAtLine } from "../../../src/plugin/commands/digest-actions";
import { digestNote, makeTestHost, type TestHost } from "../support/host";

vi.mock("../../../src/plugin/commands/digest-actions", async (importOriginal) => ({
	...(await importOriginal<typeof import("../../../src/plugin/commands/digest-actions")>()),
	openAtLine: vi.fn(() => Promise.resolve()),
}));

const SERIES = completeSeries({ ...DEFAULT_SERIES, name: "Weekly links", tag: "weeklylinks", categories: ["Kubernetes", "Career", "Data Engineer"] });


const OLD_PATH = "Digests/Weekly Links 01-09-2025 to 07-09-2025.md";
const OLD_TITLE = "Weekly Links: 01-09-2025 to 07-09-2025";
const NEW_PATH = "Digests/Weekly Links 08-09-2025 to 14-09-2025.md";
const NEW_TITLE = "Weekly Links: 08-09-2025 to 14-09-2025";

const FILES: Record<string, string> = {
	[OLD_PATH]: digestNote(OLD_TITLE, [
		"# Kubernetes",
		"",
		"[1. Medium - Multi-cluster setup in ten minutes](https://medium.com/x/multi-cluster) #kubernetes",
		"",
		"- Short and practical; see [[Cluster notes]].",
		"",
		"[2. CNCF - Two approaches to fleet management](https://www.cncf.io/blog/fleet) 🌟 **(Recommended)** #multicluster #kubernetes",
		"",
		"# Data Engineer",
		"",
		"[1. Blog - A five-minute lakehouse](https://example.com/lakehouse) #storage",
	]),
	[NEW_PATH]: digestNote(NEW_TITLE, [
		"# Kubernetes",
		"",
		"[1. Medium - Operators from scratch](https://medium.com/y/operators) #kubernetes",
		"",
		"[2. Prankster - Click me](javascript:alert(1))",
		"",
		"# Career",
		"",
		"[1. Medium - Interview stories](https://medium.com/z/interviews)",
		"",
		"- Read before [[Cluster notes]].",
		"",
		"[2. Blog - Fleet management, again](https://cncf.io/blog/fleet/)",
		"",
		"[3. Vault - Open my note](obsidian://open?vault=x&file=y)",
	]),
	"Cluster notes.md": "# Cluster notes\n",
	"Notes/Lonely.md": "# Nobody links here\n",
};

interface Harness extends TestHost {
	view: DigestBrowserView;
	leaf: WorkspaceLeaf;
}

async function openView(files = FILES, options: { build?: boolean } = {}): Promise<Harness> {
	const t = await makeTestHost(files, [SERIES], options);
	const leaf = WorkspaceLeaf.create2__(t.app);
	const view = new DigestBrowserView(leaf.asOriginalType3__(), t.host);
	// In the document, as Obsidian puts it, so that focus works.
	document.body.appendChild(view.containerEl);
	view.load();
	await view.onOpen();
	return { ...t, view, leaf };
}

const list = (h: Harness) => h.view.contentEl.querySelector<HTMLElement>(".digest-browser-list")!;
const emptyEl = (h: Harness) => h.view.contentEl.querySelector<HTMLElement>(".digest-browser-empty")!;
const searchInput = (h: Harness) => h.view.contentEl.querySelector<HTMLInputElement>(".digest-browser-search input")!;
const summary = (h: Harness) => h.view.contentEl.querySelector<HTMLElement>(".digest-browser-summary")!.textContent;

/** Where the view placed a row (its translateY). */
function top(el: HTMLElement): number {
	return parseFloat(/translateY\((-?[\d.]+)px\)/.exec(el.style.transform)?.[1] ?? "NaN");
}

/** The row elements in the DOM, top to bottom (not those kept out of view for reuse, which have no key). */
function rowEls(h: Harness): HTMLElement[] {
	return [...h.view.contentEl.querySelectorAll<HTMLElement>(".digest-browser-row[data-key]")].sort((a, b) => top(a) - top(b));
}

/** `## label (count)` for group headers, the title for entries, `> …` for commentary panels. */
function outline(h: Harness): string[] {
	return rowEls(h).map((el) => {
		if (el.hasClass("digest-browser-group")) return `## ${el.querySelector(".digest-browser-group-label")!.textContent} (${el.querySelector(".digest-browser-count")!.textContent})`;
		if (el.hasClass("digest-browser-detail")) return "> commentary";
		if (el.hasClass("digest-browser-problem")) return `! ${el.querySelector(".digest-browser-problem-code")!.textContent}`;
		return el.querySelector(".digest-browser-title")!.textContent;
	});
}

function rowEl(h: Harness, title: string): HTMLElement {
	const el = rowEls(h).find((r) => r.querySelector(".digest-browser-title")?.textContent === title || r.querySelector(".digest-browser-group-label")?.textContent === title);
	if (!el) throw new Error(`No row ${title}`);
	return el;
}

function click(el: Element, init: MouseEventInit = {}): void {
	el.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, ...init }));
}

function press(el: Element, key: string, init: KeyboardEventInit = {}): void {
	el.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init }));
}

function type(h: Harness, value: string): void {
	const input = searchInput(h);
	input.value = value;
	input.dispatchEvent(new Event("input", { bubbles: true }));
}

/** Opens the filters panel, as a click on its summary does (the test DOM fires no "toggle" by itself). */
function openFilters(h: Harness): void {
	const details = h.view.contentEl.querySelector<HTMLDetailsElement>(".digest-browser-filters")!;
	if (details.open) return;
	details.open = true;
	details.dispatchEvent(new Event("toggle"));
}

function choose(h: Harness, label: string, value: string): void {
	openFilters(h);
	const select = h.view.contentEl.querySelector<HTMLSelectElement>(`select[aria-label="${label}"]`)!;
	select.value = value;
	select.dispatchEvent(new Event("change", { bubbles: true }));
}

function modeButton(h: Harness, label: string): HTMLButtonElement {
	return [...h.view.contentEl.querySelectorAll<HTMLButtonElement>(".digest-browser-mode")].find((b) => b.textContent === label)!;
}

const selectedTitles = (h: Harness) => rowEls(h).filter((el) => el.getAttribute("aria-selected") === "true").map((el) => el.querySelector(".digest-browser-title, .digest-browser-group-label")!.textContent);

let windowOpen: MockInstance<typeof window.open>;
let notices: MockInstance<(message: DocumentFragment | string, duration?: number) => void>;

beforeEach(() => {
	windowOpen = vi.spyOn(window, "open").mockImplementation(() => null);
	// `new Notice(...)` does not go through create__; every constructor ends in constructor__.
	notices = vi.spyOn(Notice.prototype, "constructor__");
	vi.mocked(openAtLine).mockClear();
});

afterEach(() => {
	vi.restoreAllMocks();
	document.body.empty();
});

describe("the digest browser view", () => {
	it("names itself and lists every entry under its category with counts, newest digest first", async () => {
		const h = await openView();
		expect(h.view.getViewType()).toBe(VIEW_TYPE_DIGEST_BROWSER);
		expect(h.view.getDisplayText()).toBe("Digest browser");
		expect(h.view.getIcon()).toBe("library");
		expect(outline(h)).toEqual([
			"## Kubernetes (4)",
			"Operators from scratch",
			"Click me",
			"Multi-cluster setup in ten minutes",
			"Two approaches to fleet management",
			"## Career (3)",
			"Interview stories",
			"Fleet management, again",
			"Open my note",
			"## Data Engineer (1)",
			"A five-minute lakehouse",
		]);
		expect(summary(h)).toBe("8 entries");
		expect(emptyEl(h).hasClass("is-hidden")).toBe(true);
		expect(list(h).getAttribute("role")).toBe("listbox");
	});

	it("shows an entry's number, title, source, star, tags and digest, with its URL as the row's title", async () => {
		const h = await openView();
		const row = rowEl(h, "Two approaches to fleet management");
		expect(row.querySelector(".digest-browser-number")!.textContent).toBe("2.");
		expect(row.querySelector(".digest-browser-source")!.textContent).toBe("CNCF");
		expect(row.querySelector(".digest-browser-star")!.getAttribute("aria-label")).toBe("Recommended");
		expect(row.querySelector(".digest-browser-tags")!.textContent).toBe("#multicluster #kubernetes");
		expect(row.querySelector(".digest-browser-digest")!.textContent).toBe(OLD_TITLE);
		expect(row.getAttribute("title")).toBe("https://www.cncf.io/blog/fleet");
		expect(row.getAttribute("role")).toBe("option");
		// Every row has a star; styles.css shows it on recommended rows only (checked in Chromium).
		expect(row.hasClass("is-recommended")).toBe(true);
		expect(rowEl(h, "Operators from scratch").hasClass("is-recommended")).toBe(false);
		expect([...row.querySelectorAll("[data-action]")].map((b) => b.getAttribute("aria-label"))).toEqual(["Open in digest", "Copy Markdown"]);
		// The expand toggle only where there is commentary.
		expect(rowEl(h, "Multi-cluster setup in ten minutes").querySelector('[data-action="expand"]')).not.toBeNull();
		expect(row.querySelector('[data-action="expand"]')).toBeNull();
	});

	it("narrows to the search and marks it in the titles", async () => {
		const h = await openView();
		type(h, "fleet");
		expect(outline(h)).toEqual(["## Career (1)", "Fleet management, again", "## Kubernetes (1)", "Two approaches to fleet management"]);
		expect([...rowEl(h, "Fleet management, again").querySelectorAll(".digest-browser-match")].map((m) => m.textContent)).toEqual(["Fleet"]);
		expect(summary(h)).toBe("2 entries");
		// Found through the commentary: listed, nothing marked.
		type(h, "practical");
		expect(outline(h)).toEqual(["## Kubernetes (1)", "Multi-cluster setup in ten minutes"]);
		expect(rowEls(h).flatMap((el) => [...el.querySelectorAll(".digest-browser-match")])).toEqual([]);
		type(h, "no such words");
		expect(rowEls(h)).toEqual([]);
		expect(emptyEl(h).textContent).toBe("No entries match");
		expect(emptyEl(h).hasClass("is-hidden")).toBe(false);
	});

	it("narrows to the chosen filters, with counts in the dropdowns", async () => {
		const h = await openView();
		const category = h.view.contentEl.querySelector<HTMLSelectElement>('select[aria-label="Category"]')!;
		// Counted only once the panel is opened.
		expect(category.options).toHaveLength(0);
		openFilters(h);
		expect([...category.options].map((o) => o.textContent)).toEqual(["All categories", "Career (3)", "Data Engineer (1)", "Kubernetes (4)"]);
		choose(h, "Category", "Career");
		expect(outline(h)).toEqual(["## Career (3)", "Interview stories", "Fleet management, again", "Open my note"]);
		choose(h, "Source", "Medium");
		expect(outline(h)).toEqual(["## Career (1)", "Interview stories"]);
		choose(h, "Category", "");
		choose(h, "Tag", "kubernetes");
		expect(outline(h)).toEqual(["## Kubernetes (2)", "Operators from scratch", "Multi-cluster setup in ten minutes"]);
		choose(h, "Source", "");
		const recommended = h.view.contentEl.querySelector<HTMLInputElement>('.digest-browser-check input[type="checkbox"]')!;
		recommended.checked = true;
		recommended.dispatchEvent(new Event("change"));
		expect(outline(h)).toEqual(["## Kubernetes (1)", "Two approaches to fleet management"]);
		expect(h.view.contentEl.querySelector(".digest-browser-filters summary")!.textContent).toBe("Filters (2)");
		const to = h.view.contentEl.querySelectorAll<HTMLInputElement>('input[type="date"]')[1]!;
		to.value = "2025-08-31";
		to.dispatchEvent(new Event("change"));
		expect(emptyEl(h).textContent).toBe("No entries match");
		expect(h.view.getState()).toMatchObject({ tag: "kubernetes", recommendedOnly: true, to: "2025-08-31" });
	});

	it("groups by digest, source, tag or not at all", async () => {
		const h = await openView();
		choose(h, "Group by", "digest");
		expect(outline(h).filter((l) => l.startsWith("##"))).toEqual([`## ${NEW_TITLE} (5)`, `## ${OLD_TITLE} (3)`]);
		choose(h, "Group by", "tag");
		expect(outline(h).filter((l) => l.startsWith("##"))).toEqual(["## #kubernetes (3)", "## #multicluster (1)", "## #storage (1)", "## No tag (4)"]);
		choose(h, "Group by", "none");
		expect(outline(h)).toHaveLength(8);
	});

	it("collapses and expands a group on a click on its header", async () => {
		const h = await openView();
		click(rowEl(h, "Kubernetes"));
		expect(outline(h)).toEqual(["## Kubernetes (4)", "## Career (3)", "Interview stories", "Fleet management, again", "Open my note", "## Data Engineer (1)", "A five-minute lakehouse"]);
		const header = rowEl(h, "Kubernetes");
		expect(header.hasClass("is-collapsed")).toBe(true);
		expect(header.getAttribute("aria-expanded")).toBe("false");
		expect(h.view.getState()).toMatchObject({ collapsed: ["category:kubernetes"] });
		click(rowEl(h, "Kubernetes"));
		expect(outline(h)).toHaveLength(11);
		expect(h.view.getState()).toMatchObject({ collapsed: [] });
	});

	it("opens http(s) and obsidian URLs, and never a javascript: one", async () => {
		const h = await openView();
		click(rowEl(h, "Click me"));
		expect(windowOpen).not.toHaveBeenCalled();
		expect(notices.mock.calls.map(([m]) => m)).toEqual(['Not opened: "javascript:alert(1)" is not an http, https or obsidian link.']);
		click(rowEl(h, "Operators from scratch").querySelector(".digest-browser-title")!);
		expect(windowOpen).toHaveBeenCalledWith("https://medium.com/y/operators");
		click(rowEl(h, "Open my note"));
		expect(windowOpen).toHaveBeenLastCalledWith("obsidian://open?vault=x&file=y");
		expect(windowOpen).toHaveBeenCalledTimes(2);
	});

	it("opens an entry in its digest and copies it as Markdown from its buttons", async () => {
		const h = await openView();
		const writeText = vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue();
		const row = rowEl(h, "Two approaches to fleet management");
		click(row.querySelector('[data-action="open-in-digest"]')!);
		expect(openAtLine).toHaveBeenCalledWith(h.host, OLD_PATH, 13);
		click(row.querySelector('[data-action="copy"]')!);
		await vi.waitFor(() => expect(notices.mock.calls.map(([m]) => m)).toContain('Copied "Two approaches to fleet management" as Markdown.'));
		expect(writeText).toHaveBeenCalledWith("[2. CNCF - Two approaches to fleet management](https://www.cncf.io/blog/fleet) 🌟 **(Recommended)** #multicluster #kubernetes");
		expect(windowOpen).not.toHaveBeenCalled();
	});

	it("moves the selection with the arrow keys and opens the selected entry with Enter", async () => {
		const h = await openView();
		const l = list(h);
		press(l, "ArrowDown");
		expect(selectedTitles(h)).toEqual(["Kubernetes"]);
		press(l, "ArrowDown");
		press(l, "ArrowDown");
		expect(selectedTitles(h)).toEqual(["Click me"]);
		expect(rowEl(h, "Click me").hasClass("is-selected")).toBe(true);
		expect(l.getAttribute("aria-activedescendant")).toBe(rowEl(h, "Click me").id);
		press(l, "Enter");
		expect(windowOpen).not.toHaveBeenCalled();
		press(l, "ArrowUp");
		expect(selectedTitles(h)).toEqual(["Operators from scratch"]);
		press(l, "Enter");
		expect(windowOpen).toHaveBeenCalledWith("https://medium.com/y/operators");
		press(l, "Enter", { shiftKey: true });
		expect(openAtLine).toHaveBeenCalledWith(h.host, NEW_PATH, 9);
		// On a header, Enter collapses; the selection stays on it.
		press(l, "ArrowUp");
		press(l, "Enter");
		expect(outline(h)[1]).toBe("## Career (3)");
		expect(selectedTitles(h)).toEqual(["Kubernetes"]);
	});

	it("focuses the search on / and clears it on Escape", async () => {
		const h = await openView();
		type(h, "fleet");
		list(h).focus();
		press(list(h), "/");
		expect(document.activeElement).toBe(searchInput(h));
		press(list(h), "Escape");
		expect(searchInput(h).value).toBe("");
		expect(outline(h)).toHaveLength(11);
		type(h, "fleet");
		press(searchInput(h), "Escape");
		expect(h.view.getState()).toMatchObject({ search: "" });
	});

	it("renders an expanded entry's commentary with Obsidian's renderer, its links clickable and hoverable", async () => {
		const render = vi.spyOn(MarkdownRenderer, "render").mockImplementation(async (_app, _markdown, el) => {
			// As Obsidian renders a wiki-link; the mock renders nothing.
			el.createEl("a", { cls: "internal-link", text: "Cluster notes", attr: { "data-href": "Cluster notes", href: "Cluster notes" } });
			const tag = el.createEl("a", { cls: "tag", attr: { href: "#storage" } });
			tag.append("#", "storage");
			el.createEl("a", { cls: "external-link", text: "Sneaky link", attr: { href: "javascript:alert(2)" } });
			await Promise.resolve();
		});
		const h = await openView();
		click(rowEl(h, "Interview stories").querySelector('[data-action="expand"]')!);
		expect(outline(h).slice(5, 8)).toEqual(["## Career (3)", "Interview stories", "> commentary"]);
		expect(render).toHaveBeenCalledTimes(1);
		const [app, markdown, , sourcePath, component] = render.mock.calls[0]!;
		expect(app).toBe(h.host.app);
		expect([markdown, sourcePath]).toEqual(["- Read before [[Cluster notes]].", NEW_PATH]);
		// A component of its own, unloaded when the row leaves the DOM.
		expect(component === (h.view as unknown)).toBe(false);
		expect(typeof (component as unknown as ComponentType).unload).toBe("function");
		expect(rowEl(h, "Interview stories").querySelector('[data-action="expand"]')!.getAttribute("aria-expanded")).toBe("true");

		const openLink = vi.spyOn(h.app.workspace, "openLinkText").mockResolvedValue();
		const trigger = vi.spyOn(h.app.workspace, "trigger");
		const link = h.view.contentEl.querySelector<HTMLElement>(".digest-browser-commentary a.internal-link")!;
		click(link);
		expect(openLink).toHaveBeenCalledWith("Cluster notes", NEW_PATH, false);
		link.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
		// Field by field: matchers that walk the view would trip the mock's strict proxy.
		const hover = trigger.mock.calls.find(([name]) => name === "hover-link")?.[1] as Record<string, unknown>;
		expect(hover.hoverParent).toBe(h.view);
		expect(hover.targetEl).toBe(link);
		expect(hover.event).toBeInstanceOf(MouseEvent);
		expect([hover.source, hover.linktext, hover.sourcePath]).toEqual([VIEW_TYPE_DIGEST_BROWSER, "Cluster notes", NEW_PATH]);
		expect(windowOpen).not.toHaveBeenCalled();

		click(h.view.contentEl.querySelector(".digest-browser-commentary a.external-link")!);
		expect(windowOpen).not.toHaveBeenCalled();
		expect(notices.mock.calls.map(([m]) => m)).toEqual(['Not opened: "javascript:alert(2)" is not an http, https or obsidian link.']);

		// Collapsing again removes the panel.
		click(rowEl(h, "Interview stories").querySelector('[data-action="expand"]')!);
		expect(outline(h)).not.toContain("> commentary");

		// A tag in the commentary filters by it.
		click(rowEl(h, "Interview stories").querySelector('[data-action="expand"]')!);
		click(h.view.contentEl.querySelector(".digest-browser-commentary a.tag")!);
		expect(h.view.getState()).toMatchObject({ tag: "storage" });
		expect(outline(h)).toEqual(["## Data Engineer (1)", "A five-minute lakehouse"]);
	});

	it("keeps expanded entries, the selection and the scroll position through live updates", async () => {
		vi.spyOn(MarkdownRenderer, "render").mockResolvedValue();
		const h = await openView();
		click(rowEl(h, "Multi-cluster setup in ten minutes").querySelector('[data-action="expand"]')!);
		list(h).scrollTop = 40;
		const untouched = rowEl(h, "Two approaches to fleet management");
		const header = rowEl(h, "Kubernetes");
		h.live.index.setNote(NEW_PATH, FILES[NEW_PATH]!.replace("Operators from scratch", "Operators, revised"));
		h.live.trigger("changed");
		expect(outline(h).slice(0, 6)).toEqual(["## Kubernetes (4)", "Operators, revised", "Click me", "Multi-cluster setup in ten minutes", "> commentary", "Two approaches to fleet management"]);
		expect(selectedTitles(h)).toEqual(["Multi-cluster setup in ten minutes"]);
		expect(list(h).scrollTop).toBe(40);
		expect(h.view.getState()).toMatchObject({ expanded: [`${OLD_PATH}:9`] });
		// Rows that show the same keep their elements.
		expect(rowEl(h, "Two approaches to fleet management")).toBe(untouched);
		expect(rowEl(h, "Kubernetes")).toBe(header);
	});

	it("lists the entries that mention the open note, following file-open", async () => {
		const h = await openView();
		click(modeButton(h, "Mentions"));
		expect(modeButton(h, "Mentions").getAttribute("aria-pressed")).toBe("true");
		expect(emptyEl(h).textContent).toBe("Open a note to list the entries that mention it");
		h.app.workspace.trigger("file-open", h.app.vault.getFileByPath("Cluster notes.md"));
		expect(outline(h)).toEqual(["## Career (1)", "Interview stories", "## Kubernetes (1)", "Multi-cluster setup in ten minutes"]);
		expect(summary(h)).toBe("2 entries mention Cluster notes");
		// Opening a digest (to an entry, say) keeps the note.
		h.app.workspace.trigger("file-open", h.app.vault.getFileByPath(OLD_PATH));
		expect(outline(h)).toHaveLength(4);
		h.app.workspace.trigger("file-open", h.app.vault.getFileByPath("Notes/Lonely.md"));
		expect(emptyEl(h).textContent).toBe("No entries mention Lonely");
		// Other modes do not care which note is open.
		click(modeButton(h, "All"));
		expect(outline(h)).toHaveLength(11);
	});

	it("lists shared links and problems in their modes", async () => {
		const h = await openView();
		click(modeButton(h, "Duplicates"));
		expect(outline(h)).toEqual(["## https://cncf.io/blog/fleet/ (2)", "Fleet management, again", "Two approaches to fleet management"]);
		expect(summary(h)).toBe("1 shared link, 2 entries");
		click(modeButton(h, "Problems"));
		expect(outline(h)[0]).toBe(`## ${NEW_TITLE} (1)`);
		expect(outline(h)).toContain("! duplicate-url");
		const problem = rowEls(h).find((el) => el.hasClass("digest-browser-problem"))!;
		click(problem);
		expect(openAtLine).toHaveBeenCalledWith(h.host, NEW_PATH, 19);
	});

	it("round-trips its state through getState and setState, ignoring what it does not know", async () => {
		const h = await openView();
		await h.view.setState({ mode: "all", search: "fleet", groupBy: "none", category: "Career", collapsed: ["x"], expanded: [3], bogus: 1 }, { history: false });
		expect(outline(h)).toEqual(["Fleet management, again"]);
		expect(searchInput(h).value).toBe("fleet");
		const saved = h.view.getState();
		expect(saved).toEqual({ mode: "all", search: "fleet", groupBy: "none", category: "Career", recommendedOnly: false, collapsed: ["x"], expanded: [] });

		const other = await openView();
		openFilters(other);
		await other.view.setState(JSON.parse(JSON.stringify(saved)), { history: false });
		expect(other.view.getState()).toEqual(saved);
		expect(outline(other)).toEqual(["Fleet management, again"]);
		expect(other.view.contentEl.querySelector<HTMLSelectElement>('select[aria-label="Category"]')!.value).toBe("Career");
		await other.view.setState({ groupBy: 7, mode: "everything" }, { history: false });
		expect(other.view.getState()).toEqual(saved);
	});

	it("says when it is indexing, and when there are no digests", async () => {
		const h = await openView(FILES, { build: false });
		expect(emptyEl(h).textContent).toBe("Indexing…");
		await h.live.rebuild();
		expect(outline(h)).toHaveLength(11);
		const none = await openView({ "Notes/a.md": "# A\n" });
		expect(emptyEl(none).textContent).toBe("No digests yet");
	});

	it("renders only the rows in view, and the others as it scrolls", async () => {
		const many = Array.from({ length: 2000 }, (_, i) => `[${i + 1}. Source - Entry number ${i + 1}](https://example.com/${i + 1})`);
		const h = await openView({ "Digests/Weekly Links 01-09-2025 to 07-09-2025.md": digestNote(OLD_TITLE, ["# Big", "", ...many]) });
		expect(h.view.currentRows).toHaveLength(2001);
		const shown = rowEls(h).length;
		expect(shown).toBeGreaterThan(10);
		expect(shown).toBeLessThan(40);
		list(h).scrollTop = 48 * 1000;
		list(h).dispatchEvent(new Event("scroll"));
		const titles = outline(h);
		expect(titles).toContain("Entry number 1000");
		expect(titles).not.toContain("Entry number 1");
		expect(rowEls(h).length).toBeLessThan(40);
		// The selection follows the keyboard past what is rendered.
		for (let i = 0; i < 30; i++) press(list(h), "ArrowDown");
		expect(selectedTitles(h)).toHaveLength(1);
	});

	it("tears its rows down on close", async () => {
		const h = await openView();
		await h.view.onClose();
		expect(h.view.contentEl.childElementCount).toBe(0);
		h.live.trigger("changed");
		expect(h.view.contentEl.childElementCount).toBe(0);
	});
});

describe("registering and opening the view", () => {
	it("registers the view, its hover-link source and its command, and reuses the leaf it opened", async () => {
		const t = await makeTestHost(FILES, [SERIES]);
		registerDigestBrowser(t.host);
		const internals = t.plugin as unknown as { views__: Map<string, unknown>; hoverLinkSources__: Map<string, unknown>; commands__: Map<string, Command> };
		expect(internals.views__.has(VIEW_TYPE_DIGEST_BROWSER)).toBe(true);
		expect(internals.hoverLinkSources__.get(VIEW_TYPE_DIGEST_BROWSER)).toEqual({ display: "Digest browser", defaultMod: true });
		const command = internals.commands__.get("open-digest-browser")!;
		expect(command.name).toBe("Open digest browser");

		const reveal = vi.spyOn(t.app.workspace, "revealLeaf");
		command.callback!();
		await vi.waitFor(() => expect(reveal).toHaveBeenCalledTimes(1));
		const leaves = t.app.workspace.getLeavesOfType(VIEW_TYPE_DIGEST_BROWSER);
		expect(leaves).toHaveLength(1);
		expect(leaves[0]!.getViewState()).toMatchObject({ type: VIEW_TYPE_DIGEST_BROWSER, active: true });
		await activateBrowserView(t.host);
		expect(t.app.workspace.getLeavesOfType(VIEW_TYPE_DIGEST_BROWSER)).toHaveLength(1);
		expect(reveal).toHaveBeenCalledTimes(2);
		expect(reveal.mock.calls[1]![0]).toBe(leaves[0]);
	});
});
