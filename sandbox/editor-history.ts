import { Annotation, ChangeSet, EditorSelection, StateField, Transaction, type EditorState, type Extension } from "@codemirror/state";
import { keymap, type EditorView } from "@codemirror/view";

/**
 * A small undo history for the sandbox's editor: Obsidian ships @codemirror/commands, this
 * project does not depend on it. One transaction is one undo step (as `Editor.transaction` is in
 * Obsidian), except that typing within half a second merges into one step.
 */

interface HistoryEvent {
	/** The inverse of the change: applied to the current document, it restores the earlier one. */
	changes: ChangeSet;
	/** The selection to restore with it. */
	selection: EditorSelection;
	time: number;
	typing: boolean;
}

interface HistoryState {
	done: readonly HistoryEvent[];
	undone: readonly HistoryEvent[];
}

const fromHistory = Annotation.define<"undo" | "redo">();
const MERGE_MS = 500;
const EMPTY: HistoryState = { done: [], undone: [] };

const historyField = StateField.define<HistoryState>({
	create: () => EMPTY,
	update(value, tr) {
		if (!tr.docChanged) return value;
		const inverse: HistoryEvent = { changes: tr.changes.invert(tr.startState.doc), selection: tr.startState.selection, time: Date.now(), typing: isTyping(tr) };
		const from = tr.annotation(fromHistory);
		if (from === "undo") return { done: value.done.slice(0, -1), undone: [...value.undone, inverse] };
		if (from === "redo") return { done: [...value.done, inverse], undone: value.undone.slice(0, -1) };
		// A change the history cannot map (the pane loading a new text) forgets what came before.
		if (tr.annotation(Transaction.addToHistory) === false) return EMPTY;
		const last = value.done[value.done.length - 1];
		if (last && inverse.typing && last.typing && inverse.time - last.time < MERGE_MS) {
			const merged: HistoryEvent = { changes: inverse.changes.compose(last.changes), selection: last.selection, time: inverse.time, typing: true };
			return { done: [...value.done.slice(0, -1), merged], undone: [] };
		}
		return { done: [...value.done, inverse], undone: [] };
	},
});

function isTyping(tr: Transaction): boolean {
	return tr.isUserEvent("input.type") || tr.isUserEvent("delete.backward") || tr.isUserEvent("delete.forward");
}

function step(view: EditorView, kind: "undo" | "redo"): boolean {
	const state = view.state.field(historyField, false);
	const event = state ? (kind === "undo" ? state.done : state.undone).at(-1) : undefined;
	if (!event) return false;
	view.dispatch({ changes: event.changes, selection: event.selection, annotations: fromHistory.of(kind), scrollIntoView: true, userEvent: kind });
	return true;
}

export const undo = (view: EditorView): boolean => step(view, "undo");
export const redo = (view: EditorView): boolean => step(view, "redo");

export function historyDepth(state: EditorState): { undo: number; redo: number } {
	const h = state.field(historyField, false) ?? EMPTY;
	return { undo: h.done.length, redo: h.undone.length };
}

export function sandboxHistory(): Extension {
	return [
		historyField,
		keymap.of([
			{ key: "Mod-z", run: undo, preventDefault: true },
			{ key: "Mod-y", run: redo, preventDefault: true },
			{ key: "Mod-Shift-z", run: redo, preventDefault: true },
		]),
	];
}
