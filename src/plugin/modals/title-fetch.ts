import { requestUrl, type RequestUrlResponse } from "obsidian";
import { PAGE_META_SCAN_LIMIT, readPageMeta } from "../../core/web/page-meta";
import { isWebUrl } from "../../core/links/url-normalize";

export type PageMetaResult = { ok: true; title: string | null; source: string | null } | { ok: false; message: string };

/** Only this much of a page's body is decoded and read: its head is in it. */
export const MAX_BODY_BYTES = PAGE_META_SCAN_LIMIT;
/** Redirects followed before giving up. */
export const MAX_REDIRECTS = 5;

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

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
	return undefined;
}

const CHARSET_RE = /charset\s*=\s*["']?([\w.:-]+)/i;

/** The charset the page names: its Content-Type header, else a meta tag in its first 1024 bytes. */
function charsetOf(contentType: string | undefined, bytes: Uint8Array): string | null {
	const fromHeader = contentType ? CHARSET_RE.exec(contentType) : null;
	if (fromHeader) return fromHeader[1]!;
	let start = "";
	for (let i = 0; i < Math.min(bytes.length, 1024); i++) start += String.fromCharCode(bytes[i]!);
	const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(start);
	return meta ? meta[1]! : null;
}

/** The first MAX_BODY_BYTES of the body as text, in the page's charset (UTF-8 when it names none or one unknown). */
function bodyText(response: RequestUrlResponse): string {
	const buffer = response.arrayBuffer;
	const bytes = new Uint8Array(buffer, 0, Math.min(buffer.byteLength, MAX_BODY_BYTES));
	let decoder: TextDecoder;
	try {
		decoder = new TextDecoder(charsetOf(header(response.headers, "content-type"), bytes) ?? "utf-8");
	} catch {
		decoder = new TextDecoder("utf-8");
	}
	// Streaming mode: a character cut at the end is dropped, not turned into U+FFFD.
	return decoder.decode(bytes, { stream: true });
}

const TIMED_OUT = Symbol("timed out");

/**
 * Fetches a web page and reads its title and source (see readPageMeta). Never throws: every
 * failure is a one-sentence message for the user. One time limit covers the whole fetch,
 * redirects included; when it is up the answer is given and the request is not waited for
 * again (requestUrl cannot be cancelled: its late answer is dropped). Redirects are followed
 * to http and https addresses only, at most MAX_REDIRECTS of them; a redirect's own page is
 * never read. Only the first MAX_BODY_BYTES of the page are decoded.
 */
export async function fetchPageMeta(url: string, timeoutMs = 10000): Promise<PageMetaResult> {
	const host = webHost(url);
	if (host === null) return { ok: false, message: "Only a web address starting with http:// or https:// can be fetched." };
	let timer: number | undefined;
	const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
		timer = window.setTimeout(() => resolve(TIMED_OUT), timeoutMs);
	});
	try {
		let current = url.trim();
		for (let redirects = 0; ; redirects++) {
			const response = await Promise.race([requestUrl({ url: current, method: "GET", throw: false }), timeout]);
			if (response === TIMED_OUT) return { ok: false, message: `The server at ${host} did not answer within ${seconds(timeoutMs)}.` };
			if (response.status >= 300 && response.status < 400) {
				const location = header(response.headers, "location");
				if (location === undefined || location.trim() === "") {
					return { ok: false, message: `The server at ${host} answered ${response.status} without saying where the page went.` };
				}
				let next: string;
				try {
					next = new URL(location.trim(), current).href;
				} catch {
					next = "";
				}
				if (!isWebUrl(next)) return { ok: false, message: `The server at ${host} sent the page on to an address that is not a web page; it was not followed.` };
				if (redirects >= MAX_REDIRECTS) return { ok: false, message: `The server at ${host} sent the page on more than ${MAX_REDIRECTS} times.` };
				current = next;
				continue;
			}
			if (response.status >= 400) return { ok: false, message: `The server at ${host} answered ${response.status}.` };
			let text: string;
			try {
				text = bodyText(response);
			} catch {
				return { ok: false, message: `The server at ${host} sent a page that could not be read as text.` };
			}
			const meta = readPageMeta(text, current);
			if (meta.title === null) return { ok: false, message: `No title was found on the page at ${host}.` };
			return { ok: true, title: meta.title, source: meta.source };
		}
	} catch (err) {
		const reason = err instanceof Error && err.message.trim() !== "" ? ` (${err.message.trim().replace(/\.$/, "")})` : "";
		return { ok: false, message: `Could not reach the page at ${host}${reason}.` };
	} finally {
		window.clearTimeout(timer);
	}
}
