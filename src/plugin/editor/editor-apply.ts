import type { Editor, EditorChange, EditorPosition } from "obsidian";
import type { TextChange } from "../../core/edit/text-edit";

/** Maps an offset of the text before the changes to the text after them. */
export function mapOffset(offset: number, changes: readonly TextChange[]): number {
	let delta = 0;
	for (const c of changes) {
		if (c.to <= offset) delta += c.insert.length - (c.to - c.from);
		else if (c.from < offset) return c.from + delta + c.insert.length; // inside a replaced range: its end
		else break;
	}
	return offset + delta;
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The changes (in order, not overlapping, as LineEdits gives them) cut down to what they change:
 * the start and end a change's new text shares with the text it replaces are left alone (never
 * half of a surrogate pair), changes that touch are merged, and changes that change nothing go.
 */
export function minimalChanges(before: string, changes: readonly TextChange[]): TextChange[] {
	const out: TextChange[] = [];
	for (const c of changes) {
		const oldLen = c.to - c.from;
		let head = 0;
		const maxHead = Math.min(oldLen, c.insert.length);
		while (head < maxHead && before.charCodeAt(c.from + head) === c.insert.charCodeAt(head)) head++;
		if (head > 0 && isHighSurrogate(c.insert.charCodeAt(head - 1))) head--;
		let tail = 0;
		const maxTail = Math.min(oldLen, c.insert.length) - head;
		while (tail < maxTail && before.charCodeAt(c.to - 1 - tail) === c.insert.charCodeAt(c.insert.length - 1 - tail)) tail++;
		if (tail > 0 && isLowSurrogate(c.insert.charCodeAt(c.insert.length - tail))) tail--;
		const from = c.from + head;
		const to = c.to - tail;
		const insert = c.insert.slice(head, c.insert.length - tail);
		if (from === to && insert === "") continue;
		const last = out[out.length - 1];
		if (last && from <= last.to) {
			last.insert += before.slice(last.to, from) + insert;
			last.to = Math.max(last.to, to);
		} else {
			out.push({ from, to, insert });
		}
	}
	return out;
}

/** Line and column of an offset in a text (lines split at "\n", as the editor's are). */
function positionIn(text: string, offset: number): EditorPosition {
	let line = 0;
	let start = 0;
	for (let nl = text.indexOf("\n"); nl >= 0 && nl < offset; nl = text.indexOf("\n", nl + 1)) {
		line++;
		start = nl + 1;
	}
	return { line, ch: offset - start };
}

/**
 * Replays an edit of the open note as ONE editor transaction (one undo step) holding only what
 * changed (a renumber changes only digits: folds, widgets and the rest of the note stay as they
 * are) and the selection mapped through the changes. `before` is the editor's text the changes
 * were made against.
 */
export function applyToEditor(editor: Editor, before: string, changes: readonly TextChange[]): boolean {
	const list = minimalChanges(before, changes);
	if (list.length === 0) return false;
	let after = "";
	let pos = 0;
	for (const c of list) {
		after += before.slice(pos, c.from) + c.insert;
		pos = c.to;
	}
	after += before.slice(pos);
	const anchor = mapOffset(editor.posToOffset(editor.getCursor("anchor")), list);
	const head = mapOffset(editor.posToOffset(editor.getCursor("head")), list);
	// Positions in the text before the changes. Last to first: an editor that applies the changes
	// one after another (obsidian-test-mocks' does) then ends with the text Obsidian's makes of
	// them at once; no two of them touch, so the order means nothing to Obsidian.
	const editorChanges: EditorChange[] = list.map((c) => ({ from: editor.offsetToPos(c.from), to: editor.offsetToPos(c.to), text: c.insert })).reverse();
	// The selection is given in the text after the changes.
	editor.transaction({ changes: editorChanges, selection: { from: positionIn(after, anchor), to: positionIn(after, head) } });
	return true;
}
