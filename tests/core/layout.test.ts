/**
 * The core's layout as a rule: each folder of src/core/ has one job, imports between folders run
 * one way, and nothing in the core reaches Obsidian or Node, so the plugin, the CLI and the tests
 * run the same code.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const CORE = resolve(__dirname, "../../src/core");

/** What each core folder may import from the others; anything else is a wrong-way import. */
const ALLOWED: Record<string, readonly string[]> = {
	format: [],
	links: ["format"],
	index: ["format", "links"],
	check: ["format", "links", "index"],
	edit: ["format", "links", "index", "capture"],
	browse: ["format", "links", "index", "check"],
	detect: ["format", "links", "index"],
	capture: ["format", "links", "index"],
	publish: ["format", "links", "index", "edit"],
	stats: ["format", "links", "index"],
	web: ["format"],
};

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith(".ts") ? [path] : [];
	});
}

function importsOf(file: string): string[] {
	const text = readFileSync(file, "utf8");
	return [...text.matchAll(/^\s*(?:import|export)\b[^"';]*?from\s+["']([^"']+)["']/gm), ...text.matchAll(/^\s*import\s+["']([^"']+)["']/gm), ...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
}

const files = sourceFiles(CORE);

describe("src/core layout", () => {
	it("has no source file directly in src/core, only folders by concern", () => {
		const loose = readdirSync(CORE).filter((name) => name.endsWith(".ts"));
		expect(loose).toEqual([]);
		const folders = readdirSync(CORE).filter((name) => statSync(join(CORE, name)).isDirectory());
		expect(folders.filter((f) => !(f in ALLOWED))).toEqual([]);
	});

	it("imports nothing from obsidian and no Node built-ins", () => {
		const bad = files.flatMap((file) =>
			importsOf(file)
				.filter((spec) => !spec.startsWith("."))
				.filter((spec) => spec === "obsidian" || spec.startsWith("node:") || ["fs", "path", "os", "util", "crypto", "child_process", "url", "stream", "events"].includes(spec))
				.map((spec) => `${relative(CORE, file)} imports ${spec}`),
		);
		expect(bad).toEqual([]);
	});

	it("imports between folders only the way the data flows", () => {
		const wrong: string[] = [];
		for (const file of files) {
			const from = relative(CORE, file).split(sep)[0]!;
			for (const spec of importsOf(file)) {
				if (!spec.startsWith(".")) continue;
				const target = relative(CORE, resolve(dirname(file), spec));
				if (target.startsWith("..")) {
					wrong.push(`${relative(CORE, file)} reaches out of the core: ${spec}`);
					continue;
				}
				const to = target.split(sep)[0]!;
				if (to !== from && !(ALLOWED[from] ?? []).includes(to)) wrong.push(`${relative(CORE, file)} (${from}) imports ${to}: ${spec}`);
			}
		}
		expect(wrong).toEqual([]);
	});

	it("says at the top of each folder what it owns and what it must never import", () => {
		const folders = readdirSync(CORE).filter((name) => statSync(join(CORE, name)).isDirectory());
		const missing = folders.filter((f) => {
			try {
				return !/never import/i.test(readFileSync(join(CORE, f, "README.md"), "utf8"));
			} catch {
				return true;
			}
		});
		expect(missing).toEqual([]);
	});

});
