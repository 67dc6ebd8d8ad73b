import { readFileSync } from "node:fs";
import type { CachedMetadata, PluginManifest } from "obsidian";
import { App, Notice } from "obsidian-test-mocks/obsidian";
import { afterEach, describe, expect, it, vi } from "vitest";
import DigestCuratorPlugin from "../../main";
import { checkIndex } from "../../src/core/check/check";
import { completeSeries } from "../../src/core/format/series";
import { createNextDigest } from "../../src/plugin/commands/new-digest-action";
import { digestNote, makeTestHost } from "./support/host";

/** What issue 9 asks of the plugin: no digest drops out silently, no path leaves the vault, bad settings are named. */

const WEEKLY = completeSeries({ name: "Weekly", tag: "weeklylinks" });
const GOOD = "Weekly Links 01-01-2025 to 07-01-2025.md";
const BROKEN_PATH = "Weekly Links 08-01-2025 to 14-01-2025.md";
// One typo: the title's closing quote is missing, so the YAML does not parse.
const BROKEN = '---\ntitle: "Weekly Links: 08-01-2025 to 14-01-2025\ntags: [weeklylinks]\n---\n# C\n[1. A - C](https://e.com/c)\n';

/**
 * The metadata cache Obsidian keeps for a note whose YAML does not parse: the frontmatter block
 * is there, its properties are not (so no tags). The mocks' own parser throws on such YAML, so
 * the test sets the cache with the mocks' helper for it.
 */
function brokenYamlCache(text: string): CachedMetadata {
	const end = text.indexOf("\n---", 4) + 4;
	const lines = text.slice(0, end).split("\n").length - 1;
	const position = { start: { line: 0, col: 0, offset: 0 }, end: { line: lines, col: 3, offset: end } };
	return { frontmatterPosition: position, sections: [{ type: "yaml", position }] };
}

describe("a digest whose frontmatter does not parse", () => {
	it("is indexed and reported as frontmatter-invalid by the live index, as by the command-line tool", async () => {
		const files = { [GOOD]: digestNote("Weekly Links: 01-01-2025 to 07-01-2025", ["# C", "[1. A - B](https://e.com/b)"]), [BROKEN_PATH]: "placeholder" };
		const t = await makeTestHost(files, [WEEKLY], { build: false });
		await t.app.vault.adapter.write(BROKEN_PATH, BROKEN);
		t.app.metadataCache.setCache__(BROKEN_PATH, brokenYamlCache(BROKEN));
		await t.live.rebuild();
		expect(t.live.index.digests().map((d) => d.path)).toEqual([GOOD, BROKEN_PATH]);
		const problems = checkIndex(t.live.index).filter((p) => p.code === "frontmatter-invalid");
		expect(problems.map((p) => [p.path, p.severity, p.line])).toEqual([[BROKEN_PATH, "error", 1]]);
	});

	it("is not read when the cache shows a frontmatter block with properties but not the tag", async () => {
		const t = await makeTestHost({ "Other.md": "---\ntags: [other]\n---\n# C\n[1. A - B](https://e.com/b)\n" }, [WEEKLY], { build: false });
		const read = vi.spyOn(t.app.vault, "cachedRead");
		await t.live.rebuild();
		expect(read).not.toHaveBeenCalled();
		expect(t.live.index.size).toBe(0);
	});
});

describe("a note that cannot be read", () => {
	afterEach(() => vi.restoreAllMocks());

	it("is named in a notice, and the live index holds the other digests", async () => {
		const notices = vi.spyOn(Notice.prototype, "constructor__");
		const files = { [GOOD]: digestNote("Weekly Links: 01-01-2025 to 07-01-2025", ["# C", "[1. A - B](https://e.com/b)"]), [BROKEN_PATH]: digestNote("Weekly Links: 08-01-2025 to 14-01-2025", ["# C"]) };
		const t = await makeTestHost(files, [WEEKLY], { build: false });
		const read = t.app.vault.cachedRead.bind(t.app.vault);
		vi.spyOn(t.app.vault, "cachedRead").mockImplementation((file) => (file.path === BROKEN_PATH ? Promise.reject(new Error("EACCES: permission denied")) : read(file)));
		await t.live.rebuild();
		expect(t.live.isReady).toBe(true);
		expect(t.live.index.digests().map((d) => d.path)).toEqual([GOOD]);
		expect(notices.mock.calls.map((c) => c[0])).toEqual([`Digest Curator could not read a note, left out of the index: ${BROKEN_PATH} (EACCES: permission denied).`]);
	});
});

describe("new digest paths", () => {
	it("refuses a template note or a folder outside the vault, creating nothing", async () => {
		const t = await makeTestHost({ [GOOD]: digestNote("Weekly Links: 01-01-2025 to 07-01-2025", ["# C"]) }, [WEEKLY]);
		const before = t.app.vault.getFiles().map((f) => f.path);
		const viaTemplate = await createNextDigest(t.host, { ...WEEKLY, templateNote: "../secret.md" }, { year: 2025, month: 1, day: 14 });
		expect(viaTemplate).toEqual({ ok: false, reason: 'Nothing was created: the template note "../secret.md" leads outside the vault; give a path inside the vault, from its root.' });
		const viaFolder = await createNextDigest(t.host, { ...WEEKLY, folder: "../escape" }, { year: 2025, month: 1, day: 14 });
		expect(viaFolder.ok).toBe(false);
		expect(!viaFolder.ok && viaFolder.reason).toMatch(/the folder "\.\.\/escape" leads outside the vault/);
		expect(t.app.vault.getFiles().map((f) => f.path)).toEqual(before);
	});
});

describe("saved settings of the wrong type", () => {
	afterEach(() => vi.restoreAllMocks());

	it("fall back to their defaults, and a notice names each field", async () => {
		// `new Notice(...)` does not go through create__; every constructor ends in constructor__.
		const notices = vi.spyOn(Notice.prototype, "constructor__");
		const app = App.createConfigured__({ files: {} });
		const manifest = JSON.parse(readFileSync("manifest.json", "utf8")) as PluginManifest;
		const plugin = new DigestCuratorPlugin(app.asOriginalType__(), manifest);
		await plugin.saveData({ settingsVersion: 1, series: [{ name: "Weekly", tag: "weeklylinks", titleTemplate: 5 }], editorMarks: "no" });
		await plugin.onload();
		expect(plugin.settings.series[0]!.titleTemplate).toBe("Weekly Links: {{start}} to {{end}}");
		expect(plugin.settings.editorMarks).toBe(true);
		const messages = notices.mock.calls.map((c) => (typeof c[0] === "string" ? c[0] : c[0].textContent));
		expect(messages).toEqual([
			'Digest Curator: The setting "titleTemplate" of the series "Weekly" is not text (it is 5); the default "Weekly Links: {{start}} to {{end}}" is used instead.',
			'Digest Curator: The setting "editorMarks" is not true or false (it is "no"); the default true is used instead.',
		]);
		plugin.onunload();
	});
});
