import type { DigestIndex } from "../index/digest-index";
import { hostOf } from "../links/url-host";
import type { InboxItem } from "./inbox";
import { suggestForCapture } from "./suggest";

/**
 * The inbox as the digest browser lists it: each captured link with what the curator needs to
 * decide on it (where it was shared before, the category it would likely go under), as pure data
 * so the view only draws it.
 */

/** An earlier entry with the same link. */
export interface SharedBefore {
	digestPath: string;
	digestTitle: string;
	/** 1-based line of the entry in its digest, as the index gives it. */
	line: number;
	category: string;
}

export interface InboxRow {
	/** Stable while the inbox keeps the line: series, URL and its place. */
	key: string;
	series: string;
	inboxPath: string;
	item: InboxItem;
	/** What the row shows as its title: the captured title, else the address. */
	label: string;
	/** The link's host without `www.`, null for an address with none. */
	host: string | null;
	/** The category given on the line, else the one suggested from history; null when neither. */
	category: string | null;
	/** True when `category` is a suggestion rather than written on the line. */
	categorySuggested: boolean;
	/** Entries that share this link already: the duplicate mark. */
	sharedBefore: SharedBefore[];
}

export interface InboxSource {
	series: string;
	path: string;
	items: readonly InboxItem[];
}

/** The words of a search, lower-cased; every one must appear in a row for it to be listed. */
function words(search: string): string[] {
	return search.toLowerCase().split(/\s+/).filter((w) => w !== "");
}

function rowText(row: InboxRow): string {
	const { item } = row;
	return [row.label, item.url, item.source ?? "", row.category ?? "", ...item.tags, ...item.commentary].join("\n").toLowerCase();
}

/** The rows of the inboxes, in their notes' order; `search` keeps the rows holding every word of it. */
export function inboxRows(index: DigestIndex, sources: readonly InboxSource[], search = ""): InboxRow[] {
	const wanted = words(search);
	const rows: InboxRow[] = [];
	for (const source of sources) {
		const seen = new Map<string, number>();
		for (const item of source.items) {
			const n = (seen.get(item.url) ?? 0) + 1;
			seen.set(item.url, n);
			const suggested = item.category === null ? suggestForCapture(index, item.url, item.source).category : null;
			const row: InboxRow = {
				key: `inbox:${source.series}:${n}:${item.url}`,
				series: source.series,
				inboxPath: source.path,
				item,
				label: item.title ?? item.url,
				host: hostOf(item.url),
				category: item.category ?? suggested?.value ?? null,
				categorySuggested: item.category === null && suggested !== null,
				sharedBefore: index.findUrl(item.url).map((ie) => ({ digestPath: ie.digest.path, digestTitle: ie.digest.title, line: ie.entry.line, category: ie.category.name })),
			};
			if (wanted.length > 0) {
				const text = rowText(row);
				if (!wanted.every((w) => text.includes(w))) continue;
			}
			rows.push(row);
		}
	}
	return rows;
}

/** The browser's summary line for the inbox rows. */
export function inboxSummary(rows: readonly InboxRow[]): string {
	const links = `${rows.length.toLocaleString()} ${rows.length === 1 ? "link" : "links"} in the inbox`;
	const shared = rows.filter((r) => r.sharedBefore.length > 0).length;
	return shared === 0 ? links : `${links}, ${shared.toLocaleString()} shared before`;
}
