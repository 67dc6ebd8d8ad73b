import { addCommentaryBullet, replaceEntryUrl } from "../../core/edit/link-fixes";
import type { EditResult } from "../../core/edit/entry-edits";
import { readWaybackAnswer, waybackLookupUrl } from "../../core/web/link-check";
import type { DigestCuratorHost } from "../host";
import { editContext, editDigest } from "./digest-actions";
import { requestJson } from "./request-fetcher";

/** Looks up the Wayback Machine's closest archived copy of a URL (a request to archive.org, made only when the user asks for a fix). */
export async function archivedCopy(url: string, lookup: (url: string) => Promise<unknown> = requestJson): Promise<{ url: string; timestamp: string } | null> {
	return readWaybackAnswer(await lookup(waybackLookupUrl(url)));
}

function notDigest(path: string): EditResult {
	return { ok: false, reason: `${path} is not a digest of any series.` };
}

/** Points the entry at `line` to `url` instead of `expectUrl`, through the edit layer; refused when the line changed. */
export async function replaceLink(host: DigestCuratorHost, path: string, line: number, expectUrl: string, url: string): Promise<EditResult> {
	const series = host.live.index.seriesOf(path);
	if (!series) return notDigest(path);
	return editDigest(host, path, (text) => replaceEntryUrl(text, path, editContext(series), line, url, expectUrl));
}

/** The year, month and day of a Wayback timestamp (`20240131120000`), for the bullet's text. */
function archivedOn(timestamp: string): string {
	const m = /^(\d{4})(\d{2})(\d{2})/.exec(timestamp);
	return m ? ` (${m[1]}-${m[2]}-${m[3]})` : "";
}

/** Adds `- Archived copy: [web.archive.org](...)` to the entry's commentary, keeping the original link. */
export async function addArchivedLink(host: DigestCuratorHost, path: string, line: number, expectUrl: string, archived: { url: string; timestamp: string }): Promise<EditResult> {
	const series = host.live.index.seriesOf(path);
	if (!series) return notDigest(path);
	const entry = host.live.index.get(path)?.categories.flatMap((c) => c.entries).find((e) => e.line === line);
	const group = entry ? host.live.index.get(path)!.categories.find((c) => c.name === entry.category)?.groups[entry.group] : undefined;
	// In a group the commentary is shared: the bullet says which entry it is for.
	const whose = group && group.entries.length > 1 && entry ? ` of "${entry.title.replace(/[[\]]/g, "")}"` : "";
	const bullet = `Archived copy${whose}${archivedOn(archived.timestamp)}: [web.archive.org](${archived.url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)})`;
	return editDigest(host, path, (text) => addCommentaryBullet(text, path, editContext(series), line, bullet, expectUrl));
}
