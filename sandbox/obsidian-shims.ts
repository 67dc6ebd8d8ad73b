import * as mocks from "obsidian-test-mocks/obsidian";
import { AbstractInputSuggest, ButtonComponent, DropdownComponent, ExtraButtonComponent, FuzzySuggestModal, MarkdownRenderer, Menu, MenuItem, MetadataCache, Modal, Notice, Plugin, Scope, Setting, SuggestModal, TextAreaComponent, TextComponent, TFile, ToggleComponent, Vault, setIcon, type TAbstractFile } from "obsidian-test-mocks/obsidian";
import { registerIcons } from "./icons";
import { renderMarkdown } from "./markdown-render";
import { patchMainWindow } from "./window-shims";

/**
 * What the mocks leave out because tests do not need it and a person in front of the sandbox
 * does: notices that show, modals that stay open until closed, suggestion lists, form controls
 * that answer clicks and typing, rendered Markdown, icons, Obsidian's word-by-word simple search.
 * Everything here patches the mocks inside the sandbox page only.
 */

const NOTICE_MS = 5000;
const shownNotices: Notice[] = [];

function noticeArea(): HTMLElement {
	return document.body.querySelector<HTMLElement>(":scope > .notice-container") ?? document.body.createDiv({ cls: "notice-container" });
}

/** A notice shown in the page's corner, as Obsidian shows it; click to dismiss. */
export class SandboxNotice extends Notice {
	private shownEl: HTMLElement | null = null;

	constructor(message: DocumentFragment | string, duration?: number) {
		super(message, duration);
		const el = noticeArea().createDiv({ cls: "notice" });
		el.appendChild(this.messageEl);
		el.addEventListener("click", () => this.hide());
		this.shownEl = el;
		shownNotices.push(this);
		const ms = duration ?? NOTICE_MS;
		if (ms > 0) window.setTimeout(() => this.hide(), ms);
	}

	hide(): void {
		this.shownEl?.remove();
		this.shownEl = null;
	}
}

/** Texts of every notice shown since the page loaded, oldest first. */
export function noticeLog(): string[] {
	return shownNotices.map((n) => n.messageEl.textContent ?? "");
}

/** Obsidian's prepareSimpleSearch: every space-separated word must occur, in any case; matches are all occurrences. */
export function prepareSimpleSearch(query: string): (text: string) => { score: number; matches: [number, number][] } | null {
	const words = query.toLowerCase().split(/\s+/).filter((w) => w !== "");
	return (text) => {
		const lower = text.toLowerCase();
		const ranges: [number, number][] = [];
		for (const word of words) {
			let at = lower.indexOf(word);
			if (at < 0) return null;
			for (; at >= 0; at = lower.indexOf(word, at + word.length)) ranges.push([at, at + word.length]);
		}
		ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
		const merged: [number, number][] = [];
		for (const r of ranges) {
			const last = merged[merged.length - 1];
			if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
			else merged.push([r[0], r[1]]);
		}
		return { score: merged.length > 0 ? -merged[0]![0] : 0, matches: merged };
	};
}

/** A prototype's own or inherited method, to be called with an instance (the original of a patched one). */
function methodOf<F>(proto: object, name: string): F {
	for (let p: object | null = proto; p; p = Object.getPrototypeOf(p) as object | null) {
		const value: unknown = Object.getOwnPropertyDescriptor(p, name)?.value;
		if (typeof value === "function") return value as F;
	}
	throw new Error(`The mocks have no method ${name} to patch.`);
}

// --- key scopes ---

type KeyHandler = (evt: KeyboardEvent, ctx: { key: string; modifiers: string; vkey: string }) => unknown;
/** What Scope.register was given: the mocks keep the key and drop the function. */
const scopeFuncs = new WeakMap<object, KeyHandler>();

/** Obsidian's modifier names for a key event ("Mod" is Ctrl, or Cmd on macOS). */
function modifiersOf(evt: KeyboardEvent): Set<string> {
	const mods = new Set<string>();
	if (evt.ctrlKey || evt.metaKey) mods.add("Mod");
	if (evt.ctrlKey) mods.add("Ctrl");
	if (evt.metaKey) mods.add("Meta");
	if (evt.shiftKey) mods.add("Shift");
	if (evt.altKey) mods.add("Alt");
	return mods;
}

/**
 * Runs a scope's handlers for a key event as Obsidian's keymap does: the handler registered for
 * the key and exactly these modifiers; one that returns false has handled the event.
 */
function dispatchScope(scope: Scope, evt: KeyboardEvent): void {
	const pressed = modifiersOf(evt);
	// "Mod" stands for Ctrl or Meta: a handler for Mod takes either, not both.
	for (const h of [...(scope as unknown as { handlers: { key: string | null; modifiers: string | null }[] }).handlers]) {
		if (h.key !== null && h.key.toLowerCase() !== evt.key.toLowerCase()) continue;
		const wanted = new Set((h.modifiers ?? "").split(",").filter((m) => m !== ""));
		const have = new Set(pressed);
		if (wanted.has("Mod")) {
			have.delete("Ctrl");
			have.delete("Meta");
		} else {
			have.delete("Mod");
		}
		if (wanted.size !== have.size || [...wanted].some((m) => !have.has(m))) continue;
		const func = scopeFuncs.get(h);
		if (!func) continue;
		if (func(evt, { key: evt.key, modifiers: [...wanted].join(","), vkey: evt.key }) === false) {
			evt.preventDefault();
			return;
		}
	}
}

function patchScopes(): void {
	const register = methodOf<(this: Scope, modifiers: string[] | null, key: string | null, func: KeyHandler) => object>(Scope.prototype, "register");
	Scope.prototype.register = function (this: Scope, modifiers: string[] | null, key: string | null, func: KeyHandler) {
		const handler = register.call(this, modifiers, key, func);
		scopeFuncs.set(handler, func);
		return handler as ReturnType<Scope["register"]>;
	} as Scope["register"];
}

// --- modals ---

interface ShownModal {
	modal: Modal;
	/** Where focus was when the modal opened: it goes back there on close, as in Obsidian. */
	opener: Element | null;
	cleanup: () => void;
}

/** Open modals, the top one last: only it answers keys and holds focus. */
const modalStack: ShownModal[] = [];
let modalIds = 0;

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The elements of a modal Tab reaches, in order: focusable, shown. */
function tabStops(root: HTMLElement): HTMLElement[] {
	return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0 && !el.closest("[inert]"));
}

function showModal(modal: Modal): void {
	const { containerEl, modalEl, titleEl, contentEl } = modal;
	if (containerEl.isConnected) return;
	containerEl.addClass("modal-container", "mod-dim");
	if (!containerEl.querySelector(":scope > .modal-bg")) {
		const bg = createDiv({ cls: "modal-bg" });
		containerEl.prepend(bg);
		bg.addEventListener("click", () => modal.close());
	}
	modalEl.addClass("modal");
	// A dialog, named by its title (set in onOpen: see labelModal), that holds focus until it closes.
	modalEl.setAttr("role", "dialog");
	modalEl.setAttr("aria-modal", "true");
	modalEl.setAttr("tabindex", "-1");
	titleEl.addClass("modal-title");
	if (titleEl.id === "") titleEl.id = `sandbox-modal-title-${++modalIds}`;
	contentEl.addClass("modal-content");
	modalEl.prepend(titleEl);
	if (!modalEl.querySelector(":scope > .modal-close-button")) {
		// A button for the pointer; the keyboard closes with Escape, as in Obsidian.
		const close = createDiv({ cls: "modal-close-button clickable-icon", attr: { "aria-label": "Close", role: "button" } });
		setIcon(close, "x");
		modalEl.prepend(close);
		close.addEventListener("click", () => modal.close());
	}
	const isTop = () => modalStack[modalStack.length - 1]?.modal === modal;
	const onKey = (evt: KeyboardEvent) => {
		if (!isTop() || evt.defaultPrevented) return;
		if (evt.key === "Escape") {
			evt.preventDefault();
			modal.close();
			return;
		}
		if (evt.key === "Tab") {
			// Focus stays inside the dialog: Tab from the last stop goes to the first, Shift+Tab back.
			const stops = tabStops(modalEl);
			if (stops.length === 0) {
				evt.preventDefault();
				return;
			}
			const at = stops.indexOf(document.activeElement as HTMLElement);
			const next = evt.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : at < 0 || at === stops.length - 1 ? 0 : at + 1;
			if ((evt.shiftKey && at <= 0) || (!evt.shiftKey && (at < 0 || at === stops.length - 1))) {
				evt.preventDefault();
				stops[next]!.focus();
			}
			return;
		}
		dispatchScope(modal.scope, evt);
	};
	// Focus that leaves the dialog (a click on the page behind) is brought back.
	const onFocusIn = (evt: FocusEvent) => {
		if (!isTop()) return;
		const target = evt.target as Node | null;
		if (target && !modalEl.contains(target) && !(target as Element).closest?.(".suggestion-container")) (tabStops(modalEl)[0] ?? modalEl).focus();
	};
	// Bubbling, on the document: a suggestion list or a switch that used the key has stopped it first.
	document.addEventListener("keydown", onKey);
	document.addEventListener("focusin", onFocusIn);
	modalStack.push({
		modal,
		opener: document.activeElement,
		cleanup: () => {
			document.removeEventListener("keydown", onKey);
			document.removeEventListener("focusin", onFocusIn);
		},
	});
	document.body.appendChild(containerEl);
}

/** After onOpen: the dialog is named by its title when it has one, and focus is inside it. */
function labelModal(modal: Modal): void {
	const { modalEl, titleEl } = modal;
	if ((titleEl.textContent ?? "").trim() !== "") modalEl.setAttr("aria-labelledby", titleEl.id);
	else modalEl.removeAttribute("aria-labelledby");
	if (!modalEl.contains(document.activeElement)) (tabStops(modalEl)[0] ?? modalEl).focus();
}

function patchModals(): void {
	const close = methodOf<(this: Modal) => void>(Modal.prototype, "close");
	Modal.prototype.open = function (this: Modal) {
		showModal(this);
		this.onOpen();
		labelModal(this);
	};
	Modal.prototype.close = function (this: Modal) {
		if (!this.containerEl.isConnected) return;
		const at = modalStack.findIndex((m) => m.modal === this);
		const shown = at >= 0 ? modalStack.splice(at, 1)[0] : undefined;
		shown?.cleanup();
		this.containerEl.remove();
		close.call(this);
		// Back to where the user was, as Obsidian does; the body when that is gone.
		const opener = shown?.opener;
		if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
	};

	// Suggestion lists: the mocks keep the input and the result element, and render nothing.
	SuggestModal.prototype.open = function <T>(this: SuggestModal<T>) {
		showModal(this);
		this.modalEl.addClass("prompt");
		this.inputEl.addClass("prompt-input");
		this.resultContainerEl.addClass("prompt-results");
		let items: T[] = [];
		let selected = 0;
		const render = () => {
			this.resultContainerEl.empty();
			if (items.length === 0) this.resultContainerEl.createDiv({ cls: "suggestion-empty", text: this.emptyStateText });
			items.forEach((item, i) => {
				const el = this.resultContainerEl.createDiv({ cls: i === selected ? "suggestion-item is-selected" : "suggestion-item" });
				if (this instanceof FuzzySuggestModal) el.setText((this as FuzzySuggestModal<unknown>).getItemText((item as { item: unknown }).item));
				else this.renderSuggestion(item, el);
				el.addEventListener("click", (evt) => this.selectSuggestion(item, evt));
			});
		};
		const update = async () => {
			const query = this.inputEl.value;
			if (this instanceof FuzzySuggestModal) {
				const q = query.toLowerCase();
				const fuzzy = this as FuzzySuggestModal<unknown>;
				items = fuzzy
					.getItems()
					.filter((it) => fuzzy.getItemText(it).toLowerCase().includes(q))
					.map((it) => ({ item: it, match: { score: 0, matches: [] } }) as unknown as T);
			} else {
				items = await this.getSuggestions(query);
			}
			items = items.slice(0, this.limit);
			selected = 0;
			render();
		};
		this.inputEl.addEventListener("input", () => void update());
		this.inputEl.addEventListener("keydown", (evt) => {
			if (evt.key === "ArrowDown" || evt.key === "ArrowUp") {
				evt.preventDefault();
				if (items.length > 0) selected = (selected + (evt.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
				render();
			} else if (evt.key === "Enter" && items[selected] !== undefined) {
				evt.preventDefault();
				this.selectSuggestion(items[selected]!, evt);
			}
		});
		this.onOpen();
		labelModal(this);
		void update();
		this.inputEl.focus();
	};
}

// --- suggestions under a text field (AbstractInputSuggest) ---

/** How to take down a field's suggestion list, by the suggest that shows it. */
const inputSuggestClosers = new WeakMap<object, () => void>();
let suggestionIds = 0;

/**
 * The list Obsidian draws under a field an AbstractInputSuggest is attached to: it follows the
 * typing, arrows move the selection, Enter or a click picks (the suggest's selectSuggestion),
 * Escape closes it; while it is open it has Enter and Escape before the modal does.
 */
function wireInputSuggest(suggest: AbstractInputSuggest<unknown>, input: HTMLInputElement | HTMLDivElement): void {
	let listEl: HTMLElement | null = null;
	let items: unknown[] = [];
	let selected = 0;
	const close = () => {
		listEl?.remove();
		listEl = null;
		items = [];
		input.setAttr("aria-expanded", "false");
		input.removeAttribute("aria-activedescendant");
	};
	inputSuggestClosers.set(suggest, close);
	const field: HTMLElement = input;
	const render = () => {
		if (!listEl) {
			listEl = input.doc.body.createDiv({ cls: "suggestion-container" });
			listEl.id = `sandbox-suggestions-${++suggestionIds}`;
			listEl.setAttr("role", "listbox");
			input.setAttr("aria-controls", listEl.id);
		}
		const box = input.getBoundingClientRect();
		listEl.setCssStyles({ left: `${box.left}px`, top: `${box.bottom + 2}px`, minWidth: `${box.width}px` });
		listEl.empty();
		items.forEach((item, i) => {
			const el = listEl!.createDiv({ cls: i === selected ? "suggestion-item is-selected" : "suggestion-item", attr: { role: "option", id: `${listEl!.id}-${i}`, "aria-selected": String(i === selected) } });
			suggest.renderSuggestion(item, el);
			// Before the field loses focus to the click.
			el.addEventListener("mousedown", (evt) => evt.preventDefault());
			el.addEventListener("click", (evt) => suggest.selectSuggestion(item, evt));
		});
		input.setAttr("aria-expanded", "true");
		input.setAttr("aria-activedescendant", `${listEl.id}-${selected}`);
	};
	const update = async () => {
		const query = input instanceof HTMLInputElement ? input.value : (input.textContent ?? "");
		const found = await (suggest as unknown as { getSuggestions(q: string): unknown[] | Promise<unknown[]> }).getSuggestions(query);
		if (input.doc.activeElement !== input) return;
		items = found.slice(0, suggest.limit);
		selected = 0;
		if (items.length === 0) close();
		else render();
	};
	field.addEventListener("input", () => void update());
	field.addEventListener("focus", () => void update());
	field.addEventListener("blur", () => close());
	field.addEventListener("keydown", (evt: KeyboardEvent) => {
		if (!listEl) {
			if (evt.key === "ArrowDown") void update();
			return;
		}
		if (evt.key === "ArrowDown" || evt.key === "ArrowUp") {
			evt.preventDefault();
			selected = (selected + (evt.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
			render();
		} else if (evt.key === "Enter" && items[selected] !== undefined && !evt.isComposing) {
			evt.preventDefault();
			evt.stopPropagation();
			suggest.selectSuggestion(items[selected], evt);
		} else if (evt.key === "Escape") {
			evt.preventDefault();
			evt.stopPropagation();
			close();
		}
	});
}

function patchInputSuggest(): void {
	const construct = methodOf<(this: AbstractInputSuggest<unknown>, app: unknown, el: HTMLInputElement | HTMLDivElement) => void>(AbstractInputSuggest.prototype, "constructor2__");
	AbstractInputSuggest.prototype.constructor2__ = function (this: AbstractInputSuggest<unknown>, app: never, el: HTMLInputElement | HTMLDivElement) {
		construct.call(this, app, el);
		wireInputSuggest(this, el);
	};
	const close = methodOf<(this: AbstractInputSuggest<unknown>) => void>(AbstractInputSuggest.prototype, "close");
	AbstractInputSuggest.prototype.close = function (this: AbstractInputSuggest<unknown>) {
		inputSuggestClosers.get(this)?.();
		close.call(this);
	};
}

// --- the network and the ribbon ---

/**
 * requestUrl: the mocks answer every request with an empty 200, so a title fetch in the sandbox
 * said "No title was found". Here it is the page's fetch: with no network (or a page the browser
 * may not read across origins) it fails, as requestUrl does when a page cannot be reached.
 */
function sandboxRequestUrl(param: { url: string; method?: string; headers?: Record<string, string>; body?: string | ArrayBuffer; throw?: boolean } | string): Promise<unknown> {
	const p = typeof param === "string" ? { url: param } : param;
	return (async () => {
		const res = await window.fetch(p.url, { method: p.method ?? "GET", headers: p.headers, body: p.body, cache: "no-store" });
		const arrayBuffer = await res.arrayBuffer();
		const headers: Record<string, string> = {};
		res.headers.forEach((v, k) => (headers[k] = v));
		const text = new TextDecoder().decode(arrayBuffer);
		let json: unknown = null;
		try {
			json = JSON.parse(text);
		} catch {
			json = null;
		}
		if (p.throw !== false && res.status >= 400) throw new Error(`Request failed, status ${res.status}`);
		return { status: res.status, headers, arrayBuffer, text, json };
	})();
}

/** The ribbon buttons the plugin adds: the mocks keep a blank element and drop the callback. */
function patchRibbon(): void {
	Plugin.prototype.addRibbonIcon = function (this: Plugin, icon: string, title: string, callback: (evt: MouseEvent) => unknown) {
		const el = createDiv({ cls: "side-dock-ribbon-action clickable-icon", attr: { "aria-label": title, role: "button", tabindex: "0" } });
		cachedSetIcon(el, icon);
		el.addEventListener("click", (evt) => void callback(evt));
		el.addEventListener("keydown", (evt) => {
			if (evt.key !== "Enter" && evt.key !== " ") return;
			evt.preventDefault();
			el.click();
		});
		(this as unknown as { ribbonActions__: HTMLElement[] }).ribbonActions__.push(el);
		return el;
	};
}

// --- menus ---

/** How to take down the menu on screen; one at a time, as in Obsidian. */
let closeShownMenu: (() => void) | null = null;

/** Draws a menu's items at (x, y) in `doc` (a pop-out's, for a menu opened there); a click runs an item. */
function showMenu(menu: Menu, x: number, y: number, doc: Document): void {
	closeShownMenu?.();
	const el = doc.body.createDiv({ cls: "menu" });
	const close = () => {
		if (closeShownMenu !== close) return;
		closeShownMenu = null;
		el.remove();
		doc.removeEventListener("pointerdown", onDown, true);
		doc.removeEventListener("keydown", onKey, true);
	};
	const onDown = (evt: PointerEvent) => {
		if (!el.contains(evt.targetNode)) close();
	};
	const onKey = (evt: KeyboardEvent) => {
		if (evt.key !== "Escape") return;
		evt.preventDefault();
		close();
	};
	for (const item of menu.items__) {
		if (!(item instanceof MenuItem)) {
			el.createDiv({ cls: "menu-separator" });
			continue;
		}
		const row = el.createDiv({ cls: item.disabled__ ? "menu-item is-disabled" : "menu-item" });
		if (item.icon__) cachedSetIcon(row.createDiv({ cls: "menu-item-icon" }), item.icon__);
		row.createDiv({ cls: "menu-item-title", text: item.title__ });
		row.addEventListener("click", (evt) => {
			if (item.disabled__) return;
			close();
			item.onClick__?.(evt);
		});
	}
	// Inside the window, as Obsidian keeps it.
	const win = doc.defaultView ?? window;
	el.setCssStyles({ left: `${Math.max(0, Math.min(x, win.innerWidth - el.offsetWidth))}px`, top: `${Math.max(0, Math.min(y, win.innerHeight - el.offsetHeight))}px` });
	doc.addEventListener("pointerdown", onDown, true);
	doc.addEventListener("keydown", onKey, true);
	closeShownMenu = close;
}

function patchMenus(): void {
	const close = methodOf<(this: Menu) => void>(Menu.prototype, "close");
	Menu.prototype.showAtMouseEvent = function (this: Menu, evt: MouseEvent) {
		showMenu(this, evt.clientX, evt.clientY, evt.doc);
		return this;
	};
	Menu.prototype.showAtPosition = function (this: Menu, position: { x: number; y: number }, doc?: Document) {
		showMenu(this, position.x, position.y, doc ?? document);
		return this;
	};
	Menu.prototype.hide = function (this: Menu) {
		closeShownMenu?.();
		close.call(this);
		return this;
	};
}

// --- settings and form controls ---

const clickHandlers = new WeakMap<HTMLElement, (evt: MouseEvent) => unknown>();

function wireClick(el: HTMLElement, handler: (evt: MouseEvent) => unknown): void {
	if (!clickHandlers.has(el)) el.addEventListener("click", (evt) => void clickHandlers.get(el)?.(evt));
	clickHandlers.set(el, handler);
}

const wired = new WeakSet<object>();

function once(target: object, wire: () => void): void {
	if (wired.has(target)) return;
	wired.add(target);
	wire();
}

function styleSetting(s: Setting): void {
	once(s, () => {
		s.settingEl.addClass("setting-item");
		s.infoEl.addClass("setting-item-info");
		s.nameEl.addClass("setting-item-name");
		s.descEl.addClass("setting-item-description");
		s.controlEl.addClass("setting-item-control");
		s.settingEl.prepend(s.infoEl);
	});
}

/** Wraps a prototype method so that `before` runs on the instance first. */
function before<T extends object>(proto: T, names: readonly (keyof T)[], hook: (self: T) => void): void {
	for (const name of names) {
		const original = proto[name];
		if (typeof original !== "function") continue;
		Object.defineProperty(proto, name, {
			configurable: true,
			writable: true,
			value: function (this: T, ...args: unknown[]) {
				hook(this);
				return (original as (...a: unknown[]) => unknown).apply(this, args);
			},
		});
	}
}

function wireText(c: TextComponent | TextAreaComponent): void {
	once(c.inputEl, () =>
		c.inputEl.addEventListener("input", () => {
			c.setValue(c.inputEl.value);
		}),
	);
}

function wireDropdown(d: DropdownComponent): void {
	once(d.selectEl, () => {
		d.selectEl.addClass("dropdown");
		d.selectEl.addEventListener("change", () => d.simulateChange__());
	});
}

function syncToggle(t: ToggleComponent): void {
	t.toggleEl.toggleClass("is-enabled", t.getValue());
	t.toggleEl.setAttr("aria-checked", String(t.getValue()));
}

/** A switch as Obsidian's toggle is one: focusable, its state announced, Space and Enter flip it. */
function wireToggle(t: ToggleComponent): void {
	once(t.toggleEl, () => {
		t.toggleEl.addClass("checkbox-container");
		t.toggleEl.setAttr("role", "switch");
		t.toggleEl.setAttr("tabindex", "0");
		const flip = () => {
			if (t.toggleEl.closest(".is-disabled")) return;
			t.onClick();
			syncToggle(t);
		};
		t.toggleEl.addEventListener("click", flip);
		t.toggleEl.addEventListener("keydown", (evt) => {
			if (evt.key !== " " && evt.key !== "Enter") return;
			evt.preventDefault();
			evt.stopPropagation();
			flip();
		});
	});
	syncToggle(t);
}

/** Wires a control made by a Setting, whether or not the plugin calls its onChange. */
function wireComponent(c: unknown): void {
	if (c instanceof ToggleComponent) wireToggle(c);
	else if (c instanceof DropdownComponent) wireDropdown(c);
	else if (c instanceof TextComponent || c instanceof TextAreaComponent) wireText(c);
}

function patchControls(): void {
	before(Setting.prototype, ["setName", "setDesc", "setHeading", "setClass", "addText", "addTextArea", "addButton", "addToggle", "addDropdown", "addExtraButton", "addSearch", "addComponent"], styleSetting);
	before(Setting.prototype, ["setHeading"], (s) => s.settingEl.addClass("setting-item-heading"));
	for (const name of ["addText", "addTextArea", "addToggle", "addDropdown"] as const) {
		const add = methodOf<(this: Setting, cb: (c: never) => unknown) => Setting>(Setting.prototype, name);
		Object.defineProperty(Setting.prototype, name, {
			configurable: true,
			writable: true,
			value: function (this: Setting, cb: (c: never) => unknown) {
				const result = add.call(this, cb);
				wireComponent(this.components[this.components.length - 1]);
				return result;
			},
		});
	}

	const buttonOnClick = methodOf<(this: ButtonComponent, cb: (evt: MouseEvent) => unknown) => ButtonComponent>(ButtonComponent.prototype, "onClick");
	ButtonComponent.prototype.onClick = function (this: ButtonComponent, callback: (evt: MouseEvent) => unknown) {
		wireClick(this.buttonEl, callback);
		return buttonOnClick.call(this, callback);
	};
	const extraOnClick = methodOf<(this: ExtraButtonComponent, cb: () => unknown) => ExtraButtonComponent>(ExtraButtonComponent.prototype, "onClick");
	ExtraButtonComponent.prototype.onClick = function (this: ExtraButtonComponent, callback: () => unknown) {
		this.extraSettingsEl.addClass("clickable-icon", "extra-setting-button");
		once(this.extraSettingsEl, () => {
			// An icon button reached with Tab and pressed with Enter or Space.
			this.extraSettingsEl.setAttr("role", "button");
			this.extraSettingsEl.setAttr("tabindex", "0");
			this.extraSettingsEl.addEventListener("keydown", (evt) => {
				if (evt.key !== "Enter" && evt.key !== " ") return;
				evt.preventDefault();
				evt.stopPropagation();
				this.extraSettingsEl.click();
			});
		});
		wireClick(this.extraSettingsEl, () => callback());
		return extraOnClick.call(this, callback);
	};

	// Controls made outside a Setting: typing and clicks report through onChange, as in Obsidian (the mocks only report setValue).
	before(TextComponent.prototype, ["onChange", "setValue"], wireText);
	before(TextAreaComponent.prototype, ["onChange", "setValue"], wireText);
	before(DropdownComponent.prototype, ["onChange", "setValue", "addOption"], wireDropdown);
	before(ToggleComponent.prototype, ["onChange"], wireToggle);
	const toggleSet = methodOf<(this: ToggleComponent, value: boolean) => ToggleComponent>(ToggleComponent.prototype, "setValue");
	ToggleComponent.prototype.setValue = function (this: ToggleComponent, value: boolean) {
		const r = toggleSet.call(this, value);
		wireToggle(this);
		return r;
	};
}

// --- link resolution ---

/** Files by name and by basename, first one (in the vault's order) per key, as the mocks' scan finds them. */
const nameIndexes = new WeakMap<Vault, Map<string, TFile>>();

function addToIndex(index: Map<string, TFile>, file: TFile): void {
	if (!index.has(file.basename)) index.set(file.basename, file);
	if (!index.has(file.name)) index.set(file.name, file);
}

function buildIndex(vault: Vault): Map<string, TFile> {
	const index = new Map<string, TFile>();
	for (const f of vault.getFiles()) addToIndex(index, f);
	nameIndexes.set(vault, index);
	return index;
}

/**
 * The mocks resolve a link by scanning every file of the vault, for every link of every note they
 * parse: minutes for a generated vault of thousands of digests. Same answers from an index
 * (Obsidian keeps one too): kept up to date as files are added, rebuilt when a hit went stale.
 */
function patchLinkResolution(): void {
	const register = methodOf<(this: Vault, path: string, file: TAbstractFile) => void>(Vault.prototype, "setVaultAbstractFile__");
	Vault.prototype.setVaultAbstractFile__ = function (this: Vault, path: string, file: TAbstractFile) {
		register.call(this, path, file);
		const index = nameIndexes.get(this);
		if (index && file instanceof TFile) addToIndex(index, file);
	};
	MetadataCache.prototype.getFirstLinkpathDest = function (this: MetadataCache, linkpath: string) {
		const vault = this.app__.vault;
		const direct = vault.getFileByPath(linkpath) ?? vault.getFileByPath(`${linkpath}.md`);
		if (direct) return direct;
		let found = (nameIndexes.get(vault) ?? buildIndex(vault)).get(linkpath);
		if (found && (vault.getFileByPath(found.path) !== found || (found.basename !== linkpath && found.name !== linkpath))) found = buildIndex(vault).get(linkpath);
		return found ?? null;
	};
}

// --- icons ---

const iconCache = new Map<string, Node | null>();

/**
 * The mocks' setIcon parses the icon's SVG text on every call, which a virtualised list does for
 * every row it draws; Obsidian does not. Same result: parsed once, cloned after.
 */
function cachedSetIcon(parent: HTMLElement, iconId: string): void {
	let icon = iconCache.get(iconId);
	if (icon === undefined) {
		const holder = createDiv();
		setIcon(holder, iconId);
		icon = holder.firstChild;
		iconCache.set(iconId, icon);
	}
	if (icon === null) return;
	parent.empty();
	// Made in the parent's document, which is a pop-out's for an element there.
	parent.appendChild(parent.doc.importNode(icon, true));
}

let installed = false;

/** Patches the mocks once and returns the module the plugin gets for `require("obsidian")`. */
export function installShims(): Record<string, unknown> {
	if (!installed) {
		installed = true;
		patchMainWindow();
		registerIcons();
		patchLinkResolution();
		patchScopes();
		patchModals();
		patchInputSuggest();
		patchRibbon();
		patchMenus();
		patchControls();
		MarkdownRenderer.render = (app, markdown, el, sourcePath) => {
			renderMarkdown(app, markdown, el, sourcePath);
			return Promise.resolve();
		};
	}
	return { ...mocks, Notice: SandboxNotice, prepareSimpleSearch, setIcon: cachedSetIcon, requestUrl: sandboxRequestUrl };
}
