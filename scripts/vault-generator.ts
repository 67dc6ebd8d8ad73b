/**
 * Deterministic generator of synthetic digest vaults, for benchmarks and large-vault tests.
 * Same options and seed, same bytes: a seeded PRNG drives every choice (never Math.random).
 *
 *   tsx scripts/vault-generator.ts OUT_DIR --digests 1000 [--entries 20] [--seed 1] [--tag weeklylinks] [--crlf-every 7]
 *
 * The digests carry the format's quirks at realistic rates (FORMAT.md): groups, recommended flags
 * (also as mojibake), entry tags, unnumbered and sourceless entries, the mistyped `Source -Title`
 * separator, headings right after commentary, nested bullets, fenced code and comments holding fake
 * entries, inline code, `<...>` destinations, URLs with parentheses, CRLF files, BOMs, drafts and
 * links shared again in later digests (some with `www.` or `utm_*` variants).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { dateFormat } from "../src/core/format/dates";

export interface VaultOptions {
	/** Number of digests (one a week, consecutive periods). */
	digests: number;
	/** Average entries per digest; default 20. */
	entriesPerDigest?: number;
	/** PRNG seed; default 1. */
	seed?: number;
	/** Frontmatter tag of the series; default "weeklylinks". */
	tag?: string;
	/** Every n-th digest is written with CRLF line endings; default 7, 0 for none. */
	crlfEvery?: number;
	// The series' shape (the defaults give the layout above; series detection is tested on others).
	/** Folder of the digests; default "Digests". */
	folder?: string;
	/** Title with `{{start}}` and `{{end}}`; default "Weekly Links: {{start}} to {{end}}". */
	titleTemplate?: string;
	/** Path under the folder, without `.md`; `{{year}}` is the start's year; default "{{year}}/{{start}} to {{end}}". */
	fileNameTemplate?: string;
	/** moment-style date format of titles and names (a `/` is written `-` in names); default "DD-MM-YYYY". */
	dateFormat?: string;
	/** Heading level of the categories; default 1. */
	categoryLevel?: number;
	/** Write a `# Title` heading above the categories (with a category level of 2 or more); default false. */
	titleHeading?: boolean;
	/** Days in a period; default 7. */
	periodDays?: number;
	/** Tags every digest carries besides `tag`; default ["collections"]. */
	extraTags?: string[];
	/** Start every digest with a cover embed; default true. */
	cover?: boolean;
	/** Also write a template note at this vault path: the series' tags and categories as empty headings. */
	templateNote?: string;
	/** Also write the local notes and cover images the digests link to; default true. */
	notes?: boolean;
}

/** Category headings, in the series' order; each digest uses 4-8 of them. */
export const CATEGORIES = [
	"Kubernetes",
	"Cloud Native",
	"Architecture",
	"Data Engineering",
	"Databases",
	"Observability",
	"Security",
	"Networking",
	"Programming Languages",
	"DevOps / Platform",
	"AIOps / MLOps / LLMOps",
	"Frontend",
	"Career & Leadership",
	"Tools",
];

/** Words of the commentary; every one of them appears in many entries. */
export const COMMON_WORDS = [
	"the", "a", "an", "and", "or", "but", "with", "without", "for", "from", "into", "about", "over", "under",
	"this", "that", "these", "those", "it", "they", "we", "you", "our", "their", "is", "are", "was", "can",
	"should", "will", "might", "must", "really", "quite", "very", "also", "still", "just", "only", "even",
	"article", "author", "guide", "post", "series", "talk", "story", "walkthrough", "benchmark", "experiment",
	"cluster", "service", "workload", "pipeline", "deployment", "rollout", "migration", "upgrade", "outage",
	"incident", "latency", "throughput", "memory", "storage", "network", "traffic", "request", "query",
	"index", "schema", "table", "partition", "replica", "shard", "cache", "queue", "stream", "event",
	"contract", "interface", "boundary", "module", "library", "framework", "runtime", "compiler", "kernel",
	"scheduler", "controller", "operator", "gateway", "proxy", "mesh", "sidecar", "agent", "collector",
	"metric", "trace", "log", "alert", "dashboard", "budget", "cost", "capacity", "scaling", "autoscaling",
	"security", "policy", "identity", "secret", "certificate", "token", "permission", "audit", "compliance",
	"team", "engineer", "platform", "developer", "experience", "ownership", "review", "practice", "culture",
	"explains", "shows", "compares", "describes", "measures", "argues", "builds", "breaks", "fixes",
	"simple", "practical", "detailed", "honest", "opinionated", "surprising", "useful", "hands-on", "deep",
	"production", "staging", "local", "remote", "distributed", "consistent", "durable", "reliable", "fast",
	"tradeoff", "approach", "pattern", "lesson", "mistake", "pitfall", "checklist", "example", "result",
	"design", "tuning", "testing", "debugging", "profiling", "monitoring", "tracing", "caching", "batching",
	"worth", "reading", "bookmark", "weekend", "coffee", "later", "again", "finally", "today", "recently",
];

/** Technologies: bold keywords, titles and note names. */
export const TECH = [
	"Kubernetes", "Terraform", "Postgres", "Kafka", "eBPF", "WebAssembly", "Rust", "Go", "gRPC", "Envoy",
	"Istio", "Linkerd", "Prometheus", "OpenTelemetry", "Grafana", "ArgoCD", "Flux", "Helm", "Karpenter",
	"Cilium", "DuckDB", "Iceberg", "Spark", "Flink", "ClickHouse", "Redis", "SQLite", "Vector Search",
	"LLM Inference", "RAG", "KServe", "Ray", "Airflow", "dbt", "Trino", "Vault", "SPIFFE", "Kyverno",
	"Falco", "Backstage", "Crossplane", "Nix", "Bazel", "TypeScript", "Python", "Zig", "Temporal",
	"NATS", "Pulsar", "CockroachDB",
];

/** Words that occur in a handful of entries of a large vault: what a rare-word query looks for. */
export const RARE_WORDS = ["zymurgy", "quillwort", "fenestration", "gallimaufry", "crwth", "sesquipedal", "borborygmus", "tintinnabulum"];

const SOURCES: { name: string; host: string; prefix: string }[] = [
	{ name: "Medium", host: "medium.com", prefix: "@writer" },
	{ name: "CNCF", host: "www.cncf.io", prefix: "blog" },
	{ name: "GitHub", host: "github.com", prefix: "awesome-org" },
	{ name: "Blog", host: "blog.example.dev", prefix: "posts" },
	{ name: "InfoQ", host: "www.infoq.com", prefix: "articles" },
	{ name: "The New Stack", host: "thenewstack.io", prefix: "" },
	{ name: "AWS", host: "aws.amazon.com", prefix: "blogs/architecture" },
	{ name: "Google Cloud", host: "cloud.google.com", prefix: "blog/products" },
	{ name: "Netflix TechBlog", host: "netflixtechblog.com", prefix: "" },
	{ name: "Uber Engineering", host: "www.uber.com", prefix: "blog" },
	{ name: "Dev.to", host: "dev.to", prefix: "someone" },
	{ name: "Substack", host: "newsletter.example.com", prefix: "p" },
	{ name: "YouTube", host: "www.youtube.com", prefix: "watch" },
	{ name: "Alibaba", host: "www.alibabacloud.com", prefix: "blog" },
];

const TITLE_TEMPLATES = [
	"How we run {T} at scale",
	"A practical guide to {T} {w}",
	"{T} {w}: what we learned",
	"Why {T} is not always the answer",
	"Ten minutes with {T} and {U}",
	"From {U} to {T}: a migration story",
	"Debugging {T} in production",
	"{T} vs {U}, an honest comparison",
	"The hidden cost of {T}",
	"Building a {w} with {T}",
];

const NOTE_SUFFIXES = ["", " Internals", " Patterns", " Cheatsheet"];
const ENTRY_TAGS = ["must-read", "kubernetes/operators", "deep-dive", "video", "long-read", "data/streaming", "security/supply-chain", "beginner"];
const PREAMBLES = [
	"A quiet week: fewer links, longer reads.",
	"Mostly conference talks this time; the videos are worth the hour.",
	"Catching up after a holiday, so this one covers two weeks of reading.",
];

/** mulberry32: small, fast, and the same sequence on every platform for a given seed. */
class Prng {
	private state: number;
	constructor(seed: number) {
		this.state = seed >>> 0;
	}
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	/** Integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]!;
	}
}

function tailWords(count: number): string[] {
	const onsets = ["b", "br", "c", "d", "dr", "f", "g", "gl", "h", "k", "l", "m", "n", "p", "pl", "r", "s", "st", "t", "tr", "v", "z"];
	const vowels = ["a", "e", "i", "o", "u", "ai", "ou"];
	const codas = ["", "n", "r", "s", "x", "l", "m"];
	const rng = new Prng(0x5eed);
	const seen = new Set<string>();
	const words: string[] = [];
	while (words.length < count) {
		let w = "";
		const syllables = rng.int(2, 3);
		for (let k = 0; k < syllables; k++) w += rng.pick(onsets) + rng.pick(vowels);
		w += rng.pick(codas);
		if (!seen.has(w)) {
			seen.add(w);
			words.push(w);
		}
	}
	return words;
}

/**
 * A long tail of made-up words, drawn by Zipf's law (rank r with weight 1/r) for a quarter of the
 * commentary's words, so that word frequencies spread like real text: in a 100k-entry vault the
 * first words occur in most entries, the 100th in a few percent, the 1000th in a few hundred.
 */
export const TAIL_WORDS: readonly string[] = tailWords(3000);

/** Cumulative Zipf weights of TAIL_WORDS, for a binary search per draw. */
const TAIL_CDF: number[] = (() => {
	const cdf: number[] = [];
	let sum = 0;
	for (let r = 1; r <= TAIL_WORDS.length; r++) cdf.push((sum += 1 / r));
	return cdf.map((c) => c / sum);
})();

function tailWord(rng: Prng): string {
	const x = rng.next();
	let lo = 0;
	let hi = TAIL_CDF.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (TAIL_CDF[mid]! < x) lo = mid + 1;
		else hi = mid;
	}
	return TAIL_WORDS[lo]!;
}

const DAY_MS = 86_400_000;
/** The last generated period ends on this Sunday; earlier digests go back one week each. */
const LAST_END_UTC = Date.UTC(2025, 9, 5);

function formatDay(ms: number, format: string): string {
	const d = new Date(ms);
	return dateFormat(format).format({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

function fill(template: string, values: Record<string, string>): string {
	return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Vault path of a generated note (a tenth of them one folder deeper). */
function notePath(index: number, name: string): string {
	return index % 10 === 9 ? `Notes/Topics/${name}.md` : `Notes/${name}.md`;
}

/** The ~200 local notes the commentary links to. */
function noteNames(): string[] {
	const names: string[] = [];
	for (const suffix of NOTE_SUFFIXES) for (const t of TECH) names.push(`${t}${suffix}`);
	return names;
}

interface UrlPool {
	urls: string[];
	/** URLs of the digests before the current one: only those are shared again. */
	earlier: number;
	next: number;
}

/**
 * Generates a vault: digests under `Digests/YYYY/`, notes under `Notes/`, cover images under
 * `Attachments/`. Keys are vault paths with `/`; values the files' text.
 */
export function generateVault(options: VaultOptions): Map<string, string> {
	const digests = Math.max(0, Math.floor(options.digests));
	const perDigest = Math.max(1, Math.floor(options.entriesPerDigest ?? 20));
	const rng = new Prng(options.seed ?? 1);
	const tag = options.tag ?? "weeklylinks";
	const crlfEvery = options.crlfEvery ?? 7;
	const shape: Shape = {
		titleTemplate: options.titleTemplate ?? "Weekly Links: {{start}} to {{end}}",
		categoryLevel: options.categoryLevel ?? 1,
		titleHeading: options.titleHeading ?? false,
		tags: [tag, ...(options.extraTags ?? ["collections"])],
		cover: options.cover ?? true,
	};
	const folder = options.folder ?? "Digests";
	const fileNameTemplate = options.fileNameTemplate ?? "{{year}}/{{start}} to {{end}}";
	const format = options.dateFormat ?? "DD-MM-YYYY";
	const periodDays = Math.max(1, Math.floor(options.periodDays ?? 7));
	const files = new Map<string, string>();

	const names = noteNames();
	if (options.notes !== false) names.forEach((name, i) => {
		const others = [names[(i + 1) % names.length]!, names[(i + 17) % names.length]!];
		const text = [
			`# ${name}`,
			"",
			`Working notes about ${name}: what to read first and what to try next.`,
			"",
			"## Links",
			"",
			...others.map((o) => `- [[${o}]]`),
			"",
		].join("\n");
		files.set(notePath(i, name), text);
	});
	const covers = 12;
	for (let c = 0; c < covers && options.notes !== false; c++) {
		files.set(`Attachments/cover-${String(c).padStart(2, "0")}.svg`, `<svg xmlns="http://www.w3.org/2000/svg" width="500" height="250"><rect width="500" height="250" fill="#${(0x203040 + c * 0x0a0b0c).toString(16).slice(-6)}"/></svg>\n`);
	}

	const pool: UrlPool = { urls: [], earlier: 0, next: 0 };
	const firstStart = LAST_END_UTC - (periodDays - 1) * DAY_MS - (digests - 1) * periodDays * DAY_MS;
	const nameFormat = format.replace(/\//g, "-");
	for (let d = 0; d < digests; d++) {
		const start = firstStart + d * periodDays * DAY_MS;
		const end = start + (periodDays - 1) * DAY_MS;
		const year = String(new Date(start).getUTCFullYear());
		const title = fill(shape.titleTemplate, { start: formatDay(start, format), end: formatDay(end, format), year });
		const name = fill(fileNameTemplate, { start: formatDay(start, nameFormat), end: formatDay(end, nameFormat), year });
		const draft = d === digests - 1 || rng.chance(0.01);
		pool.earlier = pool.urls.length;
		let text = digestText(rng, { title, shape, draft, perDigest, names, pool, cover: d % covers });
		if (crlfEvery > 0 && (d + 1) % crlfEvery === 0) text = text.replace(/\n/g, "\r\n");
		if (rng.chance(0.02)) text = `\uFEFF${text}`;
		files.set(`${folder ? `${folder}/` : ""}${name}.md`, text);
	}
	if (options.templateNote) {
		const hashes = "#".repeat(shape.categoryLevel);
		const lines = ["---", 'title: "{{title}}"', "tags:", ...shape.tags.map((t) => `  - ${t}`), "---", ""];
		if (shape.cover) lines.push("![[cover-00.svg|center|500]]", "");
		for (const c of CATEGORIES) lines.push(`${hashes} ${c}`, "");
		files.set(options.templateNote, lines.join("\n"));
	}
	return files;
}

interface Shape {
	titleTemplate: string;
	categoryLevel: number;
	titleHeading: boolean;
	/** The series' tag first. */
	tags: string[];
	cover: boolean;
}

interface DigestSpec {
	title: string;
	shape: Shape;
	draft: boolean;
	perDigest: number;
	names: string[];
	pool: UrlPool;
	cover: number;
}

function digestText(rng: Prng, spec: DigestSpec): string {
	const { shape } = spec;
	const out: string[] = ["---", `title: "${spec.title}"`];
	if (rng.chance(0.25)) out.push(`tags: [${shape.tags.join(", ")}]`);
	else out.push("tags:", ...shape.tags.map((t) => `  - ${t}`));
	if (spec.draft) out.push("draft: true");
	out.push("---", "");
	if (shape.cover) out.push(`![[cover-${String(spec.cover).padStart(2, "0")}.svg|center|500]]`, "");
	if (rng.chance(0.3)) out.push(rng.pick(PREAMBLES), "");
	if (shape.titleHeading) out.push(`# ${spec.title}`, "");
	const hashes = "#".repeat(shape.categoryLevel);

	// 4-8 categories in the series' order, the entries spread over them.
	const count = rng.int(4, 8);
	const chosen = new Set<number>();
	while (chosen.size < count) chosen.add(rng.int(0, CATEGORIES.length - 1));
	const cats = [...chosen].sort((a, b) => a - b).map((i) => CATEGORIES[i]!);
	const total = Math.max(count, spec.perDigest + rng.int(-3, 3));
	const sizes = cats.map(() => 1);
	for (let k = count; k < total; k++) sizes[rng.int(0, count - 1)]!++;

	cats.forEach((cat, ci) => {
		// Now and then the author types the heading right under the last commentary line.
		if (ci > 0 && rng.chance(0.8)) out.push("");
		out.push(`${hashes} ${cat}`, "");
		let n = 0;
		while (n < sizes[ci]!) {
			const groupSize = Math.min(sizes[ci]! - n, rng.chance(0.08) ? rng.int(2, 3) : 1);
			for (let g = 0; g < groupSize; g++) {
				n++;
				if (g > 0) out.push("");
				out.push(entryLine(rng, n, spec.pool));
			}
			out.push("");
			commentary(rng, spec.names, out);
			if (n < sizes[ci]!) out.push("");
		}
	});
	out.push("");
	return out.join("\n");
}

/**
 * A generated digest rewritten in the list style (FORMAT.md, "List style"): every entry line a
 * `- ` item (every fifth with a `[video]` kind), the commentary after it nested under it with a
 * tab, the blank line between them dropped. The same entries, links and words as the line style.
 */
export function toListStyle(text: string): string {
	const lines = text.split("\n");
	const out: string[] = [];
	let inEntry = false;
	let n = 0;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		if (line.startsWith("[") && !line.startsWith("[[") && line.indexOf("](") > 0) {
			out.push(`- ${++n % 5 === 0 ? "[video] " : ""}${line}`);
			inEntry = true;
			continue;
		}
		if (inEntry && line.trim() === "" && (lines[i + 1] ?? "").startsWith("- ")) continue;
		if (inEntry && /^\s*[-*] /.test(line)) {
			out.push(`\t${line}`);
			continue;
		}
		if (line.trim() !== "") inEntry = false;
		out.push(line);
	}
	return out.join("\n");
}

function titleFor(rng: Prng): string {
	return rng
		.pick(TITLE_TEMPLATES)
		.replace("{T}", rng.pick(TECH))
		.replace("{U}", rng.pick(TECH))
		.replace("{w}", rng.pick(["pipeline", "operator", "platform", "migration", "cluster", "gateway", "benchmark"]));
}

function slug(text: string): string {
	return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** A link shared before, as written then or with a `www.` or tracking-parameter variant. */
function sharedAgain(rng: Prng, url: string): string {
	const r = rng.next();
	if (r < 0.4) return url;
	if (r < 0.7) return url.includes("://www.") ? url.replace("://www.", "://") : url.replace("://", "://www.");
	return `${url}${url.includes("?") ? "&" : "?"}utm_source=newsletter&utm_medium=email`;
}

function entryLine(rng: Prng, n: number, pool: UrlPool): string {
	const src = rng.pick(SOURCES);
	const title = titleFor(rng);
	let url: string;
	if (pool.earlier > 50 && rng.chance(0.03)) {
		url = sharedAgain(rng, pool.urls[rng.int(0, pool.earlier - 1)]!);
	} else {
		const id = (pool.next++).toString(36);
		if (rng.chance(0.01)) url = `https://en.wikipedia.org/wiki/${rng.pick(TECH).replace(/ /g, "_")}_(software_${id})`;
		else if (src.name === "YouTube") url = `https://${src.host}/watch?v=${id}x${rng.int(100, 999)}`;
		else url = `https://${src.host}/${src.prefix ? `${src.prefix}/` : ""}${slug(title)}-${id}`;
		pool.urls.push(url);
	}
	const dest = rng.chance(0.01) ? `<${url}>` : url;

	let text: string;
	const r = rng.next();
	if (r < 0.02) text = title; // unnumbered, no source
	else if (r < 0.05) text = `${n}. ${title}`; // no source
	else if (r < 0.055) text = `${n}. ${src.name} -${title}`; // the mistyped separator
	else text = `${n}. ${src.name} - ${title}`;

	let line = `[${text}](${dest})`;
	if (rng.chance(0.1)) {
		const m = rng.next();
		line += m < 0.2 ? " ðŸŒŸ **(Recommended)**" : m < 0.3 ? " ⭐ (Recommended)" : " 🌟 **(Recommended)**";
	}
	if (rng.chance(0.08)) {
		line += ` #${rng.pick(ENTRY_TAGS)}`;
		if (rng.chance(0.3)) line += ` #${rng.pick(ENTRY_TAGS)}`;
	}
	return line;
}

function wikiLink(rng: Prng, names: readonly string[]): string {
	if (rng.chance(0.03)) return `[[${rng.pick(TECH)} Reading List ${rng.int(1, 9)}]]`; // no such note
	const i = rng.int(0, names.length - 1);
	const name = names[i]!;
	const r = rng.next();
	if (r < 0.1) return `[[${name}|${name.toLowerCase()}]]`;
	if (r < 0.15) return `[[${name}#Links]]`;
	if (r < 0.2) return `[[${notePath(i, name).slice(0, -3)}]]`;
	return `[[${name}]]`;
}

/** One bullet's text, about 150 characters, with bold keywords and maybe a wiki-link. */
function sentence(rng: Prng, names: readonly string[]): string {
	const target = rng.int(120, 180);
	const parts: string[] = [];
	let len = 0;
	let linked = false;
	while (len < target) {
		let w: string;
		const r = rng.next();
		if (r < 0.06) w = `**${rng.pick(TECH)}**`;
		else if (r < 0.075 && !linked) {
			w = wikiLink(rng, names);
			linked = true;
		} else if (r < 0.078) w = `\`${rng.pick(["kubectl get pods", "SELECT 1", "[1. x](y)", "#not-a-tag", "go test ./..."])}\``;
		else if (r < 0.07803) w = rng.pick(RARE_WORDS);
		else if (r < 0.33) w = tailWord(rng);
		else w = rng.pick(COMMON_WORDS);
		parts.push(w);
		len += w.length + 1;
	}
	const s = parts.join(" ");
	return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

function commentary(rng: Prng, names: readonly string[], out: string[]): void {
	const bullets = rng.int(2, 5);
	for (let b = 0; b < bullets; b++) {
		out.push(`- ${sentence(rng, names)}`);
		if (rng.chance(0.08)) out.push(`\t- ${sentence(rng, names)}`);
		if (rng.chance(0.015)) out.push(`- %% note to self: compare with [[${rng.pick(names)}]] %% ${rng.pick(COMMON_WORDS)} ${rng.pick(COMMON_WORDS)}.`);
	}
	const r = rng.next();
	if (r < 0.008) {
		out.push("", "```markdown", "# Not A Category", `[1. Fake - An entry inside a fence](https://example.invalid/fence-${rng.int(1, 1e6)})`, "```");
	} else if (r < 0.014) {
		out.push("<!-- to sort later:", `[9. Fake - A hidden entry](https://example.invalid/hidden-${rng.int(1, 1e6)})`, "-->");
	}
}

/** Writes the files under `dir`, creating folders as needed. */
export function writeVault(dir: string, files: ReadonlyMap<string, string>): void {
	const made = new Set<string>();
	for (const [path, text] of files) {
		const full = join(dir, ...path.split("/"));
		const folder = dirname(full);
		if (!made.has(folder)) {
			mkdirSync(folder, { recursive: true });
			made.add(folder);
		}
		writeFileSync(full, text, "utf8");
	}
}

function main(argv: string[]): void {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			digests: { type: "string" },
			entries: { type: "string" },
			seed: { type: "string" },
			tag: { type: "string" },
			"crlf-every": { type: "string" },
		},
	});
	const out = positionals[0];
	if (!out) {
		console.error("Usage: tsx scripts/vault-generator.ts OUT_DIR [--digests 1000] [--entries 20] [--seed 1] [--tag weeklylinks] [--crlf-every 7]");
		process.exitCode = 2;
		return;
	}
	const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
	const files = generateVault({
		digests: num(values.digests, 1000),
		entriesPerDigest: num(values.entries, 20),
		seed: num(values.seed, 1),
		tag: values.tag ?? "weeklylinks",
		crlfEvery: num(values["crlf-every"], 7),
	});
	writeVault(resolve(out), files);
	console.log(`Wrote ${files.size} files to ${resolve(out)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
