import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { digestNote, read, run, saveSettings, snapshot, tempDir, useCli, write } from "./cli-harness";

useCli();

const DIGEST = "Weekly/26-01-2026 to 08-02-2026.md";
const INBOX = "Weekly/Digest inbox.md";

function inboxVault(inbox: string | null = null): string {
	const vault = tempDir();
	saveSettings(vault, [{ name: "Weekly", tag: "weeklylinks", folder: "Weekly", categories: ["Kubernetes", "AI & ML"] }]);
	write(vault, "Weekly/12-01-2026 to 25-01-2026.md", digestNote("Weekly Links: 12-01-2026 to 25-01-2026", [], [
		"# Kubernetes",
		"",
		"[1. Medium - Cluster upgrades](https://medium.com/@a/cluster-upgrades)",
		"",
		"[2. Medium - Node pools](https://medium.com/@b/node-pools)",
		"",
		"# AI & ML",
		"",
		"[1. Blog - Small models](https://blog.example/small-models)",
	]));
	write(vault, DIGEST, digestNote("Weekly Links: 26-01-2026 to 08-02-2026", ["draft: true"], ["# Kubernetes", "", "[1. CNCF - Fleet notes](https://www.cncf.io/fleet)", ""]));
	if (inbox !== null) write(vault, INBOX, inbox);
	return vault;
}

const INBOX_TEXT = [
	"# Inbox",
	"",
	"- [Medium - Scheduling at scale](https://medium.com/@c/scheduling) #ops",
	"\t- The part on bin packing.",
	"- https://medium.com/@b/node-pools?utm_source=x",
	"- [ ] [A talk on small models](https://video.example/talk) #category/AI-ML (Recommended)",
	"",
].join("\n");

interface InboxJson {
	inbox: string;
	items: {
		n: number;
		line: number;
		url: string;
		title: string | null;
		source: string | null;
		category: string | null;
		tags: string[];
		recommended: boolean;
		commentary: string[];
		sharedAt: { path: string; line: number; category: string; number: number | null }[];
		suggestions: { host: string | null; category: { value: string; count: number; of: number } | null; source: { value: string; count: number; of: number } | null };
	}[];
	problems: { line: number; message: string }[];
}

describe("inbox", () => {
	it("--json lists the inbox with links already shared and suggestions from the series' history", () => {
		const r = run(["inbox", inboxVault(INBOX_TEXT), "--json"]);
		expect(r.code, r.err).toBe(0);
		const json = JSON.parse(r.out) as InboxJson;
		expect(json.inbox).toBe(INBOX);
		expect(json.items.map((i) => [i.n, i.line, i.url, i.title, i.source, i.category, i.tags, i.recommended, i.commentary])).toEqual([
			[1, 3, "https://medium.com/@c/scheduling", "Scheduling at scale", "Medium", null, ["ops"], false, ["The part on bin packing."]],
			[2, 5, "https://medium.com/@b/node-pools?utm_source=x", null, null, null, [], false, []],
			[3, 6, "https://video.example/talk", "A talk on small models", null, "AI ML", [], true, []],
		]);
		expect(json.items[0]!.sharedAt).toEqual([]);
		// Tracking parameters do not count: the second is the link shared before.
		expect(json.items[1]!.sharedAt).toEqual([{ path: "Weekly/12-01-2026 to 25-01-2026.md", line: 10, category: "Kubernetes", number: 2 }]);
		expect(json.items[0]!.suggestions).toEqual({ host: "medium.com", category: { value: "Kubernetes", count: 2, of: 2 }, source: { value: "Medium", count: 2, of: 2 } });
		expect(json.items[2]!.suggestions).toEqual({ host: "video.example", category: null, source: null });
		expect(json.problems).toEqual([]);
	});

	it("prints the list numbered as add --from-inbox takes it", () => {
		const r = run(["inbox", inboxVault(INBOX_TEXT)]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe(
			[
				`${INBOX}: 3 links.`,
				"1. Medium - Scheduling at scale  https://medium.com/@c/scheduling  #ops",
				"   suggested: category Kubernetes (2 of 2 links from medium.com)",
				"2. (no title)  https://medium.com/@b/node-pools?utm_source=x",
				"   already shared at Weekly/12-01-2026 to 25-01-2026.md:10 (Kubernetes, number 2)",
				"   suggested: category Kubernetes (2 of 2 links from medium.com), source Medium (2 of 2)",
				"3. A talk on small models  https://video.example/talk  [AI ML] (Recommended)",
				"",
			].join("\n"),
		);
	});

	it("says where the inbox will be when there is none yet", () => {
		const r = run(["inbox", inboxVault()]);
		expect(r.code).toBe(0);
		expect(r.out).toBe(`${INBOX}: 0 links.\n`);
		expect(r.err).toBe(`digest-curator: ${INBOX} does not exist yet; "digest-curator inbox add VAULT --url U" starts it.\n`);
	});
});

describe("inbox add", () => {
	it("appends a captured link, starting the inbox when there is none, in the form the inbox reads back", () => {
		const vault = inboxVault();
		const r = run(["inbox", "add", vault, "--url", "example.com/post", "--title", "A post", "--source", "Blog", "--category", "AI & ML", "--tags", "llm, evals", "--recommended", "--comment", "First thought.", "--comment", "Second."]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe(`Added to ${INBOX} as item 1.\n`);
		expect(read(vault, INBOX)).toBe("- [Blog - A post](https://example.com/post) #category/AI-ML #recommended #llm #evals\n\t- First thought.\n\t- Second.\n");
		const second = run(["inbox", "add", vault, "--url", "https://www.cncf.io/fleet/"]);
		expect(second.code, second.err).toBe(0);
		expect(second.out).toBe(`Added to ${INBOX} as item 2.\n`);
		expect(second.err).toBe(`digest-curator: warning: https://www.cncf.io/fleet/ was already shared at ${DIGEST}:9.\n`);
		expect(read(vault, INBOX).endsWith("\t- Second.\n- https://www.cncf.io/fleet/\n")).toBe(true);
	});

	it("refuses a link already in the inbox without --allow-duplicate, and a bad request in one sentence, writing nothing", () => {
		const vault = inboxVault(INBOX_TEXT);
		const files = snapshot(vault);
		const dup = run(["inbox", "add", vault, "--url", "http://medium.com/@c/scheduling/#intro"]);
		expect(dup.code).toBe(1);
		expect(dup.err).toBe(`digest-curator: http://medium.com/@c/scheduling/#intro is already in the inbox as item 1 (${INBOX}:3); pass --allow-duplicate to add it again.\n`);
		for (const [args, message] of [
			[["--url", "javascript:alert(1)"], 'digest-curator inbox add: "javascript:alert(1)" is not a web link: give the full address, starting with https:// or http://.\n'],
			[[], "digest-curator inbox add: The link's URL is missing.\n"],
			[["--url", "https://example.com/x", "--category", "&&"], 'digest-curator: The category "&&" has no letters or digits, so it cannot be written as a #category/ tag.\n'],
		] as const) {
			const r = run(["inbox", "add", vault, ...args]);
			expect(r.code, args.join(" ")).toBeGreaterThan(0);
			expect(r.err).toBe(message);
		}
		expect(snapshot(vault)).toEqual(files);
		expect(run(["inbox", "add", vault, "--url", "http://medium.com/@c/scheduling/#intro", "--allow-duplicate"]).code).toBe(0);
	});
});

describe("add --from-inbox", () => {
	it("makes inbox item N an entry, its fields filling what the flags leave out, and takes it out of the inbox after", () => {
		const vault = inboxVault(INBOX_TEXT);
		// Its commentary would also become that of "Fleet notes", which has none: refused, inbox kept.
		const refused = run(["add", vault, "--from-inbox", "1", "--category", "Kubernetes"]);
		expect(refused.code).toBe(1);
		expect(read(vault, INBOX)).toBe(INBOX_TEXT);
		const r = run(["add", vault, "--from-inbox", "1", "--category", "Kubernetes", "--share-commentary"]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe(`Added to ${DIGEST}:11 (Kubernetes).\nTook item 1 out of ${INBOX}.\n`);
		expect(read(vault, DIGEST)).toContain("[1. CNCF - Fleet notes](https://www.cncf.io/fleet)\n\n[2. Medium - Scheduling at scale](https://medium.com/@c/scheduling) #ops\n\n- The part on bin packing.\n");
		expect(read(vault, INBOX)).toBe(["# Inbox", "", "- https://medium.com/@b/node-pools?utm_source=x", "- [ ] [A talk on small models](https://video.example/talk) #category/AI-ML (Recommended)", ""].join("\n"));
		// The inbox's "AI ML" is the series' "AI & ML"; the flag comes along.
		const talk = run(["add", vault, "--from-inbox", "2"]);
		expect(talk.code, talk.err).toBe(0);
		expect(read(vault, DIGEST)).toContain("# AI & ML\n\n[1. A talk on small models](https://video.example/talk) 🌟 **(Recommended)**\n");
		expect(read(vault, INBOX)).toBe("# Inbox\n\n- https://medium.com/@b/node-pools?utm_source=x\n");
	});

	it("leaves the inbox as it was when the add is refused", () => {
		const vault = inboxVault(INBOX_TEXT);
		const files = snapshot(vault);
		// Item 2 was shared before: refused without --allow-duplicate.
		const shared = run(["add", vault, "--from-inbox", "2", "--title", "Node pools", "--category", "Kubernetes"]);
		expect(shared.code).toBe(1);
		expect(shared.err).toMatch(/^digest-curator: https:\/\/medium\.com\/@b\/node-pools\?utm_source=x was already shared at Weekly\/12-01-2026 to 25-01-2026\.md:10 .*--allow-duplicate/);
		// What the item lacks and no flag gives is asked for, with what history suggests.
		const untitled = run(["add", vault, "--from-inbox", "2", "--category", "Kubernetes"]);
		expect(untitled.code).toBe(2);
		expect(untitled.err).toBe("digest-curator add: Inbox item 2 (https://medium.com/@b/node-pools?utm_source=x) has no title; give it with --title T.\n");
		const uncategorised = run(["add", vault, "--from-inbox", "1"]);
		expect(uncategorised.err).toBe('digest-curator add: Inbox item 1 (https://medium.com/@c/scheduling) has no category; give it with --category C (links like it usually go to "Kubernetes").\n');
		expect(run(["add", vault, "--from-inbox", "7", "--category", "Kubernetes"]).err).toBe(`digest-curator add: ${INBOX} has 3 links; there is no item 7.\n`);
		expect(run(["add", vault, "--from-inbox", "1", "--category", "Kubernetes", "--url", "https://other.example/"]).err).toBe("digest-curator add: --url https://other.example/ is not the link of inbox item 1 (https://medium.com/@c/scheduling); leave --url out to use it.\n");
		// A digest that refuses the edit (a malformed entry in it) refuses the move too.
		write(vault, DIGEST, `${read(vault, DIGEST)}[2. Broken](https://example.com/x\n`);
		const broken = snapshot(vault);
		const refused = run(["add", vault, "--from-inbox", "1", "--category", "Kubernetes"]);
		expect(refused.code).toBe(1);
		expect(snapshot(vault)).toEqual(broken);
		expect(Object.keys(broken)).toEqual(Object.keys(files));
		expect(read(vault, INBOX)).toBe(INBOX_TEXT);
	});

	it("reads the inbox note from the series' inboxNote setting", () => {
		const vault = inboxVault();
		saveSettings(vault, [{ name: "Weekly", tag: "weeklylinks", folder: "Weekly", inboxNote: "Capture/Links" }]);
		expect(run(["inbox", "add", vault, "--url", "https://example.com/a", "--title", "A"]).out).toBe("Added to Capture/Links.md as item 1.\n");
		expect(existsSync(join(vault, INBOX))).toBe(false);
		const moved = run(["add", vault, "--from-inbox", "1", "--category", "Kubernetes"]);
		expect(moved.code, moved.err).toBe(0);
		expect(read(vault, "Capture/Links.md")).toBe("");
	});
});
