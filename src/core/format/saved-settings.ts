import { completeSeries, DEFAULT_SERIES } from "./series";
import type { Series } from "./types";

/**
 * Reads saved settings (the plugin's data.json, which the command-line tool reads too) field by
 * field: a field of the wrong type falls back to its default, with one sentence naming the field,
 * handed to `warn`. A field that is missing takes its default without a word (older settings
 * lack the newer fields). One reader for the plugin and the tool, so both see the same series.
 */
export type Warn = (message: string) => void;

type Kind = "text" | "list" | "level";

const SERIES_FIELDS: Record<keyof Series, Kind> = {
	name: "text",
	tag: "text",
	folder: "text",
	titleTemplate: "text",
	fileNameTemplate: "text",
	dateFormat: "text",
	categoryLevel: "level",
	categories: "list",
	templateNote: "text",
	extraTags: "list",
	cover: "text",
	indexNote: "text",
	inboxNote: "text",
};

const KIND_TEXT: Record<Kind, string> = {
	text: "is not text",
	list: "is not a list of text",
	level: "is not a heading level from 1 to 6",
};

/** A value as a warning shows it: short, on one line. */
function shown(value: unknown): string {
	let s: string;
	try {
		s = JSON.stringify(value) ?? String(value);
	} catch {
		s = String(value);
	}
	return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function fits(kind: Kind, value: unknown): boolean {
	if (kind === "text") return typeof value === "string";
	if (kind === "level") return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 6;
	// Numbers are text enough in a list of names: a hand-written `[2025]` means "2025".
	return Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number");
}

/** One saved series, field by field; `label` names it in warnings. */
export function readSavedSeries(raw: Record<string, unknown>, label: string, warn: Warn): Series {
	const partial: Partial<Record<keyof Series, unknown>> = {};
	for (const [field, kind] of Object.entries(SERIES_FIELDS) as [keyof Series, Kind][]) {
		const value = raw[field];
		if (value === undefined) continue;
		if (fits(kind, value)) {
			partial[field] = kind === "list" ? (value as unknown[]).map(String) : value;
			continue;
		}
		// The newest fields are optional: an empty one means their derived default.
		const fallback = DEFAULT_SERIES[field] ?? "";
		warn(`The setting "${field}" of ${label} ${KIND_TEXT[kind]} (it is ${shown(value)}); the default ${shown(fallback)} is used instead.`);
	}
	return completeSeries(partial as Partial<Series>);
}

/** Fields of the first release, before series existed: one tag and one folder for every digest. */
const V0_FIELDS = ["tag", "folder", "dateFormat", "categories"] as const;

/**
 * The series of saved settings, or null when they hold none (the caller then uses its default).
 * Entries that are not series are left out with a warning; a nameless or repeated name gets a
 * number, since series are told apart by name. Settings of the first release (a top-level tag
 * and folder) become one series.
 */
export function readSettingsSeries(saved: unknown, warn: Warn): Series[] | null {
	if (typeof saved !== "object" || saved === null || Array.isArray(saved)) return null;
	const raw = saved as Record<string, unknown>;
	const list = raw["series"];
	if (list === undefined) {
		if (raw["tag"] === undefined && raw["folder"] === undefined) return null;
		// Version 0 kept a single series' fields at the top level.
		const v0: Record<string, unknown> = { tag: DEFAULT_SERIES.tag, folder: "" };
		for (const f of V0_FIELDS) if (raw[f] !== undefined) v0[f] = raw[f];
		return [readSavedSeries(v0, "the saved series", warn)];
	}
	if (!Array.isArray(list)) {
		warn(`The setting "series" is not a list of series (it is ${shown(list)}); the default series is used instead.`);
		return null;
	}
	const series: Series[] = [];
	list.forEach((s, i) => {
		if (typeof s !== "object" || s === null || Array.isArray(s)) {
			warn(`Series ${i + 1} in the saved settings is not a series (it is ${shown(s)}); it is left out.`);
			return;
		}
		const name = (s as { name?: unknown }).name;
		series.push(readSavedSeries(s as Record<string, unknown>, typeof name === "string" && name.trim() !== "" ? `the series "${name}"` : `series ${i + 1}`, warn));
	});
	if (series.length === 0) return null;
	const seen = new Set<string>();
	return series.map((s) => {
		const base = s.name.trim() || DEFAULT_SERIES.name;
		let name = base;
		for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base} ${n}`;
		seen.add(name.toLowerCase());
		return { ...s, name };
	});
}

/** A saved true/false setting: its value, or its default with a warning when it is of another type. */
export function readSavedToggle(saved: unknown, field: string, fallback: boolean, warn: Warn): boolean {
	const value = typeof saved === "object" && saved !== null ? (saved as Record<string, unknown>)[field] : undefined;
	if (value === undefined) return fallback;
	if (typeof value === "boolean") return value;
	warn(`The setting "${field}" is not true or false (it is ${shown(value)}); the default ${String(fallback)} is used instead.`);
	return fallback;
}
