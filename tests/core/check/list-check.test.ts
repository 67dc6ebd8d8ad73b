import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { checkIndex } from "../../../src/core/check/check";
import { completeSeries } from "../../../src/core/format/series";
import { DigestIndex } from "../../../src/core/index/digest-index";

const links = completeSeries({ name: "Links", tag: "", folder: "Lists", entryStyle: "list", collection: true, categoryLevel: 2 });
const weekly = completeSeries({ name: "Weekly", tag: "", folder: "Weekly" });

function vault(cross = false): DigestIndex {
	const index = new DigestIndex({ parseYaml, series: [weekly, links], crossSeriesDuplicates: cross });
	index.setNote("Weekly/Weekly Links 01-01-2026 to 07-01-2026.md", ["---", "title: Weekly Links 01-01-2026 to 07-01-2026", "---", "# Tools", "[1. A shared tool](https://example.org/shared)"].join("\n"));
	index.setNote("Lists/Databases.md", [
		"# Databases",
		"## Ordered",
		"1. [One](https://example.org/1)",
		"3. [Three](https://example.org/3)",
		"## Bullets",
		"- [Kept twice](https://example.org/twice)",
		"- [The shared tool](https://example.org/shared)",
		"- [Kept twice again](https://www.example.org/twice/)",
		"- [Broken](https://example.org/broken",
	].join("\n"));
	return index;
}

describe("check in the list style", () => {
	it("reports numbering of ordered items, incomplete links and duplicates inside the collection, and no unnumbered or parent-heading notes", () => {
		const problems = checkIndex(vault()).filter((p) => p.path === "Lists/Databases.md");
		expect(problems.map((p) => [p.code, p.line])).toEqual([
			["numbering", 4],
			["duplicate-url", 6],
			["duplicate-url", 8],
			["malformed-entry", 9],
		]);
	});

	it("counts a link in a digest and in a collection as a duplicate only when asked", () => {
		const off = checkIndex(vault(false)).filter((p) => p.code === "duplicate-url" && p.message.includes("shared tool"));
		expect(off).toEqual([]);
		const index = vault(false);
		index.crossSeriesDuplicates = true;
		const on = checkIndex(index).filter((p) => p.code === "duplicate-url" && /shared tool/i.test(p.message));
		expect(on.map((p) => p.path)).toEqual(["Lists/Databases.md", "Weekly/Weekly Links 01-01-2026 to 07-01-2026.md"]);
	});
});
