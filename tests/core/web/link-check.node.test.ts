import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeFetcher } from "../../../src/cli/node-fetcher";
import { checkLink, checkLinks, readWaybackAnswer, waybackLookupUrl } from "../../../src/core/web/link-check";

let server: Server;
let base = "";
const seen: { method: string; path: string; agent: string }[] = [];
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
	server = createServer((req, res) => {
		const path = req.url ?? "/";
		seen.push({ method: req.method ?? "", path, agent: String(req.headers["user-agent"]) });
		const go = (status: number, headers: Record<string, string> = {}, body = "") => {
			res.writeHead(status, headers);
			res.end(req.method === "HEAD" ? undefined : body);
		};
		if (path === "/ok") return go(200, { "content-type": "text/html" }, "<title>x</title>");
		if (path === "/missing") return go(404);
		if (path === "/gone") return go(410);
		if (path === "/broken") return go(500);
		if (path === "/no-head") return req.method === "HEAD" ? go(405) : go(200);
		if (path === "/hop1") return go(301, { location: "/hop2" });
		if (path === "/hop2") return go(308, { location: `${base}/ok` });
		if (path === "/temporary") return go(302, { location: "/ok" });
		if (path === "/slash") return go(301, { location: "/slash/" });
		if (path === "/slash/") return go(200);
		if (path === "/to-ftp") return go(301, { location: "ftp://files.example/x" });
		if (path === "/loop") return go(302, { location: "/loop" });
		if (path === "/slow") {
			const t = setTimeout(() => go(200), 3000);
			req.on("close", () => clearTimeout(t));
			return;
		}
		if (path === "/huge") {
			// Headers at once, then a body that never ends: the check must not wait for it.
			res.writeHead(200, { "content-type": "text/html" });
			if (req.method === "HEAD") return res.end();
			const chunk = "x".repeat(64 * 1024);
			const timer = setInterval(() => res.write(chunk), 5);
			req.on("close", () => clearInterval(timer));
			return;
		}
		if (path.startsWith("/counted/")) {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			setTimeout(() => {
				inFlight--;
				go(200);
			}, 40);
			return;
		}
		return go(404);
	});
	await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((done) => server.close(done));
});

const check = (path: string, timeoutMs = 2000) => checkLink(`${base}${path}`, nodeFetcher, { timeoutMs });

describe("link check against a local server", () => {
	it("tells ok, not found, gone and server errors apart, naming the tool in its user agent", async () => {
		expect(await check("/ok")).toEqual({ url: `${base}/ok`, status: "ok", httpStatus: 200 });
		expect(await check("/missing")).toMatchObject({ status: "not-found", httpStatus: 404 });
		expect(await check("/gone")).toMatchObject({ status: "gone", httpStatus: 410 });
		expect(await check("/broken")).toMatchObject({ status: "error", httpStatus: 500, reason: "HTTP 500" });
		expect(seen.find((s) => s.path === "/ok")!.agent).toMatch(/^DigestCurator-LinkCheck\//);
	});

	it("asks with GET where HEAD is refused", async () => {
		expect(await check("/no-head")).toMatchObject({ status: "ok" });
		expect(seen.filter((s) => s.path === "/no-head").map((s) => s.method)).toEqual(["HEAD", "GET"]);
	});

	it("follows a redirect chain, says whether it was permanent and what kind it was", async () => {
		expect(await check("/hop1")).toEqual({ url: `${base}/hop1`, status: "redirected", httpStatus: 200, finalUrl: `${base}/ok`, permanent: true, redirectKind: "other" });
		expect(await check("/temporary")).toMatchObject({ status: "redirected", permanent: false });
		expect(await check("/slash")).toMatchObject({ status: "redirected", finalUrl: `${base}/slash/`, redirectKind: "slash" });
	});

	it("refuses a redirect to a non-web scheme and a redirect loop", async () => {
		expect(await check("/to-ftp")).toMatchObject({ status: "error", reason: "redirects to a non-web address" });
		expect(await check("/loop")).toMatchObject({ status: "error", reason: "more than 10 redirects" });
	});

	it("stops waiting at the timeout, and never waits for a huge body", async () => {
		const started = Date.now();
		expect(await check("/slow", 300)).toEqual({ url: `${base}/slow`, status: "timeout" });
		expect(Date.now() - started).toBeLessThan(2500);
		expect(await checkLink(`${base}/huge`, nodeFetcher, { timeoutMs: 2000 })).toMatchObject({ status: "ok" });
		// GET of a page that never ends (HEAD refused is not needed): the fetcher drops the body.
		const get = await nodeFetcher({ url: `${base}/huge`, method: "GET", headers: {}, timeoutMs: 2000 });
		expect(get.status).toBe(200);
	});

	it("reports an unreachable host as an error with its reason", async () => {
		const closed = createServer();
		await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((done) => closed.close(done));
		expect(await checkLink(`http://127.0.0.1:${port}/x`, nodeFetcher, { timeoutMs: 2000 })).toMatchObject({ status: "error", reason: "ECONNREFUSED" });
	});

	it("checks each URL once, within the per-host limit, and stops when cancelled", async () => {
		maxInFlight = 0;
		const urls = Array.from({ length: 8 }, (_, i) => `${base}/counted/${i}`);
		const results = await checkLinks([...urls, urls[0]!], nodeFetcher, { concurrency: 8, perHost: 2, timeoutMs: 2000 });
		expect(results).toHaveLength(9);
		expect(results.every((r) => r.status === "ok")).toBe(true);
		expect(maxInFlight).toBe(2);
		let n = 0;
		const partial = await checkLinks(urls, nodeFetcher, { perHost: 1, timeoutMs: 2000, cancelled: () => ++n > 3 });
		expect(partial.length).toBeLessThan(urls.length);
	});
});

describe("archived copies", () => {
	it("reads the closest snapshot from the availability lookup", () => {
		expect(waybackLookupUrl("https://example.com/a?b=1", "http://127.0.0.1:9/wayback")).toBe("http://127.0.0.1:9/wayback?url=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1");
		expect(readWaybackAnswer({ archived_snapshots: { closest: { available: true, status: "200", timestamp: "20240101000000", url: "http://web.archive.org/web/20240101000000/https://example.com/a" } } })).toEqual({ url: "https://web.archive.org/web/20240101000000/https://example.com/a", timestamp: "20240101000000" });
		expect(readWaybackAnswer({ archived_snapshots: {} })).toBeNull();
		expect(readWaybackAnswer({ archived_snapshots: { closest: { available: true, status: "404", url: "https://web.archive.org/x" } } })).toBeNull();
		expect(readWaybackAnswer({ archived_snapshots: { closest: { available: true, url: "javascript:alert(1)" } } })).toBeNull();
	});
});
