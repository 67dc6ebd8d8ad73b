import type { Component } from "obsidian";
import { BrowserRows, type RowHeights, type RowLayout } from "../../core/browse/row-layout";
import { type BrowserRow } from "../../core/browse/rows";
import { sameContent, setPosition, shownOf, type RowRenderer, type Shown } from "./row-render";

/** Row heights in px; the rows' CSS takes them from the element, so this is the one place they are set. */
const ROW_HEIGHT = { group: 30, entry: 58, problem: 58 } as const;
/** By touch: every row at least 44 px tall, a fingertip's target. */
const TOUCH_ROW_HEIGHT = { group: 44, entry: 58, problem: 58 } as const;
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

/** The row to hold in place across new rows, and its distance from the top of the view. */
interface Anchor {
	key: string;
	index: number;
	offset: number;
}

/** What the list looked like before new rows: read before anything is written. */
export interface ListBefore {
	scrollTop: number;
	wasHidden: boolean;
	viewport: number;
	anchor: Anchor | null;
}

/**
 * The browser's list, virtualised: rows have fixed heights by kind (a commentary panel its measured
 * one), their offsets are prefix sums, and only the rows in view (plus a margin) are in the DOM,
 * reused by key while they stay. It also holds the selection, which may be on a row not drawn.
 *
 * For screen readers it is a treegrid, one Tab stop whose `aria-activedescendant` is the selected
 * row: each row drawn carries its level, position and set size in the whole list (not in what is
 * drawn), and the selected row is always drawn, wherever the list is scrolled, so that the active
 * descendant is never a row that was taken out or reused.
 */
export class VirtualList {
	readonly el: HTMLElement;
	readonly canvas: HTMLElement;
	private currentRows = new BrowserRows();
	private rowLayout: RowLayout;
	private readonly shownRows = new Map<string, Shown>();
	private readonly detailHeights = new Map<string, number>();
	private selected: string | null = null;
	/** Where the selected row was last seen: keys are looked for from there. */
	private selectedIndex = -1;
	/** Entry row elements out of use, kept for the next entries shown (see `park`). */
	private readonly parkedRows: HTMLElement[] = [];
	private closed = false;
	private rowHeight: { readonly group: number; readonly entry: number; readonly problem: number };

	constructor(
		parent: HTMLElement,
		owner: Component,
		private readonly draw: RowRenderer,
		touch = false,
	) {
		this.rowHeight = touch ? TOUCH_ROW_HEIGHT : ROW_HEIGHT;
		this.draw.draggable = !touch;
		this.rowLayout = this.currentRows.layout(this.heights());
		this.el = parent.createDiv({ cls: "digest-browser-list", attr: { tabindex: "0", role: "treegrid", "aria-label": "Digest entries", "aria-multiselectable": "false" } });
		this.canvas = this.el.createDiv({ cls: "digest-browser-canvas" });
		owner.registerDomEvent(this.el, "scroll", () => this.renderWindow());
	}

	/** The rows as set last: what the list shows, scrolled or not. */
	get rows(): BrowserRows {
		return this.currentRows;
	}

	get selectedKey(): string | null {
		return this.selected;
	}

	/** Takes every row out of the DOM, for good. */
	close(): void {
		this.closed = true;
		for (const key of [...this.shownRows.keys()]) this.unshow(key);
		this.parkedRows.length = 0;
	}

	// --- new rows ---

	/**
	 * Reads what `place` needs: with "keep", the anchor row (the given one, else the first in view)
	 * and where it stands on screen. Read before anything is written: a read after a write would
	 * make the browser lay the page out twice a keystroke.
	 */
	before(scroll: "top" | "keep", anchorKey?: string): ListBefore {
		const scrollTop = this.el.scrollTop;
		const wasHidden = this.el.hasClass("is-hidden");
		const viewport = this.viewportHeight();
		const anchor = scroll === "keep" ? this.anchor(anchorKey, scrollTop, viewport) : null;
		return { scrollTop, wasHidden, viewport, anchor };
	}

	/** Takes new rows and lays them out; `place` then scrolls and draws them. */
	setRows(rows: BrowserRows): void {
		this.currentRows = rows;
		this.layout();
	}

	setHidden(hidden: boolean): void {
		this.el.toggleClass("is-hidden", hidden);
	}

	/**
	 * After `setRows`: finds the selection again, holds the anchor where it stood ("keep") or
	 * scrolls to the top ("top"), and draws the rows in view.
	 */
	place(before: ListBefore, scroll: "top" | "keep"): void {
		if (this.selected !== null) {
			this.selectedIndex = this.indexOfKey(this.selected, this.selectedIndex);
			if (this.selectedIndex < 0) this.selected = null;
		}
		const { scrollTop, anchor } = before;
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
		if (top !== scrollTop) this.el.scrollTop = top;
		// A hidden list has no height to read: read it again now that it shows (one layout, then).
		let viewport = before.viewport;
		if (before.wasHidden && !this.el.hasClass("is-hidden")) viewport = this.viewportHeight();
		this.renderWindow(top, viewport);
	}

	/** The row to hold in place (the given one while in view, else the first in view) and its distance from the top of the view. */
	private anchor(key?: string, scrollTop = this.el.scrollTop, height = this.viewportHeight()): Anchor | null {
		const rows = this.currentRows;
		if (this.closed || rows.length === 0) return null;
		let i = key !== undefined ? this.indexOfKey(key, key === this.selected ? this.selectedIndex : -1) : -1;
		const layout = this.rowLayout;
		if (i < 0 || layout.top(i + 1) <= scrollTop || layout.top(i) >= scrollTop + height) i = layout.indexAt(scrollTop);
		return { key: rows.at(i).key, index: i, offset: layout.top(i) - scrollTop };
	}

	/** Index of the row with `key`, or -1; looked for outward from `near`, as rows mostly stay where they were. */
	private indexOfKey(key: string, near = -1): number {
		const rows = this.currentRows;
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

	// --- measuring ---

	/** Draws every row in view again, as new (marks from outside the rows changed: a link check's). */
	redraw(): void {
		for (const key of [...this.shownRows.keys()]) this.unshow(key);
		this.renderWindow();
	}

	/** Rows sized for touch or not; the rows in view stay where they are on screen. */
	setTouch(touch: boolean): void {
		// By touch a long press opens the row's menu: no drag may start instead.
		this.draw.draggable = !touch;
		for (const el of Array.from(this.canvas.querySelectorAll<HTMLElement>(".digest-browser-entry"))) el.setAttr("draggable", touch ? "false" : "true");
		const heights = touch ? TOUCH_ROW_HEIGHT : ROW_HEIGHT;
		if (heights === this.rowHeight) return;
		this.rowHeight = heights;
		this.relayoutInPlace();
	}

	private heightOf(row: BrowserRow): number {
		if (row.kind !== "detail") return this.rowHeight[row.kind];
		const measured = this.detailHeights.get(row.entryKey);
		if (measured !== undefined) return measured;
		const lines = row.entry.entry.commentary.split("\n").length;
		return clamp(lines * DETAIL_LINE + DETAIL_PADDING, DETAIL_MIN, DETAIL_MAX);
	}

	/** Row heights by kind, a commentary panel's as measured (estimated until it is). */
	private heights(): RowHeights {
		return { ...this.rowHeight, detail: (row) => this.heightOf(row) };
	}

	private layout(): void {
		// By stretches of rows of one kind, not a row at a time: a list can hold 100,000 entries.
		this.rowLayout = this.currentRows.layout(this.heights());
		if (!this.closed) this.canvas.setCssProps({ "--digest-browser-total": `${this.rowLayout.height}px` });
	}

	private viewportHeight(): number {
		return (!this.closed && this.el.clientHeight) || FALLBACK_VIEWPORT;
	}

	/** A rendered commentary's real height replaces the estimate. */
	private measure(entryKey: string, body: HTMLElement): void {
		const h = body.scrollHeight;
		if (this.closed || h <= 0) return;
		const height = clamp(h + DETAIL_PADDING, DETAIL_MIN, DETAIL_MAX);
		if (this.detailHeights.get(entryKey) === height) return;
		this.detailHeights.set(entryKey, height);
		this.relayoutInPlace();
	}

	/** Lays the rows out again after heights changed, holding the first row in view where it is. */
	private relayoutInPlace(): void {
		if (this.closed) return;
		const anchor = this.anchor();
		this.layout();
		if (anchor) {
			const i = this.indexOfKey(anchor.key, anchor.index);
			if (i >= 0) this.el.scrollTop = Math.max(0, this.rowLayout.top(i) - anchor.offset);
		}
		this.renderWindow();
	}

	// --- drawing ---

	/** Puts the rows in view (and a margin) in the DOM, keeping those already there. */
	renderWindow(top?: number, viewport?: number): void {
		if (this.closed) return;
		const rows = this.currentRows;
		top ??= this.el.scrollTop;
		viewport ??= this.viewportHeight();
		const layout = this.rowLayout;
		const first = rows.length === 0 ? 0 : Math.max(0, layout.indexAt(top) - OVERSCAN);
		const last = rows.length === 0 ? -1 : Math.min(rows.length - 1, layout.indexAt(top + viewport) + OVERSCAN);
		const wanted = new Set<string>();
		const indices: number[] = [];
		for (let i = first; i <= last; i++) indices.push(i);
		// The selected row, wherever it is: the list's active descendant must be in the DOM.
		const sel = this.selected !== null ? this.indexOfKey(this.selected, this.selectedIndex) : -1;
		if (sel >= 0) {
			this.selectedIndex = sel;
			if (sel < first || sel > last) indices.push(sel);
		}
		// An expanded entry's commentary with it, so that the region its aria-controls names exists.
		for (const i of [last, sel]) {
			if (i >= 0 && i + 1 < rows.length && (i + 1 < first || i + 1 > last) && rows.at(i + 1).kind === "detail" && !indices.includes(i + 1)) indices.push(i + 1);
		}
		for (const i of indices) wanted.add(rows.at(i).key);
		for (const key of [...this.shownRows.keys()]) if (!wanted.has(key)) this.unshow(key);
		const context = this.draw.context;
		for (const i of indices) {
			const row = rows.at(i);
			let shown = this.shownRows.get(row.key);
			// Rows are shared while unchanged; a new row object is redrawn unless it shows the same.
			if (shown && ((shown.row !== row && !sameContent(shown.row, row)) || shown.context !== context)) {
				if (row.kind === "entry" && shown.row.kind === "entry") {
					this.draw.bindEntry(shown, row);
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
			setPosition(shown, rows.position(i));
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
		const selected = this.selected !== null ? this.shownRows.get(this.selected) : undefined;
		const active = selected ? selected.el.id : null;
		if (this.el.getAttribute("aria-activedescendant") !== active) {
			if (active) this.el.setAttr("aria-activedescendant", active);
			else this.el.removeAttribute("aria-activedescendant");
		}
	}

	/** Marks a row selected or not; writes only a change (this runs for every row on every scrolled frame). */
	private markSelected(shown: Shown): void {
		const selected = shown.row.key === this.selected;
		if (shown.selected === selected) return;
		shown.selected = selected;
		shown.el.toggleClass("is-selected", selected);
		if (shown.row.kind !== "detail") shown.el.setAttr("aria-selected", selected ? "true" : "false");
	}

	private show(row: BrowserRow): Shown {
		if (row.kind !== "entry") return this.draw.draw(this.canvas, row, (entryKey, body) => this.measure(entryKey, body));
		const parked = this.parkedRows.pop();
		const el = parked ?? this.draw.newEntryElement(this.canvas);
		if (parked) el.removeAttribute("aria-hidden");
		el.dataset.key = row.key;
		const shown = shownOf(row, el);
		this.draw.bindEntry(shown, row);
		return shown;
	}

	private unshow(key: string): void {
		const shown = this.shownRows.get(key);
		if (!shown) return;
		this.draw.release(shown);
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

	// --- the selection ---

	/** The shown row an element is in (a row button, a link in a commentary), if any. */
	rowAt(target: Element | null): Shown | null {
		const el = target?.closest<HTMLElement>(".digest-browser-row");
		const key = el?.dataset.key;
		return key !== undefined ? this.shownRows.get(key) ?? null : null;
	}

	select(key: string | null, index = -1): void {
		this.selected = key;
		this.selectedIndex = key === null ? -1 : index >= 0 ? index : this.indexOfKey(key, this.selectedIndex);
		for (const shown of this.shownRows.values()) this.markSelected(shown);
		if (this.closed) return;
		const selected = key !== null ? this.shownRows.get(key) : undefined;
		if (selected) this.el.setAttr("aria-activedescendant", selected.el.id);
		// A row out of the window is drawn (see renderWindow), which sets the active descendant.
		else if (key !== null && this.selectedIndex >= 0) this.renderWindow();
		else this.el.removeAttribute("aria-activedescendant");
	}

	/** Moves the selection to the next row that can be selected (commentary panels cannot). */
	moveSelection(step: 1 | -1): void {
		const rows = this.currentRows;
		if (rows.length === 0) return;
		let i = this.selected !== null ? this.indexOfKey(this.selected, this.selectedIndex) : -1;
		if (i < 0) i = step > 0 ? -1 : rows.length;
		do i += step;
		while (i >= 0 && i < rows.length && rows.at(i).kind === "detail");
		if (i < 0 || i >= rows.length) return;
		this.select(rows.at(i).key, i);
		this.scrollIntoView(i);
	}

	/**
	 * Home, End, PageUp, PageDown: the selection moves to the first or last row, or by a view's
	 * height of rows (to the first or last row in view first, as file lists do), and into view.
	 */
	jumpSelection(to: "first" | "last" | "page-up" | "page-down"): void {
		const rows = this.currentRows;
		if (rows.length === 0) return;
		const current = this.selected !== null ? this.indexOfKey(this.selected, this.selectedIndex) : -1;
		const layout = this.rowLayout;
		const height = this.viewportHeight();
		let i: number;
		let step: 1 | -1;
		if (to === "first") [i, step] = [0, 1];
		else if (to === "last") [i, step] = [rows.length - 1, -1];
		else if (current < 0) [i, step] = [layout.indexAt(this.el.scrollTop), 1];
		else if (to === "page-down") [i, step] = [layout.indexAt(layout.top(current) + height - 1), -1];
		else [i, step] = [layout.indexAt(Math.max(0, layout.top(current + 1) - height)), 1];
		// A page from a row already at the page's end goes a page further.
		if (current >= 0 && i === current && (to === "page-down" || to === "page-up")) {
			i = to === "page-down" ? layout.indexAt(layout.top(current) + 2 * height - 1) : layout.indexAt(Math.max(0, layout.top(current + 1) - 2 * height));
		}
		while (i >= 0 && i < rows.length && rows.at(i).kind === "detail") i += step;
		if (i < 0 || i >= rows.length) {
			i = Math.max(0, Math.min(rows.length - 1, i));
			while (i >= 0 && i < rows.length && rows.at(i).kind === "detail") i -= step;
			if (i < 0 || i >= rows.length) return;
		}
		this.select(rows.at(i).key, i);
		this.scrollIntoView(i);
	}

	/** The list got focus with nothing selected: the first row in view is, so that the focus shows on a row. */
	selectFirstInView(): void {
		if (this.selected !== null || this.currentRows.length === 0) return;
		const rows = this.currentRows;
		let i = this.rowLayout.indexAt(this.el.scrollTop);
		while (i < rows.length && rows.at(i).kind === "detail") i++;
		if (i >= rows.length) return;
		this.select(rows.at(i).key, i);
		this.renderWindow();
	}

	private scrollIntoView(i: number): void {
		if (this.closed) return;
		const top = this.rowLayout.top(i);
		const bottom = this.rowLayout.top(i + 1);
		const height = this.viewportHeight();
		if (top < this.el.scrollTop) this.el.scrollTop = top;
		else if (bottom > this.el.scrollTop + height) this.el.scrollTop = bottom - height;
		this.renderWindow();
	}

	/** The selected row, when it is drawn. */
	selectedShown(): Shown | null {
		return this.selected !== null ? (this.shownRows.get(this.selected) ?? null) : null;
	}

	selectedRow(): BrowserRow | null {
		if (this.selected === null) return null;
		const i = this.indexOfKey(this.selected, this.selectedIndex);
		return i >= 0 ? this.currentRows.at(i) : null;
	}
}

function clamp(n: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, n));
}
