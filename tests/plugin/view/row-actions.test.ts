// Row actions: clicks on rows and their buttons, and the keyboard.
import { describe, expect, it, vi } from "vitest";
import { openAtLine } from "../../../src/plugin/commands/digest-actions";
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

	it("opens an entry in its digest and copies it as Markdown from its buttons", async () => {
		const h = await openView();
		const writeText = vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue();
		const row = rowEl(h, "Two approaches to fleet management");
		click(row.querySelector('[data-action="open-in-digest"]')!);
		expect(openAtLine).toHaveBeenCalledWith(h.host, OLD_PATH, 13);
		click(row.querySelector('[data-action="copy"]')!);
		await vi.waitFor(() => expect(notices.mock.calls.map(([m]) => m)).toContain('Copied "Two approaches to fleet management" as Markdown.'));
		expect(writeText).toHaveBeenCalledWith("[2. CNCF - Two approaches to fleet management](https://www.cncf.io/blog/fleet) 🌟 **(Recommended)** #multicluster #kubernetes");
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
		expect(openAtLine).toHaveBeenCalledWith(h.host, NEW_PATH, 9);
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
