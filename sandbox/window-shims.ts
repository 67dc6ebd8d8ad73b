/**
 * Obsidian's DOM helpers across windows. A pop-out window has its own document, globals and DOM
 * constructors: an element made there is no `instanceof HTMLElement` of the main window, an event
 * there no `instanceof MouseEvent`. Obsidian gives every window its DOM extensions and offers
 * realm-free helpers (`node.instanceOf`, `node.doc`/`win`, `evt.targetNode`/`win`/`doc`);
 * `el.createEl` makes the element in `el`'s own document. The mocks install them in the main
 * window only, same-realm, creating every element in the main document: this patches the main
 * window's helpers to be realm-free and installs them in another window (the sandbox's pop-out).
 */

type Ctor = abstract new (...args: never[]) => unknown;
type DomWindow = typeof window;

/** The prototypes that carry Obsidian's DOM extensions, by constructor name. */
const EXTENDED = ["Node", "Element", "HTMLElement", "SVGElement", "Document", "DocumentFragment", "UIEvent"] as const;

function docOf(node: Node): Document {
	return node.nodeType === 9 ? (node as Document) : (node.ownerDocument ?? document);
}

/** Obsidian's `createEl` options, applied to an element made in `parent`'s document. */
function createIn<K extends keyof HTMLElementTagNameMap>(parent: Node | null, doc: Document, tag: K, o?: DomElementInfo | string, callback?: (el: HTMLElementTagNameMap[K]) => void): HTMLElementTagNameMap[K] {
	const el = doc.createElement(tag);
	const info: DomElementInfo = typeof o === "string" ? { cls: o } : (o ?? {});
	if (info.cls) el.className = Array.isArray(info.cls) ? info.cls.join(" ") : info.cls;
	if (info.title !== undefined) el.title = info.title;
	if (info.href !== undefined) el.setAttribute("href", info.href);
	const field = el as unknown as Record<string, unknown>;
	if (info.placeholder !== undefined) field.placeholder = info.placeholder;
	if (info.type !== undefined) field.type = info.type;
	if (info.value !== undefined) field.value = info.value;
	if (info.text !== undefined) {
		if (typeof info.text === "string") el.textContent = info.text;
		else el.appendChild(info.text);
	}
	return placed(el, info, parent, callback);
}

function createSvgIn<K extends keyof SVGElementTagNameMap>(parent: Node | null, doc: Document, tag: K, o?: SvgElementInfo | string, callback?: (el: SVGElementTagNameMap[K]) => void): SVGElementTagNameMap[K] {
	const el = doc.createElementNS("http://www.w3.org/2000/svg", tag);
	const info: SvgElementInfo = typeof o === "string" ? { cls: o } : (o ?? {});
	if (info.cls) el.setAttribute("class", Array.isArray(info.cls) ? info.cls.join(" ") : info.cls);
	return placed(el, info, parent, callback);
}

/** What createEl and createSvg do last, alike: the attributes, the place in the parent, the callback. */
function placed<E extends Element>(el: E, info: { attr?: Record<string, string | number | boolean | null>; parent?: Node; prepend?: boolean }, parent: Node | null, callback?: (el: E) => void): E {
	for (const [k, v] of Object.entries(info.attr ?? {})) {
		if (v === null) el.removeAttribute(k);
		else el.setAttribute(k, String(v));
	}
	const into = info.parent ?? parent;
	if (into) {
		if (info.prepend) into.insertBefore(el, into.firstChild);
		else into.appendChild(el);
	}
	callback?.(el);
	return el;
}

function define(proto: object, members: Record<string, PropertyDescriptor>): void {
	for (const [name, d] of Object.entries(members)) Object.defineProperty(proto, name, { configurable: true, enumerable: false, ...d });
}

/** Realm-free versions of the helpers, installed on `win`'s prototypes. */
function patchRealm(win: DomWindow): void {
	const crossInstanceOf = function (this: object, type: Ctor): boolean {
		if (this instanceof type) return true;
		const own = (win as unknown as Record<string, unknown>)[type.name];
		return typeof own === "function" && this instanceof (own as Ctor);
	};
	define(win.Node.prototype, {
		constructorWin: { value: win, writable: true },
		doc: {
			get(this: Node) {
				return docOf(this);
			},
		},
		win: {
			get(this: Node) {
				return docOf(this).defaultView ?? win;
			},
		},
		instanceOf: { value: crossInstanceOf, writable: true },
		appendText: {
			value(this: Node, text: string) {
				this.appendChild(docOf(this).createTextNode(text));
			},
			writable: true,
		},
		createEl: {
			value(this: Node, tag: keyof HTMLElementTagNameMap, o?: DomElementInfo | string, cb?: (el: HTMLElement) => void) {
				return createIn(this, docOf(this), tag, o, cb);
			},
			writable: true,
		},
		createDiv: {
			value(this: Node, o?: DomElementInfo | string, cb?: (el: HTMLDivElement) => void) {
				return createIn(this, docOf(this), "div", o, cb);
			},
			writable: true,
		},
		createSpan: {
			value(this: Node, o?: DomElementInfo | string, cb?: (el: HTMLSpanElement) => void) {
				return createIn(this, docOf(this), "span", o, cb);
			},
			writable: true,
		},
		createSvg: {
			value(this: Node, tag: keyof SVGElementTagNameMap, o?: SvgElementInfo | string, cb?: (el: SVGElement) => void) {
				return createSvgIn(this, docOf(this), tag, o, cb);
			},
			writable: true,
		},
	});
	define(win.Element.prototype, {
		isActiveElement: {
			value(this: Element) {
				return docOf(this).activeElement === this;
			},
			writable: true,
		},
	});
	define(win.UIEvent.prototype, {
		win: {
			get(this: UIEvent) {
				return this.view ?? win;
			},
		},
		doc: {
			get(this: UIEvent) {
				return (this.view ?? win).document;
			},
		},
		// Any node, of any window: a node is what has a nodeType.
		targetNode: {
			get(this: UIEvent) {
				const t = this.target as Partial<Node> | null;
				return t && typeof t.nodeType === "number" ? (t as Node) : null;
			},
		},
		instanceOf: { value: crossInstanceOf, writable: true },
	});
}

/** The main window's helpers, realm-free; call once the mocks' setup has run. */
export function patchMainWindow(): void {
	patchRealm(window);
}

/**
 * Gives another window (a pop-out) the DOM extensions the main window has, as Obsidian does for
 * each window it opens: every member the mocks added to a main prototype, then the realm-free ones.
 */
export function installInWindow(win: DomWindow): void {
	for (const name of EXTENDED) {
		const main = (window as unknown as Record<string, { prototype: object }>)[name]!.prototype;
		const other = (win as unknown as Record<string, { prototype: object }>)[name]!.prototype;
		for (const key of Object.getOwnPropertyNames(main)) {
			if (Object.prototype.hasOwnProperty.call(other, key)) continue;
			Object.defineProperty(other, key, Object.getOwnPropertyDescriptor(main, key)!);
		}
	}
	patchRealm(win);
	// Each window's globals make elements in its own document.
	const doc = win.document;
	Object.assign(win, {
		activeWindow: win,
		activeDocument: doc,
		createEl: (tag: keyof HTMLElementTagNameMap, o?: DomElementInfo | string, cb?: (el: HTMLElement) => void) => createIn(null, doc, tag, o, cb),
		createDiv: (o?: DomElementInfo | string, cb?: (el: HTMLDivElement) => void) => createIn(null, doc, "div", o, cb),
		createSpan: (o?: DomElementInfo | string, cb?: (el: HTMLSpanElement) => void) => createIn(null, doc, "span", o, cb),
		createSvg: (tag: keyof SVGElementTagNameMap, o?: SvgElementInfo | string, cb?: (el: SVGElement) => void) => createSvgIn(null, doc, tag, o, cb),
		createFragment: (cb?: (el: DocumentFragment) => void) => {
			const fragment = doc.createDocumentFragment();
			cb?.(fragment);
			return fragment;
		},
	});
}
