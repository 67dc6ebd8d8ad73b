import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Digest, Series } from "../core/format/types";
import { flagPath, loadVault, openVault, UsageError, type LoadedVault, type SeriesFlags } from "./load-vault";
import type { CliIo } from "./run-cli";
import { VaultWriteError } from "./vault-fs";

/**
 * Commands that live in files of their own (publish, stats, links, inbox): a group of
 * subcommands, each with its options, help and run function, run the way run-cli.ts runs its
 * own: options read strictly, the vault opened with the series flags every command takes, bad
 * input ending in one sentence.
 */

export type Values = Record<string, string | boolean | string[] | undefined>;

/** What run-cli.ts shares with these commands: the series options every command takes. */
export interface SeriesCli {
	options: ParseArgsConfig["options"];
	help: string;
	flags: (values: Values) => SeriesFlags;
}

export interface CommandRun {
	loaded: LoadedVault;
	/** The series the command works on: the one --series names, else the first. */
	series: Series;
	values: Values;
	io: CliIo;
}

export interface Subcommand {
	/** `digest-curator publish index VAULT [--out FILE] ...` */
	usage: string;
	/** What it does and its own options, before the series options. */
	help: string;
	options: NonNullable<ParseArgsConfig["options"]>;
	run: (r: CommandRun) => number | Promise<number>;
}

export interface CommandGroup {
	name: string;
	/** One line for the list of commands in `digest-curator --help`. */
	summary: string;
	/** Subcommands by name; the one named "" runs when none is named. */
	subcommands: Record<string, Subcommand>;
}

function subcommandHelp(group: CommandGroup, named: string, cli: SeriesCli): string {
	const sub = group.subcommands[named]!;
	// The command run without a subcommand names the others.
	const others = named === "" ? Object.keys(group.subcommands).filter((n) => n !== "") : [];
	const more = others.length > 0 ? `\nAlso: ${others.map((n) => `digest-curator ${group.name} ${n}`).join(", ")} (run with --help for its options).\n` : "";
	return `Usage: ${sub.usage}\n\n${sub.help}\n${cli.help}\n${more}`;
}

function groupHelp(group: CommandGroup): string {
	const names = Object.keys(group.subcommands).filter((n) => n !== "");
	return `Usage: digest-curator ${group.name} <${names.join("|")}> VAULT [options]\n\n${group.summary}.\n\n${names.map((n) => `  ${group.name} ${n.padEnd(11)} ${group.subcommands[n]!.usage.replace(/^digest-curator \S+ \S+ VAULT ?/, "")}`).join("\n")}\n\nRun "digest-curator ${group.name} <subcommand> --help" for its options.\n`;
}

/** Runs one command of a group with its arguments (after the group's name); returns the exit code. */
export async function runCommandGroup(group: CommandGroup, args: string[], io: CliIo, cli: SeriesCli): Promise<number> {
	const named = args[0] !== undefined && args[0] !== "" && Object.prototype.hasOwnProperty.call(group.subcommands, args[0]) ? args[0] : "";
	const sub = group.subcommands[named];
	if (!sub) {
		if (args.length === 0 || args[0] === "--help" || args[0] === "-h") {
			io.out(groupHelp(group));
			return args.length === 0 ? 2 : 0;
		}
		const names = Object.keys(group.subcommands).filter((n) => n !== "");
		io.err(`digest-curator ${group.name}: "${args[0]}" is not one of ${names.join(", ")}; run digest-curator ${group.name} --help.\n`);
		return 2;
	}
	const shown = named ? `${group.name} ${named}` : group.name;
	let values: Values;
	let positionals: string[];
	try {
		({ values, positionals } = parseArgs({ args: named ? args.slice(1) : args, options: { ...cli.options, ...sub.options }, allowPositionals: true, strict: true }) as { values: Values; positionals: string[] });
	} catch (e) {
		io.err(`digest-curator ${shown}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}. Run digest-curator ${shown} --help.\n`);
		return 2;
	}
	if (values["help"]) {
		io.out(subcommandHelp(group, named, cli));
		return 0;
	}
	try {
		if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "Give the path of the vault." : `Give one vault path, not ${positionals.length}.`);
		const opened = openVault(positionals[0]!, cli.flags(values), (w) => io.err(`digest-curator: warning: ${w}\n`), io.vaultFs);
		const loaded = loadVault(opened);
		for (const why of loaded.unreadable.values()) io.err(`digest-curator: ${why.message}\n`);
		return await sub.run({ loaded, series: loaded.index.seriesList[0]!, values, io });
	} catch (e) {
		if (e instanceof UsageError) {
			io.err(`digest-curator ${shown}: ${e.message}\n`);
			return 2;
		}
		if (e instanceof VaultWriteError) {
			io.err(`digest-curator: ${e.message}\n`);
			return 1;
		}
		throw e;
	}
}

export function str(v: unknown): string | undefined {
	return typeof v === "string" ? v : undefined;
}

/** A value a choice must be one of, or the default; anything else is bad usage. */
export function choice<T extends string>(values: Values, name: string, allowed: readonly T[], fallback: T): T {
	const v = str(values[name]);
	if (v === undefined) return fallback;
	if ((allowed as readonly string[]).includes(v)) return v as T;
	throw new UsageError(`--${name} ${v} is not one of ${allowed.join(", ")}.`);
}

/** A whole number of at least `min`, or the default. */
export function wholeNumber(values: Values, name: string, min: number, fallback: number): number {
	const v = str(values[name]);
	if (v === undefined) return fallback;
	if (!/^\d+$/.test(v.trim()) || Number(v) < min) throw new UsageError(`--${name} ${v} is not a whole number of at least ${min}.`);
	return Number(v);
}

/** Whether a note or folder could not be read at all, so what a command makes from the vault would miss it. */
export function missedAny(loaded: LoadedVault): boolean {
	return [...loaded.unreadable.values()].some((p) => p.severity === "error");
}

/** A note of the vault named on the command line (`.md` added when it has no extension). */
export function notePathFlag(loaded: LoadedVault, raw: string, flag: string): string {
	const path = flagPath(loaded.vault, raw, flag);
	if (path === "") throw new UsageError(`${flag} names the vault itself; give the path of a note.`);
	const withMd = /\.md$/i.test(path) ? path : `${path}.md`;
	// Obsidian's names ignore case: an existing note keeps the name it has.
	return loaded.files.find((f) => f.toLowerCase() === withMd.toLowerCase()) ?? withMd;
}

/** The digest `--digest` names, or the series' latest. */
export function digestFlag(loaded: LoadedVault, series: Series, values: Values): Digest {
	const wanted = str(values["digest"]);
	if (wanted === undefined) {
		const latest = loaded.index.latest(series.name);
		if (!latest) throw new UsageError(`The series "${series.name}" has no digest yet; create one with digest-curator new.`);
		return latest;
	}
	const path = notePathFlag(loaded, wanted, "--digest");
	const digest = loaded.index.get(path);
	const unread = loaded.unreadable.get(path);
	if (!digest && unread) throw new UsageError(unread.message);
	if (!digest) throw new UsageError(`${path} is not a digest of the series (${loaded.vault.exists(path) ? "it lacks the series' tag or folder" : "no such note"}).`);
	return digest;
}
