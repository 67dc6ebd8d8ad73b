import { addDays, compareDates, dateFormat } from "../format/dates";
import type { YamlParser } from "../format/frontmatter";
import { parseWithSeries } from "../format/parser";
import { cleanFolder, seriesPathProblems } from "../format/series";
import { vaultPath } from "../format/vault-path";
import type { DayDate, Digest, Period, Series } from "../format/types";
import { periodText, verifyEdit } from "./verify-edit";

export interface NewDigestInput {
	series: Series;
	/** The series' digests, to find where the last period ended. */
	digests: readonly Digest[];
	/** Last day of the new period. */
	to: DayDate;
	/** First day; default the day after the latest period's end (a week before `to` for a first digest). */
	from?: DayDate;
	/** Whether a vault path is taken (compared case-insensitively by the caller if its file system is). */
	exists: (path: string) => boolean;
	/** Text of the series' template note, when it names one. */
	templateText?: string | null;
	/** To read the new digest back before it is created (the edit guard). */
	parseYaml: YamlParser;
}

export type NewDigestResult = { ok: true; path: string; title: string; text: string; period: Period } | { ok: false; reason: string };

const FORBIDDEN_IN_NAME = /[\\:*?"<>|#^[\]]/g;

function fill(template: string, values: Record<string, string>): string {
	return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The next period of a series: from the day after its latest end to `to`. */
export function nextPeriod(digests: readonly Digest[], to: DayDate, from?: DayDate): Period {
	if (from) return { start: from, end: to };
	let latest: DayDate | null = null;
	for (const d of digests) if (d.period && (!latest || compareDates(d.period.end, latest) > 0)) latest = d.period.end;
	return { start: latest ? addDays(latest, 1) : addDays(to, -6), end: to };
}

/** Title and vault path a series gives a period, before checking the path is free. */
export function digestName(series: Series, period: Period): { title: string; path: string } {
	const fmt = dateFormat(series.dateFormat);
	const values = { start: fmt.format(period.start), end: fmt.format(period.end), year: String(period.end.year) };
	const title = fill(series.titleTemplate, values).trim();
	// Folders come from the template's own `/`s, never from a date format's (`MM/DD/YYYY`).
	const nameValues = { start: values.start.replace(/[\\/]/g, "-"), end: values.end.replace(/[\\/]/g, "-"), year: values.year };
	const name = fill(series.fileNameTemplate, nameValues)
		.split("/")
		.map((seg) => seg.replace(FORBIDDEN_IN_NAME, "-").trim())
		.filter((seg) => seg !== "" && seg !== "." && seg !== "..")
		.join("/");
	const path = cleanFolder(`${series.folder}/${name}`);
	return { title, path: path.toLowerCase().endsWith(".md") ? path : `${path}.md` };
}

function lowerFirst(s: string): string {
	return s.charAt(0).toLowerCase() + s.slice(1);
}

function yamlString(s: string): string {
	return JSON.stringify(s);
}

/** The text of a new digest: frontmatter, optional cover, default categories as empty headings. */
export function newDigestText(series: Series, title: string, period: Period, templateText?: string | null): string {
	const fmt = dateFormat(series.dateFormat);
	if (templateText) {
		return fill(templateText, { title, start: fmt.format(period.start), end: fmt.format(period.end), year: String(period.end.year) });
	}
	const tags = [series.tag, ...(series.extraTags ?? [])].filter((t, i, all) => t !== "" && all.indexOf(t) === i);
	const lines = ["---", `title: ${yamlString(title)}`];
	if (tags.length) lines.push("tags:", ...tags.map((t) => `  - ${t}`));
	lines.push("---", "");
	if (series.cover?.trim()) lines.push(series.cover.trim(), "");
	const hashes = "#".repeat(series.categoryLevel);
	for (const c of series.categories) if (c.trim() !== "") lines.push(`${hashes} ${c.trim()}`, "");
	return lines.join("\n");
}

/** Plans the series' next digest; refuses an empty period, a path outside the vault or one that is taken. */
export function planNewDigest(input: NewDigestInput): NewDigestResult {
	if (input.series.collection === true) return { ok: false, reason: `"${input.series.name}" is a collection, which has no periods and so no next digest; add a note to its folder instead.` };
	const pathProblems = seriesPathProblems(input.series);
	if (pathProblems.length > 0) return { ok: false, reason: `Nothing was created: ${lowerFirst(pathProblems[0]!)}` };
	const period = nextPeriod(input.digests, input.to, input.from);
	const fmt = dateFormat(input.series.dateFormat);
	if (compareDates(period.start, period.end) > 0) {
		const why = input.from ? "" : ": the latest digest already covers that date";
		return { ok: false, reason: `The new period would start on ${fmt.format(period.start)}, after its end on ${fmt.format(period.end)}${why}.` };
	}
	const { title, path } = digestName(input.series, period);
	const inside = vaultPath(path, "The new digest's path");
	if (!inside.ok || inside.path !== path) return { ok: false, reason: inside.ok ? `The new digest's path "${path}" is not a plain path inside the vault; nothing was created.` : inside.reason };
	if (input.exists(path)) return { ok: false, reason: `${path} already exists; it was left as it is.` };
	const text = newDigestText(input.series, title, period, input.templateText);
	const wrong = verifyNewDigest(input, path, title, period, text);
	if (wrong !== null) return { ok: false, reason: wrong };
	return { ok: true, path, title, text, period };
}

/**
 * The edit guard for a new digest: it must read back as the template (or the default text) with
 * its placeholders filled in: the same categories and entries, the planned title and period, and
 * no problem of severity error. Frontmatter a template writes is its own (tags, draft).
 */
function verifyNewDigest(input: NewDigestInput, path: string, title: string, period: Period, text: string): string | null {
	const { series, parseYaml } = input;
	const template = input.templateText ? input.templateText : null;
	const before = parseWithSeries(template ?? "", path, series, parseYaml);
	const after = parseWithSeries(text, path, series, parseYaml);
	const fmt = dateFormat(series.dateFormat);
	const values = { title, start: fmt.format(period.start), end: fmt.format(period.end), year: String(period.end.year) };
	return verifyEdit(
		before,
		after,
		(m) => {
			m.frontmatter = null;
			m.errors = [];
			m.period = periodText(period);
			if (template === null) {
				m.title = title;
				m.tags = [series.tag, ...(series.extraTags ?? [])].filter((t, i, all) => t !== "" && all.indexOf(t) === i);
				m.draft = false;
				m.categories = series.categories.filter((c) => c.trim() !== "").map((c) => ({ name: c.trim(), entries: [] }));
				return;
			}
			m.title = template.includes("{{title}}") ? title : fill(m.title, values);
			m.tags = null;
			m.draft = null;
			const lines = template.split(/\r\n|\r|\n/);
			m.categories.forEach((c, ci) => {
				c.name = fill(c.name, values);
				c.entries.forEach((e, ei) => {
					// The template's text is filled as written: a placeholder whose braces the line escapes
					// (`\{\{title\}\}`, as an entry written to read back as typed may have) is no placeholder.
					const line = before.categories[ci]?.entries[ei]?.line;
					const raw = line === undefined ? null : (lines[line - 1] ?? null);
					if (raw === null || fill(raw, values) !== raw) {
						e.title = fill(e.title, values);
						e.source = e.source === null ? null : fill(e.source, values);
						e.url = fill(e.url, values);
					}
					e.commentary = fill(e.commentary, values);
				});
			});
		},
		"nothing was created",
	);
}
