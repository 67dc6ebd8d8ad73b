import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli";
import { VaultFs } from "../../src/cli/vault-fs";
import { regionHash } from "../../src/core/edit/regions";
import { publishVault, read, run, saveSettings, snapshot, tempDir, useCli, write } from "./cli-harness";

useCli();

const INDEX = "Weekly/Weekly index.md";
const INDEX_LINES = [
	"## 2025",
	"",
	"1. [[Weekly/2025/01-12-2025 to 14-12-2025|Weekly Links: 01-12-2025 to 14-12-2025]] - 3 entries, 1 recommended - *Schedulers and queues*",
	"2. [[Weekly/2025/15-12-2025 to 28-12-2025|Weekly Links: 15-12-2025 to 28-12-2025]] - 1 entries, 1 recommended",
	"",
	"## 2026",
	"",
	"3. [[Weekly/2026/29-12-2025 to 11-01-2026|Weekly Links: 29-12-2025 to 11-01-2026]] - 1 entries, 1 recommended",
];

function region(name: string, lines: string[], style: "obsidian" | "html" = "obsidian"): string {
	const [open, close] = style === "html" ? ["<!--", "-->"] : ["%%", "%%"];
	return [`${open} digest-curator:${name} start hash=${regionHash(lines)} ${close}`, ...lines, `${open} digest-curator:${name} end ${close}`].join("\n");
}

/** Parses XML strictly: any warning or error fails the test. */
function parseXml(xml: string): Document {
	const problems: string[] = [];
	const doc = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(xml, "text/xml");
	expect(problems).toEqual([]);
	return doc as unknown as Document;
}

function childText(el: Element, tag: string): string {
	return el.getElementsByTagName(tag)[0]?.textContent ?? "";
}

describe("publish index", () => {
	it("creates the series' index note with the index in its region, drafts left out", () => {
		const vault = publishVault();
		// A series that is a folder alone: the index note in it must still be no digest.
		saveSettings(vault, [{ name: "Weekly", tag: "", folder: "Weekly" }]);
		const r = run(["publish", "index", vault]);
		expect(r.err).toBe("");
		expect(r.code).toBe(0);
		expect(r.out).toBe(`Created ${INDEX}.\n`);
		expect(read(vault, INDEX)).toBe(`${region("index", INDEX_LINES)}\n`);
		// The index note is no digest of the series, though it sits in its folder.
		expect(run(["index", vault]).out).toMatch(/^4 digests, 6 entries\.$/m);
		expect(run(["publish", "index", vault]).out).toBe(`${INDEX} is up to date.\n`);
	});

	it("changes only its region: the text around it stays byte for byte, line endings included", () => {
		const vault = publishVault();
		const before = "---\r\ncssclasses: [wide]\r\n---\r\n# Every digest\r\n\r\nWritten by hand, kept.\r\n\r\n";
		const after = "\r\n## Notes\r\n\r\nAlso mine. %% and a comment %%\r\n";
		const stale = ["## 2025", "", "1. old line"];
		write(vault, INDEX, `${before}${region("index", stale).replace(/\n/g, "\r\n")}${after}`);
		const r = run(["publish", "index", vault]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe(`Updated ${INDEX}.\n`);
		expect(read(vault, INDEX)).toBe(`${before}${region("index", INDEX_LINES).replace(/\n/g, "\r\n")}${after}`);
	});

	it("refuses a region edited by hand without --force, writing nothing, and replaces it with --force", () => {
		const vault = publishVault();
		expect(run(["publish", "index", vault]).code).toBe(0);
		const edited = read(vault, INDEX).replace("- 3 entries", "- 3 entries (my favourite)");
		write(vault, INDEX, edited);
		const refused = run(["publish", "index", vault]);
		expect(refused.code).toBe(1);
		expect(refused.err).toBe(`digest-curator: ${INDEX}: The "index" region was edited by hand since it was last written; replacing it would lose that edit. Pass --force to replace it, or move your text out of the region.\n`);
		expect(read(vault, INDEX)).toBe(edited);
		const forced = run(["publish", "index", vault, "--force"]);
		expect(forced.code, forced.err).toBe(0);
		expect(read(vault, INDEX)).toBe(`${region("index", INDEX_LINES)}\n`);
	});

	it("--dry-run shows the change as a diff and writes nothing", () => {
		const vault = publishVault();
		const files = snapshot(vault);
		const r = run(["publish", "index", vault, "--dry-run"]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe([`Would create ${INDEX}:`, `--- ${INDEX}`, `+++ ${INDEX}`, "@@ -0,0 +1,10 @@", ...region("index", INDEX_LINES).split("\n").map((l) => `+${l}`), ""].join("\n"));
		expect(snapshot(vault)).toEqual(files);
		// A note that is there: only the lines that change, with context.
		write(vault, INDEX, `# Mine\n\n${region("index", INDEX_LINES.slice(0, 4))}\n`);
		const again = snapshot(vault);
		const diff = run(["publish", "index", vault, "--dry-run", "--json"]);
		expect(diff.code, diff.err).toBe(0);
		const json = JSON.parse(diff.out) as { dryRun: boolean; files: { path: string; outcome: string; diff: string }[] };
		expect(json.dryRun).toBe(true);
		expect(json.files.map((f) => [f.path, f.outcome])).toEqual([[INDEX, "updated"]]);
		expect(json.files[0]!.diff).toContain(`+${INDEX_LINES[3]}`);
		expect(json.files[0]!.diff).toContain(`-%% digest-curator:index start hash=${regionHash(INDEX_LINES.slice(0, 4))} %%`);
		expect(json.files[0]!.diff).toContain(" # Mine");
		expect(snapshot(vault)).toEqual(again);
	});

	it("takes the note, template, summary field and marker style asked for", () => {
		const vault = publishVault();
		write(vault, "Weekly/2025/01-12-2025 to 14-12-2025.md", read(vault, "Weekly/2025/01-12-2025 to 14-12-2025.md").replace("summary: Schedulers and queues", "blurb: Two topics"));
		const r = run(["publish", "index", vault, "--out", "Site/All digests", "--template=- {{period}}: {{link}} ({{categories}}) {{summary}}", "--summary-field", "blurb", "--marker", "html", "--json"]);
		expect(r.code, r.err).toBe(0);
		expect(JSON.parse(r.out)).toEqual({ dryRun: false, files: [{ path: "Site/All digests.md", outcome: "created" }] });
		const lines = ["## 2025", "", "- 01-12-2025 to 14-12-2025: [[Weekly/2025/01-12-2025 to 14-12-2025|Weekly Links: 01-12-2025 to 14-12-2025]] (Kubernetes, Data) Two topics", "- 15-12-2025 to 28-12-2025: [[Weekly/2025/15-12-2025 to 28-12-2025|Weekly Links: 15-12-2025 to 28-12-2025]] (Data)", "", "## 2026", "", "- 29-12-2025 to 11-01-2026: [[Weekly/2026/29-12-2025 to 11-01-2026|Weekly Links: 29-12-2025 to 11-01-2026]] (Kubernetes)"];
		expect(read(vault, "Site/All digests.md")).toBe(`${region("index", lines, "html")}\n`);
		expect(existsSync(join(vault, INDEX))).toBe(false);
	});

	it("refuses to write into a digest, a path outside the vault, or an unknown marker style", () => {
		const vault = publishVault();
		const files = snapshot(vault);
		for (const [args, message] of [
			[["--out", "Weekly/2025/01-12-2025 to 14-12-2025"], /is a digest; write the generated text into a note of its own/],
			[["--out", "../outside.md"], /outside the vault/],
			[["--marker", "latex"], /--marker latex is not one of obsidian, html/],
		] as const) {
			const r = run(["publish", "index", vault, ...args]);
			expect(r.code, args.join(" ")).toBe(2);
			expect(r.err).toMatch(message);
			expect(r.err.trim().split("\n")).toHaveLength(1);
		}
		expect(snapshot(vault)).toEqual(files);
	});

	it("reads the index note from the series' indexNote setting", () => {
		const vault = publishVault();
		saveSettings(vault, [{ name: "Weekly", tag: "weeklylinks", folder: "Weekly", indexNote: "Home/Index" }]);
		const r = run(["publish", "index", vault]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe("Created Home/Index.md.\n");
	});
});

describe("publish recap", () => {
	const RECAP = [
		"## Kubernetes",
		"",
		"- [Blog - Schedulers in depth](https://blog.example.org/schedulers) · from [[Weekly/2025/01-12-2025 to 14-12-2025#Kubernetes|Weekly Links: 01-12-2025 to 14-12-2025]]",
		"- [Blog - New year, new cluster](https://blog.example.org/new-year) · from [[Weekly/2026/29-12-2025 to 11-01-2026#Kubernetes|Weekly Links: 29-12-2025 to 11-01-2026]]",
		"",
		"## Data",
		"",
		"- [Medium - Streams & <tables>](https://medium.com/streams) · from [[Weekly/2025/15-12-2025 to 28-12-2025#Data|Weekly Links: 15-12-2025 to 28-12-2025]]",
	];

	it("prints the recommended entries of the digests inside the range, by category", () => {
		const r = run(["publish", "recap", publishVault(), "--from", "2025-12-01", "--to", "2026-01-31"]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe(`${RECAP.join("\n")}\n`);
	});

	it("groups by digest, and leaves out a digest reaching past the range", () => {
		const r = run(["publish", "recap", publishVault(), "--from", "2025-12-01", "--to", "2025-12-31", "--group-by", "digest", "--json"]);
		expect(r.code, r.err).toBe(0);
		const json = JSON.parse(r.out) as { from: string; to: string; picks: { digest: string; title: string }[] };
		expect(json.from).toBe("2025-12-01");
		expect(json.picks.map((p) => p.title)).toEqual(["Schedulers in depth", "Streams & <tables>"]);
		const text = run(["publish", "recap", publishVault(), "--from", "2025-12-01", "--to", "2025-12-31", "--group-by", "digest"]);
		expect(text.out.split("\n").filter((l) => l.startsWith("## "))).toEqual(["## Weekly Links: 01-12-2025 to 14-12-2025", "## Weekly Links: 15-12-2025 to 28-12-2025"]);
	});

	it("writes into the note's recap region with --out, beside its other regions", () => {
		const vault = publishVault();
		expect(run(["publish", "index", vault, "--out", "Best of.md"]).code).toBe(0);
		const r = run(["publish", "recap", vault, "--from", "2025-12-01", "--to", "2026-01-31", "--out", "Best of.md"]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe("Updated Best of.md.\n");
		expect(read(vault, "Best of.md")).toBe(`${region("index", INDEX_LINES)}\n\n${region("recap-2025-12-01-2026-01-31", RECAP)}\n`);
		const files = snapshot(vault);
		expect(run(["publish", "recap", vault, "--from", "2025-12-01", "--to", "2026-01-31", "--out", "Best of.md", "--dry-run"]).out).toBe("Best of.md is up to date; nothing would change.\n");
		expect(snapshot(vault)).toEqual(files);
	});

	it("says so when no digest in the range has a recommended entry, and refuses a backwards range", () => {
		expect(run(["publish", "recap", publishVault(), "--from", "2024-01-01", "--to", "2024-12-31"]).out).toBe("*No recommended entries in the digests from 2024-01-01 to 2024-12-31.*\n");
		const r = run(["publish", "recap", publishVault(), "--from", "2026-01-31", "--to", "2025-12-01"]);
		expect(r.code).toBe(2);
		expect(r.err).toBe("digest-curator publish recap: --from 2026-01-31 is after --to 2025-12-01.\n");
		expect(run(["publish", "recap", publishVault(), "--from", "1 Dec", "--to", "2025-12-01"]).err).toBe("digest-curator publish recap: --from 1 Dec is not a date in the form YYYY-MM-DD.\n");
	});
});

describe("publish feed", () => {
	const BASE = "https://links.example.com";

	it("writes RSS 2.0 and JSON Feed into a folder outside the vault, wiki-links pointing at the site", () => {
		const vault = publishVault();
		const out = join(tempDir(), "site", "feeds");
		const r = run(["publish", "feed", vault, "--base-url", `${BASE}/`, "--out", out]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe(`Created ${join(out, "weekly.xml")}.\nCreated ${join(out, "weekly.json")}.\n`);
		expect(readdirSync(out).sort()).toEqual(["weekly.json", "weekly.xml"]);
		const doc = parseXml(read(out, "weekly.xml"));
		const channel = doc.getElementsByTagName("channel")[0]!;
		expect(childText(channel, "title")).toBe("Weekly");
		expect(childText(channel, "link")).toBe(`${BASE}/`);
		// Outside the vault the feed's own address is not known: no self link.
		expect(doc.getElementsByTagName("atom:link")).toHaveLength(0);
		const items = [...(doc.getElementsByTagName("item") as unknown as Element[])];
		expect(items.map((i) => childText(i, "title"))).toEqual(["Weekly Links: 29-12-2025 to 11-01-2026", "Weekly Links: 15-12-2025 to 28-12-2025", "Weekly Links: 01-12-2025 to 14-12-2025"]);
		expect(items.map((i) => childText(i, "link"))).toEqual([
			`${BASE}/Weekly/2026/29-12-2025-to-11-01-2026`,
			`${BASE}/Weekly/2025/15-12-2025-to-28-12-2025`,
			`${BASE}/Weekly/2025/01-12-2025-to-14-12-2025`,
		]);
		expect(childText(items[2]!, "description")).toContain(`<li>Read with <a href="${BASE}/Notes/Scheduling-notes">my notes</a> and <strong>bin packing</strong>.</li>`);
		expect(childText(items[1]!, "description")).toContain(`<a href="${BASE}/Weekly/2025/01-12-2025-to-14-12-2025#data">the lakehouse piece</a>`);
		expect(childText(items[1]!, "description")).toContain("Streams &amp; &lt;tables&gt;");
		const feed = JSON.parse(read(out, "weekly.json")) as { version: string; home_page_url: string; feed_url?: string; items: { id: string; url: string; content_html: string; date_published: string }[] };
		expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
		expect(feed.home_page_url).toBe(`${BASE}/`);
		expect(feed.feed_url).toBeUndefined();
		expect(feed.items.map((i) => [i.url, i.date_published])).toEqual([
			[`${BASE}/Weekly/2026/29-12-2025-to-11-01-2026`, "2026-01-11T00:00:00Z"],
			[`${BASE}/Weekly/2025/15-12-2025-to-28-12-2025`, "2025-12-28T00:00:00Z"],
			[`${BASE}/Weekly/2025/01-12-2025-to-14-12-2025`, "2025-12-14T00:00:00Z"],
		]);
		expect(run(["publish", "feed", vault, "--base-url", BASE, "--out", out]).out).toBe(`${join(out, "weekly.xml")} is up to date.\n${join(out, "weekly.json")} is up to date.\n`);
	});

	it("writes into VAULT/feeds by default, with the feeds' own addresses, and an item per recommended entry when asked", () => {
		const vault = publishVault();
		const r = run(["publish", "feed", vault, "--base-url", BASE, "--recommended-items", "--json"]);
		expect(r.code, r.err).toBe(0);
		expect(JSON.parse(r.out)).toEqual({ dryRun: false, files: [{ path: join(vault, "feeds", "weekly.xml"), outcome: "created" }, { path: join(vault, "feeds", "weekly.json"), outcome: "created" }] });
		const doc = parseXml(read(vault, "feeds/weekly.xml"));
		expect(doc.getElementsByTagName("atom:link")[0]!.getAttribute("href")).toBe(`${BASE}/feeds/weekly.xml`);
		const feed = JSON.parse(read(vault, "feeds/weekly.json")) as { feed_url: string; items: { title: string; url: string }[] };
		expect(feed.feed_url).toBe(`${BASE}/feeds/weekly.json`);
		expect(feed.items.map((i) => i.title)).toEqual([
			"Weekly Links: 29-12-2025 to 11-01-2026",
			"Blog - New year, new cluster",
			"Weekly Links: 15-12-2025 to 28-12-2025",
			"Medium - Streams & <tables>",
			"Weekly Links: 01-12-2025 to 14-12-2025",
			"Blog - Schedulers in depth",
		]);
	});

	it("--dry-run writes nothing, and a base URL is required and must be a web address", () => {
		const vault = publishVault();
		const files = snapshot(vault);
		const r = run(["publish", "feed", vault, "--base-url", BASE, "--dry-run"]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toContain(`Would create ${join(vault, "feeds", "weekly.xml")}:\n`);
		expect(r.out).toContain('+<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">');
		expect(snapshot(vault)).toEqual(files);
		expect(existsSync(join(vault, "feeds"))).toBe(false);
		expect(run(["publish", "feed", vault]).err).toBe("digest-curator publish feed: --base-url is required: the address the site is published at, e.g. https://example.com.\n");
		expect(run(["publish", "feed", vault, "--base-url", "javascript:alert(1)"]).err).toBe("digest-curator publish feed: --base-url javascript:alert(1) is not an http or https address.\n");
		expect(snapshot(vault)).toEqual(files);
	});
});

describe("publish newsletter", () => {
	it("prints the latest digest as Markdown, wiki-links as links to the site, drafts being the latest included", () => {
		const vault = publishVault();
		const r = run(["publish", "newsletter", vault, "--digest", "Weekly/2025/01-12-2025 to 14-12-2025.md", "--format", "markdown", "--base-url", "https://links.example.com"]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe(
			[
				"# Weekly Links: 01-12-2025 to 14-12-2025",
				"",
				"## Kubernetes",
				"",
				"[1. Blog - Schedulers in depth](https://blog.example.org/schedulers) 🌟 **(Recommended)**",
				"",
				"- Read with [my notes](https://links.example.com/Notes/Scheduling-notes) and **bin packing**.",
				"",
				"[2. CNCF - Queues](https://www.cncf.io/queues)",
				"",
				"## Data",
				"",
				"[1. Medium - Lakehouse](https://medium.com/lake)",
				"",
			].join("\n"),
		);
		expect(run(["publish", "newsletter", vault, "--format", "markdown"]).out).toBe("# Weekly Links: 12-01-2026 to 25-01-2026\n\n## Kubernetes\n\n[1. Draft - Not yet](https://draft.example/x) 🌟 **(Recommended)**\n");
	});

	it("writes e-mail HTML to --out, escaped, wiki-links as their text without a base URL; --dry-run writes nothing", () => {
		const vault = publishVault();
		const out = join(tempDir(), "mail", "issue.html");
		const dry = run(["publish", "newsletter", vault, "--digest", "Weekly/2025/15-12-2025 to 28-12-2025", "--out", out, "--dry-run"]);
		expect(dry.code, dry.err).toBe(0);
		expect(dry.out.startsWith(`Would create ${out}:\n`)).toBe(true);
		expect(existsSync(out)).toBe(false);
		const r = run(["publish", "newsletter", vault, "--digest", "Weekly/2025/15-12-2025 to 28-12-2025", "--out", out]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe(`Created ${out}.\n`);
		const html = read(out, "");
		expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
		expect(html).toContain("Streams &amp; &lt;tables&gt;</a>");
		expect(html).toContain("<li style=\"margin:2px 0\">Follows the lakehouse piece.</li>");
		expect(html).not.toMatch(/<script|class=/);
	});

	it("refuses to overwrite a digest with a newsletter", () => {
		const vault = publishVault();
		const files = snapshot(vault);
		const r = run(["publish", "newsletter", vault, "--out", join(vault, "Weekly/2025/01-12-2025 to 14-12-2025.md")]);
		expect(r.code).toBe(2);
		expect(r.err).toMatch(/is a digest; write the generated text into a note of its own/);
		expect(snapshot(vault)).toEqual(files);
	});
});

/** A vault where one note cannot be read, as with chmod 000 for another user (tests run as root, where chmod does not stop reading). */
class OneUnreadable extends VaultFs {
	constructor(root: string, private readonly path: string) {
		super(root);
	}
	protected override readFile(full: string): Buffer;
	protected override readFile(full: string, encoding: "utf8"): string;
	protected override readFile(full: string, encoding?: "utf8"): Buffer | string {
		if (full === join(this.root, this.path)) throw Object.assign(new Error("EACCES"), { code: "EACCES" });
		return encoding ? super.readFile(full, encoding) : super.readFile(full);
	}
}

describe("publish with a note it cannot read", () => {
	it("writes nothing that would leave the note out, and says so", async () => {
		const vault = publishVault();
		const files = snapshot(vault);
		for (const args of [["publish", "index", vault], ["publish", "recap", vault, "--from", "2025-01-01", "--to", "2026-12-31"], ["publish", "feed", vault, "--base-url", "https://links.example.com"]]) {
			let err = "";
			const code = await runCli(args, { out: () => {}, err: (t) => (err += t), today: () => new Date(2026, 0, 1), vaultFs: (root) => new OneUnreadable(root, "Weekly/2025/15-12-2025 to 28-12-2025.md") });
			expect(code, args.join(" ")).toBe(1);
			expect(err).toBe(`digest-curator: Weekly/2025/15-12-2025 to 28-12-2025.md could not be read (permission denied (EACCES)); it was left out.\ndigest-curator: Some notes could not be read (see above), and what is published would leave them out; nothing was written.\n`);
		}
		expect(snapshot(vault)).toEqual(files);
	});
});

describe("publish usage", () => {
	it("lists its subcommands, and names an unknown one in one sentence", () => {
		expect(run(["publish", "--help"]).out).toMatch(/publish index .*\n.*publish recap .*\n.*publish feed .*\n.*publish newsletter/);
		const r = run(["publish", "sitemap", publishVault()]);
		expect(r.code).toBe(2);
		expect(r.err).toBe('digest-curator publish: "sitemap" is not one of index, recap, feed, newsletter; run digest-curator publish --help.\n');
		expect(run(["--help"]).out).toMatch(/\n {2}publish {4}.*\n {2}stats {6}.*\n {2}links {6}.*\n {2}inbox {6}/);
	});
});
