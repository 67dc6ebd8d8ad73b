import type { Setting } from "obsidian";

let nextId = 0;

/** The element's id, given one first if it has none (ids for aria-labelledby/-describedby). */
export function idOf(el: HTMLElement, part: string): string {
	if (el.id === "") el.id = `digest-curator-${part}-${++nextId}`;
	return el.id;
}

/**
 * Names a setting's control by the setting's name and describes it by the setting's description
 * and any `more` elements (its error message, a status line), so that a screen reader announces
 * "Title, edit text, …" instead of a bare "edit text". A toggle's switch is `control` too: in
 * Obsidian it is a container holding a checkbox, and both are named.
 */
export function nameControl(setting: Setting, control: HTMLElement, more: readonly HTMLElement[] = []): void {
	const targets = [control, ...Array.from(control.querySelectorAll<HTMLElement>("input"))];
	const hasName = (setting.nameEl.textContent ?? "").trim() !== "";
	const described = [...((setting.descEl.textContent ?? "").trim() !== "" ? [setting.descEl] : []), ...more];
	for (const el of targets) {
		if (hasName) el.setAttr("aria-labelledby", idOf(setting.nameEl, "name"));
		if (described.length > 0) el.setAttr("aria-describedby", described.map((d) => idOf(d, "desc")).join(" "));
	}
}

/** Adds (or, with `on` false, removes) one element to what describes `control`: its error while it shows. */
export function describeBy(control: HTMLElement, el: HTMLElement, on: boolean): void {
	const id = idOf(el, "desc");
	const ids = (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((x) => x !== "" && x !== id);
	if (on) ids.push(id);
	if (ids.length > 0) control.setAttr("aria-describedby", ids.join(" "));
	else control.removeAttribute("aria-describedby");
}
