import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseInbox } from "../../../src/core/capture/inbox";
import { inboxRows, inboxSummary } from "../../../src/core/capture/inbox-list";
import { completeSeries } from "../../../src/core/format/series";
import { DigestIndex } from "../../../src/core/index/digest-index";

const SERIES = completeSeries({ name: "Weekly", tag: "weeklylinks" });

function history(): DigestIndex {
	const index = new DigestIndex({ parseYaml, series: [SERIES] });
	index.setNote(
		"W1.md",
		[
			"---",
			'title: "Weekly Links: 01-01-2026 to 07-01-2026"',
			"tags: [weeklylinks]",
			"---",
			"# Kubernetes",
			"[1. Medium - Operators](https://medium.com/a)",
			"[2. Medium - Controllers](https://medium.com/b)",
			"# Security",
			"[1. CNCF - Supply chain](https://www.cncf.io/s)",
			"",
		].join("\n"),
	);
	return index;
}

const INBOX = [
	"# Inbox",
	"- [Medium - Reconcilers](https://medium.com/r) #tools",
	"- https://www.cncf.io/s/",
	"- [Tuning](https://new.example.org/t) #category/Security",
	"  - worth a look",
	"- https://medium.com/r",
	"",
].join("\n");

describe("inboxRows", () => {
	const rows = inboxRows(history(), [{ series: "Weekly", path: "Digest inbox.md", items: parseInbox(INBOX).items }]);

	it("lists every captured line in the note's order, titled by its title or its address", () => {
		expect(rows.map((r) => r.label)).toEqual(["Reconcilers", "https://www.cncf.io/s/", "Tuning", "https://medium.com/r"]);
		expect(rows.map((r) => r.host)).toEqual(["medium.com", "cncf.io", "new.example.org", "medium.com"]);
		expect(rows.every((r) => r.inboxPath === "Digest inbox.md" && r.series === "Weekly")).toBe(true);
	});

	it("marks a link shared in a digest before, with where", () => {
		expect(rows.map((r) => r.sharedBefore.length)).toEqual([0, 1, 0, 0]);
		expect(rows[1]!.sharedBefore[0]).toEqual({ digestPath: "W1.md", digestTitle: "Weekly Links: 01-01-2026 to 07-01-2026", line: 9, category: "Security" });
	});

	it("takes the category from the line, else suggests the host's usual one", () => {
		expect(rows.map((r) => [r.category, r.categorySuggested])).toEqual([
			["Kubernetes", true],
			["Security", true],
			["Security", false],
			["Kubernetes", true],
		]);
	});

	it("gives the same link twice in one inbox two keys", () => {
		expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
		expect(rows[0]!.key).not.toBe(rows[3]!.key);
	});

	it("keeps only the rows holding every word of a search", () => {
		const found = inboxRows(history(), [{ series: "Weekly", path: "Digest inbox.md", items: parseInbox(INBOX).items }], "WORTH look");
		expect(found.map((r) => r.label)).toEqual(["Tuning"]);
		expect(inboxRows(history(), [{ series: "Weekly", path: "Digest inbox.md", items: parseInbox(INBOX).items }], "tools medium").map((r) => r.label)).toEqual(["Reconcilers"]);
	});

	it("sums up the rows and the shared ones", () => {
		expect(inboxSummary(rows)).toBe("4 links in the inbox, 1 shared before");
		expect(inboxSummary(rows.slice(0, 1))).toBe("1 link in the inbox");
	});
});
