import { afterEach, describe, expect, it, vi } from "vitest";
import { completeSeries } from "../../../src/core/format/series";
import { createPluginApi } from "../../../src/plugin/commands/plugin-api";
import { noteText, openInEditor } from "../support/editor";
import { makeTestHost } from "../support/host";

const SERIES = completeSeries({ name: "Weekly links", tag: "weeklylinks", folder: "Digests" });
const A = "Digests/Weekly 18-08-2025 to 31-08-2025.md";
const B = "Digests/Weekly 01-09-2025 to 14-09-2025.md";

function digest(title: string, body: string[], extra: string[] = []): string {
	return ["---", `title: "${title}"`, "tags: [weeklylinks]", ...extra, "---", "", ...body, ""].join("\n");
}

const FILES: Record<string, string> = {
	[A]: digest("Weekly: 18-08-2025 to 31-08-2025", ["# Storage", "", "[1. Medium - Lakes](https://medium.example.com/lakes) 🌟 **(Recommended)** #db", "", "- About **lakes**."]),
	[B]: digest("Weekly: 01-09-2025 to 14-09-2025", ["# Networking", "", "[1. Blog - Packets](https://blog.example.net/packets)", ""], ["draft: true"]),
};

afterEach(() => vi.restoreAllMocks());

async function api() {
	const t = await makeTestHost(FILES, [SERIES]);
	return { ...t, api: createPluginApi(t.host) };
}

describe("the plugin API", () => {
	it("describes the latest digest as plain data", async () => {
		const { api: a } = await api();
		expect(a.version).toBe(1);
		expect(a.latestDigest()).toEqual({ path: B, title: "Weekly: 01-09-2025 to 14-09-2025", series: "Weekly links", period: { start: "2025-09-01", end: "2025-09-14" }, draft: true, tags: ["weeklylinks"], entryCount: 1 });
		expect(a.latestDigest("No such series")).toBeNull();
	});

	it("finds entries by link after normalising, and by query", async () => {
		const { api: a } = await api();
		expect(a.findByUrl("http://www.medium.example.com/lakes/?utm_source=x")).toEqual([
			{ digestPath: A, digestTitle: "Weekly: 18-08-2025 to 31-08-2025", series: "Weekly links", category: "Storage", number: 1, source: "Medium", title: "Lakes", url: "https://medium.example.com/lakes", recommended: true, tags: ["db"], line: 8, commentary: "- About **lakes**." },
		]);
		expect(a.entries({ recommended: true }).map((e) => e.title)).toEqual(["Lakes"]);
		expect(a.entries({ drafts: false }).map((e) => e.title)).toEqual(["Lakes"]);
		expect(a.entries({ from: "2025-09-01" }).map((e) => e.title)).toEqual(["Packets"]);
		expect(a.entries({ limit: 1 })).toHaveLength(1);
		expect(() => a.entries({ from: "01-09-2025" })).toThrow('The query\'s from "01-09-2025" is not a date in the form YYYY-MM-DD.');
		// Copies: changing what was handed out changes nothing in the index.
		a.entries()[0]!.tags.push("changed");
		expect(a.entries()[0]!.tags).toEqual(["db"]);
	});

	it("adds an entry through the edit layer, refusing a link shared before unless asked", async () => {
		const { api: a, app } = await api();
		expect(await a.addEntry({ url: "https://medium.example.com/lakes", title: "Again", category: "Storage" })).toEqual({
			ok: false,
			reason: `https://medium.example.com/lakes was already shared in ${A} (line 8); pass allowDuplicate to add it again.`,
		});
		expect(await noteText(app, B)).toBe(FILES[B]);
		// Its commentary would also become that of "Packets", which has none: refused unless shared.
		expect(await a.addEntry({ url: "https://new.example/x", title: "New one", category: "Networking", source: "Site", tags: ["net"], commentary: ["Good"] })).toMatchObject({ ok: false });
		expect(await noteText(app, B)).toBe(FILES[B]);
		expect(await a.addEntry({ url: "https://new.example/x", title: "New one", category: "Networking", source: "Site", tags: ["net"], commentary: ["Good"], shareCommentary: true })).toEqual({ ok: true, path: B, line: 11 });
		expect(await noteText(app, B)).toContain("[1. Blog - Packets](https://blog.example.net/packets)\n\n[2. Site - New one](https://new.example/x) #net\n\n- Good\n");
		expect(await a.addEntry({ url: "https://medium.example.com/lakes", title: "Again", category: "Storage", digest: A, allowDuplicate: true })).toMatchObject({ ok: true, path: A });
	});

	it("goes through the open editor when the digest is open", async () => {
		const { api: a, app } = await api();
		const { editor } = await openInEditor(app, B);
		const transaction = vi.spyOn(editor, "transaction");
		await a.addEntry({ url: "https://new.example/y", title: "In the editor", category: "Networking" });
		expect(transaction).toHaveBeenCalledTimes(1);
		expect(editor.getValue()).toContain("[2. In the editor](https://new.example/y)");
	});

	it("refuses bad input in one sentence and writes nothing", async () => {
		const { api: a, app } = await api();
		expect(await a.addEntry({ url: "not a link", title: "T", category: "C" })).toEqual({ ok: false, reason: "The URL has spaces in it; give the full address, starting with https://." });
		expect(await a.addEntry({ url: "https://x.example/", title: "", category: "C" })).toEqual({ ok: false, reason: "Give the entry a title." });
		expect(await a.addEntry({ url: "https://x.example/", title: "T", category: "C", digest: "../out.md" })).toEqual({ ok: false, reason: 'The digest path "../out.md" leads outside the vault; give a path inside the vault, from its root.' });
		expect(await a.addEntry({ url: "https://x.example/", title: "T", category: "C", series: "Other" })).toEqual({ ok: false, reason: 'No series is named "Other"; the vault has "Weekly links".' });
		expect(await a.addToInbox({ url: "javascript:x" })).toMatchObject({ ok: false });
		expect(await noteText(app, B)).toBe(FILES[B]);
		expect(app.vault.getFiles()).toHaveLength(2);
	});

	it("adds to the inbox", async () => {
		const { api: a, app } = await api();
		expect(await a.addToInbox({ url: "https://later.example/", title: "Later", tags: ["x"] })).toEqual({ ok: true, path: "Digests/Digest inbox.md" });
		expect(await noteText(app, "Digests/Digest inbox.md")).toBe("- [Later](https://later.example/) #x\n");
	});
});
