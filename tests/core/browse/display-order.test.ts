import { describe, expect, it } from "vitest";
import { build, digest, entries, READING, rowsOf, T1, titles, W1, W2 } from "./support/browse-fixtures";

describe("display order", () => {
	it("lists newest digest first, document order within, undated digests last", () => {
		const rows = rowsOf(build(), { groupBy: "none" });
		expect(rows.every((r) => r.kind === "entry")).toBe(true);
		expect(entries(rows).map((r) => r.entry.digest.path)).toEqual([T1, W2, W2, W2, W2, W1, W1, W1, READING]);
		expect(titles(rows).slice(1, 5)).toEqual(["Fleet management, again", "Kubernetes operators", "Interview stories", "javascript trick"]);
	});

	it("lists digests starting the same day by path, and after the newer ones", () => {
		const index = build();
		const same = digest("Weekly Links: 08-01-2025 to 10-01-2025", ["# Data", "[1. Blog - Same day](https://same.example/a)"]);
		index.setNote("Digests/a-same.md", same);
		index.setNote("Digests/z-same.md", same);
		const paths = entries(rowsOf(index, { groupBy: "none" })).map((r) => r.entry.digest.path);
		expect([...new Set(paths)]).toEqual([T1, "Digests/a-same.md", W2, "Digests/z-same.md", W1, READING]);
	});
});
