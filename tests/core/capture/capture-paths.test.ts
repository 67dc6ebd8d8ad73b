import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { parseInbox } from "../../../src/core/capture/inbox";
import { parseCaptureRequest } from "../../../src/core/capture/capture-request";

/** What Web Clipper writes for a template: its variables filled in, its `replace` filter applied. */
function clip(template: string, page: Record<string, string>): string {
	return template.replace(/\{\{(\w+)(?:\|replace:"\\n":" ")?\}\}/g, (whole, name: string) => {
		const value = page[name];
		if (value === undefined) throw new Error(`The template uses {{${name}}}, which this test does not fill.`);
		return whole.includes("replace") ? value.replace(/\n/g, " ") : value;
	});
}

describe("the shipped capture paths", () => {
	it("Web Clipper's template appends inbox lines the inbox reads back", () => {
		const template = JSON.parse(readFileSync("docs/capture/web-clipper-template.json", "utf8")) as { behavior: string; path: string; noteContentFormat: string };
		expect(template.behavior).toBe("append-specific");
		expect(template.path).toBe("Digest inbox.md");
		const first = clip(template.noteContentFormat, { site: "Lobsters", title: "Why builds are slow", url: "https://lobste.rs/s/x", selection: "The cache section.\nAnd the rest." });
		const second = clip(template.noteContentFormat, { site: "Blog", title: "Queues", url: "https://blog.example/q", selection: "" });
		const inbox = parseInbox(`# Inbox\n\n${first}\n${second}\n`);
		expect(inbox.problems).toEqual([]);
		expect(inbox.items.map((i) => [i.source, i.title, i.url, i.commentary])).toEqual([
			["Lobsters", "Why builds are slow", "https://lobste.rs/s/x", ["The cache section. And the rest."]],
			["Blog", "Queues", "https://blog.example/q", []],
		]);
	});

	it("the bookmarklet opens a capture request the handler accepts", () => {
		const code = readFileSync("docs/capture/bookmarklet.js", "utf8");
		const opened: string[] = [];
		const page = { location: { href: "https://example.com/post?id=1&x=2" } };
		const window = { getSelection: () => "  A quote  ", location: { set href(v: string) { opened.push(v); }, get href() { return page.location.href; } } };
		runInNewContext(code, { window, document: { title: "A post & more" } });
		expect(opened).toHaveLength(1);
		const uri = new URL(opened[0]!);
		expect(uri.protocol).toBe("obsidian:");
		expect(parseCaptureRequest(Object.fromEntries(uri.searchParams))).toMatchObject({ ok: true, request: { mode: "form", url: "https://example.com/post?id=1&x=2", title: "A post & more", commentary: ["A quote"] } });
	});
});
