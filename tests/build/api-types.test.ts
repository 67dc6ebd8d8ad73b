import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * api/digest-curator-api.d.ts is what other plugins copy; src/plugin/commands/plugin-api.ts is
 * what runs. Each exported type of the one must be the same type as the other's, both ways.
 */

const TYPES = ["ApiDigest", "ApiEntry", "ApiNewEntry", "ApiCapturedLink", "ApiEntryQuery", "DigestCuratorApi"] as const;

function probe(declared: string): string {
	return [
		`import type * as D from ${JSON.stringify(declared)};`,
		'import type * as I from "./commands/plugin-api";',
		"type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;",
		...TYPES.map((t) => `export const ${t}: Same<D.${t}, I.${t}> = true;`),
		// Method parameters are checked bivariantly: compare each function's own type too.
		...["addEntry", "addToInbox", "latestDigest", "findByUrl", "entries"].map((m) => `export const ${m}: Same<Parameters<D.DigestCuratorApi["${m}"]>, Parameters<I.DigestCuratorApi["${m}"]>> & Same<ReturnType<D.DigestCuratorApi["${m}"]>, ReturnType<I.DigestCuratorApi["${m}"]>> = true;`),
		"export const result: Same<D.ApiResult<{ path: string }>, I.ApiResult<{ path: string }>> = true;",
		"",
	].join("\n");
}

/** Type errors of a probe file placed in src/plugin/, checked with the project's options. */
function errorsOf(source: string, extra: Record<string, string> = {}): string[] {
	const parsed = ts.getParsedCommandLineOfConfigFile(resolve("tsconfig.node.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } })!;
	const probePath = resolve("src/plugin/__api_probe__.ts");
	const files = new Map([[probePath, source], ...Object.entries(extra).map(([p, s]) => [resolve(p), s] as [string, string])]);
	const host = ts.createCompilerHost(parsed.options);
	const readFile = host.readFile.bind(host);
	const fileExists = host.fileExists.bind(host);
	const getSourceFile = host.getSourceFile.bind(host);
	host.readFile = (f) => files.get(resolve(f)) ?? readFile(f);
	host.fileExists = (f) => files.has(resolve(f)) || fileExists(f);
	host.getSourceFile = (f, v, ...rest) => (files.has(resolve(f)) ? ts.createSourceFile(f, files.get(resolve(f))!, v) : getSourceFile(f, v, ...rest));
	const program = ts.createProgram([probePath], { ...parsed.options, noEmit: true }, host);
	return ts
		.getPreEmitDiagnostics(program)
		.filter((d) => d.file && resolve(d.file.fileName) === probePath)
		.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("the published API declaration", () => {
	it("declares exactly the types the plugin's API has", () => {
		expect(errorsOf(probe("../../api/digest-curator-api"))).toEqual([]);
	}, 120_000);

	it("would be caught out of step: a declaration that differs in one field fails", async () => {
		const { readFileSync } = await import("node:fs");
		const changed = readFileSync("api/digest-curator-api.d.ts", "utf8").replace("\tentryCount: number;", "\tentryCount: string;");
		expect(changed).not.toBe(readFileSync("api/digest-curator-api.d.ts", "utf8"));
		const errors = errorsOf(probe("../../api/changed-api"), { "api/changed-api.d.ts": changed });
		expect(errors.length).toBeGreaterThan(0);
		expect(errors.join("\n")).toMatch(/ApiDigest|latestDigest|true/);
	}, 120_000);
});
