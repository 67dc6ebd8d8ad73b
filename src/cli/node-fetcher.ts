import { LinkTimeout, type Fetcher } from "../core/web/link-check";

/** The link check's fetcher on Node: `fetch` without following redirects, the body never read. */
export const nodeFetcher: Fetcher = async (request) => {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), request.timeoutMs);
	try {
		const res = await fetch(request.url, { method: request.method, headers: request.headers, redirect: "manual", signal: controller.signal });
		// Only the status line and headers matter: the body is dropped unread, however large.
		await res.body?.cancel().catch(() => undefined);
		return { status: res.status, location: res.headers.get("location") };
	} catch (e) {
		if (controller.signal.aborted) throw new LinkTimeout();
		const cause = (e as { cause?: { code?: string; message?: string } }).cause;
		throw new Error(cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e)));
	} finally {
		clearTimeout(timer);
	}
};
