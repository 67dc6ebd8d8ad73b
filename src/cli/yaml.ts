import { parse } from "yaml";

/** The CLI's stand-in for Obsidian's `parseYaml`: throws on errors, keeps warnings off the terminal. */
export function parseYaml(text: string): unknown {
	return parse(text, { logLevel: "error" });
}
