import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, string>;
	env?: Record<string, string>;
}

interface Workflow {
	on: { push?: { tags?: string[] } };
	permissions: Record<string, string>;
	jobs: Record<string, { steps: Step[] }>;
}

const workflow = parse(readFileSync(".github/workflows/release.yml", "utf8")) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const version = (JSON.parse(readFileSync("manifest.json", "utf8")) as { version: string }).version;
const ASSETS = ["main.js", "manifest.json", "styles.css"];

const indexOf = (find: (s: Step) => boolean) => steps.findIndex(find);
const check = steps.find((s) => s.run?.includes("manifest.json") && s.run.includes("exit 1"));
const attest = steps.find((s) => s.uses?.startsWith("actions/attest-build-provenance@"));
const release = steps.find((s) => s.run?.includes("gh release create"));

/** Runs the tag check as the runner would, with the tag given; the repository's manifest.json is read, never written. */
function runCheck(tag: string): { status: number | null; output: string } {
	const r = spawnSync("bash", ["-e", "-c", check!.run!], { env: { ...process.env, TAG: tag, GITHUB_REF_NAME: tag }, encoding: "utf8" });
	return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("the release workflow", () => {
	it("runs on a pushed tag with the permissions an attestation needs", () => {
		expect(workflow.on.push?.tags).toEqual(["*"]);
		expect(workflow.permissions).toMatchObject({ contents: "write", "id-token": "write", attestations: "write" });
	});

	it("fails when the tag is not manifest.json's version, before anything is built", () => {
		expect(check, "a step that compares the tag with manifest.json").toBeDefined();
		expect(check!.env?.["TAG"]).toBe("${{ github.ref_name }}");
		expect(runCheck(version).status).toBe(0);
		const wrong = runCheck(`v${version}`);
		expect(wrong.status).not.toBe(0);
		expect(wrong.output).toContain(`The tag v${version} is not manifest.json's version ${version}`);
		expect(runCheck("99.0.0").status).not.toBe(0);
		expect(indexOf((s) => s === check)).toBeLessThan(indexOf((s) => s.run === "npm run build"));
	});

	it("attests the provenance of main.js, manifest.json and styles.css after building them", () => {
		expect(attest, "an actions/attest-build-provenance step").toBeDefined();
		expect(attest!.with?.["subject-path"]?.split(/\s+/).filter(Boolean).sort()).toEqual(ASSETS);
		expect(indexOf((s) => s.run === "npm run build")).toBeLessThan(indexOf((s) => s === attest));
	});

	it("creates a draft release of the three files, after the attestation", () => {
		expect(release, "a gh release create step").toBeDefined();
		expect(release!.run).toMatch(/--draft\b/);
		for (const asset of ASSETS) expect(release!.run).toContain(asset);
		expect(indexOf((s) => s === attest)).toBeLessThan(indexOf((s) => s === release));
	});
});
