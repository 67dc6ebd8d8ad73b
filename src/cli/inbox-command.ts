import { parseCaptureRequest } from "../core/capture/capture-request";
import { parseInbox, seriesCategoryFor } from "../core/capture/inbox";
import { suggestForCapture } from "../core/capture/suggest";
import { appendToInbox, removeFromInbox, sameInboxItem } from "../core/edit/inbox-edits";
import { inboxNoteLocation } from "../core/format/series";
import type { Series } from "../core/format/types";
import type { IndexedEntry } from "../core/index/digest-index";
import { normalizeUrl } from "../core/links/url-normalize";
import { missedAny, notePathFlag, str, wholeNumber, type CommandGroup, type CommandRun, type Values } from "./command-group";
import { writeGenerated } from "./generated-output";
import { UsageError, type LoadedVault } from "./load-vault";
import type { CliIo } from "./run-cli";
import { VaultWriteError } from "./vault-fs";
import { count } from "../core/format/words";

/**
 * `digest-curator inbox` and `inbox add`: the series' inbox of captured links
 * (src/core/capture/inbox.ts), listed with the links already shared and what the curator's
 * history suggests, and appended to; and `add --from-inbox N`, which makes an inbox item an entry.
 */

function inboxPath(loaded: LoadedVault, series: Series): string {
	const where = inboxNoteLocation(series);
	if (!where.ok) throw new UsageError(where.reason);
	return loaded.files.find((f) => f.toLowerCase() === where.path.toLowerCase()) ?? where.path;
}

/** The inbox's text, or null when the note does not exist yet; an inbox that cannot be read as text is refused. */
function readInbox(loaded: LoadedVault, path: string): string | null {
	if (!loaded.vault.exists(path)) return null;
	const read = loaded.vault.readText(path);
	if (read.problem) throw new UsageError(read.problem);
	return read.text;
}

function sharedAt(entries: readonly IndexedEntry[]) {
	return entries.map((ie) => ({ path: ie.digest.path, line: ie.entry.line, category: ie.category.name, number: ie.entry.number }));
}

function commandList({ loaded, series, values, io }: CommandRun): number {
	const path = inboxPath(loaded, series);
	const text = readInbox(loaded, path);
	const code = missedAny(loaded) ? 1 : 0;
	if (text === null) io.err(`digest-curator: ${path} does not exist yet; "digest-curator inbox add VAULT --url U" starts it.\n`);
	const inbox = parseInbox(text ?? "");
	const rows = inbox.items.map((item, i) => ({
		n: i + 1,
		line: item.line + 1,
		url: item.url,
		title: item.title,
		source: item.source,
		category: item.category,
		tags: item.tags,
		recommended: item.recommended,
		commentary: item.commentary,
		sharedAt: sharedAt(loaded.index.findUrl(item.url)),
		suggestions: suggestForCapture(loaded.index, item.url, item.source),
	}));
	if (values["json"]) {
		io.out(`${JSON.stringify({ inbox: path, items: rows, problems: inbox.problems.map((p) => ({ line: p.line + 1, message: p.message })) }, null, 2)}\n`);
		return code;
	}
	const out: string[] = [`${path}: ${rows.length === 1 ? "1 link" : `${rows.length} links`}.`];
	for (const r of rows) {
		const name = r.title ? `${r.source ? `${r.source} - ` : ""}${r.title}` : "(no title)";
		const marks = [r.category ? `[${r.category}]` : "", ...r.tags.map((t) => `#${t}`), r.recommended ? "(Recommended)" : ""].filter((m) => m !== "");
		out.push(`${r.n}. ${name}  ${r.url}${marks.length ? `  ${marks.join(" ")}` : ""}`);
		if (r.sharedAt.length > 0) out.push(`   already shared at ${r.sharedAt.map((s) => `${s.path}:${s.line} (${s.category}, number ${s.number ?? "none"})`).join(", ")}`);
		const hints: string[] = [];
		const { category, source, host } = r.suggestions;
		if (!r.category && category) hints.push(`category ${category.value} (${category.count} of ${count(category.of, "link")}${host ? ` from ${host}` : ""})`);
		if (!r.source && source) hints.push(`source ${source.value} (${source.count} of ${source.of})`);
		if (hints.length > 0) out.push(`   suggested: ${hints.join(", ")}`);
	}
	for (const p of inbox.problems) out.push(`${path}:${p.line + 1}: ${p.message}`);
	io.out(`${out.join("\n")}\n`);
	return code;
}

function commandAdd({ loaded, series, values, io }: CommandRun): number {
	const comments = Array.isArray(values["comment"]) ? values["comment"] : [];
	// The rules every capture from outside follows (obsidian:// links, the API, scripts).
	const request = parseCaptureRequest({
		mode: "inbox",
		url: str(values["url"]) ?? "",
		title: str(values["title"]),
		source: str(values["source"]),
		category: str(values["category"]),
		tags: str(values["tags"]),
		recommended: values["recommended"] ? "yes" : undefined,
		comment: comments.join("\n"),
	});
	if (!request.ok) throw new UsageError(request.reason);
	const r = request.request;
	const path = inboxPath(loaded, series);
	const key = normalizeUrl(r.url);
	let number = 0;
	const result = writeGenerated(loaded.vault, path, path, (current) => {
		const items = parseInbox(current ?? "").items;
		const already = items.findIndex((item) => normalizeUrl(item.url) === key);
		if (already >= 0 && !values["allow-duplicate"]) return { ok: false, reason: `${r.url} is already in the inbox as item ${already + 1} (${path}:${items[already]!.line + 1}); pass --allow-duplicate to add it again.` };
		number = items.length + 1;
		return appendToInbox(current ?? "", { url: r.url, title: r.title, source: r.source, category: r.category, tags: r.tags, recommended: r.recommended, commentary: r.commentary });
	}, false);
	if (!result.ok) {
		io.err(`digest-curator: ${result.reason}\n`);
		return 1;
	}
	const shared = loaded.index.findUrl(r.url);
	if (shared.length > 0) io.err(`digest-curator: warning: ${r.url} was already shared at ${sharedAt(shared).map((s) => `${s.path}:${s.line}`).join(", ")}.\n`);
	io.out(`Added to ${path} as item ${number}.\n`);
	return 0;
}

/** The categories the series knows: its settings' and its digests'. */
function knownCategories(loaded: LoadedVault, series: Series): string[] {
	return [...series.categories, ...loaded.index.digests(series.name).flatMap((d) => d.categories.map((c) => c.name))];
}

/**
 * `add --from-inbox N`: inbox item N (as `inbox` lists them) made an entry, its fields filling
 * what the flags leave out; the item leaves the inbox only once the entry is written, so a
 * refused add leaves the inbox as it was. `add` is run-cli.ts's add, given the filled flags.
 */
export function addFromInbox(loaded: LoadedVault, values: Values, io: CliIo, add: (values: Values) => number): number {
	const n = wholeNumber(values, "from-inbox", 1, 1);
	const wanted = str(values["digest"]);
	const series = (wanted !== undefined ? loaded.index.seriesOf(notePathFlag(loaded, wanted, "--digest")) : null) ?? loaded.index.seriesList[0]!;
	const path = inboxPath(loaded, series);
	const text = readInbox(loaded, path);
	if (text === null) throw new UsageError(`The inbox note ${path} does not exist.`);
	const items = parseInbox(text).items;
	const item = items[n - 1];
	if (!item) throw new UsageError(`${path} has ${items.length === 1 ? "1 link" : `${items.length} links`}; there is no item ${n}.`);
	const url = str(values["url"]);
	if (url !== undefined && normalizeUrl(url) !== normalizeUrl(item.url)) throw new UsageError(`--url ${url} is not the link of inbox item ${n} (${item.url}); leave --url out to use it.`);
	const title = str(values["title"]) ?? item.title;
	if (title === null || title.trim() === "") throw new UsageError(`Inbox item ${n} (${item.url}) has no title; give it with --title T.`);
	const category = str(values["category"]) ?? (item.category !== null ? seriesCategoryFor(item.category, knownCategories(loaded, series)) : null);
	if (category === null || category.trim() === "") {
		const hint = suggestForCapture(loaded.index, item.url, item.source).category;
		throw new UsageError(`Inbox item ${n} (${item.url}) has no category; give it with --category C${hint ? ` (links like it usually go to "${hint.value}")` : ""}.`);
	}
	const filled: Values = {
		...values,
		"from-inbox": undefined,
		url: item.url,
		title,
		category,
		source: str(values["source"]) ?? item.source ?? undefined,
		"entry-tags": str(values["entry-tags"]) ?? item.tags.join(","),
		recommended: values["recommended"] === true || item.recommended,
		comment: Array.isArray(values["comment"]) ? values["comment"] : item.commentary,
	};
	const code = add(filled);
	if (code !== 0) return code;
	let removed: { ok: true } | { ok: false; reason: string };
	try {
		removed = loaded.vault.editText(path, (now) => {
			const current = parseInbox(now).items;
			// Where another capture moved it since it was read, the same item is looked for.
			const at = current[n - 1] && sameInboxItem(current[n - 1]!, item) ? n - 1 : current.findIndex((i) => sameInboxItem(i, item));
			const r = at >= 0 ? removeFromInbox(now, at, item.url) : ({ ok: false, reason: "it is no longer there." } as const);
			return { write: r.ok ? r.text : null, value: r };
		});
	} catch (e) {
		if (!(e instanceof VaultWriteError)) throw e;
		removed = { ok: false, reason: e.message };
	}
	if (!removed.ok) io.err(`digest-curator: warning: the entry was added, but inbox item ${n} was left in ${path}: ${removed.reason}\n`);
	else io.out(`Took item ${n} out of ${path}.\n`);
	return 0;
}

export const INBOX_COMMAND: CommandGroup = {
	name: "inbox",
	summary: "The series' inbox of captured links: list it, add to it",
	subcommands: {
		"": {
			usage: "digest-curator inbox VAULT [--json]",
			help: `List the inbox (the series' inboxNote setting, else "Digest inbox.md" in its folder), numbered as
"add --from-inbox N" takes them, each with where its link was already shared and the category
and source the series' history suggests for its host.
  --json           Print {"inbox", "items": [{"n", "line", "url", "title", "source", "category", "tags",
                   "recommended", "commentary", "sharedAt", "suggestions"}], "problems"}`,
			options: { json: { type: "boolean" } },
			run: commandList,
		},
		add: {
			usage: "digest-curator inbox add VAULT --url U [--title T] [--source S] [--category C] [--tags a,b] [--recommended] [--comment TEXT]...",
			help: `Append a captured link to the inbox (created when missing). A link already in the inbox is
refused without --allow-duplicate; one already shared in a digest is added with a warning.
  --url U              The link (http, https or obsidian; a bare host gets https://)
  --title T            Its title
  --source S           Where it comes from
  --category C         The category it is for
  --tags a,b           Tags for its entry
  --recommended        Flag it as recommended
  --comment TEXT       A commentary line; repeat for more
  --allow-duplicate    Add it even when it is in the inbox already`,
			options: {
				url: { type: "string" },
				title: { type: "string" },
				source: { type: "string" },
				category: { type: "string" },
				tags: { type: "string" },
				recommended: { type: "boolean" },
				comment: { type: "string", multiple: true },
				"allow-duplicate": { type: "boolean" },
			},
			run: commandAdd,
		},
	},
};
