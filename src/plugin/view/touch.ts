import { Platform, type Component } from "obsidian";

/** Held this long without moving, a touch opens the row's menu. */
export const LONG_PRESS_MS = 500;
/** How far a finger may drift during a long press, in px, before it counts as scrolling. */
const LONG_PRESS_SLOP = 10;

/**
 * Whether the view is used by touch: on mobile, and wherever the primary pointer cannot hover (a
 * tablet's or phone's browser, a touch screen). Followed while the view is open: a tablet gets a
 * trackpad attached, say. `onChange` hears of each change.
 */
export function watchTouch(owner: Component, el: HTMLElement, onChange: (touch: boolean) => void): boolean {
	const noHover = el.win.matchMedia("(hover: none)");
	const touch = () => Platform.isMobile || noHover.matches;
	const listener = () => onChange(touch());
	noHover.addEventListener("change", listener);
	owner.register(() => noHover.removeEventListener("change", listener));
	return touch();
}

/**
 * Presses on an element: the pointer of the last one (a tap by finger selects where a click opens),
 * and long presses by finger or pen, which `onLongPress` answers (with true when it showed a menu).
 */
export class Presses {
	private pointerType = "";
	private timer: number | null = null;
	private startX = 0;
	private startY = 0;
	/** A pointer is down. */
	private pressing = false;
	/** The press going on opened a menu: a contextmenu event after it opens no second one. */
	private menuShown = false;
	/** The press that just ended opened a menu: the click its release makes is no tap. */
	private releasedMenu = false;

	constructor(
		owner: Component,
		private readonly el: HTMLElement,
		private readonly onLongPress: (evt: PointerEvent) => boolean,
	) {
		owner.registerDomEvent(el, "pointerdown", (evt) => this.down(evt));
		owner.registerDomEvent(el, "pointermove", (evt) => this.move(evt));
		owner.registerDomEvent(el, "pointerup", () => this.up());
		owner.registerDomEvent(el, "pointercancel", () => this.end());
		owner.registerDomEvent(el, "scroll", () => this.stopTimer());
		owner.register(() => this.stopTimer());
	}

	/** Whether the last press was by a finger: a pointer that cannot hover. */
	get byTouch(): boolean {
		return this.pointerType === "touch";
	}

	/** Whether the press going on opened a menu already (a long press did). */
	get menuOpen(): boolean {
		return this.menuShown;
	}

	/** A contextmenu event opened a menu: during a press (a long touch, on some systems), the long press is off. */
	contextMenuShown(): void {
		this.stopTimer();
		if (this.pressing) this.menuShown = true;
	}

	/** Whether a click is the release of a press that opened a menu, and so no tap; asked once per click. */
	clickAfterMenu(): boolean {
		const was = this.releasedMenu;
		this.releasedMenu = false;
		return was;
	}

	private down(evt: PointerEvent): void {
		this.stopTimer();
		this.pointerType = evt.pointerType;
		this.pressing = true;
		this.menuShown = false;
		this.releasedMenu = false;
		if (!evt.isPrimary || (evt.pointerType !== "touch" && evt.pointerType !== "pen")) return;
		this.startX = evt.clientX;
		this.startY = evt.clientY;
		this.timer = this.el.win.setTimeout(() => {
			this.timer = null;
			if (this.onLongPress(evt)) this.menuShown = true;
		}, LONG_PRESS_MS);
	}

	private move(evt: PointerEvent): void {
		if (this.timer === null) return;
		if (Math.abs(evt.clientX - this.startX) > LONG_PRESS_SLOP || Math.abs(evt.clientY - this.startY) > LONG_PRESS_SLOP) this.stopTimer();
	}

	private up(): void {
		this.releasedMenu = this.menuShown;
		this.end();
	}

	private end(): void {
		this.stopTimer();
		this.pressing = false;
		this.menuShown = false;
	}

	private stopTimer(): void {
		if (this.timer === null) return;
		this.el.win.clearTimeout(this.timer);
		this.timer = null;
	}
}
