import type { DigestIndex, IndexedEntry } from "../index/digest-index";
import type { Digest, OffLevelEntries, Problem, Severity } from "../format/types";
import { count, hashes } from "../format/words";
import { withoutTracking } from "../links/url-normalize";
import { periodProblems } from "./period-check";

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The word for a severity, the same in a problem's line and in the summary's counts. */
export const SEVERITY_WORDS: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", info: "note" };

/** The severity word with a capital, as a label in a list. */
export function severityLabel(s: Severity): string {
	const w = SEVERITY_WORDS[s];
	return w[0]!.toUpperCase() + w.slice(1);
}

function quote(ie: IndexedEntry): string {
	const n = ie.entry.number !== null ? `${ie.entry.number}. ` : "";
	return `"${n}${ie.entry.title}" in "${ie.digest.title}" (${ie.category.name})`;
}

/** Problems of one digest that need nothing but the digest itself. */
export function checkDigest(digest: Digest): Problem[] {
	const problems: Problem[] = [...digest.problems];
	const path = digest.path;
	if (digest.offLevel) problems.push({ code: "category-level", severity: "warning", path, line: digest.offLevel.line, message: offLevelMessage(digest.offLevel) });
	const list = digest.entryStyle === "list";
	digest.categories.forEach((cat, i) => {
		// A list's section heading whose subsections hold the entries is not an empty category.
		const parent = list && digest.categories[i + 1]?.name.startsWith(`${cat.name} › `) === true;
		if (cat.entries.length === 0 && !parent) {
			problems.push({ code: "empty-category", severity: "info", path, line: cat.line, message: `Category "${cat.name}" has no entries.` });
			return;
		}
		let expected = 1;
		const seen = new Set<number>();
		for (const e of cat.entries) {
			if (e.number === null) {
				// A list's items are unnumbered unless the list is ordered: nothing to report.
				if (list) continue;
				problems.push({ code: "unnumbered-entry", severity: "warning", path, line: e.line, message: `Entry "${e.title}" in "${cat.name}" has no number; write one before its text (\`${expected}. \`), as renumbering numbers only the entries that have one.` });
				continue;
			}
			let message: string | null = null;
			if (seen.has(e.number)) message = `Entry number ${e.number} in "${cat.name}" repeats an earlier number; expected ${expected}.`;
			else if (e.number < expected) message = `Entry number ${e.number} in "${cat.name}" is out of order; expected ${expected}.`;
			else if (e.number > expected) message = `Entry number ${e.number} in "${cat.name}" skips ${expected === e.number - 1 ? `number ${expected}` : `numbers ${expected} to ${e.number - 1}`}.`;
			if (message) problems.push({ code: "numbering", severity: "warning", path, line: e.line, message });
			seen.add(e.number);
			expected = Math.max(expected, e.number + 1);
		}
		for (const e of cat.entries) {
			const { dropped } = withoutTracking(e.url);
			if (dropped.length === 0) continue;
			const params = dropped.length === 1 ? `a tracking parameter (${dropped[0]!}), which only tells` : `tracking parameters (${dropped.join(", ")}), which only tell`;
			problems.push({ code: "tracking-url", severity: "info", path, line: e.line, message: `The link of "${e.title}" in "${cat.name}" carries ${params} the site where the click came from.` });
		}
	});
	for (const cat of digest.categories) {
		for (const g of cat.groups) {
			const links = cat.entries[g.entries[0]!]!.links;
			for (const l of links) {
				if (l.resolved !== null) continue;
				const shown = l.target + (l.subpath ?? "");
				problems.push({ code: "unresolved-link", severity: "warning", path, line: l.line, message: `Link "${shown}" points to a note that does not exist.` });
			}
		}
	}
	return problems;
}

/** Why entry lines under headings of another level are not entries, and what to change. */
export function offLevelMessage(off: OffLevelEntries): string {
	const seriesLevel = off.categoryLevel;
	const lines = off.count === 1 ? "1 entry line" : `${off.count} entry lines`;
	const them = off.count === 1 ? "it is not read as an entry" : "they are not read as entries";
	return `The note has ${lines} under level-${off.level} headings (${hashes(off.level)} ${off.heading}, line ${off.line}), but the series' categories are level-${seriesLevel} headings (${hashes(seriesLevel)}), so ${them}; set the series' category level to ${off.level}.`;
}

/** Problems of the given digests (all when omitted), duplicates across the whole index included. */
export function checkIndex(index: DigestIndex, paths?: readonly string[]): Problem[] {
	const wanted = paths ? new Set(paths) : null;
	const problems: Problem[] = [];
	for (const d of index.digests()) {
		if (!wanted || wanted.has(d.path)) problems.push(...checkDigest(d));
	}
	for (const series of index.seriesList) {
		for (const p of periodProblems(index.digests(series.name), series)) if (!wanted || wanted.has(p.path)) problems.push(p);
	}
	for (const group of index.duplicates()) {
		for (const ie of group) {
			if (wanted && !wanted.has(ie.digest.path)) continue;
			const others = group.filter((o) => o !== ie);
			problems.push({
				code: "duplicate-url",
				severity: "warning",
				path: ie.digest.path,
				line: ie.entry.line,
				message: `The link of ${quote(ie)} was also shared as ${others.map(quote).join(", ")}.`,
			});
		}
	}
	return sortProblems(problems);
}

export function sortProblems(problems: Problem[]): Problem[] {
	return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function hasErrors(problems: readonly Problem[]): boolean {
	return problems.some((p) => p.severity === "error");
}

/** One problem as a line a terminal or a log shows: `path:line: severity code: message`. */
export function formatProblem(p: Problem): string {
	return `${p.path}:${p.line}: ${SEVERITY_WORDS[p.severity]} ${p.code}: ${p.message}`;
}

/** The closing line of a check: how many digests and entries, and problems by severity. */
export function checkSummary(problems: readonly Problem[], digests: number, entries: number): string {
	const of = (s: Severity) => problems.filter((p) => p.severity === s).length;
	return `Checked ${count(digests, "digest")}, ${count(entries, "entry", "entries")}: ${count(of("error"), "error")}, ${count(of("warning"), "warning")}, ${count(of("info"), SEVERITY_WORDS.info)}.`;
}
