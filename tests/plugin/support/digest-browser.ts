/**
 * The digest browser view over a mocked vault, for the tests of src/plugin/view/: two digests
 * (entries with commentary, a shared link, a javascript: URL, a problem), helpers that read the
 * list as a person sees it and act on it, and spies on window.open and notices.
 */
import { Notice, WorkspaceLeaf } from "obsidian-test-mocks/obsidian";
import { afterEach, beforeEach, vi, type MockInstance } from "vitest";
import { DEFAULT_SERIES, completeSeries } from "../../../src/core/format/series";
import { openAtLine } from "../../../src/plugin/commands/digest-actions";
import { DigestBrowserView } from "../../../src/plugin/view/browser-view";
import { digestNote, makeTestHost, type TestHost } from "./host";

export const SERIES = completeSeries({ ...DEFAULT_SERIES, name: "Weekly links", tag: "weeklylinks", categories: ["Kubernetes", "Career", "Data Engineer"] });

export const OLD_PATH = "Digests/Weekly Links 01-09-2025 to 07-09-2025.md";
export const OLD_TITLE = "Weekly Links: 01-09-2025 to 07-09-2025";
export const NEW_PATH = "Digests/Weekly Links 08-09-2025 to 14-09-2025.md";
export const NEW_TITLE = "Weekly Links: 08-09-2025 to 14-09-2025";

export const FILES: Record<string, string> = {
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

export interface Harness extends TestHost {
	view: DigestBrowserView;
	leaf: WorkspaceLeaf;
}

export async function openView(files = FILES, options: { build?: boolean } = {}): Promise<Harness> {
	const t = await makeTestHost(files, [SERIES], options);
	const leaf = WorkspaceLeaf.create2__(t.app);
	const view = new DigestBrowserView(leaf.asOriginalType3__(), t.host);
	// In the document, as Obsidian puts it, so that focus works.
	document.body.appendChild(view.containerEl);
	view.load();
	await view.onOpen();
	return { ...t, view, leaf };
}

export const list = (h: Harness) => h.view.contentEl.querySelector<HTMLElement>(".digest-browser-list")!;
export const emptyEl = (h: Harness) => h.view.contentEl.querySelector<HTMLElement>(".digest-browser-empty")!;
/** The empty state's sentence, without its buttons. */
export const emptyText = (h: Harness) => h.view.contentEl.querySelector<HTMLElement>(".digest-browser-empty-text")?.textContent ?? "";
/** The labels of the empty state's buttons. */
export const emptyButtons = (h: Harness) => [...h.view.contentEl.querySelectorAll<HTMLButtonElement>(".digest-browser-empty button")].map((b) => b.textContent);
export const searchInput = (h: Harness) => h.view.contentEl.querySelector<HTMLInputElement>(".digest-browser-search input")!;
export const summary = (h: Harness) => h.view.contentEl.querySelector<HTMLElement>(".digest-browser-summary")!.textContent;

/** Where the view placed a row (its translateY). */
export function top(el: HTMLElement): number {
	return parseFloat(/translateY\((-?[\d.]+)px\)/.exec(el.style.transform)?.[1] ?? "NaN");
}

/** The row elements in the DOM, top to bottom (not those kept out of view for reuse, which have no key). */
export function rowEls(h: Harness): HTMLElement[] {
	return [...h.view.contentEl.querySelectorAll<HTMLElement>(".digest-browser-row[data-key]")].sort((a, b) => top(a) - top(b));
}

/** `## label (count)` for group headers, the title for entries, `> …` for commentary panels. */
export function outline(h: Harness): string[] {
	return rowEls(h).map((el) => {
		if (el.hasClass("digest-browser-group")) return `## ${el.querySelector(".digest-browser-group-label")!.textContent} (${el.querySelector(".digest-browser-count")!.textContent})`;
		if (el.hasClass("digest-browser-detail")) return "> commentary";
		if (el.hasClass("digest-browser-problem")) return `! ${el.querySelector(".digest-browser-problem-code")!.textContent}`;
		return el.querySelector(".digest-browser-title")!.textContent;
	});
}

export function rowEl(h: Harness, title: string): HTMLElement {
	const el = rowEls(h).find((r) => r.querySelector(".digest-browser-title")?.textContent === title || r.querySelector(".digest-browser-group-label")?.textContent === title);
	if (!el) throw new Error(`No row ${title}`);
	return el;
}

export function click(el: Element, init: MouseEventInit = {}): void {
	el.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, ...init }));
}

export function press(el: Element, key: string, init: KeyboardEventInit = {}): void {
	el.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init }));
}

export function type(h: Harness, value: string): void {
	const input = searchInput(h);
	input.value = value;
	input.dispatchEvent(new Event("input", { bubbles: true }));
}

/** Opens the filters panel, as a click on its summary does (the test DOM fires no "toggle" by itself). */
export function openFilters(h: Harness): void {
	const details = h.view.contentEl.querySelector<HTMLDetailsElement>(".digest-browser-filters")!;
	if (details.open) return;
	details.open = true;
	details.dispatchEvent(new Event("toggle"));
}

export function choose(h: Harness, label: string, value: string): void {
	openFilters(h);
	const select = h.view.contentEl.querySelector<HTMLSelectElement>(`select[aria-label="${label}"]`)!;
	select.value = value;
	select.dispatchEvent(new Event("change", { bubbles: true }));
}

export function modeButton(h: Harness, label: string): HTMLButtonElement {
	return [...h.view.contentEl.querySelectorAll<HTMLButtonElement>(".digest-browser-mode")].find((b) => b.textContent === label)!;
}

export const selectedTitles = (h: Harness) => rowEls(h).filter((el) => el.getAttribute("aria-selected") === "true").map((el) => el.querySelector(".digest-browser-title, .digest-browser-group-label")!.textContent);

export let windowOpen: MockInstance<typeof window.open>;
export let notices: MockInstance<(message: DocumentFragment | string, duration?: number) => void>;

/**
 * Spies on window.open and notices before each test and restores everything after. A test file
 * that mocks openAtLine (vi.mock of digest-actions, which only works in the test file) gets it
 * cleared too.
 */
export function useViewSpies(): void {
	beforeEach(() => {
		windowOpen = vi.spyOn(window, "open").mockImplementation(() => null);
		// `new Notice(...)` does not go through create__; every constructor ends in constructor__.
		notices = vi.spyOn(Notice.prototype, "constructor__");
		if (vi.isMockFunction(openAtLine)) vi.mocked(openAtLine).mockClear();
	});

	afterEach(() => {
		vi.restoreAllMocks();
		document.body.empty();
	});
}
