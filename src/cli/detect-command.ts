import { confidenceWord, DETECTED_FIELDS, type DetectedField, type DetectedSeries } from "../core/detect/detect-series";
import { cleanFolder, cleanTag } from "../core/format/series";
import { count } from "../core/format/words";
import { SHAPE_HELP, SHAPE_OPTIONS, type Values } from "./args";
import { detectVault, seriesFlagsFor, seriesLabel } from "./detect-vault";
import { hasSavedSeries, UsageError, type SeriesFlags } from "./load-vault";
import type { CliIo } from "./run-cli";
import { VaultFs } from "./vault-fs";

export const DETECT_OPTIONS = {
	json: { type: "boolean" },
	tag: { type: "string" },
	folder: { type: "string" },
	help: { type: "boolean", short: "h" },
	...SHAPE_OPTIONS,
} as const;

export const DETECT_HELP = `Usage: digest-curator detect VAULT [--json]

Find the vault's digest series from its notes: notes that share a tag or a folder and hold
numbered link entries under headings. For each: its tag, folder, title and file name templates,
date format, category level, categories, template note, extra tags, cover and period length,
each with how sure detection is. With no saved settings, the other commands use the series found
when there is one.
  --json           Print {"series": [...], "unmatched": [...], "notesRead": N} as JSON
  --tag T          Only the series with this tag
  --folder F       Only the series in this folder
${SHAPE_HELP}
                   (set over what was detected, as the other commands would)
  -h, --help       Show this help
`;

const LABELS: Record<DetectedField, string> = {
	name: "name",
	tag: "tag",
	folder: "folder",
	titleTemplate: "title template",
	fileNameTemplate: "file name template",
	dateFormat: "date format",
	categoryLevel: "category level",
	categories: "categories",
	templateNote: "template note",
	extraTags: "extra tags",
	cover: "cover",
	periodDays: "period",
};

/** `digest-curator detect VAULT`: the detected series, as text or JSON. */
export function commandDetect(root: string, values: Values, flags: SeriesFlags, io: CliIo): number {
	const vault = new VaultFs(root);
	if (!vault.isDirectory()) throw new UsageError(`${root} is not a folder; give the path of an Obsidian vault.`);
	const detection = detectVault(vault, vault.listFiles());
	const tag = flags.tag !== undefined ? cleanTag(flags.tag).toLowerCase() : null;
	const folder = flags.folder !== undefined ? cleanFolder(flags.folder).toLowerCase() : null;
	const series = detection.series
		.filter((s) => (tag === null || s.tag.toLowerCase() === tag) && (folder === null || s.folder.toLowerCase() === folder))
		.map((s) => withShape(s, flags.shape ?? {}));
	if (values["json"]) {
		io.out(`${JSON.stringify({ series: series.map(detectedToJson), unmatched: detection.unmatched, notesRead: detection.notesRead }, null, 2)}\n`);
		return 0;
	}
	io.out(detectionText(series, detection.unmatched, detection.notesRead, hasSavedSeries(vault), tag !== null || folder !== null));
	return 0;
}

/** Fields set on the command line replace the detected ones, and are sure. */
function withShape(s: DetectedSeries, shape: NonNullable<SeriesFlags["shape"]>): DetectedSeries {
	const keys = Object.keys(shape) as (keyof typeof shape)[];
	if (keys.length === 0) return s;
	const confidence = { ...s.confidence };
	for (const k of keys) if (k in confidence) confidence[k as DetectedField] = 1;
	return { ...s, ...shape, confidence };
}

/** A detected series in JSON: the saved Series fields under their names, then the period, the counts and the confidences. */
export function detectedToJson(s: DetectedSeries) {
	return {
		name: s.name,
		tag: s.tag,
		folder: s.folder,
		titleTemplate: s.titleTemplate,
		fileNameTemplate: s.fileNameTemplate,
		dateFormat: s.dateFormat,
		categoryLevel: s.categoryLevel,
		categories: s.categories,
		templateNote: s.templateNote,
		extraTags: s.extraTags ?? [],
		cover: s.cover ?? "",
		periodDays: s.periodDays,
		// The list style's fields only where detection found a list-style series.
		...(s.entryStyle === "list" ? { entryStyle: s.entryStyle, collection: s.collection === true, listMarker: s.listMarker ?? "-" } : {}),
		notes: s.notes,
		digests: s.digests,
		confidence: Object.fromEntries(DETECTED_FIELDS.map((f) => [f, s.confidence[f]])) as Record<DetectedField, number>,
	};
}

function shown(s: DetectedSeries, field: DetectedField): string {
	switch (field) {
		case "tag": return s.tag === "" ? "none (every note in the folder)" : `#${s.tag}`;
		case "folder": return s.folder === "" ? "anywhere" : `${s.folder}/`;
		case "categoryLevel": return `${s.categoryLevel} (${"#".repeat(s.categoryLevel)})`;
		case "categories": return s.categories.length ? s.categories.join(", ") : "none";
		case "templateNote": return s.templateNote || "none";
		case "extraTags": return s.extraTags?.length ? s.extraTags.map((t) => `#${t}`).join(" ") : "none";
		case "cover": return s.cover || "none";
		case "periodDays": return s.periodDays === null ? "none (no title holds a period)" : count(s.periodDays, "day");
		default: return String(s[field]);
	}
}

function detectionText(series: readonly DetectedSeries[], unmatched: readonly string[], notesRead: number, saved: boolean, filtered: boolean): string {
	const lines: string[] = [];
	if (series.length === 0) {
		lines.push(
			filtered
				? `No series detected in ${count(notesRead, "note")} has that tag or folder.`
				: `Found no digest series in ${count(notesRead, "note")}: no notes that share a tag or a folder hold numbered link entries under headings.`,
		);
	} else {
		lines.push(`Found ${series.length === 1 ? "1 digest series" : `${series.length} digest series`} in ${count(notesRead, "note")}.`);
	}
	const width = Math.max(...Object.values(LABELS).map((l) => l.length)) + 2;
	for (const s of series) {
		lines.push("", `${s.name}: ${seriesLabel(s)}, ${count(s.notes, "note")} (${count(s.digests, "digest")})`);
		for (const f of DETECTED_FIELDS) {
			if (f === "name") continue;
			lines.push(`  ${LABELS[f].padEnd(width)}${shown(s, f)}  (${confidenceWord(s.confidence[f])})`);
		}
		if (s.entryStyle === "list") lines.push(`  ${"entry style".padEnd(width)}list items (${s.listMarker ?? "-"}), ${s.collection ? "undated: a collection" : "dated"}`);
		lines.push(`  Flags that name it: ${seriesFlagsFor(s, true)}`);
	}
	if (series.length > 0 && !saved) {
		lines.push(
			"",
			series.length === 1
				? "With no saved settings, every command uses this series; save it in the plugin's settings to keep it."
				: "With no saved settings, pick one of them with --tag or --folder, or save them in the plugin's settings.",
		);
	}
	if (unmatched.length > 0) {
		lines.push("", `${count(unmatched.length, "note")} ${unmatched.length === 1 ? "looks" : "look"} like ${unmatched.length === 1 ? "a digest" : "digests"} but ${unmatched.length === 1 ? "fits" : "fit"} no series:`, ...unmatched.map((p) => `  ${p}`));
	}
	return `${lines.join("\n")}\n`;
}

/** Said on stderr when the series a command reads has no digest, so an empty answer says why. */
export function noDigestsHint(series: readonly { name: string; tag: string; folder: string }[]): string {
	const where = series.map((s) => `${s.tag ? `the tag #${s.tag}` : "no tag"}${s.folder ? ` under ${s.folder}/` : ""}`).join(", or ");
	return `digest-curator: no note is a digest of the series (${where}); run digest-curator detect VAULT to find the vault's series.\n`;
}
