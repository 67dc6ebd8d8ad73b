import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { read, run, tempDir, useCli, write } from "./cli-harness";

useCli();

function listVault(): string {
	const dir = tempDir();
	write(dir, "Lists/Databases.md", ["# Databases", "", "## HA", "", "- [video] [Failover demo](https://example.org/failover): a talk", "\t- nested [[Notes]]", "- [Replicas](https://example.org/replicas)", ""].join("\n"));
	return dir;
}

describe("the command line in the list style", () => {
	it("index --json reads list items as entries with their kinds, and heading paths as categories", () => {
		const dir = listVault();
		const r = run(["index", dir, "--json", "--folder", "Lists", "--entry-style", "list", "--collection", "--category-level", "2"]);
		expect(r.err).toBe("");
		const json = JSON.parse(r.out) as { digests: { period: unknown; categories: { name: string; entries: { title: string; kinds?: string[]; commentary: string }[] }[] }[] };
		const [d] = json.digests;
		expect(d!.period).toBeNull();
		expect(d!.categories.map((c) => c.name)).toEqual(["Databases", "Databases › HA"]);
		expect(d!.categories[1]!.entries).toMatchObject([{ title: "Failover demo", kinds: ["video"], commentary: "a talk\n- nested [[Notes]]" }, { title: "Replicas", kinds: [] }]);
	});

	it("add appends a list item to a collection note at the end of the category's list", () => {
		const dir = listVault();
		const r = run(["add", dir, "--folder", "Lists", "--entry-style", "list", "--collection", "--category-level", "2", "--digest", "Lists/Databases.md", "--category", "Databases › HA", "--url", "https://example.org/new", "--title", "A new one"]);
		expect(r.err).toBe("");
		expect(r.code).toBe(0);
		expect(read(dir, "Lists/Databases.md").split("\n").slice(4, 8)).toEqual(["- [video] [Failover demo](https://example.org/failover): a talk", "\t- nested [[Notes]]", "- [Replicas](https://example.org/replicas)", "- [A new one](https://example.org/new)"]);
	});

	it("publish feed refuses a collection, which has no periods, and recap takes its recommended links", () => {
		const dir = tempDir();
		write(dir, "Lists/Databases.md", ["# Databases", "", "## HA", "", "- [Failover demo](https://example.org/failover) 🌟 **(Recommended)**", "- [Replicas](https://example.org/replicas)", ""].join("\n"));
		const flags = ["--folder", "Lists", "--entry-style", "list", "--collection", "--category-level", "2"];
		const feed = run(["publish", "feed", dir, ...flags, "--base-url", "https://links.example.com", "--out", join(tempDir(), "feeds")]);
		expect(feed.code).not.toBe(0);
		expect(feed.err).toContain("is a collection, which has no periods and so no feed");
		const recap = run(["publish", "recap", dir, ...flags, "--from", "2026-01-01", "--to", "2026-01-31"]);
		expect(recap.err).toBe("");
		expect(recap.out).toContain("- [Failover demo](https://example.org/failover) · from [[Lists/Databases#Databases#HA|Databases]]");
	});

	it("refuses an entry style it does not know, in one sentence", () => {
		const r = run(["index", listVault(), "--folder", "Lists", "--entry-style", "bullets"]);
		expect(r.code).not.toBe(0);
		expect(r.err).toContain('--entry-style takes line or list, not "bullets".');
	});
});

describe("the command line and duplicates across collections", () => {
	const vaultWith = (cross: boolean | null): string => {
		const dir = tempDir();
		write(dir, "Lists/Tools.md", ["# Tools", "- [Shared tool](https://example.org/shared)"].join("\n"));
		write(dir, "Weekly/Weekly Links 01-01-2026 to 07-01-2026.md", ["---", "title: Weekly Links 01-01-2026 to 07-01-2026", "---", "# Tools", "[1. Shared tool](https://example.org/shared)"].join("\n"));
		const lists = { name: "Lists", tag: "", folder: "Lists", entryStyle: "list", collection: true };
		const weekly = { name: "Weekly", tag: "", folder: "Weekly" };
		write(dir, ".obsidian/plugins/digest-curator/data.json", JSON.stringify({ settingsVersion: 2, series: [weekly, lists], ...(cross === null ? {} : { crossSeriesDuplicates: cross }) }));
		return dir;
	};

	it("check counts a link in a digest and in a collection as a duplicate only with the saved setting on", () => {
		const off = run(["check", vaultWith(null), "--json"]);
		expect(off.out).not.toContain("duplicate-url");
		const on = run(["check", vaultWith(true), "--json"]);
		expect(on.out).toContain("duplicate-url");
	});
});
