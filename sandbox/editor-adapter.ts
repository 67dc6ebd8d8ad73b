import { EditorSelection, type ChangeSpec } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { EditorPosition, EditorRange, EditorTransaction } from "obsidian";
import { redo, undo } from "./editor-history";

/**
 * The part of Obsidian's `Editor` the plugin uses, over a real CodeMirror 6 view, with Obsidian's
 * semantics: 0-based lines, `ch` in UTF-16 units, one `transaction` is one undo step. Sandbox
 * only: in Obsidian the app provides the editor.
 */
export class CodeMirrorEditor {
	constructor(readonly cm: EditorView) {}

	private get doc() {
		return this.cm.state.doc;
	}

	getDoc(): this {
		return this;
	}

	refresh(): void {
		this.cm.requestMeasure();
	}

	getValue(): string {
		return this.doc.toString();
	}

	setValue(text: string): void {
		this.cm.dispatch({ changes: { from: 0, to: this.doc.length, insert: text } });
	}

	getLine(line: number): string {
		return line >= 0 && line < this.doc.lines ? this.doc.line(line + 1).text : "";
	}

	setLine(line: number, text: string): void {
		if (line < 0 || line >= this.doc.lines) return;
		const l = this.doc.line(line + 1);
		this.cm.dispatch({ changes: { from: l.from, to: l.to, insert: text } });
	}

	lineCount(): number {
		return this.doc.lines;
	}

	lastLine(): number {
		return this.doc.lines - 1;
	}

	posToOffset(pos: EditorPosition): number {
		const line = this.doc.line(Math.min(Math.max(pos.line, 0), this.doc.lines - 1) + 1);
		return line.from + Math.min(Math.max(pos.ch, 0), line.length);
	}

	offsetToPos(offset: number): EditorPosition {
		const at = Math.min(Math.max(offset, 0), this.doc.length);
		const line = this.doc.lineAt(at);
		return { line: line.number - 1, ch: at - line.from };
	}

	getCursor(side: "from" | "to" | "head" | "anchor" = "head"): EditorPosition {
		const main = this.cm.state.selection.main;
		return this.offsetToPos(side === "from" ? main.from : side === "to" ? main.to : side === "anchor" ? main.anchor : main.head);
	}

	setCursor(pos: EditorPosition | number, ch?: number): void {
		const at = typeof pos === "number" ? this.posToOffset({ line: pos, ch: ch ?? 0 }) : this.posToOffset(pos);
		this.cm.dispatch({ selection: { anchor: at } });
	}

	listSelections(): { anchor: EditorPosition; head: EditorPosition }[] {
		return this.cm.state.selection.ranges.map((r) => ({ anchor: this.offsetToPos(r.anchor), head: this.offsetToPos(r.head) }));
	}

	setSelection(anchor: EditorPosition, head?: EditorPosition): void {
		this.cm.dispatch({ selection: { anchor: this.posToOffset(anchor), head: this.posToOffset(head ?? anchor) } });
	}

	somethingSelected(): boolean {
		return this.cm.state.selection.ranges.some((r) => !r.empty);
	}

	getSelection(): string {
		const main = this.cm.state.selection.main;
		return this.cm.state.sliceDoc(main.from, main.to);
	}

	getRange(from: EditorPosition, to: EditorPosition): string {
		return this.cm.state.sliceDoc(this.posToOffset(from), this.posToOffset(to));
	}

	replaceSelection(text: string): void {
		this.cm.dispatch(this.cm.state.replaceSelection(text));
	}

	replaceRange(text: string, from: EditorPosition, to?: EditorPosition): void {
		const start = this.posToOffset(from);
		this.cm.dispatch({ changes: { from: start, to: to ? this.posToOffset(to) : start, insert: text } });
	}

	/** All changes (positions in the document before any of them) and the selection, as one undo step. */
	transaction(tx: EditorTransaction): void {
		const changes: ChangeSpec[] = [];
		for (const c of tx.changes ?? []) {
			const from = this.posToOffset(c.from);
			changes.push({ from, to: c.to ? this.posToOffset(c.to) : from, insert: c.text });
		}
		if (tx.replaceSelection !== undefined) {
			const main = this.cm.state.selection.main;
			changes.push({ from: main.from, to: main.to, insert: tx.replaceSelection });
		}
		const changeSet = this.cm.state.changes(changes);
		let selection: EditorSelection | undefined;
		// `selections` overrides `selection`; both are given in the document after the changes.
		const ranges = tx.selections ?? (tx.selection ? [tx.selection] : []);
		if (ranges.length > 0) {
			const after = changeSet.apply(this.cm.state.doc);
			const at = (p: EditorPosition) => {
				const line = after.line(Math.min(Math.max(p.line, 0), after.lines - 1) + 1);
				return line.from + Math.min(Math.max(p.ch, 0), line.length);
			};
			selection = EditorSelection.create(ranges.map((r) => EditorSelection.range(at(r.from), at(r.to ?? r.from))));
		}
		// One dispatch: one history event, as Obsidian's transaction is one undo step.
		this.cm.dispatch({ changes: changeSet, selection, userEvent: "input" });
	}

	undo(): void {
		undo(this.cm);
	}

	redo(): void {
		redo(this.cm);
	}

	focus(): void {
		this.cm.focus();
	}

	blur(): void {
		this.cm.contentDOM.blur();
	}

	hasFocus(): boolean {
		return this.cm.hasFocus;
	}

	scrollIntoView(range: EditorRange, center?: boolean): void {
		const from = this.posToOffset(range.from);
		this.cm.dispatch({ effects: EditorView.scrollIntoView(from, { y: center ? "center" : "nearest" }) });
	}

	getScrollInfo(): { top: number; left: number } {
		return { top: this.cm.scrollDOM.scrollTop, left: this.cm.scrollDOM.scrollLeft };
	}

	scrollTo(x?: number | null, y?: number | null): void {
		if (typeof x === "number") this.cm.scrollDOM.scrollLeft = x;
		if (typeof y === "number") this.cm.scrollDOM.scrollTop = y;
	}
}
