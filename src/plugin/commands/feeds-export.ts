import { normalizePath, TFile, TFolder } from "obsidian";
import type { Digest, Series } from "../../core/format/types";
import { jsonFeed, rssFeed, siteUrl, type FeedOptions } from "../../core/publish/feeds";
import type { WikiLinkUrl } from "../../core/publish/inline-html";
import type { DigestCuratorHost } from "../host";
import { baseUrlProblem } from "../settings/settings-tab";
import { ensureFolder } from "./note-edit";
import { regionName } from "./region-write";
import { vaultPath } from "../../core/format/vault-path";

export type FeedExportResult = { ok: true; paths: string[] } | { ok: false; reason: string };

/** Where a wiki-link in a digest's commentary points on the site: the note it resolves to, or nothing. */
export function siteLinks(host: DigestCuratorHost, base: string, digest: Digest): WikiLinkUrl {
	return (target) => {
		const resolved = target === "" ? digest.path : host.live.index.resolveLink(target, digest.path);
		return resolved ? siteUrl(base, resolved) : null;
	};
}

/** The feed file names of a series inside the feed folder: `<series>.xml` and `<series>.json`. */
export function feedPaths(folder: string, series: Series): { rss: string; json: string } {
	const name = regionName("feed", series.name).replace(/^feed-/, "");
	const stem = folder === "" ? name : `${folder}/${name}`;
	return { rss: normalizePath(`${stem}.xml`), json: normalizePath(`${stem}.json`) };
}

/** Writes a whole file of the vault (a feed, a newsletter): replaced when it exists, else created with its folders. */
export async function writeVaultFile(host: DigestCuratorHost, path: string, text: string): Promise<void> {
	const { vault } = host.app;
	const existing = vault.getAbstractFileByPath(path);
	if (existing instanceof TFolder) throw new Error(`${path} is a folder.`);
	if (existing instanceof TFile) {
		await vault.modify(existing, text);
		return;
	}
	await ensureFolder(host, path);
	await vault.create(path, text);
}

export type FeedFiles = { ok: true; files: { path: string; text: string }[] } | { ok: false; reason: string };

/** The RSS 2.0 and JSON Feed files of each series with digests, in `folder` (default: the feed folder setting); nothing is made when a setting is wrong. */
export async function feedFiles(host: DigestCuratorHost, seriesList: readonly Series[] = host.settings.series, folderSetting: string = host.settings.feedFolder): Promise<FeedFiles> {
	await host.live.whenReady();
	const base = host.settings.baseUrl.trim().replace(/\/+$/, "");
	if (base === "") return { ok: false, reason: "Set the site address in this plugin's settings first: feeds link to the digests by their full address." };
	const baseProblem = baseUrlProblem(base);
	if (baseProblem) return { ok: false, reason: baseProblem };
	const folder = vaultPath(folderSetting, "The feed folder");
	if (!folder.ok) return folder;
	const files: { path: string; text: string }[] = [];
	let collections = 0;
	for (const series of seriesList) {
		// A collection has no feed of periods (issue 17); its recommended links can go into a recap.
		if (series.collection === true) {
			collections++;
			continue;
		}
		const digests = host.live.index.digests(series.name);
		if (digests.length === 0) continue;
		const paths = feedPaths(folder.path, series);
		const options: FeedOptions = {
			title: series.name,
			siteUrl: `${base}/`,
			digestUrl: (d) => siteUrl(base, d.path),
			wikiLinkUrl: (d) => siteLinks(host, base, d),
			recommendedItems: host.settings.feedRecommendedItems,
		};
		files.push({ path: paths.rss, text: rssFeed(digests, { ...options, feedUrl: siteUrl(base, paths.rss) }) });
		files.push({ path: paths.json, text: jsonFeed(digests, { ...options, feedUrl: siteUrl(base, paths.json) }) });
	}
	if (files.length === 0 && collections > 0 && collections === seriesList.length) return { ok: false, reason: "A collection has no periods and so no feed: no feed was written." };
	if (files.length === 0) return { ok: false, reason: "No series has a digest yet: no feed was written." };
	return { ok: true, files };
}

/** Writes RSS 2.0 and JSON Feed files for each series into the feed folder; nothing is written when a setting is wrong. */
export async function exportFeeds(host: DigestCuratorHost, seriesList: readonly Series[] = host.settings.series, folder?: string): Promise<FeedExportResult> {
	const made = await feedFiles(host, seriesList, folder);
	if (!made.ok) return made;
	for (const file of made.files) await writeVaultFile(host, file.path, file.text);
	return { ok: true, paths: made.files.map((f) => f.path) };
}
