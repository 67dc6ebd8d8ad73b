import { describe, expect, it } from "vitest";
import { parseInbox, seriesCategoryFor } from "../../../src/core/capture/inbox";

describe("parseInbox", () => {
	it("reads a Web Clipper line: link with source and title, category tag, other tags, selection as commentary", () => {
		const text = [
			"---",
			"tags: [inbox]",
			"---",
			"",
			"- [Lobsters - Why my build is slow](https://lobste.rs/s/abc) #category/Developer-Tools #build",
			"\t- The part about caching is the one to read.",
			"\t- Second thought, with a [[Local Note]].",
			"",
		].join("\n");
		expect(parseInbox(text)).toEqual({
			items: [
				{
					line: 4,
					endLine: 7,
					url: "https://lobste.rs/s/abc",
					title: "Why my build is slow",
					source: "Lobsters",
					category: "Developer Tools",
					tags: ["build"],
					recommended: false,
					commentary: ["The part about caching is the one to read.", "Second thought, with a [[Local Note]]."],
				},
			],
			problems: [],
		});
	});

	it("reads bare URLs, with or without a list marker, and a bookmarklet's task item with the flag", () => {
		const text = "https://example.com/one\n- https://example.com/two #category/Security\n- [ ] [A talk on queues](https://example.org/q) 🌟 **(Recommended)**\n* [Other](https://example.org/o) #recommended #queues\n";
		const { items, problems } = parseInbox(text);
		expect(problems).toEqual([]);
		expect(items.map((i) => [i.url, i.title, i.category, i.recommended, i.tags])).toEqual([
			["https://example.com/one", null, null, false, []],
			["https://example.com/two", null, "Security", false, []],
			["https://example.org/q", "A talk on queues", null, true, []],
			["https://example.org/o", "Other", null, true, ["queues"]],
		]);
	});

	it("keeps CRLF and BOM notes readable and reports a line that starts like a link but is not one", () => {
		const text = "\uFEFF- [Broken link](https://example.com/x\r\n- [Fine](https://example.com/y)\r\n";
		const { items, problems } = parseInbox(text);
		expect(items.map((i) => i.url)).toEqual(["https://example.com/y"]);
		expect(problems).toHaveLength(1);
		expect(problems[0]!.line).toBe(0);
		expect(problems[0]!.message).toMatch(/^Line 1 starts like a captured link, but /);
	});

	it("ignores headings, prose, code and comments", () => {
		const text = ["# Inbox", "", "Some prose with https://example.com/in-prose", "```", "- https://example.com/in-code", "```", "%% - https://example.com/in-comment %%", "<!--", "- https://example.com/in-html", "-->", "- https://example.com/real"].join("\n");
		expect(parseInbox(text).items.map((i) => i.url)).toEqual(["https://example.com/real"]);
	});

	it("ends an item's commentary at the next unindented line", () => {
		const text = "- https://example.com/a\n  - about a\nA paragraph.\n  - not about a\n- https://example.com/b\n";
		const { items } = parseInbox(text);
		expect(items.map((i) => [i.url, i.commentary, i.line, i.endLine])).toEqual([
			["https://example.com/a", ["about a"], 0, 2],
			["https://example.com/b", [], 4, 5],
		]);
	});

	it("finds the series' category an inbox category names, though a tag could not hold all of it", () => {
		const known = ["Kubernetes", "AI & ML", "Career / Story"];
		expect(seriesCategoryFor("AI ML", known)).toBe("AI & ML");
		expect(seriesCategoryFor("kubernetes", known)).toBe("Kubernetes");
		expect(seriesCategoryFor("Career/Story", known)).toBe("Career / Story");
		expect(seriesCategoryFor("Databases", known)).toBe("Databases");
		expect(seriesCategoryFor("&", ["&&"])).toBe("&");
	});
});
