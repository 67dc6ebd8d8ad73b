/**
 * The sandbox page: the BUILT plugin (main.js) running in a real browser against the example vault,
 * with obsidian-test-mocks standing in for Obsidian. Left: the vault's notes. Middle: the open note
 * in CodeMirror 6 with the plugin's editor extension, and a button per plugin command. Right: the
 * plugin's digest browser, opened by its own command. `window.sandbox` gives tests a handle.
 *
 * URL parameters: `vault=URL` loads `{ files, pluginData }` JSON instead of the example vault,
 * `open=PATH` opens that note first (empty: none; default: the latest digest), `theme=light|dark`.
 */
import type { PluginManifest } from "obsidian";
import { App, Modal, setIcon, TFile, WorkspaceLeaf, type PluginSettingTab } from "obsidian-test-mocks/obsidian";
import { setup } from "obsidian-test-mocks/setup";
import exampleVault from "sandbox-vault:example";
import { CommandBar } from "./command-bar";
import { EditorPane } from "./editor-pane";
import { FileList } from "./file-list";
import { installShims, noticeLog, SandboxNotice } from "./obsidian-shims";
import { fetchSandboxFile, loadPluginBundle } from "./plugin-loader";
import { openPopout } from "./popout";
import { Sidebar } from "./sidebar";
import type { SandboxPlugin } from "./types";

const startedAt = performance.now();
const params = new URLSearchParams(location.search);

type Theme = "light" | "dark";

interface VaultSource {
	files: Record<string, string>;
	pluginData: unknown;
}

/** Timings of the start, in ms since the page's script started. */
export interface SandboxMetrics {
	vaultReadyMs: number | null;
	pluginLoadedMs: number | null;
	indexReadyMs: number | null;
	/** From the index's first "changed" (it is built) to the frame after it was painted. */
	firstPaintAfterReadyMs: number | null;
}

export interface SandboxApi {
	/** Resolves when the index is built, the browser is open and the first note shows. */
	ready: Promise<void>;
	metrics: SandboxMetrics;
	app: App;
	plugin: SandboxPlugin;
	/** Opens a note in the editor pane (0-based line in view). */
	open(path: string, line?: number): Promise<void>;
	/** Creates a note through the vault, as another tool or a sync would. */
	addNote(path: string, text: string): Promise<void>;
	activePath(): string | null;
	editorText(): string;
	/** The last editor transaction that changed the note: [replaced text, inserted text] for each of its changes. */
	editorChanges(): [string, string][];
	/** Runs a plugin command as its button does; false when it does not apply. */
	runCommand(id: string): boolean;
	setTheme(theme: Theme): void;
	notices(): string[];
	/** Writes pending editor changes to the vault now. */
	flush(): Promise<void>;
	/** Opens a plugin view (by default the digest browser) in a pop-out window: an iframe, another window's realm. */
	openPopout(type?: string): Promise<void>;
	/** Opens the settings window on the plugin's tab, as its button in the title bar does. */
	openSettings(): void;
}

declare global {
	interface Window {
		sandbox: SandboxApi;
	}
}

// --- theme ---

function initialTheme(): Theme {
	const asked = params.get("theme");
	if (asked === "light" || asked === "dark") return asked;
	return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

let themeButton: HTMLElement | null = null;

function setTheme(theme: Theme): void {
	document.body.toggleClass("theme-dark", theme === "dark");
	document.body.toggleClass("theme-light", theme === "light");
	if (themeButton) {
		setIcon(themeButton, theme === "dark" ? "sun" : "moon");
		themeButton.setAttr("aria-label", theme === "dark" ? "Light theme" : "Dark theme");
	}
}

// --- page ---

interface Layout {
	ribbon: HTMLElement;
	settingsButton: HTMLElement;
	files: HTMLElement;
	editor: HTMLElement;
	sidebar: HTMLElement;
	status: HTMLElement;
	message: HTMLElement;
}

function buildLayout(vaultName: string): Layout {
	const root = document.body.createDiv({ cls: "sandbox-app" });
	const bar = root.createDiv({ cls: "sandbox-titlebar" });
	bar.createDiv({ cls: "sandbox-title", text: "Digest Curator sandbox" });
	bar.createDiv({ cls: "sandbox-subtitle", text: `${vaultName}, the built main.js on obsidian-test-mocks` });
	const message = bar.createDiv({ cls: "sandbox-message" });
	const settingsButton = bar.createDiv({ cls: "clickable-icon sandbox-settings-button", attr: { role: "button", tabindex: "0", "aria-label": "Settings" } });
	setIcon(settingsButton, "settings");
	themeButton = bar.createDiv({ cls: "clickable-icon sandbox-theme-toggle", attr: { role: "button", tabindex: "0" } });
	themeButton.addEventListener("click", () => setTheme(document.body.hasClass("theme-dark") ? "light" : "dark"));
	for (const button of [settingsButton, themeButton]) {
		button.addEventListener("keydown", (evt) => {
			if (evt.key !== "Enter" && evt.key !== " ") return;
			evt.preventDefault();
			button.click();
		});
	}
	// Obsidian's left ribbon: the plugin's ribbon buttons.
	const ribbon = root.createDiv({ cls: "sandbox-ribbon side-dock-ribbon mod-left", attr: { "aria-label": "Ribbon" } });
	const files = root.createDiv({ cls: "sandbox-files workspace-split mod-left-split", attr: { "aria-label": "Files" } });
	const editor = root.createDiv({ cls: "sandbox-editor workspace-leaf mod-active", attr: { "aria-label": "Editor" } });
	const sidebar = root.createDiv({ cls: "sandbox-sidebar workspace-split mod-right-split", attr: { "aria-label": "Right sidebar" } });
	const status = root.createDiv({ cls: "sandbox-status status-bar" });
	return { ribbon, settingsButton, files, editor, sidebar, status, message };
}

async function vaultSource(): Promise<VaultSource> {
	const url = params.get("vault");
	if (!url) return exampleVault;
	const data = (await (await fetchSandboxFile(url)).json()) as Partial<VaultSource>;
	return { files: data.files ?? {}, pluginData: data.pluginData ?? null };
}

async function fetchJson<T>(url: string): Promise<T> {
	return (await (await fetchSandboxFile(url)).json()) as T;
}

/** After the next frame has been painted. */
function afterPaint(): Promise<void> {
	return new Promise((resolve) => window.requestAnimationFrame(() => window.setTimeout(resolve, 0)));
}

// --- settings ---

/** Obsidian's settings window, on the plugin's tab (the only one here): display() draws it, hide() when it closes. */
class SettingsWindow extends Modal {
	constructor(app: App, private readonly tab: PluginSettingTab) {
		super(app);
	}

	onOpen(): void {
		this.modalEl.addClass("mod-settings");
		this.setTitle("Digest Curator settings");
		this.contentEl.empty();
		this.tab.containerEl.addClass("vertical-tab-content");
		this.contentEl.appendChild(this.tab.containerEl);
		this.tab.display();
	}

	onClose(): void {
		this.tab.hide();
		this.contentEl.empty();
	}
}

// --- start ---

const metrics: SandboxMetrics = { vaultReadyMs: null, pluginLoadedMs: null, indexReadyMs: null, firstPaintAfterReadyMs: null };

async function start(api: Partial<SandboxApi>): Promise<void> {
	setup();
	const obsidian = installShims();
	const vaultParam = params.get("vault");
	const layout = buildLayout(vaultParam ? `vault ${vaultParam}` : "example-vault");
	setTheme(initialTheme());
	layout.message.setText("Loading…");

	const source = await vaultSource();
	const app = App.createConfigured__({ files: source.files });
	// Obsidian's global `app`; the mocks' setup put a blank one there.
	Object.assign(window, { app });
	metrics.vaultReadyMs = performance.now() - startedAt;

	const [manifest, bundle] = await Promise.all([fetchJson<PluginManifest>("manifest.json"), loadPluginBundle("main.js", obsidian)]);
	const PluginClass = bundle.default as new (app: unknown, manifest: PluginManifest) => SandboxPlugin;
	const plugin = new PluginClass(app.asOriginalType__(), manifest);
	if (source.pluginData !== null && source.pluginData !== undefined) await plugin.saveData(source.pluginData);

	// The workspace: one main leaf (the editor pane), leaves on the right for the sidebar.
	const { workspace } = app;
	const mainLeaf = WorkspaceLeaf.create2__(app);
	workspace.setActiveLeaf(mainLeaf);
	const pane = new EditorPane(app, mainLeaf, layout.editor);
	await mainLeaf.open(pane.markdownView.asOriginalType7__());
	mainLeaf.openFile = async (file, openState) => {
		const line = openState?.eState?.line;
		await pane.open(file, typeof line === "number" ? line : undefined);
	};
	const sidebar = new Sidebar(plugin.views__, layout.sidebar);
	const getRightLeaf = workspace.getRightLeaf.bind(workspace);
	Object.assign(workspace, {
		// One pane: every "open in a leaf" lands in it, whatever leaf was asked for.
		getLeaf: () => mainLeaf,
		getRightLeaf: (split = false) => {
			const leaf = getRightLeaf(split);
			return leaf ? sidebar.adopt(leaf) : leaf;
		},
		getActiveFile: () => pane.openFile,
		getActiveViewOfType: (type: abstract new (...args: never[]) => unknown) => (pane.openFile && pane.markdownView instanceof type ? pane.markdownView : null),
		openLinkText: async (linktext: string, sourcePath: string) => {
			const linkpath = linktext.replace(/[#|].*$/, "");
			// "#Heading" alone links into the note it is in.
			const file = linkpath === "" ? app.vault.getFileByPath(sourcePath) : app.metadataCache.getFirstLinkpathDest(linkpath, sourcePath);
			if (file instanceof TFile) await mainLeaf.openFile(file);
			else new SandboxNotice(`No note "${linkpath}" in this vault (Obsidian would create it).`);
		},
	});

	await plugin.onload();
	metrics.pluginLoadedMs = performance.now() - startedAt;
	pane.setPluginExtensions(plugin.editorExtensions__);
	for (const item of plugin.statusBarItems__) layout.status.appendChild(item).addClass("status-bar-item");
	for (const action of (plugin as unknown as { ribbonActions__: HTMLElement[] }).ribbonActions__) layout.ribbon.appendChild(action);
	const settingTab = (plugin as unknown as { settingTabs__: PluginSettingTab[] }).settingTabs__[0];
	const openSettings = () => {
		if (settingTab) new SettingsWindow(app, settingTab).open();
	};
	layout.settingsButton.addEventListener("click", openSettings);
	// Before the view's listener: times the view's own redraw on the same event.
	plugin.live.on("changed", () => {
		if (metrics.indexReadyMs !== null || !plugin.live.isReady) return;
		const t0 = performance.now();
		metrics.indexReadyMs = t0 - startedAt;
		performance.mark("sandbox:index-ready");
		void afterPaint().then(() => {
			metrics.firstPaintAfterReadyMs = performance.now() - t0;
			performance.mark("sandbox:first-paint-after-ready");
		});
	});

	const commandBar = new CommandBar(plugin, pane, pane.commandsEl);
	new FileList(app, plugin, pane, layout.files);

	// The plugin's views, opened the plugin's way: its command (or, without one, a right leaf per registered view).
	const openBrowser = plugin.commands__.get("open-digest-browser");
	if (openBrowser) commandBar.run(openBrowser.id);
	else for (const type of plugin.views__.keys()) await workspace.getRightLeaf(false)?.setViewState({ type, active: true });
	const viewsOpen = Promise.all([...plugin.views__.keys()].map((type) => sidebar.whenOpen(type)));

	workspace.setLayoutReady__();
	await plugin.live.whenReady();
	await viewsOpen;

	const first = params.get("open") ?? plugin.settings.series.map((s) => plugin.live.index.latest(s.name)?.path).find((p) => p !== undefined) ?? "Welcome.md";
	const firstFile = app.vault.getFileByPath(first);
	if (firstFile) await pane.open(firstFile);
	await afterPaint();
	layout.message.setText("");

	Object.assign(api, {
		app,
		plugin,
		open: async (path: string, line?: number) => {
			const file = app.vault.getFileByPath(path);
			if (!file) throw new Error(`No note ${path} in the sandbox's vault.`);
			await pane.open(file, line);
		},
		addNote: async (path: string, text: string) => {
			const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
			if (folder && !app.vault.getFolderByPath(folder)) await app.vault.createFolder(folder);
			await app.vault.create(path, text);
		},
		activePath: () => pane.openFile?.path ?? null,
		editorText: () => pane.editor.getValue(),
		editorChanges: () => pane.lastDocChanges,
		runCommand: (id: string) => commandBar.run(id),
		flush: () => pane.flush(),
		openPopout: async (type = "digest-curator-browser") => {
			await openPopout(app, plugin.views__, type);
		},
		openSettings,
	} satisfies Partial<SandboxApi>);
}

const api: Partial<SandboxApi> = { metrics, setTheme: (theme: Theme) => setTheme(theme), notices: noticeLog };
api.ready = start(api).catch((e: unknown) => {
	const message = e instanceof Error ? e.message : String(e);
	console.error("Digest Curator sandbox failed to start:", e);
	document.body.createDiv({ cls: "sandbox-error", text: `The sandbox failed to start: ${message}` });
	throw e;
});
window.sandbox = api as SandboxApi;
