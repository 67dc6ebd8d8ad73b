import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInbox } from "../../../src/core/capture/inbox";
import { appendToInbox, formatInboxItem, removeFromInbox, removeFromInboxKeeping, restoreToInbox } from "../../../src/core/edit/inbox-edits";

describe("inbox edits", () => {
	it("appends a captured link that reads back as given, keeping CRLF line endings", () => {
		const text = "# Inbox\r\n\r\n- https://example.com/first\r\n\r\n";
		const result = appendToInbox(text, { url: "https://example.com/new", title: "Queues - part two", source: "Blog", category: "Data Engineer", tags: ["queues"], recommended: true, commentary: ["Worth it."] });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.text).toBe("# Inbox\r\n\r\n- https://example.com/first\r\n- [Blog - Queues - part two](https://example.com/new) #category/Data-Engineer #recommended #queues\r\n\t- Worth it.\r\n");
		const last = parseInbox(result.text).items[1]!;
		expect(last).toMatchObject({ url: "https://example.com/new", title: "Queues - part two", source: "Blog", category: "Data Engineer", tags: ["queues"], recommended: true, commentary: ["Worth it."] });
	});

	it("refuses a link with no URL", () => {
		expect(appendToInbox("", { url: "  " })).toEqual({ ok: false, reason: "A captured link needs a URL." });
	});

	it("removes an item with its commentary and nothing else", () => {
		const text = "- https://example.com/a\n\t- about a\n\n- https://example.com/b\n\n- https://example.com/c\n";
		const result = removeFromInbox(text, 1, "https://example.com/b");
		expect(result).toEqual({ ok: true, text: "- https://example.com/a\n\t- about a\n\n- https://example.com/c\n" });
		const first = removeFromInbox(text, 0);
		expect(first).toEqual({ ok: true, text: "- https://example.com/b\n\n- https://example.com/c\n" });
	});

	it("puts a removed item back where it was, commentary and blank lines included", () => {
		const texts = ["- https://example.com/a\n\t- about a\n\n- https://example.com/b\n\t- why b\n\t- and more\n\n- https://example.com/c\n", "# Inbox\r\n\r\n- [S - T](https://example.com/t) #category/Data #x\r\n  - note\r\n- https://example.com/u", "\uFEFF- https://example.com/only\n\t- alone\n"];
		for (const text of texts) {
			parseInbox(text).items.forEach((item, i) => {
				const removed = removeFromInboxKeeping(text, i, item.url);
				if (!removed.ok) throw new Error(removed.reason);
				expect(removed.text).toBe((removeFromInbox(text, i) as { text: string }).text);
				expect(restoreToInbox(removed.text, removed.removed)).toEqual({ ok: true, text });
			});
		}
	});

	it("puts a removed item back after the inbox changed, at its old line or else at the end", () => {
		const text = "- https://example.com/a\n- https://example.com/b\n\t- why b\n- https://example.com/c\n";
		const removed = removeFromInboxKeeping(text, 1, "https://example.com/b");
		if (!removed.ok) throw new Error(removed.reason);
		expect(restoreToInbox(`- https://example.com/new\n${removed.text}`, removed.removed)).toEqual({ ok: true, text: "- https://example.com/new\n- https://example.com/b\n\t- why b\n- https://example.com/a\n- https://example.com/c\n" });
		// Its old line is now inside another item's commentary: it goes to the end, the other item untouched.
		const changed = "- https://example.com/a\n\t- one\n\t- two\n";
		expect(restoreToInbox(changed, removed.removed)).toEqual({ ok: true, text: "- https://example.com/a\n\t- one\n\t- two\n- https://example.com/b\n\t- why b\n" });
		expect(restoreToInbox("", removed.removed)).toEqual({ ok: true, text: "- https://example.com/b\n\t- why b\n" });
	});

	it("refuses to remove a line that changed since it was shown", () => {
		expect(removeFromInbox("- https://example.com/a\n", 0, "https://example.com/z")).toEqual({ ok: false, reason: "The inbox changed: line 1 no longer holds https://example.com/z." });
		expect(removeFromInbox("- https://example.com/a\n", 3)).toEqual({ ok: false, reason: "That inbox line is no longer there." });
	});

	it("reads back any captured title, source and tags as written, and removes them again", () => {
		const piece = fc.stringMatching(/^[a-zA-Z0-9 \-–—[\]()\\*_#!%<>&`]{0,20}$/);
		fc.assert(
			fc.property(piece, piece, fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { maxLength: 3 }), (title, source, tags) => {
				const base = "- https://example.com/kept\n";
				const added = appendToInbox(base, { url: "https://example.com/x?a=(1)", title, source, tags });
				expect(added.ok).toBe(true);
				if (!added.ok) return;
				const item = parseInbox(added.text).items[1]!;
				if (title.trim() !== "") {
					expect(item.title).toBe(title.trim());
					expect(item.source).toBe(source.trim() === "" ? null : source.trim());
				}
				expect(item.url).toBe("https://example.com/x?a=(1)");
				expect(item.tags).toEqual([...new Set(tags)]);
				expect(removeFromInbox(added.text, 1)).toEqual({ ok: true, text: base });
			}),
			{ numRuns: 300 },
		);
	});

	it("formats a bare link when there is no title", () => {
		expect(formatInboxItem({ url: "https://example.com/a", category: "Security" })).toEqual(["- https://example.com/a #category/Security"]);
	});

	it("writes a category or tags that a tag cannot hold by their tag characters, as the digest would, and reads them back so", () => {
		const added = appendToInbox("", { url: "https://example.com/a", title: "A", category: "AI & ML", tags: ["c++", "ops team"] });
		expect(added.ok).toBe(true);
		if (!added.ok) return;
		const item = parseInbox(added.text).items[0]!;
		// `#category/AI-&-ML` would read back as "AI"; the tag characters of the name are kept instead.
		expect(item.category).toBe("AI ML");
		expect(item.tags).toEqual(["c", "ops-team"]);
	});

	it("refuses a category or tag with no tag characters at all, rather than drop it", () => {
		expect(appendToInbox("", { url: "https://example.com/a", category: "&&" })).toEqual({ ok: false, reason: 'The category "&&" has no letters or digits, so it cannot be written as a #category/ tag.' });
		expect(appendToInbox("", { url: "https://example.com/a", tags: ["2025"] })).toEqual({ ok: false, reason: 'The tag "2025" cannot be written as a tag (a tag needs a letter and holds only letters, digits, _, - and /).' });
	});

	it("keeps a comment with line breaks as several commentary lines", () => {
		const added = appendToInbox("- https://example.com/kept\n", { url: "https://example.com/a", commentary: ["first\nhttps://example.com/not-an-item", "second"] });
		expect(added.ok).toBe(true);
		if (!added.ok) return;
		const items = parseInbox(added.text).items;
		expect(items).toHaveLength(2);
		expect(items[1]!.commentary).toEqual(["first", "https://example.com/not-an-item", "second"]);
	});
});
