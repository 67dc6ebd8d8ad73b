import { describe, expect, it } from "vitest";
import { recapKey, recapLines, recapPicks, recapRanges } from "../../../src/core/publish/recap";
import { fixtureDigests } from "./publish-fixture";

const FROM = { year: 2025, month: 12, day: 1 };
const TO = { year: 2026, month: 1, day: 31 };

describe("recap", () => {
	it("picks the recommended entries of the digests inside the range, drafts left out", () => {
		const picks = recapPicks(fixtureDigests(), FROM, TO);
		expect(picks.map((p) => p.entry.title)).toEqual(["Schedulers in depth", '<script>alert(1)</script> & "quotes"']);
	});

	it("leaves out a digest whose period reaches past the range", () => {
		expect(recapPicks(fixtureDigests(), FROM, { year: 2025, month: 12, day: 20 }).map((p) => p.entry.title)).toEqual(["Schedulers in depth"]);
	});

	it("groups by category with links back, and takes exclusions and new labels", () => {
		const picks = recapPicks(fixtureDigests(), FROM, TO);
		expect(recapLines(picks)).toEqual([
			"## Kubernetes",
			"",
			"- [Blog - Schedulers in depth](https://blog.example.org/schedulers) · from [[Weekly/2025/01-12-2025 to 14-12-2025#Kubernetes|Weekly Links: 01-12-2025 to 14-12-2025]]",
			"",
			"## Security",
			"",
			'- [Hostile - <script>alert(1)</script> & "quotes"](https://evil.example/x?a=1&b=2) · from [[Weekly/2025/15-12-2025 to 28-12-2025#Security|Weekly Links: 15-12-2025 to 28-12-2025]]',
		]);
		const first = picks[0]!;
		const lines = recapLines(picks, { exclude: new Set([recapKey(picks[1]!.digest, picks[1]!.entry)]), relabel: new Map([[first.key, "Platform"]]) });
		expect(lines.slice(0, 1)).toEqual(["## Platform"]);
		expect(lines).toHaveLength(3);
	});

	it("writes each pick in the template given, an empty value taken out with its separator", () => {
		const picks = recapPicks(fixtureDigests(), FROM, TO);
		const lines = recapLines(picks, { template: "- **{{title}}** ({{source}}) <{{url}}> — {{category}}, {{period}}, see {{digest}}" });
		expect(lines[2]).toBe("- **Schedulers in depth** (Blog) <https://blog.example.org/schedulers> — Kubernetes, 2025-12-14, see [[Weekly/2025/01-12-2025 to 14-12-2025#Kubernetes|Weekly Links: 01-12-2025 to 14-12-2025]]");
		const noSource = [{ ...picks[0]!, entry: { ...picks[0]!.entry, source: null } }];
		expect(recapLines(noSource, { template: "- {{title}} · {{source}}" })[2]).toBe("- Schedulers in depth");
		expect(recapLines(picks, { template: "  " })).toEqual(recapLines(picks));
	});

	it("links back to a nested category heading as Obsidian writes it, a # between the headings", () => {
		const picks = recapPicks(fixtureDigests(), FROM, TO);
		const nested = [{ ...picks[0]!, entry: { ...picks[0]!.entry, category: "Databases › HA & Scaling" } }];
		expect(recapLines(nested)[2]).toContain("[[Weekly/2025/01-12-2025 to 14-12-2025#Databases#HA & Scaling|Weekly Links: 01-12-2025 to 14-12-2025]]");
	});

	it("offers each year with digests, newest first, and its quarters that hold one; drafts count for nothing", () => {
		expect(recapRanges(fixtureDigests()).map((r) => [r.label, `${r.from.year}-${r.from.month}-${r.from.day}`, `${r.to.year}-${r.to.month}-${r.to.day}`])).toEqual([
			["2026", "2026-1-1", "2026-12-31"],
			["2026 Q1 (January to March)", "2026-1-1", "2026-3-31"],
			["2025", "2025-1-1", "2025-12-31"],
			["2025 Q4 (October to December)", "2025-10-1", "2025-12-31"],
		]);
		const draftOnly = fixtureDigests().filter((d) => d.draft);
		expect(draftOnly).toHaveLength(1);
		expect(recapRanges(draftOnly)).toEqual([]);
	});
});
