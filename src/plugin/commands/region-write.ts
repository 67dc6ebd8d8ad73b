import { writeRegion } from "../../core/edit/regions";
import type { DigestCuratorHost } from "../host";
import { confirm } from "../modals/confirm-modal";
import { editNote, type NoteEditResult } from "./note-edit";

/** Asks whether a region edited by hand may be replaced; the plugin asks with a modal, tests answer directly. */
export type AskReplace = (path: string, name: string) => Promise<boolean>;

export const askReplace =
	(host: DigestCuratorHost): AskReplace =>
	(path, name) =>
		confirm(host.app, {
			title: "Replace the edited text?",
			message: `The generated text "${name}" in ${path} was changed by hand since it was last written. Replacing it loses those changes.`,
			confirm: "Replace",
		});

/**
 * Writes generated lines into the region `name` of a note (created when missing), through the
 * one note edit path. A region edited by hand is replaced only when `ask` says so.
 */
export async function writeRegionInNote(host: DigestCuratorHost, path: string, name: string, lines: readonly string[], ask: AskReplace = askReplace(host)): Promise<NoteEditResult> {
	const style = host.settings.markerStyle;
	const first = await editNote(host, path, (text) => writeRegion(text, name, lines, { style }), { create: true });
	if (first.ok || !first.handEdited) return first;
	if (!(await ask(path, name))) return { ok: false, reason: `${path} was left as it is.` };
	return editNote(host, path, (text) => writeRegion(text, name, lines, { style, force: true }), { create: true });
}

/** A region name for a series: `prefix-<series name as letters, digits and ->`. */
export function regionName(prefix: string, seriesName: string): string {
	const slug = seriesName
		.toLowerCase()
		.normalize("NFKD")
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-+|-+$/g, "");
	return slug === "" ? prefix : `${prefix}-${slug}`;
}
