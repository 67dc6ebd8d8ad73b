import { compareDates } from "../format/dates";
import { formatEntryLine } from "../edit/entry-edits";
import type { DayDate, Digest, Entry } from "../format/types";
import { digestOrder } from "../index/digest-index";
import { linkTarget } from "./series-index";

/**
 * A best-of recap: the recommended entries of the digests whose periods lie within a range,
 * grouped by category (or by digest), each with its link and a link back to its digest.
 */

export interface RecapPick {
	/** Stable key of the pick: the digest's path and the entry's line. */
	key: string;
	digest: Digest;
	entry: Entry;
}

export interface RecapOptions {
	groupBy?: "category" | "digest";
	/** Keys of picks to leave out. */
	exclude?: ReadonlySet<string>;
	/** A label per key, written in place of the entry's category (or digest) heading. */
	relabel?: ReadonlyMap<string, string>;
	headingLevel?: number;
}

export function recapKey(digest: Pick<Digest, "path">, entry: Pick<Entry, "line">): string {
	return `${digest.path}#L${entry.line}`;
}

function within(d: Digest, from: DayDate, to: DayDate): boolean {
	return d.period !== null && compareDates(d.period.start, from) >= 0 && compareDates(d.period.end, to) <= 0;
}

/** Every recommended entry of the digests inside [from, to], in period then document order. */
export function recapPicks(digests: readonly Digest[], from: DayDate, to: DayDate): RecapPick[] {
	const picks: RecapPick[] = [];
	for (const d of digests.filter((d) => !d.draft && within(d, from, to)).sort(digestOrder)) {
		for (const c of d.categories) for (const e of c.entries) if (e.recommended) picks.push({ key: recapKey(d, e), digest: d, entry: e });
	}
	return picks;
}

/** A category as a heading link's subpath: a nested category (`A › B`) as `A#B`, as Obsidian links nested headings. */
function headingPath(category: string): string {
	return category
		.split(" › ")
		.map((h) => h.replace(/[|[\]#^]/g, " ").trim())
		.filter((h) => h !== "")
		.join("#");
}

/** The recap's lines: a heading per group, a line per pick with a link back to where it was shared. */
export function recapLines(picks: readonly RecapPick[], options: RecapOptions = {}): string[] {
	const hashes = "#".repeat(Math.min(6, Math.max(1, options.headingLevel ?? 2)));
	const groups = new Map<string, RecapPick[]>();
	for (const p of picks) {
		if (options.exclude?.has(p.key)) continue;
		const label = options.relabel?.get(p.key)?.trim() || (options.groupBy === "digest" ? p.digest.title : p.entry.category);
		const list = groups.get(label);
		if (list) list.push(p);
		else groups.set(label, [p]);
	}
	const lines: string[] = [];
	for (const [label, list] of groups) {
		if (lines.length > 0) lines.push("");
		lines.push(`${hashes} ${label}`, "");
		for (const p of list) {
			const back = `[[${linkTarget(p.digest.path)}#${headingPath(p.entry.category)}|${p.digest.title.replace(/[|[\]]/g, " ").trim()}]]`;
			lines.push(`- ${formatEntryLine({ ...p.entry, number: null, tags: [], recommended: false })} · from ${back}`);
		}
	}
	return lines;
}
