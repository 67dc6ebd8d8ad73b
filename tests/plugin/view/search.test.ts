// The search box's operators, the marks that show why a row matched, the help and the message under the box.
import { describe, expect, it } from "vitest";
import { choose, click, openView, outline, press, rowEl, searchInput, summary, type, useViewSpies } from "../support/digest-browser";

useViewSpies();

/** The highlighted texts of a row, by the part they are in. */
const marked = (row: HTMLElement) => [...row.querySelectorAll(".digest-browser-match")].map((m) => `${m.parentElement!.className.replace("digest-browser-", "")}:${m.textContent}`);

describe("the digest browser's search", () => {
	it("marks the matched words in the title, the source and the tags", async () => {
		const h = await openView();
		type(h, "cncf multicluster fleet");
		expect(outline(h)).toEqual(["## Kubernetes (1)", "Two approaches to fleet management"]);
		expect(marked(rowEl(h, "Two approaches to fleet management"))).toEqual(["title:fleet", "source:CNCF", "tags:multicluster"]);
		// Each mark is a span of its own; the texts read as before.
		const row = rowEl(h, "Two approaches to fleet management");
		expect(row.querySelector(".digest-browser-source")!.textContent).toBe("CNCF");
		expect(row.querySelector(".digest-browser-tags")!.textContent).toBe("#multicluster #kubernetes");
		// Cleared: no marks are left in the reused rows.
		type(h, "");
		expect(marked(rowEl(h, "Two approaches to fleet management"))).toEqual([]);
	});

	it("redraws only the parts of a row whose marks changed", async () => {
		const h = await openView();
		type(h, "fleet cncf");
		const titleMark = rowEl(h, "Two approaches to fleet management").querySelector(".digest-browser-title .digest-browser-match")!;
		type(h, "fleet cncf multicluster");
		const row = rowEl(h, "Two approaches to fleet management");
		expect(marked(row)).toEqual(["title:fleet", "source:CNCF", "tags:multicluster"]);
		// The title's marks are as they were: the same element.
		expect(row.querySelector(".digest-browser-title .digest-browser-match")).toBe(titleMark);
	});

	it("narrows by operators as by the filter menus, and both together", async () => {
		const h = await openView();
		type(h, "category:Kubernetes is:recommended fleet");
		expect(outline(h)).toEqual(["## Kubernetes (1)", "Two approaches to fleet management"]);
		expect(marked(rowEl(h, "Two approaches to fleet management"))).toEqual(["title:fleet"]);
		type(h, "source:medium -category:career");
		expect(outline(h)).toEqual(["## Kubernetes (2)", "Operators from scratch", "Multi-cluster setup in ten minutes"]);
		const typed = outline(h);
		type(h, "-category:career");
		choose(h, "Source", "Medium");
		expect(outline(h)).toEqual(typed);
		expect(summary(h)).toBe("2 entries");
	});

	it("shows a line of the commentary where the only match is, the word marked, in place of the digest's title", async () => {
		const h = await openView();
		type(h, "kubernetes cluster");
		const row = rowEl(h, "Multi-cluster setup in ten minutes");
		expect(row.hasClass("has-snippet")).toBe(false);
		type(h, "medium notes");
		const r = rowEl(h, "Multi-cluster setup in ten minutes");
		expect(r.hasClass("has-snippet")).toBe(true);
		// From a word's start a little before the match, so that it shows in a narrow sidebar.
		expect(r.querySelector(".digest-browser-snippet")!.textContent).toBe("…see Cluster notes.");
		expect(marked(r)).toEqual(["source:Medium", "snippet:notes"]);
		// The row reused for a match that needs none drops it.
		type(h, "medium");
		expect(rowEl(h, "Multi-cluster setup in ten minutes").querySelector(".digest-browser-snippet")).toBeNull();
	});

	it("says under the box what it could not use, and still filters by the rest", async () => {
		const h = await openView();
		type(h, "fleet before:notadate");
		expect(outline(h)).toEqual(["## Career (1)", "Fleet management, again", "## Kubernetes (1)", "Two approaches to fleet management"]);
		const message = h.view.contentEl.querySelector<HTMLElement>(".digest-browser-search-message")!;
		expect(message.textContent).toBe('"before:notadate" is not a date and filters nothing: write it as before:31-12-2025 or before:2025-12-31.');
		expect(message.hasClass("is-hidden")).toBe(false);
		expect(searchInput(h).getAttribute("aria-invalid")).toBe("true");
		expect(searchInput(h).getAttribute("aria-describedby")!.split(" ")).toContain(message.id);
		type(h, "fleet before:14-09-2025 after:08-09-2025");
		expect(outline(h)).toEqual(["## Career (1)", "Fleet management, again"]);
		expect(message.hasClass("is-hidden")).toBe(true);
		expect(searchInput(h).getAttribute("aria-invalid")).toBe("false");
	});

	it("lists the operators behind a ? button beside the box, and says them in the placeholder", async () => {
		const h = await openView();
		expect(searchInput(h).placeholder).toBe("Search, e.g. tag:k8s is:recommended");
		const button = h.view.contentEl.querySelector<HTMLButtonElement>(".digest-browser-search button.digest-browser-search-help-button")!;
		expect(button.getAttribute("aria-label")).toBe("Search operators");
		const help = h.view.contentEl.querySelector<HTMLElement>(`#${button.getAttribute("aria-controls")!}`)!;
		expect(help.hasClass("is-hidden")).toBe(true);
		// The box is described by the help, open or not.
		expect(searchInput(h).getAttribute("aria-describedby")!.split(" ")).toContain(help.id);
		click(button);
		expect(help.hasClass("is-hidden")).toBe(false);
		expect(button.getAttribute("aria-expanded")).toBe("true");
		expect([...help.querySelectorAll("code")].map((c) => c.textContent)).toEqual(['"exact phrase"', "-word", "category:Name", "source:Name", "tag:name", "digest:text", "is:recommended", "after:DD-MM-YYYY", "before:DD-MM-YYYY"]);
		press(button, "Escape");
		expect(help.hasClass("is-hidden")).toBe(true);
		expect(button.getAttribute("aria-expanded")).toBe("false");
	});
});
