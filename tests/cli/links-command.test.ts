import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestNote, runAsync, saveSettings, tempDir, useCli, write } from "./cli-harness";

useCli();

/**
 * `links` against a server of the test's own on 127.0.0.1, the tool in a process of its own so
 * that this one keeps answering; a stand-in for the Wayback Machine's availability API too.
 */

let server: Server;
let base = "";
const seen: { method: string; path: string }[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		const path = req.url ?? "/";
		seen.push({ method: req.method ?? "", path });
		const go = (status: number, headers: Record<string, string> = {}, body = "") => {
			res.writeHead(status, headers);
			res.end(req.method === "HEAD" ? undefined : body);
		};
		if (path === "/ok" || path === "/also-ok") return go(200, { "content-type": "text/html" }, "<title>ok</title>");
		if (path === "/missing") return go(404);
		if (path === "/gone") return go(410);
		if (path === "/forbidden") return go(403);
		if (path === "/hop1") return go(301, { location: "/hop2" });
		if (path === "/hop2") return go(302, { location: `${base}/ok` });
		if (path === "/slow") {
			const t = setTimeout(() => go(200), 30_000);
			req.on("close", () => clearTimeout(t));
			return;
		}
		if (path.startsWith("/wayback?")) {
			const url = new URL(path, base).searchParams.get("url") ?? "";
			const closest = url.endsWith("/missing") ? { available: true, url: `http://web.archive.org/web/20200101000000/${url}`, timestamp: "20200101000000", status: "200" } : undefined;
			res.writeHead(200, { "content-type": "application/json" });
			return res.end(JSON.stringify({ url, archived_snapshots: closest ? { closest } : {} }));
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

function linksVault(): string {
	const vault = tempDir();
	saveSettings(vault, [{ name: "Weekly", tag: "weeklylinks" }]);
	write(vault, "One.md", digestNote("Weekly Links: 01-01-2026 to 14-01-2026", [], [
		"# Web",
		`[1. Local - Fine](${base}/ok)`,
		`[2. Local - Missing](${base}/missing)`,
		`[3. Local - Gone](${base}/gone)`,
		`[4. Local - Moved twice](${base}/hop1)`,
		`[5. Local - Robots not welcome](${base}/forbidden)`,
		`[6. Local - Never answers](${base}/slow)`,
		"[7. Vault - A note](obsidian://open?vault=x&file=y)",
	]));
	write(vault, "Two.md", digestNote("Weekly Links: 15-01-2026 to 28-01-2026", [], ["# Web", `[1. Local - Fine again](${base}/ok)`, `[2. Local - Also fine](${base}/also-ok)`]));
	return vault;
}

interface LinkJson {
	url: string;
	status: string;
	httpStatus?: number;
	finalUrl?: string;
	permanent?: boolean;
	reason?: string;
	dead: boolean;
	archived?: { url: string; timestamp: string } | null;
	sharedAt: { path: string; line: number; category: string; number: number | null }[];
}

describe("links", () => {
	it("--json gives one result per URL with where it was shared, exits 1 for dead links, and finds archived copies", async () => {
		const vault = linksVault();
		seen.length = 0;
		const r = await runAsync(["links", vault, "--json", "--timeout", "2", "--archive"], { DIGEST_CURATOR_WAYBACK_URL: `${base}/wayback` });
		expect(r.code, r.err).toBe(1);
		// Not a terminal: no progress line, and nothing but the JSON on stdout.
		expect(r.err).toBe("");
		const json = JSON.parse(r.out) as { links: LinkJson[]; skipped: number };
		expect(json.skipped).toBe(1);
		const by = new Map(json.links.map((l) => [l.url.slice(base.length), l]));
		expect([...by.keys()]).toEqual(["/ok", "/missing", "/gone", "/hop1", "/forbidden", "/slow", "/also-ok"]);
		expect(by.get("/ok")).toEqual({
			url: `${base}/ok`,
			status: "ok",
			httpStatus: 200,
			dead: false,
			sharedAt: [
				{ path: "One.md", line: 7, category: "Web", number: 1 },
				{ path: "Two.md", line: 7, category: "Web", number: 1 },
			],
		});
		expect(by.get("/missing")).toMatchObject({ status: "not-found", httpStatus: 404, dead: true, archived: { url: `https://web.archive.org/web/20200101000000/${base}/missing`, timestamp: "20200101000000" } });
		expect(by.get("/gone")).toMatchObject({ status: "gone", httpStatus: 410, dead: true, archived: null });
		expect(by.get("/hop1")).toMatchObject({ status: "redirected", httpStatus: 200, finalUrl: `${base}/ok`, permanent: false, dead: false });
		expect(by.get("/hop1")!.archived).toBeUndefined();
		expect(by.get("/forbidden")).toMatchObject({ status: "error", httpStatus: 403, dead: false });
		expect(by.get("/slow")).toMatchObject({ status: "timeout", dead: true });
		// The archive is asked about the dead links only.
		expect(seen.filter((s) => s.path.startsWith("/wayback")).map((s) => decodeURIComponent(s.path.split("url=")[1]!).slice(base.length)).sort()).toEqual(["/gone", "/missing", "/slow"]);
		// Each URL asked once, however often it was shared.
		expect(seen.filter((s) => s.path === "/ok" && s.method === "HEAD")).toHaveLength(2); // once itself, once as the redirects' end
	}, 60_000);

	it("lists the links that moved or are dead, with where they were shared, and a summary", async () => {
		const r = await runAsync(["links", linksVault(), "--timeout", "2", "--concurrency", "3"]);
		expect(r.code, r.err).toBe(1);
		const lines = r.out.trimEnd().split("\n");
		expect(lines).toContain(`dead  ${base}/missing  not found (404)  (One.md:8)`);
		expect(lines).toContain(`dead  ${base}/gone  gone (410)  (One.md:9)`);
		expect(lines).toContain(`moved  ${base}/hop1  redirected to ${base}/ok  (One.md:10)`);
		expect(lines).toContain(`check  ${base}/forbidden  HTTP 403  (One.md:11)`);
		expect(lines).toContain(`dead  ${base}/slow  timed out  (One.md:12)`);
		// The links that are fine are only counted.
		expect(lines.filter((l) => [`${base}/ok`, `${base}/also-ok`].includes(l.split("  ")[1] ?? ""))).toEqual([]);
		expect(lines[lines.length - 1]).toBe("7 links checked: 2 ok, 1 redirected, 3 dead; 1 entry without a web link skipped.");
	}, 60_000);

	it("exits 0 when every link of the digest asked for is alive", async () => {
		const r = await runAsync(["links", linksVault(), "--digest", "Two", "--json"]);
		expect(r.code, r.err).toBe(0);
		expect((JSON.parse(r.out) as { links: LinkJson[] }).links.map((l) => l.status)).toEqual(["ok", "ok"]);
	}, 60_000);

	it("refuses a bad --concurrency or --timeout in one sentence", async () => {
		const vault = linksVault();
		expect((await runAsync(["links", vault, "--concurrency", "0"])).err).toBe("digest-curator links: --concurrency 0 is not a whole number of at least 1.\n");
		const r = await runAsync(["links", vault, "--timeout", "soon"]);
		expect(r.code).toBe(2);
		expect(r.err).toBe("digest-curator links: --timeout soon is not a number of seconds above 0.\n");
	});
});
