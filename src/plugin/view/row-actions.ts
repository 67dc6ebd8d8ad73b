import { Keymap, Menu, Notice, type App, type Component, type HoverParent, type PaneType } from "obsidian";
import type { BrowserState } from "../../core/browse/browser-state";
import type { BrowserRow } from "../../core/browse/rows";
import type { IndexedEntry } from "../../core/index/digest-index";
import { formatEntryLine } from "../../core/edit/entry-edits";
import { isOpenableUrl } from "../../core/links/url-normalize";
import { openAtLine } from "../commands/digest-actions";
import { deleteEntryOf, moveEntryOf, toggleRecommendedOf } from "../commands/entry-actions";
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

/** The entry as a Markdown link, `[Source - Title](url)`: what copying it or dragging it into a note gives. */
export function entryMarkdownLink(ie: IndexedEntry): string {
	const e = ie.entry;
	return formatEntryLine({ number: null, source: e.source, title: e.title, url: e.url, recommended: false, tags: [] });
}

async function copyText(text: string, done: string): Promise<void> {
	try {
		await navigator.clipboard.writeText(text);
		new Notice(done);
	} catch {
		new Notice("Could not write to the clipboard.");
	}
}

/** What a row can do: its menu's items, its keys and its buttons all name one of these. */
export type RowAction = "open" | "open-in-digest" | "open-in-new-tab" | "copy" | "copy-url" | "toggle-recommended" | "move" | "delete" | "expand" | "menu";

/**
 * The element an event happened on, whatever window it is in. An element of a pop-out window is no
 * instance of the main window's Element class, where the plugin runs: Obsidian's `instanceOf` checks the node's own window.
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
 * What clicks, taps, presses, hovers, drags and keys on the list (and keys in the search box) do
 * to its rows. By touch (or a finger on any device) a tap on a row selects it, showing its buttons,
 * and a second tap opens it; a long press, a right-click, the Menu key or Shift+F10 opens the row's
 * menu, which lists every action of the row; each action has a key too (see ROW_KEYS).
 */
export class RowActions {
	private readonly presses: Presses;
	/** When a key opened the menu last: the contextmenu event the same key may fire opens no second one. */
	private keyMenuAt = -Infinity;

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
		const action = target?.closest<HTMLElement>("[data-action]")?.dataset.action as RowAction | undefined;
		// A tap selects, and a second one opens: a finger scrolling the list opens no link it lands on.
		if (action === undefined && row.kind !== "group" && !wasSelected && (this.host.touch() || this.presses.byTouch)) return;
		if (action === "menu") {
			this.showMenuAt(shown.row, shown.el);
			return;
		}
		this.activate(row, action, Keymap.isModEvent(evt));
	}

	/** A middle-click: what a Ctrl/Cmd-click does (a new tab for what opens in Obsidian). */
	onListAuxClick(evt: MouseEvent): void {
		if (evt.button !== 1) return;
		const target = targetElement(evt);
		if (target?.closest(".digest-browser-commentary")) return;
		const shown = this.host.list.rowAt(target);
		if (!shown || shown.row.kind === "detail" || shown.row.kind === "group") return;
		evt.preventDefault();
		this.host.list.select(shown.row.key);
		const action = target?.closest<HTMLElement>("[data-action]")?.dataset.action as RowAction | undefined;
		this.activate(shown.row, action === "menu" ? undefined : action, Keymap.isModEvent(evt) || "tab");
	}

	/** A drag of an entry row: its Markdown link, to drop into a note (and its URL, for other apps). */
	onDragStart(evt: DragEvent): void {
		const shown = this.host.list.rowAt(targetElement(evt));
		if (!shown || shown.row.kind !== "entry" || !evt.dataTransfer) {
			if (shown) evt.preventDefault();
			return;
		}
		const ie = shown.row.entry;
		evt.dataTransfer.setData("text/plain", entryMarkdownLink(ie));
		evt.dataTransfer.setData("text/uri-list", ie.entry.url);
		evt.dataTransfer.effectAllowed = "copy";
	}

	/** A right-click (or the menu key) on a row: its menu instead of the browser's. */
	onContextMenu(evt: MouseEvent): void {
		const target = targetElement(evt);
		// Commentary keeps the browser's menu, to copy its text or a link.
		if (target?.closest(".digest-browser-commentary")) return;
		const list = this.host.list;
		const fromKey = target === list.el;
		if (fromKey && Date.now() - this.keyMenuAt < 1000) {
			evt.preventDefault();
			return;
		}
		const shown = fromKey ? list.selectedShown() : list.rowAt(target);
		if (!shown || shown.row.kind === "detail") return;
		evt.preventDefault();
		// A long press opened it already (a touch also fires contextmenu on some systems).
		if (this.presses.menuOpen) return;
		this.presses.contextMenuShown();
		list.select(shown.row.key);
		if (fromKey) this.showMenuAt(shown.row, shown.el);
		else this.rowMenu(shown.row).showAtMouseEvent(evt);
	}

	/** The row's menu under the row (opened from the keyboard, or by its "More actions" button). */
	private showMenuAt(row: BrowserRow, el: HTMLElement): void {
		const rect = el.getBoundingClientRect();
		this.rowMenu(row).showAtPosition({ x: rect.left + 16, y: rect.bottom }, el.doc);
	}

	/** A long press on a row by finger or pen: selects it and opens its menu where the finger is. */
	private onLongPress(evt: PointerEvent): boolean {
		const shown = this.host.list.rowAt(targetElement(evt));
		if (!shown || shown.row.kind === "detail") return false;
		this.host.list.select(shown.row.key);
		this.rowMenu(shown.row).showAtPosition({ x: evt.clientX, y: evt.clientY }, shown.el.doc);
		return true;
	}

	/** A row's actions: every one its keys and buttons offer, for the pointer, the finger and the keyboard alike. */
	rowMenu(row: BrowserRow): Menu {
		const menu = new Menu();
		const item = (title: string, icon: string, action: RowAction, warning = false) =>
			menu.addItem((i) => {
				i.setTitle(title).setIcon(icon).onClick(() => this.activate(row, action));
				if (warning) i.setWarning(true);
			});
		switch (row.kind) {
			case "entry": {
				const e = row.entry.entry;
				item("Open link", "external-link", "open");
				item("Open in digest", "file-text", "open-in-digest");
				item("Open in digest in a new tab", "file-plus", "open-in-new-tab");
				menu.addSeparator();
				item("Copy Markdown link", "copy", "copy");
				item("Copy URL", "link", "copy-url");
				menu.addSeparator();
				item(e.recommended ? "Remove recommended" : "Mark recommended", "star", "toggle-recommended");
				item("Move to category…", "folder-input", "move");
				if (e.commentary !== "") item(row.expanded ? "Hide commentary" : "Show commentary", row.expanded ? "chevron-down" : "chevron-right", "expand");
				menu.addSeparator();
				item("Delete entry", "trash-2", "delete", true);
				break;
			}
			case "group":
				item(row.collapsed ? "Expand group" : "Collapse group", row.collapsed ? "chevron-right" : "chevron-down", "open");
				break;
			case "problem":
				item("Open in digest", "file-text", "open");
				item("Open in digest in a new tab", "file-plus", "open-in-new-tab");
				break;
			case "detail":
				break;
		}
		return menu;
	}

	/**
	 * What clicking a row (or pressing Enter on it) does; `action` names a row button or menu item,
	 * `newLeaf` (Keymap.isModEvent's answer) opens what opens in Obsidian in a new tab, split or window.
	 */
	activate(row: BrowserRow, action?: RowAction, newLeaf: PaneType | boolean = false): void {
		const { curator } = this.host;
		if (action === "open-in-new-tab") [action, newLeaf] = ["open-in-digest", newLeaf || "tab"];
		switch (row.kind) {
			case "group":
				this.host.toggleListed("collapsed", row.key);
				break;
			case "problem":
				void openAtLine(curator, row.problem.path, row.problem.line, newLeaf);
				break;
			case "entry": {
				const ie = row.entry;
				switch (action) {
					case "expand":
						if (ie.entry.commentary !== "") this.host.toggleListed("expanded", row.entryKey);
						break;
					case "open-in-digest":
						void openAtLine(curator, ie.digest.path, ie.entry.line, newLeaf);
						break;
					case "copy":
						void copyText(entryMarkdownLink(ie), `Copied "${ie.entry.title}" as a Markdown link.`);
						break;
					case "copy-url":
						void copyText(ie.entry.url, `Copied the URL of "${ie.entry.title}".`);
						break;
					case "toggle-recommended":
						void toggleRecommendedOf(curator, ie);
						break;
					case "move":
						void moveEntryOf(curator, ie);
						break;
					case "delete":
						void deleteEntryOf(curator, ie);
						break;
					default:
						openEntryUrl(ie.entry.url);
				}
				break;
			}
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

	/** The list's keys (see ROW_KEYS): moving the selection, and every action of the selected row. */
	onListKey(evt: KeyboardEvent): void {
		const list = this.host.list;
		// Keys typed in a commentary's links or a menu are theirs.
		if (targetElement(evt) !== list.el) return;
		const row = list.selectedRow();
		const mod = evt.ctrlKey || evt.metaKey;
		const plain = !mod && !evt.altKey && !evt.shiftKey;
		const entry = row?.kind === "entry" ? row : null;
		const run = (action: RowAction) => {
			if (!row) return;
			evt.preventDefault();
			this.activate(row, action);
		};
		switch (evt.key) {
			case "ArrowDown":
			case "ArrowUp":
				evt.preventDefault();
				list.moveSelection(evt.key === "ArrowDown" ? 1 : -1);
				return;
			case "Home":
			case "End":
			case "PageUp":
			case "PageDown":
				// The selection moves, not just the view: the list scrolls to it.
				evt.preventDefault();
				list.jumpSelection(evt.key === "Home" ? "first" : evt.key === "End" ? "last" : evt.key === "PageUp" ? "page-up" : "page-down");
				return;
			case "Enter":
				if (!row) return;
				evt.preventDefault();
				if (row.kind === "group") this.activate(row);
				// Ctrl/Cmd+Enter: a new tab (with Alt, a split; with Alt and Shift, a window), as Obsidian's lists do.
				else if (mod) this.activate(row, "open-in-new-tab", Keymap.isModEvent(evt));
				else if (row.kind === "entry" && evt.shiftKey) this.activate(row, "open-in-digest");
				else this.activate(row);
				return;
			case "ContextMenu":
				this.openMenuByKey(evt);
				return;
			case "F10":
				if (evt.shiftKey && !mod) this.openMenuByKey(evt);
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
			case "Delete":
				if (entry && plain) run("delete");
				return;
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
		if (!entry) return;
		const letter = evt.key.length === 1 ? evt.key.toLowerCase() : "";
		if (letter === "c" && mod && !evt.altKey) {
			// Text selected in the view (a commentary's) copies as it would.
			if (!(evt.view?.getSelection()?.isCollapsed ?? true)) return;
			run(evt.shiftKey ? "copy-url" : "copy");
		} else if (letter === "r" && plain) run("toggle-recommended");
		else if (letter === "m" && plain) run("move");
	}

	private openMenuByKey(evt: KeyboardEvent): void {
		const shown = this.host.list.selectedShown();
		if (!shown || shown.row.kind === "detail") return;
		evt.preventDefault();
		this.keyMenuAt = Date.now();
		this.showMenuAt(shown.row, shown.el);
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
