import { Notice, TFile, type Component, type TAbstractFile } from "obsidian";
import { parseInbox } from "../../core/capture/inbox";
import { isOpenableUrl } from "../../core/links/url-normalize";
import { inboxRows, inboxSummary, type InboxRow, type InboxSource } from "../../core/capture/inbox-list";
import type { BrowserState } from "../../core/browse/browser-state";
import type { DigestCuratorHost } from "../host";
import { inboxNoteOf, inboxText } from "../commands/capture-actions";
import { addInboxItem, discardInboxItem, type UndoDiscard } from "../commands/capture-commands";

/** What the inbox panel needs of the browser view. */
export interface InboxPanelHost {
	readonly curator: DigestCuratorHost;
	/** Registers the panel's listeners for the view's lifetime. */
	readonly owner: Component;
	state(): BrowserState;
	/** The rows were drawn again: the toolbar's summary line may change. */
	rendered(): void;
}

/**
 * The browser's inbox mode: the links captured for later (one inbox note per series), each with
 * Add to digest (the insert form, filled in and with the category suggested; the line leaves the
 * inbox once the entry is written) and Discard, and a mark on links a digest shared before. A
 * plain list of buttons and links, so that Tab reaches every control; the inbox is short.
 */
export class InboxPanel {
	readonly el: HTMLElement;
	private readonly listEl: HTMLElement;
	private readonly emptyEl: HTMLElement;
	private readonly undoEl: HTMLElement;
	/** The undo of the last discard, until it runs or another discard takes its place. */
	private undo: UndoDiscard | null = null;
	private rows: InboxRow[] = [];
	private loaded = false;
	private shown = false;
	private generation = 0;
	/** Where focus was when a row's action ran, to put it back on the row that takes its place. */
	private refocus: { index: number; action: string } | null = null;

	constructor(
		parent: HTMLElement,
		private readonly host: InboxPanelHost,
	) {
		this.el = parent.createDiv({ cls: "digest-browser-inbox is-hidden" });
		this.listEl = this.el.createEl("ul", { cls: "digest-browser-inbox-list", attr: { "aria-label": "Inbox links" } });
		this.emptyEl = this.el.createDiv({ cls: "digest-browser-empty is-hidden" });
		// After a discard: its undo, in the panel, where Tab reaches it (a notice is out of the keyboard's way).
		this.undoEl = this.el.createDiv({ cls: "digest-browser-inbox-undo is-hidden", attr: { role: "status" } });
		host.owner.registerDomEvent(this.undoEl, "click", (evt) => {
			const node = evt.targetNode;
			const target = node === null ? null : node.instanceOf(Element) ? node : node.parentElement;
			if (target?.closest("button")) void this.runUndo();
		});
		const { vault } = host.curator.app;
		const onFile = (file: TAbstractFile, oldPath?: string) => {
			if (!this.shown || !(file instanceof TFile)) return;
			const paths = this.inboxPaths();
			if (paths.includes(file.path) || (oldPath !== undefined && paths.includes(oldPath))) void this.refresh();
		};
		host.owner.registerEvent(vault.on("modify", (f) => onFile(f)));
		host.owner.registerEvent(vault.on("create", (f) => onFile(f)));
		host.owner.registerEvent(vault.on("delete", (f) => onFile(f)));
		host.owner.registerEvent(vault.on("rename", (f, oldPath) => onFile(f, oldPath)));
		host.owner.registerDomEvent(this.listEl, "click", (evt) => this.onClick(evt));
	}

	/** Shows or hides the panel; shown, it reads the inboxes again. */
	show(shown: boolean): void {
		this.shown = shown;
		this.el.toggleClass("is-hidden", !shown);
	}

	/** The summary line: how many links, how many shared before. */
	summary(): string {
		return this.loaded ? inboxSummary(this.rows) : "";
	}

	/** The rows as drawn last. */
	get currentRows(): readonly InboxRow[] {
		return this.rows;
	}

	/** From the search box: the down arrow goes to the first row's first button. */
	onSearchKey(evt: KeyboardEvent): boolean {
		if (evt.key !== "ArrowDown") return false;
		const first = this.listEl.querySelector<HTMLElement>("button, a");
		if (!first) return false;
		evt.preventDefault();
		first.focus();
		return true;
	}

	private seriesShown() {
		const wanted = this.host.state().series;
		return this.host.curator.settings.series.filter((s) => wanted === undefined || s.name === wanted);
	}

	private inboxPaths(): string[] {
		return this.host.curator.settings.series.flatMap((s) => {
			const where = inboxNoteOf(s);
			return where.ok ? [where.path] : [];
		});
	}

	/** Reads the inbox notes and draws their rows; a later call wins over one still reading. */
	async refresh(): Promise<void> {
		if (!this.shown) return;
		const generation = ++this.generation;
		const { curator } = this.host;
		await curator.live.whenReady();
		const sources: InboxSource[] = [];
		const problems: string[] = [];
		for (const series of this.seriesShown()) {
			const where = inboxNoteOf(series);
			if (!where.ok) {
				problems.push(`${series.name}: ${where.reason}`);
				continue;
			}
			const text = await inboxText(curator, where.path);
			if (text !== null) sources.push({ series: series.name, path: where.path, items: parseInbox(text).items });
		}
		if (generation !== this.generation) return;
		this.rows = inboxRows(curator.live.index, sources, this.host.state().search);
		this.loaded = true;
		this.render(problems, sources.length > 0);
		this.host.rendered();
	}

	private render(problems: readonly string[], anyInbox: boolean): void {
		// Focus on a row stays on its row; where the row it was on is gone (discarded, added), on the one after it.
		const active = this.el.doc.activeElement;
		const lost = active === null || active === this.el.doc.body || !active.isConnected;
		const hadFocus = this.focusedAction() ?? (lost ? this.refocus : null);
		this.refocus = null;
		this.listEl.empty();
		for (const row of this.rows) this.renderRow(row);
		const empty = this.rows.length === 0;
		this.emptyEl.toggleClass("is-hidden", !empty && problems.length === 0);
		this.emptyEl.empty();
		for (const p of problems) this.emptyEl.createDiv({ text: p });
		if (empty) {
			const text = this.host.state().search.trim() !== "" ? "No inbox link matches the search." : anyInbox ? "The inbox is empty." : "There is no inbox note yet.";
			this.emptyEl.createDiv({ text });
			this.emptyEl.createDiv({ cls: "digest-browser-inbox-hint", text: "Capture links with the bookmarklet, the Web Clipper template or a share sheet (see the plugin's README); they wait here for the next digest." });
		}
		if (hadFocus) this.focusRow(hadFocus.index, hadFocus.action);
	}

	private renderRow(row: InboxRow): void {
		const { item } = row;
		const li = this.listEl.createEl("li", { cls: "digest-browser-inbox-item", attr: { "data-key": row.key } });
		li.toggleClass("is-shared", row.sharedBefore.length > 0);
		li.toggleClass("is-recommended", item.recommended);
		const body = li.createDiv({ cls: "digest-browser-inbox-body" });
		const line = body.createDiv({ cls: "digest-browser-inbox-line" });
		if (item.source) line.createSpan({ cls: "digest-browser-source", text: `${item.source} -` });
		// The inbox is text anyone (or a sync) may edit: only what the main list would open becomes a link.
		if (isOpenableUrl(item.url)) line.createEl("a", { cls: "digest-browser-title external-link", text: row.label, href: item.url.trim(), attr: { target: "_blank", rel: "noopener" } });
		else line.createSpan({ cls: "digest-browser-title", text: row.label, attr: { title: `Not a web link: ${item.url}` } });
		const meta = body.createDiv({ cls: "digest-browser-meta" });
		if (row.host) meta.createSpan({ cls: "digest-browser-inbox-host", text: row.host });
		if (row.category) meta.createSpan({ cls: "digest-browser-inbox-category", text: row.categorySuggested ? `${row.category} (suggested)` : row.category });
		if (item.recommended) meta.createSpan({ cls: "digest-browser-inbox-flag", text: "Recommended" });
		if (item.tags.length > 0) meta.createSpan({ cls: "digest-browser-tags", text: item.tags.map((t) => `#${t}`).join(" ") });
		if (row.sharedBefore.length > 0) {
			const first = row.sharedBefore[0]!;
			const more = row.sharedBefore.length - 1;
			body.createDiv({ cls: "digest-browser-inbox-shared", text: `Shared before in ${first.digestTitle}${more > 0 ? ` and ${more} more` : ""}` });
		}
		if (item.commentary.length > 0) {
			const notes = body.createEl("ul", { cls: "digest-browser-inbox-commentary" });
			for (const c of item.commentary) notes.createEl("li", { text: c });
		}
		const actions = li.createDiv({ cls: "digest-browser-inbox-actions" });
		// The names start with the buttons' text, as speech input users say it.
		actions.createEl("button", { text: "Add to digest", attr: { "data-action": "add", "aria-label": `Add to digest: ${row.label}` } });
		actions.createEl("button", { text: "Discard", attr: { "data-action": "discard", "aria-label": `Discard: ${row.label}` } });
	}

	private showUndo(undo: UndoDiscard | null, label: string): void {
		this.undo = undo;
		this.undoEl.empty();
		this.undoEl.toggleClass("is-hidden", undo === null);
		if (!undo) return;
		this.undoEl.createSpan({ text: `Discarded ${label}. ` });
		this.undoEl.createEl("button", { text: "Undo", attr: { "aria-label": `Undo discard: ${label}` } });
	}

	private async runUndo(): Promise<void> {
		const undo = this.undo;
		if (!undo) return;
		const hadFocus = this.undoEl.contains(this.el.doc.activeElement);
		if (!(await undo())) return;
		this.showUndo(null, "");
		await this.refresh();
		if (hadFocus) this.listEl.querySelector<HTMLElement>("button, a")?.focus();
	}

	private focusedAction(): { index: number; action: string } | null {
		const active = this.el.doc.activeElement;
		if (!active || !this.listEl.contains(active)) return null;
		const li = active.closest("li.digest-browser-inbox-item");
		if (!li) return null;
		const index = Array.from(this.listEl.children).indexOf(li);
		return index < 0 ? null : { index, action: active.getAttribute("data-action") ?? "" };
	}

	private focusRow(index: number, action: string): void {
		const items = this.listEl.children;
		const li = items[Math.min(index, items.length - 1)];
		const target = li?.querySelector<HTMLElement>(action ? `[data-action=${action}]` : "a") ?? this.listEl.querySelector<HTMLElement>("button");
		target?.focus();
	}

	private onClick(evt: MouseEvent): void {
		const node = evt.targetNode;
		const target = node === null ? null : node.instanceOf(Element) ? node : node.parentElement;
		const button = target?.closest<HTMLElement>("button[data-action]");
		const li = button?.closest<HTMLElement>("li.digest-browser-inbox-item");
		if (!button || !li) return;
		const row = this.rows.find((r) => r.key === li.dataset.key);
		if (!row) return;
		evt.preventDefault();
		const index = Array.from(this.listEl.children).indexOf(li);
		const action = button.dataset.action ?? "";
		this.refocus = { index, action };
		const { curator } = this.host;
		if (action === "discard") {
			void discardInboxItem(curator, row.inboxPath, row.item).then((undo) => {
				this.showUndo(undo, row.label);
				return this.refresh();
			});
			return;
		}
		const series = curator.settings.series.find((s) => s.name === row.series);
		if (!series) {
			new Notice(`No series is named "${row.series}" any more.`);
			return;
		}
		addInboxItem(curator, series, row.inboxPath, row.item);
	}
}
