// Drawing rows: an entry row's parts, and an expanded entry's commentary rendered by Obsidian's renderer.
import type { Component as ComponentType } from "obsidian";
import { MarkdownRenderer } from "obsidian-test-mocks/obsidian";
import { describe, expect, it, vi } from "vitest";
import { VIEW_TYPE_DIGEST_BROWSER } from "../../../src/plugin/view/browser-view";
import { choose, click, NEW_PATH, notices, OLD_TITLE, openView, outline, rowEl, useViewSpies, windowOpen } from "../support/digest-browser";

useViewSpies();

describe("the digest browser view", () => {
	it("shows an entry's number, title, source, star, tags and period, with its full title and URL as the row's tooltip", async () => {
		const h = await openView();
		const row = rowEl(h, "Two approaches to fleet management");
		expect(row.querySelector(".digest-browser-number")!.textContent).toBe("2.");
		expect(row.querySelector(".digest-browser-source")!.textContent).toBe("CNCF");
		// Grouped by category: the header says the category, the row does not.
		expect(row.querySelector(".digest-browser-category")!.textContent).toBe("");
		expect(row.querySelector(".digest-browser-star")!.getAttribute("aria-hidden")).toBe("true");
		expect(row.querySelector(".digest-browser-tags")!.textContent).toBe("#multicluster #kubernetes");
		expect(row.querySelector(".digest-browser-digest")!.textContent).toBe("01-09-2025 to 07-09-2025");
		expect(row.getAttribute("title")).toBe("CNCF - Two approaches to fleet management\nhttps://www.cncf.io/blog/fleet");
		// A row of a treegrid, named by its number, title and source, described by the rest.
		expect(row.getAttribute("role")).toBe("row");
		expect(row.getAttribute("aria-label")).toBe("2. Two approaches to fleet management, CNCF");
		const description = h.view.contentEl.ownerDocument.getElementById(row.getAttribute("aria-describedby")!)!;
		expect(description.textContent).toBe(`Recommended. Kubernetes in ${OLD_TITLE}. #multicluster #kubernetes`);
		expect(row.getAttribute("aria-keyshortcuts")).toContain("Shift+F10");
		// Every row has a star; styles.css shows it on recommended rows only (checked in Chromium).
		expect(row.hasClass("is-recommended")).toBe(true);
		expect(rowEl(h, "Operators from scratch").hasClass("is-recommended")).toBe(false);
		expect([...row.querySelectorAll("[data-action]")].map((b) => b.getAttribute("aria-label"))).toEqual(["Open in digest", "Copy Markdown link", "More actions"]);
		// The expand toggle only where there is commentary; the row says whether it is shown.
		const withCommentary = rowEl(h, "Multi-cluster setup in ten minutes");
		expect(withCommentary.querySelector('[data-action="expand"]')).not.toBeNull();
		expect(withCommentary.getAttribute("aria-expanded")).toBe("false");
		expect(row.querySelector('[data-action="expand"]')).toBeNull();
		expect(row.hasAttribute("aria-expanded")).toBe(false);
		// Grouped by digest, the period gives way to the category.
		choose(h, "Group by", "digest");
		const byDigest = rowEl(h, "Two approaches to fleet management");
		expect([byDigest.querySelector(".digest-browser-category")!.textContent, byDigest.querySelector(".digest-browser-digest")!.textContent]).toEqual(["Kubernetes", ""]);
	});

	it("renders an expanded entry's commentary with Obsidian's renderer, its links clickable and hoverable", async () => {
		const render = vi.spyOn(MarkdownRenderer, "render").mockImplementation(async (_app, _markdown, el) => {
			// As Obsidian renders a wiki-link; the mock renders nothing.
			el.createEl("a", { cls: "internal-link", text: "Cluster notes", attr: { "data-href": "Cluster notes", href: "Cluster notes" } });
			const tag = el.createEl("a", { cls: "tag", attr: { href: "#storage" } });
			tag.append("#", "storage");
			el.createEl("a", { cls: "external-link", text: "Sneaky link", attr: { href: "javascript:alert(2)" } });
			await Promise.resolve();
		});
		const h = await openView();
		click(rowEl(h, "Interview stories").querySelector('[data-action="expand"]')!);
		expect(outline(h).slice(5, 8)).toEqual(["## Career (3)", "Interview stories", "> commentary"]);
		expect(render).toHaveBeenCalledTimes(1);
		const [app, markdown, , sourcePath, component] = render.mock.calls[0]!;
		expect(app).toBe(h.host.app);
		expect([markdown, sourcePath]).toEqual(["- Read before [[Cluster notes]].", NEW_PATH]);
		// A component of its own, unloaded when the row leaves the DOM.
		expect(component === (h.view as unknown)).toBe(false);
		expect(typeof (component as unknown as ComponentType).unload).toBe("function");
		const entry = rowEl(h, "Interview stories");
		expect(entry.getAttribute("aria-expanded")).toBe("true");
		// The commentary: a region the entry row controls, in a child row of its own, its links out of the Tab order.
		const region = h.view.contentEl.querySelector<HTMLElement>(".digest-browser-commentary")!;
		expect(region.getAttribute("role")).toBe("region");
		expect(entry.getAttribute("aria-controls")).toBe(region.id);
		expect(region.closest(".digest-browser-row")!.getAttribute("aria-level")).toBe("3");
		await vi.waitFor(() => expect([...region.querySelectorAll("a")].map((a) => a.getAttribute("tabindex"))).toEqual(["-1", "-1", "-1"]));

		const openLink = vi.spyOn(h.app.workspace, "openLinkText").mockResolvedValue();
		const trigger = vi.spyOn(h.app.workspace, "trigger");
		const link = h.view.contentEl.querySelector<HTMLElement>(".digest-browser-commentary a.internal-link")!;
		click(link);
		expect(openLink).toHaveBeenCalledWith("Cluster notes", NEW_PATH, false);
		link.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
		// Field by field: matchers that walk the view would trip the mock's strict proxy.
		const hover = trigger.mock.calls.find(([name]) => name === "hover-link")?.[1] as Record<string, unknown>;
		expect(hover.hoverParent).toBe(h.view);
		expect(hover.targetEl).toBe(link);
		expect(hover.event).toBeInstanceOf(MouseEvent);
		expect([hover.source, hover.linktext, hover.sourcePath]).toEqual([VIEW_TYPE_DIGEST_BROWSER, "Cluster notes", NEW_PATH]);
		expect(windowOpen).not.toHaveBeenCalled();

		click(h.view.contentEl.querySelector(".digest-browser-commentary a.external-link")!);
		expect(windowOpen).not.toHaveBeenCalled();
		expect(notices.mock.calls.map(([m]) => m)).toEqual(['Not opened: "javascript:alert(2)" is not an http, https or obsidian link.']);

		// Collapsing again removes the panel.
		click(rowEl(h, "Interview stories").querySelector('[data-action="expand"]')!);
		expect(outline(h)).not.toContain("> commentary");

		// A tag in the commentary filters by it.
		click(rowEl(h, "Interview stories").querySelector('[data-action="expand"]')!);
		click(h.view.contentEl.querySelector(".digest-browser-commentary a.tag")!);
		expect(h.view.getState()).toMatchObject({ tag: "storage" });
		expect(outline(h)).toEqual(["## Data Engineer (1)", "A five-minute lakehouse"]);
	});
});
