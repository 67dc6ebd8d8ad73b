import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const SCAN = pathToFileURL("src/core/format/markdown-scan.ts").href;

/**
 * findInternalLinks in a child process with a time limit: a line it never finishes reading (it
 * looped forever on these) fails the test instead of hanging the run.
 */
function linksInChild(lines: readonly string[]): { targets: string[][] } | { timedOut: true } {
	const code = `import { findInternalLinks } from ${JSON.stringify(SCAN)};
const lines = JSON.parse(process.argv[1]);
console.log(JSON.stringify(lines.map((l) => findInternalLinks(l, l, 1).map((x) => x.target))));`;
	const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code, JSON.stringify(lines)], { encoding: "utf8", timeout: 15_000 });
	if (r.signal || r.error) return { timedOut: true };
	if (r.status !== 0) throw new Error(r.stderr);
	return { targets: JSON.parse(r.stdout) as string[][] };
}

describe("findInternalLinks", () => {
	it("finishes on a link followed by an escaped `](`, and reads the link once", () => {
		const result = linksInChild(["[a](x)\\](y)", "See [notes](Notes.md) and [more](More.md)\\](z) here.", "[[W1. ](Other.md)\\](Five.md]]"]);
		// The last line is also a wiki-link, read as one whole.
		expect(result).toEqual({ targets: [["x"], ["Notes.md", "More.md"], ["W1. ](Other.md)\\](Five.md", "Other.md"]] });
	});
});
