import { readFileSync } from "node:fs";
import type { CachedMetadata, PluginManifest } from "obsidian";
import { App } from "obsidian-test-mocks/obsidian";
import { afterEach, describe, expect, it, vi } from "vitest";
import DigestCuratorPlugin from "../../../main";

// Start-up as Obsidian goes through it: the plugin loads, the layout becomes ready, and the
// metadata cache may still be parsing notes (the first open of a vault, a cache rebuild).

const manifest = JSON.parse(readFileSync("manifest.json", "utf8")) as PluginManifest;

const digest = (title: string, tagLines: string) => `---\ntitle: "${title}"\n${tagLines}\n---\n\n# Networking\n\n[1. Blog - Packets](https://blog.example.net/${encodeURIComponent(title)})\n`;

const FIRST_PATH = "Digests/Weekly Links 01-09-2025 to 14-09-2025.md";
const SECOND_PATH = "Digests/Weekly Links 15-09-2025 to 28-09-2025.md";
const BOM_PATH = "Digests/Weekly Links 29-09-2025 to 12-10-2025.md";
const FILES = {
	[FIRST_PATH]: digest("Weekly Links: 01-09-2025 to 14-09-2025", "tags:\n  - weeklylinks"),
	[SECOND_PATH]: digest("Weekly Links: 15-09-2025 to 28-09-2025", "tags: [weeklylinks]"),
	"Packet notes.md": "Notes about packets.",
	"Other.md": "# Not a digest\n[1. X - Y](https://z.example.com)\n",
	"Tagged elsewhere.md": digest("Something else", "tags: [archive]"),
};

/** The mock's own store of parsed metadata, emptied or filled the way a cache still at work would be. */
function cacheStore(app: App): Map<string, CachedMetadata> {
	return (app.metadataCache as unknown as { cache__: Map<string, CachedMetadata> }).cache__;
}

async function load(files: Record<string, string>, beforeLoad?: (app: App) => void): Promise<{ app: App; plugin: DigestCuratorPlugin }> {
	const app = App.createConfigured__({ files });
	beforeLoad?.(app);
	const plugin = new DigestCuratorPlugin(app.asOriginalType__(), manifest);
	await plugin.onload();
	return { app, plugin };
}

function indexed(plugin: DigestCuratorPlugin): string[] {
	return plugin.live.index.digests().map((d) => d.path).sort();
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("start-up", () => {
	it("indexes digests the metadata cache has not parsed yet at layout ready, from their own frontmatter", async () => {
		const { app, plugin } = await load(FILES, (a) => cacheStore(a).clear());
		app.workspace.setLayoutReady__();
		await plugin.live.whenReady();
		expect(indexed(plugin)).toEqual([FIRST_PATH, SECOND_PATH]);
	});

	it("looks again once the metadata cache is resolved, for digests it placed in no series at layout ready", async () => {
		// The cache still holds what the first digest was before it got its tag (edited elsewhere).
		const { app, plugin } = await load(FILES, (a) => {
			const stale = cacheStore(a).get(FIRST_PATH)!;
			cacheStore(a).set(FIRST_PATH, { ...stale, frontmatter: { title: "Weekly Links: 01-09-2025 to 14-09-2025" } });
		});
		app.workspace.setLayoutReady__();
		await plugin.live.whenReady();
		expect(indexed(plugin)).toEqual([SECOND_PATH]);
		const heard = vi.fn();
		plugin.live.on("changed", heard);
		// Parsed again without a "changed" event of its own, then the cache reports it is done.
		const fresh = cacheStore(app);
		fresh.set(FIRST_PATH, { ...fresh.get(FIRST_PATH)!, frontmatter: { title: "x", tags: ["weeklylinks"] } });
		app.metadataCache.trigger("resolved");
		await vi.waitFor(() => expect(indexed(plugin)).toEqual([FIRST_PATH, SECOND_PATH]));
		expect(heard).toHaveBeenCalled();
	});

	it("indexes a digest that starts with a byte-order mark, which the cache reads no frontmatter from", async () => {
		const bom = `\uFEFF${digest("Weekly Links: 29-09-2025 to 12-10-2025", "tags:\n  - weeklylinks")}`;
		const notDigest = `\uFEFF${digest("Not in a series", "tags:\n  - archive")}`;
		const { app, plugin } = await load({ ...FILES, [BOM_PATH]: bom, "Digests/bom-other.md": notDigest });
		expect(app.metadataCache.getCache(BOM_PATH)?.frontmatter).toBeUndefined(); // what the test is about
		app.workspace.setLayoutReady__();
		await plugin.live.whenReady();
		expect(indexed(plugin)).toEqual([FIRST_PATH, SECOND_PATH, BOM_PATH]);
		expect(plugin.live.index.get(BOM_PATH)?.title).toBe("Weekly Links: 29-09-2025 to 12-10-2025");
		// Edited: it stays in, with its new entry; the other one stays out.
		await app.vault.modify(app.vault.getFileByPath(BOM_PATH)!, `${bom}[2. Blog - More](https://more.example.com)\n`);
		expect(plugin.live.index.get(BOM_PATH)?.categories[0]?.entries).toHaveLength(2);
		await app.vault.modify(app.vault.getFileByPath("Digests/bom-other.md")!, `${notDigest}\n`);
		expect(indexed(plugin)).toEqual([FIRST_PATH, SECOND_PATH, BOM_PATH]);
	});

	it("still reads only the notes that may be digests when the cache is complete", async () => {
		const { app, plugin } = await load(FILES);
		const read = vi.spyOn(app.vault, "cachedRead");
		app.workspace.setLayoutReady__();
		await plugin.live.whenReady();
		expect(read.mock.calls.map((c) => c[0].path).sort()).toEqual([FIRST_PATH, SECOND_PATH]);
	});

	it("listens for created files only from layout ready: Obsidian reports every existing file as created before", async () => {
		const registered: string[] = [];
		const { app } = await load(FILES, (a) => {
			const on = a.vault.on.bind(a.vault);
			vi.spyOn(a.vault, "on").mockImplementation((name: string, callback: (...data: unknown[]) => unknown) => {
				registered.push(name);
				return on(name, callback);
			});
		});
		expect(registered).not.toContain("create");
		app.workspace.setLayoutReady__();
		expect(registered.filter((e) => e === "create")).toHaveLength(1);
	});

	it("follows a digest created after layout ready", async () => {
		const { app, plugin } = await load(FILES);
		app.workspace.setLayoutReady__();
		await plugin.live.whenReady();
		await app.vault.create("Digests/new.md", digest("Weekly Links: 13-10-2025 to 26-10-2025", "tags: [weeklylinks]"));
		expect(indexed(plugin)).toContain("Digests/new.md");
	});

	it("whenReady waits for the first build even when asked before it starts", async () => {
		const { app, plugin } = await load(FILES);
		let done = false;
		const waiting = plugin.live.whenReady().then(() => {
			done = true;
		});
		await new Promise((resolve) => window.setTimeout(resolve, 20));
		expect(done).toBe(false);
		app.workspace.setLayoutReady__();
		await waiting;
		expect(indexed(plugin)).toEqual([FIRST_PATH, SECOND_PATH]);
	});

	it("whenReady waits for the build that replaced the one under way", async () => {
		const { app, plugin } = await load(FILES);
		app.workspace.setLayoutReady__();
		const first = plugin.live.whenReady();
		plugin.settings.series = [{ ...plugin.settings.series[0]!, folder: "Digests" }];
		const second = plugin.live.rebuild(plugin.settings.series);
		await first;
		expect(plugin.live.isReady).toBe(true);
		expect(plugin.live.index.seriesList[0]?.folder).toBe("Digests");
		await second;
		expect(indexed(plugin)).toEqual([FIRST_PATH, SECOND_PATH]);
	});
});
