import { Notice } from "obsidian";
import { parseInbox, type InboxItem } from "../../core/capture/inbox";
import { suggestForCapture } from "../../core/capture/suggest";
import type { Series } from "../../core/format/types";
import type { DigestCuratorHost } from "../host";
import { choose } from "../modals/choice-modal";
import type { InsertEntryModal } from "../modals/entry-modal";
import { handleCapture, inboxNoteOf, inboxText, openCaptureForm, removeInboxItem, restoreInboxItem } from "./capture-actions";
import { chooseSeries } from "./publish-commands";

/** The items of a series' inbox, or why there are none. */
export async function inboxItems(host: DigestCuratorHost, series: Series): Promise<{ ok: true; path: string; items: InboxItem[] } | { ok: false; reason: string }> {
	const inbox = inboxNoteOf(series);
	if (!inbox.ok) return inbox;
	const text = await inboxText(host, inbox.path);
	if (text === null) return { ok: false, reason: `There is no inbox note yet (${inbox.path}): capture a link first.` };
	const items = parseInbox(text).items;
	if (items.length === 0) return { ok: false, reason: `The inbox ${inbox.path} holds no links.` };
	return { ok: true, path: inbox.path, items };
}

function itemLabel(item: InboxItem): string {
	const title = item.title ? `${item.source ? `${item.source} - ` : ""}${item.title}` : item.url;
	return item.category ? `${title} (${item.category})` : title;
}

/**
 * Opens the insert form for an inbox item, its category and source suggested from what this
 * curator did with links from the same site before. The item leaves the inbox only once the
 * entry is written; a refused entry leaves the inbox as it was.
 */
export function addInboxItem(host: DigestCuratorHost, series: Series, inboxPath: string, item: InboxItem): InsertEntryModal {
	const suggested = suggestForCapture(host.live.index, item.url, item.source);
	const prefill = {
		title: item.title,
		source: item.source ?? suggested.source?.value ?? null,
		category: item.category ?? suggested.category?.value ?? null,
		tags: item.tags,
		recommended: item.recommended,
		commentary: item.commentary,
	};
	const target = host.live.index.latest(series.name)?.path ?? null;
	return openCaptureForm(host, item.url, target, prefill, async () => {
		const removed = await removeInboxItem(host, inboxPath, item);
		if (!removed.ok) new Notice(`The entry was added, but its line stays in the inbox: ${removed.reason}`, 10000);
	});
}

/** An undo of a discard: puts the line back (once) and says how it went. */
export type UndoDiscard = () => Promise<boolean>;

/**
 * Takes an inbox item out of the inbox without making it an entry. The notice has an Undo
 * button (the note may not be open, so no editor undo covers it); the same undo is returned,
 * for a panel to offer where the keyboard reaches it. Null when nothing was discarded.
 */
export async function discardInboxItem(host: DigestCuratorHost, inboxPath: string, item: InboxItem): Promise<UndoDiscard | null> {
	const result = await removeInboxItem(host, inboxPath, item);
	if (!result.ok) {
		new Notice(result.reason, 8000);
		return null;
	}
	const removed = result.removed;
	if (!removed) {
		new Notice(`Discarded ${item.url} from the inbox.`, 5000);
		return null;
	}
	let undone = false;
	const undo: UndoDiscard = async () => {
		if (undone) return false;
		undone = true;
		const back = await restoreInboxItem(host, inboxPath, removed);
		new Notice(back.ok ? `Put ${item.url} back in the inbox.` : back.reason, back.ok ? 4000 : 8000);
		if (!back.ok) undone = false;
		return back.ok;
	};
	const message = createFragment((f) => {
		f.createSpan({ text: `Discarded ${item.url} from the inbox. ` });
		const button = f.createEl("button", { cls: "digest-curator-notice-undo", text: "Undo", attr: { "aria-label": `Undo discard of ${item.url}` } });
		button.addEventListener("click", () => void undo());
	});
	new Notice(message, 10000);
	return undo;
}

async function pickItem(host: DigestCuratorHost, run: (series: Series, path: string, item: InboxItem) => unknown): Promise<void> {
	const series = await chooseSeries(host);
	if (!series) return;
	await host.live.whenReady();
	const inbox = await inboxItems(host, series);
	if (!inbox.ok) {
		new Notice(inbox.reason, 8000);
		return;
	}
	const item = await choose(host.app, inbox.items, itemLabel, "Which inbox link?");
	if (item) await run(series, inbox.path, item);
}

/** The obsidian://digest-curator handler and the inbox commands. */
export function registerCapture(host: DigestCuratorHost): void {
	const { plugin } = host;
	plugin.registerObsidianProtocolHandler("digest-curator", (params) => void handleCapture(host, params));
	plugin.addCommand({
		id: "add-inbox-link",
		name: "Add inbox link to digest",
		checkCallback: (checking) => {
			if (host.live.index.size === 0) return false;
			if (!checking) void pickItem(host, (series, path, item) => addInboxItem(host, series, path, item));
			return true;
		},
	});
	plugin.addCommand({
		id: "discard-inbox-link",
		name: "Discard inbox link",
		callback: () => void pickItem(host, (_series, path, item) => discardInboxItem(host, path, item)),
	});
}
