import { existsSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { MarkerStyle } from "../core/edit/regions";
import { compareDates, isoDate, parseIsoDate } from "../core/format/dates";
import { indexNoteLocation } from "../core/format/series";
import type { DayDate, Digest, Series } from "../core/format/types";
import { jsonFeed, rssFeed, siteUrl, type FeedOptions } from "../core/publish/feeds";
import type { WikiLinkUrl } from "../core/publish/inline-html";
import { newsletterHtml, newsletterMarkdown } from "../core/publish/newsletter";
import { recapLines, recapPicks } from "../core/publish/recap";
import { seriesIndexLines } from "../core/publish/series-index";
import { choice, digestFlag, missedAny, notePathFlag, str, type CommandGroup, type CommandRun, type Values } from "./command-group";
import { reportWritten, writeGenerated, writeRegionNote, type WriteResult, type Written } from "./generated-output";
import { UsageError, type LoadedVault } from "./load-vault";
import { VaultFs, VaultWriteError } from "./vault-fs";

/**
 * `digest-curator publish index|recap|feed|newsletter`: what a curator publishes from the index
 * (src/core/publish/), written into generated regions of notes or into files of their own.
 */

const MARKERS = ["obsidian", "html"] as const;

const REGION_OPTIONS = {
	out: { type: "string" },
	marker: { type: "string" },
	force: { type: "boolean" },
	"dry-run": { type: "boolean" },
	json: { type: "boolean" },
} as const;

const REGION_HELP = `  --marker STYLE       obsidian (%% ... %%, hidden in reading view; the default for a new region) or html (<!-- ... -->)
  --force              Replace the region even when it was edited by hand since it was written
  --dry-run            Show the change as a diff and write nothing
  --json               Print {"dryRun", "files": [{"path", "outcome", "diff"?}]}`;

/** Only what a note's own text may not hold is refused: the region stays the user's choice of note. */
function refuseDigest(loaded: LoadedVault, path: string): void {
	if (loaded.index.get(path)) throw new UsageError(`${path} is a digest; write the generated text into a note of its own.`);
}

/** The publish commands make nothing from a vault with notes they could not read: what they wrote would leave them out. */
function refuseMissing(loaded: LoadedVault): void {
	// A refused write (exit 1), as a note that could not be read is for index and check.
	if (missedAny(loaded)) throw new VaultWriteError("Some notes could not be read (see above), and what is published would leave them out; nothing was written.");
}

function markerStyle(values: Values): MarkerStyle | undefined {
	return values["marker"] === undefined ? undefined : choice(values, "marker", MARKERS, "obsidian");
}

function finish(io: CommandRun["io"], results: readonly WriteResult[], values: Values): number {
	const written: Written[] = [];
	for (const r of results) {
		if (!r.ok) {
			io.err(`digest-curator: ${r.reason}\n`);
			return 1;
		}
		written.push(r.written);
	}
	reportWritten(io, written, values["dry-run"] === true, values["json"] === true);
	return 0;
}

function commandIndex({ loaded, series, values, io }: CommandRun): number {
	refuseMissing(loaded);
	let path: string;
	const out = str(values["out"]);
	if (out !== undefined) path = notePathFlag(loaded, out, "--out");
	else {
		const where = indexNoteLocation(series);
		if (!where.ok) throw new UsageError(where.reason);
		path = loaded.files.find((f) => f.toLowerCase() === where.path.toLowerCase()) ?? where.path;
	}
	refuseDigest(loaded, path);
	const lines = seriesIndexLines(loaded.index.digests(series.name), series, { template: str(values["template"]), summaryField: str(values["summary-field"]) });
	const content = lines.length > 0 ? lines : ["*No digests yet.*"];
	return finish(io, [writeRegionNote(loaded.vault, path, { name: "index", content, style: markerStyle(values), force: values["force"] === true }, values["dry-run"] === true)], values);
}

function dateFlag(values: Values, name: string): DayDate {
	const v = str(values[name]);
	if (v === undefined || v.trim() === "") throw new UsageError(`--${name} is required (YYYY-MM-DD).`);
	const d = parseIsoDate(v.trim());
	if (!d) throw new UsageError(`--${name} ${v} is not a date in the form YYYY-MM-DD.`);
	return d;
}

function commandRecap({ loaded, series, values, io }: CommandRun): number {
	const from = dateFlag(values, "from");
	const to = dateFlag(values, "to");
	if (compareDates(from, to) > 0) throw new UsageError(`--from ${isoDate(from)} is after --to ${isoDate(to)}.`);
	const groupBy = choice(values, "group-by", ["category", "digest"] as const, "category");
	refuseMissing(loaded);
	const picks = recapPicks(loaded.index.digests(series.name), from, to);
	const lines = picks.length > 0 ? recapLines(picks, { groupBy, template: str(values["template"]) ?? series.recapTemplate }) : [`*No recommended entries in the digests from ${isoDate(from)} to ${isoDate(to)}.*`];
	const out = str(values["out"]);
	if (out === undefined) {
		if (values["json"]) {
			const json = picks.map((p) => ({ digest: p.digest.path, digestTitle: p.digest.title, category: p.entry.category, number: p.entry.number, source: p.entry.source, title: p.entry.title, url: p.entry.url, line: p.entry.line }));
			io.out(`${JSON.stringify({ from: isoDate(from), to: isoDate(to), picks: json }, null, 2)}\n`);
		} else io.out(`${lines.join("\n")}\n`);
		return 0;
	}
	const path = notePathFlag(loaded, out, "--out");
	refuseDigest(loaded, path);
	const name = `recap-${isoDate(from)}-${isoDate(to)}`;
	return finish(io, [writeRegionNote(loaded.vault, path, { name, content: lines, style: markerStyle(values), force: values["force"] === true }, values["dry-run"] === true)], values);
}

/** A base URL from the command line: http(s), with no trailing slash. */
function baseUrlFlag(values: Values, required: boolean): string | null {
	const v = str(values["base-url"]);
	if (v === undefined || v.trim() === "") {
		if (required) throw new UsageError("--base-url is required: the address the site is published at, e.g. https://example.com.");
		return null;
	}
	let url: URL;
	try {
		url = new URL(v.trim());
	} catch {
		throw new UsageError(`--base-url ${v} is not an address; give one like https://example.com.`);
	}
	if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`--base-url ${v} is not an http or https address.`);
	return url.toString().replace(/\/+$/, "");
}

/** A heading or block as a page anchor: `#Two words` is `#two-words`, as static site generators slug headings. */
function anchor(subpath: string | null): string {
	if (!subpath) return "";
	const part = subpath.split("#").filter((s) => s !== "").pop() ?? "";
	if (part.startsWith("^")) return `#${encodeURIComponent(part)}`;
	const slug = part.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
	return slug === "" ? "" : `#${encodeURIComponent(slug)}`;
}

/** Where a wiki-link in a digest points on the site: its target resolved as the index resolves it. */
function wikiLinks(loaded: LoadedVault, base: string | null): ((digest: Digest) => WikiLinkUrl) | undefined {
	if (base === null) return undefined;
	return (digest) => (target, subpath) => {
		const resolved = loaded.index.resolveLink(target, digest.path);
		return resolved ? `${siteUrl(base, resolved)}${anchor(subpath)}` : null;
	};
}

/** A series' name as a file name for its feeds: `Weekly links` is `weekly-links`. */
export function feedFileName(series: Pick<Series, "name">): string {
	return (
		series.name
			.toLowerCase()
			.replace(/[^\p{L}\p{N}]+/gu, "-")
			.replace(/^-+|-+$/g, "") || "digests"
	);
}

/** A folder from the command line, relative to where the command runs; refused when a file stands there. */
function folderFlag(raw: string): string {
	const full = resolve(raw);
	if (existsSync(full) && !statSync(full).isDirectory()) throw new UsageError(`--out ${raw} is a file; give a folder for the feeds.`);
	return full;
}

function commandFeed({ loaded, series, values, io }: CommandRun): number {
	// A collection's notes have no periods to feed (issue 17); its recommended links can go into a recap.
	if (series.collection === true) throw new UsageError(`${series.name} is a collection, which has no periods and so no feed; publish recap takes its recommended links.`);
	const base = baseUrlFlag(values, true)!;
	refuseMissing(loaded);
	const outFlag = str(values["out"]);
	const dir = outFlag !== undefined ? folderFlag(outFlag) : join(resolve(loaded.vault.root), "feeds");
	const shownDir = outFlag ?? join(loaded.vault.root, "feeds");
	const name = feedFileName(series);
	// Inside the vault, a static site publishes the folder where the vault has it.
	const inVault = relative(resolve(loaded.vault.root), dir);
	const published = inVault.startsWith("..") || isAbsolute(inVault) ? null : inVault.split(/[\\/]/).filter((s) => s !== "").join("/");
	const feedUrl = (file: string) => (published === null ? undefined : siteUrl(base, published === "" ? file : `${published}/${file}`));
	const digests = loaded.index.digests(series.name);
	const options = (file: string): FeedOptions => ({
		title: series.name,
		siteUrl: `${base}/`,
		feedUrl: feedUrl(file),
		digestUrl: (d) => siteUrl(base, d.path),
		wikiLinkUrl: wikiLinks(loaded, base),
		recommendedItems: values["recommended-items"] === true,
	});
	const fs = new VaultFs(dir);
	const dryRun = values["dry-run"] === true;
	const results = [
		{ file: `${name}.xml`, text: rssFeed(digests, options(`${name}.xml`)) },
		{ file: `${name}.json`, text: jsonFeed(digests, options(`${name}.json`)) },
	].map(({ file, text }) => writeGenerated(fs, file, join(shownDir, file), () => ({ ok: true, text }), dryRun));
	return finish(io, results, values);
}

function commandNewsletter({ loaded, series, values, io }: CommandRun): number {
	const format = choice(values, "format", ["html", "markdown"] as const, "html");
	const base = baseUrlFlag(values, false);
	const digest = digestFlag(loaded, series, values);
	const links = wikiLinks(loaded, base)?.(digest);
	const text = format === "markdown" ? newsletterMarkdown(digest, links) : newsletterHtml(digest, links);
	const out = str(values["out"]);
	if (out === undefined) {
		io.out(text);
		return 0;
	}
	const full = resolve(out);
	const inVault = relative(resolve(loaded.vault.root), full);
	if (!inVault.startsWith("..") && !isAbsolute(inVault)) refuseDigest(loaded, inVault.split(/[\\/]/).join("/"));
	if (existsSync(full) && statSync(full).isDirectory()) throw new UsageError(`--out ${out} is a folder; give the path of a file.`);
	return finish(io, [writeGenerated(new VaultFs(dirname(full)), basename(full), out, () => ({ ok: true, text }), values["dry-run"] === true)], values);
}

export const PUBLISH_COMMAND: CommandGroup = {
	name: "publish",
	summary: "Publish from the digests: the series index, a best-of recap, RSS and JSON feeds, a newsletter",
	subcommands: {
		index: {
			usage: "digest-curator publish index VAULT [--out NOTE] [--template T] [--summary-field F] [--marker obsidian|html] [--force] [--dry-run] [--json]",
			help: `Write the series' index (a heading per year, a line per digest, drafts left out) into the
"digest-curator:index" region of its index note, created when missing. Text outside the
region is never changed; a region edited by hand since it was written is refused without --force.
  --out NOTE           Vault path of the note (default: the series' indexNote setting, else
                       "<folder>/<series name> index.md")
  --template T         A digest's line; placeholders {{n}} {{link}} {{title}} {{period}} {{entries}}
                       {{recommended}} {{categories}} {{summary}}
                       (default "{{n}}. {{link}} - {{entries}} entries, {{recommended}} recommended - *{{summary}}*";
                       one that starts with - is given as --template="- ...")
  --summary-field F    Frontmatter field holding a digest's summary (default: summary)
${REGION_HELP}`,
			options: { ...REGION_OPTIONS, template: { type: "string" }, "summary-field": { type: "string" } },
			run: commandIndex,
		},
		recap: {
			usage: "digest-curator publish recap VAULT --from YYYY-MM-DD --to YYYY-MM-DD [--out NOTE] [--group-by category|digest] [--template T] [--marker obsidian|html] [--force] [--dry-run] [--json]",
			help: `The recommended entries of the digests whose periods lie within --from and --to, grouped by
category (or by digest), each with a link back to its digest. Printed, or with --out written
into the note's "digest-curator:recap-<from>-<to>" region.
  --from D, --to D     The first and last day (both included)
  --out NOTE           Vault path of the note to write the recap into (created when missing)
  --group-by G         category (default) or digest
  --template T         An entry's line; placeholders {{entry}} {{source}} {{title}} {{url}}
                       {{category}} {{digest}} {{digestTitle}} {{period}}
                       (default "- {{entry}} · from {{digest}}"; else the series' recapTemplate)
${REGION_HELP}
                       (without --out: {"from", "to", "picks": [...]})`,
			options: { ...REGION_OPTIONS, from: { type: "string" }, to: { type: "string" }, "group-by": { type: "string" }, template: { type: "string" } },
			run: commandRecap,
		},
		feed: {
			usage: "digest-curator publish feed VAULT --base-url URL [--out DIR] [--recommended-items] [--dry-run] [--json]",
			help: `Write the series' RSS 2.0 (<series>.xml) and JSON Feed 1.1 (<series>.json) feeds: an item per
digest, newest first, drafts left out, with wiki-links pointing at the published notes.
  --base-url URL       Where the vault is published; a note's address is its path without .md,
                       spaces as -, each part percent-encoded
  --out DIR            Folder for the feeds, inside the vault or not (default: VAULT/feeds)
  --recommended-items  Also an item per recommended entry
  --dry-run            Show the change as a diff and write nothing
  --json               Print {"dryRun", "files": [{"path", "outcome", "diff"?}]}`,
			options: { "base-url": { type: "string" }, out: { type: "string" }, "recommended-items": { type: "boolean" }, "dry-run": { type: "boolean" }, json: { type: "boolean" } },
			run: commandFeed,
		},
		newsletter: {
			usage: "digest-curator publish newsletter VAULT [--digest PATH] [--format html|markdown] [--base-url URL] [--out FILE] [--dry-run]",
			help: `A digest as a newsletter: e-mail-ready HTML (inline styles, no scripts) or plain Markdown.
Printed, or written to --out.
  --digest PATH        Vault path of the digest (default: the series' latest)
  --format F           html (default) or markdown
  --base-url URL       Where the vault is published: wiki-links become links there (else their text)
  --out FILE           The file to write, inside the vault or not (a digest is refused)
  --dry-run            With --out: show the change as a diff and write nothing`,
			options: { digest: { type: "string" }, format: { type: "string" }, "base-url": { type: "string" }, out: { type: "string" }, "dry-run": { type: "boolean" } },
			run: commandNewsletter,
		},
	},
};
