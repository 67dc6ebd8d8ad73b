import { Component, MarkdownRenderer, setIcon, type App } from "obsidian";
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
 * Draws the list's rows: group headers, problems and commentary panels as new elements; entries
 * into elements that are made once and then filled again for other entries (see `bindEntry`).
 */
export class RowRenderer {
	/** The buttons of an entry row, drawn once and copied into every new row. */
	private actionsTemplate: HTMLElement | null = null;

	/** `owner` owns the components of rendered commentary, `app` renders it; `linkStatus` gives the last link check's result for a URL. */
	constructor(
		private readonly app: App,
		private readonly owner: Component,
		private readonly linkStatus?: (url: string) => SavedLinkHealth | null,
	) {}

	/** A new element for a row that is not an entry; `onRendered` gets a commentary panel's body once rendered. */
	draw(canvas: HTMLElement, row: Exclude<BrowserRow, EntryRow>, onRendered: (entryKey: string, body: HTMLElement) => void): Shown {
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
				const child = this.owner.addChild(new Component());
				shown.child = child;
				const path = row.entry.digest.path;
				void MarkdownRenderer.render(this.app, row.entry.entry.commentary, body, path, child).then(() => onRendered(row.entryKey, body));
				break;
			}
		}
		return shown;
	}

	/** Unloads what a row's drawing registered (a commentary's component). */
	release(shown: Shown): void {
		if (shown.child) this.owner.removeChild(shown.child);
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
	newEntryElement(canvas: HTMLElement): HTMLElement {
		const el = canvas.createDiv({ cls: "digest-browser-row digest-browser-entry", attr: { role: "option" } });
		el.id = `digest-browser-row-${nextRowId++}`;
		el.createDiv({ cls: "digest-browser-expand" });
		const body = el.createDiv({ cls: "digest-browser-entry-body" });
		const head = body.createDiv({ cls: "digest-browser-line" });
		head.createSpan({ cls: "digest-browser-number" });
		head.createSpan({ cls: "digest-browser-title" });
		setIcon(head.createSpan({ cls: "digest-browser-star", attr: { "aria-label": "Recommended" } }), "star");
		head.createSpan({ cls: "digest-browser-link-mark" });
		const meta = body.createDiv({ cls: "digest-browser-line digest-browser-meta" });
		meta.createSpan({ cls: "digest-browser-source" });
		meta.createSpan({ cls: "digest-browser-tags" });
		meta.createSpan({ cls: "digest-browser-digest" });
		// The same buttons on every row: drawn once, then copied (icons are SVG trees, costly to draw row by row).
		// Made in the list's own document (a pop-out window's, when the view is in one), then taken out.
		if (!this.actionsTemplate || this.actionsTemplate.doc !== canvas.doc) {
			const actions = canvas.createDiv({ cls: "digest-browser-actions" });
			actions.detach();
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
	bindEntry(el: HTMLElement, row: EntryRow): void {
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
		bindMarks(el, e, row.marks);
		setTextIfChanged(el.querySelector(".digest-browser-digest")!, row.entry.digest.title);
		this.bindLinkMark(el.querySelector<HTMLElement>(".digest-browser-link-mark")!, e.url);
	}

	/** The last link check's word on the entry's link: "Dead link" or "Moved", with when it was checked. */
	private bindLinkMark(mark: HTMLElement, url: string): void {
		const h = this.linkStatus?.(url);
		const dead = h?.status === "not-found" || h?.status === "gone";
		const moved = h?.status === "redirected" && h.permanent === true && h.finalUrl !== undefined && h.finalUrl !== url;
		setTextIfChanged(mark, dead ? "Dead link" : moved ? "Moved" : "");
		mark.toggleClass("mod-dead", dead);
		const tip = dead ? `${h.status === "gone" ? "Gone (HTTP 410)" : "Not found (HTTP 404)"} when checked on ${h.checked}` : moved ? `Moved to ${h.finalUrl} (checked on ${h.checked})` : null;
		if (tip) mark.setAttr("title", tip);
		else mark.removeAttribute("title");
	}
}
