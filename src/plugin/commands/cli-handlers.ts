import { requireApiVersion, type CliData } from "obsidian";
import { checkIndex, checkSummary, formatProblem, hasErrors } from "../../core/check/check";
import { isoDate, parseIsoDate } from "../../core/format/dates";
import { count } from "../../core/format/words";
import type { DigestCuratorHost } from "../host";
import { checkEntryUrl } from "../../core/edit/entry-url";
import { parseCaptureRequest } from "../../core/capture/capture-request";
import { parseInbox } from "../../core/capture/inbox";
import { inboxRows } from "../../core/capture/inbox-list";
import { addToInbox, inboxNoteOf, inboxText, seriesNamed } from "./capture-actions";
import { insertIntoDigest } from "./digest-actions";
import { createNextDigest, today } from "./new-digest-action";
import { PUBLISH_FLAGS, runPublish } from "./publish-cli";

/** Obsidian's own command line (API 1.12.2+): the same core as the standalone CLI, on the open vault. */
export function registerCliHandlers(host: DigestCuratorHost): boolean {
	const { plugin } = host;
	// The app's command line arrived in 1.12.2; older apps simply do without these handlers.
	if (requireApiVersion("1.12.2")) {
		plugin.registerCliHandler("digest-curator", "Summary of the vault's digests", null, async () => {
			await host.live.whenReady();
			return summary(host);
		});
		plugin.registerCliHandler(
			"digest-curator:check",
			"Check digests for problems",
			{ digest: { value: "<path>", description: "Only this digest" }, strict: { description: "Count warnings as failures" } },
			async (params) => {
				await host.live.whenReady();
				return runCheck(host, params);
			},
		);
		plugin.registerCliHandler(
			"digest-curator:add",
			"Add a link entry to a digest",
			{
				category: { value: "<name>", description: "Category heading", required: true },
				url: { value: "<url>", description: "The link", required: true },
				title: { value: "<title>", description: "The entry's title", required: true },
				source: { value: "<source>", description: "Where it comes from" },
				tags: { value: "<a,b>", description: "Tags on the entry line" },
				recommended: { description: "Flag it as recommended" },
				comment: { value: "<text>", description: "Commentary; separate bullets with |" },
				digest: { value: "<path>", description: "Target digest (default: the latest)" },
				"allow-duplicate": { description: "Add it even if the link was shared before" },
				"share-commentary": { description: "Share the commentary with the entries without commentary it would join" },
			},
			async (params) => {
				await host.live.whenReady();
				return runAdd(host, params);
			},
		);
		plugin.registerCliHandler(
			"digest-curator:inbox",
			"Save a link to the series' inbox for a later digest; without url, list the inbox",
			{
				url: { value: "<url>", description: "The link to save (without it: list the inbox, with where each link was shared)" },
				title: { value: "<title>", description: "Its title" },
				source: { value: "<source>", description: "Where it comes from" },
				category: { value: "<name>", description: "Category it is meant for" },
				tags: { value: "<a,b>", description: "Tags" },
				recommended: { description: "Flag it as recommended" },
				comment: { value: "<text>", description: "Commentary; separate bullets with |" },
				series: { value: "<name>", description: "Series name (default: the first)" },
			},
			async (params) => {
				await host.live.whenReady();
				return runInbox(host, params);
			},
		);
		plugin.registerCliHandler(
			"digest-curator:new",
			"Create the series' next digest",
			{ date: { value: "<YYYY-MM-DD>", description: "Last day of the new period (default: today)" }, series: { value: "<name>", description: "Series name" } },
			async (params) => {
				await host.live.whenReady();
				return runNew(host, params);
			},
		);
		plugin.registerCliHandler("digest-curator:publish", "Publish: the series index, a recap, the feeds or a newsletter", PUBLISH_FLAGS, (params) => runPublish(host, params));
		return true;
	}
	return false;
}

export function summary(host: DigestCuratorHost): string {
	const index = host.live.index;
	const lines = [`${count(index.size, "digest")}, ${count(index.entryCount(), "entry", "entries")}, ${count(index.duplicates().length, "shared link")}.`];
	for (const s of host.settings.series) {
		const latest = index.latest(s.name);
		lines.push(`${s.name}: ${count(index.digests(s.name).length, "digest")}${latest ? `, latest ${latest.path}${latest.period ? ` (${isoDate(latest.period.start)} to ${isoDate(latest.period.end)})` : ""}` : ""}`);
	}
	return lines.join("\n");
}

export function runCheck(host: DigestCuratorHost, params: CliData): string {
	const problems = checkIndex(host.live.index, params["digest"] ? [params["digest"]] : undefined);
	const failed = params["strict"] ? problems.length > 0 : hasErrors(problems);
	return [...problems.map(formatProblem), checkSummary(problems, host.live.index.size, host.live.index.entryCount()), failed ? "Result: failed." : "Result: passed."].join("\n");
}

export async function runAdd(host: DigestCuratorHost, params: CliData): Promise<string> {
	const index = host.live.index;
	const checked = checkEntryUrl(params["url"] ?? "");
	if (!checked.ok) return `Error: ${checked.reason}`;
	const url = checked.url;
	const path = params["digest"] ?? index.latest(host.settings.series[0]?.name ?? "")?.path;
	if (!path || !index.get(path)) return `Error: ${path ? `${path} is not a digest.` : "there is no digest to add to yet."}`;
	const earlier = index.findUrl(url);
	if (earlier.length > 0 && !params["allow-duplicate"]) {
		return `Error: ${url} was already shared at ${earlier.map((e) => `${e.digest.path}:${e.entry.line}`).join(", ")}; pass allow-duplicate to add it again.`;
	}
	const result = await insertIntoDigest(host, path, {
		category: params["category"] ?? "",
		url,
		title: params["title"] ?? "",
		source: params["source"],
		tags: (params["tags"] ?? "").split(",").map((t) => t.trim()).filter((t) => t !== ""),
		recommended: params["recommended"] === "true",
		commentary: (params["comment"] ?? "").split("|"),
		shareCommentary: params["share-commentary"] === "true",
	});
	return result.ok ? `Added to ${path}:${result.line}.` : `Error: ${result.reason}`;
}

export async function runNew(host: DigestCuratorHost, params: CliData): Promise<string> {
	const wanted = params["series"];
	const series = wanted ? host.settings.series.find((s) => s.name.toLowerCase() === wanted.toLowerCase()) : host.settings.series[0];
	if (!series) return `Error: no series is named "${wanted}".`;
	const to = params["date"] ? parseIsoDate(params["date"]) : today();
	if (!to) return `Error: ${params["date"]} is not a date in the form YYYY-MM-DD.`;
	const result = await createNextDigest(host, series, to);
	return result.ok ? `Created ${result.path}.` : `Error: ${result.reason}`;
}

/** `digest-curator:inbox`: the same checks and the same inbox edit as an obsidian:// inbox capture. */
export async function runInbox(host: DigestCuratorHost, params: CliData): Promise<string> {
	if (params["url"] === undefined) return listInbox(host, params["series"]);
	const request = parseCaptureRequest({ ...params, mode: "inbox", digest: undefined, comment: (params["comment"] ?? "").split("|").join("\n") });
	if (!request.ok) return `Error: ${request.reason}`;
	const series = seriesNamed(host, request.request.series);
	if (!series.ok) return `Error: ${series.reason}`;
	const result = await addToInbox(host, series.series, request.request);
	return result.ok ? `Saved to ${result.path}.` : `Error: ${result.reason}`;
}

/** `digest-curator:inbox` without a URL: the inbox numbered, each link with where a digest shared it and the category its host suggests. */
export async function listInbox(host: DigestCuratorHost, seriesName: string | undefined): Promise<string> {
	const series = seriesNamed(host, seriesName);
	if (!series.ok) return `Error: ${series.reason}`;
	const where = inboxNoteOf(series.series);
	if (!where.ok) return `Error: ${where.reason}`;
	const text = await inboxText(host, where.path);
	if (text === null) return `${where.path} does not exist yet; digest-curator:inbox url=... starts it.`;
	const inbox = parseInbox(text);
	const rows = inboxRows(host.live.index, [{ series: series.series.name, path: where.path, items: inbox.items }]);
	const out = [`${where.path}: ${count(rows.length, "link")}.`];
	rows.forEach((r, i) => {
		const { item } = r;
		const name = item.title ? `${item.source ? `${item.source} - ` : ""}${item.title}` : "(no title)";
		const marks = [item.category ? `[${item.category}]` : "", ...item.tags.map((t) => `#${t}`), item.recommended ? "(Recommended)" : ""].filter((m) => m !== "");
		out.push(`${i + 1}. ${name}  ${item.url}${marks.length > 0 ? `  ${marks.join(" ")}` : ""}`);
		if (r.sharedBefore.length > 0) out.push(`   already shared at ${r.sharedBefore.map((s) => `${s.digestPath}:${s.line} (${s.category})`).join(", ")}`);
		if (r.categorySuggested && r.category) out.push(`   suggested: category ${r.category}`);
	});
	for (const p of inbox.problems) out.push(`${where.path}:${p.line + 1}: ${p.message}`);
	return out.join("\n");
}
