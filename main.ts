import { Plugin } from "obsidian";
import { DEFAULT_SETTINGS, type DigestCuratorSettings } from "./src/plugin/settings";

export default class DigestCuratorPlugin extends Plugin {
	settings: DigestCuratorSettings = DEFAULT_SETTINGS;

	async onload(): Promise<void> {
		await this.loadSettings();
	}

	async loadSettings(): Promise<void> {
		this.settings = Object.assign(
			{},
			DEFAULT_SETTINGS,
			(await this.loadData()) as Partial<DigestCuratorSettings> | null,
		);
	}

	async saveSettings(): Promise<void> {
		await this.saveData(this.settings);
	}
}
