import { App, Plugin } from "obsidian-test-mocks/obsidian";
import type { Series } from "../../../src/core/format/types";
import type { DigestCuratorHost } from "../../../src/plugin/host";
import { LiveIndex } from "../../../src/plugin/live-index/live-index";
import { DEFAULT_SETTINGS, type DigestCuratorSettings } from "../../../src/plugin/settings/settings";

class TestPlugin extends Plugin {}

export interface TestHost {
	host: DigestCuratorHost;
	/** The mocked app, with its test helpers (`asOriginalType__`, ...). */
	app: App;
	plugin: TestPlugin;
	live: LiveIndex;
}

/**
 * A host over a mocked vault holding `files`, with a real LiveIndex, as the plugin builds it.
 * `build: false` leaves the index unbuilt (isReady false), as it is before layout ready.
 */
export async function makeTestHost(files: Record<string, string>, series: readonly Series[], options: { build?: boolean; settings?: Partial<DigestCuratorSettings> } = {}): Promise<TestHost> {
	const app = App.createConfigured__({ files });
	const live = new LiveIndex(app.asOriginalType__(), series, null);
	if (options.build !== false) await live.rebuild();
	const plugin = new TestPlugin(app, { id: "digest-curator", name: "Digest Curator", version: "0.0.0", minAppVersion: "1.12.2", author: "", description: "" });
	const host: DigestCuratorHost = {
		app: app.asOriginalType__(),
		plugin: plugin.asOriginalType2__(),
		settings: { ...DEFAULT_SETTINGS, series: [...series], ...options.settings },
		live,
		saveSettings: () => Promise.resolve(),
		settingsChanged: () => Promise.resolve(),
	};
	return { host, app, plugin, live };
}

/** A digest note of the weeklylinks series: frontmatter title and tag, then the body lines. */
export function digestNote(title: string, body: readonly string[]): string {
	return [`---`, `title: "${title}"`, `tags:`, `  - weeklylinks`, `---`, ``, ...body, ``].join("\n");
}
