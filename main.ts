import { Notice, Plugin } from "obsidian";
import { activateBrowserView, registerDigestBrowser } from "./src/plugin/view/browser-view";
import { registerCliHandlers } from "./src/plugin/commands/cli-handlers";
import { registerCommands } from "./src/plugin/commands/commands";
import { digestEditorExtension } from "./src/plugin/editor/editor-extension";
import type { DigestCuratorHost } from "./src/plugin/host";
import { LiveIndex } from "./src/plugin/live-index/live-index";
import { newDigestCommand } from "./src/plugin/commands/new-digest-action";
import { registerPasteToEntry } from "./src/plugin/commands/paste-to-entry";
import { registerPublishCommands } from "./src/plugin/commands/publish-commands";
import { registerLinkHealth, type LinkHealth } from "./src/plugin/commands/link-health";
import { registerCapture } from "./src/plugin/commands/capture-commands";
import { registerCollectionCommands } from "./src/plugin/commands/collection-commands";
import { createPluginApi, type DigestCuratorApi } from "./src/plugin/commands/plugin-api";
import { SettingsApplier } from "./src/plugin/settings/apply-settings";
import { FirstRun } from "./src/plugin/settings/first-run";
import { DigestCuratorSettingTab } from "./src/plugin/settings/settings-tab";
import { DEFAULT_SETTINGS, migrateSettings, type DigestCuratorSettings } from "./src/plugin/settings/settings";

/** Wires the parts together; every piece of logic lives in src/. */
export default class DigestCuratorPlugin extends Plugin implements DigestCuratorHost {
	settings: DigestCuratorSettings = DEFAULT_SETTINGS;
	live!: LiveIndex;
	firstRun?: FirstRun;
	private settingsSaved = false;
	/** The last link check's results: `linkStatus(url)` and `problems()`. */
	linkHealth!: LinkHealth;
	/** For other plugins: see api/digest-curator-api.d.ts. */
	api!: DigestCuratorApi;
	private applier!: SettingsApplier;
	private settingTab: DigestCuratorSettingTab | null = null;

	get plugin(): Plugin {
		return this;
	}

	async onload(): Promise<void> {
		await this.loadSettings();
		this.live = new LiveIndex(this.app, this.settings.series, this.addStatusBarItem());
		this.live.index.crossSeriesDuplicates = this.settings.crossSeriesDuplicates;
		// Indexing reads notes: it starts at layout ready, never on the start-up path.
		this.live.register(this);
		registerCommands(this);
		registerPublishCommands(this);
		this.linkHealth = registerLinkHealth(this);
		registerCapture(this);
		registerCollectionCommands(this);
		this.api = createPluginApi(this);
		registerPasteToEntry(this);
		registerCliHandlers(this);
		registerDigestBrowser(this);
		// What the editor marks on the cursor's line say, announced politely as the cursor moves.
		const markStatus = this.addStatusBarItem();
		markStatus.addClass("digest-curator-mark-status");
		markStatus.hide();
		markStatus.setAttr("aria-live", "polite");
		this.registerEditorExtension(digestEditorExtension(this, markStatus));
		this.addRibbonIcon("calendar-plus", "New digest", () => void newDigestCommand(this));
		this.applier = new SettingsApplier(this.app.workspace, this.live, this.settings);
		this.settingTab = new DigestCuratorSettingTab(this);
		this.addSettingTab(this.settingTab);
		this.firstRun = new FirstRun(this, this.settingsSaved);
		this.app.workspace.onLayoutReady(() => void this.firstRun?.start());
	}

	onUserEnable(): void {
		void activateBrowserView(this);
	}

	async loadSettings(): Promise<void> {
		// A saved field of the wrong type falls back to its default; the user is told which.
		const data: unknown = await this.loadData();
		this.settingsSaved = data !== null && data !== undefined;
		this.settings = migrateSettings(data, (warning) => new Notice(`Digest Curator: ${warning}`, 15000));
	}

	async saveSettings(): Promise<void> {
		await this.saveData(this.settings);
	}

	async settingsChanged(): Promise<void> {
		await this.applier.apply(this.settings);
	}

	/** data.json changed on disk (Sync from another device): read it again and apply it. */
	async onExternalSettingsChange(): Promise<void> {
		await this.loadSettings();
		await this.settingsChanged();
		this.settingTab?.settingsReloaded();
	}
}
