/**
 * URL keys and scheme checks: `normalizeUrl` is the key under which two entries "share a link"
 * (FORMAT.md, "Duplicate links"). Hand-written split, no regex and no `URL`: it runs for every
 * entry of the vault and must keep the path's bytes as written.
 */

// Compared lower-cased; `utm_*` is matched by prefix in isTrackingParam.
const TRACKING_PARAMS: ReadonlySet<string> = new Set([
	"fbclid",
	"gclid",
	"dclid",
	"msclkid",
	"mc_cid",
	"mc_eid",
	"igshid",
	"ref_src",
	"spm",
]);

const SLASH = 47;
const QUESTION = 63;
const HASH = 35;
const COLON = 58;

function isAsciiLetter(c: number): boolean {
	return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Index of the `:` that ends a URL scheme at the start of `s`, or -1 when there is none. */
function schemeEnd(s: string): number {
	if (s.length === 0 || !isAsciiLetter(s.charCodeAt(0))) return -1;
	for (let i = 1; i < s.length; i++) {
		const c = s.charCodeAt(i);
		// A one-letter "scheme" is a Windows drive (`C:\`), not a URL.
		if (c === COLON) return i >= 2 ? i : -1;
		const schemeChar = isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
		if (!schemeChar) return -1;
	}
	return -1;
}

/** Lower-cased scheme of `url` after trimming (without `:`), or "" when it has none. */
function schemeOf(url: string): string {
	const s = url.trim();
	const colon = schemeEnd(s);
	return colon < 0 ? "" : s.slice(0, colon).toLowerCase();
}

/** True for `http:` and `https:` URLs (any case, surrounding whitespace ignored). */
export function isWebUrl(url: string): boolean {
	const scheme = schemeOf(url);
	return scheme === "http" || scheme === "https";
}

/** True only for schemes the plugin may open: `http:`, `https:`, `obsidian:` (never `javascript:` etc.). */
export function isOpenableUrl(url: string): boolean {
	const scheme = schemeOf(url);
	return scheme === "http" || scheme === "https" || scheme === "obsidian";
}

function isTrackingParam(key: string): boolean {
	const lower = key.toLowerCase();
	return lower.startsWith("utm_") || TRACKING_PARAMS.has(lower);
}

/** `host[:port]` lower-cased, without default port or leading `www.`; user info kept as written. */
function normalizeAuthority(authority: string): string {
	const at = authority.lastIndexOf("@");
	const userInfo = at >= 0 ? authority.slice(0, at + 1) : "";
	const hostPort = authority.slice(at + 1).toLowerCase();
	// The port colon is the first one after an IPv6 literal's `]`, if any (first, for idempotence).
	const portColon = hostPort.indexOf(":", hostPort.lastIndexOf("]") + 1);
	const hasPort = portColon >= 0;
	let host = hasPort ? hostPort.slice(0, portColon) : hostPort;
	const port = hasPort ? hostPort.slice(portColon + 1) : "";
	// Repeat so that the key is idempotent even for `www.www.` hosts.
	while (host.length > 4 && host.startsWith("www.")) host = host.slice(4);
	// http equals https, so both default ports are dropped; an empty port is no port.
	const keepPort = port !== "" && port !== "80" && port !== "443";
	return userInfo + host + (keepPort ? ":" + port : "");
}

/** Query without tracking or empty parameters, sorted stably by key; "" when nothing is left. */
function normalizeQuery(query: string): string {
	if (query === "") return "";
	const kept: { key: string; param: string; index: number }[] = [];
	for (const param of query.split("&")) {
		if (param === "") continue;
		const eq = param.indexOf("=");
		const key = eq < 0 ? param : param.slice(0, eq);
		if (!isTrackingParam(key)) kept.push({ key, param, index: kept.length });
	}
	if (kept.length > 1) {
		// Index tiebreak keeps duplicate keys in their written order whatever the engine's sort.
		kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
	}
	return kept.map((p) => p.param).join("&");
}

/**
 * Key under which two URLs count as the same link. Never throws: input that is not an absolute
 * http(s) URL comes back trimmed, with its scheme (if any) lower-cased.
 */
export function normalizeUrl(url: string): string {
	const s = url.trim();
	const colon = schemeEnd(s);
	if (colon < 0) return s;
	const scheme = s.slice(0, colon).toLowerCase();
	if (scheme !== "http" && scheme !== "https") return scheme + s.slice(colon);

	const n = s.length;
	let start = colon + 1;
	// Browsers accept any number of slashes after `http:`, so `http:x.com` is `http://x.com`.
	while (start < n && s.charCodeAt(start) === SLASH) start++;
	let authorityEnd = start;
	while (authorityEnd < n) {
		const c = s.charCodeAt(authorityEnd);
		if (c === SLASH || c === QUESTION || c === HASH) break;
		authorityEnd++;
	}
	let pathEnd = authorityEnd;
	while (pathEnd < n) {
		const c = s.charCodeAt(pathEnd);
		if (c === QUESTION || c === HASH) break;
		pathEnd++;
	}
	let query = "";
	if (pathEnd < n && s.charCodeAt(pathEnd) === QUESTION) {
		const hash = s.indexOf("#", pathEnd + 1);
		query = normalizeQuery(s.slice(pathEnd + 1, hash < 0 ? n : hash));
	}
	// All trailing slashes go, not just one, so that the key is idempotent (`/a//` -> `/a`).
	let trimmedPathEnd = pathEnd;
	while (trimmedPathEnd > authorityEnd && s.charCodeAt(trimmedPathEnd - 1) === SLASH) trimmedPathEnd--;

	return (
		"https://" +
		normalizeAuthority(s.slice(start, authorityEnd)) +
		s.slice(authorityEnd, trimmedPathEnd) +
		(query === "" ? "" : "?" + query)
	);
}

/**
 * `url` without its tracking parameters (see TRACKING_PARAMS), every other byte as written (the
 * other parameters in their order, the fragment); `dropped` names the parameters taken out.
 * Only http(s) URLs are touched.
 */
export function withoutTracking(url: string): { url: string; dropped: string[] } {
	const s = url.trim();
	if (!isWebUrl(s)) return { url: s, dropped: [] };
	const q = s.indexOf("?");
	const hash = s.indexOf("#");
	if (q < 0 || (hash >= 0 && hash < q)) return { url: s, dropped: [] };
	const end = hash < 0 ? s.length : hash;
	const kept: string[] = [];
	const dropped: string[] = [];
	for (const param of s.slice(q + 1, end).split("&")) {
		const eq = param.indexOf("=");
		const key = eq < 0 ? param : param.slice(0, eq);
		if (param !== "" && isTrackingParam(key)) dropped.push(key);
		else kept.push(param);
	}
	if (dropped.length === 0) return { url: s, dropped };
	const query = kept.filter((p) => p !== "").join("&");
	return { url: s.slice(0, q) + (query === "" ? "" : `?${query}`) + s.slice(end), dropped };
}
