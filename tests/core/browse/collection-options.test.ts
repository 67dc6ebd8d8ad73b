import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { browserOptions } from "../../../src/core/browse/browser-options";
import { completeSeries } from "../../../src/core/format/series";
import { DigestIndex } from "../../../src/core/index/digest-index";

describe("the browser's series filter", () => {
	it("offers digests and collections, a collection marked as one, and filters to a collection's entries", () => {
		const weekly = completeSeries({ name: "Weekly", tag: "", folder: "Weekly" });
		const lists = completeSeries({ name: "Lists", tag: "", folder: "Lists", entryStyle: "list", collection: true });
		const index = new DigestIndex({ parseYaml, series: [weekly, lists] });
		index.setNote("Weekly/Weekly Links 01-01-2026 to 07-01-2026.md", ["# Tools", "[1. A](https://a.example)"].join("\n"));
		index.setNote("Lists/Tools.md", ["# Tools", "- [B](https://b.example)", "- [C](https://c.example)"].join("\n"));
		expect(browserOptions(index).series).toEqual([{ value: "Weekly", count: 1 }, { value: "Lists", count: 2, collection: true }]);
		expect(index.query({ series: "Lists" }).map((ie) => ie.entry.title)).toEqual(["B", "C"]);
	});
});
