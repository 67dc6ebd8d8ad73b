import type { ObsidianProtocolHandler } from "obsidian";
import { Notice } from "obsidian-test-mocks/obsidian";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { completeSeries } from "../../../src/core/format/series";
import { handleCapture } from "../../../src/plugin/commands/capture-actions";
import { addInboxItem, discardInboxItem, inboxItems, registerCapture } from "../../../src/plugin/commands/capture-commands";
import { runInbox } from "../../../src/plugin/commands/cli-handlers";
import { InsertEntryModal } from "../../../src/plugin/modals/entry-modal";
import { noteText, openInEditor } from "../support/editor";
import { makeTestHost } from "../support/host";

const SERIES = completeSeries({ name: "Weekly links", tag: "weeklylinks", folder: "Digests", categories: ["Storage", "Networking"] });
const OTHER = completeSeries({ name: "Reading", tag: "reading", folder: "Reading" });
const DIGEST = "Digests/Weekly 01-09-2025 to 14-09-2025.md";
const OLDER = "Digests/Weekly 18-08-2025 to 31-08-2025.md";
const INBOX = "Digests/Digest inbox.md";

function digest(title: string, body: string[]): string {
	return ["---", `title: "${title}"`, "tags: [weeklylinks]", "---", "", ...body, ""].join("\n");
}

const FILES: Record<string, string> = {
	[OLDER]: digest("Weekly: 18-08-2025 to 31-08-2025", ["# Storage", "", "[1. Medium - Lakes](https://medium.example.com/lakes)", "", "[2. Medium - Tables](https://medium.example.com/tables)"]),
	[DIGEST]: digest("Weekly: 01-09-2025 to 14-09-2025", ["# Networking", "", "[1. Blog - Packets](https://blog.example.net/packets)", ""]),
};

let opened: InsertEntryModal[] = [];
let notices: MockInstance<(message: DocumentFragment | string, duration?: number) => void>;

beforeEach(() => {
	opened = [];
	// Opened as Obsidian opens a modal and keeps it open (the mock's open() closes it on the next tick).
	vi.spyOn(InsertEntryModal.prototype, "open").mockImplementation(function (this: InsertEntryModal) {
		opened.push(this);
		this.onOpen();
	});
	vi.spyOn(InsertEntryModal.prototype, "close").mockImplementation(() => {});
	notices = vi.spyOn(Notice.prototype, "constructor__");
});

afterEach(() => vi.restoreAllMocks());

function noticeTexts(): string[] {
	return notices.mock.calls.map(([m]) => (typeof m === "string" ? m : (m.textContent ?? "")));
}

async function setup(files: Record<string, string> = FILES) {
	return makeTestHost(files, [SERIES, OTHER]);
}

describe("obsidian://digest-curator", () => {
	it("is registered under the plugin's own action", async () => {
		const { host, plugin } = await setup();
		registerCapture(host);
		const handlers = (plugin as unknown as { obsidianProtocolHandlers__: Map<string, ObsidianProtocolHandler> }).obsidianProtocolHandlers__;
		expect([...handlers.keys()]).toEqual(["digest-curator"]);
		handlers.get("digest-curator")!({ action: "digest-curator", url: "https://new.example.com/x", title: "From a link" });
		await vi.waitFor(() => expect(opened).toHaveLength(1));
	});

	it.each([
		[{ title: "No link" }, "the link's URL is missing."],
		[{ url: "javascript:alert(1)" }, '"javascript:alert(1)" is not a web link: give the full address, starting with https:// or http://.'],
		[{ url: "https://e.example/", mode: "delete" }, '"delete" is not a capture mode: use form, entry or inbox.'],
		[{ url: "https://e.example/", series: "Nope" }, 'no series is named "Nope"; the vault has "Weekly links", "Reading".'],
		[{ url: "https://e.example/", digest: "../secret.md" }, 'the digest path "../secret.md" leaves the vault.'],
		[{ url: "https://e.example/", digest: "Notes/Other.md" }, "notes/Other.md is not a digest of Weekly links."],
		[{ url: "https://e.example/", mode: "inbox", digest: DIGEST }, "an inbox capture goes to the series' inbox: leave out &digest=..., or use mode=form."],
	])("refuses %j with a notice saying why, writing nothing", async (params, reason) => {
		const { host, app } = await setup();
		const before = await Promise.all(app.vault.getFiles().map(async (f) => [f.path, await app.vault.read(f)]));
		const outcome = await handleCapture(host, params);
		expect(outcome.kind).toBe("refused");
		expect(noticeTexts()).toEqual([`Digest Curator did not capture the link: ${reason}`]);
		expect(await Promise.all(app.vault.getFiles().map(async (f) => [f.path, await app.vault.read(f)]))).toEqual(before);
		expect(opened).toHaveLength(0);
	});

	it("opens the insert form filled in by default, on the series' latest digest", async () => {
		const { host } = await setup();
		const outcome = await handleCapture(host, { url: "example.org/post", title: "A post", source: "Blog", category: "Storage", tags: "db, #ops", recommended: "yes", comment: "First line\nSecond line" });
		expect(outcome.kind).toBe("form");
		expect(opened[0]!.readForm()).toEqual({ url: "https://example.org/post", title: "A post", source: "Blog", category: "Storage", tags: "db, ops", recommended: true, commentary: "First line\nSecond line" });
		expect(opened[0]!.targetPath()).toBe(DIGEST);
	});

	it("writes an entry directly when its category and title are given and the link is new", async () => {
		const { host, app } = await setup();
		const outcome = await handleCapture(host, { mode: "entry", url: "https://new.example.com/a", title: "Fresh", source: "Site", category: "Networking" });
		expect(outcome).toEqual({ kind: "entry", path: DIGEST, line: 10 });
		expect(await noteText(app, DIGEST)).toBe(digest("Weekly: 01-09-2025 to 14-09-2025", ["# Networking", "", "[1. Blog - Packets](https://blog.example.net/packets)", "", "[2. Site - Fresh](https://new.example.com/a)", ""]));
		expect(opened).toHaveLength(0);
	});

	it("opens the form instead of joining a commentary to an older entry's group without asking", async () => {
		const { host, app } = await setup();
		const outcome = await handleCapture(host, { mode: "entry", url: "https://new.example.com/a", title: "Fresh", source: "Site", category: "Networking", comment: "Worth it" });
		expect(outcome.kind).toBe("form");
		expect(await noteText(app, DIGEST)).toBe(FILES[DIGEST]);
	});

	it("opens the form instead when the link was shared before, or the category is missing", async () => {
		const { host, app } = await setup();
		expect((await handleCapture(host, { mode: "entry", url: "http://www.medium.example.com/lakes?utm_source=x", title: "Again", category: "Storage" })).kind).toBe("form");
		expect(opened[0]!.contentEl.textContent).toContain("Already in");
		expect((await handleCapture(host, { mode: "entry", url: "https://new.example.com/b", title: "No category" })).kind).toBe("form");
		expect(await noteText(app, DIGEST)).toBe(FILES[DIGEST]);
	});

	it("appends to the series' inbox note, creating it, and keeps what it holds", async () => {
		const { host, app } = await setup();
		expect(await handleCapture(host, { mode: "inbox", url: "https://a.example/1", title: "One", category: "Data Engineer", comment: "Read later" })).toEqual({ kind: "inbox", path: INBOX });
		expect(await noteText(app, INBOX)).toBe("- [One](https://a.example/1) #category/Data-Engineer\n\t- Read later\n");
		await app.vault.modify(app.vault.getFileByPath(INBOX)!, `# My inbox\n\n${await noteText(app, INBOX)}`);
		await handleCapture(host, { mode: "inbox", url: "https://b.example/2", series: "weekly LINKS" });
		expect(await noteText(app, INBOX)).toBe("# My inbox\n\n- [One](https://a.example/1) #category/Data-Engineer\n\t- Read later\n- https://b.example/2\n");
		await handleCapture(host, { mode: "inbox", url: "https://c.example/3", series: "Reading" });
		expect(await noteText(app, "Reading/Digest inbox.md")).toBe("- https://c.example/3\n");
	});

	it("saves to the inbox from Obsidian's command line with the same checks", async () => {
		const { host, app } = await setup();
		expect(await runInbox(host, { url: "https://a.example/1", title: "One", comment: "x|y", recommended: "true" })).toBe(`Saved to ${INBOX}.`);
		expect(await noteText(app, INBOX)).toBe("- [One](https://a.example/1) #recommended\n\t- x\n\t- y\n");
		expect(await runInbox(host, { url: "ftp://files.example/x" })).toBe('Error: "ftp://files.example/x" is not a web link: give the full address, starting with https:// or http://.');
	});
});

describe("inbox commands", () => {
	const INBOX_TEXT = "# Inbox\n\n- https://medium.example.com/new-post\n\t- Looks good\n- [Other - Keep me](https://keep.example/x)\n";

	it("opens the form for an inbox link with category and source suggested from history, and takes the line out once added", async () => {
		const { host, app } = await setup({ ...FILES, [INBOX]: INBOX_TEXT });
		const inbox = await inboxItems(host, SERIES);
		if (!inbox.ok) throw new Error(inbox.reason);
		const modal = addInboxItem(host, SERIES, inbox.path, inbox.items[0]!);
		expect(modal.readForm()).toMatchObject({ url: "https://medium.example.com/new-post", source: "Medium", category: "Storage", commentary: "Looks good" });
		(modal.contentEl.querySelector('[name="title"]') as HTMLInputElement).value = "A new post";
		await modal.submit();
		expect(await noteText(app, DIGEST)).toContain("# Storage\n\n[1. Medium - A new post](https://medium.example.com/new-post)\n\n- Looks good\n");
		expect(await noteText(app, INBOX)).toBe("# Inbox\n\n- [Other - Keep me](https://keep.example/x)\n");
	});

	it("keeps the line in the inbox when the entry is refused", async () => {
		const broken = { ...FILES, [DIGEST]: digest("Weekly: 01-09-2025 to 14-09-2025", ["# Networking", "", "[1. Broken](https://x.example"]), [INBOX]: INBOX_TEXT };
		const { host, app } = await setup(broken);
		const inbox = await inboxItems(host, SERIES);
		if (!inbox.ok) throw new Error(inbox.reason);
		const modal = addInboxItem(host, SERIES, inbox.path, inbox.items[1]!);
		(modal.contentEl.querySelector('[name="category"]') as HTMLInputElement).value = "Networking";
		await modal.submit();
		expect(modal.contentEl.querySelector(".digest-curator-form-errors")?.textContent).toBe("The entry was not added.");
		expect(noticeTexts().some((t) => t.includes("was left unchanged because it has a problem to fix first"))).toBe(true);
		expect(await noteText(app, INBOX)).toBe(INBOX_TEXT);
	});

	it("takes the line out through the editor when the inbox is open, in one change", async () => {
		const { host, app } = await setup({ ...FILES, [INBOX]: INBOX_TEXT });
		const { editor } = await openInEditor(app, INBOX);
		const transaction = vi.spyOn(editor, "transaction");
		const inbox = await inboxItems(host, SERIES);
		if (!inbox.ok) throw new Error(inbox.reason);
		const modal = addInboxItem(host, SERIES, inbox.path, inbox.items[1]!);
		(modal.contentEl.querySelector('[name="category"]') as HTMLInputElement).value = "Networking";
		await modal.submit();
		expect(await noteText(app, DIGEST)).toContain("[2. Other - Keep me](https://keep.example/x)");
		expect(transaction).toHaveBeenCalledTimes(1);
		expect(editor.getValue()).toBe("# Inbox\n\n- https://medium.example.com/new-post\n\t- Looks good\n");
	});

	it("discards an inbox link, found again by its URL after the inbox changed", async () => {
		const { host, app } = await setup({ ...FILES, [INBOX]: INBOX_TEXT });
		const inbox = await inboxItems(host, SERIES);
		if (!inbox.ok) throw new Error(inbox.reason);
		await app.vault.modify(app.vault.getFileByPath(INBOX)!, `- https://first.example/\n${INBOX_TEXT}`);
		await discardInboxItem(host, INBOX, inbox.items[1]!);
		expect(await noteText(app, INBOX)).toBe("- https://first.example/\n# Inbox\n\n- https://medium.example.com/new-post\n\t- Looks good\n");
		expect(noticeTexts()).toContain("Discarded https://keep.example/x from the inbox. Undo");
	});

	it("says when there is no inbox yet", async () => {
		const { host } = await setup();
		expect(await inboxItems(host, SERIES)).toEqual({ ok: false, reason: `There is no inbox note yet (${INBOX}): capture a link first.` });
	});
});
