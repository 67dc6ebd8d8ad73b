import { requestUrl, type RequestUrlResponse, type RequestUrlResponsePromise } from "obsidian";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchPageMeta } from "../../../src/plugin/modals/title-fetch";

vi.mock("obsidian", async (importOriginal) => ({
	...(await importOriginal<typeof import("obsidian")>()),
	requestUrl: vi.fn(),
}));

const mockedRequest = vi.mocked(requestUrl);

const SAVED_PAGE = `<!DOCTYPE html><html><head>
<meta charset="utf-8"><title>Fleet management, part two – CNCF</title>
<meta property="og:title" content="Fleet management, part two">
<meta property="og:site_name" content="CNCF">
</head><body>…</body></html>`;

/** requestUrl's answer: a promise of the response that also carries promises of its parts. */
function responsePromise(response: Promise<RequestUrlResponse>): RequestUrlResponsePromise {
	// The parts nobody reads must not report their rejection as unhandled.
	const part = <T>(p: Promise<T>): Promise<T> => {
		p.catch(() => {});
		return p;
	};
	return Object.assign(response, {
		status: part(response.then((r) => r.status)),
		headers: part(response.then((r) => r.headers)),
		arrayBuffer: part(response.then((r) => r.arrayBuffer)),
		json: part(response.then((r) => r.json as unknown)),
		text: part(response.then((r) => r.text)),
	});
}

function answer(status: number, text: string): RequestUrlResponsePromise {
	const arrayBuffer = new TextEncoder().encode(text).buffer;
	return responsePromise(Promise.resolve({ status, text, headers: { "content-type": "text/html; charset=utf-8" }, arrayBuffer, json: null }));
}

function never(): RequestUrlResponsePromise {
	return responsePromise(new Promise<never>(() => {}));
}

afterEach(() => {
	vi.useRealTimers();
	mockedRequest.mockReset();
});

describe("fetchPageMeta", () => {
	it("reads the title and source of a saved page", async () => {
		mockedRequest.mockReturnValue(answer(200, SAVED_PAGE));
		await expect(fetchPageMeta("https://www.cncf.io/blog/fleet-2")).resolves.toEqual({ ok: true, title: "Fleet management, part two", source: "CNCF" });
		expect(mockedRequest).toHaveBeenCalledWith({ url: "https://www.cncf.io/blog/fleet-2", method: "GET", throw: false });
	});

	it("falls back to the host without www. for the source", async () => {
		mockedRequest.mockReturnValue(answer(200, "<title>Plain page</title>"));
		await expect(fetchPageMeta("http://www.example.com/a")).resolves.toEqual({ ok: true, title: "Plain page", source: "example.com" });
	});

	it("refuses what is not an http(s) URL without a request", async () => {
		for (const url of ["ftp://example.com/x", "example.com", "obsidian://open?vault=x", ""]) {
			const result = await fetchPageMeta(url);
			expect(result.ok).toBe(false);
			expect(!result.ok && result.message).toMatch(/http/);
		}
		expect(mockedRequest).not.toHaveBeenCalled();
	});

	it("gives up after the timeout", async () => {
		vi.useFakeTimers();
		mockedRequest.mockReturnValue(never());
		const pending = fetchPageMeta("https://slow.example.org/page");
		await vi.advanceTimersByTimeAsync(9999);
		let settled = false;
		void pending.then(() => (settled = true));
		await Promise.resolve();
		expect(settled).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		await expect(pending).resolves.toEqual({ ok: false, message: "The server at slow.example.org did not answer within 10 seconds." });
	});

	it("says how long it waited for another timeout", async () => {
		vi.useFakeTimers();
		mockedRequest.mockReturnValue(never());
		const pending = fetchPageMeta("https://slow.example.org/page", 1000);
		await vi.advanceTimersByTimeAsync(1000);
		await expect(pending).resolves.toEqual({ ok: false, message: "The server at slow.example.org did not answer within 1 second." });
	});

	it("reports an HTTP error status", async () => {
		mockedRequest.mockReturnValue(answer(404, "<title>Not found</title>"));
		await expect(fetchPageMeta("https://example.com/gone")).resolves.toEqual({ ok: false, message: "The server at example.com answered 404." });
	});

	it("reports a network error", async () => {
		mockedRequest.mockImplementation(() => responsePromise(Promise.reject(new Error("net::ERR_NAME_NOT_RESOLVED"))));
		await expect(fetchPageMeta("https://nowhere.invalid/")).resolves.toEqual({
			ok: false,
			message: "Could not reach the page at nowhere.invalid (net::ERR_NAME_NOT_RESOLVED).",
		});
	});

	it("reports a page without a title", async () => {
		mockedRequest.mockReturnValue(answer(200, "<html><head></head><body><p>No title</p></body></html>"));
		await expect(fetchPageMeta("https://example.com/untitled")).resolves.toEqual({ ok: false, message: "No title was found on the page at example.com." });
	});
});
