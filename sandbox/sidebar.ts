import type { ViewCreator, ViewState } from "obsidian";
import { setIcon, type WorkspaceLeaf } from "obsidian-test-mocks/obsidian";

/** What the sidebar calls on a plugin view; `onOpen` is protected in Obsidian's typings, Obsidian itself calls it. */
interface MountableView {
	containerEl: HTMLElement;
	contentEl?: HTMLElement;
	load(): void;
	onOpen(): Promise<void>;
	onResize(): void;
	getViewType(): string;
	getDisplayText(): string;
	getIcon(): string;
	setState(state: unknown, result: { history: boolean }): Promise<void>;
}

/**
 * The right sidebar: shows the views the plugin opens in leaves from `getRightLeaf`. The mocks'
 * `setViewState` only records the state; here it also builds the view with the plugin's
 * registered creator, mounts its container in the page and opens it, as Obsidian does.
 */
export class Sidebar {
	private readonly views = new Map<string, MountableView>();
	private readonly waiting = new Map<string, ((view: MountableView) => void)[]>();
	private readonly tabsEl: HTMLElement;
	private readonly bodyEl: HTMLElement;

	constructor(
		private readonly creators: ReadonlyMap<string, ViewCreator>,
		container: HTMLElement,
	) {
		this.tabsEl = container.createDiv({ cls: "sandbox-sidebar-tabs workspace-tab-header-container" });
		this.bodyEl = container.createDiv({ cls: "sandbox-sidebar-body" });
		new ResizeObserver(() => {
			for (const view of this.views.values()) view.onResize();
		}).observe(this.bodyEl);
	}

	/** Makes a leaf of the mocked workspace a sidebar leaf. */
	adopt(leaf: WorkspaceLeaf): WorkspaceLeaf {
		const record = leaf.setViewState.bind(leaf);
		leaf.setViewState = async (state: ViewState, eState?: Record<string, unknown>) => {
			await record(state, eState);
			await this.show(leaf, state);
		};
		return leaf;
	}

	/** Resolves with the view of `type` once it is open. */
	whenOpen(type: string): Promise<MountableView> {
		const open = this.views.get(type);
		if (open) return Promise.resolve(open);
		return new Promise((resolve) => this.waiting.set(type, [...(this.waiting.get(type) ?? []), resolve]));
	}

	view(type: string): MountableView | null {
		return this.views.get(type) ?? null;
	}

	private async show(leaf: WorkspaceLeaf, state: ViewState): Promise<void> {
		const creator = this.creators.get(state.type);
		if (!creator) return;
		let view = leaf.view as unknown as MountableView | null;
		if (!view || view.getViewType() !== state.type) {
			view = creator(leaf.asOriginalType3__()) as unknown as MountableView;
			await leaf.open(view as never);
			this.mount(view);
			view.load();
			await view.onOpen();
			this.views.set(state.type, view);
		}
		if (state.state) await view.setState(state.state, { history: false });
		for (const resolve of this.waiting.get(state.type) ?? []) resolve(view);
		this.waiting.delete(state.type);
	}

	private mount(view: MountableView): void {
		const tab = this.tabsEl.createDiv({ cls: "workspace-tab-header is-active", attr: { "aria-label": view.getDisplayText() } });
		setIcon(tab.createDiv({ cls: "workspace-tab-header-inner-icon" }), view.getIcon());
		tab.createDiv({ cls: "workspace-tab-header-inner-title", text: view.getDisplayText() });
		view.containerEl.addClass("workspace-leaf-content");
		view.containerEl.setAttr("data-type", view.getViewType());
		view.contentEl?.addClass("view-content");
		this.bodyEl.appendChild(view.containerEl);
	}
}
