import type { Editor } from "obsidian";
import { MarkdownView, WorkspaceLeaf, type App } from "obsidian-test-mocks/obsidian";

/** Opens a note in a mocked Markdown view and makes it the active editor, as Obsidian would. */
export async function openInEditor(app: App, path: string): Promise<{ editor: Editor; view: MarkdownView }> {
	const file = app.vault.getFileByPath(path);
	if (!file) throw new Error(`${path} is not in the vault`);
	const leaf = WorkspaceLeaf.create2__(app);
	const view = MarkdownView.create2__(leaf);
	await leaf.open(view as never);
	view.file = file;
	view.setViewData(await app.vault.read(file), true);
	app.workspace.setActiveLeaf(leaf);
	Object.assign(app.workspace, { activeEditor: view });
	return { editor: view.editor as unknown as Editor, view };
}

/** A note's text as the vault holds it. */
export async function noteText(app: App, path: string): Promise<string> {
	const file = app.vault.getFileByPath(path);
	if (!file) throw new Error(`${path} is not in the vault`);
	return app.vault.read(file);
}
