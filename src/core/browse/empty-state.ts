import type { DigestIndex } from "../index/digest-index";
import type { Series } from "../format/types";
import { hasFilters, type BrowserState } from "./browser-state";

/**
 * Why the digest browser shows no rows, and what the curator can do: never "nothing" without a
 * reason. The view draws the words and the actions; this says which case it is.
 */
export type EmptyState =
	| { kind: "no-series"; text: string }
	| { kind: "no-digests"; text: string }
	| { kind: "wrong-level"; text: string; level: number }
	| { kind: "filtered"; text: string }
	| { kind: "mode"; text: string };

function describeSeries(s: Pick<Series, "name" | "tag" | "folder">): string {
	const tag = s.tag ? `tagged #${s.tag}` : "";
	const folder = s.folder ? `in ${s.folder}/` : "";
	return `${s.name} (${[tag, folder].filter((p) => p !== "").join(" ") || "any note"})`;
}

/** The reason when the index itself has nothing to show: no series, no digest, or entries at another heading level. */
export function setupEmptyState(index: DigestIndex): EmptyState | null {
	const series = index.seriesList;
	if (series.length === 0) return { kind: "no-series", text: "No digest series is set up: add one in settings, or let the plugin find the series in this vault." };
	if (index.size === 0) {
		const which = series.map(describeSeries).join("; ");
		return { kind: "no-digests", text: `No note matches the series ${which}. Check the tag and the folder in settings.` };
	}
	if (index.entryCount() > 0) return null;
	for (const d of index.digests()) {
		const off = d.offLevel;
		if (!off) continue;
		const digests = index.size === 1 ? "1 digest" : `${index.size} digests`;
		return {
			kind: "wrong-level",
			level: off.level,
			text: `Found ${digests} but no entries under level-${off.categoryLevel} headings: ${d.title} has its entries under level-${off.level} headings (${"#".repeat(off.level)} ${off.heading}). Set the series' category level to ${off.level}.`,
		};
	}
	return null;
}

/** The reason when a query shows no rows: filters, or what the mode lists. */
export function queryEmptyState(state: BrowserState, activeNote: string | null, activeIsDigest: boolean): EmptyState {
	if (hasFilters(state)) return { kind: "filtered", text: "No entries match the search and filters." };
	switch (state.mode) {
		case "mentions":
			if (activeNote === null) return { kind: "mode", text: "Open a note to list the entries whose commentary mentions it." };
			if (activeIsDigest) return { kind: "mode", text: "The open note is a digest: mentions lists the entries of digests whose commentary links to the note you are in. Open one of the notes this digest links to." };
			return { kind: "mode", text: `No entry's commentary mentions ${activeNote.replace(/^.*\//, "").replace(/\.md$/, "")}.` };
		case "duplicates":
			return { kind: "mode", text: "No link is shared by two entries." };
		case "problems":
			return { kind: "mode", text: "No problems found." };
		default:
			return { kind: "mode", text: "No entries yet." };
	}
}
