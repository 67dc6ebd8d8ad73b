import { Notice, parseYaml, type Editor } from "obsidian";
import { parseWithSeries } from "../../core/format/parser";
import { isWebUrl } from "../../core/links/url-normalize";
import type { DigestCuratorHost } from "../host";

/** Where a pasted bare URL could become an entry: an empty line inside a category. */
export function pasteTarget(text: string, path: string, line: number, host: DigestCuratorHost): { number: number } | null {
	const series = host.live.index.seriesOf(path);
	if (!series) return null;
	const digest = parseWithSeries(text, path, series, parseYaml);
	const cat = digest.categories.find((c) => line > c.line && line <= c.endLine);
	if (!cat) return null;
	const max = cat.entries.reduce((m, e) => Math.max(m, e.number ?? 0), 0);
	return { number: max + 1 };
}

/**
 * With the setting on: a bare URL pasted on an empty line of a category is pasted as usual,
 * and a notice offers to turn it into the next numbered entry (one more undoable edit).
 */
export function registerPasteToEntry(host: DigestCuratorHost): void {
	host.plugin.registerEvent(
		host.app.workspace.on("editor-paste", (evt: ClipboardEvent, editor: Editor, info) => {
			if (!host.settings.pasteToEntry || evt.defaultPrevented) return;
			const url = evt.clipboardData?.getData("text/plain").trim() ?? "";
			if (!isWebUrl(url) || /\s/.test(url)) return;
			const path = info.file?.path;
			if (!path) return;
			const lineNo = editor.getCursor().line;
			if (editor.getLine(lineNo).trim() !== "") return;
			const target = pasteTarget(editor.getValue(), path, lineNo + 1, host);
			if (!target) return;
			offerEntry(host, editor, lineNo, url, target.number);
		}),
	);
}

function offerEntry(host: DigestCuratorHost, editor: Editor, lineNo: number, url: string, number: number): void {
	const notice = new Notice("", 8000);
	notice.messageEl.createSpan({ text: "Pasted a link. " });
	const button = notice.messageEl.createEl("button", { text: `Make it entry ${number}` });
	// On the notice's own element, not registered on the plugin: it goes with the notice.
	button.addEventListener("click", () => {
		notice.hide();
		convertPastedLine(editor, lineNo, url, number);
	});
}

/** Replaces the pasted URL on its line with `[N. ](URL)` and puts the cursor where the title goes. */
export function convertPastedLine(editor: Editor, lineNo: number, url: string, number: number): boolean {
	const line = editor.getLine(lineNo);
	if (line.trim() !== url) return false; // the line changed since the paste: leave it alone
	const entry = `[${number}. ](${url})`;
	editor.transaction({ changes: [{ from: { line: lineNo, ch: 0 }, to: { line: lineNo, ch: line.length }, text: entry }] });
	editor.setCursor({ line: lineNo, ch: `[${number}. `.length });
	return true;
}
