// By touch: on mobile, where the pointer cannot hover, and for a finger on any device. A tap selects and a
// second tap opens; a long press or a right-click opens the row's menu; rows and buttons are sized for a fingertip.
import { Menu, Platform } from "obsidian-test-mocks/obsidian";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openAtLine } from "../../../src/plugin/commands/digest-actions";
import { LONG_PRESS_MS } from "../../../src/plugin/view/touch";
import { click, list, NEW_PATH, OLD_PATH, openView, outline, press, rowEl, selectedTitles, useViewSpies, windowOpen, type Harness } from "../support/digest-browser";

vi.mock("../../../src/plugin/commands/digest-actions", async (importOriginal) => ({
	...(await importOriginal<typeof import("../../../src/plugin/commands/digest-actions")>()),
	openAtLine: vi.fn(() => Promise.resolve()),
}));

useViewSpies();

const platform = Platform as { isMobile: boolean };

afterEach(() => {
	platform.isMobile = false;
	vi.useRealTimers();
});

const root = (h: Harness) => h.view.contentEl;

function pointer(el: Element, type: string, init: PointerEventInit = {}): void {
	el.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, isPrimary: true, pointerType: "touch", ...init }));
}

/** A finger's tap: pointerdown and pointerup, then the click the browser makes of them. */
function tap(el: Element): void {
	pointer(el, "pointerdown");
	pointer(el, "pointerup");
	click(el);
}

/** The menus a test opened, with how: at a mouse event or at a position. */
function watchMenus(): { menus: Menu[]; positions: unknown[] } {
	const menus: Menu[] = [];
	const positions: unknown[] = [];
	vi.spyOn(Menu.prototype, "showAtMouseEvent").mockImplementation(function (this: Menu, evt: MouseEvent) {
		menus.push(this);
		positions.push({ x: evt.clientX, y: evt.clientY });
		return this;
	});
	vi.spyOn(Menu.prototype, "showAtPosition").mockImplementation(function (this: Menu, position) {
		menus.push(this);
		positions.push({ x: position.x, y: position.y });
		return this;
	});
	return { menus, positions };
}

const titles = (menu: Menu) => menu.menuItems__.map((i) => i.title__);
const choose = (menu: Menu, title: string) => menu.menuItems__.find((i) => i.title__ === title)!.onClick__!(new MouseEvent("click"));

/** A stand-in for the browser's answer to a media query, which the test DOM cannot be asked to change. */
function mediaQuery(matches: boolean): MediaQueryList & { set(matches: boolean): void } {
	const target = new EventTarget();
	const list = Object.assign(target, {
		matches,
		media: "(hover: none)",
		onchange: null,
		addListener: () => undefined,
		removeListener: () => undefined,
		set(value: boolean) {
			list.matches = value;
			target.dispatchEvent(new Event("change"));
		},
	});
	return list;
}

describe("the digest browser by touch", () => {
	it("on mobile, selects an entry on a tap and opens it on a second, with rows and targets for a fingertip", async () => {
		platform.isMobile = true;
		const h = await openView();
		expect(root(h).hasClass("is-touch")).toBe(true);
		expect(rowEl(h, "Kubernetes").style.height).toBe("44px");
		const row = rowEl(h, "Operators from scratch");
		// A long press opens the menu: no row starts a drag by touch.
		expect(row.getAttribute("draggable")).toBe("false");
		click(row.querySelector(".digest-browser-title")!);
		expect(windowOpen).not.toHaveBeenCalled();
		expect(selectedTitles(h)).toEqual(["Operators from scratch"]);
		click(row.querySelector(".digest-browser-title")!);
		expect(windowOpen).toHaveBeenCalledWith("https://medium.com/y/operators");
		// A row's button acts at once, on any row; so does a group header.
		click(rowEl(h, "Two approaches to fleet management").querySelector('[data-action="open-in-digest"]')!);
		expect(openAtLine).toHaveBeenCalledWith(h.host, OLD_PATH, 13, false);
		click(rowEl(h, "Career"));
		expect(outline(h)).not.toContain("Interview stories");
	});

	it("does the same where the pointer cannot hover, and follows a change of pointer", async () => {
		const noHover = mediaQuery(true);
		vi.spyOn(window, "matchMedia").mockImplementation((query) => (query === "(hover: none)" ? noHover : mediaQuery(false)));
		const h = await openView();
		expect(root(h).hasClass("is-touch")).toBe(true);
		click(rowEl(h, "Interview stories"));
		expect(windowOpen).not.toHaveBeenCalled();
		// A trackpad attached: rows as on the desktop, a click opens at once.
		noHover.set(false);
		expect(root(h).hasClass("is-touch")).toBe(false);
		expect(rowEl(h, "Kubernetes").style.height).toBe("30px");
		expect(rowEl(h, "Open my note").getAttribute("draggable")).toBe("true");
		click(rowEl(h, "Open my note"));
		expect(windowOpen).toHaveBeenCalledWith("obsidian://open?vault=x&file=y");
	});

	it("treats a finger's tap as a tap on any device, and a mouse click as a click", async () => {
		const h = await openView();
		expect(root(h).hasClass("is-touch")).toBe(false);
		tap(rowEl(h, "Operators from scratch"));
		expect(windowOpen).not.toHaveBeenCalled();
		tap(rowEl(h, "Operators from scratch"));
		expect(windowOpen).toHaveBeenCalledTimes(1);
		pointer(rowEl(h, "Interview stories"), "pointerdown", { pointerType: "mouse" });
		click(rowEl(h, "Interview stories"));
		expect(windowOpen).toHaveBeenLastCalledWith("https://medium.com/z/interviews");
	});

	it("opens a row's menu of its actions on a right-click, and runs the one chosen", async () => {
		const { menus, positions } = watchMenus();
		const h = await openView();
		const row = rowEl(h, "Multi-cluster setup in ten minutes");
		const menuEvent = new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: 40, clientY: 70 });
		row.querySelector(".digest-browser-title")!.dispatchEvent(menuEvent);
		expect(menuEvent.defaultPrevented).toBe(true);
		expect(menus).toHaveLength(1);
		expect(positions).toEqual([{ x: 40, y: 70 }]);
		expect(titles(menus[0]!)).toEqual(["Open link", "Open in digest", "Open in digest in a new tab", "Copy Markdown link", "Copy URL", "Mark recommended", "Move to category…", "Show commentary", "Delete entry"]);
		expect(selectedTitles(h)).toEqual(["Multi-cluster setup in ten minutes"]);
		choose(menus[0]!, "Open in digest");
		expect(openAtLine).toHaveBeenCalledWith(h.host, OLD_PATH, 9, false);
		choose(menus[0]!, "Show commentary");
		expect(outline(h)).toContain("> commentary");
		choose(menus[0]!, "Open link");
		expect(windowOpen).toHaveBeenCalledWith("https://medium.com/x/multi-cluster");

		rowEl(h, "Career").dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true }));
		expect(titles(menus[1]!)).toEqual(["Collapse group"]);
		choose(menus[1]!, "Collapse group");
		expect(outline(h)).not.toContain("Interview stories");

		// The commentary keeps the browser's own menu (to copy its text).
		const inCommentary = new MouseEvent("contextmenu", { bubbles: true, cancelable: true });
		h.view.contentEl.querySelector(".digest-browser-commentary")!.dispatchEvent(inCommentary);
		expect(inCommentary.defaultPrevented).toBe(false);
		expect(menus).toHaveLength(2);

		// The menu key, on the list: the selected row's menu, under it.
		list(h).dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true }));
		expect(menus).toHaveLength(3);
		expect(titles(menus[2]!)).toEqual(["Expand group"]);
		// Shift+F10 and the Menu key open it from the keyboard; the contextmenu event the Menu key fires after opens no second one.
		press(list(h), "F10", { shiftKey: true });
		expect(menus).toHaveLength(4);
		press(list(h), "ContextMenu");
		list(h).dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true }));
		expect(menus).toHaveLength(5);
		// The row's "More actions" button opens the same menu.
		click(rowEl(h, "Operators from scratch").querySelector('[data-action="menu"]')!);
		expect(titles(menus[5]!)).toContain("Copy URL");
		expect(windowOpen).toHaveBeenCalledTimes(1);
	});

	it("opens the menu on a long press by finger, where the finger is, and takes its release for no tap", async () => {
		vi.useFakeTimers();
		const { menus, positions } = watchMenus();
		const h = await openView();
		const row = rowEl(h, "Interview stories");
		pointer(row, "pointerdown", { clientX: 30, clientY: 300 });
		vi.advanceTimersByTime(LONG_PRESS_MS - 1);
		expect(menus).toHaveLength(0);
		vi.advanceTimersByTime(1);
		expect(menus).toHaveLength(1);
		expect(positions).toEqual([{ x: 30, y: 300 }]);
		expect(selectedTitles(h)).toEqual(["Interview stories"]);
		// Some systems follow a long press with a contextmenu event: no second menu.
		const after = new MouseEvent("contextmenu", { bubbles: true, cancelable: true });
		row.dispatchEvent(after);
		expect(after.defaultPrevented).toBe(true);
		expect(menus).toHaveLength(1);
		pointer(row, "pointerup");
		click(row);
		expect(windowOpen).not.toHaveBeenCalled();
		choose(menus[0]!, "Open in digest");
		expect(openAtLine).toHaveBeenCalledWith(h.host, NEW_PATH, 15, false);

		// A finger that moves is scrolling: no menu.
		pointer(row, "pointerdown", { clientX: 30, clientY: 300 });
		pointer(row, "pointermove", { clientX: 30, clientY: 320 });
		vi.advanceTimersByTime(LONG_PRESS_MS * 2);
		expect(menus).toHaveLength(1);
		// Nor for a mouse held down.
		pointer(row, "pointerdown", { pointerType: "mouse" });
		vi.advanceTimersByTime(LONG_PRESS_MS * 2);
		expect(menus).toHaveLength(1);
	});
});
