import { describe, expect, it } from "vitest";
import { browse } from "../../../src/core/browse/browse";
import { BrowserCache } from "../../../src/core/browse/browser-cache";
import { build, FILES, lineOf, READING, state, titles, W1 } from "./support/browse-fixtures";

describe("the cache", () => {
	it("reuses the selection while only collapsing or grouping changes, and recomputes when the index changes", () => {
		// Unfiltered, browsing reads the index's digests without a query; filtered, it runs one per change.
		const index = build();
		const cache = new BrowserCache();
		let queries = 0;
		// Every query goes through matchEach (query() itself does).
		const matchEach = index.matchEach.bind(index);
		index.matchEach = (q, each) => {
			queries++;
			matchEach(q, each);
		};
		const kube = { category: "Kubernetes" };
		browse(index, state(kube), { cache });
		browse(index, state({ ...kube, collapsed: ["category:kubernetes"] }), { cache });
		browse(index, state({ ...kube, groupBy: "tag", expanded: [`${W1}:${lineOf(W1, "Mesh")}`] }), { cache });
		expect(queries).toBe(1);
		browse(index, state({ ...kube, search: "fleet" }), { cache });
		expect(queries).toBe(2);
		index.setNote(READING, FILES[READING]!.replace("notes", "notes, updated"));
		expect(titles(browse(index, state({ ...kube, search: "fleet" }), { cache }).rows)).toContain("Fleet management notes, updated");
		expect(queries).toBe(3);
	});
});
