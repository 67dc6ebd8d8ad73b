import { dateFormat } from "./dates";
import type { DayDate, Series } from "./types";
import { vaultPath, type VaultPathResult } from "./vault-path";

/**
 * The notes a series keeps besides its digests: its index, its inbox of captured links and its
 * recaps. Each path comes from a setting or a default in the series' folder, and each is checked
 * to be inside the vault before Obsidian is asked for it.
 */

export type SeriesNote = "indexNote" | "inboxNote";

const LABELS: Record<SeriesNote, string> = { indexNote: "The index note", inboxNote: "The inbox note" };

/** A name made safe for a file: characters a vault name cannot hold (or a link would break on) as `-`. */
export function safeFileName(name: string): string {
	return name.replace(/[\\/:*?"<>|#^[\]]/g, "-").replace(/\s+/g, " ").trim();
}

function inFolder(series: Pick<Series, "folder">, name: string): string {
	return series.folder === "" ? name : `${series.folder}/${name}`;
}

function withMd(path: string): string {
	return /\.md$/i.test(path) ? path : `${path}.md`;
}

/** The default of a series note when its setting is empty. */
export function defaultSeriesNote(series: Pick<Series, "folder" | "name">, which: SeriesNote): string {
	return which === "indexNote" ? inFolder(series, `${safeFileName(series.name) || "Series"} index.md`) : inFolder(series, "Digest inbox.md");
}

/** The vault path of a series note (`.md` added where the setting leaves it out), or why it is not one inside the vault. */
export function seriesNotePath(series: Pick<Series, "folder" | "name" | SeriesNote>, which: SeriesNote): VaultPathResult {
	const raw = (series[which] ?? "").trim();
	const where = vaultPath(raw === "" ? defaultSeriesNote(series, which) : raw, LABELS[which]);
	if (!where.ok) return where;
	if (where.path === "") return { ok: false, reason: `${LABELS[which]} needs a file name.` };
	return { ok: true, path: withMd(where.path) };
}

/** Problems with the series notes a series names, as sentences (an empty setting takes its default). */
export function seriesNoteProblems(series: Pick<Series, "folder" | "name" | SeriesNote>): string[] {
	const problems: string[] = [];
	for (const which of ["indexNote", "inboxNote"] as const) {
		if ((series[which] ?? "").trim() === "") continue;
		const where = seriesNotePath(series, which);
		if (!where.ok) problems.push(where.reason);
	}
	return problems;
}

/** Where a recap of a range goes by default: `<folder>/Recap <from> to <to>.md`, in the series' date format. */
export function defaultRecapNote(series: Pick<Series, "folder" | "dateFormat">, from: DayDate, to: DayDate): string {
	const fmt = dateFormat(series.dateFormat);
	return inFolder(series, `${safeFileName(`Recap ${fmt.format(from)} to ${fmt.format(to)}`)}.md`);
}
