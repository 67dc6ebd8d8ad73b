import { EditorState, type ChangeSet } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { Editor } from "obsidian";
import { App, MarkdownView, WorkspaceLeaf } from "obsidian-test-mocks/obsidian";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parse as parseYaml } from "yaml";
import { moveEntry, renumberEntries, toggleRecommended, type EditContext, type EditResult } from "../../../src/core/edit/entry-edits";
import { applyChanges } from "../../../src/core/edit/text-edit";
import { completeSeries } from "../../../src/core/format/series";
import { applyToEditor, minimalChanges } from "../../../src/plugin/editor/editor-apply";
import { CodeMirrorEditor } from "../../../sandbox/editor-adapter";
import { historyDepth, sandboxHistory } from "../../../sandbox/editor-history";

const PATH = "Digests/Weekly Links 01-09-2025 to 14-09-2025.md";
const CTX: EditContext = { parseYaml, series: completeSeries({ name: "Weekly", tag: "weeklylinks" }) };

const NOTE = [
	"---",
	'title: "Weekly Links: 01-09-2025 to 14-09-2025"',
	"tags: [weeklylinks]",
	"---",
	"# Networking",
	"[1. Blog - Packets in flight](https://blog.example.net/packets)",
	"",
	"- Why **MTU** matters.",
	"",
	"[3. Vendor - Fleet routing](https://vendor.example.com/fleet) #routing",
	"",
	"[12. Vendor - Fleet routing, part two](https://vendor.example.com/fleet-2)",
	"",
	"- Commentary of the second part.",
	"# Storage",
	"[1. Medium - Lakehouse notes](https://medium.example.com/lake)",
	"",
	"[5. Medium - Lakehouse, again](https://medium.example.com/lake-2)",
	"",
].join("\n");

function ok(result: EditResult): Extract<EditResult, { ok: true }> {
	if (!result.ok) throw new Error(result.reason);
	return result;
}

/** An Editor of obsidian-test-mocks, as a mocked MarkdownView holds it, with a note's text. */
function mockEditor(text: string): Editor {
	const view = MarkdownView.create2__(WorkspaceLeaf.create2__(App.createConfigured__()));
	view.editor.setValue(text);
	return view.editor;
}

const views: EditorView[] = [];
afterEach(() => {
	for (const v of views.splice(0)) v.destroy();
});

/** The sandbox's Editor over a real CodeMirror view with its undo history; records each transaction's changes. */
function codeMirrorEditor(text: string): { editor: Editor; cm: EditorView; transactions: ChangeSet[] } {
	const transactions: ChangeSet[] = [];
	const cm = new EditorView({
		state: EditorState.create({ doc: text, extensions: [sandboxHistory(), EditorView.updateListener.of((u) => u.transactions.forEach((tr) => tr.docChanged && transactions.push(tr.changes)))] }),
		parent: document.body,
	});
	views.push(cm);
	return { editor: new CodeMirrorEditor(cm) as unknown as Editor, cm, transactions };
}

/** The changes of a ChangeSet as [replaced text, inserted text] pairs. */
function pairs(changes: ChangeSet, before: string): [string, string][] {
	const out: [string, string][] = [];
	changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => out.push([before.slice(fromA, toA), inserted.toString()]));
	return out;
}

describe("minimal changes", () => {
	it("trims each change to what differs, merges touching ones and drops those that change nothing", () => {
		const before = "abcdef ghij";
		expect(minimalChanges(before, [{ from: 0, to: 6, insert: "abXdef" }])).toEqual([{ from: 2, to: 3, insert: "X" }]);
		expect(minimalChanges(before, [{ from: 0, to: 3, insert: "abc" }, { from: 7, to: 11, insert: "gh" }])).toEqual([{ from: 9, to: 11, insert: "" }]);
		expect(minimalChanges(before, [{ from: 0, to: 2, insert: "A" }, { from: 2, to: 4, insert: "C" }])).toEqual([{ from: 0, to: 4, insert: "AC" }]);
		// An insertion and a deletion are what they are.
		expect(minimalChanges(before, [{ from: 3, to: 3, insert: "123" }, { from: 7, to: 9, insert: "" }])).toEqual([{ from: 3, to: 3, insert: "123" }, { from: 7, to: 9, insert: "" }]);
	});

	it("never splits a surrogate pair", () => {
		const before = "x 🌟 y";
		const [c] = minimalChanges(before, [{ from: 0, to: before.length, insert: "x 🌠 y" }]);
		expect(c).toEqual({ from: 2, to: 4, insert: "🌠" });
		expect(applyChanges(before, [c!])).toBe("x 🌠 y");
	});

	it("keeps the text the changes make", () => {
		const result = ok(moveEntry(NOTE, PATH, CTX, 6, "Storage", { shareCommentary: true }));
		expect(applyChanges(NOTE, minimalChanges(NOTE, result.changes))).toBe(result.text);
	});
});

describe("an edit in the open note", () => {
	it("is one transaction whose changes are only the digits a renumber changes, with the selection in it", () => {
		const editor = mockEditor(NOTE);
		editor.setCursor({ line: 17, ch: 4 });
		const transaction = vi.spyOn(editor, "transaction");
		const setCursor = vi.spyOn(editor, "setCursor");
		const result = ok(renumberEntries(NOTE, PATH, CTX));
		expect(applyToEditor(editor, NOTE, result.changes)).toBe(true);

		expect(transaction).toHaveBeenCalledTimes(1);
		const tx = transaction.mock.calls[0]![0];
		// Positions in the note as it was.
		const offset = (p: { line: number; ch: number }) => NOTE.split("\n").slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.ch;
		const replaced = tx.changes!.map((c) => [NOTE.slice(offset(c.from), offset(c.to!)), c.text]);
		expect(replaced.sort()).toEqual([["12", "3"], ["3", "2"], ["5", "2"]]);
		// The cursor stays on the same text, set by the transaction itself.
		expect(tx.selection).toEqual({ from: { line: 17, ch: 4 }, to: { line: 17, ch: 4 } });
		expect(setCursor).not.toHaveBeenCalled();
		expect(editor.getValue()).toBe(result.text);
	});

	it("maps the cursor through lines the edit takes away above it", () => {
		const editor = mockEditor(NOTE);
		// On "[1. Medium - Lakehouse notes]", after the moved entry's lines.
		editor.setCursor({ line: 15, ch: 10 });
		const result = ok(moveEntry(NOTE, PATH, CTX, 6, "Storage", { shareCommentary: true }));
		applyToEditor(editor, NOTE, result.changes);
		expect(editor.getValue()).toBe(result.text);
		const cursor = editor.getCursor();
		expect(editor.getLine(cursor.line)).toBe("[1. Medium - Lakehouse notes](https://medium.example.com/lake)");
		expect(cursor.ch).toBe(10);
	});

	it("in a CodeMirror editor: only the digits change, and one undo restores the note", () => {
		const { editor, cm, transactions } = codeMirrorEditor(NOTE);
		const result = ok(renumberEntries(NOTE, PATH, CTX));
		applyToEditor(editor, NOTE, result.changes);
		expect(cm.state.doc.toString()).toBe(result.text);
		expect(transactions).toHaveLength(1);
		expect(pairs(transactions[0]!, NOTE)).toEqual([["3", "2"], ["12", "3"], ["5", "2"]]);
		expect(historyDepth(cm.state).undo).toBe(1);
		editor.undo();
		expect(cm.state.doc.toString()).toBe(NOTE);
	});

	it("in a CodeMirror editor: a move is one transaction of its own changes, undone in one step", () => {
		const { editor, cm, transactions } = codeMirrorEditor(NOTE);
		const result = ok(moveEntry(NOTE, PATH, CTX, 6, "Storage", { shareCommentary: true }));
		applyToEditor(editor, NOTE, result.changes);
		expect(cm.state.doc.toString()).toBe(result.text);
		expect(transactions).toHaveLength(1);
		// The lines that go, the numbers that change, the lines that come: nothing between them is rewritten.
		const replaced = pairs(transactions[0]!, NOTE);
		expect(replaced.length).toBeGreaterThan(1);
		expect(replaced.map(([a, b]) => a.length + b.length).reduce((x, y) => x + y)).toBeLessThan(200);
		editor.undo();
		expect(cm.state.doc.toString()).toBe(NOTE);
	});

	it("in a CodeMirror editor: toggling the flag inserts the flag alone and keeps a selection", () => {
		const { editor, cm, transactions } = codeMirrorEditor(NOTE);
		cm.dispatch({ selection: { anchor: NOTE.indexOf("Packets"), head: NOTE.indexOf("Packets") + 7 } });
		const result = ok(toggleRecommended(NOTE, PATH, CTX, 6));
		applyToEditor(editor, NOTE, result.changes);
		expect(pairs(transactions[0]!, NOTE)).toEqual([["", " 🌟 **(Recommended)**"]]);
		expect(cm.state.sliceDoc(cm.state.selection.main.from, cm.state.selection.main.to)).toBe("Packets");
	});
});
