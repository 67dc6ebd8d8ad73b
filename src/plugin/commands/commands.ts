import { Notice, parseYaml, Platform, type Editor } from "obsidian";
import { setupEmptyState } from "../../core/browse/empty-state";
import { checkDigest, checkIndex, sortProblems } from "../../core/check/check";
import { entryRef, renumberEntries, toggleRecommended, type EditResult, type EntryRef } from "../../core/edit/entry-edits";
import { moveTargets } from "../../core/edit/move-targets";
import { parseWithSeries } from "../../core/format/parser";
import type { Digest, Entry, Series } from "../../core/format/types";
import { isWebUrl } from "../../core/links/url-normalize";
import { activeDigest, digestAt, editContext, editInEditor, insertIntoDigest, openAtLine } from "./digest-actions";
import { deleteEntryAsking, moveEntryAsking } from "./entry-actions";
import { readClipboardUrl } from "../modals/clipboard-url";
import { InsertEntryModal } from "../modals/entry-modal";
import type { DigestCuratorHost } from "../host";
import { newDigestCommand } from "./new-digest-action";
import { ProblemsModal } from "../modals/problems-modal";
import { explainMarkAt } from "../editor/editor-extension";

/** The digest in the editor as it is now (the index may lag behind typing by a moment). */
function currentDigest(editor: Editor, path: string, series: Series): Digest {
	return parseWithSeries(editor.getValue(), path, series, parseYaml);
}

/** The entry at the cursor, with a reference that finds it again once a modal has been answered. */
function entryAtCursor(editor: Editor, path: string, series: Series): { entry: Entry; ref: EntryRef } | null {
	const line = editor.getCursor().line + 1;
	const digest = currentDigest(editor, path, series);
	for (const c of digest.categories) for (const e of c.entries) if (e.line === line) return { entry: e, ref: entryRef(digest, e) };
	return null;
}

/** Runs an edit of the open digest as one editor transaction and reports a refusal. */
function runInEditor(editor: Editor, edit: (text: string) => EditResult, done?: string): void {
	const result = editInEditor(editor, edit);
	if (!result.ok) new Notice(result.reason, 8000);
	else if (done) new Notice(done);
}

/** The URL the insert modal starts with: the selection, when it holds one. */
function selectedUrl(editor: Editor | null): string | undefined {
	const selected = editor?.getSelection().trim();
	return selected && isWebUrl(selected) ? selected : undefined;
}

/**
 * Opens the insert form at once. Without a link selected, on desktop the clipboard is read after
 * the form is open (an answer fills the URL field if it is still empty); on phones and tablets,
 * where iOS asks to allow every read, only the form's Paste button reads it.
 */
export function openInsertModal(host: DigestCuratorHost): InsertEntryModal {
	const active = activeDigest(host);
	const fallback = host.live.index.latest(host.settings.series[0]?.name ?? "");
	const digests = host.live.index.digests();
	const targetPath = active?.digest.path ?? fallback?.path ?? digests[digests.length - 1]?.path ?? null;
	const url = selectedUrl(active?.editor ?? host.app.workspace.activeEditor?.editor ?? null);
	const modal = new InsertEntryModal(host, { initialUrl: url, targetPath }, (path, entry) => insertIntoDigest(host, path, entry));
	modal.open();
	if (url === undefined && Platform.isDesktopApp && !Platform.isMobile) {
		void readClipboardUrl().then((clip) => {
			if (clip !== null) modal.offerUrl(clip);
		});
	}
	return modal;
}

/** Registers every command; none has a default hotkey. Commands about the open note show only where they apply. */
export function registerCommands(host: DigestCuratorHost): void {
	const { plugin } = host;
	// Where the setup is the reason a command cannot run, it stays in the palette and says why.
	const setupReason = (): string | null => {
		const why = setupEmptyState(host.live.index);
		return why && why.kind !== "wrong-level" ? why.text : null;
	};

	plugin.addCommand({
		id: "insert-link-entry",
		name: "Insert link entry",
		callback: () => {
			const why = setupReason();
			if (why) new Notice(why, 10000);
			else openInsertModal(host);
		},
	});

	plugin.addCommand({
		id: "new-digest",
		name: "New digest",
		callback: () => void newDigestCommand(host),
	});

	plugin.addCommand({
		id: "renumber-entries",
		name: "Renumber entries",
		editorCheckCallback: (checking, editor, ctx) => {
			const found = digestAt(host, ctx.file?.path);
			if (!found) return false;
			if (!checking) runInEditor(editor, (text) => renumberEntries(text, found.digest.path, editContext(found.series)), "Entries renumbered.");
			return true;
		},
	});

	// The marks' tooltips, for the keyboard and touch: what the marks on the cursor's line say.
	plugin.addCommand({
		id: "explain-mark-at-cursor",
		name: "Explain mark at cursor",
		editorCheckCallback: (checking, editor, ctx) => {
			const found = digestAt(host, ctx.file?.path);
			if (!found || !host.settings.editorMarks) return false;
			if (!checking) {
				const said = explainMarkAt(found.digest.path, editor.getCursor().line + 1);
				new Notice(said.length > 0 ? said.join(" ") : "No mark on this line.", 10000);
			}
			return true;
		},
	});

	// Commands that wait for the user (a category picker, a question) name the entry by an EntryRef,
	// found again in the note as it is when the edit applies, never by a line read before.
	const entryCommand = (id: string, name: string, run: (editor: Editor, path: string, series: Series, entry: Entry, ref: EntryRef) => void) =>
		plugin.addCommand({
			id,
			name,
			editorCheckCallback: (checking, editor, ctx) => {
				const found = digestAt(host, ctx.file?.path);
				if (!found) return false;
				const at = entryAtCursor(editor, found.digest.path, found.series);
				if (!at) return false;
				if (!checking) run(editor, found.digest.path, found.series, at.entry, at.ref);
				return true;
			},
		});

	entryCommand("toggle-recommended", "Toggle recommended", (editor, path, series, _entry, ref) =>
		runInEditor(editor, (text) => toggleRecommended(text, path, editContext(series), ref)),
	);

	// The browser's row menu runs the same edits (see entry-actions).
	entryCommand("move-entry", "Move entry to category", (editor, path, series, entry, ref) => {
		void moveEntryAsking(host, path, series, moveTargets(currentDigest(editor, path, series), series, entry.category), ref);
	});

	entryCommand("delete-entry", "Delete entry", (_editor, path, series, _entry, ref) => {
		void deleteEntryAsking(host, path, series, ref);
	});

	plugin.addCommand({
		id: "open-latest-digest",
		name: "Open latest digest",
		checkCallback: (checking) => {
			const latest = host.settings.series.map((s) => host.live.index.latest(s.name)).find((d) => d !== null);
			if (!latest) return false;
			if (!checking) void openAtLine(host, latest.path, 1);
			return true;
		},
	});

	plugin.addCommand({
		id: "check-this-digest",
		name: "Check this digest",
		editorCheckCallback: (checking, editor, ctx) => {
			const found = digestAt(host, ctx.file?.path);
			if (!found) return false;
			if (!checking) {
				// Shared links and broken links come from the index; the note's own problems from its text as it is now.
				const here = found.digest.path;
				const problems = () => {
					const fromIndex = checkIndex(host.live.index, [here]).filter((p) => p.code === "duplicate-url" || p.code === "unresolved-link");
					const own = checkDigest(currentDigest(editor, here, found.series)).filter((p) => p.code !== "unresolved-link");
					return sortProblems([...own, ...fromIndex, ...(host.linkHealth?.problems([here]) ?? [])]);
				};
				new ProblemsModal(host, `Problems in ${found.digest.title}`, problems(), problems).open();
			}
			return true;
		},
	});

	plugin.addCommand({
		id: "check-all-digests",
		name: "Check all digests",
		callback: () => {
			const why = setupReason();
			const size = host.live.index.size;
			if (why) new Notice(why, 10000);
			else {
				const problems = () => sortProblems([...checkIndex(host.live.index), ...(host.linkHealth?.problems() ?? [])]);
				new ProblemsModal(host, `Problems in ${size === 1 ? "1 digest" : `${size} digests`}`, problems(), problems).open();
			}
		},
	});
}
