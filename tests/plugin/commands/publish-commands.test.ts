import { afterEach, describe, expect, it, vi } from "vitest";
import { regionHash } from "../../../src/core/edit/regions";
import { completeSeries } from "../../../src/core/format/series";
import { exportFeeds } from "../../../src/plugin/commands/feeds-export";
import { createNextDigest } from "../../../src/plugin/commands/new-digest-action";
import { copyNewsletter, writeNewsletterNote } from "../../../src/plugin/commands/newsletter-copy";
import { writePeriodDates } from "../../../src/plugin/commands/period-frontmatter";
import { openRecapModal, runWritePeriodDates } from "../../../src/plugin/commands/publish-commands";
import { recapRegion, writeRecap } from "../../../src/plugin/commands/recap-action";
import { updateSeriesIndex } from "../../../src/plugin/commands/series-index-action";
import { RecapModal } from "../../../src/plugin/modals/recap-modal";
import { noteText, openInEditor } from "../support/editor";
import { makeTestHost } from "../support/host";

const SERIES = completeSeries({ name: "Weekly links", tag: "weeklylinks", folder: "Digests" });

function digest(title: string, extra: string[], body: string[]): string {
	return ["---", `title: "${title}"`, "tags: [weeklylinks]", ...extra, "---", "", ...body, ""].join("\n");
}

const A = "Digests/Weekly 01-09-2025 to 14-09-2025.md";
const B = "Digests/Weekly 15-09-2025 to 28-09-2025.md";
const FILES: Record<string, string> = {
	[A]: digest("Weekly: 01-09-2025 to 14-09-2025", ["summary: Packets and queues"], ["# Networking", "", "[1. Blog - Packets](https://blog.example.net/packets) 🌟 **(Recommended)**", "", "- See [[Packet notes]].", "", "[2. Vendor - Routing](https://vendor.example.com/routing)"]),
	[B]: digest("Weekly: 15-09-2025 to 28-09-2025", ["date: 2025-09-30"], ["# Storage", "", "[1. Medium - Lakes](https://medium.example.com/lakes) 🌟 **(Recommended)**"]),
	"Packet notes.md": "Notes.\n",
};
const INDEX = "Digests/Weekly links index.md";
const REGION = "index-weekly-links";

const INDEX_LINES = [
	"## 2025",
	"",
	"1. [[Digests/Weekly 01-09-2025 to 14-09-2025|Weekly: 01-09-2025 to 14-09-2025]] - 2 entries, 1 recommended - *Packets and queues*",
	"2. [[Digests/Weekly 15-09-2025 to 28-09-2025|Weekly: 15-09-2025 to 28-09-2025]] - 1 entries, 1 recommended",
];

afterEach(() => {
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
});

describe("Update series index", () => {
	it("writes the index region into a new index note, and again changes nothing", async () => {
		const { host, app } = await makeTestHost(FILES, [SERIES]);
		const ask = vi.fn(() => Promise.resolve(true));
		expect(await updateSeriesIndex(host, SERIES, ask)).toEqual({ ok: true, path: INDEX, changed: true, created: true });
		expect(await noteText(app, INDEX)).toBe([`%% digest-curator:${REGION} start hash=${regionHash(INDEX_LINES)} %%`, ...INDEX_LINES, `%% digest-curator:${REGION} end %%`, ""].join("\n"));
		expect(await updateSeriesIndex(host, SERIES, ask)).toMatchObject({ ok: true, changed: false });
		expect(ask).not.toHaveBeenCalled();
	});

	it("keeps the note's own text outside the markers byte for byte, in the HTML comment style when asked", async () => {
		const mine = "# My index\r\n\r\nWritten by hand.\r\n";
		const { host, app } = await makeTestHost({ ...FILES, [INDEX]: mine }, [SERIES], { settings: { markerStyle: "html" } });
		await updateSeriesIndex(host, SERIES);
		const text = await noteText(app, INDEX);
		expect(text.startsWith(mine)).toBe(true);
		expect(text.slice(mine.length).split("\r\n")).toEqual(["", `<!-- digest-curator:${REGION} start hash=${regionHash(INDEX_LINES)} -->`, ...INDEX_LINES, `<!-- digest-curator:${REGION} end -->`, ""]);
	});

	it("asks before replacing a region edited by hand, and leaves it when told to", async () => {
		const { host, app } = await makeTestHost(FILES, [SERIES]);
		await updateSeriesIndex(host, SERIES);
		const edited = (await noteText(app, INDEX)).replace("1 recommended - *Packets", "1 recommended (my note) - *Packets");
		await app.vault.modify(app.vault.getFileByPath(INDEX)!, edited);
		const no = vi.fn(() => Promise.resolve(false));
		expect(await updateSeriesIndex(host, SERIES, no)).toEqual({ ok: false, reason: `${INDEX} was left as it is.` });
		expect(no).toHaveBeenCalledWith(INDEX, REGION);
		expect(await noteText(app, INDEX)).toBe(edited);
		expect(await updateSeriesIndex(host, SERIES, () => Promise.resolve(true))).toMatchObject({ ok: true, changed: true });
		expect(await noteText(app, INDEX)).not.toContain("(my note)");
	});

	it("writes through the editor when the index note is open: one change, nothing in the background", async () => {
		const { host, app } = await makeTestHost({ ...FILES, [INDEX]: "# Index\n" }, [SERIES]);
		const { editor } = await openInEditor(app, INDEX);
		const process = vi.spyOn(app.vault, "process");
		const transaction = vi.spyOn(editor, "transaction");
		await updateSeriesIndex(host, SERIES);
		expect(process).not.toHaveBeenCalled();
		expect(transaction).toHaveBeenCalledTimes(1);
		expect(editor.getValue()).toContain(INDEX_LINES[2]);
		expect(editor.getValue().startsWith("# Index\n\n%% digest-curator:")).toBe(true);
	});

	it("refuses an index note outside the vault, writing nothing", async () => {
		const bad = { ...SERIES, indexNote: "../index.md" };
		const { host, app } = await makeTestHost(FILES, [bad]);
		expect(await updateSeriesIndex(host, bad)).toEqual({ ok: false, reason: 'The index note "../index.md" leads outside the vault; give a path inside the vault, from its root.' });
		expect(app.vault.getFiles()).toHaveLength(3);
	});
});

describe("Write recap", () => {
	const FROM = { year: 2025, month: 9, day: 1 };
	const TO = { year: 2025, month: 9, day: 30 };

	it("writes the chosen picks, relabelled, into a region of the named note", async () => {
		const { host, app } = await makeTestHost(FILES, [SERIES]);
		const keyA = `${A}#L9`;
		const keyB = `${B}#L9`;
		const result = await writeRecap(host, SERIES, { from: FROM, to: TO, exclude: new Set([keyB]), relabel: new Map([[keyA, "Best of networking"]]), note: "Recaps/September" });
		expect(result).toMatchObject({ ok: true, path: "Recaps/September.md", created: true });
		const text = await noteText(app, "Recaps/September.md");
		const name = recapRegion(FROM, TO);
		expect(name).toBe("recap-2025-09-01-2025-09-30");
		expect(text).toContain(`%% digest-curator:${name} start`);
		expect(text).toContain("## Best of networking\n\n- [Blog - Packets](https://blog.example.net/packets) · from [[Digests/Weekly 01-09-2025 to 14-09-2025#Networking|Weekly: 01-09-2025 to 14-09-2025]]\n");
		expect(text).not.toContain("Lakes");
	});

	it("is a form: dates in the series' format, a box to leave a pick out, a heading field, the default note", async () => {
		const { host, app } = await makeTestHost(FILES, [SERIES]);
		// Opened as Obsidian opens a modal and keeps it open (the mock's open() closes it on the next tick).
		vi.spyOn(RecapModal.prototype, "open").mockImplementation(function (this: RecapModal) {
			this.onOpen();
		});
		const modal = openRecapModal(host, SERIES);
		const input = (name: string) => modal.contentEl.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
		expect(input("from").value).toBe("01-01-2025");
		expect(input("to").value).toBe("28-09-2025");
		// Each field named by its label, for a screen reader.
		for (const [name, label] of [["from", "From"], ["to", "To"], ["note", "Note"]]) {
			const id = input(name!).getAttribute("aria-labelledby") ?? "";
			expect(modal.contentEl.querySelector(`[id="${id}"]`)?.textContent).toBe(label);
		}
		const set = (name: string, value: string) => {
			input(name).value = value;
			input(name).dispatchEvent(new Event("input"));
		};
		set("from", "01-09-2025");
		expect(input("note").value).toBe("Digests/Recap 01-09-2025 to 28-09-2025.md");
		let boxes = [...modal.contentEl.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
		expect(boxes.map((b) => b.dataset["key"])).toEqual([`${A}#L9`, `${B}#L9`]);
		set("to", "31-02-2025");
		expect(modal.contentEl.querySelector(".digest-curator-recap-status")?.textContent).toBe("Enter both days as DD-MM-YYYY.");
		set("to", "28-09-2025");
		boxes = [...modal.contentEl.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
		boxes[0]!.checked = false;
		modal.contentEl.querySelectorAll<HTMLInputElement>('input[type="text"][data-key]')[1]!.value = "Data";
		await modal.submit();
		const text = await noteText(app, "Digests/Recap 01-09-2025 to 28-09-2025.md");
		expect(text).toContain("## Data\n\n- [Medium - Lakes]");
		expect(text).not.toContain("Packets");
	});

	it("fills the days from a year or a quarter picked in the form", async () => {
		const { host } = await makeTestHost(FILES, [SERIES]);
		vi.spyOn(RecapModal.prototype, "open").mockImplementation(function (this: RecapModal) {
			this.onOpen();
		});
		const modal = openRecapModal(host, SERIES);
		const period = modal.contentEl.querySelector<HTMLSelectElement>('select[name="period"]')!;
		expect([...period.options].map((o) => o.text)).toEqual(["Days typed below", "2025", "2025 Q3 (July to September)"]);
		period.value = "1";
		period.dispatchEvent(new Event("change"));
		const input = (name: string) => modal.contentEl.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
		expect([input("from").value, input("to").value]).toEqual(["01-07-2025", "30-09-2025"]);
		expect(input("note").value).toBe("Digests/Recap 01-07-2025 to 30-09-2025.md");
		expect([...modal.contentEl.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].map((b) => b.dataset["key"])).toEqual([`${A}#L9`, `${B}#L9`]);
	});
});

describe("Export feeds", () => {
	it("asks for the site address first and writes nothing without it", async () => {
		const { host, app } = await makeTestHost(FILES, [SERIES]);
		expect(await exportFeeds(host)).toEqual({ ok: false, reason: "Set the site address in this plugin's settings first: feeds link to the digests by their full address." });
		expect(app.vault.getFiles()).toHaveLength(3);
	});

	it("writes RSS and JSON Feed files into the feed folder, and rewrites them next time", async () => {
		const { host, app } = await makeTestHost(FILES, [SERIES], { settings: { baseUrl: "https://links.example.com/", feedFolder: "public/feeds", feedRecommendedItems: true } });
		expect(await exportFeeds(host)).toEqual({ ok: true, paths: ["public/feeds/weekly-links.xml", "public/feeds/weekly-links.json"] });
		const rss = await noteText(app, "public/feeds/weekly-links.xml");
		expect(rss).toContain("<link>https://links.example.com/Digests/Weekly-15-09-2025-to-28-09-2025</link>");
		expect(rss).toContain('<atom:link href="https://links.example.com/public/feeds/weekly-links.xml" rel="self" type="application/rss+xml"/>');
		expect(rss).toContain("&lt;a href=&quot;https://links.example.com/Packet-notes&quot;&gt;Packet notes&lt;/a&gt;");
		const json = JSON.parse(await noteText(app, "public/feeds/weekly-links.json")) as { items: { title: string }[] };
		expect(json.items.map((i) => i.title)).toEqual(["Weekly: 15-09-2025 to 28-09-2025", "Medium - Lakes", "Weekly: 01-09-2025 to 14-09-2025", "Blog - Packets"]);
		const modify = vi.spyOn(app.vault, "modify");
		await exportFeeds(host);
		expect(modify).toHaveBeenCalledTimes(2);
	});

	it("writes no feed for a collection, which has no periods", async () => {
		const lists = completeSeries({ name: "Lists", tag: "", folder: "Lists", entryStyle: "list", collection: true });
		const files = { ...FILES, "Lists/Tools.md": "# Tools\n\n- [Kept](https://kept.example/x) 🌟 **(Recommended)**\n" };
		const { host, app } = await makeTestHost(files, [SERIES, lists], { settings: { baseUrl: "https://links.example.com/", feedFolder: "public/feeds", feedRecommendedItems: true } });
		expect(await exportFeeds(host)).toEqual({ ok: true, paths: ["public/feeds/weekly-links.xml", "public/feeds/weekly-links.json"] });
		expect(app.vault.getFiles().map((f) => f.path).filter((p) => p.startsWith("public/"))).toHaveLength(2);
		expect(await exportFeeds(host, [lists])).toEqual({ ok: false, reason: "A collection has no periods and so no feed: no feed was written." });
	});

	it("refuses a feed folder outside the vault", async () => {
		const { host } = await makeTestHost(FILES, [SERIES], { settings: { baseUrl: "https://links.example.com", feedFolder: "../out" } });
		expect(await exportFeeds(host)).toEqual({ ok: false, reason: 'The feed folder "../out" leads outside the vault; give a path inside the vault, from its root.' });
	});
});

describe("Copy as newsletter", () => {
	it("copies HTML with the Markdown as plain text where the clipboard takes both", async () => {
		const { host } = await makeTestHost(FILES, [SERIES], { settings: { baseUrl: "https://links.example.com" } });
		class FakeItem {
			constructor(readonly items: Record<string, Blob>) {}
		}
		vi.stubGlobal("ClipboardItem", FakeItem);
		const write = vi.fn((_items: FakeItem[]) => Promise.resolve());
		Object.assign(navigator.clipboard, { write });
		expect(await copyNewsletter(host, host.live.index.get(A)!, "html")).toBe("rich");
		const item = write.mock.calls[0]![0][0]!;
		expect(Object.keys(item.items)).toEqual(["text/html", "text/plain"]);
		expect(await item.items["text/html"]!.text()).toContain('<a href="https://links.example.com/Packet-notes"');
		expect(await item.items["text/plain"]!.text()).toContain("- See [Packet notes](https://links.example.com/Packet-notes).");
	});

	it("copies Markdown as text, and writes it to a note of its own", async () => {
		const { host, app } = await makeTestHost(FILES, [SERIES]);
		const writeText = vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue();
		await copyNewsletter(host, host.live.index.get(A)!, "markdown");
		expect(writeText.mock.calls[0]![0]).toContain("# Weekly: 01-09-2025 to 14-09-2025\n\n## Networking\n");
		expect(await writeNewsletterNote(host, host.live.index.get(A)!)).toMatchObject({ ok: true, path: "Digests/Weekly 01-09-2025 to 14-09-2025 newsletter.md" });
		expect(await noteText(app, "Digests/Weekly 01-09-2025 to 14-09-2025 newsletter.md")).toContain("- See Packet notes.");
	});
});

describe("Period dates in frontmatter", () => {
	it("writes the period's end where a digest has no date, and keeps one that has", async () => {
		const { host, app } = await makeTestHost(FILES, [SERIES]);
		const result = await writePeriodDates(host, host.live.index.digests());
		expect(result).toEqual({ written: [A], different: [B], skipped: [] });
		expect(await noteText(app, A)).toMatch(/\ndate: ["']?2025-09-14["']?\n/);
		expect(await noteText(app, B)).toContain("date: 2025-09-30");
	});

	it("asks before writing many digests, and writes none when told no", async () => {
		const { host, app } = await makeTestHost(FILES, [SERIES]);
		const ask = vi.fn(() => Promise.resolve(false));
		await runWritePeriodDates(host, ask);
		expect(ask).toHaveBeenCalledWith(1);
		expect(await noteText(app, A)).toBe(FILES[A]);
	});

	it("gives a new digest its date when the setting is on", async () => {
		const { host, app } = await makeTestHost(FILES, [SERIES], { settings: { writePeriodDate: true } });
		const made = await createNextDigest(host, SERIES, { year: 2025, month: 10, day: 12 });
		if (!made.ok) throw new Error(made.reason);
		expect(await noteText(app, made.path)).toMatch(/\ndate: ["']?2025-10-12["']?\n/);
	});
});
