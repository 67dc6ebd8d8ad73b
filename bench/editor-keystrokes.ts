/**
 * The editor marks' cost per keystroke, for `npm run bench`: a generated digest of about 5,000
 * lines and 1,250 entries open in two CodeMirror 6 EditorViews under happy-dom (as the tests run
 * them), one with the plugin's editor extension and one without, fed the same keystrokes in turn.
 * A keystroke is one `view.dispatch` of a typed character (or Backspace, or Enter), timed whole:
 * the transaction, the extension's update, CodeMirror's DOM update of the lines in view. Each is
 * timed twice: wall-clock, and as the CPU time the process spent (process.cpuUsage). A busy machine
 * inflates the wall-clock tail by taking the CPU away in the middle of a keystroke; CPU time is
 * immune to that but also counts the work V8's collector and compiler threads do beside it.
 *
 * Importing the extension needs what Obsidian provides: a DOM (happy-dom's Window, its globals
 * installed here), Obsidian's DOM helpers (obsidian-test-mocks' setup) and the `obsidian` module
 * (resolved to obsidian-test-mocks by bench/obsidian-alias.mjs). All of that is installed only
 * when benchEditorKeystrokes() runs.
 */
import { register } from "node:module";
import { generateVault } from "../scripts/vault-generator";
import { median, percentile } from "./bench-support";

export interface KeystrokeResult {
	lines: number;
	entries: number;
	keystrokes: number;
	/** CPU ms per keystroke, with and without the extension, same keystrokes. */
	withMs: number[];
	withoutMs: number[];
	/** Wall-clock ms per keystroke, the same keystrokes. */
	withWallMs: number[];
	withoutWallMs: number[];
	/** CPU ms per keystroke typed into a category heading (a category renamed), with and without the extension. */
	headingWithMs: number[];
	headingWithoutMs: number[];
	/** CPU ms per keystroke that makes a line a heading or takes its heading away (the whole note read again). */
	fullWithMs: number[];
	fullWithoutMs: number[];
	/** ms to refresh the marks after an index change (the refresh effect's dispatch). */
	refreshMs: number[];
	/** CPU ms to open the note with the extension (the view's creation), and without: the median of five opens after a first one. */
	openWithMs: number;
	openWithoutMs: number;
}

const SERIES_TAG = "weeklylinks";
const ENTRIES = 1250;

/**
 * The digest under test and the digests indexed beside it: five generated digests of 1,250
 * entries (later ones share some links with earlier ones), each entry's commentary cut to its
 * first bullet, so that a digest has about 4 lines an entry.
 */
function digests(): { path: string; text: string }[] {
	const vault = generateVault({ digests: 5, entriesPerDigest: ENTRIES, seed: 11, crlfEvery: 0 });
	return [...vault]
		.filter(([p]) => p.startsWith("Digests/"))
		.map(([path, text]) => {
			const out: string[] = [];
			let bullets = 0;
			for (const line of text.split("\n")) {
				if (line.startsWith("- ") || line.startsWith("\t- ")) {
					if (bullets++ > 0) continue;
				} else if (line.trim() !== "") bullets = 0;
				out.push(line);
			}
			return { path, text: out.join("\n") };
		});
}

/** A seeded PRNG (mulberry32), so that every run types the same keystrokes. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function installDom(win: { document: unknown }): void {
	// The bench runs in Node: the global object is Node's, not a window of Obsidian's.
	const g = global as unknown as Record<string, unknown>;
	for (const key of Object.getOwnPropertyNames(win)) {
		if (key in g || key === "constructor") continue;
		const desc = Object.getOwnPropertyDescriptor(win, key)!;
		Object.defineProperty(g, key, { ...desc, configurable: true });
	}
	g["window"] = win;
	g["document"] = win.document;
}

export async function benchEditorKeystrokes(keystrokes: number): Promise<KeystrokeResult> {
	register("./obsidian-alias.mjs", import.meta.url);
	const { Window } = await import("happy-dom");
	const win = new Window({ url: "http://localhost/", width: 1200, height: 900 });
	installDom(win);
	const { setup } = (await import("obsidian-test-mocks/setup")) as { setup: () => void };
	setup();

	const { EditorState } = await import("@codemirror/state");
	const { EditorView } = await import("@codemirror/view");
	const obsidian = await import("obsidian");
	const { parse: parseYaml } = await import("yaml");
	const { completeSeries } = await import("../src/core/format/series");
	const { digestEditorExtension, refreshDigestMarks } = await import("../src/plugin/editor/editor-extension");
	const { LiveIndex } = await import("../src/plugin/live-index/live-index");
	const { DEFAULT_SETTINGS } = await import("../src/plugin/settings/settings");
	void parseYaml;

	const all = digests();
	const note = all[all.length - 1]!;
	const live = new LiveIndex({} as never, [completeSeries({ name: "Weekly", tag: SERIES_TAG })], null);
	for (const d of all) live.index.setNote(d.path, d.text);
	const digest = live.index.get(note.path);
	if (!digest) throw new Error("the generated note is not a digest of the series");
	const entries = digest.categories.reduce((n, c) => n + c.entries.length, 0);
	// The link maps are made in idle time after indexing in Obsidian; made here before timing.
	live.index.findUrl("https://example.com/");
	const host = { app: {} as never, plugin: {} as never, settings: { ...DEFAULT_SETTINGS }, live, saveSettings: () => Promise.resolve(), settingsChanged: () => Promise.resolve() };
	const info = { file: { path: note.path } } as never;

	const open = (withMarks: boolean): { view: InstanceType<typeof EditorView>; ms: number } => {
		const parent = document.body.createDiv();
		const c0 = process.cpuUsage();
		const state = EditorState.create({ doc: note.text, extensions: [obsidian.editorInfoField.init(() => info), withMarks ? digestEditorExtension(host) : []] });
		const view = new EditorView({ state, parent });
		const cpu = process.cpuUsage(c0);
		return { view, ms: (cpu.user + cpu.system) / 1000 };
	};
	// Opened and closed a few times first: the median of those opens after the first (which also
	// compiles the code it runs) is what opening the note costs.
	const opens: number[][] = [[], []];
	for (let i = 0; i < 6; i++) {
		for (const marks of [true, false]) {
			const o = open(marks);
			if (i > 0) opens[marks ? 0 : 1]!.push(o.ms);
			o.view.destroy();
		}
	}
	const withMarks = open(true);
	const without = open(false);
	const views = [withMarks.view, without.view];

	// Keystrokes as typing goes: a place in an entry's title or in a commentary line, then a run of
	// characters there (now and then Backspace, a space, or Enter and more typing on the new line).
	const rand = prng(5);
	const plan: { kind: "type" | "backspace" | "enter"; char: string }[] = [];
	const places: number[] = [];
	for (let k = 0; k < keystrokes; k++) {
		if (k % 20 === 0) places.push(rand());
		const r = rand();
		plan.push(r < 0.08 ? { kind: "backspace", char: "" } : r < 0.11 ? { kind: "enter", char: "\n" } : { kind: "type", char: r < 0.25 ? " " : String.fromCharCode(97 + Math.floor(rand() * 26)) });
	}
	const lineStarts: number[] = [];
	for (const cat of digest.categories) for (const e of cat.entries) lineStarts.push(e.line);
	const cursors = views.map(() => 0);
	const startRun = (v: number, place: number): void => {
		const doc = views[v]!.state.doc;
		// Half the runs in an entry's title (after its link text opens), half in the commentary below it.
		const entryLine = lineStarts[Math.floor(place * lineStarts.length)]!;
		const inTitle = Math.floor(place * 1000) % 2 === 0;
		const line = doc.line(Math.min(doc.lines, inTitle ? entryLine : entryLine + 2));
		cursors[v] = line.from + Math.min(line.length, inTitle ? 12 : 10);
	};

	const samples: number[][] = [[], []];
	const wall: number[][] = [[], []];
	const warmup = Math.min(40, Math.floor(keystrokes / 5));
	for (let k = 0; k < plan.length; k++) {
		const key = plan[k]!;
		for (let v = 0; v < views.length; v++) {
			const view = views[v]!;
			if (k % 20 === 0) startRun(v, places[k / 20]!);
			const at = cursors[v]!;
			const spec =
				key.kind === "backspace" && at > 0
					? { changes: { from: at - 1, to: at }, selection: { anchor: at - 1 }, userEvent: "delete.backward" }
					: { changes: { from: at, insert: key.char || "x" }, selection: { anchor: at + (key.char || "x").length }, userEvent: "input.type" };
			const c0 = process.cpuUsage();
			const t0 = process.hrtime.bigint();
			view.dispatch(spec);
			const ms = Number(process.hrtime.bigint() - t0) / 1e6;
			const cpu = process.cpuUsage(c0);
			cursors[v] = view.state.selection.main.head;
			if (k >= warmup) {
				samples[v]!.push((cpu.user + cpu.system) / 1000);
				wall[v]!.push(ms);
			}
		}
	}
	if (views[0]!.state.doc.toString() !== views[1]!.state.doc.toString()) throw new Error("the two editors were fed different keystrokes");

	// Typing in a category's heading renames the category.
	const timeKeys = (count: number, key: (view: InstanceType<typeof EditorView>, k: number) => Parameters<InstanceType<typeof EditorView>["dispatch"]>[0]): number[][] => {
		const out: number[][] = [[], []];
		for (let k = 0; k < count; k++) {
			for (let v = 0; v < views.length; v++) {
				const view = views[v]!;
				const spec = key(view, k);
				const c0 = process.cpuUsage();
				view.dispatch(spec);
				const cpu = process.cpuUsage(c0);
				if (k >= 4) out[v]!.push((cpu.user + cpu.system) / 1000);
			}
		}
		return out;
	};
	const headingText = `# ${digest.categories[Math.floor(digest.categories.length / 2)]!.name}`;
	const headingAt = views[0]!.state.doc.toString().indexOf(`\n${headingText}\n`) + 1;
	if (headingAt <= 0) throw new Error(`no heading ${headingText}`);
	const heading = timeKeys(40, (view) => {
		const at = view.state.doc.lineAt(headingAt).to;
		return { changes: { from: at, insert: "s" }, selection: { anchor: at + 1 }, userEvent: "input.type" };
	});
	// "#" at the start of a commentary line, then a space after it (a heading) and Backspace (none again), in turn.
	const bulletAt = views[0]!.state.doc.toString().indexOf("\n- ", headingAt) + 1;
	for (const view of views) view.dispatch({ changes: { from: bulletAt, insert: "#" } });
	const full = timeKeys(40, (_view, k) => (k % 2 === 0 ? { changes: { from: bulletAt + 1, insert: " " }, userEvent: "input.type" } : { changes: { from: bulletAt + 1, to: bulletAt + 2 }, userEvent: "delete.backward" }));

	// An index change: the refresh it causes, timed as its dispatch.
	const refreshMs: number[] = [];
	for (let i = 0; i < 30; i++) {
		const t0 = process.hrtime.bigint();
		withMarks.view.dispatch({ effects: refreshDigestMarks.of(null) });
		refreshMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
	}
	for (const v of views) v.destroy();
	await win.happyDOM.abort();
	return { lines: withMarks.view.state.doc.lines, entries, keystrokes: samples[0]!.length, withMs: samples[0]!, withoutMs: samples[1]!, withWallMs: wall[0]!, withoutWallMs: wall[1]!, headingWithMs: heading[0]!, headingWithoutMs: heading[1]!, fullWithMs: full[0]!, fullWithoutMs: full[1]!, refreshMs: refreshMs.slice(5), openWithMs: median(opens[0]!), openWithoutMs: median(opens[1]!) };
}

/** The comparison the benchmark prints: CPU time, then wall-clock time. */
export function describeKeystrokes(r: KeystrokeResult): string[] {
	const f = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
	const lines = [`   ${r.keystrokes} keystrokes on a ${r.lines}-line digest of ${r.entries} entries, the same ones in both editors:`];
	for (const [what, withMs, withoutMs] of [
		["CPU time", r.withMs, r.withoutMs],
		["wall-clock", r.withWallMs, r.withoutWallMs],
	] as const) {
		const extra = withMs.map((w, i) => w - withoutMs[i]!);
		lines.push(
			`     ${what}: with the extension median ${f(median(withMs))}, p95 ${f(percentile(withMs, 95))}; without it median ${f(median(withoutMs))}, p95 ${f(percentile(withoutMs, 95))};`,
			`       the extension's extra work: median ${f(median(extra))}, p95 ${f(percentile(extra, 95))} (with / without at the median: ${(median(withMs) / median(withoutMs)).toFixed(2)}×)`,
		);
	}
	for (const [what, withMs, withoutMs] of [
		["typing in a category's heading (renaming it)", r.headingWithMs, r.headingWithoutMs],
		["making a line a heading and back (the whole note read again)", r.fullWithMs, r.fullWithoutMs],
	] as const) {
		const extra = withMs.map((w, i) => w - withoutMs[i]!);
		lines.push(`     ${what}, CPU time: extra median ${f(median(extra))}, p95 ${f(percentile(extra, 95))}`);
	}
	lines.push(`     opening the note (CPU time, median of 5 after a first open): ${f(r.openWithMs)} with the extension, ${f(r.openWithoutMs)} without; a refresh after an index change: median ${f(median(r.refreshMs))}`);
	return lines;
}
