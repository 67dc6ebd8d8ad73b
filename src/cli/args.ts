import { parseArgs, type ParseArgsConfig } from "node:util";
import { dateFormat } from "../core/format/dates";
import type { Series } from "../core/format/types";
import { UsageError, type SeriesFlags } from "./load-vault";

export type Values = Record<string, string | boolean | string[] | undefined>;

/** Flags every command takes to set a field of the series it works on, over the saved or detected one. */
export const SHAPE_OPTIONS = {
	"category-level": { type: "string" },
	"date-format": { type: "string" },
	"title-template": { type: "string" },
	"file-name-template": { type: "string" },
	"entry-style": { type: "string" },
	collection: { type: "boolean" },
} as const;

export const SHAPE_HELP = `  --category-level N   Categories are headings of this level (1 = #, 2 = ##)
  --date-format F      Dates in titles and file names, moment-style (DD-MM-YYYY, YYYY-MM-DD, MM/DD/YYYY, ...)
  --title-template T   Title of a new digest, with {{start}} and {{end}} (and {{year}})
  --file-name-template T  File name of a new digest under the folder, may hold folders ({{year}}/...)
  --entry-style S      line (entries are lines that start with a link) or list (entries are list items)
  --collection         The series is undated: its notes have no period and no next digest`;

/**
 * Reads a command's arguments. A mistake ends in one sentence of ours, never Node's parseArgs text
 * (which explains `--` for positionals to someone who mistyped an option).
 */
export function parseCommandArgs(command: string, args: string[], options: NonNullable<ParseArgsConfig["options"]>): { values: Values; positionals: string[] } {
	try {
		return parseArgs({ args, options, allowPositionals: true, strict: true }) as { values: Values; positionals: string[] };
	} catch (e) {
		throw new UsageError(optionProblem(e, options, command));
	}
}

function optionProblem(e: unknown, options: NonNullable<ParseArgsConfig["options"]>, command: string): string {
	const message = e instanceof Error ? e.message : String(e);
	const code = (e as { code?: string }).code;
	const named = /'(-{1,2}[^'\s=<]*)/.exec(message)?.[1] ?? "";
	const help = `run digest-curator ${command} --help for its options`;
	const name = named.replace(/^-+/, "");
	const known = Object.keys(options);
	const full = known.find((k) => k === name) ?? known.find((k) => options[k]!.short === name);
	if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || !full) {
		const near = nearest(name, known);
		return `There is no option ${named || "like that"}${near ? ` (did you mean --${near}?)` : ""}; ${help}.`;
	}
	if (options[full]!.type === "boolean") return `--${full} takes no value; ${help}.`;
	return `--${full} needs a value; ${help}.`;
}

/** The known option a mistyped one is most likely meant to be, or null. */
function nearest(name: string, known: readonly string[]): string | null {
	let best: string | null = null;
	let bestDistance = 3;
	for (const k of known) {
		const d = k.startsWith(name) && name.length >= 3 ? 1 : distance(name, k);
		if (d < bestDistance) {
			best = k;
			bestDistance = d;
		}
	}
	return best;
}

/** Edit distance, on option names of a few letters. */
function distance(a: string, b: string): number {
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
		prev = row;
	}
	return prev[b.length]!;
}

function str(v: unknown): string | undefined {
	return typeof v === "string" ? v : undefined;
}

/** The series flags of a command line, the shape flags checked: bad values end in one sentence. */
export function seriesFlags(values: Values): SeriesFlags {
	const shape: Partial<Pick<Series, "categoryLevel" | "dateFormat" | "titleTemplate" | "fileNameTemplate" | "entryStyle" | "collection">> = {};
	const style = str(values["entry-style"]);
	if (style !== undefined) {
		if (style.trim() !== "line" && style.trim() !== "list") throw new UsageError(`--entry-style takes line or list, not "${style}".`);
		shape.entryStyle = style.trim() as "line" | "list";
	}
	if (values["collection"] === true) shape.collection = true;
	const level = str(values["category-level"]);
	if (level !== undefined) {
		if (!/^[1-6]$/.test(level.trim())) throw new UsageError(`--category-level takes a heading level from 1 to 6, not "${level}".`);
		shape.categoryLevel = Number(level.trim());
	}
	const format = str(values["date-format"]);
	if (format !== undefined) {
		if (!dateFormat(format).complete) throw new UsageError(`--date-format needs a day (DD or D), a month (MM, M, MMM or MMMM) and a year (YYYY or YY), as in DD-MM-YYYY, not "${format}".`);
		shape.dateFormat = format;
	}
	for (const [flag, key] of [["title-template", "titleTemplate"], ["file-name-template", "fileNameTemplate"]] as const) {
		const t = str(values[flag]);
		if (t === undefined) continue;
		if (!t.includes("{{start}}") || !t.includes("{{end}}")) throw new UsageError(`--${flag} needs {{start}} and {{end}}, as in "Weekly Links {{start}} to {{end}}".`);
		if (key === "fileNameTemplate" && /[\\:*?"<>|]/.test(t.replace(/\{\{\w+\}\}/g, ""))) throw new UsageError('--file-name-template cannot hold \\ : * ? " < > |.');
		shape[key] = t;
	}
	return { tag: str(values["tag"]), folder: str(values["folder"]), series: str(values["series"]), shape };
}
