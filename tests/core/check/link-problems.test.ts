import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { linkProblems } from "../../../src/core/check/link-problems";
import type { SavedLinkHealth } from "../../../src/core/format/saved-settings";
import { completeSeries } from "../../../src/core/format/series";
import { DigestIndex } from "../../../src/core/index/digest-index";

const PATH = "Weekly 01-09-2025 to 14-09-2025.md";
const NOTE = ["---", 'title: "Weekly: 01-09-2025 to 14-09-2025"', "tags: [weeklylinks]", "---", "# Tools", "", "[1. A - Dead](https://a.example/dead)", "", "[2. B - Moved](https://b.example/old)", "", "[3. C - Fine](https://c.example/ok)", ""].join("\n");

function index(): DigestIndex {
	const i = new DigestIndex({ parseYaml: parse, series: [completeSeries({ name: "W", tag: "weeklylinks" })] });
	i.addFile(PATH);
	i.setNote(PATH, NOTE);
	return i;
}

describe("linkProblems", () => {
	it("reports dead and redirected links from saved results, and nothing for the rest", () => {
		const health: Record<string, SavedLinkHealth> = {
			"https://a.example/dead": { status: "gone", checked: "2025-10-01", httpStatus: 410 },
			"https://b.example/old": { status: "redirected", checked: "2025-10-01", finalUrl: "https://b.example/new", permanent: true },
			"https://c.example/ok": { status: "ok", checked: "2025-10-01" },
		};
		expect(linkProblems(index(), (u) => health[u])).toEqual([
			{ code: "link-dead", severity: "warning", path: PATH, line: 7, message: 'The link of "Dead" in "Tools" is gone (HTTP 410) when checked on 2025-10-01.' },
			{ code: "link-redirected", severity: "info", path: PATH, line: 9, message: 'The link of "Moved" in "Tools" moved for good to https://b.example/new (checked on 2025-10-01).' },
		]);
		expect(linkProblems(index(), () => null)).toEqual([]);
		expect(linkProblems(index(), (u) => health[u], ["Other.md"])).toEqual([]);
	});
});
