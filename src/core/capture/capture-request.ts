import { isOpenableUrl } from "../links/url-normalize";

/**
 * A capture request from outside (an `obsidian://digest-curator?...` link, the API, a script):
 * its parameters read and checked before anything is written. A bad request gives one
 * sentence naming what is wrong, and nothing happens.
 */

export type CaptureMode = "form" | "entry" | "inbox";

export interface CaptureRequest {
	mode: CaptureMode;
	url: string;
	title: string | null;
	source: string | null;
	category: string | null;
	tags: string[];
	recommended: boolean;
	commentary: string[];
	/** A series name, or null for the first one. */
	series: string | null;
	/** A digest's vault path, or null for the series' latest. */
	digest: string | null;
}

export type CaptureParse = { ok: true; request: CaptureRequest } | { ok: false; reason: string };

const MODES: readonly CaptureMode[] = ["form", "entry", "inbox"];
const MAX_FIELD = 2000;
const TRUE = new Set(["", "1", "true", "yes", "on"]);
const FALSE = new Set(["0", "false", "no", "off"]);

/** A bare host with a path (`example.com/x`) is completed to https, as the form and the CLI do. */
export function completeUrl(raw: string): string {
	const url = raw.trim();
	if (/^[a-z][a-z\d+.-]*:/i.test(url)) return url;
	if (/^[\w-]+(?:\.[\w-]+)+(?:[/:?#]\S*)?$/.test(url)) return `https://${url}`;
	return url;
}

/** Why a URL cannot be an entry's link, or null when it can: http, https or obsidian only. */
export function urlProblem(raw: string): string | null {
	const url = completeUrl(raw);
	if (url === "") return "The link's URL is missing.";
	if (/\s/.test(url)) return "The URL has spaces in it; give the full address, starting with https://.";
	if (!isOpenableUrl(url)) return `"${url.slice(0, 80)}" is not a web link: give the full address, starting with https:// or http://.`;
	try {
		if (/^https?:/i.test(url) && !new URL(url).hostname) return `"${url.slice(0, 80)}" has no host.`;
	} catch {
		return `"${url.slice(0, 80)}" is not a valid address.`;
	}
	return null;
}

function oneLine(value: string | undefined, name: string): { value: string | null } | { error: string } {
	if (value === undefined) return { value: null };
	const v = value.replace(/\s+/g, " ").trim();
	if (v.length > MAX_FIELD) return { error: `The ${name} is longer than ${MAX_FIELD} characters.` };
	return { value: v === "" ? null : v };
}

/** Reads a capture request's parameters (as `obsidian://` hands them: one string each; `comment` may hold newlines). */
export function parseCaptureRequest(params: Readonly<Record<string, string | undefined>>, defaultMode: CaptureMode = "form"): CaptureParse {
	const modeText = params.mode?.trim().toLowerCase() || defaultMode;
	if (!MODES.includes(modeText as CaptureMode)) return { ok: false, reason: `"${params.mode}" is not a capture mode: use form, entry or inbox.` };
	const mode = modeText as CaptureMode;
	const rawUrl = params.url ?? "";
	const urlError = urlProblem(rawUrl);
	if (urlError) return { ok: false, reason: urlError };
	const fields: Record<string, string | null> = {};
	for (const name of ["title", "source", "category", "series", "digest"] as const) {
		const read = oneLine(params[name], name);
		if ("error" in read) return { ok: false, reason: read.error };
		fields[name] = read.value;
	}
	const rec = params.recommended?.trim().toLowerCase();
	if (rec !== undefined && !TRUE.has(rec) && !FALSE.has(rec)) return { ok: false, reason: `"${params.recommended}" is not yes or no for recommended.` };
	const tags = (params.tags ?? "")
		.split(/[,\s]+/)
		.map((t) => t.trim().replace(/^#+/, ""))
		.filter((t) => t !== "");
	const commentary = (params.comment ?? "")
		.split(/\r?\n/)
		.map((c) => c.trim().replace(/^[-*+]\s+/, ""))
		.filter((c) => c !== "");
	if (commentary.some((c) => c.length > MAX_FIELD)) return { ok: false, reason: `A comment is longer than ${MAX_FIELD} characters.` };
	const digest = fields.digest ?? null;
	if (digest !== null && (/(^|\/)\.\.(\/|$)/.test(digest) || /^([a-z]:|[\\/])/i.test(digest) || digest.includes("\0"))) return { ok: false, reason: `The digest path "${digest}" leaves the vault.` };
	return {
		ok: true,
		request: {
			mode,
			url: completeUrl(rawUrl),
			title: fields.title ?? null,
			source: fields.source ?? null,
			category: fields.category ?? null,
			tags,
			recommended: rec !== undefined && TRUE.has(rec),
			commentary,
			series: fields.series ?? null,
			digest,
		},
	};
}

/**
 * Why an `entry` request cannot be written without the form, or null when it can: it needs its
 * category and title. The caller opens the form, filled in, instead of refusing the request.
 */
export function directEntryProblem(request: Pick<CaptureRequest, "category" | "title">): string | null {
	if (request.category === null) return "Writing an entry directly needs its category (add &category=...).";
	if (request.title === null) return "Writing an entry directly needs its title (add &title=...).";
	return null;
}

/** The `obsidian://` link that opens a capture with these values (for bookmarklets, shortcuts and docs). */
export function captureUri(values: Partial<Record<"url" | "title" | "source" | "category" | "tags" | "comment" | "mode" | "series" | "digest" | "vault", string>> & { recommended?: boolean }): string {
	const parts: string[] = [];
	for (const [k, v] of Object.entries(values)) {
		if (v === undefined || v === false) continue;
		parts.push(`${k}=${encodeURIComponent(v === true ? "yes" : v)}`);
	}
	return `obsidian://digest-curator?${parts.join("&")}`;
}
