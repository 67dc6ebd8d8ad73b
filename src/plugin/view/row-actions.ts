import { Keymap, Menu, Notice, type App, type Component, type HoverParent } from "obsidian";
import type { BrowserState } from "../../core/browse/browser-state";
import type { BrowserRow } from "../../core/browse/rows";
import type { IndexedEntry } from "../../core/index/digest-index";
import { formatEntryLine } from "../../core/edit/entry-edits";
import { isOpenableUrl } from "../../core/links/url-normalize";
import { openAtLine } from "../commands/digest-actions";
import type { DigestCuratorHost } from "../host";
import { Presses } from "./touch";
import type { VirtualList } from "./virtual-list";

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

/**
 * The element an event happened on, whatever window it is in. An element of a pop-out window is no
 * `instanceof Element` of the main window, where the plugin runs: Obsidian's `instanceOf` is.
 */
function targetElement(evt: UIEvent): Element | null {
	const node = evt.targetNode;
	if (node === null) return null;
	return node.instanceOf(Element) ? node : node.parentElement;
}

/** What the row actions need of the view. */
export interface RowActionsHost {
	readonly app: App;
	readonly curator: DigestCuratorHost;
	/** The view, as the parent of hover popovers over commentary links. */
	readonly hoverParent: HoverParent;
	/** The source the hover-link event names (the view's type). */
	readonly hoverSource: string;
	readonly list: VirtualList;
	/** Registers the listeners for presses for the view's lifetime. */
	readonly owner: Component;
	/** Whether the view is used by touch (see watchTouch). */
	touch(): boolean;
	state(): BrowserState;
	/** Applies a change of the state and scrolls the list to the top. */
	update(change: Partial<BrowserState>): void;
	/** Adds `key` to the collapsed groups or expanded entries, or takes it out. */
	toggleListed(field: "collapsed" | "expanded", key: string): void;
	focusSearch(): void;
}

/**
 * What clicks, taps, presses, hovers and keys on the list (and keys in the search box) do to its
 * rows. By touch (or a finger on any device) a tap on a row selects it, showing its buttons, and a
 * second tap opens it; a long press or a right-click opens a menu of the row's actions.
 */
export class RowActions {
	private readonly presses: Presses;

	constructor(private readonly host: RowActionsHost) {
		this.presses = new Presses(host.owner, host.list.el, (evt) => this.onLongPress(evt));
	}

	onListClick(evt: MouseEvent): void {
		// The release of a long press that opened the menu.
		if (this.presses.clickAfterMenu()) return;
		const target = targetElement(evt);
		const link = target?.closest<HTMLAnchorElement>("a");
		if (link && target?.closest(".digest-browser-commentary")) {
			this.onCommentaryLink(evt, link);
			return;
		}
		const shown = this.host.list.rowAt(target);
		if (!shown) return;
		const row = shown.row;
		if (row.kind === "detail") return;
		const wasSelected = this.host.list.selectedKey === row.key;
		this.host.list.select(row.key);
		const action = target?.closest<HTMLElement>("[data-action]")?.dataset.action;
		// A tap selects, and a second one opens: a finger scrolling the list opens no link it lands on.
		if (action === undefined && row.kind !== "group" && !wasSelected && (this.host.touch() || this.presses.byTouch)) return;
		this.activate(row, action);
	}

	/** A right-click (or the menu key) on a row: its menu instead of the browser's. */
	onContextMenu(evt: MouseEvent): void {
		const target = targetElement(evt);
		// Commentary keeps the browser's menu, to copy its text or a link.
		if (target?.closest(".digest-browser-commentary")) return;
		const list = this.host.list;
		const fromKey = target === list.el;
		const shown = fromKey ? list.selectedShown() : list.rowAt(target);
		if (!shown || shown.row.kind === "detail") return;
		evt.preventDefault();
		// A long press opened it already (a touch also fires contextmenu on some systems).
		if (this.presses.menuOpen) return;
		this.presses.contextMenuShown();
		list.select(shown.row.key);
		const menu = this.rowMenu(shown.row);
		if (!fromKey) {
			menu.showAtMouseEvent(evt);
			return;
		}
		const rect = shown.el.getBoundingClientRect();
		menu.showAtPosition({ x: rect.left, y: rect.bottom }, shown.el.doc);
	}

	/** A long press on a row by finger or pen: selects it and opens its menu where the finger is. */
	private onLongPress(evt: PointerEvent): boolean {
		const shown = this.host.list.rowAt(targetElement(evt));
		if (!shown || shown.row.kind === "detail") return false;
		this.host.list.select(shown.row.key);
		this.rowMenu(shown.row).showAtPosition({ x: evt.clientX, y: evt.clientY }, shown.el.doc);
		return true;
	}

	/** A row's actions, as its buttons and clicks offer them. */
	private rowMenu(row: BrowserRow): Menu {
		const menu = new Menu();
		const item = (title: string, icon: string, run: () => void) => menu.addItem((i) => i.setTitle(title).setIcon(icon).onClick(run));
		switch (row.kind) {
			case "entry":
				item("Open link", "external-link", () => this.activate(row));
				item("Open in digest", "file-text", () => this.activate(row, "open-in-digest"));
				item("Copy Markdown", "copy", () => this.activate(row, "copy"));
				if (row.entry.entry.commentary !== "") item(row.expanded ? "Hide commentary" : "Show commentary", row.expanded ? "chevron-down" : "chevron-right", () => this.activate(row, "expand"));
				break;
			case "group":
				item(row.collapsed ? "Expand group" : "Collapse group", row.collapsed ? "chevron-right" : "chevron-down", () => this.activate(row));
				break;
			case "problem":
				item("Open in digest", "file-text", () => this.activate(row));
				break;
			case "detail":
				break;
		}
		return menu;
	}

	/** What clicking a row (or pressing Enter on it) does; `action` names a row button. */
	activate(row: BrowserRow, action?: string): void {
		const { curator } = this.host;
		switch (row.kind) {
			case "group":
				this.host.toggleListed("collapsed", row.key);
				break;
			case "problem":
				void openAtLine(curator, row.problem.path, row.problem.line);
				break;
			case "entry":
				if (action === "expand") this.host.toggleListed("expanded", row.entryKey);
				else if (action === "open-in-digest") void openAtLine(curator, row.entry.digest.path, row.entry.entry.line);
				else if (action === "copy") void copyEntry(row.entry);
				else openEntryUrl(row.entry.entry.url);
				break;
			case "detail":
				break;
		}
	}

	private onCommentaryLink(evt: MouseEvent, link: HTMLAnchorElement): void {
		const shown = this.host.list.rowAt(link);
		if (!shown || shown.row.kind !== "detail") return;
		evt.preventDefault();
		if (link.hasClass("internal-link")) {
			const href = link.getAttr("data-href") ?? link.getAttr("href");
			if (href) void this.host.app.workspace.openLinkText(href, shown.row.entry.digest.path, Keymap.isModEvent(evt));
			return;
		}
		// A tag in the commentary filters the browser by it.
		if (link.hasClass("tag")) {
			const tag = link.getText().trim().replace(/^#/, "");
			if (tag) this.host.update({ tag });
			return;
		}
		const href = link.getAttr("href");
		// In-page anchors (footnotes) lead nowhere here.
		if (href && !href.startsWith("#")) openEntryUrl(href);
	}

	onListHover(evt: MouseEvent): void {
		const link = targetElement(evt)?.closest<HTMLAnchorElement>("a.internal-link");
		if (!link) return;
		const shown = this.host.list.rowAt(link);
		if (!shown || shown.row.kind !== "detail") return;
		const href = link.getAttr("data-href") ?? link.getAttr("href");
		if (!href) return;
		this.host.app.workspace.trigger("hover-link", {
			event: evt,
			source: this.host.hoverSource,
			hoverParent: this.host.hoverParent,
			targetEl: link,
			linktext: href,
			sourcePath: shown.row.entry.digest.path,
		});
	}

	onListKey(evt: KeyboardEvent): void {
		const list = this.host.list;
		const row = list.selectedRow();
		switch (evt.key) {
			case "ArrowDown":
			case "ArrowUp":
				evt.preventDefault();
				list.moveSelection(evt.key === "ArrowDown" ? 1 : -1);
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
				if (row.kind === "group" && row.collapsed === open) this.host.toggleListed("collapsed", row.key);
				else if (row.kind === "entry" && row.entry.entry.commentary !== "" && row.expanded !== open) this.host.toggleListed("expanded", row.entryKey);
				else return;
				evt.preventDefault();
				return;
			}
			case "/":
				evt.preventDefault();
				this.host.focusSearch();
				return;
			case "Escape":
				if (this.host.state().search === "") return;
				evt.preventDefault();
				this.host.update({ search: "" });
				return;
		}
	}

	onSearchKey(evt: KeyboardEvent): void {
		if (evt.key === "Escape" && this.host.state().search !== "") {
			evt.preventDefault();
			this.host.update({ search: "" });
		} else if (evt.key === "ArrowDown") {
			evt.preventDefault();
			this.host.list.el.focus();
			if (this.host.list.selectedKey === null) this.host.list.moveSelection(1);
		}
	}
}
