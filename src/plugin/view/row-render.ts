import { Component, MarkdownRenderer, setIcon, type App } from "obsidian";
import type { TreePosition } from "../../core/browse/row-layout";
import { entryDescription, entryMetaParts, entryName, entryTooltip, groupName, problemName, splitLabel, type RowContext } from "../../core/browse/row-text";
import type { BrowserRow, EntryRow } from "../../core/browse/rows";
import type { SavedLinkHealth } from "../../core/format/saved-settings";
import { setTextIfChanged } from "./dom-text";
import { bindMarks, sameMarks } from "./highlight";

/** A row in the DOM. */
export interface Shown {
	row: BrowserRow;
	el: HTMLElement;
	/** Where it was last placed, so that scrolling writes no style that did not change. */
	top: number;
	height: number;
	/** Owns what MarkdownRenderer registers for a commentary panel; unloaded with the row. */
	child: Component | null;
	/** Whether it is marked selected; null until first marked. */
	selected: boolean | null;
	/** The tree position written on it ("level:posinset/setsize"), "" until first placed. */
	position: string;
	/** The context (see RowContext) its text was drawn for. */
	context: string;
}

/**
 * The keys a row answers, as `aria-keyshortcuts` announces them and the row's menu lists them
 * (RowActions handles them). "Mod" is Ctrl, or Cmd on macOS: both are declared.
 */
export const ROW_KEYS = {
	open: "Enter",
	openInDigest: "Shift+Enter",
	openInNewTab: "Control+Enter Meta+Enter",
	copyLink: "Control+C Meta+C",
	copyUrl: "Control+Shift+C Meta+Shift+C",
	toggleRecommended: "R",
	move: "M",
	delete: "Delete",
	menu: "ContextMenu Shift+F10",
} as const;

/** Every key of an entry row, for its `aria-keyshortcuts`. */
const ENTRY_KEYS = Object.values(ROW_KEYS).join(" ");

/** Writes a row's tree position (see TreePosition) when it changed. */
export function setPosition(shown: Shown, p: TreePosition): void {
	const text = `${p.level}:${p.posinset}/${p.setsize}`;
	if (shown.position === text) return;
	shown.position = text;
	shown.el.setAttr("aria-level", String(p.level));
	shown.el.setAttr("aria-posinset", String(p.posinset));
	shown.el.setAttr("aria-setsize", String(p.setsize));
}

/** An empty Shown for an element. */
export function shownOf(row: BrowserRow, el: HTMLElement): Shown {
	return { row, el, top: -1, height: -1, child: null, selected: null, position: "", context: "" };
}

let nextRowId = 1;

/** Whether two rows under one key draw the same, so that the element drawn for the first can stay. */
export function sameContent(a: BrowserRow, b: BrowserRow): boolean {
	switch (a.kind) {
		case "group":
			return b.kind === "group" && a.label === b.label && a.count === b.count && a.collapsed === b.collapsed;
		case "entry":
			return b.kind === "entry" && a.entry === b.entry && a.expanded === b.expanded && sameMarks(a.marks, b.marks);
		case "detail":
			// A rendered commentary stays while its text does.
			return b.kind === "detail" && a.entry.entry.commentary === b.entry.entry.commentary && a.entry.digest.path === b.entry.digest.path;
		case "problem":
			return b.kind === "problem" && a.problem === b.problem;
	}
}

/**
 * Draws the list's rows as the rows of a treegrid (see VirtualList): group headers, problems and
 * commentary panels as new elements; entries into elements that are made once and then filled
 * again for other entries (see `bindEntry`). Each row has one cell; its name and description are
 * set on the row, so that a screen reader announces the number, title and source, then the rest.
 */
export class RowRenderer {
	/** The buttons of an entry row, drawn once and copied into every new row. */
	private actionsTemplate: HTMLElement | null = null;
	private rowContext: RowContext = { mode: "all", groupBy: "category" };
	/** Whether entry rows can be dragged (into a note, as their Markdown link); not by touch. */
	draggable = true;
	private contextText = "all:category";

	/** `owner` owns the components of rendered commentary, `app` renders it; `linkStatus` gives the last link check's result for a URL. */
	constructor(
		private readonly app: App,
		private readonly owner: Component,
		private readonly linkStatus?: (url: string) => SavedLinkHealth | null,
	) {}

	/** What the rows are drawn for; a change redraws the rows in view (see `context`). */
	setContext(context: RowContext): void {
		this.rowContext = context;
		this.contextText = `${context.mode}:${context.groupBy}`;
	}

	/** The context rows are drawn for now, as a string to compare. */
	get context(): string {
		return this.contextText;
	}

	/** A new element for a row that is not an entry; `onRendered` gets a commentary panel's body once rendered. */
	draw(canvas: HTMLElement, row: Exclude<BrowserRow, EntryRow>, onRendered: (entryKey: string, body: HTMLElement) => void): Shown {
		const el = canvas.createDiv({ cls: `digest-browser-row digest-browser-${row.kind}`, attr: { role: "row" } });
		el.id = `digest-browser-row-${nextRowId++}`;
		el.dataset.key = row.key;
		const shown = shownOf(row, el);
		shown.context = this.contextText;
		const cell = el.createDiv({ cls: "digest-browser-cell", attr: { role: "gridcell" } });
		switch (row.kind) {
			case "group":
				this.drawGroup(el, cell, row.label, row.count, row.collapsed);
				break;
			case "problem": {
				const p = row.problem;
				const words = problemName(p);
				el.addClass(`mod-${p.severity}`);
				el.setAttr("title", p.message);
				el.setAttr("aria-label", words.name);
				el.setAttr("aria-keyshortcuts", `${ROW_KEYS.open} ${ROW_KEYS.openInNewTab} ${ROW_KEYS.menu}`);
				const head = cell.createDiv({ cls: "digest-browser-line" });
				head.createSpan({ cls: "digest-browser-problem-code", text: p.code });
				head.createSpan({ cls: "digest-browser-meta", text: `Line ${p.line}` });
				const desc = cell.createSpan({ cls: "digest-browser-description", text: words.description, attr: { hidden: "" } });
				desc.id = `${el.id}-description`;
				el.setAttr("aria-describedby", desc.id);
				cell.createDiv({ cls: "digest-browser-problem-message", text: p.message });
				break;
			}
			case "detail": {
				// A child row of its entry (one level down), holding the commentary as a region the entry row
				// controls (aria-controls): outside the entry's name, and its links out of the Tab order (the
				// list is one Tab stop; the row's menu and keys reach the entry's actions).
				el.setAttr("aria-label", `Commentary on ${row.entry.entry.title}`);
				const body = cell.createDiv({ cls: "digest-browser-commentary markdown-rendered", attr: { role: "region", "aria-label": `Commentary on ${row.entry.entry.title}` } });
				body.id = commentaryId(row.key);
				const child = this.owner.addChild(new Component());
				shown.child = child;
				const path = row.entry.digest.path;
				void MarkdownRenderer.render(this.app, row.entry.entry.commentary, body, path, child).then(() => {
					for (const a of Array.from(body.querySelectorAll("a, button, input, [tabindex]"))) a.setAttribute("tabindex", "-1");
					onRendered(row.entryKey, body);
				});
				break;
			}
		}
		return shown;
	}

	/** Unloads what a row's drawing registered (a commentary's component). */
	release(shown: Shown): void {
		if (shown.child) this.owner.removeChild(shown.child);
	}

	private drawGroup(el: HTMLElement, cell: HTMLElement, label: string, count: number, collapsed: boolean): void {
		el.setAttr("aria-expanded", collapsed ? "false" : "true");
		el.setAttr("aria-label", groupName(label, count, this.rowContext.mode));
		el.setAttr("aria-keyshortcuts", `${ROW_KEYS.open} ArrowLeft ArrowRight ${ROW_KEYS.menu}`);
		el.setAttr("title", label);
		el.toggleClass("is-collapsed", collapsed);
		setIcon(cell.createSpan({ cls: "digest-browser-chevron", attr: { "aria-hidden": "true" } }), collapsed ? "chevron-right" : "chevron-down");
		// The tail (a digest's dates) stays whole; the head is shortened when the header is narrow.
		const { head, tail } = splitLabel(label);
		const labelEl = cell.createSpan({ cls: "digest-browser-group-label" });
		labelEl.createSpan({ cls: "digest-browser-group-head", text: head });
		if (tail) labelEl.createSpan({ cls: "digest-browser-group-tail", text: tail });
		cell.createSpan({ cls: "digest-browser-count", text: String(count), attr: { "aria-hidden": "true" } });
	}

	/** An entry row's elements, all of them, empty: `bindEntry` fills them (and CSS hides the empty ones). */
	newEntryElement(canvas: HTMLElement): HTMLElement {
		const el = canvas.createDiv({ cls: "digest-browser-row digest-browser-entry", attr: { role: "row", draggable: this.draggable ? "true" : "false", "aria-keyshortcuts": ENTRY_KEYS } });
		el.id = `digest-browser-row-${nextRowId++}`;
		const cell = el.createDiv({ cls: "digest-browser-cell", attr: { role: "gridcell" } });
		// The row's aria-expanded says what the toggle shows: the toggle itself is for the pointer.
		cell.createDiv({ cls: "digest-browser-expand", attr: { "aria-hidden": "true" } });
		const body = cell.createDiv({ cls: "digest-browser-entry-body" });
		const head = body.createDiv({ cls: "digest-browser-line digest-browser-head" });
		head.createSpan({ cls: "digest-browser-number" });
		head.createSpan({ cls: "digest-browser-title" });
		head.createSpan({ cls: "digest-browser-link-mark" });
		const meta = body.createDiv({ cls: "digest-browser-line digest-browser-meta" });
		meta.createSpan({ cls: "digest-browser-source" });
		meta.createSpan({ cls: "digest-browser-category" });
		meta.createSpan({ cls: "digest-browser-digest" });
		setIcon(meta.createSpan({ cls: "digest-browser-star", attr: { "aria-hidden": "true" } }), "star");
		meta.createSpan({ cls: "digest-browser-tags" });
		const desc = cell.createSpan({ cls: "digest-browser-description", attr: { hidden: "" } });
		desc.id = `${el.id}-description`;
		el.setAttr("aria-describedby", desc.id);
		// The same buttons on every row: drawn once, then copied (icons are SVG trees, costly to draw row by row).
		// Made in the list's own document (a pop-out window's, when the view is in one), then taken out.
		if (!this.actionsTemplate || this.actionsTemplate.doc !== canvas.doc) {
			const actions = canvas.createDiv({ cls: "digest-browser-actions" });
			actions.detach();
			const action = (name: string, label: string, icon: string, keys: string) => {
				// Buttons for the pointer, out of the Tab order: the keys they declare do the same from the list.
				const b = actions.createDiv({ cls: "clickable-icon", attr: { role: "button", tabindex: "-1", "aria-label": label, "aria-keyshortcuts": keys } });
				b.dataset.action = name;
				setIcon(b, icon);
				b.querySelector("svg")?.setAttribute("aria-hidden", "true");
			};
			action("open-in-digest", "Open in digest", "file-text", ROW_KEYS.openInDigest);
			action("copy", "Copy Markdown link", "copy", ROW_KEYS.copyLink);
			action("menu", "More actions", "more-horizontal", ROW_KEYS.menu);
			this.actionsTemplate = actions;
		}
		cell.appendChild(this.actionsTemplate.cloneNode(true));
		return el;
	}

	/** Shows an entry in a row's elements, new or reused; changes only what differs. */
	bindEntry(shown: Shown, row: EntryRow): void {
		const el = shown.el;
		shown.context = this.contextText;
		const ie = row.entry;
		const e = ie.entry;
		setAttrIfChanged(el, "title", entryTooltip(ie));
		setAttrIfChanged(el, "aria-label", entryName(ie));
		el.toggleClass("is-recommended", e.recommended);
		const hasCommentary = e.commentary !== "";
		if (hasCommentary) {
			setAttrIfChanged(el, "aria-expanded", row.expanded ? "true" : "false");
			if (row.expanded) setAttrIfChanged(el, "aria-controls", commentaryId(`${row.key}::detail`));
			else el.removeAttribute("aria-controls");
		} else {
			el.removeAttribute("aria-expanded");
			el.removeAttribute("aria-controls");
		}
		const toggle = el.querySelector<HTMLElement>(".digest-browser-expand")!;
		const icon = !hasCommentary ? "" : row.expanded ? "chevron-down" : "chevron-right";
		if (toggle.dataset.icon !== icon) {
			toggle.dataset.icon = icon;
			toggle.toggleClass("clickable-icon", icon !== "");
			if (icon === "") {
				toggle.empty();
				delete toggle.dataset.action;
				toggle.removeAttribute("title");
			} else {
				toggle.dataset.action = "expand";
				toggle.setAttr("title", row.expanded ? "Hide commentary" : "Show commentary");
				setIcon(toggle, icon);
			}
		}
		setTextIfChanged(el.querySelector(".digest-browser-number")!, e.number !== null ? `${e.number}.` : "");
		const meta = entryMetaParts(ie, this.rowContext);
		bindMarks(el, e, row.marks, meta.source);
		setTextIfChanged(el.querySelector(".digest-browser-category")!, meta.category);
		setTextIfChanged(el.querySelector(".digest-browser-digest")!, meta.period);
		const linkWord = this.bindLinkMark(el.querySelector<HTMLElement>(".digest-browser-link-mark")!, e.url);
		setTextIfChanged(el.querySelector(".digest-browser-description")!, linkWord ? `${entryDescription(ie)}. ${linkWord}` : entryDescription(ie));
	}

	/** The last link check's word on the entry's link: "Dead link" or "Moved", with when it was checked. */
	private bindLinkMark(mark: HTMLElement, url: string): string {
		const h = this.linkStatus?.(url);
		const dead = h?.status === "not-found" || h?.status === "gone";
		const moved = h?.status === "redirected" && h.permanent === true && h.finalUrl !== undefined && h.finalUrl !== url;
		setTextIfChanged(mark, dead ? "Dead link" : moved ? "Moved" : "");
		mark.toggleClass("mod-dead", dead);
		const tip = dead ? `${h.status === "gone" ? "Gone (HTTP 410)" : "Not found (HTTP 404)"} when checked on ${h.checked}` : moved ? `Moved to ${h.finalUrl} (checked on ${h.checked})` : null;
		if (tip) mark.setAttr("title", tip);
		else mark.removeAttribute("title");
		return dead ? "Dead link" : moved ? "Moved" : "";
	}
}

/** The id of a commentary region, from its row's key (an entry row's key and "::detail"), so that the entry row can name it. */
export function commentaryId(detailKey: string): string {
	let h = 0;
	for (let i = 0; i < detailKey.length; i++) h = (Math.imul(h, 31) + detailKey.charCodeAt(i)) | 0;
	return `digest-browser-commentary-${(h >>> 0).toString(36)}`;
}

function setAttrIfChanged(el: HTMLElement, name: string, value: string): void {
	if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
