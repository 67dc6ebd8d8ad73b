import { describe, expect, it } from "vitest";
import { completeSeries } from "../../../src/core/format/series";
import { runInbox } from "../../../src/plugin/commands/cli-handlers";
import { makeTestHost } from "../support/host";

const SERIES = completeSeries({ name: "Weekly links", tag: "weeklylinks", folder: "Digests" });
const DIGEST = "Digests/Weekly 01-09-2025 to 14-09-2025.md";
const INBOX = "Digests/Digest inbox.md";
const FILES: Record<string, string> = {
	[DIGEST]: ["---", 'title: "Weekly: 01-09-2025 to 14-09-2025"', "tags: [weeklylinks]", "---", "", "# Storage", "", "[1. Medium - Lakes](https://medium.example.com/lakes)", ""].join("\n"),
};

describe("digest-curator:inbox without a url", () => {
	it("says there is no inbox yet", async () => {
		const { host } = await makeTestHost(FILES, [SERIES]);
		expect(await runInbox(host, {})).toBe(`${INBOX} does not exist yet; digest-curator:inbox url=... starts it.`);
		expect(await runInbox(host, { series: "Monthly" })).toMatch(/^Error: No series is named "Monthly"/);
	});

	it("lists the inbox numbered, with where a link was shared and the category its host suggests", async () => {
		const inbox = ["# Inbox", "", "- [Blog - Tables](https://medium.example.com/tables) #data (Recommended)", "- https://www.medium.example.com/lakes", "- [Elsewhere](https://other.example.org/x) #category/Networking", "- [broken](", ""].join("\n");
		const { host } = await makeTestHost({ ...FILES, [INBOX]: inbox }, [SERIES]);
		const lines = (await runInbox(host, {})).split("\n");
		expect(lines.slice(0, 7)).toEqual([
			`${INBOX}: 3 links.`,
			"1. Blog - Tables  https://medium.example.com/tables  #data (Recommended)",
			"   suggested: category Storage",
			"2. (no title)  https://www.medium.example.com/lakes",
			`   already shared at ${DIGEST}:8 (Storage)`,
			"   suggested: category Storage",
			"3. Elsewhere  https://other.example.org/x  [Networking]",
		]);
		// The line that cannot be read is named, with the parser's reason.
		expect(lines.slice(7)).toHaveLength(1);
		expect(lines[7]).toMatch(/^Digests\/Digest inbox\.md:6: Line 6 /);
	});
});
