import type { Command, ViewCreator } from "obsidian";
import type DigestCuratorPlugin from "../main";

/**
 * The plugin as the sandbox sees it: the class built from main.ts (loaded from the built main.js,
 * so only its type comes from the source) plus what the mocked `Plugin` records of its
 * registrations.
 */
export type SandboxPlugin = DigestCuratorPlugin & {
	commands__: Map<string, Command>;
	views__: Map<string, ViewCreator>;
	editorExtensions__: unknown[];
	statusBarItems__: HTMLElement[];
};
