// The toolbar: search box, filters, grouping and mode buttons narrow and group the list.
import { describe, expect, it, vi } from "vitest";
import { openAtLine } from "../../../src/plugin/commands/digest-actions";
import { choose, click, emptyButtons, emptyEl, emptyText, modeButton, NEW_PATH, NEW_TITLE, OLD_TITLE, openFilters, openView, outline, rowEl, rowEls, summary, type, useViewSpies } from "../support/digest-browser";

vi.mock("../../../src/plugin/commands/digest-actions", async (importOriginal) => ({
	...(await importOriginal<typeof import("../../../src/plugin/commands/digest-actions")>()),
	openAtLine: vi.fn(() => Promise.resolve()),
}));

useViewSpies();

describe("the digest browser view", () => {
	it("narrows to the search and marks it in the titles", async () => {
		const h = await openView();
		type(h, "fleet");
		expect(outline(h)).toEqual(["## Career (1)", "Fleet management, again", "## Kubernetes (1)", "Two approaches to fleet management"]);
		expect([...rowEl(h, "Fleet management, again").querySelectorAll(".digest-browser-match")].map((m) => m.textContent)).toEqual(["Fleet"]);
		expect(summary(h)).toBe("2 entries");
		// Found through the commentary: listed, nothing marked.
		type(h, "practical");
		expect(outline(h)).toEqual(["## Kubernetes (1)", "Multi-cluster setup in ten minutes"]);
		expect(rowEls(h).flatMap((el) => [...el.querySelectorAll(".digest-browser-match")])).toEqual([]);
		type(h, "no such words");
		expect(rowEls(h)).toEqual([]);
		expect(emptyText(h)).toBe("No entries match the search and filters.");
		expect(emptyEl(h).hasClass("is-hidden")).toBe(false);
	});

	it("narrows to the chosen filters, with counts in the dropdowns", async () => {
		const h = await openView();
		const category = h.view.contentEl.querySelector<HTMLSelectElement>('select[aria-label="Category"]')!;
		// Counted only once the panel is opened.
		expect(category.options).toHaveLength(0);
		openFilters(h);
		expect([...category.options].map((o) => o.textContent)).toEqual(["All categories", "Career (3)", "Data Engineer (1)", "Kubernetes (4)"]);
		choose(h, "Category", "Career");
		expect(outline(h)).toEqual(["## Career (3)", "Interview stories", "Fleet management, again", "Open my note"]);
		choose(h, "Source", "Medium");
		expect(outline(h)).toEqual(["## Career (1)", "Interview stories"]);
		choose(h, "Category", "");
		choose(h, "Tag", "kubernetes");
		expect(outline(h)).toEqual(["## Kubernetes (2)", "Operators from scratch", "Multi-cluster setup in ten minutes"]);
		choose(h, "Source", "");
		const recommended = h.view.contentEl.querySelector<HTMLInputElement>('.digest-browser-check input[type="checkbox"]')!;
		recommended.checked = true;
		recommended.dispatchEvent(new Event("change"));
		expect(outline(h)).toEqual(["## Kubernetes (1)", "Two approaches to fleet management"]);
		expect(h.view.contentEl.querySelector(".digest-browser-filters summary")!.textContent).toBe("Filters (2)");
		const to = h.view.contentEl.querySelectorAll<HTMLInputElement>('input[type="date"]')[1]!;
		to.value = "2025-08-31";
		to.dispatchEvent(new Event("change"));
		expect(emptyText(h)).toBe("No entries match the search and filters.");
		expect(emptyButtons(h)).toEqual(["Clear filters"]);
		expect(h.view.getState()).toMatchObject({ tag: "kubernetes", recommendedOnly: true, to: "2025-08-31" });
	});

	it("groups by digest, source, tag or not at all", async () => {
		const h = await openView();
		choose(h, "Group by", "digest");
		expect(outline(h).filter((l) => l.startsWith("##"))).toEqual([`## ${NEW_TITLE} (5)`, `## ${OLD_TITLE} (3)`]);
		choose(h, "Group by", "tag");
		expect(outline(h).filter((l) => l.startsWith("##"))).toEqual(["## #kubernetes (3)", "## #multicluster (1)", "## #storage (1)", "## No tag (4)"]);
		choose(h, "Group by", "none");
		expect(outline(h)).toHaveLength(8);
	});

	it("lists shared links and problems in their modes", async () => {
		const h = await openView();
		click(modeButton(h, "Duplicates"));
		expect(outline(h)).toEqual(["## https://cncf.io/blog/fleet/ (2)", "Fleet management, again", "Two approaches to fleet management"]);
		expect(summary(h)).toBe("1 shared link, 2 entries");
		click(modeButton(h, "Problems"));
		expect(outline(h)[0]).toBe(`## ${NEW_TITLE} (1)`);
		expect(outline(h)).toContain("! duplicate-url");
		const problem = rowEls(h).find((el) => el.hasClass("digest-browser-problem"))!;
		click(problem);
		expect(openAtLine).toHaveBeenCalledWith(h.host, NEW_PATH, 19, false);
	});
});
