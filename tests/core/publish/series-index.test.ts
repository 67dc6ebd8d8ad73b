import { describe, expect, it } from "vitest";
import { fillTemplate, seriesIndexLines } from "../../../src/core/publish/series-index";
import { fixtureDigests, SERIES } from "./publish-fixture";

describe("series index", () => {
	it("lists every digest but drafts under its year, numbered in period order", () => {
		expect(seriesIndexLines(fixtureDigests(), SERIES)).toEqual([
			"## 2025",
			"",
			"1. [[Weekly/2025/01-12-2025 to 14-12-2025|Weekly Links: 01-12-2025 to 14-12-2025]] - 3 entries, 1 recommended - *Schedulers and **queues***",
			"2. [[Weekly/2025/15-12-2025 to 28-12-2025|Weekly Links: 15-12-2025 to 28-12-2025]] - 1 entries, 1 recommended",
			"",
			"## 2026",
			"",
			"3. [[Weekly/2026/29-12-2025 to 11-01-2026|Weekly Links: 29-12-2025 to 11-01-2026]] - 1 entries, 0 recommended",
		]);
	});

	it("fills a template of the user's own", () => {
		const lines = seriesIndexLines(fixtureDigests(), SERIES, { template: "- Session {{n}}: [[{{title}}|{{period}}]] ({{categories}})", headingLevel: 3 });
		expect(lines[0]).toBe("### 2025");
		expect(lines[2]).toBe("- Session 1: [[Weekly Links: 01-12-2025 to 14-12-2025|01-12-2025 to 14-12-2025]] (Kubernetes, Data)");
	});

	it("takes out an empty placeholder with its emphasis and separator", () => {
		expect(fillTemplate("{{n}}. {{link}} - *{{summary}}*", { n: "1", link: "L", summary: "" })).toBe("1. L");
		expect(fillTemplate("{{n}}. {{link}}: {{summary}}", { n: "1", link: "L", summary: "" })).toBe("1. L");
		expect(fillTemplate("{{n}}. {{link}} - *{{summary}}*", { n: "1", link: "L", summary: "S" })).toBe("1. L - *S*");
		// After a plain space, the space goes too: no line ends in white space.
		expect(fillTemplate("- {{link}} ({{categories}}) {{summary}}", { link: "L", categories: "A", summary: "" })).toBe("- L (A)");
		expect(fillTemplate("{{n}}. {{summary}} {{link}}", { n: "1", link: "L", summary: "" })).toBe("1. L");
	});
});
