import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { checkIndex } from "../../../src/core/check/check";
import { periodProblems } from "../../../src/core/check/period-check";
import { completeSeries } from "../../../src/core/format/series";
import { DigestIndex } from "../../../src/core/index/digest-index";

const SERIES = completeSeries({ name: "Weekly", tag: "weeklylinks" });

function index(titles: Record<string, string>): DigestIndex {
	const i = new DigestIndex({ parseYaml, series: [SERIES] });
	for (const [path, title] of Object.entries(titles)) {
		i.addFile(path);
		i.setNote(path, `---\ntitle: "${title}"\ntags: [weeklylinks]\n---\n# Kubernetes\n[1. Blog - X](https://example.com/${encodeURIComponent(path)})\n`);
	}
	return i;
}

describe("periodProblems", () => {
	it("says nothing of periods that follow each other day by day", () => {
		const i = index({ "a.md": "Weekly Links: 01-01-2026 to 14-01-2026", "b.md": "Weekly Links: 15-01-2026 to 28-01-2026" });
		expect(periodProblems(i.digests("Weekly"), SERIES)).toEqual([]);
	});

	it("reports an uncovered gap and an overlap (a typo in a title's date) on the later digest", () => {
		const i = index({
			"a.md": "Weekly Links: 01-01-2026 to 14-01-2026",
			"b.md": "Weekly Links: 20-01-2026 to 28-01-2026",
			"c.md": "Weekly Links: 27-01-2026 to 10-02-2026",
		});
		expect(periodProblems(i.digests("Weekly"), SERIES)).toEqual([
			{ code: "period-gap", severity: "info", path: "b.md", line: 1, message: 'No digest covers 5 days between "Weekly Links: 01-01-2026 to 14-01-2026" (ends 14-01-2026) and this one (starts 20-01-2026).' },
			{ code: "period-overlap", severity: "warning", path: "c.md", line: 1, message: 'This digest starts on 27-01-2026, before "Weekly Links: 20-01-2026 to 28-01-2026" ends on 28-01-2026.' },
		]);
		expect(checkIndex(i, ["c.md"]).map((p) => p.code)).toEqual(["period-overlap"]);
	});
});
