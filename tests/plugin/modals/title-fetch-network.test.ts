import { once } from "node:events";
import { createServer, request, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as nodeSetTimeout } from "node:timers";
import { requestUrl, type RequestUrlParam, type RequestUrlResponse, type RequestUrlResponsePromise } from "obsidian";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { fetchPageMeta, MAX_BODY_BYTES } from "../../../src/plugin/modals/title-fetch";

/**
 * fetchPageMeta against a real HTTP server on 127.0.0.1 that the test starts. requestUrl is
 * Obsidian's (Electron's) network layer, which the tests do not have: here it is a plain Node
 * request that, like requestUrl, buffers the whole body before it answers, and follows no
 * redirect itself (so every redirect reaches the code under test).
 */

vi.mock("obsidian", async (importOriginal) => ({
	...(await importOriginal<typeof import("obsidian")>()),
	requestUrl: vi.fn(),
}));

function lowerHeaders(h: IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
	return out;
}

function nodeRequestUrl(param: RequestUrlParam | string): RequestUrlResponsePromise {
	const p = typeof param === "string" ? { url: param } : param;
	const response = new Promise<RequestUrlResponse>((resolve, reject) => {
		const req = request(p.url, { method: p.method ?? "GET", headers: p.headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on("data", (c: Buffer) => chunks.push(c));
			res.on("error", reject);
			res.on("end", () => {
				const body = Buffer.concat(chunks);
				const arrayBuffer = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
				resolve({ status: res.statusCode ?? 0, headers: lowerHeaders(res.headers), arrayBuffer, text: body.toString("utf8"), json: null });
			});
		});
		req.on("error", reject);
		req.end();
	});
	const part = <T>(q: Promise<T>): Promise<T> => {
		q.catch(() => {});
		return q;
	};
	response.catch(() => {});
	return Object.assign(response, {
		status: part(response.then((r) => r.status)),
		headers: part(response.then((r) => r.headers)),
		arrayBuffer: part(response.then((r) => r.arrayBuffer)),
		json: part(response.then((r) => r.json as unknown)),
		text: part(response.then((r) => r.text)),
	});
}

const PAD = "<!-- padding -->".repeat(1 << 16); // 1 MB

type Route = (res: ServerResponse) => void;

const page = (html: string, type = "text/html; charset=utf-8"): Route => (res) => {
	res.writeHead(200, { "content-type": type });
	res.end(html);
};
const redirect = (status: number, location: string, body = "<title>Moved</title>"): Route => (res) => {
	res.writeHead(status, { location, "content-type": "text/html" });
	res.end(body);
};

const ROUTES: Record<string, Route> = {
	"/page": page("<html><head><title>Landing page</title></head></html>"),
	"/moved": redirect(301, "/page"),
	"/moved-twice": redirect(302, "/moved"),
	"/loop": redirect(302, "/loop"),
	"/to-javascript": redirect(302, "javascript:alert(1)", "<title>Hijacked</title>"),
	"/to-file": redirect(307, "file:///etc/passwd", "<title>Hijacked</title>"),
	"/to-obsidian": redirect(302, "obsidian://open?vault=x", "<title>Hijacked</title>"),
	"/to-data": redirect(303, "data:text/html,<title>Hijacked</title>", "<title>Hijacked</title>"),
	"/no-location": (res) => {
		res.writeHead(302, { "content-type": "text/html" });
		res.end("<title>Nowhere</title>");
	},
	"/huge": page(`<html><head><title>Huge page</title></head><body>${PAD.repeat(8)}</body></html>`),
	"/late-title": page(`<html><head>${PAD}<title>Too late</title></head></html>`),
	"/hostile": page(
		`<head><meta property="og:site_name" content="\u2066Site\u2069"><title>&constructor; \u202Egnp.exe\u202C &#x202E;x&#x202C; a\u0000b ${"long ".repeat(1_000_000)}</title></head>`,
	),
	"/windows-1252": (res) => {
		res.writeHead(200, { "content-type": "text/html; charset=windows-1252" });
		res.end(Buffer.from([...Buffer.from("<title>"), 0x93, ...Buffer.from("Quoted"), 0x94, 0x20, 0x96, ...Buffer.from(" caf"), 0xe9, ...Buffer.from("</title>")]));
	},
	"/meta-charset": (res) => {
		res.writeHead(200, { "content-type": "text/html" });
		res.end(Buffer.from([...Buffer.from('<head><meta charset="windows-1252"><title>Caf'), 0xe9, ...Buffer.from("</title>")]));
	},
	"/cut-utf8": (res) => {
		// The cap falls inside a multi-byte character: the half is dropped, nothing throws.
		res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
		const head = Buffer.from("<head><title>Cut</title><meta name=x content=\"");
		res.end(Buffer.concat([head, Buffer.alloc(MAX_BODY_BYTES - head.length - 1, 0x61), Buffer.from("é\"></head>")]));
	},
	"/slow-body": (res) => {
		res.writeHead(200, { "content-type": "text/html" });
		res.write("<html><head><title>Slow");
		// Never ends.
	},
	"/slow-redirect": (res) => {
		// A Node timer: this is the test server, not plugin code.
		nodeSetTimeout(() => redirect(302, "/slow-body")(res), 100);
	},
};

let server: Server;
let base: string;
const mocked = vi.mocked(requestUrl);

beforeAll(async () => {
	server = createServer((req, res) => {
		const route = ROUTES[new URL(req.url ?? "/", "http://x").pathname];
		if (route) route(res);
		else {
			res.writeHead(404);
			res.end();
		}
	});
	server.listen(0, "127.0.0.1");
	await once(server, "listening");
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	server.close();
	await once(server, "close");
});

beforeEach(() => {
	mocked.mockReset();
	mocked.mockImplementation(nodeRequestUrl);
});

describe("fetchPageMeta over HTTP", () => {
	it("follows redirects to web pages, and reads the source from where it lands", async () => {
		await expect(fetchPageMeta(`${base}/moved`)).resolves.toEqual({ ok: true, title: "Landing page", source: "127.0.0.1" });
		await expect(fetchPageMeta(`${base}/moved-twice`)).resolves.toMatchObject({ ok: true, title: "Landing page" });
		expect(mocked.mock.calls.at(-1)![0]).toMatchObject({ url: `${base}/page` });
	});

	it("does not follow a redirect to anything but http or https, nor read the redirect's own page", async () => {
		for (const path of ["/to-javascript", "/to-file", "/to-obsidian", "/to-data"]) {
			mocked.mockClear();
			const result = await fetchPageMeta(`${base}${path}`);
			expect(result, path).toEqual({ ok: false, message: "The server at 127.0.0.1 sent the page on to an address that is not a web page; it was not followed." });
			expect(mocked, path).toHaveBeenCalledTimes(1);
		}
	});

	it("gives up on endless redirects and on a redirect that says nowhere", async () => {
		await expect(fetchPageMeta(`${base}/loop`)).resolves.toEqual({ ok: false, message: "The server at 127.0.0.1 sent the page on more than 5 times." });
		await expect(fetchPageMeta(`${base}/no-location`)).resolves.toEqual({ ok: false, message: "The server at 127.0.0.1 answered 302 without saying where the page went." });
	});

	it("stops waiting for a body that never ends at the timeout, and for good", async () => {
		const start = performance.now();
		await expect(fetchPageMeta(`${base}/slow-body`, 400)).resolves.toEqual({ ok: false, message: "The server at 127.0.0.1 did not answer within 0.4 seconds." });
		expect(performance.now() - start).toBeLessThan(2000);
		// One time limit for the whole fetch, redirects included.
		const again = performance.now();
		await expect(fetchPageMeta(`${base}/slow-redirect`, 400)).resolves.toEqual({ ok: false, message: "The server at 127.0.0.1 did not answer within 0.4 seconds." });
		expect(performance.now() - again).toBeLessThan(2000);
	});

	it("tells a page it could not reach (nothing listens on the port) from a page without a title", async () => {
		// A port that was free a moment ago: the connection is refused.
		const closed = createServer();
		closed.listen(0, "127.0.0.1");
		await once(closed, "listening");
		const port = (closed.address() as AddressInfo).port;
		closed.close();
		await once(closed, "close");
		const result = await fetchPageMeta(`http://127.0.0.1:${port}/page`);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.message).toMatch(/^Could not reach the page at 127\.0\.0\.1 \(.*ECONNREFUSED.*\)\.$/);
		await expect(fetchPageMeta(`${base}/late-title`)).resolves.toEqual({ ok: false, message: "No title was found on the page at 127.0.0.1." });
	});

	it("reads only the first bytes of a huge page, which hold its head", async () => {
		await expect(fetchPageMeta(`${base}/huge`)).resolves.toMatchObject({ ok: true, title: "Huge page" });
		await expect(fetchPageMeta(`${base}/late-title`)).resolves.toEqual({ ok: false, message: "No title was found on the page at 127.0.0.1." });
		await expect(fetchPageMeta(`${base}/cut-utf8`)).resolves.toMatchObject({ ok: true, title: "Cut" });
	});

	it("cleans a hostile title: no made-up references, controls or bidi overrides, and a few hundred characters at most", async () => {
		const result = await fetchPageMeta(`${base}/hostile`);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.title!.startsWith("&constructor; gnp.exe x ab long long")).toBe(true);
		expect(result.title!.length).toBeLessThanOrEqual(301);
		expect(result.source).toBe("Site");
	});

	it("decodes the page in the charset its header or its meta tag names", async () => {
		await expect(fetchPageMeta(`${base}/windows-1252`)).resolves.toMatchObject({ ok: true, title: "“Quoted” – café" });
		await expect(fetchPageMeta(`${base}/meta-charset`)).resolves.toMatchObject({ ok: true, title: "Café" });
	});
});
