import { existsSync, readFileSync } from "node:fs";
import type { Command, PluginManifest } from "obsidian";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// Safari before 16.4 (every iPhone and iPad not updated to iOS 16.4) cannot compile a regular
// expression with a lookbehind: a literal one stops main.js from loading at all, one built with
// `new RegExp` throws where it is built. The lint rule sees literals only; these tests see both.

/** The start of a lookbehind group, `(?<=` or `(?<!`, as it stands in source or in a pattern. */
const LOOKBEHIND = /\(\?<[=!]/g;

describe("the built main.js", () => {
	it("holds no lookbehind group, literal or in a string a pattern is built from", () => {
		expect(existsSync("main.js"), "main.js is missing: `npm test` builds it first; run `npm run build`.").toBe(true);
		const text = readFileSync("main.js", "utf8");
		const found = [...text.matchAll(LOOKBEHIND)].map((m) => text.slice(Math.max(0, m.index - 60), m.index + 40));
		expect(found).toEqual([]);
	});
});

describe("patterns built at run time", () => {
	// In the DOM environment the window is the global object: module code's `RegExp` is window.RegExp.
	const NativeRegExp = window.RegExp;
	/** Every pattern with a lookbehind handed to the RegExp constructor, with where it came from. */
	let refused: { source: string; stack: string }[] = [];

	beforeEach(() => {
		refused = [];
		const check = (pattern: unknown) => {
			const source = pattern instanceof NativeRegExp ? pattern.source : String(pattern);
			LOOKBEHIND.lastIndex = 0;
			if (!LOOKBEHIND.test(source)) return;
			refused.push({ source, stack: new Error().stack ?? "" });
			// What Safari before 16.4 does.
			throw new SyntaxError(`Invalid regular expression: /${source}/: Invalid group specifier name`);
		};
		const Guarded: RegExpConstructor = new Proxy(NativeRegExp, {
			construct(target, args: unknown[], newTarget) {
				check(args[0]);
				return Reflect.construct(target, args, newTarget === Guarded ? target : newTarget) as object;
			},
			apply(target, thisArg, args: unknown[]) {
				check(args[0]);
				return Reflect.apply(target, thisArg, args) as unknown;
			},
		});
		window.RegExp = Guarded;
		// Modules that compile patterns when loaded, or cache compiled ones, start again under the guard.
		vi.resetModules();
	});

	afterEach(() => {
		window.RegExp = NativeRegExp;
		vi.restoreAllMocks();
	});

	it("refuses a lookbehind, as an old iPhone does (the guard works)", () => {
		// Put together here so that the lint rule, which reads literals, lets the test say it.
		const behind = (sign: "=" | "!") => `(?<${sign}`;
		expect(() => new RegExp(`${behind("!")}[a-z])b`, "g")).toThrow(SyntaxError);
		expect(() => new RegExp(`${behind("=")}a)b`)).toThrow(SyntaxError);
		expect(new RegExp("(?<name>a)b").test("ab")).toBe(true); // a named group is fine
		expect(refused).toHaveLength(2);
	});

	it("compiles none while the plugin loads, indexes, checks, edits and marks the editor", async () => {
		const { App } = await import("obsidian-test-mocks/obsidian");
		const { default: DigestCuratorPlugin } = await import("../../main");
		const { checkIndex } = await import("../../src/core/check/check");
		const { insertIntoDigest } = await import("../../src/plugin/commands/digest-actions");
		const { createNextDigest } = await import("../../src/plugin/commands/new-digest-action");
		const { renumberEntries } = await import("../../src/core/edit/entry-edits");
		const { digestEditorExtension } = await import("../../src/plugin/editor/editor-extension");
		const { DigestCuratorSettingTab } = await import("../../src/plugin/settings/settings-tab");
		const { EditorState } = await import("@codemirror/state");
		const { EditorView } = await import("@codemirror/view");
		const { editorInfoField } = await import("obsidian");

		// Three series, each with its own date format: every format is compiled at run time.
		const weekly = (title: string) => `---\ntitle: "${title}"\ntags: [weeklylinks]\n---\n# Tools\n[1. Blog - One](https://one.example.com/a)\n\n- See [[Notes]].\n\n[3. Blog - Two](https://two.example.com/b) 🌟 **(Recommended)** #tag\n`;
		const files = {
			"Weekly/Weekly Links 01-09-2025 to 14-09-2025.md": weekly("Weekly Links: 01-09-2025 to 14-09-2025"),
			"Weekly/Weekly Links 15-09-2025 to 28-09-2025.md": weekly("Weekly Links: 15-09-2025 to 28-09-2025"),
			"Monthly/September.md": `---\ntitle: "Reading, 1 September 2025 to 30 September 2025"\n---\n## Books\n[1. Press - A book](https://books.example.org/x)\n`,
			"Daily/2025-10-01.md": `---\ntitle: "Links 2025/10/01 to 2025/10/01"\n---\n# Misc\n[Unnumbered](https://misc.example.net/)\n`,
			"Notes.md": "Plain note.",
		};
		const data = {
			series: [
				{ name: "Weekly", tag: "weeklylinks", folder: "Weekly" },
				{ name: "Monthly", tag: "", folder: "Monthly", dateFormat: "D MMMM YYYY", categoryLevel: 2, titleTemplate: "Reading, {{start}} to {{end}}", fileNameTemplate: "{{end}}" },
				{ name: "Daily", tag: "", folder: "Daily", dateFormat: "YYYY/MM/DD", titleTemplate: "Links {{start}} to {{end}}", fileNameTemplate: "{{year}} {{end}}" },
			],
			fetchTitles: false,
		};
		const manifest = JSON.parse(readFileSync("manifest.json", "utf8")) as PluginManifest;
		const app = App.createConfigured__({ files });
		const plugin = new DigestCuratorPlugin(app.asOriginalType__(), manifest);
		await plugin.saveData(data);
		await plugin.onload();
		app.workspace.setLayoutReady__();
		await plugin.live.whenReady();

		const index = plugin.live.index;
		expect(index.digests().map((d) => d.path).sort()).toEqual(["Daily/2025-10-01.md", "Monthly/September.md", "Weekly/Weekly Links 01-09-2025 to 14-09-2025.md", "Weekly/Weekly Links 15-09-2025 to 28-09-2025.md"]);
		expect(index.get("Monthly/September.md")?.period).toEqual({ start: { year: 2025, month: 9, day: 1 }, end: { year: 2025, month: 9, day: 30 } });
		expect(index.query({ text: "two" })).toHaveLength(2);
		expect(index.findUrl("https://www.two.example.com/b/?utm_source=x")).toHaveLength(2);
		while (!index.warm(() => false));
		expect(checkIndex(index).map((p) => p.code)).toContain("duplicate-url");
		const commands = (plugin as unknown as { commands__: Map<string, Command> }).commands__;
		expect(commands.get("check-all-digests")?.callback).toBeTypeOf("function");

		const weeklySeries = plugin.settings.series[0]!;
		const renumbered = renumberEntries(files["Weekly/Weekly Links 01-09-2025 to 14-09-2025.md"], "w.md", { parseYaml: (t) => JSON.parse(t) as unknown, series: weeklySeries });
		expect(renumbered.ok && renumbered.text).toContain("[2. Blog - Two]");
		expect((await insertIntoDigest(plugin, "Monthly/September.md", { category: "Books", url: "https://books.example.org/y", title: "Another" })).ok).toBe(true);
		expect((await createNextDigest(plugin, plugin.settings.series[2]!, { year: 2025, month: 10, day: 3 })).ok).toBe(true);

		const info = { file: { path: "Weekly/Weekly Links 15-09-2025 to 28-09-2025.md" } };
		const view = new EditorView({
			state: EditorState.create({ doc: files["Weekly/Weekly Links 15-09-2025 to 28-09-2025.md"], extensions: [editorInfoField.init(() => info as never), digestEditorExtension(plugin)] }),
			parent: document.body,
		});
		try {
			view.dispatch({ changes: { from: view.state.doc.length, insert: "[4. Blog - Three](https://three.example.com)\n" } });
		} finally {
			view.destroy();
		}

		const tab = new DigestCuratorSettingTab(plugin, () => new Date(2025, 9, 3));
		(tab as { display(): void }).display();
		expect(tab.containerEl.textContent).toContain("Next digest");

		expect(refused.map((r) => `${r.source}\n${r.stack.split("\n").slice(1, 4).join("\n")}`)).toEqual([]);
	});
});
