import { checkLinks, readWaybackAnswer, waybackLookupUrl, type LinkResult } from "../core/web/link-check";
import { digestFlag, missedAny, str, wholeNumber, type CommandGroup, type CommandRun, type Values } from "./command-group";
import { UsageError } from "./load-vault";
import { nodeFetcher } from "./node-fetcher";
import { count } from "../core/format/words";

/**
 * `digest-curator links`: the health of every link the series shared (src/core/web/link-check.ts
 * with Node's fetch): each URL asked once, HEAD then GET, redirects followed hop by hop, at most
 * two requests at a time to one host. With --archive, the Wayback Machine is asked for a copy of
 * each dead link. Nothing else is sent anywhere.
 */

export const WAYBACK_ENV = "DIGEST_CURATOR_WAYBACK_URL";

interface Shared {
	path: string;
	line: number;
	category: string;
	number: number | null;
}

/** Answers that refuse robots rather than say the page is gone: listed, never counted as dead. */
const REFUSED = new Set([401, 403, 429]);

/** Whether a result says the link no longer leads to its page. */
export function isDead(r: LinkResult): boolean {
	if (r.status === "not-found" || r.status === "gone" || r.status === "timeout") return true;
	return r.status === "error" && !(r.httpStatus !== undefined && REFUSED.has(r.httpStatus));
}

function seconds(values: Values): number {
	const v = str(values["timeout"]);
	if (v === undefined) return 10_000;
	const s = Number(v);
	if (!/^\d+(\.\d+)?$/.test(v.trim()) || !(s > 0)) throw new UsageError(`--timeout ${v} is not a number of seconds above 0.`);
	return Math.round(s * 1000);
}

/** The Wayback Machine's closest copy of a URL, or null; an answer that cannot be read is no copy. */
async function archivedCopy(url: string, base: string | undefined, timeoutMs: number): Promise<{ url: string; timestamp: string } | null> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	try {
		const res = await fetch(waybackLookupUrl(url, base), { signal: controller.signal, headers: { Accept: "application/json" } });
		if (!res.ok) return null;
		return readWaybackAnswer(await res.json());
	} catch {
		return null;
	} finally {
		clearTimeout(timer);
	}
}

function describeResult(r: LinkResult): string {
	switch (r.status) {
		case "not-found":
			return "not found (404)";
		case "gone":
			return "gone (410)";
		case "timeout":
			return "timed out";
		case "redirected":
			return `redirected${r.permanent ? " permanently" : ""} to ${r.finalUrl}`;
		case "error":
			return r.reason ?? "error";
		default:
			return "ok";
	}
}

async function commandLinks({ loaded, series, values, io }: CommandRun): Promise<number> {
	const concurrency = wholeNumber(values, "concurrency", 1, 8);
	const timeoutMs = seconds(values);
	const digests = values["digest"] !== undefined ? [digestFlag(loaded, series, values)] : loaded.index.digests(series.name);
	const shared = new Map<string, Shared[]>();
	let skipped = 0;
	for (const d of digests) {
		for (const c of d.categories) {
			for (const e of c.entries) {
				const url = e.url.trim();
				// obsidian:// and other local links have no web page to ask for.
				if (!/^https?:\/\//i.test(url)) {
					skipped++;
					continue;
				}
				const at = { path: d.path, line: e.line, category: c.name, number: e.number };
				const list = shared.get(url);
				if (list) list.push(at);
				else shared.set(url, [at]);
			}
		}
	}
	const urls = [...shared.keys()];
	const tty = process.stderr.isTTY === true && !values["json"];
	const results = await checkLinks(urls, nodeFetcher, {
		concurrency,
		timeoutMs,
		onResult: tty ? (_r, done, total) => io.err(`\rChecked ${done} of ${count(total, "link")}`) : undefined,
	});
	if (tty && urls.length > 0) io.err("\r\u001b[K");
	const archived = new Map<string, { url: string; timestamp: string } | null>();
	if (values["archive"]) {
		const base = process.env[WAYBACK_ENV] || undefined;
		const dead = results.filter(isDead);
		// The archive asks to be spared: two lookups at a time.
		for (let i = 0; i < dead.length; i += 2) {
			const pair = dead.slice(i, i + 2);
			const copies = await Promise.all(pair.map((r) => archivedCopy(r.url, base, timeoutMs)));
			pair.forEach((r, k) => archived.set(r.url, copies[k]!));
		}
	}
	const deadCount = results.filter(isDead).length;
	if (values["json"]) {
		const links = results.map((r) => ({ ...r, dead: isDead(r), ...(archived.has(r.url) ? { archived: archived.get(r.url) } : {}), sharedAt: shared.get(r.url) ?? [] }));
		io.out(`${JSON.stringify({ links, skipped }, null, 2)}\n`);
	} else {
		const out: string[] = [];
		for (const r of results) {
			if (r.status === "ok") continue;
			const where = (shared.get(r.url) ?? []).map((s) => `${s.path}:${s.line}`).join(", ");
			out.push(`${isDead(r) ? "dead" : r.status === "redirected" ? "moved" : "check"}  ${r.url}  ${describeResult(r)}  (${where})`);
			if (archived.has(r.url)) {
				const copy = archived.get(r.url);
				out.push(copy ? `      archived copy: ${copy.url}` : "      no archived copy");
			}
		}
		const by = (s: LinkResult["status"]) => results.filter((r) => r.status === s).length;
		out.push(`${count(results.length, "link")} checked: ${by("ok")} ok, ${by("redirected")} redirected, ${deadCount} dead${skipped ? `; ${skipped} ${skipped === 1 ? "entry" : "entries"} without a web link skipped` : ""}.`);
		io.out(`${out.join("\n")}\n`);
	}
	return deadCount > 0 || missedAny(loaded) ? 1 : 0;
}

export const LINKS_COMMAND: CommandGroup = {
	name: "links",
	summary: "Check that the links the series shared still lead to their pages",
	subcommands: {
		"": {
			usage: "digest-curator links VAULT [--digest PATH] [--concurrency N] [--timeout S] [--archive] [--json]",
			help: `Ask for every http(s) link of the series' digests (HEAD, then GET where HEAD is refused;
redirects followed hop by hop; at most two requests at a time to one host). Lists the links that
moved or are dead with where they were shared, and exits 1 when a link is dead: not found (404),
gone (410), timed out, or failing otherwise (401, 403 and 429 answers refuse robots and are not
counted as dead). Requests go to the links' own sites and, with --archive, to archive.org.
  --digest PATH     Only the links of this digest
  --concurrency N   Requests at once in all (default 8)
  --timeout S       Seconds to wait for each answer (default 10)
  --archive         Ask the Wayback Machine for an archived copy of each dead link
                    (its address can be changed with ${WAYBACK_ENV})
  --json            Print {"links": [{"url", "status", "httpStatus"?, "finalUrl"?, "permanent"?,
                    "reason"?, "dead", "archived"?, "sharedAt": [{"path", "line", "category", "number"}]}],
                    "skipped"}; the statuses are ok, redirected, not-found, gone, timeout, error`,
			options: { digest: { type: "string" }, concurrency: { type: "string" }, timeout: { type: "string" }, archive: { type: "boolean" }, json: { type: "boolean" } },
			run: commandLinks,
		},
	},
};
