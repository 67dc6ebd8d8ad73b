/**
 * The link-health check: each URL requested (HEAD, then GET where HEAD is refused), redirects
 * followed by hand so that each hop is seen, with a timeout, a per-host and a global limit, and
 * cancellation. The requests themselves are handed in: `requestUrl` in the plugin, Node's `fetch`
 * in the CLI. A fetcher must not follow redirects and must not read more than the headers.
 */

export interface HttpRequest {
	url: string;
	method: "HEAD" | "GET";
	headers: Record<string, string>;
	timeoutMs: number;
}

export interface HttpResponse {
	status: number;
	/** The `Location` header of a redirect, when there is one. */
	location?: string | null;
}

/** Fetches one URL without following redirects. Rejects with a `LinkTimeout` on timeout, any other error when unreachable. */
export type Fetcher = (request: HttpRequest) => Promise<HttpResponse>;

export class LinkTimeout extends Error {
	constructor() {
		super("timed out");
		this.name = "LinkTimeout";
	}
}

export type LinkStatus = "ok" | "redirected" | "not-found" | "gone" | "error" | "timeout";

export interface LinkResult {
	url: string;
	status: LinkStatus;
	/** The last HTTP status seen, when there was an answer. */
	httpStatus?: number;
	/** Where the redirects ended (status `redirected`). */
	finalUrl?: string;
	/** Whether every hop was permanent (301, 308): then the entry can be updated to `finalUrl`. */
	permanent?: boolean;
	/** `https`: only http became https; `slash`: only a trailing slash; `other`: anything else. */
	redirectKind?: "https" | "slash" | "https-slash" | "other";
	/** Why, for `error`. */
	reason?: string;
}

export interface CheckOptions {
	/** Requests at once in all (default 8). */
	concurrency?: number;
	/** Requests at once to one host (default 2): a check must not hammer a site. */
	perHost?: number;
	/** Per request, in milliseconds (default 10 s). */
	timeoutMs?: number;
	userAgent?: string;
	/** Redirect hops followed at most (default 10). */
	maxRedirects?: number;
	/** Asked before each request; true stops the check (results so far are kept). */
	cancelled?: () => boolean;
	onResult?: (result: LinkResult, done: number, total: number) => void;
}

export const DEFAULT_USER_AGENT = "DigestCurator-LinkCheck/1.0 (+https://github.com/digest-curator/digest-curator)";

const REFUSED_HEAD = new Set([400, 403, 405, 406, 429, 501]);

function hostKey(url: string): string {
	try {
		return new URL(url).host.toLowerCase();
	} catch {
		return url;
	}
}

function redirectKind(from: string, to: string): LinkResult["redirectKind"] {
	const a = from.replace(/^http:/i, "https:");
	const https = /^http:/i.test(from) && /^https:/i.test(to);
	if (https && a === to) return "https";
	const slash = (x: string, y: string) => x + "/" === y || x === y + "/";
	if (slash(from, to)) return "slash";
	if (https && slash(a, to)) return "https-slash";
	return "other";
}

/** Checks one URL: HEAD (GET where HEAD is refused), following redirects by hand. */
export async function checkLink(url: string, fetcher: Fetcher, options: CheckOptions = {}): Promise<LinkResult> {
	const timeoutMs = options.timeoutMs ?? 10_000;
	const headers = { "User-Agent": options.userAgent ?? DEFAULT_USER_AGENT, Accept: "*/*" };
	const maxRedirects = options.maxRedirects ?? 10;
	if (!/^https?:\/\//i.test(url)) return { url, status: "error", reason: "not a web address" };
	let current = url;
	let permanent = true;
	for (let hop = 0; hop <= maxRedirects; hop++) {
		let res: HttpResponse;
		try {
			res = await fetcher({ url: current, method: "HEAD", headers, timeoutMs });
			if (REFUSED_HEAD.has(res.status)) res = await fetcher({ url: current, method: "GET", headers, timeoutMs });
		} catch (e) {
			if (e instanceof LinkTimeout) return { url, status: "timeout", ...(current !== url ? { finalUrl: current } : {}) };
			return { url, status: "error", reason: e instanceof Error ? e.message : String(e) };
		}
		const s = res.status;
		if (s >= 300 && s < 400 && s !== 304) {
			if (!res.location) return { url, status: "error", httpStatus: s, reason: `redirect ${s} without a Location` };
			let next: string;
			try {
				next = new URL(res.location, current).toString();
			} catch {
				return { url, status: "error", httpStatus: s, reason: "redirects to an address that cannot be read" };
			}
			if (!/^https?:\/\//i.test(next)) return { url, status: "error", httpStatus: s, reason: "redirects to a non-web address" };
			if (s !== 301 && s !== 308) permanent = false;
			current = next;
			continue;
		}
		if (s === 404) return { url, status: "not-found", httpStatus: s };
		if (s === 410) return { url, status: "gone", httpStatus: s };
		if (s >= 200 && s < 300) {
			if (current === url) return { url, status: "ok", httpStatus: s };
			return { url, status: "redirected", httpStatus: s, finalUrl: current, permanent, redirectKind: redirectKind(url, current) };
		}
		return { url, status: "error", httpStatus: s, reason: `HTTP ${s}` };
	}
	return { url, status: "error", reason: `more than ${maxRedirects} redirects` };
}

/**
 * Checks many URLs, each once, with a global and a per-host limit; results in the order of
 * `urls` (duplicates share one request). A cancelled check returns the results it has.
 */
export async function checkLinks(urls: readonly string[], fetcher: Fetcher, options: CheckOptions = {}): Promise<LinkResult[]> {
	const unique = [...new Set(urls)];
	const concurrency = Math.max(1, options.concurrency ?? 8);
	const perHost = Math.max(1, options.perHost ?? 2);
	const results = new Map<string, LinkResult>();
	const active = new Map<string, number>();
	const waiting = [...unique];
	let running = 0;
	let done = 0;
	await new Promise<void>((finish) => {
		const pump = () => {
			if (options.cancelled?.()) waiting.length = 0;
			for (let i = 0; i < waiting.length && running < concurrency; ) {
				const url = waiting[i]!;
				const host = hostKey(url);
				if ((active.get(host) ?? 0) >= perHost) {
					i++;
					continue;
				}
				waiting.splice(i, 1);
				running++;
				active.set(host, (active.get(host) ?? 0) + 1);
				void checkLink(url, fetcher, options).then((result) => {
					running--;
					active.set(host, (active.get(host) ?? 1) - 1);
					results.set(url, result);
					options.onResult?.(result, ++done, unique.length);
					pump();
				});
			}
			if (running === 0) finish();
		};
		pump();
	});
	return urls.filter((u) => results.has(u)).map((u) => results.get(u)!);
}

/** The Wayback Machine's availability lookup for a URL. */
export function waybackLookupUrl(url: string, base = "https://archive.org/wayback/available"): string {
	return `${base}?url=${encodeURIComponent(url)}`;
}

/** The closest archived copy from an availability answer, or null. */
export function readWaybackAnswer(answer: unknown): { url: string; timestamp: string } | null {
	const closest = (answer as { archived_snapshots?: { closest?: { available?: unknown; url?: unknown; timestamp?: unknown; status?: unknown } } } | null)?.archived_snapshots?.closest;
	if (!closest || closest.available !== true || typeof closest.url !== "string" || !/^https?:\/\//i.test(closest.url)) return null;
	if (typeof closest.status === "string" && !/^2/.test(closest.status)) return null;
	return { url: closest.url.replace(/^http:\/\/web\.archive\.org/i, "https://web.archive.org"), timestamp: typeof closest.timestamp === "string" ? closest.timestamp : "" };
}
