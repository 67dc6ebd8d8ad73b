import type { Command, Editor, MarkdownFileInfo } from "obsidian";
import type { EditorPane } from "./editor-pane";
import type { SandboxPlugin } from "./types";

/**
 * A button for each of the plugin's commands, as the command palette would list them: a command
 * that does not apply right now (its check callback says so) is disabled. Editor commands get the
 * pane's editor and view, as Obsidian hands them the active editor.
 */
export class CommandBar {
	private readonly buttons = new Map<string, HTMLButtonElement>();
	private queued = false;

	constructor(
		private readonly plugin: SandboxPlugin,
		private readonly pane: EditorPane,
		el: HTMLElement,
	) {
		el.setAttr("role", "toolbar");
		el.setAttr("aria-label", "Plugin commands");
		for (const cmd of plugin.commands__.values()) {
			const b = el.createEl("button", { text: cmd.name, cls: "sandbox-command", attr: { "data-command": cmd.id, title: `Digest Curator: ${cmd.name}` } });
			// Keep the editor's selection: the button must not take the focus from the editor.
			b.addEventListener("mousedown", (evt) => evt.preventDefault());
			b.addEventListener("click", () => this.run(cmd.id));
			this.buttons.set(cmd.id, b);
		}
		pane.onChange(() => this.queueRefresh());
		plugin.live.on("changed", () => this.queueRefresh());
		this.refresh();
	}

	/** Whether the command applies now. */
	available(id: string): boolean {
		const cmd = this.plugin.commands__.get(id);
		return cmd ? this.call(cmd, true) : false;
	}

	/** Runs a command as the palette would; false when it does not apply. */
	run(id: string): boolean {
		const cmd = this.plugin.commands__.get(id);
		if (!cmd || !this.call(cmd, true)) return false;
		this.call(cmd, false);
		this.queueRefresh();
		return true;
	}

	private call(cmd: Command, checking: boolean): boolean {
		const file = this.pane.openFile;
		const editor = this.pane.editor as unknown as Editor;
		const ctx = this.pane.markdownView.asOriginalType7__() as MarkdownFileInfo;
		if (cmd.editorCheckCallback) return file !== null && (cmd.editorCheckCallback(checking, editor, ctx) === true || !checking);
		if (cmd.editorCallback) {
			if (file === null) return false;
			if (!checking) void cmd.editorCallback(editor, ctx);
			return true;
		}
		if (cmd.checkCallback) return cmd.checkCallback(checking) === true || !checking;
		if (cmd.callback) {
			if (!checking) void cmd.callback();
			return true;
		}
		return false;
	}

	private queueRefresh(): void {
		if (this.queued) return;
		this.queued = true;
		window.requestAnimationFrame(() => {
			this.queued = false;
			this.refresh();
		});
	}

	private refresh(): void {
		for (const [id, b] of this.buttons) b.disabled = !this.available(id);
	}
}
