// Row actions: clicks on rows and their buttons, and the keyboard.
import { describe, expect, it, vi } from "vitest";
import { openAtLine } from "../../../src/plugin/commands/digest-actions";
import { digestNote } from "../support/host";
import { click, list, NEW_PATH, notices, OLD_PATH, openView, outline, press, rowEl, searchInput, selectedTitles, type, useViewSpies, windowOpen } from "../support/digest-browser";

vi.mock("../../../src/plugin/commands/digest-actions", async (importOriginal) => ({
	...(await importOriginal<typeof import("../../../src/plugin/commands/digest-actions")>()),
	openAtLine: vi.fn(() => Promise.resolve()),
}));

useViewSpies();

describe("the digest browser view", () => {
	it("collapses and expands a group on a click on its header", async () => {
		const h = await openView();
		click(rowEl(h, "Kubernetes"));
		expect(outline(h)).toEqual(["## Kubernetes (4)", "## Career (3)", "Interview stories", "Fleet management, again", "Open my note", "## Data Engineer (1)", "A five-minute lakehouse"]);
		const header = rowEl(h, "Kubernetes");
		expect(header.hasClass("is-collapsed")).toBe(true);
		expect(header.getAttribute("aria-expanded")).toBe("false");
		expect(h.view.getState()).toMatchObject({ collapsed: ["category:kubernetes"] });
		click(rowEl(h, "Kubernetes"));
		expect(outline(h)).toHaveLength(11);
		expect(h.view.getState()).toMatchObject({ collapsed: [] });
	});

	it("opens http(s) and obsidian URLs, and never a javascript: one", async () => {
		const h = await openView();
		click(rowEl(h, "Click me"));
		expect(windowOpen).not.toHaveBeenCalled();
		expect(notices.mock.calls.map(([m]) => m)).toEqual(['Not opened: "javascript:alert(1)" is not an http, https or obsidian link.']);
		click(rowEl(h, "Operators from scratch").querySelector(".digest-browser-title")!);
		expect(windowOpen).toHaveBeenCalledWith("https://medium.com/y/operators");
		click(rowEl(h, "Open my note"));
		expect(windowOpen).toHaveBeenLastCalledWith("obsidian://open?vault=x&file=y");
		expect(windowOpen).toHaveBeenCalledTimes(2);
	});

	it("opens an entry in its digest and copies its Markdown link from its buttons", async () => {
		const h = await openView();
		const writeText = vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue();
		const row = rowEl(h, "Two approaches to fleet management");
		click(row.querySelector('[data-action="open-in-digest"]')!);
		expect(openAtLine).toHaveBeenCalledWith(h.host, OLD_PATH, 13, false);
		click(row.querySelector('[data-action="copy"]')!);
		await vi.waitFor(() => expect(notices.mock.calls.map(([m]) => m)).toContain('Copied "Two approaches to fleet management" as a Markdown link.'));
		expect(writeText).toHaveBeenCalledWith("[CNCF - Two approaches to fleet management](https://www.cncf.io/blog/fleet)");
		expect(windowOpen).not.toHaveBeenCalled();
	});

	it("moves the selection with the arrow keys and opens the selected entry with Enter", async () => {
		const h = await openView();
		const l = list(h);
		press(l, "ArrowDown");
		expect(selectedTitles(h)).toEqual(["Kubernetes"]);
		press(l, "ArrowDown");
		press(l, "ArrowDown");
		expect(selectedTitles(h)).toEqual(["Click me"]);
		expect(rowEl(h, "Click me").hasClass("is-selected")).toBe(true);
		expect(l.getAttribute("aria-activedescendant")).toBe(rowEl(h, "Click me").id);
		press(l, "Enter");
		expect(windowOpen).not.toHaveBeenCalled();
		press(l, "ArrowUp");
		expect(selectedTitles(h)).toEqual(["Operators from scratch"]);
		press(l, "Enter");
		expect(windowOpen).toHaveBeenCalledWith("https://medium.com/y/operators");
		press(l, "Enter", { shiftKey: true });
		expect(openAtLine).toHaveBeenCalledWith(h.host, NEW_PATH, 9, false);
		// On a header, Enter collapses; the selection stays on it.
		press(l, "ArrowUp");
		press(l, "Enter");
		expect(outline(h)[1]).toBe("## Career (3)");
		expect(selectedTitles(h)).toEqual(["Kubernetes"]);
	});

	it("focuses the search on / and clears it on Escape", async () => {
		const h = await openView();
		type(h, "fleet");
		list(h).focus();
		press(list(h), "/");
		expect(document.activeElement).toBe(searchInput(h));
		press(list(h), "Escape");
		expect(searchInput(h).value).toBe("");
		expect(outline(h)).toHaveLength(11);
		type(h, "fleet");
		press(searchInput(h), "Escape");
		expect(h.view.getState()).toMatchObject({ search: "" });
	});
});

describe("the digest browser's rows, the way Obsidian's lists work", () => {
	it("opens in a new tab on a Ctrl/Cmd-click or a middle-click, and by Ctrl/Cmd+Enter", async () => {
		const h = await openView();
		const row = rowEl(h, "Two approaches to fleet management");
		click(row.querySelector('[data-action="open-in-digest"]')!, { ctrlKey: true });
		expect(openAtLine).toHaveBeenLastCalledWith(h.host, OLD_PATH, 13, "tab");
		row.querySelector('[data-action="open-in-digest"]')!.dispatchEvent(new MouseEvent("auxclick", { bubbles: true, cancelable: true, button: 1 }));
		expect(openAtLine).toHaveBeenCalledTimes(2);
		expect(openAtLine).toHaveBeenLastCalledWith(h.host, OLD_PATH, 13, "tab");
		// A middle-click on the row opens its link, which opens outside Obsidian anyway.
		row.querySelector(".digest-browser-title")!.dispatchEvent(new MouseEvent("auxclick", { bubbles: true, cancelable: true, button: 1 }));
		expect(windowOpen).toHaveBeenLastCalledWith("https://www.cncf.io/blog/fleet");
		press(list(h), "Enter", { ctrlKey: true });
		expect(openAtLine).toHaveBeenLastCalledWith(h.host, OLD_PATH, 13, "tab");
		press(list(h), "Enter", { ctrlKey: true, altKey: true });
		expect(openAtLine).toHaveBeenLastCalledWith(h.host, OLD_PATH, 13, "split");
	});

	it("copies the Markdown link or the URL by key, and leaves Ctrl+C to a text selection", async () => {
		const h = await openView();
		const writeText = vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue();
		click(rowEl(h, "Two approaches to fleet management"));
		press(list(h), "c", { ctrlKey: true });
		press(list(h), "C", { ctrlKey: true, shiftKey: true });
		await vi.waitFor(() => expect(writeText.mock.calls.map(([t]) => t)).toEqual(["[CNCF - Two approaches to fleet management](https://www.cncf.io/blog/fleet)", "https://www.cncf.io/blog/fleet"]));
		// A plain "c" is no shortcut.
		press(list(h), "c");
		expect(writeText).toHaveBeenCalledTimes(2);
	});

	it("drags an entry as its Markdown link, and its URL for other apps", async () => {
		const h = await openView();
		const row = rowEl(h, "Two approaches to fleet management");
		expect(row.getAttribute("draggable")).toBe("true");
		const data = new Map<string, string>();
		const evt = new MouseEvent("dragstart", { bubbles: true, cancelable: true }) as DragEvent;
		const dataTransfer = { setData: (type: string, value: string) => void data.set(type, value), effectAllowed: "" };
		Object.defineProperty(evt, "dataTransfer", { value: dataTransfer });
		row.dispatchEvent(evt);
		expect(Object.fromEntries(data)).toEqual({ "text/plain": "[CNCF - Two approaches to fleet management](https://www.cncf.io/blog/fleet)", "text/uri-list": "https://www.cncf.io/blog/fleet" });
		expect(dataTransfer.effectAllowed).toBe("copy");
		expect(evt.defaultPrevented).toBe(false);
	});

	it("moves the selection with Home, End, PageUp and PageDown, keeping the selected row drawn", async () => {
		const many = Array.from({ length: 500 }, (_, i) => `[${i + 1}. Source - Entry number ${i + 1}](https://example.com/${i + 1})`);
		const h = await openView({ [OLD_PATH]: digestNote("Weekly Links: 01-09-2025 to 07-09-2025", ["# Big", "", ...many]) });
		const l = list(h);
		press(l, "End");
		expect(selectedTitles(h)).toEqual(["Entry number 500"]);
		const active = () => h.view.contentEl.ownerDocument.getElementById(l.getAttribute("aria-activedescendant") ?? "");
		expect(active()?.getAttribute("aria-posinset")).toBe("500");
		expect(active()?.getAttribute("aria-setsize")).toBe("500");
		// Scrolled far away, the selected row stays in the DOM, where the active descendant points.
		l.scrollTop = 0;
		l.dispatchEvent(new Event("scroll"));
		expect(active()?.querySelector(".digest-browser-title")?.textContent).toBe("Entry number 500");
		press(l, "Home");
		expect(selectedTitles(h)).toEqual(["Big"]);
		expect(active()?.getAttribute("aria-level")).toBe("1");
		press(l, "PageDown");
		const afterPage = selectedTitles(h)[0]!;
		expect(afterPage).toMatch(/^Entry number \d+$/);
		press(l, "PageDown");
		expect(Number(selectedTitles(h)[0]!.split(" ").pop())).toBeGreaterThan(Number(afterPage.split(" ").pop()));
		press(l, "PageUp");
		expect(selectedTitles(h)).toEqual([afterPage]);
	});

	it("toggles recommended with R through the edit layer, in the note's file when it is not open", async () => {
		const h = await openView();
		const file = () => h.app.vault.read(h.app.vault.getFileByPath(OLD_PATH)!);
		click(rowEl(h, "Two approaches to fleet management"));
		press(list(h), "r");
		await vi.waitFor(async () => expect(await file()).toContain("[2. CNCF - Two approaches to fleet management](https://www.cncf.io/blog/fleet) #multicluster #kubernetes"));
		expect(notices.mock.calls.map(([m]) => m)).toContain('"Two approaches to fleet management" is no longer recommended.');
		// Only on entries: R on a header changes nothing.
		const before = await file();
		click(rowEl(h, "Kubernetes"));
		click(rowEl(h, "Kubernetes"));
		press(list(h), "r");
		await Promise.resolve();
		expect(await file()).toBe(before);
	});
});
