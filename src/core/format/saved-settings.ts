import { completeSeries, DEFAULT_SERIES } from "./series";
import type { Series } from "./types";

/**
 * Reads saved settings (the plugin's data.json, which the command-line tool reads too) field by
 * field: a field of the wrong type falls back to its default, with one sentence naming the field,
 * handed to `warn`. A field that is missing takes its default without a word (older settings
 * lack the newer fields). One reader for the plugin and the tool, so both see the same series.
 */
export type Warn = (message: string) => void;

type Kind = "text" | "list" | "level" | "style" | "flag";

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
	indexTemplate: "text",
	recapTemplate: "text",
	summaryField: "text",
	inboxNote: "text",
	entryStyle: "style",
	collection: "flag",
};

const KIND_TEXT: Record<Kind, string> = {
	text: "is not text",
	list: "is not a list of text",
	level: "is not a heading level from 1 to 6",
	style: 'is not "line" or "list"',
	flag: "is not true or false",
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
	if (kind === "style") return value === "line" || value === "list";
	if (kind === "flag") return typeof value === "boolean";
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
		const fallback = field === "entryStyle" ? "line" : field === "collection" ? false : DEFAULT_SERIES[field] ?? "";
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

/** A saved text setting: its value, or its default with a warning when it is of another type. */
export function readSavedText(saved: unknown, field: string, fallback: string, warn: Warn): string {
	const value = typeof saved === "object" && saved !== null ? (saved as Record<string, unknown>)[field] : undefined;
	if (value === undefined) return fallback;
	if (typeof value === "string") return value;
	warn(`The setting "${field}" is not text (it is ${shown(value)}); the default ${shown(fallback)} is used instead.`);
	return fallback;
}

/** A saved setting that is one of a few words: its value, or its default with a warning naming the choices. */
export function readSavedChoice<T extends string>(saved: unknown, field: string, choices: readonly T[], fallback: T, warn: Warn): T {
	const value = typeof saved === "object" && saved !== null ? (saved as Record<string, unknown>)[field] : undefined;
	if (value === undefined) return fallback;
	if (typeof value === "string" && (choices as readonly string[]).includes(value)) return value as T;
	warn(`The setting "${field}" is not one of ${choices.map((c) => `"${c}"`).join(", ")} (it is ${shown(value)}); the default ${shown(fallback)} is used instead.`);
	return fallback;
}

/** What a link check found for a URL, kept in the saved settings until the next check. */
export interface SavedLinkHealth {
	status: "ok" | "redirected" | "not-found" | "gone" | "error" | "timeout";
	/** The day it was checked, `YYYY-MM-DD`. */
	checked: string;
	httpStatus?: number;
	/** Where the redirects ended. */
	finalUrl?: string;
	/** Whether every redirect was permanent (301, 308). */
	permanent?: boolean;
	/** Why, for `error`. */
	reason?: string;
}

const HEALTH_STATUSES: readonly string[] = ["ok", "redirected", "not-found", "gone", "error", "timeout"];

function readHealth(value: unknown): SavedLinkHealth | null {
	if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
	const v = value as Record<string, unknown>;
	if (typeof v.status !== "string" || !HEALTH_STATUSES.includes(v.status)) return null;
	if (typeof v.checked !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v.checked)) return null;
	const out: SavedLinkHealth = { status: v.status as SavedLinkHealth["status"], checked: v.checked };
	if (v.httpStatus !== undefined) {
		if (typeof v.httpStatus !== "number" || !Number.isInteger(v.httpStatus) || v.httpStatus < 100 || v.httpStatus > 599) return null;
		out.httpStatus = v.httpStatus;
	}
	if (v.finalUrl !== undefined) {
		if (typeof v.finalUrl !== "string" || !/^https?:\/\//i.test(v.finalUrl)) return null;
		out.finalUrl = v.finalUrl;
	}
	if (v.permanent !== undefined) {
		if (typeof v.permanent !== "boolean") return null;
		out.permanent = v.permanent;
	}
	if (v.reason !== undefined) {
		if (typeof v.reason !== "string") return null;
		out.reason = v.reason.slice(0, 200);
	}
	return out;
}

/**
 * The saved link-check results, by URL. Results that cannot be read are dropped with one warning
 * for all of them (they are only a cache: the next check makes them again). Only http(s) URLs are
 * keys, so no saved key can reach an object's prototype.
 */
export function readSavedLinkHealth(saved: unknown, warn: Warn): Record<string, SavedLinkHealth> {
	const out: Record<string, SavedLinkHealth> = Object.create(null) as Record<string, SavedLinkHealth>;
	const value = typeof saved === "object" && saved !== null ? (saved as Record<string, unknown>)["linkHealth"] : undefined;
	if (value === undefined) return out;
	if (typeof value !== "object" || value === null || Array.isArray(value)) {
		warn(`The setting "linkHealth" is not a record of link check results (it is ${shown(value)}); the results are dropped, the next check makes them again.`);
		return out;
	}
	let dropped = 0;
	for (const [url, raw] of Object.entries(value as Record<string, unknown>)) {
		const health = /^https?:\/\/\S+$/i.test(url) ? readHealth(raw) : null;
		if (health) out[url] = health;
		else dropped++;
	}
	if (dropped > 0) warn(`${dropped} saved link check ${dropped === 1 ? "result" : "results"} could not be read and ${dropped === 1 ? "was" : "were"} dropped; the next check makes ${dropped === 1 ? "it" : "them"} again.`);
	return out;
}
