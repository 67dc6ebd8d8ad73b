import { Notice, TFile } from "obsidian";
import { directEntryProblem, parseCaptureRequest, urlProblem, type CaptureRequest } from "../../core/capture/capture-request";
import { parseInbox, type InboxItem } from "../../core/capture/inbox";
import { appendToInbox, removeFromInboxKeeping, restoreToInbox, type CapturedLink, type RemovedInboxLines } from "../../core/edit/inbox-edits";
import { seriesNotePath } from "../../core/format/series-notes";
import type { Series } from "../../core/format/types";
import type { DigestCuratorHost } from "../host";
import { InsertEntryModal, type EntryPrefill } from "../modals/entry-modal";
import { editorFor, insertIntoDigest } from "./digest-actions";
import { editNote, notePath, type NoteEditResult } from "./note-edit";

/**
 * Links captured from outside Obsidian (an obsidian://digest-curator link from a bookmarklet, a
 * share sheet or a shortcut; Obsidian's command line; another plugin): every request is read
 * and checked in full before anything is written, and a bad one is told in one sentence.
 */

export type Resolved<T> = ({ ok: true } & T) | { ok: false; reason: string };

/** A series by name (any case), or the first one when no name is given. */
export function seriesNamed(host: DigestCuratorHost, name: string | null | undefined): Resolved<{ series: Series }> {
	const list = host.settings.series;
	if (!name) return list[0] ? { ok: true, series: list[0] } : { ok: false, reason: "No digest series is set up yet: add one in this plugin's settings." };
	const found = list.find((s) => s.name.toLowerCase() === name.trim().toLowerCase());
	return found ? { ok: true, series: found } : { ok: false, reason: `No series is named "${name}"; the vault has ${list.map((s) => `"${s.name}"`).join(", ")}.` };
}

/** The digest a capture goes to: the one named (a digest of the series, inside the vault), else the series' latest; null when it has none. */
export function captureDigest(host: DigestCuratorHost, series: Series, digest: string | null | undefined): Resolved<{ path: string | null }> {
	if (!digest) return { ok: true, path: host.live.index.latest(series.name)?.path ?? null };
	const where = notePath(digest, "The digest path");
	if (!where.ok) return where;
	if (host.live.index.seriesOf(where.path) !== series) return { ok: false, reason: `${where.path} is not a digest of ${series.name}.` };
	return { ok: true, path: where.path };
}

/** The series' inbox note, checked. */
export function inboxNoteOf(series: Series): Resolved<{ path: string }> {
	const where = seriesNotePath(series, "inboxNote");
	return where.ok ? notePath(where.path, "The inbox note") : where;
}

/** Appends a captured link to the series' inbox note (created when missing), through the one note edit path. */
export async function addToInbox(host: DigestCuratorHost, series: Series, link: CapturedLink): Promise<NoteEditResult> {
	const problem = urlProblem(link.url);
	if (problem) return { ok: false, reason: problem };
	const inbox = inboxNoteOf(series);
	if (!inbox.ok) return inbox;
	if (host.live.index.get(inbox.path)) return { ok: false, reason: `The inbox note ${inbox.path} is a digest; choose another note in the series' settings.` };
	return editNote(host, inbox.path, (text) => appendToInbox(text, link), { create: true });
}

/** The inbox's text as it is now: the open editor's, else the note's; null when there is no inbox note. */
export async function inboxText(host: DigestCuratorHost, path: string): Promise<string | null> {
	const editor = editorFor(host, path);
	if (editor) return editor.getValue();
	const file = host.app.vault.getFileByPath(path);
	return file instanceof TFile ? host.app.vault.read(file) : null;
}

/** Takes an inbox item out of the inbox, found again by its URL and place (the inbox may have changed since it was listed). */
export async function removeInboxItem(host: DigestCuratorHost, path: string, item: InboxItem): Promise<NoteEditResult & { removed?: RemovedInboxLines }> {
	let removed: RemovedInboxLines | undefined;
	const result = await editNote(host, path, (text) => {
		const items = parseInbox(text).items;
		const same = items.map((it, i) => ({ it, i })).filter(({ it }) => it.url === item.url);
		const pick = same.find(({ it }) => it.line === item.line) ?? same[0];
		if (!pick) return { ok: false, reason: `The inbox no longer holds ${item.url}.` };
		const r = removeFromInboxKeeping(text, pick.i, item.url);
		if (r.ok) removed = r.removed;
		return r;
	});
	return result.ok ? { ...result, removed } : result;
}

/** Puts back what removeInboxItem took out (its undo), through the same note edit path; the note is made again if it went. */
export async function restoreInboxItem(host: DigestCuratorHost, path: string, removed: RemovedInboxLines): Promise<NoteEditResult> {
	return editNote(host, path, (text) => restoreToInbox(text, removed), { create: true });
}

function prefillOf(request: Pick<CaptureRequest, "title" | "source" | "category" | "tags" | "recommended" | "commentary">): EntryPrefill {
	return { title: request.title, source: request.source, category: request.category, tags: request.tags, recommended: request.recommended, commentary: request.commentary };
}

/** Opens the insert form filled in; `afterAdd` runs once the entry was written (taking the link out of the inbox, say). */
export function openCaptureForm(host: DigestCuratorHost, url: string, targetPath: string | null, prefill: EntryPrefill, afterAdd?: () => Promise<void>): InsertEntryModal {
	const modal = new InsertEntryModal(host, { initialUrl: url, targetPath, initial: prefill }, async (path, entry) => {
		const result = await insertIntoDigest(host, path, entry);
		if (result.ok && afterAdd) await afterAdd();
		return result.ok;
	});
	modal.open();
	return modal;
}

export type CaptureOutcome =
	| { kind: "refused"; reason: string }
	| { kind: "form"; modal: InsertEntryModal }
	| { kind: "entry"; path: string; line: number }
	| { kind: "inbox"; path: string };

/**
 * Handles an obsidian://digest-curator request: `form` (the default) opens the insert form filled
 * in; `entry` writes the entry when its category and title are given and the link is new (else
 * the form opens, where the earlier entries are shown); `inbox` appends to the series' inbox. A
 * bad request shows a notice saying what was wrong, and nothing is written.
 */
export async function handleCapture(host: DigestCuratorHost, params: Readonly<Record<string, string | undefined>>): Promise<CaptureOutcome> {
	const refuse = (reason: string): CaptureOutcome => {
		new Notice(`Digest Curator did not capture the link: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`, 10000);
		return { kind: "refused", reason };
	};
	const parsed = parseCaptureRequest(params);
	if (!parsed.ok) return refuse(parsed.reason);
	const request = parsed.request;
	await host.live.whenReady();
	// A note named without a series (a collection's note, say) is taken in the series it belongs to.
	const ofNote = request.series === null && request.digest !== null ? host.live.index.seriesOf(request.digest) : null;
	const series = ofNote ? { ok: true as const, series: ofNote } : seriesNamed(host, request.series);
	if (!series.ok) return refuse(series.reason);
	if (request.mode === "inbox") {
		if (request.digest !== null) return refuse("An inbox capture goes to the series' inbox: leave out &digest=..., or use mode=form.");
		const result = await addToInbox(host, series.series, request);
		if (!result.ok) return refuse(result.reason);
		new Notice(`Saved to ${result.path}: ${request.title ?? request.url}`);
		return { kind: "inbox", path: result.path };
	}
	const target = captureDigest(host, series.series, request.digest);
	if (!target.ok) return refuse(target.reason);
	// A link counts as shared before as the Duplicates across collections setting says, as in the form and the API.
	if (request.mode === "entry" && directEntryProblem(request) === null && host.live.index.findUrlFor(request.url, series.series).length === 0) {
		if (target.path === null) return refuse(`${series.series.name} has no digest to add to yet: create one first.`);
		const result = await insertIntoDigest(host, target.path, { category: request.category!, url: request.url, title: request.title!, source: request.source ?? undefined, tags: request.tags, recommended: request.recommended, commentary: request.commentary });
		if (result.ok) return { kind: "entry", path: target.path, line: result.line };
		// The edit layer refused (insertIntoDigest said why): the form keeps what was sent.
	}
	return { kind: "form", modal: openCaptureForm(host, request.url, target.path, prefillOf(request)) };
}
