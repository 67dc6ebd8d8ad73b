import { TFile } from "obsidian";
import { isoDate } from "../../core/format/dates";
import type { Digest, Period } from "../../core/format/types";
import type { DigestCuratorHost } from "../host";

export interface PeriodDatesResult {
	written: string[];
	/** Digests whose `date` already says another day: left as they are. */
	different: string[];
	/** Digests without a period, or whose frontmatter does not parse. */
	skipped: string[];
}

/** What a frontmatter `date` value says, as `YYYY-MM-DD`, or null for none (`other` for a value that is no date). */
function dateValue(value: unknown): string | null {
	if (value === undefined || value === null || value === "") return null;
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
	if (typeof value === "string" || typeof value === "number") return String(value).trim().slice(0, 10);
	return "other";
}

/** Writes a period's last day as `date:` through Obsidian's frontmatter API. */
export async function writePeriodDate(host: DigestCuratorHost, file: TFile, period: Period): Promise<void> {
	const day = isoDate(period.end);
	await host.app.fileManager.processFrontMatter(file, (fm: Record<string, unknown>) => {
		if (dateValue(fm["date"]) === null) fm["date"] = day;
	});
}

/**
 * Gives each digest with a period a `date:` of its period's end, for sites that sort by it. A
 * digest that already has a date keeps it: one that says another day is reported, never changed.
 */
export async function writePeriodDates(host: DigestCuratorHost, digests: readonly Digest[]): Promise<PeriodDatesResult> {
	const out: PeriodDatesResult = { written: [], different: [], skipped: [] };
	for (const d of digests) {
		const file = host.app.vault.getFileByPath(d.path);
		if (!d.period || !(file instanceof TFile) || d.problems.some((p) => p.code === "frontmatter-invalid")) {
			out.skipped.push(d.path);
			continue;
		}
		const have = dateValue(d.frontmatter["date"]);
		if (have === isoDate(d.period.end)) continue;
		if (have !== null) {
			out.different.push(d.path);
			continue;
		}
		await writePeriodDate(host, file, d.period);
		out.written.push(d.path);
	}
	return out;
}
