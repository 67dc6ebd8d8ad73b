// The virtual list: only the rows in view are in the DOM; elements, selection and scroll position hold through live updates.
import { MarkdownRenderer } from "obsidian-test-mocks/obsidian";
import { describe, expect, it, vi } from "vitest";
import { digestNote } from "../support/host";
import { click, FILES, list, NEW_PATH, OLD_PATH, OLD_TITLE, openView, outline, press, rowEl, rowEls, selectedTitles, useViewSpies } from "../support/digest-browser";

useViewSpies();

describe("the digest browser view", () => {
	it("renders only the rows in view, and the others as it scrolls", async () => {
		const many = Array.from({ length: 2000 }, (_, i) => `[${i + 1}. Source - Entry number ${i + 1}](https://example.com/${i + 1})`);
		const h = await openView({ "Digests/Weekly Links 01-09-2025 to 07-09-2025.md": digestNote(OLD_TITLE, ["# Big", "", ...many]) });
		expect(h.view.currentRows).toHaveLength(2001);
		const shown = rowEls(h).length;
		expect(shown).toBeGreaterThan(10);
		expect(shown).toBeLessThan(40);
		const entryHeight = parseFloat(rowEls(h).find((el) => el.hasClass("digest-browser-entry"))!.style.height);
		list(h).scrollTop = entryHeight * 1000;
		list(h).dispatchEvent(new Event("scroll"));
		const titles = outline(h);
		expect(titles).toContain("Entry number 1000");
		expect(titles).not.toContain("Entry number 1");
		expect(rowEls(h).length).toBeLessThan(40);
		// The selection follows the keyboard past what is rendered.
		for (let i = 0; i < 30; i++) press(list(h), "ArrowDown");
		expect(selectedTitles(h)).toHaveLength(1);
	});

	it("keeps expanded entries, the selection and the scroll position through live updates", async () => {
		vi.spyOn(MarkdownRenderer, "render").mockResolvedValue();
		const h = await openView();
		click(rowEl(h, "Multi-cluster setup in ten minutes").querySelector('[data-action="expand"]')!);
		list(h).scrollTop = 40;
		const untouched = rowEl(h, "Two approaches to fleet management");
		const header = rowEl(h, "Kubernetes");
		h.live.index.setNote(NEW_PATH, FILES[NEW_PATH]!.replace("Operators from scratch", "Operators, revised"));
		h.live.trigger("changed");
		expect(outline(h).slice(0, 6)).toEqual(["## Kubernetes (4)", "Operators, revised", "Click me", "Multi-cluster setup in ten minutes", "> commentary", "Two approaches to fleet management"]);
		expect(selectedTitles(h)).toEqual(["Multi-cluster setup in ten minutes"]);
		expect(list(h).scrollTop).toBe(40);
		expect(h.view.getState()).toMatchObject({ expanded: [`${OLD_PATH}:9`] });
		// Rows that show the same keep their elements.
		expect(rowEl(h, "Two approaches to fleet management")).toBe(untouched);
		expect(rowEl(h, "Kubernetes")).toBe(header);
	});
});
