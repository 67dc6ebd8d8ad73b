import { seriesNotePath } from "../../core/format/series-notes";
import type { Series } from "../../core/format/types";
import { seriesIndexLines } from "../../core/publish/series-index";
import type { DigestCuratorHost } from "../host";
import { notePath, type NoteEditResult } from "./note-edit";
import { regionName, writeRegionInNote, type AskReplace } from "./region-write";

/** The index note's vault path for a series, checked, or why it cannot be used. */
export function indexNoteOf(series: Series): { ok: true; path: string } | { ok: false; reason: string } {
	const where = seriesNotePath(series, "indexNote");
	return where.ok ? notePath(where.path, "The index note") : where;
}

/** What the series index of a series is: its note (`out`, else the setting), its region and its lines; or why it cannot be written. */
export function seriesIndexPlan(host: DigestCuratorHost, series: Series, out?: string): { ok: true; path: string; name: string; lines: string[] } | { ok: false; reason: string } {
	const where = out === undefined ? indexNoteOf(series) : notePath(out, "The index note");
	if (!where.ok) return where;
	if (host.live.index.get(where.path)) return { ok: false, reason: `The index note ${where.path} is a digest itself; choose another note in the series' settings.` };
	const lines = seriesIndexLines(host.live.index.digests(series.name), series, { template: series.indexTemplate, summaryField: series.summaryField?.trim() || "summary" });
	return { ok: true, path: where.path, name: regionName("index", series.name), lines };
}

/**
 * Writes the series index (a heading a year, a line a digest) into the series' index note,
 * between its markers; the rest of the note stays as the curator wrote it.
 */
export async function updateSeriesIndex(host: DigestCuratorHost, series: Series, ask?: AskReplace): Promise<NoteEditResult> {
	await host.live.whenReady();
	const plan = seriesIndexPlan(host, series);
	if (!plan.ok) return plan;
	return writeRegionInNote(host, plan.path, plan.name, plan.lines, ask);
}
