/**
 * The one rule for an entry's URL, for the insert form and the command-line tool alike: `http`,
 * `https` or `obsidian` links; a bare host with a dot (`example.com/x`) is completed to `https://`.
 */

export type EntryUrlResult = { ok: true; url: string } | { ok: false; reason: string };

const SCHEME_RE = /^([a-z][a-z0-9+.-]*):/i;
// A host name with at least one dot, an optional port, then a path, query or fragment or nothing.
const BARE_HOST_RE = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9](?::\d{1,5})?(?:[/?#]\S*)?$/i;

export function checkEntryUrl(input: string): EntryUrlResult {
	const url = input.trim();
	if (url === "") return { ok: false, reason: "Give the entry a URL." };
	if (/[\r\n]/.test(url)) return { ok: false, reason: "The URL must be one line." };
	if (BARE_HOST_RE.test(url)) return checkWebUrl(`https://${url}`, url);
	const scheme = SCHEME_RE.exec(url)?.[1]?.toLowerCase();
	if (scheme === undefined) return notALink(url);
	if (scheme === "http" || scheme === "https") return checkWebUrl(url, url);
	if (scheme === "obsidian") return /^obsidian:\/\/\S/i.test(url) ? { ok: true, url } : notALink(url);
	return { ok: false, reason: `${JSON.stringify(url)} is a ${scheme}: link; an entry links to an http, https or obsidian address.` };
}

function notALink(url: string): EntryUrlResult {
	return { ok: false, reason: `${JSON.stringify(url)} is not a link: give a URL starting with https://, http:// or obsidian://.` };
}

function checkWebUrl(url: string, typed: string): EntryUrlResult {
	let host = "";
	try {
		host = new URL(url).hostname;
	} catch {
		// Not a URL the browser could open.
	}
	if (host === "" || !/^\w+:\/\/[^\s/?#]/.test(url)) return notALink(typed);
	return { ok: true, url };
}
