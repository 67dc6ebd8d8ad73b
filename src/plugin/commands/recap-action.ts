import { isoDate } from "../../core/format/dates";
import type { DayDate, Series } from "../../core/format/types";
import { recapLines, recapPicks, type RecapPick } from "../../core/publish/recap";
import type { DigestCuratorHost } from "../host";
import { notePath, type NoteEditResult } from "./note-edit";
import { writeRegionInNote, type AskReplace } from "./region-write";

export interface RecapChoice {
	from: DayDate;
	to: DayDate;
	/** Keys of the picks left out. */
	exclude: ReadonlySet<string>;
	/** A heading per pick key, in place of its category. */
	relabel: ReadonlyMap<string, string>;
	/** The note to write into, as typed (checked here). */
	note: string;
}

/** The recommended entries of a series' digests inside a range, for the picker. */
export function recapCandidates(host: DigestCuratorHost, series: Series, from: DayDate, to: DayDate): RecapPick[] {
	return recapPicks(host.live.index.digests(series.name), from, to);
}

/** The region a recap of a range is written into: `recap-<from>-<to>`, so recaps of other ranges live side by side. */
export function recapRegion(from: DayDate, to: DayDate): string {
	return `recap-${isoDate(from)}-${isoDate(to)}`;
}

/** Writes the chosen picks into the recap note's region for the range (the note is created when missing). */
export async function writeRecap(host: DigestCuratorHost, series: Series, choice: RecapChoice, ask?: AskReplace): Promise<NoteEditResult> {
	const where = notePath(choice.note, "The recap note");
	if (!where.ok) return where;
	if (host.live.index.get(where.path)) return { ok: false, reason: `${where.path} is a digest; write the recap into a note of its own.` };
	const picks = recapCandidates(host, series, choice.from, choice.to).filter((p) => !choice.exclude.has(p.key));
	if (picks.length === 0) return { ok: false, reason: "No recommended entry is left to write: nothing was changed." };
	const lines = recapLines(picks, { relabel: choice.relabel, template: series.recapTemplate });
	return writeRegionInNote(host, where.path, recapRegion(choice.from, choice.to), lines, ask);
}
