import { describe, expect, it } from "vitest";
import { browse } from "../../../src/core/browse/browse";
import { build, entries, lineOf, outline, rowsOf, state, W1 } from "./support/browse-fixtures";

describe("browse: all entries", () => {
	it("groups by category in the order first met, newest digest first, with counts", () => {
		const result = browse(build(), state());
		expect(result.matched).toBe(9);
		expect(outline(result.rows)).toEqual([
			"## Data (2)",
			"Streaming joins explained",
			"Lakehouse in an afternoon",
			"## Kubernetes (5)",
			"Fleet management, again",
			"Kubernetes operators",
			"Fleet management at scale",
			"Mesh basics",
			"Fleet management notes",
			"## Career (2)",
			"Interview stories",
			"javascript trick",
		]);
	});

	it("collapses groups: the header keeps its count, its entries are left out", () => {
		const index = build();
		const rows = rowsOf(index, { collapsed: ["category:kubernetes", "category:nothing"] });
		expect(outline(rows)).toEqual(["## Data (2)", "Streaming joins explained", "Lakehouse in an afternoon", "## Kubernetes (5) collapsed", "## Career (2)", "Interview stories", "javascript trick"]);
		const tagRows = rowsOf(index, { groupBy: "tag", collapsed: ["tag:"] });
		expect(outline(tagRows).at(-1)).toBe("## No tag (4) collapsed");
	});

	it("follows an expanded entry with its commentary; entries without commentary have none", () => {
		const index = build();
		const lake = `${W1}:${lineOf(W1, "Lakehouse")}`;
		const mesh = `${W1}:${lineOf(W1, "Mesh basics")}`;
		const rows = rowsOf(index, { expanded: [lake, mesh, "Gone.md:3", "no line"], groupBy: "none" });
		expect(outline(rows).slice(5, 9)).toEqual(["Fleet management at scale", "Mesh basics", "Lakehouse in an afternoon", "> Lakehouse in an afternoon"]);
		const row = entries(rows).find((r) => r.entryKey === lake)!;
		expect(row.expanded).toBe(true);
		expect(entries(rows).find((r) => r.entryKey === mesh)!.expanded).toBe(true);
		const detail = rows.find((r) => r.kind === "detail")!;
		expect(detail.key).toBe(`${lake}::detail`);
	});
});
