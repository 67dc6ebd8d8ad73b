/**
 * Performance report: `npm run bench`. Prints one table of measurements, each against its target
 * with PASS or FAIL, and writes them to bench/results/latest.json. It reports and always exits 0:
 * timings on shared CI machines are too noisy to fail a build on.
 *
 * Every timing is a median over several repetitions after a warm-up, measured with
 * process.hrtime.bigint(). The vaults come from scripts/vault-generator.ts (seeded, so every run
 * measures the same bytes). `npm run bench -- f` (or any of a b c d e f) runs only those steps;
 * f, the editor marks per keystroke, is bench/editor-keystrokes.ts.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parser as lezerParser } from "@lezer/markdown";
import MarkdownIt from "markdown-it";
import { parse as parseYaml } from "yaml";
import { generateVault, RARE_WORDS, toListStyle, writeVault } from "../scripts/vault-generator";
import { edited, median, nowMs, percentile, queries } from "./bench-support";
import { benchEditorKeystrokes, describeKeystrokes } from "./editor-keystrokes";
import { DigestIndex } from "../src/core/index/digest-index";
import { parseDigest } from "../src/core/format/parser";
import { completeSeries, DEFAULT_SERIES } from "../src/core/format/series";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist", "cli.cjs");
const BASELINE = join(ROOT, "bench", "lezer-baseline.mjs");
const RESULTS = join(ROOT, "bench", "results", "latest.json");
const TAG = "weeklylinks";

// --- measuring ---

function time(fn: () => void, reps: number, warmup = 1): number[] {
	for (let i = 0; i < warmup; i++) fn();
	const samples: number[] = [];
	for (let i = 0; i < reps; i++) {
		const t0 = process.hrtime.bigint();
		fn();
		samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
	}
	return samples;
}

/**
 * Times several functions round-robin (A B C A B C ...), so that a burst of load from other
 * processes hits each of them alike instead of skewing the one that happened to run then.
 */
function timeInterleaved(fns: Record<string, () => void>, reps: number, warmup = 1): Record<string, number[]> {
	const names = Object.keys(fns);
	for (let i = 0; i < warmup; i++) for (const n of names) fns[n]!();
	const out: Record<string, number[]> = {};
	for (const n of names) out[n] = [];
	for (let i = 0; i < reps; i++) {
		for (const n of names) {
			const t0 = process.hrtime.bigint();
			fns[n]!();
			out[n]!.push(Number(process.hrtime.bigint() - t0) / 1e6);
		}
	}
	return out;
}

// A real collection before reading the heap; the flag must be set before the context is made.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapMb(): number {
	gc();
	gc();
	return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Keeps results alive so the optimiser cannot drop the work. */
let sink = 0;

// --- report ---

interface Row {
	id: string;
	name: string;
	value: number;
	unit: string;
	target: string;
	/** null: information only, no target. */
	pass: boolean | null;
	details: Record<string, unknown>;
}

const rows: Row[] = [];
const notes: string[] = [];

function row(r: Row): void {
	rows.push(r);
	const verdict = r.pass === null ? "" : r.pass ? "PASS" : "FAIL";
	process.stderr.write(`  ${r.name}: ${fmt(r.value, r.unit)} ${r.target ? `(target ${r.target}) ` : ""}${verdict}\n`);
}

function fmt(v: number, unit: string): string {
	if (unit === "x") return `${v.toFixed(2)}×`;
	if (unit === "ms") return v < 1 ? `${(v * 1000).toFixed(0)} µs` : `${v.toFixed(v < 100 ? 2 : 0)} ms`;
	if (unit === "MB") return `${v.toFixed(1)} MB`;
	return `${v.toFixed(2)} ${unit}`;
}

function progress(text: string): void {
	process.stderr.write(`${text}\n`);
}

function printTable(): void {
	const head = ["Measurement", "Value", "Target", "Result"];
	const body = rows.map((r) => [r.name, fmt(r.value, r.unit), r.target || "-", r.pass === null ? "info" : r.pass ? "PASS" : "FAIL"]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
	console.log("");
	console.log(line(head));
	console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
	for (const b of body) console.log(line(b));
	for (const r of rows) {
		const d = Object.entries(r.details)
			.map(([k, v]) => `${k}=${typeof v === "number" ? (Number.isInteger(v) ? v : v.toFixed(2)) : Array.isArray(v) ? "[…]" : String(v)}`)
			.join(", ");
		if (d) console.log(`  ${r.id}: ${d}`);
	}
	for (const n of notes) console.log(`  note: ${n}`);
	const targets = rows.filter((r) => r.pass !== null);
	console.log(`\n${targets.filter((r) => r.pass).length}/${targets.length} targets met.`);
}

// --- the vaults ---

const series = [completeSeries(DEFAULT_SERIES)];
const isDigest = (path: string) => path.startsWith("Digests/") && path.endsWith(".md");

progress("Generating the 1,000-digest vault…");
const vault = generateVault({ digests: 1000, tag: TAG });
const digestTexts: [string, string][] = [...vault].filter(([p]) => isDigest(p));
const totalChars = digestTexts.reduce((n, [, t]) => n + t.length, 0);

function buildIndex(files: ReadonlyMap<string, string>): DigestIndex {
	const index = new DigestIndex({ parseYaml, series });
	for (const path of files.keys()) index.addFile(path);
	for (const [path, text] of files) if (isDigest(path)) index.setNote(path, text);
	return index;
}

function parseAll(): void {
	let n = 0;
	for (const [path, text] of digestTexts) n += parseDigest(text, path, { parseYaml }).categories.length;
	sink += n;
}

// a. parse throughput
function benchParse(): void {
	progress("a. Parse throughput…");
	const md = new MarkdownIt();
	const samples = timeInterleaved({
		ours: parseAll,
		lezer: () => {
			let n = 0;
			for (const [, text] of digestTexts) n += lezerParser.parse(text).length;
			sink += n;
		},
		markdownIt: () => {
			let n = 0;
			for (const [, text] of digestTexts) n += md.parse(text, {}).length;
			sink += n;
		},
	}, 7, 2);
	const o = median(samples["ours"]!);
	const lezer = median(samples["lezer"]!);
	const mdit = median(samples["markdownIt"]!);
	const entries = digestTexts.reduce((n, [p, t]) => n + parseDigest(t, p, { parseYaml }).categories.reduce((m, c) => m + c.entries.length, 0), 0);
	const common = { digests: digestTexts.length, entries, mb: totalChars / 1e6, oursMs: o, oursMbPerS: totalChars / 1e6 / (o / 1000) };
	row({ id: "a1", name: "a. parse: @lezer/markdown time / parseDigest time", value: lezer / o, unit: "x", target: "≥ 7×", pass: lezer / o >= 7, details: { ...common, lezerMs: lezer, samplesOurs: samples["ours"], samplesLezer: samples["lezer"] } });
	row({ id: "a2", name: "a. parse: markdown-it time / parseDigest time", value: mdit / o, unit: "x", target: "≥ 8×", pass: mdit / o >= 8, details: { markdownItMs: mdit, samplesMarkdownIt: samples["markdownIt"] } });
}

// a (list). the same vault in the list style: list items, nested commentary, kinds
function benchParseList(): void {
	progress("a. Parse throughput, list style…");
	const listTexts: [string, string][] = digestTexts.map(([p, t]) => [p, toListStyle(t)]);
	const chars = listTexts.reduce((n, [, t]) => n + t.length, 0);
	const options = { parseYaml, entryStyle: "list" as const, categoryLevel: 1 };
	const md = new MarkdownIt();
	const samples = timeInterleaved({
		ours: () => {
			let n = 0;
			for (const [path, text] of listTexts) n += parseDigest(text, path, options).categories.length;
			sink += n;
		},
		lezer: () => {
			let n = 0;
			for (const [, text] of listTexts) n += lezerParser.parse(text).length;
			sink += n;
		},
		markdownIt: () => {
			let n = 0;
			for (const [, text] of listTexts) n += md.parse(text, {}).length;
			sink += n;
		},
	}, 7, 2);
	const o = median(samples["ours"]!);
	const lezer = median(samples["lezer"]!);
	const mdit = median(samples["markdownIt"]!);
	const entries = listTexts.reduce((n, [p, t]) => n + parseDigest(t, p, options).categories.reduce((m, c) => m + c.entries.length, 0), 0);
	const common = { digests: listTexts.length, entries, mb: chars / 1e6, oursMs: o, oursMbPerS: chars / 1e6 / (o / 1000) };
	row({ id: "a3", name: "a. parse, list style: @lezer/markdown time / parseDigest time", value: lezer / o, unit: "x", target: "≥ 7×", pass: lezer / o >= 7, details: { ...common, lezerMs: lezer, samplesOurs: samples["ours"], samplesLezer: samples["lezer"] } });
	row({ id: "a4", name: "a. parse, list style: markdown-it time / parseDigest time", value: mdit / o, unit: "x", target: "≥ 8×", pass: mdit / o >= 8, details: { markdownItMs: mdit, samplesMarkdownIt: samples["markdownIt"] } });
}

// b. full index vs parsing alone
function benchIndex(): void {
	progress("b. Building the index…");
	const samples = timeInterleaved({
		parse: parseAll,
		build: () => {
			sink += buildIndex(vault).entryCount();
		},
	}, 7, 2);
	const b = median(samples["build"]!);
	const p = median(samples["parse"]!);
	row({ id: "b", name: "b. index build (1,000 digests) / parse alone", value: b / p, unit: "x", target: "≤ 2×", pass: b / p <= 2, details: { buildMs: b, parseMs: p, files: vault.size, samplesBuild: samples["build"], samplesParse: samples["parse"] } });
}

// c. one changed digest in a full index
function benchUpdate(): void {
	progress("c. Updating one digest…");
	const index = buildIndex(vault);
	const n = digestTexts.length;
	const run = (k: number) => {
		const [path, text] = digestTexts[(k * 7919) % n]!;
		const next = edited(text, k);
		const t0 = process.hrtime.bigint();
		sink += index.setNote(path, next)?.categories.length ?? 0;
		return Number(process.hrtime.bigint() - t0) / 1e6;
	};
	for (let k = 0; k < 40; k++) run(1000 + k);
	const samples: number[] = [];
	for (let k = 0; k < 200; k++) samples.push(run(k));
	const m = median(samples);
	row({ id: "c", name: "c. update one changed digest (setNote, full index)", value: m, unit: "ms", target: "< 1 ms", pass: m < 1, details: { updates: samples.length, p90Ms: percentile(samples, 90), maxMs: Math.max(...samples) } });
}

// d. text query over 100,000 entries, and the heap it takes
function benchQuery(): void {
	progress("d. Generating the 5,000-digest vault and indexing it…");
	const base = heapMb();
	let big: Map<string, string> | null = generateVault({ digests: 5000, tag: TAG });
	const t0 = nowMs();
	const index = buildIndex(big);
	const buildMs = nowMs() - t0;
	const withTexts = heapMb();
	big = null;
	const afterBuild = heapMb();
	const entries = index.entryCount();

	const list = queries();
	const t1 = nowMs();
	const hits = new Map<string, number>();
	for (const q of list) hits.set(q, index.query({ text: q }).length);
	const firstPassMs = nowMs() - t1;
	const perQuery: number[] = [];
	for (const q of list) perQuery.push(median(time(() => { sink += index.query({ text: q }).length; }, 5, 0)));
	const m = median(perQuery);
	const afterQueries = heapMb();
	const slowest = list[perQuery.indexOf(Math.max(...perQuery))]!;
	row({
		id: "d",
		name: "d. text query over 100k entries (median of queries)",
		value: m,
		unit: "ms",
		target: "< 10 ms",
		pass: m < 10,
		details: { entries, queries: list.length, p90Ms: percentile(perQuery, 90), maxMs: Math.max(...perQuery), slowest: `"${slowest}" (${hits.get(slowest)} hits)`, firstPassAllQueriesMs: firstPassMs, rareHits: RARE_WORDS.slice(0, 5).map((w) => hits.get(w)).join("/"), perQuery: list.map((q, i) => ({ q, ms: perQuery[i], hits: hits.get(q) })) },
	});
	row({ id: "mem", name: "memory: heap used after building the 100k index", value: afterBuild, unit: "MB", target: "", pass: null, details: { entries, buildMs, heapBeforeMb: base, indexMb: afterBuild - base, heapWithVaultTextsMb: withTexts, heapAfterQueriesMb: afterQueries, searchTextMb: afterQueries - afterBuild } });
	sink += index.size;
}

// e. the CLI as a whole process vs reading and parsing with lezer
function newestMtime(dir: string): number {
	let t = 0;
	for (const d of readdirSync(dir, { withFileTypes: true })) {
		const full = join(dir, d.name);
		t = Math.max(t, d.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
	}
	return t;
}

function ensureCli(): void {
	const stale = existsSync(CLI) && statSync(CLI).mtimeMs < newestMtime(join(ROOT, "src"));
	if (existsSync(CLI) && !stale) return;
	progress(existsSync(CLI) ? "   dist/cli.cjs is older than src/: npm run build…" : "   dist/cli.cjs is missing: npm run build…");
	const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
	if (r.status === 0) return;
	// The type check covers the whole project, which may be mid-edit; bundling alone still yields the CLI.
	const why = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim().split("\n").find((l) => /error/i.test(l))?.trim() ?? "see npm run build";
	const bundle = spawnSync(process.execPath, ["esbuild.config.mjs", "production"], { cwd: ROOT, encoding: "utf8" });
	if (bundle.status === 0) notes.push(`npm run build failed its type check (${why}); bundled the CLI with esbuild.config.mjs alone.`);
	else if (existsSync(CLI)) notes.push(`npm run build failed (${why}); measured the existing, older dist/cli.cjs.`);
	else throw new Error(`npm run build failed: ${why}`);
}

function runNode(args: string[], out: number): number {
	const t0 = process.hrtime.bigint();
	const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", out, "pipe"] });
	const ms = Number(process.hrtime.bigint() - t0) / 1e6;
	if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr.toString().slice(0, 500)}`);
	return ms;
}

function benchCli(): void {
	progress("e. CLI whole process…");
	ensureCli();
	const dir = mkdtempSync(join(tmpdir(), "digest-bench-"));
	const devNull = openSync("/dev/null", "w");
	try {
		writeVault(dir, vault);
		// Check once that the CLI reads the whole vault, then time it.
		const check = spawnSync(process.execPath, [CLI, "index", dir, "--json", "--tag", TAG], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30 });
		const json = JSON.parse(check.stdout) as { digests: { categories: { entries: unknown[] }[] }[] };
		const cliDigests = json.digests.length;
		const cliEntries = json.digests.reduce((n, d) => n + d.categories.reduce((m, c) => m + c.entries.length, 0), 0);
		// The target is the CLI's `index` (its summary); `index --json` also writes ~19 MB of JSON and is shown beside it.
		const cliArgs = [CLI, "index", dir, "--tag", TAG];
		const jsonArgs = [CLI, "index", dir, "--json", "--tag", TAG];
		const cli: number[] = [];
		const cliJson: number[] = [];
		const lezer: number[] = [];
		runNode(cliArgs, devNull);
		runNode([BASELINE, dir], devNull);
		for (let i = 0; i < 5; i++) {
			cli.push(runNode(cliArgs, devNull));
			cliJson.push(runNode(jsonArgs, devNull));
			lezer.push(runNode([BASELINE, dir], devNull));
		}
		const ratio = median(lezer) / median(cli);
		row({ id: "e", name: "e. CLI `index`: lezer baseline time / CLI time", value: ratio, unit: "x", target: "≥ 3×", pass: ratio >= 3, details: { cliMs: median(cli), baselineMs: median(lezer), cliDigests, cliEntries, cliSamples: cli, baselineSamples: lezer } });
		const jsonRatio = median(lezer) / median(cliJson);
		row({ id: "e2", name: "e. CLI `index --json`: lezer baseline time / CLI time", value: jsonRatio, unit: "x", target: "-", pass: null, details: { cliJsonMs: median(cliJson), cliJsonSamples: cliJson } });
	} finally {
		closeSync(devNull);
		rmSync(dir, { recursive: true, force: true });
	}
}

// f. the editor marks' work per keystroke, with and without the extension in the same run
async function benchEditor(): Promise<void> {
	progress("f. Editor marks per keystroke (happy-dom, two EditorViews)…");
	const r = await benchEditorKeystrokes(640);
	for (const l of describeKeystrokes(r)) progress(l);
	// Each keystroke went to both editors in turn: its extra work is the difference of the two (CPU time).
	const extra = r.withMs.map((w, i) => w - r.withoutMs[i]!);
	const wallExtra = r.withWallMs.map((w, i) => w - r.withoutWallMs[i]!);
	const med = median(extra);
	const p95 = percentile(extra, 95);
	const details = {
		lines: r.lines,
		entries: r.entries,
		keystrokes: r.keystrokes,
		withMedianMs: median(r.withMs),
		withP95Ms: percentile(r.withMs, 95),
		withoutMedianMs: median(r.withoutMs),
		withoutP95Ms: percentile(r.withoutMs, 95),
		ratioAtMedian: median(r.withMs) / median(r.withoutMs),
		refreshMedianMs: median(r.refreshMs),
		renameExtraMedianMs: median(r.headingWithMs.map((w, i) => w - r.headingWithoutMs[i]!)),
		fullReadExtraMedianMs: median(r.fullWithMs.map((w, i) => w - r.fullWithoutMs[i]!)),
		openWithMs: r.openWithMs,
		openWithoutMs: r.openWithoutMs,
	};
	// Wall-clock is what the writer feels; CPU time (every thread of the process: V8's collector and
	// compiler threads too) is not inflated when other processes take the CPU away mid-keystroke.
	row({ id: "f1", name: "f. editor marks: extra work a keystroke, wall-clock median (with − without)", value: median(wallExtra), unit: "ms", target: "< 1 ms", pass: median(wallExtra) < 1, details });
	row({ id: "f2", name: "f. editor marks: extra work a keystroke, wall-clock p95", value: percentile(wallExtra, 95), unit: "ms", target: "< 4 ms", pass: percentile(wallExtra, 95) < 4, details: {} });
	row({ id: "f3", name: "f. editor marks: extra CPU time a keystroke, median", value: med, unit: "ms", target: "< 1 ms", pass: med < 1, details: {} });
	row({ id: "f4", name: "f. editor marks: extra CPU time a keystroke, p95", value: p95, unit: "ms", target: "< 4 ms", pass: p95 < 4, details: {} });
}

/** One-minute load average against the CPU count: timings taken on a busy machine are inflated. */
function loadNote(when: string): string {
	const load = loadavg()[0] ?? 0;
	if (load > cpus().length * 0.75) notes.push(`load average ${load.toFixed(1)} on ${cpus().length} CPUs ${when}: other processes were competing, timings are inflated.`);
	return load.toFixed(2);
}

async function main(): Promise<void> {
	const loadBefore = loadNote("before the run");
	console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, load ${loadBefore}; vault: ${digestTexts.length} digests, ${(totalChars / 1e6).toFixed(1)} M characters`);
	// `npm run bench -- c f` runs only those steps.
	const only = process.argv.slice(2).map((a) => a.replace(/\.$/, ""));
	const wanted = (name: string) => only.length === 0 || only.includes(name.replace(/\.$/, ""));
	// A step that throws is reported as not measured; the others still run.
	const step = (name: string, fn: () => void) => {
		if (!wanted(name)) return;
		try {
			fn();
		} catch (e) {
			notes.push(`${name} not measured: ${e instanceof Error ? e.message : String(e)}`);
		}
	};
	step("a.", benchParse);
	step("a.", benchParseList);
	step("b.", benchIndex);
	step("c.", benchUpdate);
	step("d.", benchQuery);
	step("e.", benchCli);
	// Last: it installs a DOM (happy-dom) in this process.
	if (wanted("f")) {
		try {
			await benchEditor();
		} catch (e) {
			notes.push(`f. not measured: ${e instanceof Error ? e.message : String(e)}`);
		}
	}
	const loadAfter = loadNote("at the end");
	printTable();
	mkdirSync(dirname(RESULTS), { recursive: true });
	const results = {
		date: new Date().toISOString(),
		node: process.version,
		cpus: cpus().length,
		cpu: cpus()[0]?.model ?? "",
		loadBefore: Number(loadBefore),
		loadAfter: Number(loadAfter),
		results: rows,
		notes,
		sink,
	};
	writeFileSync(RESULTS, `${JSON.stringify(results, null, "\t")}\n`);
	console.log(`Results written to ${RESULTS.slice(ROOT.length + 1)}.`);
}

await main();
process.exitCode = 0;
