import { isoDate } from "../core/format/dates";
import { seriesStats, stalledHint, type Ranked, type StatsBucket } from "../core/stats/series-stats";
import { choice, missedAny, type CommandGroup, type CommandRun } from "./command-group";
import { count } from "../core/format/words";

/** `digest-curator stats`: what a series has become over time (src/core/stats/series-stats.ts). */

const BUCKETS: readonly StatsBucket[] = ["digest", "month", "quarter", "year"];

const COLUMNS = [
	["Digests", (r: Row) => r.digests.length],
	["Entries", (r: Row) => r.entries],
	["Recommended", (r: Row) => r.recommended],
	["Categories", (r: Row) => r.categories],
	["Sources", (r: Row) => r.sources],
	["Tags", (r: Row) => r.tags],
	["Days", (r: Row) => r.periodDays],
	["Gap", (r: Row) => r.gapDays],
] as const;

type Row = ReturnType<typeof seriesStats>["rows"][number];

function rankedText(list: readonly Ranked[]): string {
	return list.length === 0 ? "none" : list.map((r) => `${r.name} ${r.count}`).join(", ");
}

function commandStats({ loaded, series, values, io }: CommandRun): number {
	const by = choice(values, "by", BUCKETS, "digest");
	const stats = seriesStats(loaded.index.digests(series.name), by);
	const now = io.today();
	const hint = stalledHint(stats, { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
	const code = missedAny(loaded) ? 1 : 0;
	// On stderr either way: a script reading the JSON still shows a person the hint.
	if (hint) io.err(`digest-curator: ${hint}\n`);
	if (values["json"]) {
		io.out(`${JSON.stringify({ series: series.name, ...stats, lastEnd: stats.lastEnd ? isoDate(stats.lastEnd) : null, stalled: hint }, null, 2)}\n`);
		return code;
	}
	const { totals } = stats;
	const out: string[] = [`${series.name}: ${count(totals.digests, "digest")}, ${count(totals.entries, "entry", "entries")}, ${totals.recommended} recommended.`, ""];
	const head = [by === "digest" ? "Period" : by[0]!.toUpperCase() + by.slice(1), ...COLUMNS.map(([name]) => name)];
	const body = stats.rows.map((r) => [r.key, ...COLUMNS.map(([, value]) => String(value(r)))]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
	const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
	if (body.length === 0) out.push("No dated digests.");
	else out.push(line(head), ...body.map(line));
	out.push("", `Top sources: ${rankedText(stats.topSources)}`, `Top categories: ${rankedText(stats.topCategories)}`);
	const mixed = stats.sourceHosts.filter((s) => s.hosts.length > 1);
	const hosts = (list: readonly Ranked[]) => `${rankedText(list.slice(0, 3))}${list.length > 3 ? ` and ${list.length - 3} more` : ""}`;
	if (mixed.length > 0) out.push(`Sources behind several hosts: ${mixed.map((s) => `${s.source} (${hosts(s.hosts)})`).join("; ")}`);
	if (stats.usualDays !== null) out.push(`A digest usually covers ${count(stats.usualDays, "day")}; the last one ended ${isoDate(stats.lastEnd!)}.`);
	io.out(`${out.join("\n")}\n`);
	return code;
}

export const STATS_COMMAND: CommandGroup = {
	name: "stats",
	summary: "What a series has become: entries, recommendations, sources and gaps over time",
	subcommands: {
		"": {
			usage: "digest-curator stats VAULT [--by digest|month|quarter|year] [--json]",
			help: `A table of the series over time: per digest, month, quarter or year (by the period's end), its
digests, entries, recommended entries, categories, sources, tags, the days the periods cover and
the days between them no digest covers; then the top sources and categories, and the source
labels that cover several hosts. When the last digest ended more than twice the usual period
ago, a hint says so on stderr.
  --by B           digest (default), month, quarter or year
  --json           Print {"series", "by", "rows": [{"key", "digests", "entries", "recommended", ...}],
                   "totals", "topSources", "topCategories", "sourceHosts", "usualDays", "lastEnd", "stalled"}`,
			options: { by: { type: "string" }, json: { type: "boolean" } },
			run: commandStats,
		},
	},
};
