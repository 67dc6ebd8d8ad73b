/** The digests and helpers the browse tests share. */
import { parse as parseYaml } from "yaml";
import { generateVault } from "../../../../scripts/vault-generator";
import { browse, type BrowseOptions } from "../../../../src/core/browse/browse";
import { defaultBrowserState, type BrowserState } from "../../../../src/core/browse/browser-state";
import type { BrowserRow, EntryRow } from "../../../../src/core/browse/rows";
import { completeSeries } from "../../../../src/core/format/series";
import { DigestIndex } from "../../../../src/core/index/digest-index";

const WEEKLY = completeSeries({ name: "Weekly", tag: "weeklylinks" });
const TECH = completeSeries({ name: "Tech", tag: "", folder: "Tech" });

export function digest(title: string, body: string[], tags = "[weeklylinks]"): string {
	return [`---`, `title: "${title}"`, `tags: ${tags}`, `---`, ...body, ``].join("\n");
}

export const W1 = "Digests/w1.md";
export const W2 = "Digests/w2.md";
export const T1 = "Tech/t1.md";
export const READING = "Digests/reading.md";

export const FILES: Record<string, string> = {
	[W1]: digest("Weekly Links: 01-01-2025 to 07-01-2025", [
		"# Kubernetes",
		"[1. Blog - Fleet management at scale](https://www.example.com/fleet?utm_source=x) #k8s #Fleet",
		"",
		"- Pairs well with [[Cluster notes]].",
		"",
		"[2. CNCF - Mesh basics](https://cncf.example.org/mesh) 🌟 **(Recommended)** #mesh #k8s/mesh",
		"# Data",
		"[1. Medium - Lakehouse in an afternoon](https://medium.example.com/lake) #storage/lake",
		"",
		"- About **Iceberg**; compare [[Notes/Lakehouse]].",
		"- A second line.",
	]),
	[W2]: digest("Weekly Links: 08-01-2025 to 14-01-2025", [
		"# Kubernetes",
		"[1. Blog - Fleet management, again](http://example.com/fleet/#top) #K8s",
		"",
		"[3. Alpha - Kubernetes operators](https://alpha.example/ops)",
		"# Career",
		"[1. Medium - Interview stories](https://medium.example.com/interview)",
		"",
		"- Read before [[Cluster notes#Prep]] and [[Missing note]].",
		"",
		"[2. javascript trick](javascript:alert(1))",
	]),
	[T1]: digest("Tech roundup 15-01-2025 to 21-01-2025", ["# Data", "[1. Blog - Streaming joins explained](https://blog.example/joins) #streaming"], "[]"),
	[READING]: digest("Reading list", ["# Kubernetes", "[1. Medium - Fleet management notes](https://medium.example.com/fleet-notes)"]),
};

export function build(): DigestIndex {
	const index = new DigestIndex({ parseYaml, series: [WEEKLY, TECH] });
	for (const f of ["Cluster notes.md", "Notes/Lakehouse.md"]) index.addFile(f);
	for (const [path, text] of Object.entries(FILES)) index.setNote(path, text);
	return index;
}

/** 1-based line of the first line of a file holding `needle`. */
export function lineOf(path: string, needle: string): number {
	const i = FILES[path]!.split("\n").findIndex((l) => l.includes(needle));
	if (i < 0) throw new Error(`${needle} not in ${path}`);
	return i + 1;
}

export function state(change: Partial<BrowserState> = {}): BrowserState {
	return { ...defaultBrowserState(), ...change };
}

export function rowsOf(index: DigestIndex, change: Partial<BrowserState> = {}, options: BrowseOptions = {}): BrowserRow[] {
	return browse(index, state(change), options).rows.toArray();
}

/** Rows as short strings: `## label (count)` for groups, `title` for entries, `> commentary` for panels. */
export function outline(rows: Iterable<BrowserRow>): string[] {
	return [...rows].map((r) => {
		switch (r.kind) {
			case "group":
				return `## ${r.label} (${r.count})${r.collapsed ? " collapsed" : ""}`;
			case "entry":
				return r.entry.entry.title;
			case "detail":
				return `> ${r.entry.entry.title}`;
			case "problem":
				return `! ${r.problem.code} ${r.problem.path}:${r.problem.line}`;
		}
	});
}

export function entries(rows: Iterable<BrowserRow>): EntryRow[] {
	return [...rows].filter((r): r is EntryRow => r.kind === "entry");
}

export function titles(rows: Iterable<BrowserRow>): string[] {
	return entries(rows).map((r) => r.entry.entry.title);
}

/** A vault of the generator's making: many digests, categories, sources, tags, shared links. */
export function generatedIndex(): DigestIndex {
	const vault = generateVault({ digests: 40, seed: 11 });
	const index = new DigestIndex({ parseYaml, series: [completeSeries({ name: "Weekly", tag: "weeklylinks" })] });
	for (const path of vault.keys()) index.addFile(path);
	for (const [path, text] of vault) if (path.endsWith(".md")) index.setNote(path, text);
	return index;
}
