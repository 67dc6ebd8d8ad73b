import { mistypedSeparator } from "../format/entry-text";
import type { SavedLinkHealth } from "../format/saved-settings";
import type { Entry, Problem } from "../format/types";
import type { DigestIndex, IndexedEntry } from "../index/digest-index";
import { normalizeUrl, withoutTracking } from "../links/url-normalize";

/**
 * The fixes a problem can be offered, where one is safe: what to do, as data, for the plugin to
 * apply through the edit layer (which reads every edit back before it is written) or, for a
 * shared link, to open. A fix is offered only where the problem says exactly what is meant:
 * a separator with one mistyped hyphen, a link whose only extra is tracking parameters, a link
 * that moved for good.
 */
export type ProblemFix =
	/** Numbers 1..n for the category of the entry (`renumberEntries` with that category). */
	| { kind: "renumber"; label: string; category: string }
	/** `Medium -Battle` written `Medium - Battle` (`fixMistypedSeparator`, refused where the line no longer holds `expect`). */
	| { kind: "separator"; label: string; line: number; preview: string; expect: { title: string; url: string } }
	/** The entry's URL replaced (`replaceEntryUrl`, refused where the line no longer links to `url`). */
	| { kind: "replace-url"; label: string; line: number; url: string; next: string }
	/** Another occurrence of a shared link, to open. */
	| { kind: "open"; label: string; path: string; line: number; where: string }
	/** A dead link: look for an archived copy (a request the user makes). */
	| { kind: "archive"; label: string; line: number; url: string };

export type LinkStatusLookup = (url: string) => SavedLinkHealth | null | undefined;

function entryAt(index: DigestIndex, p: Problem): Entry | null {
	const digest = index.get(p.path);
	if (!digest) return null;
	for (const c of digest.categories) for (const e of c.entries) if (e.line === p.line) return e;
	return null;
}

function shortUrl(url: string): string {
	return url.length > 60 ? `${url.slice(0, 40)}…${url.slice(-15)}` : url;
}

/** The other occurrences of the shared link of the entry a `duplicate-url` problem is about. */
function otherOccurrences(index: DigestIndex, p: Problem, entry: Entry): IndexedEntry[] {
	const key = normalizeUrl(entry.url);
	for (const group of index.duplicates()) {
		if (!group.some((ie) => ie.digest.path === p.path && ie.entry.line === p.line)) continue;
		if (group[0] && normalizeUrl(group[0].entry.url) !== key) continue;
		return group.filter((ie) => !(ie.digest.path === p.path && ie.entry.line === p.line));
	}
	return [];
}

/** The fixes for one problem, in the order to offer them; none where no fix is safe. */
export function problemFixes(index: DigestIndex, p: Problem, linkStatus?: LinkStatusLookup): ProblemFix[] {
	const entry = entryAt(index, p);
	switch (p.code) {
		case "numbering":
			return entry ? [{ kind: "renumber", label: "Renumber this category", category: entry.category }] : [];
		case "entry-format": {
			if (!entry || entry.source !== null) return [];
			// The title is the whole text (no separator was read): its one mistyped hyphen, if it has one.
			const at = mistypedSeparator(entry.title);
			if (!at) return [];
			const preview = entry.title.slice(0, at.from) + at.insert + entry.title.slice(at.to);
			return [{ kind: "separator", label: "Fix the separator", line: p.line, preview, expect: { title: entry.title, url: entry.url } }];
		}
		case "tracking-url": {
			if (!entry) return [];
			const clean = withoutTracking(entry.url);
			return clean.dropped.length > 0 ? [{ kind: "replace-url", label: clean.dropped.length === 1 ? "Drop the tracking parameter" : "Drop the tracking parameters", line: p.line, url: entry.url, next: clean.url }] : [];
		}
		case "duplicate-url": {
			if (!entry) return [];
			const others = otherOccurrences(index, p, entry);
			return others.map((ie, i) => ({
				kind: "open",
				label: others.length === 1 ? "Open the other occurrence" : `Open occurrence ${i + 1} of ${others.length}`,
				path: ie.digest.path,
				line: ie.entry.line,
				where: `"${ie.entry.title}" in ${ie.digest.title}, line ${ie.entry.line}`,
			}));
		}
		case "link-redirected": {
			const h = entry ? linkStatus?.(entry.url) : null;
			if (!entry || !h || !h.permanent || !h.finalUrl || h.finalUrl === entry.url) return [];
			return [{ kind: "replace-url", label: `Update to ${shortUrl(h.finalUrl)}`, line: p.line, url: entry.url, next: h.finalUrl }];
		}
		case "link-dead":
			return entry ? [{ kind: "archive", label: "Find an archived copy", line: p.line, url: entry.url }] : [];
		default:
			return [];
	}
}
