// Stats mode: SVG plots of the series over the core's figures, reachable by keyboard, with tables.
import { describe, expect, it } from "vitest";
import { click, list, modeButton, openFilters, openView, outline, press, rowEl, useViewSpies } from "../support/digest-browser";

useViewSpies();

describe("Stats mode", () => {
	it("draws the plots as SVG with a summary each, and a table of the same figures", async () => {
		const h = await openView();
		click(modeButton(h, "Stats"));
		const stats = h.view.contentEl.querySelector<HTMLElement>(".digest-stats")!;
		expect(stats.hasClass("is-hidden")).toBe(false);
		expect(list(h).hasClass("is-hidden")).toBe(true);
		expect(h.view.getState()).toMatchObject({ mode: "stats" });
		expect([...stats.querySelectorAll("figcaption")].map((f) => f.textContent)).toEqual(["Entries and recommended ones", "Recommended share", "Cadence", "Categories over time", "Top sources"]);
		const first = stats.querySelector<SVGSVGElement>("svg.digest-stats-svg")!;
		expect(first.getAttribute("aria-label")).toBe(
			"Entries and recommended ones. Entries per digest, 2 digests from 01-09-2025 to 07-09-2025 to 08-09-2025 to 14-09-2025: the first had 3 entries (1 recommended), the last 5 entries (0 recommended), the most 5. Use the arrow keys to read each value, Enter to list its entries.",
		);
		expect(first.querySelectorAll(".digest-stats-bar")).toHaveLength(2);
		const table = stats.querySelector("table")!;
		expect([...table.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((td) => td.textContent))).toEqual([
			["01-09-2025 to 07-09-2025", "3", "1"],
			["08-09-2025 to 14-09-2025", "5", "0"],
		]);
		expect(stats.textContent).toContain("Weekly links: 2 digests, 8 entries, 1 recommended.");
	});

	it("reads a mark's value out under the arrow keys, and Enter lists its entries", async () => {
		const h = await openView();
		click(modeButton(h, "Stats"));
		const stats = h.view.contentEl.querySelector<HTMLElement>(".digest-stats")!;
		const svg = stats.querySelector<SVGSVGElement>("svg.digest-stats-svg")!;
		press(svg, "ArrowRight");
		press(svg, "ArrowRight");
		expect(stats.querySelector(".digest-stats-readout")!.textContent).toBe("08-09-2025 to 14-09-2025: 5 entries, 0 recommended");
		press(svg, "Enter");
		expect(h.view.getState()).toMatchObject({ mode: "all", from: "2025-09-08", to: "2025-09-14" });
		expect(outline(h)).not.toContain("Multi-cluster setup in ten minutes");
		expect(outline(h)).toContain("Operators from scratch");
		expect(rowEl(h, "Operators from scratch")).toBeTruthy();
	});

	it("filters to a source from its bar", async () => {
		const h = await openView();
		click(modeButton(h, "Stats"));
		const svgs = h.view.contentEl.querySelectorAll<SVGSVGElement>(".digest-stats svg.digest-stats-svg");
		const sources = svgs[svgs.length - 1]!;
		press(sources, "Home");
		press(sources, "Enter");
		expect(h.view.getState()).toMatchObject({ mode: "all", source: "Medium" });
	});

	it("hides the search and the entry filters, keeping the series and dates", async () => {
		const h = await openView();
		click(modeButton(h, "Stats"));
		openFilters(h);
		expect(h.view.contentEl.querySelector(".digest-browser-search")!.hasClass("is-hidden")).toBe(true);
		expect(h.view.contentEl.querySelector('select[aria-label="Category"]')!.hasClass("is-hidden")).toBe(true);
		// The date fields take the series' format (DD-MM-YYYY here) or ISO.
		const to = h.view.contentEl.querySelectorAll<HTMLInputElement>(".digest-browser-date input")[1]!;
		to.value = "2025-09-07";
		to.dispatchEvent(new Event("change"));
		expect(h.view.contentEl.querySelector(".digest-stats")!.textContent).toContain("Weekly links: 1 digest, 3 entries, 1 recommended.");
	});
});

/** Callbacks a component and its children hold until they unload (the mock's own lists). */
function held(c: unknown): number {
	const k = c as { cleanups__: unknown[]; children__: unknown[] };
	return k.cleanups__.length + k.children__.reduce<number>((n, child) => n + held(child), 0);
}

describe("the names of the stats controls", () => {
	it("names the count select for what it picks, and each table toggle for its plot", async () => {
		const h = await openView();
		click(modeButton(h, "Stats"));
		const stats = h.view.contentEl.querySelector<HTMLElement>(".digest-stats")!;
		expect(stats.querySelector(".digest-stats-by")!.getAttribute("aria-label")).toBe("Count by");
		const toggles = [...stats.querySelectorAll(".digest-stats-table > summary")];
		// The visible word stays first in the name, as speech input users say it.
		expect(toggles.map((s) => s.textContent)).toEqual(["Table", "Table", "Table"]);
		expect(toggles.map((s) => s.getAttribute("aria-label"))).toEqual(["Table: Entries and recommended ones", "Table: Recommended share", "Table: Cadence"]);
	});
});

describe("redrawing the plots", () => {
	it("lets go of the listeners of the plots it throws away", async () => {
		const h = await openView();
		click(modeButton(h, "Stats"));
		const redraw = (by: string) => {
			const select = h.view.contentEl.querySelector<HTMLSelectElement>(".digest-stats-by")!;
			select.value = by;
			select.dispatchEvent(new Event("change"));
		};
		redraw("month");
		redraw("digest");
		const before = held(h.view);
		for (let i = 0; i < 5; i++) {
			redraw("month");
			redraw("digest");
		}
		expect(h.view.contentEl.querySelectorAll(".digest-stats svg.digest-stats-svg").length).toBeGreaterThan(0);
		expect(held(h.view)).toBe(before);
		// And the redrawn plots still answer.
		const svg = h.view.contentEl.querySelector<SVGSVGElement>(".digest-stats svg.digest-stats-svg")!;
		press(svg, "Home");
		expect(h.view.contentEl.querySelector(".digest-stats-readout")!.textContent).toBe("01-09-2025 to 07-09-2025: 3 entries, 1 recommended");
	});
});

describe("the stalled hint", () => {
	it("says above the list when the last digest ended more than twice the usual period ago", async () => {
		const h = await openView();
		const hint = h.view.contentEl.querySelector<HTMLElement>(".digest-browser-hint")!;
		// The fixtures' digests end in September 2025, each a week long.
		expect(hint.hasClass("is-hidden")).toBe(false);
		expect(hint.textContent).toMatch(/^Weekly links may have stalled: The last digest ended \d+ days ago; digests usually cover 7 days\.$/);
		click(modeButton(h, "Stats"));
		expect(h.view.contentEl.querySelector(".digest-stats-stalled")!.textContent).toMatch(/^The series may have stalled\. The last digest ended/);
	});
});

describe("link check results in the browser", () => {
	it("marks dead and moved links on the rows, and filters to the dead ones", async () => {
		const h = await openView();
		const results: Record<string, { status: "not-found" | "redirected"; checked: string; finalUrl?: string; permanent?: boolean }> = {
			"https://medium.com/y/operators": { status: "not-found", checked: "2025-09-20" },
			"https://example.com/lakehouse": { status: "redirected", checked: "2025-09-20", finalUrl: "https://example.com/lakehouse-2", permanent: true },
		};
		Object.assign(h.host.settings, { linkHealth: results });
		Object.assign(h.host, { linkHealth: { linkStatus: (u: string) => results[u] ?? null, problems: () => [], revision: 1 } });
		// The rows read the host's link health when the view opens.
		await h.view.onClose();
		await h.view.onOpen();
		const mark = (title: string) => rowEl(h, title).querySelector(".digest-browser-link-mark")!;
		expect(mark("Operators from scratch").textContent).toBe("Dead link");
		expect(mark("Operators from scratch").getAttribute("title")).toBe("Not found (HTTP 404) when checked on 2025-09-20");
		expect(mark("A five-minute lakehouse").textContent).toBe("Moved");
		expect(mark("Interview stories").textContent).toBe("");
		openFilters(h);
		const dead = h.view.contentEl.querySelector<HTMLInputElement>(".digest-browser-dead-links input")!;
		expect(dead.parentElement!.hasClass("is-hidden")).toBe(false);
		dead.checked = true;
		dead.dispatchEvent(new Event("change"));
		expect(outline(h)).toEqual(["## Kubernetes (1)", "Operators from scratch"]);
		expect(h.view.contentEl.querySelector(".digest-browser-filters summary")!.textContent).toBe("Filters (1)");
	});
});
