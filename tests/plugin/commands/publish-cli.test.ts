import { describe, expect, it } from "vitest";
import type { CliData } from "obsidian";
import { regionHash } from "../../../src/core/edit/regions";
import { completeSeries } from "../../../src/core/format/series";
import { registerCliHandlers } from "../../../src/plugin/commands/cli-handlers";
import { noteText, openInEditor } from "../support/editor";
import { makeTestHost, type TestHost } from "../support/host";

const SERIES = completeSeries({ name: "Weekly links", tag: "weeklylinks", folder: "Digests" });

function digest(title: string, extra: string[], body: string[]): string {
	return ["---", `title: "${title}"`, "tags: [weeklylinks]", ...extra, "---", "", ...body, ""].join("\n");
}

const A = "Digests/Weekly 01-09-2025 to 14-09-2025.md";
const B = "Digests/Weekly 15-09-2025 to 28-09-2025.md";
const FILES: Record<string, string> = {
	[A]: digest("Weekly: 01-09-2025 to 14-09-2025", ["summary: Packets and queues"], ["# Networking", "", "[1. Blog - Packets](https://blog.example.net/packets) 🌟 **(Recommended)**", "", "- See [[Packet notes]].", "", "[2. Vendor - Routing](https://vendor.example.com/routing)"]),
	[B]: digest("Weekly: 15-09-2025 to 28-09-2025", [], ["# Storage", "", "[1. Medium - <b>Lakes</b>](https://medium.example.com/lakes) 🌟 **(Recommended)**"]),
	"Packet notes.md": "Notes.\n",
};
const INDEX = "Digests/Weekly links index.md";
const INDEX_LINES = [
	"## 2025",
	"",
	"1. [[Digests/Weekly 01-09-2025 to 14-09-2025|Weekly: 01-09-2025 to 14-09-2025]] - 2 entries, 1 recommended - *Packets and queues*",
	"2. [[Digests/Weekly 15-09-2025 to 28-09-2025|Weekly: 15-09-2025 to 28-09-2025]] - 1 entries, 1 recommended",
];

type Handler = (params: CliData) => string | Promise<string>;

/** The plugin's `digest-curator:publish` handler as Obsidian's command line calls it. */
async function publishHandler(files: Record<string, string> = FILES, settings: Partial<TestHost["host"]["settings"]> = {}): Promise<TestHost & { publish: Handler }> {
	const t = await makeTestHost(files, [SERIES], { settings });
	expect(registerCliHandlers(t.host)).toBe(true);
	const handler = (t.plugin as unknown as { cliHandlers__: Map<string, Handler> }).cliHandlers__.get("digest-curator:publish");
	if (!handler) throw new Error("digest-curator:publish is not registered");
	return { ...t, publish: (params) => handler(params) };
}

const exists = (t: TestHost, path: string) => t.app.vault.getAbstractFileByPath(path) !== null;

describe("digest-curator:publish", () => {
	it("needs exactly one of index, recap, feed and newsletter", async () => {
		const { publish } = await publishHandler();
		const message = "Error: say what to publish, one of index, recap, feed, newsletter (as in digest-curator:publish index).";
		expect(await publish({})).toBe(message);
		expect(await publish({ index: "true", feed: "true" })).toBe(message);
		expect(await publish({ index: "true", series: "Monthly" })).toMatch(/^Error: No series is named "Monthly"/);
	});

	it("index: writes the region into the index note, then finds it up to date", async () => {
		const t = await publishHandler();
		expect(await t.publish({ index: "true", "dry-run": "true" })).toBe(`Would create ${INDEX} (4 generated lines).`);
		expect(exists(t, INDEX)).toBe(false);
		expect(await t.publish({ index: "true" })).toBe(`Created ${INDEX}.`);
		expect(await noteText(t.app, INDEX)).toBe([`%% digest-curator:index-weekly-links start hash=${regionHash(INDEX_LINES)} %%`, ...INDEX_LINES, "%% digest-curator:index-weekly-links end %%", ""].join("\n"));
		expect(await t.publish({ index: "true" })).toBe(`${INDEX} is up to date.`);
		expect(await t.publish({ index: "true", out: "Site/Index" })).toBe("Created Site/Index.md.");
	});

	it("index: leaves a region edited by hand without force, and replaces it with force; text outside stays", async () => {
		const t = await publishHandler();
		await t.publish({ index: "true" });
		const edited = `# Mine\n\n${(await noteText(t.app, INDEX)).replace("1 recommended - *Packets", "1 recommended (my note) - *Packets")}After.\n`;
		await t.app.vault.modify(t.app.vault.getFileByPath(INDEX)!, edited);
		expect(await t.publish({ index: "true", "dry-run": "true" })).toMatch(/^Error: Digests\/Weekly links index\.md: The "index-weekly-links" region was edited by hand .* Pass force to replace it\.$/);
		expect(await t.publish({ index: "true" })).toBe(`Error: the generated text in ${INDEX} was edited by hand since it was last written; nothing was changed. Pass force to replace it.`);
		expect(await noteText(t.app, INDEX)).toBe(edited);
		expect(await t.publish({ index: "true", force: "true", "dry-run": "true" })).toBe(`Would update ${INDEX} (4 generated lines).`);
		expect(await noteText(t.app, INDEX)).toBe(edited);
		expect(await t.publish({ index: "true", force: "true" })).toBe(`Updated ${INDEX}.`);
		const text = await noteText(t.app, INDEX);
		expect(text.startsWith("# Mine\n\n%% digest-curator:index-weekly-links start")).toBe(true);
		expect(text.endsWith("%% digest-curator:index-weekly-links end %%\nAfter.\n")).toBe(true);
		expect(text).not.toContain("(my note)");
	});

	it("index: writes an open index note through its editor", async () => {
		const t = await publishHandler({ ...FILES, [INDEX]: "# Index\n" });
		const { editor } = await openInEditor(t.app, INDEX);
		expect(await t.publish({ index: "true" })).toBe(`Updated ${INDEX}.`);
		expect(editor.getValue()).toContain(INDEX_LINES[2]);
	});

	it("recap: prints the recommended entries of the range, or writes them into a note's region", async () => {
		const t = await publishHandler();
		expect(await t.publish({ recap: "true", from: "2025-09-01" })).toBe("Error: a recap needs to=YYYY-MM-DD.");
		expect(await t.publish({ recap: "true", from: "2025-09-01", to: "2025-13-01" })).toBe("Error: to=2025-13-01 is not a date in the form YYYY-MM-DD.");
		expect(await t.publish({ recap: "true", from: "2025-10-01", to: "2025-09-01" })).toBe("Error: from=2025-10-01 is after to=2025-09-01.");
		expect(await t.publish({ recap: "true", from: "2024-01-01", to: "2024-12-31" })).toBe("Error: no recommended entry in a digest of Weekly links between 2024-01-01 and 2024-12-31.");
		const printed = await t.publish({ recap: "true", from: "2025-09-01", to: "2025-09-30" });
		expect(printed).toContain("https://blog.example.net/packets");
		expect(printed).toContain("https://medium.example.com/lakes");
		expect(printed).not.toContain("vendor.example.com");
		expect(await t.publish({ recap: "true", from: "2025-09-01", to: "2025-09-30", out: "Best of" })).toBe("Created Best of.md.");
		const note = await noteText(t.app, "Best of.md");
		expect(note.split("\n")[0]).toMatch(/^%% digest-curator:recap-2025-09-01-2025-09-30 start hash=[0-9a-f]{8} %%$/);
		expect(note).toContain(printed.split("\n")[0]);
		expect(await t.publish({ recap: "true", from: "2025-09-01", to: "2025-09-30", out: A })).toBe(`Error: ${A} is a digest; write the recap into a note of its own.`);
	});

	it("feed: writes both feeds into the folder asked for, refusing without a site address", async () => {
		const none = await publishHandler();
		expect(await none.publish({ feed: "true" })).toMatch(/^Error: Set the site address/);
		const t = await publishHandler(FILES, { baseUrl: "https://site.example.org/" });
		expect(await t.publish({ feed: "true", out: "public/feeds", "dry-run": "true" })).toBe("Would create public/feeds/weekly-links.xml.\nWould create public/feeds/weekly-links.json.");
		expect(exists(t, "public/feeds/weekly-links.xml")).toBe(false);
		expect(await t.publish({ feed: "true", out: "public/feeds" })).toBe("Wrote public/feeds/weekly-links.xml and public/feeds/weekly-links.json.");
		const rss = await noteText(t.app, "public/feeds/weekly-links.xml");
		expect(rss).toMatch(/^<\?xml/);
		expect(rss).not.toContain("<b>Lakes</b>");
		const json = JSON.parse(await noteText(t.app, "public/feeds/weekly-links.json")) as { version: string; items: unknown[] };
		expect(json.version).toBe("https://jsonfeed.org/version/1.1");
		expect(json.items).toHaveLength(2);
		expect(await t.publish({ feed: "true", out: "public/feeds", "dry-run": "true" })).toBe("public/feeds/weekly-links.xml is up to date.\npublic/feeds/weekly-links.json is up to date.");
		expect(await t.publish({ feed: "true" })).toBe("Wrote feeds/weekly-links.xml and feeds/weekly-links.json.");
	});

	it("newsletter: prints the latest digest as HTML or Markdown, escaped, or writes it", async () => {
		const t = await publishHandler();
		const html = await t.publish({ newsletter: "true" });
		expect(html).toContain("&lt;b&gt;Lakes&lt;/b&gt;");
		expect(html).not.toContain("<b>Lakes</b>");
		expect(html).not.toMatch(/<script/i);
		const md = await t.publish({ newsletter: "true", format: "markdown", digest: A });
		expect(md).toContain("https://blog.example.net/packets");
		expect(md).not.toContain("[[");
		expect(await t.publish({ newsletter: "true", format: "pdf" })).toBe("Error: format=pdf is neither html nor markdown.");
		expect(await t.publish({ newsletter: "true", digest: "Packet notes.md" })).toBe("Error: Packet notes.md is not a digest of Weekly links.");
		expect(await t.publish({ newsletter: "true", out: "mail/issue.html" })).toBe("Wrote mail/issue.html.");
		expect(await noteText(t.app, "mail/issue.html")).toBe(html);
		expect(await t.publish({ newsletter: "true", out: "mail/issue.html", "dry-run": "true" })).toBe("mail/issue.html is up to date.");
		expect(await t.publish({ newsletter: "true", out: "mail/Issue" })).toBe("Created mail/Issue.md.");
		expect(await noteText(t.app, "mail/Issue.md")).toMatch(/^%% digest-curator:newsletter start hash=/);
		expect(await t.publish({ newsletter: "true", out: B })).toBe(`Error: ${B} is a digest; write the newsletter into a note of its own.`);
	});

	it("newsletter: writes a whole file only as .html or .htm, and replaces one only with force", async () => {
		const files = { ...FILES, "Board.canvas": '{"nodes":[]}', "data.json": '{"keep":true}', "img.png": "PNG", "mail/old.html": "<p>My own edits</p>" };
		const t = await publishHandler(files);
		for (const out of ["Board.canvas", "data.json", "img.png", "new.txt"]) {
			const before = await noteText(t.app, out).catch(() => null);
			expect(await t.publish({ newsletter: "true", out }), out).toBe(`Error: out=${out} is neither a note (.md) nor an HTML file (.html or .htm), so nothing was written.`);
			expect(await t.publish({ newsletter: "true", out, force: "true" }), out).toMatch(/^Error: out=/);
			expect(await noteText(t.app, out).catch(() => null), out).toBe(before);
		}
		const message = "Error: mail/old.html already exists and holds something else; nothing was changed. Pass force to replace it.";
		expect(await t.publish({ newsletter: "true", out: "mail/old.html" })).toBe(message);
		expect(await t.publish({ newsletter: "true", out: "mail/old.html", "dry-run": "true" })).toBe(message);
		expect(await noteText(t.app, "mail/old.html")).toBe("<p>My own edits</p>");
		expect(await t.publish({ newsletter: "true", out: "mail/old.html", force: "true", "dry-run": "true" })).toBe("Would replace mail/old.html.");
		expect(await t.publish({ newsletter: "true", out: "mail/old.html", force: "true" })).toBe("Wrote mail/old.html.");
		expect(await noteText(t.app, "mail/old.html")).toBe(await t.publish({ newsletter: "true" }));
		expect(await t.publish({ newsletter: "true", out: "mail/new.htm" })).toBe("Wrote mail/new.htm.");
	});
});
