// Inbox mode of the digest browser: the inbox note is text anyone (or a sync) may edit, so what it
// links to is shown as a link only when the plugin may open it, as in the main list.
import { describe, expect, it } from "vitest";
import { FILES, click, modeButton, openView, useViewSpies, type Harness } from "../support/digest-browser";

useViewSpies();

const INBOX = "Digest inbox.md";
const INBOX_TEXT = [
	"- [Web - A fine article](https://fine.example/a)",
	"- [Trap - Read my disk](file:///etc/passwd)",
	"- [Trap - Run me](javascript:alert(1))",
	"- [Vault - A note](obsidian://open?vault=x&file=y)",
	"",
].join("\n");

async function openInbox(text = INBOX_TEXT): Promise<Harness> {
	const h = await openView({ ...FILES, [INBOX]: text });
	click(modeButton(h, "Inbox"));
	await expect.poll(() => h.view.contentEl.querySelectorAll(".digest-browser-inbox-item").length).toBeGreaterThan(0);
	return h;
}

const itemEl = (h: Harness, title: string) => [...h.view.contentEl.querySelectorAll<HTMLElement>(".digest-browser-inbox-item")].find((li) => li.querySelector(".digest-browser-title")?.textContent === title)!;

describe("inbox links", () => {
	it("are links only for http, https and obsidian URLs; others are plain text", async () => {
		const h = await openInbox();
		expect(h.view.contentEl.querySelectorAll(".digest-browser-inbox-item")).toHaveLength(4);
		expect(itemEl(h, "A fine article").querySelector("a.digest-browser-title")?.getAttribute("href")).toBe("https://fine.example/a");
		expect(itemEl(h, "A note").querySelector("a.digest-browser-title")?.getAttribute("href")).toBe("obsidian://open?vault=x&file=y");
		for (const title of ["Read my disk", "Run me"]) {
			const li = itemEl(h, title);
			expect(li.querySelector("a"), title).toBeNull();
			expect(li.querySelector("[href]"), title).toBeNull();
			expect(li.querySelector(".digest-browser-title")!.tagName).toBe("SPAN");
		}
		expect(h.view.contentEl.querySelector('.digest-browser-inbox [href^="javascript:"], .digest-browser-inbox [href^="file:"]')).toBeNull();
	});
});
