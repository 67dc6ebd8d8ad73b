import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { jsonFeed, rfc822, rssFeed, siteUrl, xmlText, type FeedOptions } from "../../../src/core/publish/feeds";
import { linkTarget } from "../../../src/core/publish/series-index";
import { FEED_BASE, fixtureDigests, fixtureFeedOptions, fixtureIndex } from "./publish-fixture";

const BASE = FEED_BASE;
const OPTIONS: FeedOptions = fixtureFeedOptions(fixtureIndex());

/** Parses XML strictly: any warning or error fails the test. */
function parseXml(xml: string): Document {
	const problems: string[] = [];
	const doc = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(xml, "text/xml");
	expect(problems).toEqual([]);
	return doc as unknown as Document;
}

function text(el: Element, tag: string): string {
	return el.getElementsByTagName(tag)[0]?.textContent ?? "";
}

describe("feeds", () => {
	it("writes a valid RSS 2.0 feed: an item per digest, newest first, dates from the period's end, drafts left out", () => {
		const doc = parseXml(rssFeed(fixtureDigests(), OPTIONS));
		const channel = doc.getElementsByTagName("channel")[0]!;
		expect(text(channel, "title")).toBe("Weekly & friends");
		const items = [...(doc.getElementsByTagName("item") as unknown as Element[])];
		expect(items.map((i) => text(i, "title"))).toEqual(["Weekly Links: 29-12-2025 to 11-01-2026", "Weekly Links: 15-12-2025 to 28-12-2025", "Weekly Links: 01-12-2025 to 14-12-2025"]);
		expect(items.map((i) => text(i, "pubDate"))).toEqual(["Sun, 11 Jan 2026 00:00:00 GMT", "Sun, 28 Dec 2025 00:00:00 GMT", "Sun, 14 Dec 2025 00:00:00 GMT"]);
		expect(text(items[2]!, "guid")).toBe(`${BASE}/Weekly/2025/01-12-2025-to-14-12-2025`);
	});

	it("carries the whole digest with commentary, wiki-links turned into site URLs", () => {
		const doc = parseXml(rssFeed(fixtureDigests(), OPTIONS));
		const oldest = [...(doc.getElementsByTagName("item") as unknown as Element[])][2]!;
		const html = text(oldest, "description");
		expect(html).toContain("<h2>Kubernetes</h2>");
		expect(html).toContain('<p>1. <span>Blog</span> – <a href="https://blog.example.org/schedulers">Schedulers in depth</a> <span title="Recommended">★ Recommended</span></p>');
		expect(html).toContain(`<li>Read with <a href="${BASE}/Notes/Scheduling">my scheduling notes</a> and <strong>bin packing</strong>.<ul><li>Nested: <code>kubectl top</code> and a <a href="https://kubernetes.io/docs/">doc</a>.</li></ul></li>`);
	});

	it("escapes hostile titles and commentary so they never become markup, and drops what XML cannot hold", () => {
		const rss = rssFeed(fixtureDigests(), { ...OPTIONS, recommendedItems: true });
		const doc = parseXml(rss);
		const items = [...(doc.getElementsByTagName("item") as unknown as Element[])];
		const hostile = items.find((i) => text(i, "title").startsWith("Hostile"))!;
		expect(text(hostile, "title")).toBe('Hostile - <script>alert(1)</script> & "quotes"');
		const html = text(hostile, "description");
		expect(html).not.toMatch(/<script|<img|javascript:/i);
		expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;");
		expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; click");
		expect(html).not.toContain("hidden note");
		expect(rss).not.toContain("\u0007");
	});

	it("drops the same control characters from the JSON feed's titles and HTML as from the RSS feed", () => {
		const feed = JSON.parse(jsonFeed(fixtureDigests(), { ...OPTIONS, recommendedItems: true })) as { items: { title: string; content_html: string }[] };
		const hostile = feed.items.find((i) => i.title.startsWith("Hostile"))!;
		expect(hostile).toBeDefined();
		for (const item of feed.items) {
			expect(item.title).not.toContain("\u0007");
			expect(item.content_html).not.toContain("\u0007");
		}
	});

	it("gives a recommended entry an item of its own whose id stays when entries above it move", () => {
		const items = JSON.parse(jsonFeed(fixtureDigests(), { ...OPTIONS, recommendedItems: true })) as { items: { id: string; url: string }[] };
		const entry = items.items.find((i) => i.url === "https://blog.example.org/schedulers")!;
		expect(entry.id).toMatch(new RegExp(`^${BASE}/Weekly/2025/01-12-2025-to-14-12-2025#entry-[0-9a-f]{8}$`));
		const moved = fixtureDigests();
		const digest = moved.find((d) => d.path.includes("01-12-2025"))!;
		digest.categories.reverse();
		const again = JSON.parse(jsonFeed(moved, { ...OPTIONS, recommendedItems: true })) as { items: { id: string; url: string }[] };
		expect(again.items.find((i) => i.url === entry.url)!.id).toBe(entry.id);
	});

	it("writes a JSON Feed 1.1 with every field its spec requires", () => {
		const feed = JSON.parse(jsonFeed(fixtureDigests(), OPTIONS)) as Record<string, unknown> & { items: Record<string, unknown>[] };
		expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
		expect(typeof feed.title).toBe("string");
		expect(feed.feed_url).toBe(`${BASE}/weekly.xml`);
		expect(feed.items).toHaveLength(3);
		for (const item of feed.items) {
			expect(typeof item.id).toBe("string");
			// The spec asks for content_html or content_text on every item.
			expect(typeof item.content_html).toBe("string");
			expect(item.date_published).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
		}
		expect(feed.items[0]!.date_published).toBe("2026-01-11T00:00:00Z");
	});

	it("dates and slugs as sites expect them", () => {
		expect(rfc822({ year: 2024, month: 2, day: 29 })).toBe("Thu, 29 Feb 2024 00:00:00 GMT");
		expect(siteUrl("https://x.example/", "Weekly/A b #1.md")).toBe("https://x.example/Weekly/A-b-%231");
		expect(linkTarget("Weekly/A.md")).toBe("Weekly/A");
	});

	it("links a recommended entry's item to its digest when the entry's own link is not a web address", () => {
		const digests = fixtureDigests();
		const entry = digests[0]!.categories[0]!.entries[0]!;
		entry.url = "javascript:alert(1)";
		const feed = JSON.parse(jsonFeed(digests, { ...OPTIONS, recommendedItems: true })) as { items: { id: string; url: string; title: string }[] };
		const item = feed.items.find((i) => i.title === "Blog - Schedulers in depth")!;
		expect(item.url).toBe(`${BASE}/Weekly/2025/01-12-2025-to-14-12-2025`);
		const rss = rssFeed(digests, { ...OPTIONS, recommendedItems: true });
		expect(rss).not.toContain("javascript:");
	});

	it("drops every lone surrogate, two in a row included, and keeps pairs", () => {
		expect(xmlText("a\uDC00\uDC00b")).toBe("ab");
		expect(xmlText("\uD800\uD800x")).toBe("x");
		expect(xmlText("\uDC00a")).toBe("a");
		expect(xmlText("star \uD83C\uDF1F & \u0007")).toBe("star \uD83C\uDF1F &amp; ");
	});
});
