import { MarkdownView, Notice, parseYaml, TFile, type Editor, type PaneType } from "obsidian";
import { insertEntry, type DeleteOptions, type EditContext, type EditQuestion, type EditResult, type MoveOptions, type NewEntry } from "../../core/edit/entry-edits";
import type { Digest, Series } from "../../core/format/types";
import { applyToEditor } from "../editor/editor-apply";
import { choose } from "../modals/choice-modal";
import type { DigestCuratorHost } from "../host";

export function editContext(series: Series): EditContext {
	return { parseYaml, series };
}

/** The editor showing a note, if one is open. */
export function editorFor(host: DigestCuratorHost, path: string): Editor | null {
	let found: Editor | null = null;
	host.app.workspace.iterateAllLeaves((leaf) => {
		if (!found && leaf.view instanceof MarkdownView && leaf.view.file?.path === path) found = leaf.view.editor;
	});
	return found;
}

/** The digest at a path with its series, when the path is one. */
export function digestAt(host: DigestCuratorHost, path: string | undefined): { digest: Digest; series: Series } | null {
	if (!path) return null;
	const digest = host.live.index.get(path);
	const series = host.live.index.seriesOf(path);
	return digest && series ? { digest, series } : null;
}

/** The digest in the active editor, with its series and editor; null when the open note is not one. */
export function activeDigest(host: DigestCuratorHost): { digest: Digest; series: Series; editor: Editor } | null {
	const active = host.app.workspace.activeEditor;
	const found = digestAt(host, active?.file?.path);
	return found && active?.editor ? { ...found, editor: active.editor } : null;
}

/**
 * Runs an edit on a digest: through its open editor as one transaction (so one undo reverts it),
 * else in the background with Vault.process. Returns the edit's result.
 */
export async function editDigest(host: DigestCuratorHost, path: string, edit: (text: string) => EditResult): Promise<EditResult> {
	const editor = editorFor(host, path);
	if (editor) return editInEditor(editor, edit);
	const file = host.app.vault.getFileByPath(path);
	if (!(file instanceof TFile)) return { ok: false, reason: `${path} no longer exists.` };
	let result: EditResult = { ok: false, reason: `${path} could not be read.` };
	await host.app.vault.process(file, (text) => {
		result = edit(text);
		return result.ok ? result.text : text;
	});
	return result;
}

/** Runs an edit on the note in an editor as one transaction (one undo step); a refusal changes nothing. */
export function editInEditor(editor: Editor, edit: (text: string) => EditResult): EditResult {
	const before = editor.getValue();
	const result = edit(before);
	if (result.ok) applyToEditor(editor, before, result.changes);
	return result;
}

/**
 * The name of the category heading (of `level`) above 1-based `line`, as the note writes it: the
 * entry went under "Architecture" even if "architecture" was typed.
 */
export function categoryAbove(text: string, line: number, level: number): string | null {
	const lines = text.split(/\r\n|\r|\n/);
	const marker = "#".repeat(level);
	for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
		const l = lines[i]!;
		if (!l.startsWith(`${marker} `)) continue;
		return l.slice(marker.length).replace(/\s+#+\s*$/, "").trim();
	}
	return null;
}

/** Inserts a new entry into a digest and confirms it with a notice that links to the entry. */
export async function insertIntoDigest(host: DigestCuratorHost, path: string, input: NewEntry): Promise<EditResult> {
	const series = host.live.index.seriesOf(path);
	if (!series) return { ok: false, reason: `${path} is not a digest of any series.` };
	const result = await editDigest(host, path, (text) => insertEntry(text, path, editContext(series), input));
	if (result.ok) {
		const notice = new Notice("", 6000);
		const frag = notice.messageEl;
		frag.createSpan({ text: `Added "${input.title}" to ${categoryAbove(result.text, result.line, series.categoryLevel) ?? input.category} in ` });
		const link = frag.createEl("a", { text: path.replace(/\.md$/, ""), href: "#" });
		// On the notice's own element, not registered on the plugin: it goes with the notice.
		link.addEventListener("click", (evt) => {
			evt.preventDefault();
			void openAtLine(host, path, result.line);
		});
	} else if (!result.ask) {
		// A question is the caller's to ask (the insert form asks it in its own words).
		new Notice(result.reason, 8000);
	}
	return result;
}

/** The answers an edit may need (see EditQuestion), gathered by asking the user. */
export type EditAnswers = MoveOptions & DeleteOptions;

/** Asks the user an edit's question in plain words; null when they cancel. */
export async function askQuestion(host: DigestCuratorHost, ask: EditQuestion, title: string): Promise<EditAnswers | null> {
	const others = ask.sharedWith.map((t) => `"${t}"`).join(", ");
	const one = ask.sharedWith.length === 1;
	const choices: [string, EditAnswers | null][] =
		ask.kind === "share-commentary"
			? [
					[`Share the commentary of "${title}" with ${others}`, { shareCommentary: true }],
					["Cancel", null],
				]
			: ask.kind === "group-commentary"
				? [
						[`Move the commentary with "${title}"`, { groupCommentary: "move" }],
						[`Leave the commentary with ${others}`, { groupCommentary: "keep" }],
						[`Copy the commentary: both keep it`, { groupCommentary: "copy" }],
						["Cancel", null],
					]
				: [
						[`Delete the commentary with "${title}"`, { sharedCommentary: "delete" }],
						[`Keep the commentary for ${others}`, { sharedCommentary: "keep" }],
						["Cancel", null],
					];
	const question =
		ask.kind === "share-commentary"
			? `${others} ${one ? "has" : "have"} no commentary of ${one ? "its" : "their"} own and would share this one`
			: ask.kind === "group-commentary"
				? `"${title}" shares its commentary with ${others}`
				: `${others} ${one ? "shares" : "share"} the commentary after "${title}"`;
	const picked = await choose(host.app, choices, ([label]) => label, `${question}: what should happen?`);
	return picked ? picked[1] : null;
}

/**
 * Runs an edit of a digest as it is when it applies (the open editor or the file), asking the
 * user whatever question the edit has and running it again with the answer; a refusal is shown
 * as a notice, a cancelled question changes nothing. Returns the final result, or null on cancel.
 */
export async function editAsking(host: DigestCuratorHost, path: string, title: string, edit: (text: string, answers: EditAnswers) => EditResult): Promise<EditResult | null> {
	let answers: EditAnswers = {};
	for (let round = 0; round < 3; round++) {
		const result = await editDigest(host, path, (text) => edit(text, answers));
		if (result.ok || !result.ask) {
			if (!result.ok) new Notice(result.reason, 8000);
			return result;
		}
		const answer = await askQuestion(host, result.ask, title);
		if (!answer) return null;
		answers = { ...answers, ...answer };
	}
	return null;
}

/** Opens a note with its line in view and the cursor on it; `newLeaf` as Keymap.isModEvent answers (a new tab, split or window). */
export async function openAtLine(host: DigestCuratorHost, path: string, line: number, newLeaf: PaneType | boolean = false): Promise<void> {
	const file = host.app.vault.getFileByPath(path);
	if (!file) {
		new Notice(`${path} no longer exists.`);
		return;
	}
	const leaf = host.app.workspace.getLeaf(newLeaf);
	await leaf.openFile(file, { eState: { line: Math.max(0, line - 1) } });
	await host.app.workspace.revealLeaf(leaf);
	if (leaf.view instanceof MarkdownView) {
		const pos = { line: Math.max(0, line - 1), ch: 0 };
		leaf.view.editor.setCursor(pos);
		leaf.view.editor.scrollIntoView({ from: pos, to: pos }, true);
	}
}
