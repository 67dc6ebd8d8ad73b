import { normalizePath, type CliData, type CliFlags } from "obsidian";
import { writeRegion } from "../../core/edit/regions";
import { compareDates, isoDate, parseIsoDate } from "../../core/format/dates";
import { defaultRecapNote } from "../../core/format/series-notes";
import { vaultPath } from "../../core/format/vault-path";
import type { DayDate, Digest, Series } from "../../core/format/types";
import { recapLines, recapPicks } from "../../core/publish/recap";
import type { DigestCuratorHost } from "../host";
import { inboxText, seriesNamed } from "./capture-actions";
import { feedFiles, writeVaultFile } from "./feeds-export";
import { newsletterOf } from "./newsletter-copy";
import { notePath } from "./note-edit";
import { recapRegion } from "./recap-action";
import { writeRegionInNote } from "./region-write";
import { seriesIndexPlan } from "./series-index-action";

/**
 * `obsidian digest-curator:publish index|recap|feed|newsletter ...`: the standalone CLI's
 * `publish` on the open vault, through the plugin's own edit paths (an open note through its
 * editor, others with Vault.process; only a region between markers is rewritten). A region
 * edited by hand is left alone without `force`; `dry-run` says what would change and writes
 * nothing. Every answer is text; a refusal starts with `Error:`.
 */

export const PUBLISH_KINDS = ["index", "recap", "feed", "newsletter"] as const;
export type PublishKind = (typeof PUBLISH_KINDS)[number];

export const PUBLISH_FLAGS: CliFlags = {
	index: { description: "Write the series index into its note" },
	recap: { description: "The recommended entries between from and to (written with out)" },
	feed: { description: "Write the RSS and JSON feeds" },
	newsletter: { description: "A digest as a newsletter (written with out: a note gets the Markdown in a region)" },
	series: { value: "<name>", description: "Series name (default: the first)" },
	from: { value: "<YYYY-MM-DD>", description: "Recap: first day" },
	to: { value: "<YYYY-MM-DD>", description: "Recap: last day" },
	digest: { value: "<path>", description: "Newsletter: the digest (default: the series' latest)" },
	format: { value: "<html|markdown>", description: "Newsletter: html (default) or markdown" },
	out: { value: "<path>", description: "Index, recap, newsletter: the note (newsletter: or an .html file); feed: the folder" },
	force: { description: "Replace a generated region edited by hand, or a newsletter .html file that holds something else" },
	"dry-run": { description: "Say what would change and write nothing" },
};

const isOn = (params: CliData, flag: string) => params[flag] !== undefined && params[flag] !== "false";

/** Runs `digest-curator:publish`: exactly one of index, recap, feed and newsletter. */
export async function runPublish(host: DigestCuratorHost, params: CliData): Promise<string> {
	const kinds = PUBLISH_KINDS.filter((k) => isOn(params, k));
	if (kinds.length !== 1) return `Error: say what to publish, one of ${PUBLISH_KINDS.join(", ")} (as in digest-curator:publish index).`;
	await host.live.whenReady();
	const series = seriesNamed(host, params["series"]);
	if (!series.ok) return `Error: ${series.reason}`;
	const dryRun = isOn(params, "dry-run");
	const force = isOn(params, "force");
	switch (kinds[0]!) {
		case "index": {
			const plan = seriesIndexPlan(host, series.series, params["out"]);
			if (!plan.ok) return `Error: ${plan.reason}`;
			return writeOrDryRun(host, plan.path, plan.name, plan.lines, dryRun, force);
		}
		case "recap":
			return runRecap(host, series.series, params, dryRun, force);
		case "feed":
			return runFeed(host, series.series, params, dryRun);
		case "newsletter":
			return runNewsletter(host, series.series, params, dryRun);
	}
}

/** Writes `lines` into the region of the note, or with `dryRun` says what that would do. */
async function writeOrDryRun(host: DigestCuratorHost, path: string, name: string, lines: readonly string[], dryRun: boolean, force: boolean): Promise<string> {
	if (dryRun) {
		const before = await inboxText(host, path);
		const result = writeRegion(before ?? "", name, lines, { style: host.settings.markerStyle, force });
		if (!result.ok) return `Error: ${path}: ${result.reason}${result.handEdited ? " Pass force to replace it." : ""}`;
		if (before === null) return `Would create ${path} (${lines.length} generated lines).`;
		return result.changed ? `Would update ${path} (${lines.length} generated lines).` : `${path} is up to date.`;
	}
	let asked = false;
	const written = await writeRegionInNote(host, path, name, lines, () => {
		asked = true;
		return Promise.resolve(force);
	});
	if (!written.ok) return asked ? `Error: the generated text in ${path} was edited by hand since it was last written; nothing was changed. Pass force to replace it.` : `Error: ${written.reason}`;
	if (written.created) return `Created ${path}.`;
	return written.changed ? `Updated ${path}.` : `${path} is up to date.`;
}

function dayFlag(params: CliData, flag: "from" | "to"): DayDate | string {
	const raw = params[flag];
	if (raw === undefined || raw === "true") return `Error: a recap needs ${flag}=YYYY-MM-DD.`;
	return parseIsoDate(raw) ?? `Error: ${flag}=${raw} is not a date in the form YYYY-MM-DD.`;
}

async function runRecap(host: DigestCuratorHost, series: Series, params: CliData, dryRun: boolean, force: boolean): Promise<string> {
	const from = dayFlag(params, "from");
	if (typeof from === "string") return from;
	const to = dayFlag(params, "to");
	if (typeof to === "string") return to;
	if (compareDates(from, to) > 0) return `Error: from=${isoDate(from)} is after to=${isoDate(to)}.`;
	const picks = recapPicks(host.live.index.digests(series.name), from, to);
	if (picks.length === 0) return `Error: no recommended entry in a digest of ${series.name} between ${isoDate(from)} and ${isoDate(to)}.`;
	const lines = recapLines(picks, { template: series.recapTemplate });
	const out = params["out"];
	if (out === undefined) return lines.join("\n");
	const where = notePath(out === "true" ? defaultRecapNote(series, from, to) : out, "The recap note");
	if (!where.ok) return `Error: ${where.reason}`;
	if (host.live.index.get(where.path)) return `Error: ${where.path} is a digest; write the recap into a note of its own.`;
	return writeOrDryRun(host, where.path, recapRegion(from, to), lines, dryRun, force);
}

async function runFeed(host: DigestCuratorHost, series: Series, params: CliData, dryRun: boolean): Promise<string> {
	const out = params["out"];
	const made = await feedFiles(host, [series], out === undefined || out === "true" ? undefined : out);
	if (!made.ok) return `Error: ${made.reason}`;
	if (dryRun) {
		const lines: string[] = [];
		for (const f of made.files) {
			const before = await inboxText(host, f.path);
			lines.push(before === null ? `Would create ${f.path}.` : before === f.text ? `${f.path} is up to date.` : `Would update ${f.path}.`);
		}
		return lines.join("\n");
	}
	for (const f of made.files) await writeVaultFile(host, f.path, f.text);
	return `Wrote ${made.files.map((f) => f.path).join(" and ")}.`;
}

function newsletterDigest(host: DigestCuratorHost, series: Series, wanted: string | undefined): Digest | string {
	if (wanted === undefined) return host.live.index.latest(series.name) ?? `Error: ${series.name} has no digest yet.`;
	const where = notePath(wanted, "The digest path");
	if (!where.ok) return `Error: ${where.reason}`;
	const digest = host.live.index.get(where.path);
	if (!digest || host.live.index.seriesOf(where.path) !== series) return `Error: ${where.path} is not a digest of ${series.name}.`;
	return digest;
}

async function runNewsletter(host: DigestCuratorHost, series: Series, params: CliData, dryRun: boolean): Promise<string> {
	const format = params["format"] ?? "html";
	if (format !== "html" && format !== "markdown") return `Error: format=${format} is neither html nor markdown.`;
	const digest = newsletterDigest(host, series, params["digest"]);
	if (typeof digest === "string") return digest;
	const text = newsletterOf(host, digest, format);
	const out = params["out"];
	if (out === undefined) return text;
	// A note gets the Markdown in a region of its own (text around it stays); an .html file is the newsletter alone.
	if (/\.md$/i.test(out.trim()) || !/\.[a-z0-9]+$/i.test(out.trim())) {
		const note = notePath(out, "The newsletter note");
		if (!note.ok) return `Error: ${note.reason}`;
		if (host.live.index.get(note.path)) return `Error: ${note.path} is a digest; write the newsletter into a note of its own.`;
		const lines = (format === "markdown" ? text : newsletterOf(host, digest, "markdown")).replace(/\n$/, "").split("\n");
		return writeOrDryRun(host, note.path, "newsletter", lines, dryRun, isOn(params, "force"));
	}
	// A whole-file write replaces all the file holds: only for an HTML file, never a canvas, data or image.
	if (!/\.html?$/i.test(out.trim())) return `Error: out=${out.trim()} is neither a note (.md) nor an HTML file (.html or .htm), so nothing was written.`;
	const where = vaultPath(out.trim(), "The newsletter file");
	if (!where.ok) return `Error: ${where.reason}`;
	const path = normalizePath(where.path);
	const before = await inboxText(host, path);
	if (before !== null && before !== text && !isOn(params, "force")) return `Error: ${path} already exists and holds something else; nothing was changed. Pass force to replace it.`;
	if (dryRun) return before === null ? `Would create ${path}.` : before === text ? `${path} is up to date.` : `Would replace ${path}.`;
	if (before === text) return `${path} is up to date.`;
	await writeVaultFile(host, path, text);
	return `Wrote ${path}.`;
}
