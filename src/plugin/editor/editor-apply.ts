import type { Editor } from "obsidian";
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

/**
 * Replays an edit of the open note as ONE editor transaction (one undo step): the smallest
 * range that covers every change, with the cursor mapped through the precise changes.
 */
export function applyToEditor(editor: Editor, before: string, changes: readonly TextChange[]): boolean {
	if (changes.length === 0) return false;
	const from = changes[0]!.from;
	const to = changes[changes.length - 1]!.to;
	let insert = "";
	let pos = from;
	for (const c of changes) {
		insert += before.slice(pos, c.from) + c.insert;
		pos = c.to;
	}
	const cursor = mapOffset(editor.posToOffset(editor.getCursor()), changes);
	editor.transaction({ changes: [{ from: editor.offsetToPos(from), to: editor.offsetToPos(to), text: insert }] });
	const at = editor.offsetToPos(cursor);
	editor.setCursor(at);
	return true;
}
