import type { CommandGroup } from "./command-group";
import { INBOX_COMMAND } from "./inbox-command";
import { LINKS_COMMAND } from "./links-command";
import { PUBLISH_COMMAND } from "./publish-command";
import { STATS_COMMAND } from "./stats-command";

/** The commands that live in files of their own, by name; run-cli.ts hands them their arguments. */
export const EXTRA_COMMANDS: Record<string, CommandGroup> = Object.fromEntries([PUBLISH_COMMAND, STATS_COMMAND, LINKS_COMMAND, INBOX_COMMAND].map((c) => [c.name, c]));

/** The main help with these commands added to its list of commands. */
export function withExtraCommands(help: string): string {
	const lines = Object.values(EXTRA_COMMANDS).map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
	return help.replace(/\n\nRun "digest-curator <command> --help"/, `\n${lines.join("\n")}$&`);
}
