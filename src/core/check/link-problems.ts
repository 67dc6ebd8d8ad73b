import type { DigestIndex } from "../index/digest-index";
import type { SavedLinkHealth } from "../format/saved-settings";
import type { Problem } from "../format/types";

/**
 * Problems from the last link check: `link-dead` for an entry whose link answered 404 or 410,
 * `link-redirected` for one that leads elsewhere now. Made from the saved results only (no
 * request is ever made here), for the check's lists and the browser's Problems to merge.
 */

export type LinkHealthLookup = (url: string) => SavedLinkHealth | null | undefined;

/** The link problems of the digests at `paths` (every digest when omitted), in index order. */
export function linkProblems(index: DigestIndex, health: LinkHealthLookup, paths?: readonly string[]): Problem[] {
	const problems: Problem[] = [];
	const digests = paths ? paths.map((p) => index.get(p)).filter((d) => d !== null) : index.digests();
	for (const digest of digests) {
		for (const category of digest.categories) {
			for (const e of category.entries) {
				const h = health(e.url);
				if (!h) continue;
				const where = `"${e.title}" in "${category.name}"`;
				if (h.status === "not-found" || h.status === "gone") {
					problems.push({
						code: "link-dead",
						severity: "warning",
						path: digest.path,
						line: e.line,
						message: `The link of ${where} ${h.status === "gone" ? "is gone (HTTP 410)" : "was not found (HTTP 404)"} when checked on ${h.checked}.`,
					});
				} else if (h.status === "redirected" && h.finalUrl && h.finalUrl !== e.url) {
					problems.push({
						code: "link-redirected",
						severity: "info",
						path: digest.path,
						line: e.line,
						message: `The link of ${where} ${h.permanent ? "moved for good" : "is redirected"} to ${h.finalUrl} (checked on ${h.checked}).`,
					});
				}
			}
		}
	}
	return problems;
}
