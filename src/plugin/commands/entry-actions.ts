import { Notice } from "obsidian";
import { deleteEntry, entryRef, moveEntry, toggleRecommended, type EntryRef } from "../../core/edit/entry-edits";
import { moveTargets, type MoveTarget } from "../../core/edit/move-targets";
import type { Series } from "../../core/format/types";
import type { IndexedEntry } from "../../core/index/digest-index";
import { chooseCategory } from "../modals/category-modal";
import { choose } from "../modals/choice-modal";
import type { DigestCuratorHost } from "../host";
import { editAsking, editContext, editDigest } from "./digest-actions";

/**
 * The edits of one entry that both the commands (at the cursor) and the browser's rows (from the
 * index) run: each names the entry by an EntryRef, found again in the note as it is when the edit
 * applies, and goes through the edit layer (the open editor as one undo step, else Vault.process).
 */

/** Asks for a category and moves the entry there. */
export async function moveEntryAsking(host: DigestCuratorHost, path: string, series: Series, targets: readonly MoveTarget[], ref: EntryRef): Promise<void> {
	const category = await chooseCategory(host.app, targets);
	if (!category) return;
	const result = await editAsking(host, path, ref.title, (text, answers) => moveEntry(text, path, editContext(series), ref, category, answers));
	if (result?.ok) new Notice(`Moved "${ref.title}" to ${category}.`);
}

/** Deletes the entry, asking about commentary it shares. */
export async function deleteEntryAsking(host: DigestCuratorHost, path: string, series: Series, ref: EntryRef): Promise<void> {
	const result = await editAsking(host, path, ref.title, (text, answers) => deleteEntry(text, path, editContext(series), ref, answers));
	if (result?.ok) new Notice(`Deleted "${ref.title}".`);
}

/** Flags the entry as recommended, or takes the flag off. */
export async function toggleRecommendedOf(host: DigestCuratorHost, ie: IndexedEntry): Promise<void> {
	const path = ie.digest.path;
	const ref = entryRef(ie.digest, ie.entry);
	const result = await editDigest(host, path, (text) => toggleRecommended(text, path, editContext(ie.series), ref));
	if (!result.ok) new Notice(result.reason, 8000);
	else new Notice(ie.entry.recommended ? `"${ref.title}" is no longer recommended.` : `"${ref.title}" is recommended.`);
}

/** Moves an indexed entry (a browser row's) to a category the user picks. */
export function moveEntryOf(host: DigestCuratorHost, ie: IndexedEntry): Promise<void> {
	return moveEntryAsking(host, ie.digest.path, ie.series, moveTargets(ie.digest, ie.series, ie.category.name), entryRef(ie.digest, ie.entry));
}

/** Deletes an indexed entry (a browser row's) once the user confirms: from the browser, the note may not be open to undo it. */
export async function deleteEntryOf(host: DigestCuratorHost, ie: IndexedEntry): Promise<void> {
	const ref = entryRef(ie.digest, ie.entry);
	const yes = `Delete "${ref.title}" from ${ie.digest.title}`;
	const picked = await choose(host.app, [yes, "Cancel"], (s) => s, `Delete "${ref.title}"?`);
	if (picked !== yes) return;
	await deleteEntryAsking(host, ie.digest.path, ie.series, ref);
}
