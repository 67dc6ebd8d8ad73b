import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { suggestCollectionTargets } from "../../../src/core/capture/suggest";
import { completeSeries } from "../../../src/core/format/series";
import { DigestIndex } from "../../../src/core/index/digest-index";

describe("suggestCollectionTargets", () => {
	it("offers the collection notes and headings where links from the host were kept, then the other collection notes, never digests", () => {
		const lists = completeSeries({ name: "Lists", tag: "", folder: "Lists", entryStyle: "list", collection: true, categoryLevel: 2 });
		const weekly = completeSeries({ name: "Weekly", tag: "", folder: "Weekly" });
		const index = new DigestIndex({ parseYaml, series: [weekly, lists] });
		index.setNote("Weekly/Weekly Links 01-01-2026 to 07-01-2026.md", ["# Tools", "[1. A](https://git.example/a)", "[2. B](https://git.example/b)"].join("\n"));
		index.setNote("Lists/Databases.md", ["# Databases", "## HA", "- [C](https://git.example/c)", "## Tools", "- [D](https://git.example/d)", "- [E](https://git.example/e)"].join("\n"));
		index.setNote("Lists/Linux.md", ["# Linux", "- [F](https://other.example/f)"].join("\n"));
		expect(suggestCollectionTargets(index, "https://www.git.example/new")).toEqual([
			{ path: "Lists/Databases.md", category: "Databases › Tools", count: 2, of: 3 },
			{ path: "Lists/Databases.md", category: "Databases › HA", count: 1, of: 3 },
			{ path: "Lists/Linux.md", category: "Linux", count: 0, of: 3 },
		]);
	});
});
