import { dateFormat } from "../format/dates";
import type { Digest, Period, Series } from "../format/types";
import { digestOrder } from "../index/digest-index";

/**
 * The series index note: a heading per year and a line per digest, numbered in period order,
 * in a template the curator can change. Placeholders: `{{n}}`, `{{period}}`, `{{title}}`,
 * `{{link}}`, `{{summary}}`, `{{entries}}`, `{{recommended}}`, `{{categories}}`.
 */

export const DEFAULT_INDEX_TEMPLATE = "{{n}}. {{link}} - {{entries}} entries, {{recommended}} recommended - *{{summary}}*";

export interface SeriesIndexOptions {
	template?: string;
	/** Frontmatter field holding a digest's summary (default `summary`). */
	summaryField?: string;
	/** Heading level of the year headings (default 2). */
	headingLevel?: number;
}

/** The path as a wiki-link target: no `.md`, so Obsidian and Quartz resolve it alike. */
export function linkTarget(path: string): string {
	return path.replace(/\.md$/i, "");
}

/** The wiki-link to a digest, with its title as the alias; `|`, `[` and `]` would break it and are dropped from the alias. */
export function digestLink(digest: Pick<Digest, "path" | "title">): string {
	return `[[${linkTarget(digest.path)}|${digest.title.replace(/[|[\]]/g, " ").replace(/\s+/g, " ").trim()}]]`;
}

export function periodText(period: Period | null, format: string): string {
	if (!period) return "";
	const fmt = dateFormat(format);
	return `${fmt.format(period.start)} to ${fmt.format(period.end)}`;
}

/** A summary from frontmatter, on one line. */
export function summaryOf(digest: Digest, field = "summary"): string {
	const value = digest.frontmatter[field];
	return typeof value === "string" ? value.replace(/\s+/g, " ").trim() : "";
}

/**
 * Fills a template; a placeholder with an empty value is taken out together with the emphasis
 * around it and the separator or spaces before it (` - *{{summary}}*` leaves nothing when there
 * is none).
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
	let t = template;
	for (const [key, value] of Object.entries(values)) {
		if (value !== "") continue;
		t = t.replace(new RegExp(`(?:\\s*(?: [-–—|·] |: )|[ \\t]+)?[*_]*\\{\\{${key}\\}\\}[*_]*`, "g"), "");
	}
	return t.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

function yearOf(d: Digest): string {
	return d.period ? String(d.period.end.year) : "Undated";
}

/** The index's lines: year headings in order, a line per digest, drafts left out. */
export function seriesIndexLines(digests: readonly Digest[], series: Pick<Series, "dateFormat">, options: SeriesIndexOptions = {}): string[] {
	const template = options.template?.trim() || DEFAULT_INDEX_TEMPLATE;
	const hashes = "#".repeat(Math.min(6, Math.max(1, options.headingLevel ?? 2)));
	const sorted = digests.filter((d) => !d.draft).sort(digestOrder);
	const lines: string[] = [];
	let year: string | null = null;
	sorted.forEach((d, i) => {
		const y = yearOf(d);
		if (y !== year) {
			if (lines.length > 0) lines.push("");
			lines.push(`${hashes} ${y}`, "");
			year = y;
		}
		let entries = 0;
		let recommended = 0;
		const categories: string[] = [];
		for (const c of d.categories) {
			if (c.entries.length > 0) categories.push(c.name);
			entries += c.entries.length;
			for (const e of c.entries) if (e.recommended) recommended++;
		}
		lines.push(
			fillTemplate(template, {
				n: String(i + 1),
				period: periodText(d.period, series.dateFormat),
				title: d.title,
				link: digestLink(d),
				summary: summaryOf(d, options.summaryField),
				entries: String(entries),
				recommended: String(recommended),
				categories: categories.join(", "),
			}),
		);
	});
	return lines;
}
