import { StateEffect, type EditorState, type Extension } from "@codemirror/state";
import { Decoration, ViewPlugin, type DecorationSet, type EditorView, type PluginValue, type ViewUpdate } from "@codemirror/view";
import { editorInfoField, type EventRef } from "obsidian";
import type { Series } from "../../core/format/types";
import type { DigestIndex } from "../../core/index/digest-index";
import type { DigestCuratorHost } from "../host";
import { DigestMarkModel, type MarkSource, type SharedPlace } from "./mark-model";

export { MALFORMED_CLASS, NUMBERING_CLASS, RECOMMENDED_CLASS, SHARED_MARK_CLASS } from "./mark-model";

/** Asks the marks to look the note's links up again without a document change (the index changed). */
export const refreshDigestMarks = StateEffect.define<null>();

/** Path of the note in an Obsidian editor; null in editors without a file (canvas cards, embeds being created). */
export function notePathOf(state: EditorState): string | null {
	return state.field(editorInfoField, false)?.file?.path ?? null;
}

/**
 * The editor marks of digest notes: recommended lines, links shared in another digest, numbers
 * out of sequence and malformed entry lines. Register the returned extension once.
 */
export function digestEditorExtension(host: DigestCuratorHost, statusEl: HTMLElement | null = null): Extension {
	return ViewPlugin.fromClass(
		class extends DigestMarks {
			constructor(view: EditorView) {
				super(view, host, statusEl);
			}
		},
		{ decorations: (v) => v.decorations },
	);
}

/** The index's entries elsewhere that share a link, in the order the mark names them; never this note's own (the index may hold an older version of it). */
export function indexSource(index: DigestIndex, path: string, series: Pick<Series, "categoryLevel" | "entryStyle">): MarkSource {
	return {
		categoryLevel: series.categoryLevel,
		entryStyle: series.entryStyle === "list" ? "list" : "line",
		elsewhere(url: string): SharedPlace[] {
			const found = index.findUrl(url).filter((ie) => ie.digest.path !== path);
			found.sort((a, b) => (a.digest.path < b.digest.path ? -1 : a.digest.path > b.digest.path ? 1 : a.entry.line - b.entry.line));
			return found.map((ie) => ({ digestTitle: ie.digest.title, category: ie.category.name, number: ie.entry.number, title: ie.entry.title }));
		},
	};
}

/** Which editor's marks the status bar item explains now. */
const markStatusOwner = new WeakMap<HTMLElement, DigestMarks>();

/** The marks of every open editor, to answer "Explain mark at cursor". */
const liveMarks = new Set<DigestMarks>();

/**
 * What the marks on a 1-based line of the note at `path` say, in words (the same text their
 * tooltips give), from the editor showing it (the focused one first); empty when there is none.
 */
export function explainMarkAt(path: string, line: number): string[] {
	const editors = [...liveMarks].filter((m) => m.notePath === path);
	editors.sort((a, b) => Number(b.hasFocus) - Number(a.hasFocus));
	return editors[0]?.explain(line) ?? [];
}

class DigestMarks implements PluginValue {
	decorations: DecorationSet = Decoration.none;
	private readonly ref: EventRef;
	private model: DigestMarkModel | null = null;
	private enabled: boolean;
	private path: string | null;
	/** The frame that will refresh the marks after index changes, so that a burst of changes costs one refresh. */
	private frame: number | null = null;

	/**
	 * `statusEl` (a status bar item) shows what the marks of the cursor's line say while the
	 * cursor is on one: their tooltips, for those who never hover.
	 */
	constructor(
		private readonly view: EditorView,
		private readonly host: DigestCuratorHost,
		private readonly statusEl: HTMLElement | null = null,
	) {
		this.enabled = host.settings.editorMarks;
		this.path = notePathOf(view.state);
		this.sync(view.state, view);
		this.ref = host.live.on("changed", () => this.indexChanged());
		liveMarks.add(this);
	}

	get notePath(): string | null {
		return this.path;
	}

	get hasFocus(): boolean {
		return this.view.hasFocus;
	}

	explain(line: number): string[] {
		return this.model?.explain(line) ?? [];
	}

	update(update: ViewUpdate): void {
		const enabled = this.host.settings.editorMarks;
		const path = notePathOf(update.state);
		if (enabled !== this.enabled || path !== this.path) {
			this.enabled = enabled;
			this.path = path;
			this.model = null;
			this.sync(update.state, update.view);
			return;
		}
		const refresh = update.transactions.some((tr) => tr.effects.some((e) => e.is(refreshDigestMarks)));
		const model = this.model;
		if (!model) {
			// Not a digest (yet): one map lookup on a refresh, nothing on other updates.
			if (refresh) this.sync(update.state, update.view);
			return;
		}
		if (refresh) {
			const series = this.host.live.index.seriesOf(this.path!);
			if (!series || series.categoryLevel !== model.categoryLevel || (series.entryStyle === "list" ? "list" : "line") !== model.entryStyle) {
				this.model = null;
				this.sync(update.state, update.view);
				return;
			}
		}
		if (update.docChanged) model.update(update.changes, update.state.doc, update.view.visibleRanges);
		else if (update.viewportChanged) model.setVisible(update.view.visibleRanges);
		if (refresh) model.relabel();
		this.decorations = model.decorations;
		if (update.selectionSet || update.docChanged || refresh) this.showCursorMark(update.state);
	}

	/** The explanation of the marks on the cursor's line in the status bar; nothing off a marked line. */
	private showCursorMark(state: EditorState): void {
		const el = this.statusEl;
		if (!el) return;
		const line = state.doc.lineAt(state.selection.main.head).number;
		const text = this.explain(line).join(" ");
		if (el.textContent !== text) el.setText(text);
		el.toggle(text !== "");
		if (text === "") markStatusOwner.delete(el);
		else markStatusOwner.set(el, this);
	}

	destroy(): void {
		liveMarks.delete(this);
		if (this.statusEl && markStatusOwner.get(this.statusEl) === this) {
			this.statusEl.setText("");
			this.statusEl.hide();
			markStatusOwner.delete(this.statusEl);
		}
		this.host.live.offref(this.ref);
		if (this.frame !== null) this.view.dom.ownerDocument.defaultView?.cancelAnimationFrame(this.frame);
		this.frame = null;
		this.model = null;
	}

	/** Marks the note from scratch, or nothing where it is not an indexed digest or marks are off. */
	private sync(state: EditorState, view: EditorView): void {
		this.model = null;
		this.decorations = Decoration.none;
		if (!this.enabled || this.path === null) return;
		// Only indexed digests are marked: other notes cost one map lookup.
		const series = this.host.live.index.seriesOf(this.path);
		if (!series) return;
		this.model = new DigestMarkModel(indexSource(this.host.live.index, this.path, series), state.doc, view.visibleRanges);
		this.decorations = this.model.decorations;
	}

	/** The index changed: an editor that marks a digest, or whose note just became one, refreshes once in the next frame. */
	private indexChanged(): void {
		if (!this.enabled || this.path === null || this.frame !== null) return;
		if (!this.model && !this.host.live.index.seriesOf(this.path)) return;
		const win = this.view.dom.ownerDocument.defaultView;
		if (!win) return;
		// The index changes from vault events, never inside an editor update, and a frame later is outside one too.
		this.frame = win.requestAnimationFrame(() => {
			this.frame = null;
			this.view.dispatch({ effects: refreshDigestMarks.of(null) });
		});
	}
}
