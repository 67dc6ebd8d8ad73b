import { requestUrl } from "obsidian";
import { LinkTimeout, type Fetcher } from "../../core/web/link-check";

/** A header of a requestUrl answer, whatever case the server wrote its name in. */
function header(headers: Record<string, string> | undefined, name: string): string | null {
	if (!headers) return null;
	for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
	return null;
}

/**
 * The link check's fetcher inside Obsidian: requestUrl (it works on every platform and is not
 * bound by CORS). It reports what requestUrl lets it see: the status of the last answer.
 * requestUrl follows redirects itself and says nothing of them, so in the plugin a redirected
 * link reads as the page it ends at (`ok`); and it has no timeout, so the request is raced
 * against a timer and its late answer ignored.
 */
export function requestUrlFetcher(): Fetcher {
	return async (request) => {
		let timer: number | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = window.setTimeout(() => reject(new LinkTimeout()), request.timeoutMs);
		});
		try {
			const res = await Promise.race([requestUrl({ url: request.url, method: request.method, headers: request.headers, throw: false }), timeout]);
			return { status: res.status, location: header(res.headers, "location") };
		} catch (err) {
			if (err instanceof LinkTimeout) throw err;
			throw new Error(err instanceof Error && err.message.trim() !== "" ? err.message.trim() : "could not be reached");
		} finally {
			window.clearTimeout(timer);
		}
	};
}

/** The Wayback Machine's answer to an availability lookup, as JSON, or null when it gave none in time. */
export async function requestJson(url: string, timeoutMs = 15000): Promise<unknown> {
	let timer: number | undefined;
	const timeout = new Promise<null>((resolve) => {
		timer = window.setTimeout(() => resolve(null), timeoutMs);
	});
	try {
		const res = await Promise.race([requestUrl({ url, method: "GET", throw: false }), timeout]);
		if (res === null || res.status < 200 || res.status >= 300) return null;
		return res.json as unknown;
	} catch {
		return null;
	} finally {
		window.clearTimeout(timer);
	}
}
