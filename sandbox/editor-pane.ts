import { EditorState, RangeSetBuilder, Transaction, type Extension } from "@codemirror/state";
import { Decoration, drawSelection, EditorView, highlightActiveLine, MatchDecorator, ViewPlugin, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import { editorInfoField, MarkdownView, setIcon, TFile, type App, type WorkspaceLeaf } from "obsidian-test-mocks/obsidian";
import { CodeMirrorEditor } from "./editor-adapter";
import { historyDepth, redo, sandboxHistory, undo } from "./editor-history";

/** Wait after the last edit before writing the note to the vault (Obsidian waits about 2 s). */
const SAVE_DELAY_MS = 250;

/** Headings and frontmatter by line, so that a note reads as Markdown without a Markdown language package. */
const markdownLines = ViewPlugin.fromClass(
	class {
		decorations: DecorationSet;
		constructor(view: EditorView) {
			this.decorations = lineClasses(view);
		}
		update(u: ViewUpdate) {
			if (u.docChanged || u.viewportChanged) this.decorations = lineClasses(u.view);
		}
	},
	{ decorations: (v) => v.decorations },
);

function lineClasses(view: EditorView): DecorationSet {
	const builder = new RangeSetBuilder<Decoration>();
	const doc = view.state.doc;
	// Frontmatter: from a first line "---" to the next "---".
	let frontmatterEnd = 0;
	if (doc.lines > 1 && doc.line(1).text === "---") {
		for (let n = 2; n <= Math.min(doc.lines, 200); n++) {
			if (doc.line(n).text === "---") {
				frontmatterEnd = n;
				break;
			}
		}
	}
	for (const { from, to } of view.visibleRanges) {
		for (let pos = from; pos <= to; ) {
			const line = doc.lineAt(pos);
			const heading = /^(#{1,6})\s/.exec(line.text);
			if (line.number <= frontmatterEnd) builder.add(line.from, line.from, Decoration.line({ class: "cm-sandbox-frontmatter" }));
			else if (heading) builder.add(line.from, line.from, Decoration.line({ class: `cm-sandbox-heading cm-sandbox-h${heading[1]!.length}` }));
			pos = line.to + 1;
		}
	}
	return builder.finish();
}

const inlineMarks = new MatchDecorator({
	regexp: /(\[\[[^\]\n]+\]\])|(\*\*[^*\n]+\*\*)|(\]\([^)\s]*\))|(`[^`\n]+`)/g,
	decoration: (m) => Decoration.mark({ class: m[1] ? "cm-sandbox-wikilink" : m[2] ? "cm-sandbox-strong" : m[3] ? "cm-sandbox-url" : "cm-sandbox-code" }),
});

const inlineMarkPlugin = ViewPlugin.fromClass(
	class {
		decorations: DecorationSet;
		constructor(view: EditorView) {
			this.decorations = inlineMarks.createDeco(view);
		}
		update(u: ViewUpdate) {
			this.decorations = inlineMarks.updateDeco(u, this.decorations);
		}
	},
	{ decorations: (v) => v.decorations },
);

/**
 * The middle pane: one note at a time in a real CodeMirror 6 editor with the plugin's editor
 * extensions and Obsidian's `editorInfoField`, behind a mocked MarkdownView on the workspace's
 * main leaf, so that the plugin finds it as it finds an editor in Obsidian. Edits are written back
 * to the vault shortly after typing stops, which updates the metadata cache and the live index.
 */
export class EditorPane {
	readonly cm: EditorView;
	readonly editor: CodeMirrorEditor;
	readonly markdownView: MarkdownView;
	/** Where the command buttons go (filled by the command bar). */
	readonly commandsEl: HTMLElement;
	private file: TFile | null = null;
	private pluginExtensions: Extension = [];
	private saveTimer: number | null = null;
	private lastSaved: string | null = null;
	private readonly listeners: (() => void)[] = [];
	private readonly titleEl: HTMLElement;
	private readonly undoButton: HTMLElement;
	private readonly redoButton: HTMLElement;
	private readonly emptyEl: HTMLElement;
	private notifyQueued = false;
	private lastChanges: [string, string][] = [];

	constructor(
		private readonly app: App,
		readonly leaf: WorkspaceLeaf,
		container: HTMLElement,
	) {
		const header = container.createDiv({ cls: "sandbox-pane-header view-header" });
		this.titleEl = header.createDiv({ cls: "sandbox-pane-title view-header-title" });
		const actions = header.createDiv({ cls: "sandbox-pane-actions view-actions" });
		this.undoButton = actions.createDiv({ cls: "clickable-icon sandbox-undo", attr: { "aria-label": "Undo (Ctrl+Z)", role: "button" } });
		setIcon(this.undoButton, "undo-2");
		this.redoButton = actions.createDiv({ cls: "clickable-icon sandbox-redo", attr: { "aria-label": "Redo (Ctrl+Shift+Z)", role: "button" } });
		setIcon(this.redoButton, "redo-2");
		this.undoButton.addEventListener("click", () => {
			undo(this.cm);
			this.cm.focus();
		});
		this.redoButton.addEventListener("click", () => {
			redo(this.cm);
			this.cm.focus();
		});
		this.commandsEl = container.createDiv({ cls: "sandbox-commands" });
		const body = container.createDiv({ cls: "sandbox-pane-body markdown-source-view mod-cm6 is-live-preview" });
		this.emptyEl = body.createDiv({ cls: "sandbox-pane-empty", text: "Open a note from the file list." });
		this.cm = new EditorView({ parent: body });
		this.editor = new CodeMirrorEditor(this.cm);
		this.markdownView = MarkdownView.create2__(leaf);
		// The plugin reads the editor through the view, as in Obsidian.
		Object.assign(this.markdownView, { editor: this.editor });
		this.showFile(null);

		const { vault } = app;
		vault.on("modify", (f) => void this.onModify(f));
		vault.on("delete", (f) => {
			if (f === this.file) void this.open(null);
		});
		vault.on("rename", (f) => {
			if (f === this.file) this.showFile(this.file);
		});
	}

	get openFile(): TFile | null {
		return this.file;
	}

	/** The changes of the last transaction that changed the note, as [replaced text, inserted text] pairs in document order. */
	get lastDocChanges(): [string, string][] {
		return this.lastChanges;
	}

	/** The plugin's registered editor extensions; applies to notes opened from now on and to the open one. */
	setPluginExtensions(extensions: readonly unknown[]): void {
		this.pluginExtensions = extensions as Extension[];
		if (this.file) this.cm.setState(this.stateFor(this.file, this.cm.state.doc.toString(), this.cm.state.selection.main.head));
	}

	/** Called after every change of the file, the text or the selection (once a frame). */
	onChange(listener: () => void): void {
		this.listeners.push(listener);
	}

	/** Opens a note (null: none) with its 0-based line in view and the cursor on it. */
	async open(file: TFile | null, line?: number): Promise<void> {
		await this.flush();
		if (file === null) {
			this.file = null;
			this.cm.setState(EditorState.create({ doc: "" }));
			this.showFile(null);
			Object.assign(this.app.workspace, { activeEditor: null });
			this.app.workspace.trigger("file-open", null);
			this.notify();
			return;
		}
		const text = await this.app.vault.read(file);
		this.lastSaved = text;
		this.file = file;
		this.markdownView.file = file;
		let head = 0;
		if (line !== undefined) {
			const doc = EditorState.create({ doc: text }).doc;
			head = doc.line(Math.min(Math.max(line, 0), doc.lines - 1) + 1).from;
		}
		this.cm.setState(this.stateFor(file, text, head));
		if (line !== undefined) this.cm.dispatch({ effects: EditorView.scrollIntoView(head, { y: "center" }) });
		this.showFile(file);
		Object.assign(this.app.workspace, { activeEditor: this.markdownView });
		this.app.workspace.trigger("file-open", file);
		this.notify();
	}

	focus(): void {
		this.cm.focus();
	}

	/** Writes pending edits to the vault now. */
	async flush(): Promise<void> {
		if (this.saveTimer === null) return;
		window.clearTimeout(this.saveTimer);
		this.saveTimer = null;
		await this.save();
	}

	private stateFor(file: TFile, text: string, head: number): EditorState {
		return EditorState.create({
			doc: text,
			selection: { anchor: Math.min(head, text.length) },
			extensions: [
				sandboxHistory(),
				drawSelection(),
				highlightActiveLine(),
				EditorView.lineWrapping,
				markdownLines,
				inlineMarkPlugin,
				EditorView.contentAttributes.of({ "aria-label": `Editing ${file.path}`, spellcheck: "false" }),
				editorInfoField.init(() => this.markdownView.asOriginalType7__()),
				this.pluginExtensions,
				EditorView.updateListener.of((u) => this.onUpdate(u)),
			],
		});
	}

	private onUpdate(u: ViewUpdate): void {
		for (const tr of u.transactions) {
			if (!tr.docChanged) continue;
			const changes: [string, string][] = [];
			tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => changes.push([tr.startState.sliceDoc(fromA, toA), inserted.toString()]));
			this.lastChanges = changes;
		}
		if (u.docChanged && u.transactions.some((tr) => tr.annotation(Transaction.addToHistory) !== false)) this.scheduleSave();
		if (u.docChanged || u.selectionSet) this.notify();
	}

	private scheduleSave(): void {
		if (this.saveTimer !== null) window.clearTimeout(this.saveTimer);
		this.saveTimer = window.setTimeout(() => {
			this.saveTimer = null;
			void this.save();
		}, SAVE_DELAY_MS);
	}

	private async save(): Promise<void> {
		const file = this.file;
		if (!file) return;
		const text = this.cm.state.doc.toString();
		if (text === this.lastSaved) return;
		this.lastSaved = text;
		await this.app.vault.modify(file, text);
	}

	/** A change of the open note from elsewhere (Vault.process, another tool) reloads it. */
	private async onModify(f: unknown): Promise<void> {
		if (!(f instanceof TFile) || f !== this.file) return;
		const text = await this.app.vault.read(f);
		if (text === this.lastSaved || text === this.cm.state.doc.toString()) return;
		this.lastSaved = text;
		const head = Math.min(this.cm.state.selection.main.head, text.length);
		this.cm.dispatch({ changes: { from: 0, to: this.cm.state.doc.length, insert: text }, selection: { anchor: head }, annotations: Transaction.addToHistory.of(false) });
	}

	private showFile(file: TFile | null): void {
		this.titleEl.setText(file ? file.basename : "No file open");
		this.titleEl.setAttr("title", file?.path ?? "");
		this.emptyEl.toggleClass("is-hidden", file !== null);
		this.cm.dom.toggleClass("is-hidden", file === null);
	}

	private notify(): void {
		if (this.notifyQueued) return;
		this.notifyQueued = true;
		window.requestAnimationFrame(() => {
			this.notifyQueued = false;
			const depth = historyDepth(this.cm.state);
			this.undoButton.toggleClass("is-disabled", depth.undo === 0);
			this.redoButton.toggleClass("is-disabled", depth.redo === 0);
			for (const l of this.listeners) l();
		});
	}
}
