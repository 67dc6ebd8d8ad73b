import { createRequire } from "node:module";

type Parse = (text: string, options: { logLevel: "error" }) => unknown;
let parse: Parse | null = null;

/**
 * The CLI's stand-in for Obsidian's `parseYaml`. The yaml package (a dependency, not bundled)
 * is loaded on first use: most frontmatter never needs it, since the core reads the usual
 * shapes itself, and loading it up front cost ~40 ms of every run.
 */
export function parseYaml(text: string): unknown {
	if (!parse) parse = (createRequire(__filename)("yaml") as { parse: Parse }).parse;
	return parse(text, { logLevel: "error" });
}
