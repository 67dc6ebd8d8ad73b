import { describe, expect, it } from "vitest";
import { siteUrl } from "../../../src/core/publish/feeds";
import { newsletterHtml, newsletterMarkdown } from "../../../src/core/publish/newsletter";
import { fixtureDigests, fixtureIndex } from "./publish-fixture";

const index = fixtureIndex();
const digest = () => fixtureDigests().find((d) => d.path.includes("01-12-2025"))!;
const hostile = () => fixtureDigests().find((d) => d.path.includes("15-12-2025"))!;
const toSite = (from: string) => (target: string) => {
	const resolved = index.resolveLink(target, from);
	return resolved ? siteUrl("https://links.example.com", resolved) : null;
};

describe("newsletter", () => {
	it("writes Markdown with wiki-links as links to the site, or as their text without a site", () => {
		const d = digest();
		expect(newsletterMarkdown(d, toSite(d.path))).toBe(
			[
				"# Weekly Links: 01-12-2025 to 14-12-2025",
				"",
				"## Kubernetes",
				"",
				"[1. Blog - Schedulers in depth](https://blog.example.org/schedulers) 🌟 **(Recommended)**",
				"",
				"- Read with [my scheduling notes](https://links.example.com/Notes/Scheduling) and **bin packing**.",
				"\t- Nested: `kubectl top` and a [doc](https://kubernetes.io/docs/).",
				"",
				"[2. CNCF - Queues](https://www.cncf.io/queues)",
				"",
				"## Data",
				"",
				"[1. Medium - Lakehouse](https://medium.com/lake)",
				"",
			].join("\n"),
		);
		expect(newsletterMarkdown(d)).toContain("- Read with my scheduling notes and **bin packing**.");
	});

	it("writes e-mail HTML with inline styles, no scripts, and hostile text escaped", () => {
		const html = newsletterHtml(hostile());
		expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
		expect(html).not.toMatch(/<script|<img|javascript:|class=/i);
		expect(html).toContain('<a href="https://evil.example/x?a=1&amp;b=2" style="color:#2754c5;text-decoration:underline">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</a>');
		expect(newsletterMarkdown(hostile())).not.toContain("hidden note");
	});

	it("keeps a site link whose address holds an unbalanced parenthesis one link in Markdown", () => {
		const d = digest();
		// A note named "Part 1).md" publishes at ".../Part-1)": a bare `)` would end the Markdown link early.
		const md = newsletterMarkdown(d, () => "https://links.example.com/Notes/Part-1)");
		expect(md).toContain("- Read with [my scheduling notes](https://links.example.com/Notes/Part-1%29) and **bin packing**.");
	});

	it("keeps a site URL with parentheses or spaces one Markdown link", () => {
		const d = digest();
		// encodeURIComponent leaves ( and ) as they are: an unbalanced one would end the link early.
		const md = newsletterMarkdown(d, () => "https://links.example.com/Notes/Go-(lang a");
		expect(md).toContain("- Read with [my scheduling notes](https://links.example.com/Notes/Go-%28lang%20a) and **bin packing**.");
	});
});
