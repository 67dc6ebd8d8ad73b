import { describe, expect, it } from "vitest";
import { BrowserCache } from "../../../src/core/browse/browser-cache";
import { browserOptions } from "../../../src/core/browse/browser-options";
import { build, T1 } from "./support/browse-fixtures";

describe("browserOptions", () => {
	it("lists series, categories, sources and tags (with their parents) with entry counts", () => {
		const index = build();
		const o = browserOptions(index);
		expect(o.series).toEqual([{ value: "Weekly", count: 8 }, { value: "Tech", count: 1 }]);
		expect(o.categories).toEqual([{ value: "Career", count: 2 }, { value: "Data", count: 2 }, { value: "Kubernetes", count: 5 }]);
		expect(o.sources).toEqual([{ value: "Alpha", count: 1 }, { value: "Blog", count: 3 }, { value: "CNCF", count: 1 }, { value: "Medium", count: 3 }]);
		// k8s, K8s and the parent of k8s/mesh are one tag, under its commonest spelling.
		expect(o.tags).toEqual([
			{ value: "Fleet", count: 1 },
			{ value: "k8s", count: 3 },
			{ value: "k8s/mesh", count: 1 },
			{ value: "mesh", count: 1 },
			{ value: "storage", count: 1 },
			{ value: "storage/lake", count: 1 },
			{ value: "streaming", count: 1 },
		]);
		const tech = browserOptions(index, "Tech");
		expect([tech.categories, tech.sources, tech.tags]).toEqual([[{ value: "Data", count: 1 }], [{ value: "Blog", count: 1 }], [{ value: "streaming", count: 1 }]]);
	});

	it("counts what each filter keeps", () => {
		const index = build();
		const o = browserOptions(index);
		for (const c of o.categories) expect(index.query({ category: c.value })).toHaveLength(c.count);
		for (const s of o.sources) expect(index.query({ source: s.value })).toHaveLength(s.count);
		for (const t of o.tags) expect(index.query({ tag: t.value })).toHaveLength(t.count);
	});

	it("is recomputed when the index changes", () => {
		const index = build();
		const cache = new BrowserCache();
		const before = browserOptions(index, undefined, cache);
		expect(browserOptions(index, undefined, cache)).toBe(before);
		index.removeNote(T1);
		expect(browserOptions(index, undefined, cache).series).toEqual([{ value: "Weekly", count: 8 }, { value: "Tech", count: 0 }]);
	});
});
