import { normalizePath, TFile, TFolder } from "obsidian";
import { applyToEditor } from "../editor/editor-apply";
import { changeBetween } from "../../core/edit/text-edit";
import { vaultPath } from "../../core/format/vault-path";
import type { DigestCuratorHost } from "../host";
import { editorFor } from "./digest-actions";

/**
 * One edit path for notes that are not digests (a series index, a recap, an inbox): the edit
 * layer computes the new text, and it is written through the note's open editor as one
 * transaction (one undo), else in the background with Vault.process, else, where asked, as a
 * new note. A refusal writes nothing.
 */

export type TextEditResult = { ok: true; text: string } | { ok: false; reason: string; handEdited?: boolean };
export type TextEdit = (text: string) => TextEditResult;
export type NoteEditResult = { ok: true; path: string; changed: boolean; created: boolean } | { ok: false; reason: string; handEdited?: boolean };

/** A vault path from a setting or a form, checked to stay inside the vault and normalised as Obsidian wants it. */
export function notePath(raw: string, what: string): { ok: true; path: string } | { ok: false; reason: string } {
	const where = vaultPath(raw.trim(), what);
	if (!where.ok) return where;
	if (where.path === "") return { ok: false, reason: `${what} needs a file name.` };
	const path = normalizePath(/\.md$/i.test(where.path) ? where.path : `${where.path}.md`);
	return { ok: true, path };
}

/** Makes the folders above a vault path, where they are missing. */
export async function ensureFolder(host: DigestCuratorHost, path: string): Promise<void> {
	const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
	if (folder !== "" && !host.app.vault.getFolderByPath(folder)) await host.app.vault.createFolder(folder);
}

/** Runs `edit` on the note at `path` (already checked with notePath) and writes what it returns. */
export async function editNote(host: DigestCuratorHost, path: string, edit: TextEdit, options: { create?: boolean } = {}): Promise<NoteEditResult> {
	const editor = editorFor(host, path);
	if (editor) {
		const before = editor.getValue();
		const result = edit(before);
		if (!result.ok) return result;
		const changes = changeBetween(before, result.text);
		applyToEditor(editor, before, changes);
		return { ok: true, path, changed: changes.length > 0, created: false };
	}
	const existing = host.app.vault.getAbstractFileByPath(path);
	if (existing instanceof TFolder) return { ok: false, reason: `${path} is a folder, not a note.` };
	if (existing instanceof TFile) {
		let result: TextEditResult = { ok: false, reason: `${path} could not be read.` };
		let changed = false;
		await host.app.vault.process(existing, (text) => {
			result = edit(text);
			if (!result.ok) return text;
			changed = result.text !== text;
			return result.text;
		});
		const done: TextEditResult = result;
		return done.ok ? { ok: true, path, changed, created: false } : done;
	}
	if (!options.create) return { ok: false, reason: `${path} does not exist.` };
	const result = edit("");
	if (!result.ok) return result;
	await ensureFolder(host, path);
	await host.app.vault.create(path, result.text);
	return { ok: true, path, changed: true, created: true };
}
