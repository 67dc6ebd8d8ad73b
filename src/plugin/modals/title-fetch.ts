import { requestUrl } from "obsidian";
import { readPageMeta } from "../../core/web/page-meta";
import { isWebUrl } from "../../core/links/url-normalize";

export type PageMetaResult = { ok: true; title: string | null; source: string | null } | { ok: false; message: string };

/** The host of a web URL, for messages; null when `url` is not an http(s) URL with a host. */
function webHost(url: string): string | null {
	if (!isWebUrl(url)) return null;
	try {
		const host = new URL(url.trim()).hostname;
		return host === "" ? null : host;
	} catch {
		return null;
	}
}

function seconds(ms: number): string {
	const s = Math.round(ms / 100) / 10;
	return `${s} ${s === 1 ? "second" : "seconds"}`;
}

const TIMED_OUT = Symbol("timed out");

/**
 * Fetches a web page and reads its title and source (see readPageMeta). Never throws: every
 * failure is a one-sentence message for the user. The request itself cannot be cancelled; after
 * the timeout its answer is ignored.
 */
export async function fetchPageMeta(url: string, timeoutMs = 10000): Promise<PageMetaResult> {
	const host = webHost(url);
	if (host === null) return { ok: false, message: "Only a web address starting with http:// or https:// can be fetched." };
	let timer: number | undefined;
	const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
		timer = window.setTimeout(() => resolve(TIMED_OUT), timeoutMs);
	});
	try {
		const response = await Promise.race([requestUrl({ url: url.trim(), method: "GET", throw: false }), timeout]);
		if (response === TIMED_OUT) return { ok: false, message: `The server at ${host} did not answer within ${seconds(timeoutMs)}.` };
		if (response.status >= 400) return { ok: false, message: `The server at ${host} answered ${response.status}.` };
		let text: string;
		try {
			text = response.text;
		} catch {
			return { ok: false, message: `The server at ${host} sent a page that could not be read as text.` };
		}
		const meta = readPageMeta(text, url);
		if (meta.title === null) return { ok: false, message: `No title was found on the page at ${host}.` };
		return { ok: true, title: meta.title, source: meta.source };
	} catch (err) {
		const reason = err instanceof Error && err.message.trim() !== "" ? ` (${err.message.trim().replace(/\.$/, "")})` : "";
		return { ok: false, message: `The server at ${host} could not be reached${reason}.` };
	} finally {
		window.clearTimeout(timer);
	}
}
