import { setIcon, TFile, type App } from "obsidian-test-mocks/obsidian";
import type { EditorPane } from "./editor-pane";
import type { SandboxPlugin } from "./types";

/**
 * Most files listed; a generated vault of thousands of digests shows its first ones and says so.
 * About a pane's height, as Obsidian's file explorer draws only the items in view: the page is one
 * layer in headless Chromium, and every item here is painted again with every scrolled frame of
 * the plugin's view.
 */
const MAX_FILES = 60;

/** The left pane: the vault's notes by folder, digests marked; a click opens the note in the editor pane. */
export class FileList {
	private queued = false;
	private markQueued = false;

	constructor(
		private readonly app: App,
		private readonly plugin: SandboxPlugin,
		private readonly pane: EditorPane,
		private readonly el: HTMLElement,
	) {
		el.addClass("nav-files-container");
		el.addEventListener("click", (evt) => {
			const item = evt.target instanceof Element ? evt.target.closest<HTMLElement>("[data-path]") : null;
			const file = item ? app.vault.getFileByPath(item.dataset.path ?? "") : null;
			if (file instanceof TFile && file.extension === "md") void pane.open(file);
		});
		const later = () => this.queueRender();
		app.vault.on("create", later);
		app.vault.on("delete", later);
		app.vault.on("rename", later);
		// Only the digest marks depend on the index: cheap to redo on each of its changes.
		plugin.live.on("changed", () => this.queueMarks());
		pane.onChange(() => this.markActive());
		this.render();
	}

	private queueRender(): void {
		if (this.queued) return;
		this.queued = true;
		window.requestAnimationFrame(() => {
			this.queued = false;
			this.render();
		});
	}

	/**
	 * The digest marks are the sandbox's own, not the plugin's: they wait for idle time, so that
	 * they never hold up a frame of the plugin's (nor count in its benchmark).
	 */
	private queueMarks(): void {
		if (this.markQueued) return;
		this.markQueued = true;
		window.requestIdleCallback(
			() => {
				this.markQueued = false;
				this.markDigests();
			},
			{ timeout: 1000 },
		);
	}

	private render(): void {
		const files = this.app.vault
			.getFiles()
			.filter((f) => f.extension === "md")
			.sort((a, b) => folderOf(a.path).localeCompare(folderOf(b.path)) || a.path.localeCompare(b.path));
		this.el.empty();
		let folder: string | null = null;
		let list = this.el;
		for (const f of files.slice(0, MAX_FILES)) {
			const dir = folderOf(f.path);
			if (dir !== folder) {
				folder = dir;
				if (dir === "") {
					list = this.el;
				} else {
					const folderEl = this.el.createDiv({ cls: "tree-item nav-folder" });
					const title = folderEl.createDiv({ cls: "tree-item-self nav-folder-title" });
					setIcon(title.createDiv({ cls: "tree-item-icon" }), "folder");
					title.createDiv({ cls: "tree-item-inner nav-folder-title-content", text: dir });
					list = folderEl.createDiv({ cls: "tree-item-children nav-folder-children" });
				}
			}
			const item = list.createDiv({ cls: "tree-item nav-file" });
			const title = item.createDiv({ cls: "tree-item-self nav-file-title is-clickable", attr: { "data-path": f.path, role: "link", title: f.path } });
			setIcon(title.createDiv({ cls: "tree-item-icon" }), "file");
			title.createDiv({ cls: "tree-item-inner nav-file-title-content", text: f.basename });
			title.createDiv({ cls: "nav-file-tag", text: "digest" });
		}
		if (files.length > MAX_FILES) this.el.createDiv({ cls: "sandbox-files-more", text: `and ${(files.length - MAX_FILES).toLocaleString()} more notes` });
		this.markDigests();
		this.markActive();
	}

	/** A class a digest (its "digest" tag shows): no icon is redrawn. */
	private markDigests(): void {
		for (const el of Array.from(this.el.querySelectorAll<HTMLElement>("[data-path]"))) {
			const isDigest = this.plugin.live.index.get(el.dataset.path ?? "") !== null;
			if (el.hasClass("is-digest") !== isDigest) el.toggleClass("is-digest", isDigest);
		}
	}

	private markActive(): void {
		const path = this.pane.openFile?.path ?? null;
		for (const el of Array.from(this.el.querySelectorAll<HTMLElement>("[data-path]"))) el.toggleClass("is-active", el.dataset.path === path);
	}
}

function folderOf(path: string): string {
	const slash = path.lastIndexOf("/");
	return slash < 0 ? "" : path.slice(0, slash);
}
