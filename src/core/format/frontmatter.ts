import { readSimpleFrontmatter } from "./simple-frontmatter";
import type { Problem } from "./types";

/** Parses YAML text into a value; throws on broken YAML. Obsidian's `parseYaml` or the `yaml` package. */
export type YamlParser = (text: string) => unknown;

export interface FrontmatterBlock {
	/** Index of the closing `---` line, or -1 when there is no frontmatter. */
	endLine: number;
	data: Record<string, unknown>;
	problem: Problem | null;
}

/** Reads the YAML between a first `---` line and the next `---` line. Broken YAML is reported, not fatal. */
export function readFrontmatter(lines: string[], path: string, parseYaml: YamlParser): FrontmatterBlock {
	if (lines.length === 0 || lines[0]!.trimEnd() !== "---") return { endLine: -1, data: {}, problem: null };
	let end = -1;
	for (let i = 1; i < lines.length; i++) {
		if (lines[i]!.trimEnd() === "---") {
			end = i;
			break;
		}
	}
	if (end < 0) return { endLine: -1, data: {}, problem: null };
	const simple = readSimpleFrontmatter(lines, 1, end);
	if (simple) return { endLine: end, data: simple, problem: null };
	const yaml = lines.slice(1, end).join("\n");
	if (yaml.trim() === "") return { endLine: end, data: {}, problem: null };
	try {
		const data = parseYaml(yaml);
		if (data === null || data === undefined) return { endLine: end, data: {}, problem: null };
		if (typeof data !== "object" || Array.isArray(data)) {
			return { endLine: end, data: {}, problem: invalid(path, "the frontmatter is not a list of `key: value` properties") };
		}
		return { endLine: end, data: data as Record<string, unknown>, problem: null };
	} catch (e) {
		const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
		return { endLine: end, data: {}, problem: invalid(path, `the frontmatter is not valid YAML (${why})`) };
	}
}

function invalid(path: string, message: string): Problem {
	return { code: "frontmatter-invalid", severity: "error", path, line: 1, message: `${capitalise(message)}; its properties are ignored.` };
}

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface FrontmatterTags {
	tags: string[];
	/** The tags were one string holding several tags, which Obsidian 1.9+ ignores. */
	severalInString: boolean;
}

/** Tags as Obsidian reads them: a list, or one string; a leading `#` dropped. */
export function readTags(value: unknown): FrontmatterTags {
	const clean = (t: unknown) => String(t).trim().replace(/^#/, "");
	if (Array.isArray(value)) {
		return { tags: value.filter((t) => t !== null && t !== undefined).map(clean).filter((t) => t !== ""), severalInString: false };
	}
	if (typeof value === "string" || typeof value === "number") {
		const parts = String(value).split(/[,\s]+/).map(clean).filter((t) => t !== "");
		return { tags: parts, severalInString: parts.length > 1 };
	}
	return { tags: [], severalInString: false };
}
