import { parse as parseYaml } from "yaml";
import { completeSeries } from "../../../src/core/format/series";
import type { Digest } from "../../../src/core/format/types";
import { DigestIndex } from "../../../src/core/index/digest-index";
import { siteUrl, type FeedOptions } from "../../../src/core/publish/feeds";

export const SERIES = completeSeries({ name: "Weekly", tag: "weeklylinks", folder: "Weekly" });

function note(title: string, extra: string[], body: string[]): string {
	return ["---", `title: "${title}"`, "tags: [weeklylinks]", ...extra, "---", "", ...body, ""].join("\n");
}

/** A small series of our own: two digests in 2025, one in 2026, a draft, and hostile text in one. */
export const FILES: Record<string, string> = {
	"Weekly/2025/01-12-2025 to 14-12-2025.md": note("Weekly Links: 01-12-2025 to 14-12-2025", ["summary: Schedulers and **queues**"], [
		"# Kubernetes",
		"",
		"[1. Blog - Schedulers in depth](https://blog.example.org/schedulers) 🌟 **(Recommended)**",
		"",
		"- Read with [[Notes/Scheduling|my scheduling notes]] and **bin packing**.",
		"\t- Nested: `kubectl top` and a [doc](https://kubernetes.io/docs/).",
		"",
		"[2. CNCF - Queues](https://www.cncf.io/queues)",
		"# Data",
		"[1. Medium - Lakehouse](https://medium.com/lake)",
	]),
	"Weekly/2025/15-12-2025 to 28-12-2025.md": note("Weekly Links: 15-12-2025 to 28-12-2025", [], [
		"# Security",
		"",
		"[1. Hostile - <script>alert(1)</script> & \"quotes\"](https://evil.example/x?a=1&b=2) 🌟 **(Recommended)**",
		"",
		"- <img src=x onerror=alert(1)> [click](javascript:alert(1)) %% hidden note %% ]]> \u0007bell",
	]),
	"Weekly/2026/29-12-2025 to 11-01-2026.md": note("Weekly Links: 29-12-2025 to 11-01-2026", [], ["# Kubernetes", "", "[1. Blog - New year, new cluster](https://blog.example.org/new-year)"]),
	"Weekly/2026/12-01-2026 to 25-01-2026.md": note("Weekly Links: 12-01-2026 to 25-01-2026", ["draft: true"], ["# Kubernetes", "", "[1. Draft - Not yet](https://draft.example/x) 🌟 **(Recommended)**"]),
	"Notes/Scheduling.md": "# Scheduling\n",
};

export function fixtureIndex(): DigestIndex {
	const index = new DigestIndex({ parseYaml, series: [SERIES] });
	for (const [path, text] of Object.entries(FILES)) {
		index.addFile(path);
		index.setNote(path, text);
	}
	return index;
}

export function fixtureDigests(): Digest[] {
	return fixtureIndex().digests("Weekly");
}

/** Where the fixture's site is published. */
export const FEED_BASE = "https://links.example.com";

/** Feed options for the fixture: digests and wiki-links as pages of the site, resolved by `index`. */
export function fixtureFeedOptions(index: DigestIndex): FeedOptions {
	return {
		title: "Weekly & friends",
		siteUrl: `${FEED_BASE}/`,
		feedUrl: `${FEED_BASE}/weekly.xml`,
		digestUrl: (d) => siteUrl(FEED_BASE, d.path),
		wikiLinkUrl: (d) => (target) => {
			const resolved = index.resolveLink(target, d.path);
			return resolved ? siteUrl(FEED_BASE, resolved) : null;
		},
	};
}
