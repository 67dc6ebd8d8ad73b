import type { App, EventRef, Plugin } from "obsidian";
import type { SavedLinkHealth } from "../core/format/saved-settings";
import type { Problem } from "../core/format/types";
import type { LiveIndex } from "./live-index/live-index";
import type { FirstRun } from "./settings/first-run";
import type { DigestCuratorSettings } from "./settings/settings";

/**
 * What the plugin's parts need from the plugin: its app, settings and live index. Parts take
 * this interface, not the plugin class, so main.ts stays a thin wiring file and tests can hand
 * them a loaded plugin from a mocked app.
 */
export interface DigestCuratorHost {
	readonly app: App;
	readonly plugin: Plugin;
	readonly settings: DigestCuratorSettings;
	readonly live: LiveIndex;
	/** The first-run offer of series found in the vault, when the plugin made one. */
	readonly firstRun?: FirstRun;
	saveSettings(): Promise<void>;
	/** Applies changed settings: re-indexes and refreshes editor extensions. */
	settingsChanged(): Promise<void>;
	/** What the last link check found (saved results only, never a request): for the view's marks and Problems. */
	readonly linkHealth?: {
		linkStatus(url: string): SavedLinkHealth | null;
		problems(paths?: readonly string[]): Problem[];
		/** Goes up whenever the saved results change; "changed" says so. */
		readonly revision?: number;
		on?(name: "changed", callback: () => void): EventRef;
		offref?(ref: EventRef): void;
		/** Says the saved results changed (cleared in settings, say). */
		changed?(): void;
	};
}
