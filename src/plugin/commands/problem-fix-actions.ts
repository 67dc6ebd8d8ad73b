import { Notice } from "obsidian";
import { problemFixes, type ProblemFix } from "../../core/check/problem-fixes";
import { renumberEntries, type EditResult } from "../../core/edit/entry-edits";
import { fixMistypedSeparator } from "../../core/edit/entry-fixes";
import type { Problem } from "../../core/format/types";
import type { DigestCuratorHost } from "../host";
import { LinkFixesModal } from "../modals/link-fixes-modal";
import { editContext, editDigest, openAtLine } from "./digest-actions";
import { replaceLink } from "./link-fix-actions";

/** The fixes to offer for a problem (see problemFixes), with the last link check's results. */
export function fixesFor(host: DigestCuratorHost, p: Problem): ProblemFix[] {
	return problemFixes(host.live.index, p, host.linkHealth ? (url) => host.linkHealth!.linkStatus(url) : undefined);
}

/**
 * Applies a fix: an edit goes through the edit layer and `editDigest` (one transaction in the
 * note's open editor, so one undo reverts it; Vault.process otherwise), read back before it is
 * written; opening another occurrence or looking for an archived copy changes nothing by itself.
 * Returns the edit's result, or null for a fix that is no edit.
 */
export async function applyProblemFix(host: DigestCuratorHost, p: Problem, fix: ProblemFix): Promise<EditResult | null> {
	const path = p.path;
	const series = host.live.index.seriesOf(path);
	const notDigest: EditResult = { ok: false, reason: `${path} is not a digest of any series.` };
	switch (fix.kind) {
		case "open":
			await openAtLine(host, fix.path, fix.line);
			return null;
		case "archive":
			new LinkFixesModal(host, [p]).open();
			return null;
		case "renumber":
			return series ? editDigest(host, path, (text) => renumberEntries(text, path, editContext(series), [fix.category])) : notDigest;
		case "separator":
			return series ? editDigest(host, path, (text) => fixMistypedSeparator(text, path, editContext(series), fix.line, fix.expect)) : notDigest;
		case "replace-url":
			return replaceLink(host, path, fix.line, fix.url, fix.next);
	}
}

/** Applies a fix and says how it went: a refusal in its own sentence, a success in a short one. */
export async function runProblemFix(host: DigestCuratorHost, p: Problem, fix: ProblemFix): Promise<EditResult | null> {
	const result = await applyProblemFix(host, p, fix);
	if (result && !result.ok) new Notice(result.reason, 8000);
	else if (result?.ok) new Notice(fixedText(fix));
	return result;
}

function fixedText(fix: ProblemFix): string {
	switch (fix.kind) {
		case "renumber":
			return `Renumbered ${fix.category}.`;
		case "separator":
			return `Now reads "${fix.preview}".`;
		case "replace-url":
			return `Now links to ${fix.next}.`;
		default:
			return "Done.";
	}
}
