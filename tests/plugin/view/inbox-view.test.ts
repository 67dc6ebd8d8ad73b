// Inbox mode of the digest browser: the inbox note is text anyone (or a sync) may edit, so what it
// links to is shown as a link only when the plugin may open it, as in the main list.
import { describe, expect, it } from "vitest";
import { FILES, click, modeButton, notices, openView, useViewSpies, type Harness } from "../support/digest-browser";

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

describe("discarding an inbox link", () => {
	const TEXT = "# Inbox\n\n- [Web - A fine article](https://fine.example/a)\n\t- Worth a read\n\t- Long, though\n- [Blog - Keep me](https://keep.example/k)\n";
	const noteText = async (h: Harness) => h.app.vault.read(h.app.vault.getFileByPath(INBOX)!);
	const undoButton = (h: Harness) => h.view.contentEl.querySelector<HTMLButtonElement>(".digest-browser-inbox-undo button");

	it("can be undone from the panel by keyboard, commentary and all, when the note is not open", async () => {
		const h = await openInbox(TEXT);
		const discard = itemEl(h, "A fine article").querySelector<HTMLButtonElement>('button[data-action="discard"]')!;
		discard.focus();
		click(discard);
		await expect.poll(() => noteText(h)).toBe("# Inbox\n\n- [Blog - Keep me](https://keep.example/k)\n");
		await expect.poll(() => undoButton(h)).not.toBeNull();
		const undo = undoButton(h)!;
		expect(undo.textContent).toBe("Undo");
		expect(undo.getAttribute("aria-label")).toBe("Undo discard: A fine article");
		// A button in the panel, so Tab reaches it (not only the notice, which the keyboard cannot reach).
		expect(undo.tabIndex).toBe(0);
		click(undo);
		await expect.poll(() => noteText(h)).toBe(TEXT);
		await expect.poll(() => h.view.contentEl.querySelectorAll(".digest-browser-inbox-item").length).toBe(2);
		expect(undoButton(h)).toBeNull();
	});

	it("can be undone from the notice too", async () => {
		const h = await openInbox(TEXT);
		click(itemEl(h, "A fine article").querySelector('button[data-action="discard"]')!);
		await expect.poll(() => notices.mock.calls.length).toBeGreaterThan(0);
		const message = notices.mock.calls[notices.mock.calls.length - 1]![0];
		expect(typeof message).not.toBe("string");
		const fragment = message as DocumentFragment;
		expect(fragment.textContent).toContain("Discarded https://fine.example/a from the inbox.");
		const button = fragment.querySelector("button")!;
		expect(button.textContent).toBe("Undo");
		click(button);
		await expect.poll(() => noteText(h)).toBe(TEXT);
	});
});
