import { Component, ItemView, Keymap, MarkdownRenderer, Notice, prepareSimpleSearch, SearchComponent, setIcon, type HoverParent, type HoverPopover, type ViewStateResult, type WorkspaceLeaf } from "obsidian";
import { browse, type BrowseResult } from "../../core/browse/browse";
import { BrowserCache } from "../../core/browse/browser-cache";
import type { BrowserOption, BrowserOptions } from "../../core/browse/browser-options";
import { defaultBrowserState, hasFilters, mergeBrowserState, type BrowserGroupBy, type BrowserMode, type BrowserState } from "../../core/browse/browser-state";
import { BrowserRows, type RowHeights, type RowLayout } from "../../core/browse/row-layout";
import type { BrowserRow, EntryRow } from "../../core/browse/rows";
import type { TextRange } from "../../core/browse/search-match";
import type { IndexedEntry } from "../../core/index/digest-index";
import { formatEntryLine } from "../../core/edit/entry-edits";
import { isOpenableUrl } from "../../core/links/url-normalize";
import { openAtLine } from "../commands/digest-actions";
import type { DigestCuratorHost } from "../host";

export const VIEW_TYPE_DIGEST_BROWSER = "digest-curator-browser";
export const DIGEST_BROWSER_NAME = "Digest browser";
export const DIGEST_BROWSER_ICON = "library";

/** Row heights in px; the rows' CSS takes them from the element, so this is the one place they are set. */
const ROW_HEIGHT = { group: 30, entry: 48, problem: 48 } as const;
/** Commentary panels: estimated from their line count until rendered and measured; taller ones scroll inside. */
const DETAIL_MIN = 40;
const DETAIL_MAX = 320;
const DETAIL_LINE = 22;
const DETAIL_PADDING = 16;
/** Rows rendered beyond the visible ones, above and below. */
const OVERSCAN = 4;
/** Entry row elements kept for reuse, at most; and where they wait, above the list's top. */
const MAX_PARKED_ROWS = 64;
const PARKED_Y = -10_000;
/** Height assumed while the list has no layout yet (a collapsed sidebar, say). */
const FALLBACK_VIEWPORT = 600;

const MODES: { mode: BrowserMode; label: string }[] = [
	{ mode: "all", label: "All" },
	{ mode: "mentions", label: "Mentions" },
	{ mode: "duplicates", label: "Duplicates" },
	{ mode: "problems", label: "Problems" },
];

const GROUPINGS: { groupBy: BrowserGroupBy; label: string }[] = [
	{ groupBy: "category", label: "Group by category" },
	{ groupBy: "digest", label: "Group by digest" },
	{ groupBy: "source", label: "Group by source" },
	{ groupBy: "tag", label: "Group by tag" },
	{ groupBy: "none", label: "No grouping" },
];

/** Opens the browser in the right sidebar, reusing its leaf when it is open already. */
export async function activateBrowserView(host: DigestCuratorHost): Promise<void> {
	const { workspace } = host.app;
	let leaf = workspace.getLeavesOfType(VIEW_TYPE_DIGEST_BROWSER)[0] ?? null;
	if (!leaf) {
		leaf = workspace.getRightLeaf(false);
		if (!leaf) return;
		await leaf.setViewState({ type: VIEW_TYPE_DIGEST_BROWSER, active: true });
	}
	await workspace.revealLeaf(leaf);
}

/** Registers the view, its hover-link source and its command. */
export function registerDigestBrowser(host: DigestCuratorHost): void {
	const { plugin } = host;
	plugin.registerView(VIEW_TYPE_DIGEST_BROWSER, (leaf) => new DigestBrowserView(leaf, host));
	plugin.registerHoverLinkSource(VIEW_TYPE_DIGEST_BROWSER, { display: DIGEST_BROWSER_NAME, defaultMod: true });
	plugin.addCommand({
		id: "open-digest-browser",
		name: "Open digest browser",
		callback: () => void activateBrowserView(host),
	});
}

/** Opens an entry's URL when its scheme is one the plugin may open; otherwise says why not. */
export function openEntryUrl(url: string): boolean {
	if (!isOpenableUrl(url)) {
		new Notice(`Not opened: "${url}" is not an http, https or obsidian link.`);
		return false;
	}
	// Obsidian hands http(s) to the browser and obsidian: links to itself.
	window.open(url.trim());
	return true;
}

/** Appends `text` to `el` with the ranges wrapped in highlight spans. */
export function renderHighlighted(el: HTMLElement, text: string, ranges: readonly TextRange[]): void {
	let at = 0;
	for (const [start, end] of ranges) {
		if (start > at) el.appendText(text.slice(at, start));
		el.createSpan({ cls: "digest-browser-match", text: text.slice(start, end) });
		at = end;
	}
	if (at < text.length) el.appendText(text.slice(at));
}

interface Shown {
	row: BrowserRow;
	el: HTMLElement;
	/** Where it was last placed, so that scrolling writes no style that did not change. */
	top: number;
	height: number;
	/** Owns what MarkdownRenderer registers for a commentary panel; unloaded with the row. */
	child: Component | null;
	/** Whether it is marked selected; null until first marked. */
	selected: boolean | null;
}

interface Ui {
	modeButtons: Map<BrowserMode, HTMLButtonElement>;
	search: SearchComponent;
	filters: HTMLDetailsElement;
	filtersSummary: HTMLElement;
	series: HTMLSelectElement;
	category: HTMLSelectElement;
	source: HTMLSelectElement;
	tag: HTMLSelectElement;
	recommended: HTMLInputElement;
	from: HTMLInputElement;
	to: HTMLInputElement;
	groupBy: HTMLSelectElement;
	summary: HTMLElement;
	list: HTMLElement;
	canvas: HTMLElement;
	empty: HTMLElement;
}

let nextRowId = 1;

/**
 * Every entry of every digest in one list: searched, filtered, grouped. The list is virtualised:
 * rows have fixed heights by kind (a commentary panel its measured one), their offsets are prefix
 * sums, and only the rows in view (plus a margin) are in the DOM, reused by key while they stay.
 */
export class DigestBrowserView extends ItemView implements HoverParent {
	hoverPopover: HoverPopover | null = null;
	// Distinct names: View keeps internals of its own (the test mock's View a `state`) that a same-named field would clash with.
	private browserState: BrowserState = defaultBrowserState();
	private readonly browseCache = new BrowserCache();
	private browseResult: BrowseResult = noRows();
	private rowLayout: RowLayout = new BrowserRows().layout(this.heights());
	private readonly shownRows = new Map<string, Shown>();
	private readonly detailHeights = new Map<string, number>();
	private selectedKey: string | null = null;
	/** Where the selected row was last seen: keys are looked for from there. */
	private selectedIndex = -1;
	private activeNotePath: string | null = null;
	private filterOptions: BrowserOptions | null = null;
	private filterOptionsSeries: string | undefined = undefined;
	private browserUi: Ui | null = null;
	private actionsTemplate: HTMLElement | null = null;
	/** Entry row elements out of use, kept for the next entries shown (see `park`). */
	private readonly parkedRows: HTMLElement[] = [];

	constructor(leaf: WorkspaceLeaf, private readonly curator: DigestCuratorHost) {
		super(leaf);
		this.navigation = false;
	}

	getViewType(): string {
		return VIEW_TYPE_DIGEST_BROWSER;
	}

	getDisplayText(): string {
		return DIGEST_BROWSER_NAME;
	}

	getIcon(): string {
		return DIGEST_BROWSER_ICON;
	}

	getState(): Record<string, unknown> {
		const s = this.browserState;
		return { ...s, collapsed: [...s.collapsed], expanded: [...s.expanded] };
	}

	async setState(state: unknown, result: ViewStateResult): Promise<void> {
		this.browserState = mergeBrowserState(this.browserState, state);
		await super.setState(state, result);
		this.refresh("top");
	}

	/** The rows as computed last: what the list shows, scrolled or not. */
	get currentRows(): BrowserRows {
		return this.browseResult.rows;
	}

	async onOpen(): Promise<void> {
		this.build();
		this.activeNotePath = this.app.workspace.getActiveFile()?.path ?? null;
		this.registerEvent(this.curator.live.on("changed", () => this.refresh("keep")));
		this.registerEvent(
			this.app.workspace.on("file-open", (file) => {
				const path = file?.path ?? null;
				// Opening an entry in its digest keeps the note whose mentions are listed.
				if (path !== null && this.curator.live.index.get(path)) return;
				if (path === this.activeNotePath) return;
				this.activeNotePath = path;
				if (this.browserState.mode === "mentions") this.refresh("top");
			}),
		);
		// Until the index is built this shows "Indexing…"; the build's "changed" redraws it.
		this.refresh("top");
		await Promise.resolve();
	}

	async onClose(): Promise<void> {
		for (const key of [...this.shownRows.keys()]) this.unshow(key);
		this.parkedRows.length = 0;
		this.contentEl.empty();
		this.browserUi = null;
		await Promise.resolve();
	}

	onResize(): void {
		this.renderWindow();
	}

	// --- building ---

	private build(): void {
		const root = this.contentEl;
		root.empty();
		root.addClass("digest-browser");
		const toolbar = root.createDiv({ cls: "digest-browser-toolbar" });

		const modes = toolbar.createDiv({ cls: "digest-browser-modes", attr: { role: "group", "aria-label": "Show" } });
		const modeButtons = new Map<BrowserMode, HTMLButtonElement>();
		for (const { mode, label } of MODES) {
			const b = modes.createEl("button", { text: label, cls: "digest-browser-mode" });
			this.registerDomEvent(b, "click", () => this.update({ mode }, "top"));
			modeButtons.set(mode, b);
		}

		const search = new SearchComponent(toolbar.createDiv({ cls: "digest-browser-search" }));
		search.setPlaceholder("Search entries");
		search.inputEl.setAttr("aria-label", "Search entries");
		// Both: typing fires "input"; the clear button reports through onChange.
		search.onChange((value) => this.setSearch(value));
		this.registerDomEvent(search.inputEl, "input", () => this.setSearch(search.inputEl.value));
		this.registerDomEvent(search.inputEl, "keydown", (evt) => this.onSearchKey(evt));

		const filters = toolbar.createEl("details", { cls: "digest-browser-filters" });
		const filtersSummary = filters.createEl("summary", { text: "Filters" });
		// The option lists count every entry: made when the panel is opened, not on every change.
		this.registerDomEvent(filters, "toggle", () => {
			if (this.browserUi) this.syncOptions(this.browserUi);
		});
		const fields = filters.createDiv({ cls: "digest-browser-fields" });
		const select = (label: string, onChange: (value: string) => void) => {
			const el = fields.createEl("select", { cls: "dropdown digest-browser-select", attr: { "aria-label": label } });
			this.registerDomEvent(el, "change", () => onChange(el.value));
			return el;
		};
		const series = select("Series", (v) => this.update({ series: v || undefined, category: undefined, source: undefined, tag: undefined }, "top"));
		const category = select("Category", (v) => this.update({ category: v || undefined }, "top"));
		const source = select("Source", (v) => this.update({ source: v || undefined }, "top"));
		const tag = select("Tag", (v) => this.update({ tag: v || undefined }, "top"));

		const recommendedLabel = fields.createEl("label", { cls: "digest-browser-check" });
		const recommended = recommendedLabel.createEl("input", { type: "checkbox" });
		recommendedLabel.appendText("Recommended only");
		this.registerDomEvent(recommended, "change", () => this.update({ recommendedOnly: recommended.checked }, "top"));

		const dates = fields.createDiv({ cls: "digest-browser-dates" });
		const date = (label: string, onChange: (value: string) => void) => {
			const wrap = dates.createEl("label", { cls: "digest-browser-date" });
			wrap.createSpan({ text: label });
			const el = wrap.createEl("input", { type: "date" });
			this.registerDomEvent(el, "change", () => onChange(el.value));
			return el;
		};
		const from = date("From", (v) => this.update({ from: v || undefined }, "top"));
		const to = date("To", (v) => this.update({ to: v || undefined }, "top"));

		const groupBy = select("Group by", (v) => this.update({ groupBy: v as BrowserGroupBy }, "top"));
		for (const g of GROUPINGS) groupBy.createEl("option", { text: g.label, value: g.groupBy });

		const summary = toolbar.createDiv({ cls: "digest-browser-summary", attr: { "aria-live": "polite" } });

		const list = root.createDiv({ cls: "digest-browser-list", attr: { tabindex: "0", role: "listbox", "aria-label": "Digest entries" } });
		const canvas = list.createDiv({ cls: "digest-browser-canvas" });
		const empty = root.createDiv({ cls: "digest-browser-empty" });

		this.registerDomEvent(list, "scroll", () => this.renderWindow());
		this.registerDomEvent(list, "click", (evt) => this.onListClick(evt));
		this.registerDomEvent(list, "mouseover", (evt) => this.onListHover(evt));
		this.registerDomEvent(list, "keydown", (evt) => this.onListKey(evt));

		this.browserUi = { modeButtons, search, filters, filtersSummary, series, category, source, tag, recommended, from, to, groupBy, summary, list, canvas, empty };
	}

	// --- state ---

	/** Applies a change of the state, saves it with the workspace and redraws. */
	private update(change: Partial<BrowserState>, scroll: "top" | "keep", anchorKey?: string): void {
		const next: BrowserState = { ...this.browserState, ...change };
		for (const k of Object.keys(change) as (keyof BrowserState)[]) if (change[k] === undefined) delete next[k];
		this.browserState = next;
		this.app.workspace.requestSaveLayout();
		this.refresh(scroll, anchorKey);
	}

	private setSearch(value: string): void {
		if (value === this.browserState.search) return;
		this.update({ search: value }, "top");
	}

	private toggleListed(field: "collapsed" | "expanded", key: string): void {
		const list = this.browserState[field];
		this.update({ [field]: list.includes(key) ? list.filter((k) => k !== key) : [...list, key] }, "keep", this.selectedKey ?? undefined);
	}

	// --- computing and drawing ---

	/**
	 * Recomputes the rows. "keep" holds the anchor row (the given one, else the first in view) where
	 * it stands on screen, so that live updates and toggles do not jump; "top" scrolls to the top.
	 */
	refresh(scroll: "top" | "keep" = "keep", anchorKey?: string): void {
		const ui = this.browserUi;
		if (!ui) return;
		// Read before anything is written: a read after a write would make the browser lay the page out twice a keystroke.
		const scrollTop = ui.list.scrollTop;
		const wasHidden = ui.list.hasClass("is-hidden");
		let viewport = this.viewportHeight();
		const anchor = scroll === "keep" ? this.anchor(anchorKey, scrollTop, viewport) : null;
		const live = this.curator.live;
		const index = live.index;
		let emptyText = "";
		if (!live.isReady) {
			this.browseResult = noRows();
			emptyText = "Indexing…";
		} else if (index.size === 0) {
			this.browseResult = noRows();
			emptyText = "No digests yet";
		} else {
			this.browseResult = browse(index, this.browserState, { prepareSearch: prepareSimpleSearch, wordSearch: true, activeNotePath: this.activeNotePath, cache: this.browseCache });
			if (this.browseResult.rows.length === 0) emptyText = this.emptyText();
		}
		this.layout();
		setTextIfChanged(ui.empty, emptyText);
		ui.empty.toggleClass("is-hidden", emptyText === "");
		ui.list.toggleClass("is-hidden", emptyText !== "");
		this.syncControls(ui);
		if (this.selectedKey !== null) {
			this.selectedIndex = this.indexOfKey(this.selectedKey, this.selectedIndex);
			if (this.selectedIndex < 0) this.selectedKey = null;
		}
		let top = scrollTop;
		if (anchor) {
			const i = this.indexOfKey(anchor.key, anchor.index);
			if (i >= 0) top = this.rowLayout.top(i) - anchor.offset;
		} else if (scroll === "top") {
			top = 0;
		}
		top = Math.max(0, top);
		// Written only when it moves (a write makes the browser lay out at once); a list shorter than it
		// is clamped by the browser, whose scroll event then redraws the window.
		if (top !== scrollTop) ui.list.scrollTop = top;
		// A hidden list has no height to read: read it again now that it shows (one layout, then).
		if (wasHidden && emptyText === "") viewport = this.viewportHeight();
		this.renderWindow(top, viewport);
	}

	private emptyText(): string {
		switch (this.browserState.mode) {
			case "mentions":
				if (this.activeNotePath === null) return "Open a note to list the entries that mention it";
				return hasFilters(this.browserState) ? "No entries match" : `No entries mention ${noteName(this.activeNotePath)}`;
			case "duplicates":
				return hasFilters(this.browserState) ? "No entries match" : "No links are shared by two entries";
			case "problems":
				return "No problems found";
			default:
				return "No entries match";
		}
	}

	/** The row to hold in place (the given one while in view, else the first in view) and its distance from the top of the view. */
	private anchor(key?: string, scrollTop = this.browserUi?.list.scrollTop ?? 0, height = this.viewportHeight()): { key: string; index: number; offset: number } | null {
		const ui = this.browserUi;
		const rows = this.browseResult.rows;
		if (!ui || rows.length === 0) return null;
		let i = key !== undefined ? this.indexOfKey(key, key === this.selectedKey ? this.selectedIndex : -1) : -1;
		const layout = this.rowLayout;
		if (i < 0 || layout.top(i + 1) <= scrollTop || layout.top(i) >= scrollTop + height) i = layout.indexAt(scrollTop);
		return { key: rows.at(i).key, index: i, offset: layout.top(i) - scrollTop };
	}

	/** Index of the row with `key`, or -1; looked for outward from `near`, as rows mostly stay where they were. */
	private indexOfKey(key: string, near = -1): number {
		const rows = this.browseResult.rows;
		const n = rows.length;
		if (near < 0 || near >= n) {
			for (let i = 0; i < n; i++) if (rows.at(i).key === key) return i;
			return -1;
		}
		for (let d = 0; near - d >= 0 || near + d < n; d++) {
			if (near + d < n && rows.at(near + d).key === key) return near + d;
			if (d > 0 && near - d >= 0 && rows.at(near - d).key === key) return near - d;
		}
		return -1;
	}

	private heightOf(row: BrowserRow): number {
		if (row.kind !== "detail") return ROW_HEIGHT[row.kind];
		const measured = this.detailHeights.get(row.entryKey);
		if (measured !== undefined) return measured;
		const lines = row.entry.entry.commentary.split("\n").length;
		return clamp(lines * DETAIL_LINE + DETAIL_PADDING, DETAIL_MIN, DETAIL_MAX);
	}

	/** Row heights by kind, a commentary panel's as measured (estimated until it is). */
	private heights(): RowHeights {
		return { ...ROW_HEIGHT, detail: (row) => this.heightOf(row) };
	}

	private layout(): void {
		// By stretches of rows of one kind, not a row at a time: a list can hold 100,000 entries.
		this.rowLayout = this.browseResult.rows.layout(this.heights());
		this.browserUi?.canvas.setCssProps({ "--digest-browser-total": `${this.rowLayout.height}px` });
	}

	private viewportHeight(): number {
		return this.browserUi?.list.clientHeight || FALLBACK_VIEWPORT;
	}

	/** Puts the rows in view (and a margin) in the DOM, keeping those already there. */
	private renderWindow(top?: number, viewport?: number): void {
		const ui = this.browserUi;
		if (!ui) return;
		const rows = this.browseResult.rows;
		top ??= ui.list.scrollTop;
		viewport ??= this.viewportHeight();
		const layout = this.rowLayout;
		const first = rows.length === 0 ? 0 : Math.max(0, layout.indexAt(top) - OVERSCAN);
		const last = rows.length === 0 ? -1 : Math.min(rows.length - 1, layout.indexAt(top + viewport) + OVERSCAN);
		const wanted = new Set<string>();
		for (let i = first; i <= last; i++) wanted.add(rows.at(i).key);
		for (const key of [...this.shownRows.keys()]) if (!wanted.has(key)) this.unshow(key);
		for (let i = first; i <= last; i++) {
			const row = rows.at(i);
			let shown = this.shownRows.get(row.key);
			// Rows are shared while unchanged; a new row object is redrawn unless it shows the same.
			if (shown && shown.row !== row && !sameContent(shown.row, row)) {
				if (row.kind === "entry" && shown.row.kind === "entry") {
					this.bindEntry(shown.el, row);
				} else {
					this.unshow(row.key);
					shown = undefined;
				}
			}
			if (!shown) {
				shown = this.show(row);
				this.shownRows.set(row.key, shown);
			}
			shown.row = row;
			const rowTop = layout.top(i);
			const height = layout.top(i + 1) - rowTop;
			if (shown.top !== rowTop || shown.height !== height) {
				// Plain properties, not custom ones: a row with custom properties of its own makes the browser
				// restyle it with a copy of every theme variable, which took most of a keystroke's frame.
				shown.el.style.transform = `translateY(${rowTop}px)`;
				shown.el.style.height = `${height}px`;
				shown.top = rowTop;
				shown.height = height;
			}
			this.markSelected(shown);
		}
		const selected = this.selectedKey !== null ? this.shownRows.get(this.selectedKey) : undefined;
		const active = selected ? selected.el.id : null;
		if (ui.list.getAttribute("aria-activedescendant") !== active) {
			if (active) ui.list.setAttr("aria-activedescendant", active);
			else ui.list.removeAttribute("aria-activedescendant");
		}
	}

	/** Marks a row selected or not; writes only a change (this runs for every row on every scrolled frame). */
	private markSelected(shown: Shown): void {
		const selected = shown.row.key === this.selectedKey;
		if (shown.selected === selected) return;
		shown.selected = selected;
		shown.el.toggleClass("is-selected", selected);
		if (shown.row.kind !== "detail") shown.el.setAttr("aria-selected", selected ? "true" : "false");
	}

	private unshow(key: string): void {
		const shown = this.shownRows.get(key);
		if (!shown) return;
		if (shown.child) this.removeChild(shown.child);
		this.shownRows.delete(key);
		if (shown.row.kind === "entry" && this.parkedRows.length < MAX_PARKED_ROWS) this.park(shown.el);
		else shown.el.remove();
	}

	/**
	 * Keeps an entry row's element for the next entry to show: moved out of view, not taken out of
	 * the page, so that the browser keeps its styles and a new entry costs only new text.
	 */
	private park(el: HTMLElement): void {
		el.style.transform = `translateY(${PARKED_Y}px)`;
		el.setAttr("aria-hidden", "true");
		if (el.hasClass("is-selected")) el.removeClass("is-selected");
		el.removeAttribute("aria-selected");
		delete el.dataset.key;
		this.parkedRows.push(el);
	}

	private show(row: BrowserRow): Shown {
		const canvas = this.browserUi!.canvas;
		if (row.kind === "entry") {
			const parked = this.parkedRows.pop();
			const el = parked ?? this.newEntryElement(canvas);
			if (parked) el.removeAttribute("aria-hidden");
			el.dataset.key = row.key;
			this.bindEntry(el, row);
			return { row, el, top: -1, height: -1, child: null, selected: null };
		}
		const el = canvas.createDiv({ cls: `digest-browser-row digest-browser-${row.kind}` });
		el.id = `digest-browser-row-${nextRowId++}`;
		el.dataset.key = row.key;
		const shown: Shown = { row, el, top: -1, height: -1, child: null, selected: null };
		switch (row.kind) {
			case "group":
				this.drawGroup(el, row.label, row.count, row.collapsed);
				break;
			case "problem": {
				const p = row.problem;
				el.setAttr("role", "option");
				el.addClass(`mod-${p.severity}`);
				el.setAttr("title", p.message);
				const head = el.createDiv({ cls: "digest-browser-line" });
				head.createSpan({ cls: "digest-browser-problem-code", text: p.code });
				head.createSpan({ cls: "digest-browser-meta", text: `Line ${p.line}` });
				el.createDiv({ cls: "digest-browser-line digest-browser-problem-message", text: p.message });
				break;
			}
			case "detail": {
				el.setAttr("role", "presentation");
				const body = el.createDiv({ cls: "digest-browser-commentary markdown-rendered" });
				const child = this.addChild(new Component());
				shown.child = child;
				const path = row.entry.digest.path;
				void MarkdownRenderer.render(this.app, row.entry.entry.commentary, body, path, child).then(() => this.measure(row.entryKey, body));
				break;
			}
		}
		return shown;
	}

	private drawGroup(el: HTMLElement, label: string, count: number, collapsed: boolean): void {
		el.setAttr("role", "option");
		el.setAttr("aria-expanded", collapsed ? "false" : "true");
		el.toggleClass("is-collapsed", collapsed);
		setIcon(el.createSpan({ cls: "digest-browser-chevron" }), collapsed ? "chevron-right" : "chevron-down");
		el.createSpan({ cls: "digest-browser-group-label", text: label });
		el.createSpan({ cls: "digest-browser-count", text: String(count) });
	}

	/** An entry row's elements, all of them, empty: `bindEntry` fills them (and CSS hides the empty ones). */
	private newEntryElement(canvas: HTMLElement): HTMLElement {
		const el = canvas.createDiv({ cls: "digest-browser-row digest-browser-entry", attr: { role: "option" } });
		el.id = `digest-browser-row-${nextRowId++}`;
		el.createDiv({ cls: "digest-browser-expand" });
		const body = el.createDiv({ cls: "digest-browser-entry-body" });
		const head = body.createDiv({ cls: "digest-browser-line" });
		head.createSpan({ cls: "digest-browser-number" });
		head.createSpan({ cls: "digest-browser-title" });
		setIcon(head.createSpan({ cls: "digest-browser-star", attr: { "aria-label": "Recommended" } }), "star");
		const meta = body.createDiv({ cls: "digest-browser-line digest-browser-meta" });
		meta.createSpan({ cls: "digest-browser-source" });
		meta.createSpan({ cls: "digest-browser-tags" });
		meta.createSpan({ cls: "digest-browser-digest" });
		// The same buttons on every row: drawn once, then copied (icons are SVG trees, costly to draw row by row).
		if (!this.actionsTemplate) {
			const actions = createDiv({ cls: "digest-browser-actions" });
			const action = (name: string, label: string, icon: string) => {
				const b = actions.createDiv({ cls: "clickable-icon", attr: { "aria-label": label } });
				b.dataset.action = name;
				setIcon(b, icon);
			};
			action("open-in-digest", "Open in digest", "file-text");
			action("copy", "Copy Markdown", "copy");
			this.actionsTemplate = actions;
		}
		el.appendChild(this.actionsTemplate.cloneNode(true));
		return el;
	}

	/** Shows an entry in a row's elements, new or reused; changes only what differs. */
	private bindEntry(el: HTMLElement, row: EntryRow): void {
		const e = row.entry.entry;
		el.setAttr("title", e.url);
		el.toggleClass("is-recommended", e.recommended);
		const toggle = el.querySelector<HTMLElement>(".digest-browser-expand")!;
		const icon = e.commentary === "" ? "" : row.expanded ? "chevron-down" : "chevron-right";
		if (toggle.dataset.icon !== icon) {
			toggle.dataset.icon = icon;
			toggle.toggleClass("clickable-icon", icon !== "");
			if (icon === "") {
				toggle.empty();
				delete toggle.dataset.action;
				toggle.removeAttribute("aria-label");
				toggle.removeAttribute("aria-expanded");
			} else {
				toggle.dataset.action = "expand";
				toggle.setAttr("aria-label", row.expanded ? "Hide commentary" : "Show commentary");
				toggle.setAttr("aria-expanded", row.expanded ? "true" : "false");
				setIcon(toggle, icon);
			}
		}
		setTextIfChanged(el.querySelector(".digest-browser-number")!, e.number !== null ? `${e.number}.` : "");
		const title = el.querySelector<HTMLElement>(".digest-browser-title")!;
		title.empty();
		renderHighlighted(title, e.title, row.matches);
		setTextIfChanged(el.querySelector(".digest-browser-source")!, e.source ?? "");
		setTextIfChanged(el.querySelector(".digest-browser-tags")!, e.tags.map((t) => `#${t}`).join(" "));
		setTextIfChanged(el.querySelector(".digest-browser-digest")!, row.entry.digest.title);
	}

	/** A rendered commentary's real height replaces the estimate. */
	private measure(entryKey: string, body: HTMLElement): void {
		const h = body.scrollHeight;
		if (!this.browserUi || h <= 0) return;
		const height = clamp(h + DETAIL_PADDING, DETAIL_MIN, DETAIL_MAX);
		if (this.detailHeights.get(entryKey) === height) return;
		this.detailHeights.set(entryKey, height);
		const anchor = this.anchor();
		this.layout();
		if (anchor) {
			const i = this.indexOfKey(anchor.key, anchor.index);
			if (i >= 0) this.browserUi.list.scrollTop = Math.max(0, this.rowLayout.top(i) - anchor.offset);
		}
		this.renderWindow();
	}

	private syncControls(ui: Ui): void {
		const s = this.browserState;
		for (const [mode, b] of ui.modeButtons) {
			b.toggleClass("is-active", mode === s.mode);
			b.setAttr("aria-pressed", mode === s.mode ? "true" : "false");
		}
		if (ui.search.inputEl.value !== s.search) ui.search.inputEl.value = s.search;
		this.syncOptions(ui);
		ui.recommended.checked = s.recommendedOnly;
		ui.from.value = s.from ?? "";
		ui.to.value = s.to ?? "";
		ui.groupBy.value = s.groupBy;
		const problems = s.mode === "problems";
		// Problems have no category, source, tag or flag; duplicates group by link.
		for (const el of [ui.category, ui.source, ui.tag, ui.recommended.parentElement!]) el.toggleClass("is-hidden", problems);
		ui.groupBy.toggleClass("is-hidden", problems || s.mode === "duplicates");
		const active = [s.series, s.category, s.source, s.tag, s.from, s.to].filter((v) => v !== undefined).length + (s.recommendedOnly ? 1 : 0);
		setTextIfChanged(ui.filtersSummary, active > 0 ? `Filters (${active})` : "Filters");
		setTextIfChanged(ui.summary, this.summaryText());
	}

	private syncOptions(ui: Ui): void {
		if (!ui.filters.open) return;
		const s = this.browserState;
		const index = this.curator.live.index;
		const options = this.curator.live.isReady ? this.browseCache.options(index, s.series) : { series: [], categories: [], sources: [], tags: [] };
		if (options !== this.filterOptions || s.series !== this.filterOptionsSeries) {
			this.filterOptions = options;
			this.filterOptionsSeries = s.series;
			const seriesOptions = index.seriesList.length > 0 ? options.series : [];
			fillSelect(ui.series, "All series", seriesOptions);
			fillSelect(ui.category, "All categories", options.categories);
			fillSelect(ui.source, "All sources", options.sources);
			fillSelect(ui.tag, "All tags", options.tags.map((o) => ({ value: o.value, count: o.count, label: `#${o.value}` })));
			ui.series.toggleClass("is-hidden", index.seriesList.length < 2 && s.series === undefined);
		}
		setSelect(ui.series, s.series);
		setSelect(ui.category, s.category);
		setSelect(ui.source, s.source);
		setSelect(ui.tag, s.tag);
	}

	private summaryText(): string {
		const { matched } = this.browseResult;
		if (!this.curator.live.isReady || this.curator.live.index.size === 0) return "";
		const s = this.browserState;
		const entries = `${matched.toLocaleString()} ${matched === 1 ? "entry" : "entries"}`;
		switch (s.mode) {
			case "mentions":
				if (this.activeNotePath === null) return "";
				return `${entries} ${matched === 1 ? "mentions" : "mention"} ${noteName(this.activeNotePath)}`;
			case "duplicates": {
				const links = this.browseResult.groups;
				return `${links.toLocaleString()} shared ${links === 1 ? "link" : "links"}, ${entries}`;
			}
			case "problems":
				return `${matched.toLocaleString()} ${matched === 1 ? "problem" : "problems"}`;
			default:
				return entries;
		}
	}

	// --- acting ---

	private rowAt(target: EventTarget | null): Shown | null {
		if (!(target instanceof Element)) return null;
		const el = target.closest<HTMLElement>(".digest-browser-row");
		const key = el?.dataset.key;
		return key !== undefined ? this.shownRows.get(key) ?? null : null;
	}

	private onListClick(evt: MouseEvent): void {
		const target = evt.target instanceof Element ? evt.target : null;
		const link = target?.closest<HTMLAnchorElement>("a");
		if (link && target?.closest(".digest-browser-commentary")) {
			this.onCommentaryLink(evt, link);
			return;
		}
		const shown = this.rowAt(target);
		if (!shown) return;
		const row = shown.row;
		if (row.kind === "detail") return;
		this.select(row.key);
		const action = target?.closest<HTMLElement>("[data-action]")?.dataset.action;
		this.activate(row, action);
	}

	/** What clicking a row (or pressing Enter on it) does; `action` names a row button. */
	private activate(row: BrowserRow, action?: string): void {
		switch (row.kind) {
			case "group":
				this.toggleListed("collapsed", row.key);
				break;
			case "problem":
				void openAtLine(this.curator, row.problem.path, row.problem.line);
				break;
			case "entry":
				if (action === "expand") this.toggleListed("expanded", row.entryKey);
				else if (action === "open-in-digest") void openAtLine(this.curator, row.entry.digest.path, row.entry.entry.line);
				else if (action === "copy") void copyEntry(row.entry);
				else openEntryUrl(row.entry.entry.url);
				break;
			case "detail":
				break;
		}
	}

	private onCommentaryLink(evt: MouseEvent, link: HTMLAnchorElement): void {
		const shown = this.rowAt(link);
		if (!shown || shown.row.kind !== "detail") return;
		evt.preventDefault();
		if (link.hasClass("internal-link")) {
			const href = link.getAttr("data-href") ?? link.getAttr("href");
			if (href) void this.app.workspace.openLinkText(href, shown.row.entry.digest.path, Keymap.isModEvent(evt));
			return;
		}
		// A tag in the commentary filters the browser by it.
		if (link.hasClass("tag")) {
			const tag = link.getText().trim().replace(/^#/, "");
			if (tag) this.update({ tag }, "top");
			return;
		}
		const href = link.getAttr("href");
		// In-page anchors (footnotes) lead nowhere here.
		if (href && !href.startsWith("#")) openEntryUrl(href);
	}

	private onListHover(evt: MouseEvent): void {
		const target = evt.target instanceof Element ? evt.target : null;
		const link = target?.closest<HTMLAnchorElement>("a.internal-link");
		if (!link) return;
		const shown = this.rowAt(link);
		if (!shown || shown.row.kind !== "detail") return;
		const href = link.getAttr("data-href") ?? link.getAttr("href");
		if (!href) return;
		this.app.workspace.trigger("hover-link", {
			event: evt,
			source: VIEW_TYPE_DIGEST_BROWSER,
			hoverParent: this,
			targetEl: link,
			linktext: href,
			sourcePath: shown.row.entry.digest.path,
		});
	}

	private select(key: string | null, index = -1): void {
		this.selectedKey = key;
		this.selectedIndex = key === null ? -1 : index >= 0 ? index : this.indexOfKey(key, this.selectedIndex);
		for (const shown of this.shownRows.values()) this.markSelected(shown);
		const ui = this.browserUi;
		const selected = key !== null ? this.shownRows.get(key) : undefined;
		if (ui && selected) ui.list.setAttr("aria-activedescendant", selected.el.id);
	}

	/** Moves the selection to the next row that can be selected (commentary panels cannot). */
	private moveSelection(step: 1 | -1): void {
		const rows = this.browseResult.rows;
		if (rows.length === 0) return;
		let i = this.selectedKey !== null ? this.indexOfKey(this.selectedKey, this.selectedIndex) : -1;
		if (i < 0) i = step > 0 ? -1 : rows.length;
		do i += step;
		while (i >= 0 && i < rows.length && rows.at(i).kind === "detail");
		if (i < 0 || i >= rows.length) return;
		this.select(rows.at(i).key, i);
		this.scrollIntoView(i);
	}

	private scrollIntoView(i: number): void {
		const ui = this.browserUi;
		if (!ui) return;
		const top = this.rowLayout.top(i);
		const bottom = this.rowLayout.top(i + 1);
		const height = this.viewportHeight();
		if (top < ui.list.scrollTop) ui.list.scrollTop = top;
		else if (bottom > ui.list.scrollTop + height) ui.list.scrollTop = bottom - height;
		this.renderWindow();
	}

	private selectedRow(): BrowserRow | null {
		if (this.selectedKey === null) return null;
		const i = this.indexOfKey(this.selectedKey, this.selectedIndex);
		return i >= 0 ? this.browseResult.rows.at(i) : null;
	}

	private onListKey(evt: KeyboardEvent): void {
		const row = this.selectedRow();
		switch (evt.key) {
			case "ArrowDown":
			case "ArrowUp":
				evt.preventDefault();
				this.moveSelection(evt.key === "ArrowDown" ? 1 : -1);
				return;
			case "Enter":
				if (!row) return;
				evt.preventDefault();
				if (row.kind === "entry" && evt.shiftKey) this.activate(row, "open-in-digest");
				else this.activate(row);
				return;
			case "ArrowRight":
			case "ArrowLeft": {
				if (!row) return;
				const open = evt.key === "ArrowRight";
				if (row.kind === "group" && row.collapsed === open) this.toggleListed("collapsed", row.key);
				else if (row.kind === "entry" && row.entry.entry.commentary !== "" && row.expanded !== open) this.toggleListed("expanded", row.entryKey);
				else return;
				evt.preventDefault();
				return;
			}
			case "/":
				evt.preventDefault();
				this.browserUi?.search.inputEl.focus();
				return;
			case "Escape":
				if (this.browserState.search === "") return;
				evt.preventDefault();
				this.update({ search: "" }, "top");
				return;
		}
	}

	private onSearchKey(evt: KeyboardEvent): void {
		if (evt.key === "Escape" && this.browserState.search !== "") {
			evt.preventDefault();
			this.update({ search: "" }, "top");
		} else if (evt.key === "ArrowDown" && this.browserUi) {
			evt.preventDefault();
			this.browserUi.list.focus();
			if (this.selectedKey === null) this.moveSelection(1);
		}
	}
}

/** Copies the entry as the Markdown line a digest holds. */
async function copyEntry(ie: IndexedEntry): Promise<void> {
	const e = ie.entry;
	const line = formatEntryLine({ number: e.number, source: e.source, title: e.title, url: e.url, recommended: e.recommended, tags: e.tags });
	try {
		await navigator.clipboard.writeText(line);
		new Notice(`Copied "${e.title}" as Markdown.`);
	} catch {
		new Notice("Could not write to the clipboard.");
	}
}

function fillSelect(el: HTMLSelectElement, allLabel: string, options: readonly (BrowserOption & { label?: string })[]): void {
	el.empty();
	el.createEl("option", { text: allLabel, value: "" });
	for (const o of options) el.createEl("option", { text: `${o.label ?? o.value} (${o.count.toLocaleString()})`, value: o.value });
}

/** Selects `value`, adding it (with no entries) when the lists no longer hold it, so that the filter shows. */
function setSelect(el: HTMLSelectElement, value: string | undefined): void {
	const v = value ?? "";
	if (v !== "" && !Array.from(el.options).some((o) => o.value === v)) el.createEl("option", { text: `${v} (0)`, value: v });
	el.value = v;
}

/** Whether two rows under one key draw the same, so that the element drawn for the first can stay. */
function sameContent(a: BrowserRow, b: BrowserRow): boolean {
	switch (a.kind) {
		case "group":
			return b.kind === "group" && a.label === b.label && a.count === b.count && a.collapsed === b.collapsed;
		case "entry":
			return b.kind === "entry" && a.entry === b.entry && a.expanded === b.expanded && sameRanges(a.matches, b.matches);
		case "detail":
			// A rendered commentary stays while its text does.
			return b.kind === "detail" && a.entry.entry.commentary === b.entry.entry.commentary && a.entry.digest.path === b.entry.digest.path;
		case "problem":
			return b.kind === "problem" && a.problem === b.problem;
	}
}

function sameRanges(a: readonly TextRange[], b: readonly TextRange[]): boolean {
	return a === b || (a.length === b.length && a.every((r, i) => r[0] === b[i]![0] && r[1] === b[i]![1]));
}

/** A note's name as Obsidian shows it: no folders, no `.md`. */
function noteName(path: string): string {
	return path.replace(/^.*\//, "").replace(/\.md$/, "");
}

/** Sets an element's text unless it has it already: a new text node, even the same text, is laid out again. */
function setTextIfChanged(el: HTMLElement, text: string): void {
	if (el.textContent !== text) el.setText(text);
}

function noRows(): BrowseResult {
	return { rows: new BrowserRows(), matched: 0, groups: 0 };
}

function clamp(n: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, n));
}
