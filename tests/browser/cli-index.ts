/**
 * What the CLI indexes in the example vault, for the browser tests to check the sandbox against:
 * the same core read by another way in (the built dist/cli.cjs), typed by the function that writes it.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { digestToJson } from "../../src/cli/json-output";

export type CliDigest = ReturnType<typeof digestToJson>;
export type CliEntry = CliDigest["categories"][number]["entries"][number];
/** An entry with its digest and category beside it. */
export interface Flat extends CliEntry {
	digest: CliDigest;
	category: string;
}

/** The example vault's digests as `digest-curator index --json` prints them. */
export function cliIndex(): CliDigest[] {
	const run = spawnSync(process.execPath, [join("dist", "cli.cjs"), "index", "example-vault", "--json"], { encoding: "utf8" });
	if (run.status !== 0) throw new Error(`The CLI could not index example-vault: ${run.stderr}`);
	return (JSON.parse(run.stdout) as { digests: CliDigest[] }).digests;
}

/** Every entry of the digests, in their order. */
export function flatEntries(digests: readonly CliDigest[]): Flat[] {
	return digests.flatMap((d) => d.categories.flatMap((c) => c.entries.map((e) => ({ ...e, digest: d, category: c.name }))));
}
