import type { ViewCreator } from "obsidian";
import { WorkspaceLeaf, type App } from "obsidian-test-mocks/obsidian";
import { installInWindow } from "./window-shims";

/** What the pop-out calls on a plugin view (see sidebar.ts). */
interface MountableView {
	containerEl: HTMLElement;
	contentEl?: HTMLElement;
	load(): void;
	onOpen(): Promise<void>;
	onResize(): void;
	getViewType(): string;
}

/** Resolves once a stylesheet link has loaded (or failed: the page shows unstyled, the test then says so). */
function loaded(link: HTMLLinkElement): Promise<void> {
	return new Promise((resolve) => {
		link.addEventListener("load", () => resolve(), { once: true });
		link.addEventListener("error", () => resolve(), { once: true });
	});
}

/**
 * A pop-out window, as Obsidian opens one for a tab dragged out of the main window: here an iframe,
 * which is a window of its own (its own document, globals and DOM constructors, another realm),
 * given Obsidian's DOM extensions and the page's styles, holding one leaf with a plugin view. The
 * plugin's code keeps running in the main window, as in Obsidian.
 */
export async function openPopout(app: App, creators: ReadonlyMap<string, ViewCreator>, type: string): Promise<MountableView> {
	const creator = creators.get(type);
	if (!creator) throw new Error(`The plugin registers no view "${type}".`);
	const frame = document.body.createEl("iframe", { cls: "sandbox-popout", attr: { title: "Pop-out window", "data-type": type } });
	const win = frame.contentWindow as typeof window | null;
	if (!win) throw new Error("The pop-out window has no document.");
	const doc = win.document;
	installInWindow(win);
	const sheets = Array.from(document.head.querySelectorAll<HTMLLinkElement>("link[rel=stylesheet]")).map((main) => {
		const link = doc.importNode(main);
		link.href = main.href;
		const done = loaded(link);
		doc.head.appendChild(link);
		return done;
	});
	await Promise.all(sheets);
	// The theme follows the main window's, as Obsidian's pop-outs do.
	const syncTheme = () => {
		doc.body.className = `${document.body.className} sandbox-popout-body`;
	};
	syncTheme();
	new MutationObserver(syncTheme).observe(document.body, { attributes: true, attributeFilter: ["class"] });

	const leaf = WorkspaceLeaf.create2__(app);
	const view = creator(leaf.asOriginalType3__()) as unknown as MountableView;
	await leaf.open(view as never);
	view.containerEl.addClass("workspace-leaf-content");
	view.containerEl.setAttr("data-type", view.getViewType());
	view.contentEl?.addClass("view-content");
	// Into the pop-out's document before it is built: what the view draws is made there.
	doc.body.appendChild(view.containerEl);
	view.load();
	await view.onOpen();
	new win.ResizeObserver(() => view.onResize()).observe(doc.body);
	return view;
}
