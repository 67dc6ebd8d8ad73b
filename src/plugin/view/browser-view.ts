import { ItemView, prepareSimpleSearch, type HoverParent, type HoverPopover, type ViewStateResult, type WorkspaceLeaf } from "obsidian";
import { queryEmptyState, setupEmptyState, type EmptyState } from "../../core/browse/empty-state";
import { browse, type BrowseResult } from "../../core/browse/browse";
import { BrowserCache } from "../../core/browse/browser-cache";
import { defaultBrowserState, mergeBrowserState, type BrowserState } from "../../core/browse/browser-state";
import { BrowserRows } from "../../core/browse/row-layout";
import type { DigestCuratorHost } from "../host";
import { RowActions } from "./row-actions";
import { RowRenderer } from "./row-render";
import { Toolbar } from "./toolbar";
import { watchTouch } from "./touch";
import { VirtualList } from "./virtual-list";
import { renderEmptyState } from "./empty-state";
import { InboxPanel } from "./inbox-view";
import { ModePanels } from "./mode-panels";

export const VIEW_TYPE_DIGEST_BROWSER = "digest-curator-browser";
export const DIGEST_BROWSER_NAME = "Digest browser";
export const DIGEST_BROWSER_ICON = "library";

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

/** The parts of an open view. */
interface Ui {
	toolbar: Toolbar;
	list: VirtualList;
	empty: HTMLElement;
	inbox: InboxPanel;
	/** Problems and Stats, drawn outside the list (see mode-panels). */
	panels: ModePanels;
	renderer: RowRenderer;
}

/**
 * Every entry of every digest in one list: searched, filtered, grouped. The view holds the state
 * (saved with the workspace) and recomputes the rows when it or the index changes; the toolbar
 * shows the state, the virtual list the rows, and the row actions answer clicks and keys.
 */
export class DigestBrowserView extends ItemView implements HoverParent {
	hoverPopover: HoverPopover | null = null;
	// Distinct names: View keeps internals of its own (the test mock's View a `state`) that a same-named field would clash with.
	private browserState: BrowserState = defaultBrowserState();
	private readonly browseCache = new BrowserCache();
	private browseResult: BrowseResult = noRows();
	private activeNotePath: string | null = null;
	private emptyKey = "";
	private browserUi: Ui | null = null;
	/** Used by touch: taller rows and buttons, taps that select first (see watchTouch). */
	private touch = false;

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
		const health = this.curator.linkHealth;
		// A link check's new results: the rows' marks and the filter are drawn again.
		if (health?.on) this.registerEvent(health.on("changed", () => this.refresh("keep", undefined, true)));
		if (this.curator.firstRun) this.registerEvent(this.curator.firstRun.on("changed", () => this.refresh("keep")));
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
		this.browserUi?.list.close();
		this.browserUi?.toolbar.close();
		this.contentEl.empty();
		this.browserUi = null;
		await Promise.resolve();
	}

	onResize(): void {
		this.browserUi?.list.renderWindow();
		this.browserUi?.panels.resized();
	}

	private build(): void {
		const root = this.contentEl;
		root.empty();
		root.addClass("digest-browser");
		this.touch = watchTouch(this, root, (touch) => this.setTouch(touch));
		root.toggleClass("is-touch", this.touch);
		const toolbar = new Toolbar(root, {
			curator: this.curator,
			browseCache: this.browseCache,
			owner: this,
			state: () => this.browserState,
			update: (change) => this.update(change, "top"),
			setSearch: (value) => this.setSearch(value),
			onSearchKey: (evt) => {
				if (this.browserState.mode !== "inbox" || !inbox.onSearchKey(evt)) actions.onSearchKey(evt);
			},
		});
		const health = this.curator.linkHealth;
		const renderer = new RowRenderer(this.app, this, health ? (url) => health.linkStatus(url) : undefined);
		const list = new VirtualList(root, this, renderer, this.touch);
		const empty = root.createDiv({ cls: "digest-browser-empty" });
		const inbox = new InboxPanel(root, { curator: this.curator, owner: this, state: () => this.browserState, rendered: () => this.browserUi?.toolbar.sync(inbox.summary()) });
		const panels = new ModePanels(root, list.el, { curator: this.curator, owner: this, state: () => this.browserState, update: (change) => this.update(change, "top"), toggleListed: (field, key) => this.toggleListed(field, key) });
		const actions = new RowActions({
			app: this.app,
			curator: this.curator,
			hoverParent: this,
			hoverSource: VIEW_TYPE_DIGEST_BROWSER,
			list,
			owner: this,
			touch: () => this.touch,
			state: () => this.browserState,
			update: (change) => this.update(change, "top"),
			toggleListed: (field, key) => this.toggleListed(field, key),
			focusSearch: () => this.browserUi?.toolbar.focusSearch(),
		});
		this.registerDomEvent(list.el, "click", (evt) => actions.onListClick(evt));
		this.registerDomEvent(list.el, "mouseover", (evt) => actions.onListHover(evt));
		this.registerDomEvent(list.el, "keydown", (evt) => actions.onListKey(evt));
		this.registerDomEvent(list.el, "contextmenu", (evt) => actions.onContextMenu(evt));
		this.registerDomEvent(list.el, "auxclick", (evt) => actions.onListAuxClick(evt));
		// A middle press would start the browser's autoscroll; its click opens in a new tab instead.
		this.registerDomEvent(list.el, "mousedown", (evt) => {
			if (evt.button === 1 && list.rowAt(evt.targetNode?.instanceOf(Element) ? evt.targetNode : null)) evt.preventDefault();
		});
		this.registerDomEvent(list.el, "dragstart", (evt) => actions.onDragStart(evt));
		// The focus shows on a row: focused with nothing selected, the list selects the first row in view.
		this.registerDomEvent(list.el, "focus", () => list.selectFirstInView());
		this.browserUi = { toolbar, list, empty, inbox, panels, renderer };
	}

	private setTouch(touch: boolean): void {
		if (touch === this.touch) return;
		this.touch = touch;
		this.contentEl.toggleClass("is-touch", touch);
		this.browserUi?.list.setTouch(touch);
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
		this.update({ [field]: list.includes(key) ? list.filter((k) => k !== key) : [...list, key] }, "keep", this.browserUi?.list.selectedKey ?? undefined);
	}

	// --- computing ---

	/**
	 * Recomputes the rows. "keep" holds the anchor row (the given one, else the first in view) where
	 * it stands on screen, so that live updates and toggles do not jump; "top" scrolls to the top.
	 */
	refresh(scroll: "top" | "keep" = "keep", anchorKey?: string, redraw = false): void {
		const ui = this.browserUi;
		if (!ui) return;
		const before = ui.list.before(scroll, anchorKey);
		// The inbox lists the inbox notes' lines, not entries: a panel of its own (inbox-view.ts).
		ui.inbox.show(this.browserState.mode === "inbox");
		if (this.browserState.mode === "inbox") {
			ui.panels.show(null, noRows().rows);
			ui.list.setHidden(true);
			this.showEmpty(null);
			ui.toolbar.sync(ui.inbox.summary());
			void ui.inbox.refresh();
			return;
		}
		const health = this.curator.linkHealth;
		const mode = this.browserState.mode;
		const live = this.curator.live;
		const index = live.index;
		let empty: EmptyState | { kind: "indexing"; text: string } | null = null;
		if (!live.isReady) {
			this.browseResult = noRows();
			empty = { kind: "indexing", text: "Indexing…" };
		} else {
			empty = setupEmptyState(index);
			if (empty) this.browseResult = noRows();
			else {
				this.browseResult = browse(index, this.browserState, {
					prepareSearch: prepareSimpleSearch,
					wordSearch: true,
					activeNotePath: this.activeNotePath,
					cache: this.browseCache,
					linkStatus: health ? (url) => health.linkStatus(url) : undefined,
					linkRevision: health?.revision,
					extraProblems: mode === "problems" ? health?.problems() : undefined,
				});
				if (this.browseResult.rows.length === 0 && mode !== "stats") empty = queryEmptyState(this.browserState, this.activeNotePath, this.activeNotePath !== null && index.get(this.activeNotePath) !== null);
			}
		}
		ui.renderer.setContext({ mode: this.browserState.mode, groupBy: this.browserState.groupBy });
		const panel = ui.panels.show(empty === null ? mode : null, this.browseResult.rows);
		ui.list.setRows(panel ? noRows().rows : this.browseResult.rows);
		if (redraw) ui.list.redraw();
		this.showEmpty(empty);
		ui.list.setHidden(empty !== null || panel);
		ui.toolbar.sync(this.summaryText());
		ui.toolbar.setSearchMessage(this.browseResult.searchMessage);
		ui.list.place(before, scroll);
	}

	/** Draws the empty state only when it changed, so a live update does not rebuild its buttons. */
	private showEmpty(empty: EmptyState | { kind: "indexing"; text: string } | null): void {
		const ui = this.browserUi;
		if (!ui) return;
		const offers = this.curator.firstRun?.current ?? [];
		const key = empty ? `${empty.kind}\u0000${empty.text}\u0000${offers.map((o) => o.summary).join("\u0000")}` : "";
		ui.empty.toggleClass("is-hidden", empty === null);
		if (key === this.emptyKey) return;
		this.emptyKey = key;
		if (!empty) {
			ui.empty.empty();
			return;
		}
		renderEmptyState(ui.empty, empty, offers, {
			app: this.app,
			pluginId: this.curator.plugin.manifest.id,
			clearFilters: () => this.update({ search: "", category: undefined, source: undefined, tag: undefined, series: undefined, recommendedOnly: false, deadLinksOnly: undefined, from: undefined, to: undefined }, "top"),
			useSeries: (offer) => void this.curator.firstRun?.use(offer),
		});
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
			case "stats":
				return "";
			default:
				return entries;
		}
	}
}

/** A note's name as Obsidian shows it: no folders, no `.md`. */
function noteName(path: string): string {
	return path.replace(/^.*\//, "").replace(/\.md$/, "");
}

function noRows(): BrowseResult {
	return { rows: new BrowserRows(), matched: 0, groups: 0, searchMessage: "" };
}
