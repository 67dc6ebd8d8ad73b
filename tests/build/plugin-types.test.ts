import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** The compiler options a tsconfig file of the project ends up with, `extends` followed. */
function optionsOf(file: string): ts.ParsedCommandLine {
	const parsed = ts.getParsedCommandLineOfConfigFile(resolve(file), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
	if (!parsed) throw new Error(`${file} could not be read.`);
	return parsed;
}

/**
 * Type errors of source texts (in memory, never written) checked together with a project's
 * options: TS error codes by probe name. One program for all of them, as each takes seconds.
 */
function errorsOf(config: ts.ParsedCommandLine, probes: Record<string, string>): Record<string, number[]> {
	const byPath = new Map(Object.entries(probes).map(([probe, source]) => [resolve(`src/plugin/__probe_${probe}__.ts`), { probe, source }]));
	const host = ts.createCompilerHost(config.options);
	const readFile = host.readFile.bind(host);
	const fileExists = host.fileExists.bind(host);
	const getSourceFile = host.getSourceFile.bind(host);
	host.readFile = (f) => byPath.get(resolve(f))?.source ?? readFile(f);
	host.fileExists = (f) => byPath.has(resolve(f)) || fileExists(f);
	host.getSourceFile = (f, v, ...rest) => {
		const probe = byPath.get(resolve(f));
		return probe ? ts.createSourceFile(f, probe.source, v) : getSourceFile(f, v, ...rest);
	};
	const program = ts.createProgram([...byPath.keys()], config.options, host);
	const errors: Record<string, number[]> = Object.fromEntries(Object.keys(probes).map((p) => [p, []]));
	for (const d of ts.getPreEmitDiagnostics(program)) {
		const probe = d.file ? byPath.get(resolve(d.file.fileName)) : undefined;
		if (probe) errors[probe.probe]!.push(d.code);
	}
	return errors;
}

const PROBES = {
	at: "export const last = [1, 2].at(-1);\n",
	process: "export const env = process.env;\n",
	buffer: 'export const bytes = Buffer.from("x");\n',
	supported: 'export const m = [..."a1b2".matchAll(/\\d/g)].flatMap((x) => [x[0]]);\nexport const el = document.createElement("div");\nwindow.requestIdleCallback(() => undefined);\n',
};

// What the plugin's own type check (npm run build runs it) lets through must run on every phone
// Obsidian supports: no Node.js API, no JavaScript newer than Safari 13's.
describe("the plugin's type check", () => {
	const plugin = optionsOf("tsconfig.plugin.json");

	it("covers main.ts, the core and the plugin layer, and not the Node side", () => {
		const files = plugin.fileNames.map((f) => f.slice(resolve(".").length + 1));
		expect(files).toContain("main.ts");
		expect(files.some((f) => f.startsWith("src/core/"))).toBe(true);
		expect(files.some((f) => f.startsWith("src/plugin/"))).toBe(true);
		expect(files.filter((f) => !f.startsWith("src/core/") && !f.startsWith("src/plugin/") && f !== "main.ts")).toEqual([]);
	});

	it("rejects Array.prototype.at (iOS 15.4) and Node's globals, and accepts the DOM and ES2020 built-ins", () => {
		const errors = errorsOf(plugin, PROBES);
		expect(errors.at).toEqual([2550]); // "Do you need to change your target library?"
		expect(errors.process).toHaveLength(1);
		expect(errors.buffer).toHaveLength(1);
		expect(errors.supported).toEqual([]);
	}, 120_000);

	it("is not what the Node side is checked with", () => {
		const errors = errorsOf(optionsOf("tsconfig.node.json"), PROBES);
		expect(errors).toEqual({ at: [], process: [], buffer: [], supported: [] });
	}, 120_000);
});
