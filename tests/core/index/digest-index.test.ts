import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { counts, DigestIndex } from "../../../src/core/index/digest-index";
import { completeSeries } from "../../../src/core/format/series";

const WEEKLY = completeSeries({ name: "Weekly", tag: "weeklylinks" });
const TECH = completeSeries({ name: "Tech", tag: "", folder: "Tech" });

function digest(title: string, body: string, tags = "[weeklylinks]", extra = ""): string {
	return `---\ntitle: "${title}"\ntags: ${tags}\n${extra}---\n${body}`;
}

const A = digest("Weekly Links: 01-01-2025 to 07-01-2025", [
	"# Kubernetes",
	"[1. Blog - Fleet management at scale](https://www.example.com/fleet?utm_source=x)",
	"",
	"- Pairs well with [[Cluster notes]] and [[Missing note]].",
	"",
	"[2. CNCF - Mesh basics](https://cncf.example.org/mesh) 🌟 **(Recommended)** #mesh",
	"# Data",
	"[1. Medium - Lakehouse in an afternoon](https://medium.example.com/lake) #storage/lake",
	"",
	"- About **Iceberg**; compare [[Notes/Lakehouse]].",
].join("\n"));

const B = digest("Weekly Links: 08-01-2025 to 14-01-2025", [
	"# Kubernetes",
	"[1. Blog - Fleet management, again](http://example.com/fleet/#top)",
	"# Career",
	"[1. Medium - Interview stories](https://medium.example.com/interview)",
	"",
	"- Read before [[Cluster notes#Prep]].",
].join("\n"), "[weeklylinks]", "draft: true\n");

function build(): DigestIndex {
	const index = new DigestIndex({ parseYaml, series: [WEEKLY, TECH] });
	for (const f of ["Cluster notes.md", "Notes/Lakehouse.md", "Other/plain.md"]) index.addFile(f);
	index.setNote("Digests/a.md", A);
	index.setNote("Digests/b.md", B);
	index.setNote("Other/plain.md", "# Not a digest\n[1. X - Y](https://z.com)\n");
	return index;
}

describe("DigestIndex", () => {
	it("indexes only notes of a series, in period order", () => {
		const index = build();
		expect(index.digests().map((d) => d.path)).toEqual(["Digests/a.md", "Digests/b.md"]);
		expect(index.get("Other/plain.md")).toBeNull();
		expect(index.entryCount()).toBe(5);
		expect(index.get("Digests/b.md")?.draft).toBe(true);
	});

	it("resolves commentary links against every vault file", () => {
		const links = build().get("Digests/a.md")!.categories.flatMap((c) => c.entries.flatMap((e) => e.links));
		expect(links.map((l) => [l.target, l.resolved])).toEqual([
			["Cluster notes", "Cluster notes.md"],
			["Missing note", null],
			["Notes/Lakehouse", "Notes/Lakehouse.md"],
		]);
	});

	it("re-resolves links when the note they name appears, moves or goes", () => {
		const index = build();
		const missing = () => index.get("Digests/a.md")!.categories[0]!.entries[0]!.links[1]!.resolved;
		expect(missing()).toBeNull();
		index.addFile("Ideas/Missing note.md");
		expect(missing()).toBe("Ideas/Missing note.md");
		expect(index.mentions("Ideas/Missing note.md").map((e) => e.entry.title)).toEqual(["Fleet management at scale"]);
		index.renameFile("Ideas/Missing note.md", "Ideas/Renamed.md");
		expect(missing()).toBeNull();
		expect(index.mentions("Ideas/Missing note.md")).toEqual([]);
	});

	it("finds mentions: entries whose commentary links to a note, groups included", () => {
		const index = build();
		expect(index.mentions("Cluster notes.md").map((e) => [e.digest.path, e.entry.title])).toEqual([
			["Digests/a.md", "Fleet management at scale"],
			["Digests/b.md", "Interview stories"],
		]);
		expect(index.mentions("Nowhere.md")).toEqual([]);
	});

	it("groups entries that share a link after normalising", () => {
		const groups = build().duplicates();
		expect(groups.map((g) => g.map((e) => `${e.digest.path}:${e.entry.line}`))).toEqual([["Digests/a.md:6", "Digests/b.md:7"]]);
		expect(build().findUrl("https://example.com/fleet").map((e) => e.entry.title)).toEqual(["Fleet management at scale", "Fleet management, again"]);
	});

	it("updates one note without touching the others", () => {
		const index = build();
		const before = index.get("Digests/b.md");
		index.setNote("Digests/a.md", A.replace("https://www.example.com/fleet?utm_source=x", "https://example.com/other"));
		expect(index.duplicates()).toEqual([]);
		expect(index.get("Digests/b.md")).toBe(before);
		expect(index.query({ text: "other" }).map((e) => e.entry.url)).toEqual(["https://example.com/other"]);
	});

	it("drops a note that stops being a digest, and a deleted one", () => {
		const index = build();
		index.setNote("Digests/a.md", A.replace("tags: [weeklylinks]", "tags: [archive]"));
		expect(index.get("Digests/a.md")).toBeNull();
		expect(index.mentions("Notes/Lakehouse.md")).toEqual([]);
		index.removeFile("Digests/b.md");
		expect(index.size).toBe(0);
		expect(index.duplicates()).toEqual([]);
	});

	it("moves a digest on rename when given its text", () => {
		const index = build();
		index.renameFile("Digests/a.md", "Digests/2025/a.md", A);
		expect(index.get("Digests/a.md")).toBeNull();
		expect(index.get("Digests/2025/a.md")?.title).toContain("01-01-2025");
		expect(index.duplicates()[0]!.map((e) => e.digest.path)).toEqual(["Digests/2025/a.md", "Digests/b.md"]);
	});

	it("bumps its revision on every change", () => {
		const index = build();
		const r = index.revision;
		index.setNote("Digests/a.md", A);
		expect(index.revision).toBeGreaterThan(r);
	});

	it("finds the latest digest of a series by period end, drafts included", () => {
		expect(build().latest("Weekly")?.path).toBe("Digests/b.md");
		expect(build().latest("Tech")).toBeNull();
	});

	it("answers folder-only series", () => {
		const index = build();
		index.setNote("Tech/x.md", "# Tools\n[1. A - B](https://tools.example.com)\n");
		expect(index.seriesOf("Tech/x.md")?.name).toBe("Tech");
		expect(index.digests("Tech").map((d) => d.path)).toEqual(["Tech/x.md"]);
	});
});

describe("DigestIndex.query", () => {
	const titles = (q: Parameters<DigestIndex["query"]>[0]) => build().query(q).map((e) => e.entry.title);

	it("matches every word in title, source, commentary, tags or URL, in any case", () => {
		expect(titles({ text: "ICEBERG" })).toEqual(["Lakehouse in an afternoon"]);
		expect(titles({ text: "medium interview" })).toEqual(["Interview stories"]);
		expect(titles({ text: "#mesh" })).toEqual(["Mesh basics"]);
		expect(titles({ text: "cncf.example.org" })).toEqual(["Mesh basics"]);
		expect(titles({ text: "fleet iceberg" })).toEqual([]);
		expect(titles({ text: "   " })).toHaveLength(5);
	});

	it("does not match a word that spans two entries", () => {
		// The last word of one entry and the first of the next must not join into a match.
		expect(titles({ text: "lake cluster" })).toEqual([]);
	});

	it("filters by category, source, tag (nested too), recommended, series and digest", () => {
		expect(titles({ category: "kubernetes" })).toEqual(["Fleet management at scale", "Mesh basics", "Fleet management, again"]);
		expect(titles({ source: "Medium" })).toEqual(["Lakehouse in an afternoon", "Interview stories"]);
		expect(titles({ tag: "storage" })).toEqual(["Lakehouse in an afternoon"]);
		expect(titles({ tag: "#storage/lake" })).toEqual(["Lakehouse in an afternoon"]);
		expect(titles({ recommended: true })).toEqual(["Mesh basics"]);
		expect(titles({ series: "Tech" })).toEqual([]);
		expect(titles({ digest: "Digests/b.md", drafts: true })).toHaveLength(2);
		expect(titles({ drafts: false })).toHaveLength(3);
	});

	it("filters by a period range that overlaps the digest's period", () => {
		expect(titles({ from: { year: 2025, month: 1, day: 8 } })).toEqual(["Fleet management, again", "Interview stories"]);
		expect(titles({ to: { year: 2025, month: 1, day: 7 } })).toHaveLength(3);
		expect(titles({ from: { year: 2025, month: 1, day: 5 }, to: { year: 2025, month: 1, day: 9 } })).toHaveLength(5);
		expect(titles({ from: { year: 2026, month: 1, day: 1 } })).toEqual([]);
	});

	it("sees a change to a digest in the next text query", () => {
		const index = build();
		expect(index.query({ text: "zeppelin" })).toEqual([]);
		index.setNote("Digests/b.md", B.replace("Interview stories", "Zeppelin stories"));
		expect(index.query({ text: "zeppelin" }).map((e) => e.entry.title)).toEqual(["Zeppelin stories"]);
	});

	it("counts entries per category, source and tag", () => {
		const c = counts(build().query());
		expect(Object.fromEntries(c.categories)).toEqual({ Kubernetes: 3, Data: 1, Career: 1 });
		expect(Object.fromEntries(c.sources)).toEqual({ Blog: 2, CNCF: 1, Medium: 2 });
		expect(Object.fromEntries(c.tags)).toEqual({ mesh: 1, "storage/lake": 1 });
	});
});

describe("DigestIndex.warm", () => {
	const snapshot = (index: DigestIndex) => ({
		dups: index.duplicates().map((g) => g.map((e) => `${e.digest.path}:${e.entry.line}`)),
		cluster: index.mentions("Cluster notes.md").map((e) => `${e.digest.path}:${e.entry.line}`),
		words: index.query({ text: "interview" }).map((e) => e.entry.title),
	});

	it("makes the link maps and word index a slice at a time, with changes in between", () => {
		const index = build();
		let budget = 0;
		const stop = () => budget-- <= 0;
		budget = 1;
		expect(index.warm(stop)).toBe(false);
		// A change while half made: the note replaced, a file appearing, a digest gone and back.
		index.setNote("Digests/a.md", A.replace("Fleet management at scale", "Fleet management at scale, revised"));
		index.addFile("Ideas/Missing note.md");
		index.removeNote("Digests/b.md");
		budget = 1;
		index.warm(stop);
		index.setNote("Digests/b.md", B);
		budget = 100;
		expect(index.warm(stop)).toBe(true);
		const fresh = build();
		fresh.setNote("Digests/a.md", A.replace("Fleet management at scale", "Fleet management at scale, revised"));
		fresh.addFile("Ideas/Missing note.md");
		expect(snapshot(index)).toEqual(snapshot(fresh));
		expect(snapshot(index).dups).toHaveLength(1);
	});

	it("answers queries correctly when asked before warming is done", () => {
		const index = build();
		let budget = 1;
		index.warm(() => budget-- <= 0);
		expect(snapshot(index)).toEqual(snapshot(build()));
	});
});
