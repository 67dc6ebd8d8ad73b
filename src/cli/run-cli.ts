import type { ParseArgsConfig } from "node:util";
import { parseYaml } from "./yaml";
import { checkIndex, checkSummary, formatProblem, hasErrors, sortProblems } from "../core/check/check";
import { isoDate, parseIsoDate } from "../core/format/dates";
import { digestOrder, resolveDigestLinks, type IndexedEntry } from "../core/index/digest-index";
import { LinkResolver } from "../core/links/link-resolver";
import { parseSeriesNote, parseWithSeries } from "../core/format/parser";
import { normalizeUrl } from "../core/links/url-normalize";
import { insertEntry, renumberEntries, type EditResult } from "../core/edit/entry-edits";
import { checkEntryUrl } from "../core/edit/entry-url";
import { planNewDigest } from "../core/edit/new-digest";
import { templateNoteLocation } from "../core/format/series";
import type { Digest, Period, Problem, Series } from "../core/format/types";
import { flagPath, loadVault, openVault, readDigestNotes, UsageError, type LoadedVault, type OpenedVault, type ReadProblem } from "./load-vault";
import { VaultWriteError, type VaultFs } from "./vault-fs";
import { parseCommandArgs, seriesFlags, SHAPE_HELP, SHAPE_OPTIONS } from "./args";
import { commandDetect, DETECT_HELP, DETECT_OPTIONS, noDigestsHint } from "./detect-command";
import { version } from "../../package.json";
import { digestToJson } from "./json-output";
import { count } from "../core/format/words";
import { runCommandGroup } from "./command-group";
import { EXTRA_COMMANDS, withExtraCommands } from "./extra-commands";
import { addFromInbox } from "./inbox-command";

export interface CliIo {
	out: (text: string) => void;
	err: (text: string) => void;
	today: () => Date;
	/** Makes the vault's file access; tests hand in one whose reads fail. */
	vaultFs?: (root: string) => VaultFs;
}

const SERIES_OPTIONS = {
	tag: { type: "string" },
	folder: { type: "string" },
	series: { type: "string" },
	help: { type: "boolean", short: "h" },
	...SHAPE_OPTIONS,
} as const;

const SERIES_HELP = `  --tag T          Digests carry this frontmatter tag (default: the saved series, else the detected one, else weeklylinks)
  --folder F       Digests live under this vault folder
  --series NAME    Use the saved series with this name (.obsidian/plugins/digest-curator/data.json)
${SHAPE_HELP}
  -h, --help       Show this help
  With no --tag, --folder or saved series, the one series "digest-curator detect" finds is used.`;

const HELP: Record<string, string> = {
	"": `digest-curator: index, check and edit the link digests of an Obsidian vault.

Usage: digest-curator <command> VAULT [options]

Commands:
  index      List every digest with its categories and entries
  check      Report problems (numbering, duplicates, broken links, malformed entries)
  add        Add a link entry to a digest
  renumber   Number the entries of a digest 1..n in each category
  new        Create the series' next digest
  detect     Find the vault's digest series and how they are written

Run "digest-curator <command> --help" for a command's options, "digest-curator --version" for the version.
Exit codes: 0 fine; 1 problems of severity error (or any with --strict), a note that could not be read, or a refused edit; 2 bad usage or an unreadable vault.
`,
	index: `Usage: digest-curator index VAULT [--json]

List every digest with its categories and entries.
  --json           Print {"digests": [...]} as JSON
${SERIES_HELP}
`,
	check: `Usage: digest-curator check VAULT [--json] [--strict]

Report problems in every digest. Exits 1 when a problem is an error (with --strict: any problem).
  --json           Print {"problems": [...]} as JSON
  --strict         Treat warnings and notes as failures too
${SERIES_HELP}
`,
	add: `Usage: digest-curator add VAULT --category C --url U --title T [options]

Add a link entry at the end of its category, numbered after the last one.
  --category C         Category heading (created where the series' order puts it)
  --url U              The link (http, https or obsidian; a bare host gets https://)
  --title T            The entry's title
  --source S           Where it comes from (Medium, a blog, ...)
  --entry-tags a,b     Tags on the entry line
  --recommended        Flag the entry as recommended
  --comment TEXT       A commentary bullet; repeat for more
  --digest PATH        Vault path of the digest (default: the series' latest)
  --allow-duplicate    Add it even when the link was shared before
  --share-commentary   Let the commentary also be that of the entries without commentary it
                       would join (entries with only blank lines between them share it)
  --from-inbox N       Make inbox item N (as "digest-curator inbox" lists them) the entry; its
                       fields fill what the flags leave out, and it leaves the inbox once added
${SERIES_HELP}
`,
	renumber: `Usage: digest-curator renumber VAULT [--digest PATH]

Number the entries of every category 1..n in document order; only the digits change.
  --digest PATH    Vault path of the digest (default: the series' latest)
${SERIES_HELP}
`,
	detect: DETECT_HELP,
	new: `Usage: digest-curator new VAULT [--date YYYY-MM-DD]

Create the series' next digest, from the day after its latest period to --date (default: today).
  --date D         Last day of the new period
${SERIES_HELP}
`,
};

const COMMAND_OPTIONS: Record<string, ParseArgsConfig["options"]> = {
	index: { ...SERIES_OPTIONS, json: { type: "boolean" } },
	check: { ...SERIES_OPTIONS, json: { type: "boolean" }, strict: { type: "boolean" } },
	add: {
		...SERIES_OPTIONS,
		category: { type: "string" },
		url: { type: "string" },
		title: { type: "string" },
		source: { type: "string" },
		"entry-tags": { type: "string" },
		recommended: { type: "boolean" },
		comment: { type: "string", multiple: true },
		digest: { type: "string" },
		"allow-duplicate": { type: "boolean" },
		"share-commentary": { type: "boolean" },
		"from-inbox": { type: "string" },
	},
	renumber: { ...SERIES_OPTIONS, digest: { type: "string" } },
	new: { ...SERIES_OPTIONS, date: { type: "string" } },
	detect: DETECT_OPTIONS,
};

type Values = Record<string, string | boolean | string[] | undefined>;

/** Runs one command; returns the exit code. Bad input ends in one clear sentence, never a stack trace. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
	const [command, ...rest] = argv;
	if (command === undefined || command === "--help" || command === "-h" || command === "help") {
		io.out(withExtraCommands(HELP[""]!));
		return command === undefined ? 2 : 0;
	}
	if (command === "--version" || command === "-V" || command === "version") {
		io.out(`digest-curator ${version}\n`);
		return 0;
	}
	const extra = EXTRA_COMMANDS[command];
	if (extra) return runCommandGroup(extra, rest, io, { options: SERIES_OPTIONS, help: SERIES_HELP, flags: (v) => seriesFlags(v) });
	const options = COMMAND_OPTIONS[command];
	if (!options) {
		io.err(`digest-curator: unknown command "${command}"; run digest-curator --help for the list.\n`);
		return 2;
	}
	try {
		const { values, positionals } = parseCommandArgs(command, rest, options);
		if (values["help"]) {
			io.out(HELP[command]!);
			return 0;
		}
		if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "Give the path of the vault." : `Give one vault path, not ${positionals.length}.`);
		const flags = seriesFlags(values);
		if (command === "detect") return commandDetect(positionals[0]!, values, flags, io);
		const opened = openVault(positionals[0]!, flags, (w) => io.err(`digest-curator: warning: ${w}\n`), io.vaultFs);
		if (opened.notice) io.err(`digest-curator: ${opened.notice}\n`);
		if (command === "index") return commandIndex(opened, values, io);
		const loaded = loadVault(opened);
		// check reports them among its problems.
		if (command !== "check") reportUnreadable(loaded.unreadable, io);
		if (loaded.index.size === 0 && command !== "new") io.err(noDigestsHint(loaded.series));
		switch (command) {
			case "check": return commandCheck(loaded, values, io);
			case "add": return commandAdd(loaded, values, io);
			case "renumber": return commandRenumber(loaded, values, io);
			default: return commandNew(loaded, values, io);
		}
	} catch (e) {
		if (e instanceof UsageError) {
			io.err(`digest-curator ${command}: ${e.message}\n`);
			return 2;
		}
		throw e;
	}
}

function str(v: unknown): string | undefined {
	return typeof v === "string" ? v : undefined;
}

function required(values: Values, name: string): string {
	const v = str(values[name]);
	if (v === undefined || v.trim() === "") throw new UsageError(`--${name} is required.`);
	return v;
}

function reportUnreadable(unreadable: Map<string, ReadProblem>, io: CliIo): void {
	for (const why of unreadable.values()) io.err(`digest-curator: ${why.message}\n`);
}

/** Whether a note or folder could not be read at all, so the command's output misses it. */
function missedAny(unreadable: Map<string, ReadProblem>): boolean {
	return [...unreadable.values()].some((p) => p.severity === "error");
}

/**
 * Lists the digests in one pass that keeps what it prints, not the digests. A parsed digest is made
 * of slices of its note's text, and V8 keeps a whole string alive for any slice of it: an index of
 * every digest (what the other commands build) holds the whole vault's text, and copying it from
 * one heap generation to the next was the largest part of this command's time.
 */
function commandIndex(opened: OpenedVault, values: Values, io: CliIo): number {
	const json = values["json"] === true;
	// Links resolve against every file, as in the index; the summary shows none of them.
	const resolver = json ? new LinkResolver(opened.files) : null;
	const rows: { path: string; period: Period | null; entries: number; out: string }[] = [];
	const unreadable = readDigestNotes(opened, (path, text) => {
		const parsed = parseSeriesNote(text, path, opened.series, parseYaml);
		if (!parsed) return;
		const d = parsed.digest;
		const entries = d.categories.reduce((sum, c) => sum + c.entries.length, 0);
		if (resolver) resolveDigestLinks(d, resolver);
		// JSON.stringify makes a new string; the summary line is copied out of the note's text.
		const out = resolver ? JSON.stringify(digestToJson(d)) : detachedCopy(summaryLine(d, entries));
		rows.push({ path: d.path, period: d.period, entries, out });
	});
	reportUnreadable(unreadable, io);
	const code = missedAny(unreadable) ? 1 : 0;
	if (rows.length === 0) io.err(noDigestsHint(opened.series));
	rows.sort(digestOrder);
	if (json) {
		// One compact line per digest: a vault's index is tens of megabytes, and one pretty-printed
		// string of it cost more than building the index.
		io.out('{"digests":[');
		rows.forEach((r, i) => io.out(`${i > 0 ? ",\n" : "\n"}${r.out}`));
		io.out("\n]}\n");
		return code;
	}
	for (const r of rows) io.out(r.out);
	io.out(`${count(rows.length, "digest")}, ${count(rows.reduce((n, r) => n + r.entries, 0), "entry", "entries")}.\n`);
	return code;
}

function summaryLine(d: Digest, entries: number): string {
	const period = d.period ? `${isoDate(d.period.start)} to ${isoDate(d.period.end)}` : "no period";
	return `${d.path}\n  ${d.title}${d.draft ? " (draft)" : ""}, ${period}, ${count(d.categories.length, "category", "categories")}, ${count(entries, "entry", "entries")}\n`;
}

/** The same text in a string of its own, sharing no memory with the string it was cut from. */
function detachedCopy(s: string): string {
	return Buffer.from(s, "utf16le").toString("utf16le");
}

function commandCheck(loaded: LoadedVault, values: Values, io: CliIo): number {
	const problems = sortProblems([...checkIndex(loaded.index), ...readProblems(loaded.unreadable)]);
	const failed = values["strict"] ? problems.length > 0 : hasErrors(problems);
	if (values["json"]) {
		io.out(`${JSON.stringify({ problems: problems.map((p) => ({ code: p.code, severity: p.severity, path: p.path, line: p.line, message: p.message })) }, null, 2)}\n`);
		return failed ? 1 : 0;
	}
	for (const p of problems) io.out(`${formatProblem(p)}\n`);
	io.out(`${checkSummary(problems, loaded.index.size, loaded.index.entryCount())}\n`);
	return failed ? 1 : 0;
}

/** Notes that could not be read as text, as problems of the check: an error when a note could not be read at all. */
function readProblems(unreadable: Map<string, ReadProblem>): Problem[] {
	return [...unreadable].map(([path, p]) => ({ code: "unreadable-note", severity: p.severity, path, line: 1, message: p.message }));
}

/** The digest an edit goes to: `--digest`, else the series' latest. */
function targetDigest(loaded: LoadedVault, values: Values): { digest: Digest; series: Series } {
	const wanted = str(values["digest"]);
	if (wanted !== undefined) {
		const path = flagPath(loaded.vault, wanted, "--digest");
		const withMd = path.toLowerCase().endsWith(".md") ? path : `${path}.md`;
		const digest = loaded.index.get(withMd);
		const unread = loaded.unreadable.get(withMd);
		if (!digest && unread) throw new UsageError(unread.message);
		if (!digest) throw new UsageError(`${withMd} is not a digest of the series (${loaded.vault.exists(withMd) ? "it lacks the series' tag or folder" : "no such note"}).`);
		return { digest, series: loaded.index.seriesOf(withMd)! };
	}
	const series = loaded.index.seriesList[0]!;
	const digest = loaded.index.latest(series.name);
	if (!digest) throw new UsageError(`The series "${series.name}" has no digest yet; create one with digest-curator new.`);
	return { digest, series };
}

function describe(ie: IndexedEntry): string {
	return `${ie.digest.path}:${ie.entry.line} (${ie.category.name}, number ${ie.entry.number ?? "none"})`;
}

class EditRefused extends Error {}

/**
 * Makes an edit on the digest's current text and writes it safely (vault-fs.ts: locked, atomic,
 * and made again on the new text when the note changed since it was read).
 */
function writeEdit(loaded: LoadedVault, path: string, edit: (text: string) => EditResult, io: CliIo, done: (line: number) => string): number {
	let result: EditResult;
	try {
		result = loaded.vault.editText(path, (text) => {
			const r = edit(text);
			return { value: r, write: r.ok && r.changes.length > 0 ? r.text : null };
		});
	} catch (e) {
		if (e instanceof VaultWriteError) throw new EditRefused(e.message);
		throw e;
	}
	if (!result.ok) {
		io.err(`digest-curator: ${result.reason}\n`);
		return 1;
	}
	io.out(`${done(result.line)}\n`);
	return 0;
}

/** A refusal when the digest's current text holds the link already (added by a run at the same time), unless duplicates are allowed. */
function sharedAgain(text: string, path: string, series: Series, url: string, values: Values): EditResult | null {
	if (values["allow-duplicate"]) return null;
	const key = normalizeUrl(url);
	const digest = parseWithSeries(text, path, series, parseYaml);
	for (const c of digest.categories) {
		for (const e of c.entries) {
			if (normalizeUrl(e.url) === key) return { ok: false, reason: `${url} was already shared at ${path}:${e.line} (${c.name}, number ${e.number ?? "none"}); pass --allow-duplicate to add it again.` };
		}
	}
	return null;
}

function commandAdd(loaded: LoadedVault, values: Values, io: CliIo): number {
	if (values["from-inbox"] !== undefined) return addFromInbox(loaded, values, io, (filled) => commandAdd(loaded, filled, io));
	const category = required(values, "category");
	// One URL rule with the insert form: http, https or obsidian, a bare host completed to https.
	const checked = checkEntryUrl(required(values, "url"));
	if (!checked.ok) throw new UsageError(checked.reason);
	const url = checked.url;
	const title = required(values, "title");
	const { digest, series } = targetDigest(loaded, values);
	const earlier = loaded.index.findUrl(url);
	if (earlier.length > 0 && !values["allow-duplicate"]) {
		io.err(`digest-curator: ${url} was already shared at ${earlier.map(describe).join(", ")}; pass --allow-duplicate to add it again.\n`);
		return 1;
	}
	try {
		const tags = (str(values["entry-tags"]) ?? "").split(",").map((t) => t.trim()).filter((t) => t !== "");
		const comment = values["comment"];
		// Made on the note's current text, which another run may have changed since the vault was read.
		const edit = (text: string): EditResult => sharedAgain(text, digest.path, series, url, values) ?? insertEntry(text, digest.path, { parseYaml, series }, {
			category,
			url,
			title,
			source: str(values["source"]),
			tags,
			recommended: values["recommended"] === true,
			commentary: Array.isArray(comment) ? comment : [],
			shareCommentary: values["share-commentary"] === true,
		});
		return writeEdit(loaded, digest.path, edit, io, (line) => `Added to ${digest.path}:${line} (${category}).`);
	} catch (e) {
		if (e instanceof EditRefused) {
			io.err(`digest-curator: ${e.message}\n`);
			return 1;
		}
		throw e;
	}
}

function commandRenumber(loaded: LoadedVault, values: Values, io: CliIo): number {
	const { digest, series } = targetDigest(loaded, values);
	try {
		let changed = 0;
		const edit = (text: string): EditResult => {
			const result = renumberEntries(text, digest.path, { parseYaml, series });
			changed = result.ok ? result.changes.length : 0;
			return result;
		};
		const none = digest.categories.every((c) => c.entries.length === 0);
		return writeEdit(loaded, digest.path, edit, io, () => (changed ? `Renumbered ${count(changed, "entry", "entries")} in ${digest.path}.` : none ? `${digest.path} has no entries to renumber.` : `${digest.path} was already numbered in order.`));
	} catch (e) {
		if (e instanceof EditRefused) {
			io.err(`digest-curator: ${e.message}\n`);
			return 1;
		}
		throw e;
	}
}

function commandNew(loaded: LoadedVault, values: Values, io: CliIo): number {
	const dateText = str(values["date"]);
	const now = io.today();
	const to = dateText !== undefined ? parseIsoDate(dateText) : { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
	if (!to) throw new UsageError(`--date ${dateText} is not a date in the form YYYY-MM-DD.`);
	const series = loaded.index.seriesList[0]!;
	let templateText: string | null = null;
	if (series.templateNote) {
		const where = templateNoteLocation(series);
		if (!where.ok) throw new UsageError(where.reason);
		const templatePath = where.path;
		if (!loaded.vault.exists(templatePath)) throw new UsageError(`The series' template note ${templatePath} does not exist.`);
		const template = loaded.vault.readText(templatePath);
		if (template.problem) {
			io.err(`digest-curator: the series' template note cannot be used: ${template.problem} Nothing was created.\n`);
			return 1;
		}
		templateText = template.text;
	}
	const plan = planNewDigest({
		series,
		digests: loaded.index.digests(series.name),
		to,
		exists: (p) => loaded.vault.existsIgnoringCase(p, loaded.files),
		templateText,
		parseYaml,
	});
	if (!plan.ok) {
		io.err(`digest-curator: ${plan.reason}\n`);
		return 1;
	}
	try {
		loaded.vault.create(plan.path, plan.text);
	} catch (e) {
		if (!(e instanceof VaultWriteError)) throw e;
		io.err(`digest-curator: ${e.message}\n`);
		return 1;
	}
	io.out(`Created ${plan.path}: "${plan.title}" (${isoDate(plan.period.start)} to ${isoDate(plan.period.end)}).\n`);
	return 0;
}
