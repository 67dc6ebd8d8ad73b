import { mistypedSeparator, parseEntryText } from "../format/entry-text";
import { parseWithSeries } from "../format/parser";
import { entryAtLine, parseForEdit, type EditContext, type EditResult } from "./entry-edits";
import { entryLink } from "./link-fixes";
import { LineEdits } from "./text-edit";
import { verifyEdit } from "./verify-edit";

/**
 * Fixes the check offers for an entry's own text, read back like every other edit: a mistyped
 * separator (`Medium -Battle of Bytes`) written as one (`Medium - Battle of Bytes`), which gives
 * the entry the source it was meant to have.
 */

function refuse(reason: string): EditResult {
	return { ok: false, reason };
}

/** The entry's link text with its one mistyped separator written as ` - `; null when there is none to fix. */
export function separatorFixed(linkText: string): string | null {
	const at = mistypedSeparator(linkText);
	return at ? linkText.slice(0, at.from) + at.insert + linkText.slice(at.to) : null;
}

/** The entry a fix was offered for, as the check read it: its text (no source read) and its URL. */
export interface ExpectedEntry {
	title: string;
	url: string;
}

/**
 * Writes the mistyped separator of the entry on a 1-based line as ` - `; only that blank and dash
 * change. `expect` (the entry the caller saw) makes the edit refuse when the line changed since.
 */
export function fixMistypedSeparator(text: string, path: string, ctx: EditContext, line: number, expect?: ExpectedEntry): EditResult {
	const digest = parseForEdit(text, path, ctx);
	if (typeof digest === "string") return refuse(digest);
	const found = entryAtLine(digest, line);
	if (!found) return refuse(expect ? `Line ${line} no longer holds the entry "${expect.title}" (it changed since the check), so nothing was changed.` : `Line ${line} is not an entry.`);
	if (expect && (found.entry.source !== null || found.entry.title !== expect.title || found.entry.url !== expect.url)) return refuse(`The entry on line ${line} no longer reads "${expect.title}" (it changed since the check), so it was left as it is.`);
	const edits = new LineEdits(text);
	const raw = edits.line(line - 1);
	const link = entryLink(raw, found.entry);
	if (!link) return refuse(`The link of the entry on line ${line} could not be found.`);
	const at = mistypedSeparator(link.link.text);
	if (!at) return refuse(`The entry on line ${line} has no one hyphen to read as the separator between a source and a title, so it was left as it is.`);
	const textStart = link.start + 1;
	edits.replaceInLine(line - 1, textStart + at.from, textStart + at.to, at.insert);
	const fixed = parseEntryText(link.link.text.slice(0, at.from) + at.insert + link.link.text.slice(at.to));
	if (fixed.source === null) return refuse(`The entry on line ${line} would still have no source, so it was left as it is.`);
	const changes = edits.sortedChanges();
	const out = edits.apply();
	const after = parseWithSeries(out, path, ctx.series, ctx.parseYaml);
	const wrong = verifyEdit(digest, after, (m) => {
		const e = m.categories[digest.categories.indexOf(found.cat)]!.entries[found.index]!;
		e.source = fixed.source;
		e.title = fixed.title;
	});
	if (wrong !== null) return refuse(wrong);
	return { ok: true, text: out, changes, line };
}
