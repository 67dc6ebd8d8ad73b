import { compareDates, dateFormat, type DateFormat } from "../format/dates";
import type { YamlParser } from "../format/frontmatter";
import { completeSeries, DEFAULT_SERIES, hasTag, isUnderFolder } from "../format/series";
import type { DayDate, Series } from "../format/types";
import { looksLikeDigest, looksLikeList, profileNote, type NoteInput, type NoteProfile } from "./note-profile";

/**
 * Finds the digest series of a vault from its notes alone: notes that share a frontmatter tag (or
 * a folder) and whose bodies hold numbered link entries under headings. For each series it reads
 * what a saved Series holds (tag, folder, title and file name templates, date format, category
 * level and order, template note, extra tags, cover line) and how sure it is of each.
 *
 * One pass over each note's lines (note-profile.ts), then work on the profiles only: counts per
 * tag, per title shape and per folder; never a pass over text per pair of notes.
 */

/** The date formats detection tries, most usual first: a tie goes to the earlier one. */
export const DATE_FORMATS: readonly string[] = [
	"DD-MM-YYYY",
	"YYYY-MM-DD",
	"DD.MM.YYYY",
	"DD/MM/YYYY",
	"MM/DD/YYYY",
	"MM-DD-YYYY",
	"YYYY/MM/DD",
	"YYYY.MM.DD",
	"D MMMM YYYY",
	"MMMM D, YYYY",
	"D MMM YYYY",
	"MMM D, YYYY",
	"MMMM D YYYY",
	"D-M-YYYY",
	"D.M.YYYY",
	"D/M/YYYY",
	"M/D/YYYY",
	"YYYYMMDD",
];

/** The fields of a detected series that carry a confidence. */
export const DETECTED_FIELDS = [
	"name",
	"tag",
	"folder",
	"titleTemplate",
	"fileNameTemplate",
	"dateFormat",
	"categoryLevel",
	"categories",
	"templateNote",
	"extraTags",
	"cover",
	"periodDays",
] as const;

export type DetectedField = (typeof DETECTED_FIELDS)[number];

/** A series found in the vault: the fields of a saved Series, under the same names, and more. */
export interface DetectedSeries extends Series {
	/** The usual length of a digest's period in days (end day included); null when no digest has one. */
	periodDays: number | null;
	/** How sure detection is of each field, 0 (a guess) to 1 (every note agrees). */
	confidence: Record<DetectedField, number>;
	/** Notes the series claims (its template excluded). */
	notes: number;
	/** Of them, the ones with numbered entries under headings. */
	digests: number;
	/** Vault paths of the notes it claims, sorted. */
	paths: string[];
	/** List style: the marker most of its entries start with (`-`, `*`, `+`, `1.`); absent in the line style. */
	listMarker?: string;
}

export interface SeriesDetection {
	/** Series found by tag first (the strongest first), then by folder: the order they claim notes in. */
	series: DetectedSeries[];
	/** Notes that look like digests but fit no series, sorted. */
	unmatched: string[];
	/** Markdown notes read. */
	notesRead: number;
}

export interface DetectOptions {
	/** YAML for frontmatter the fast reader cannot read; without it such frontmatter counts as none. */
	parseYaml?: YamlParser;
	/** Fewest digests that make a series; default 2. */
	minDigests?: number;
}

/** Detects the series of a vault from its notes (non-Markdown paths are skipped). */
export function detectSeries(notes: Iterable<NoteInput>, options: DetectOptions = {}): SeriesDetection {
	const profiles: NoteProfile[] = [];
	for (const n of notes) if (n.path.toLowerCase().endsWith(".md")) profiles.push(profileNote(n.path, n.text, options.parseYaml));
	return detectFromProfiles(profiles, options);
}

/** A detected series as a Series to save: only the saved fields, completed and cleaned. */
export function toSeries(d: DetectedSeries): Series {
	return completeSeries({
		name: d.name,
		tag: d.tag,
		folder: d.folder,
		titleTemplate: d.titleTemplate,
		fileNameTemplate: d.fileNameTemplate,
		dateFormat: d.dateFormat,
		categoryLevel: d.categoryLevel,
		categories: [...d.categories],
		templateNote: d.templateNote,
		extraTags: [...(d.extraTags ?? [])],
		cover: d.cover ?? "",
		entryStyle: d.entryStyle,
		collection: d.collection,
	});
}

/** A confidence in a word: "sure" (0.9 and more), "likely" (0.6 and more), else "a guess". */
export function confidenceWord(c: number): "sure" | "likely" | "a guess" {
	return c >= 0.9 ? "sure" : c >= 0.6 ? "likely" : "a guess";
}

/** Detection over profiles already read (the CLI reads notes one at a time and keeps only these). */
export function detectFromProfiles(input: readonly NoteProfile[], options: DetectOptions = {}): SeriesDetection {
	const profiles = [...input].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	const min = Math.max(1, options.minDigests ?? 2);
	const digestLike = profiles.map(looksLikeDigest);
	const titleKeys = profiles.map((p) => titleKey(p.title));
	const folderKeys = profiles.map((p) => seriesFolderOf(p.folder));
	const owner = new Int32Array(profiles.length).fill(-1);
	const specs: { tag: string; folder: string | null; digests: number[] }[] = [];

	// 1. Tags: the best-scoring tag takes its digests, until no tag holds enough free ones.
	const tags = collectTags(profiles, digestLike);
	for (;;) {
		let best: { info: TagInfo; free: number[]; score: number; affinity: boolean } | null = null;
		for (const info of tags.values()) {
			const free = info.digests.filter((i) => owner[i]! < 0);
			const elsewhere = info.digests.length - free.length;
			if (free.length < min || elsewhere >= free.length) continue;
			const h = homogeneity(free, titleKeys, folderKeys);
			const score = free.length * h * h - elsewhere;
			const affinity = tagAffinity(info.key, free, titleKeys, folderKeys);
			if (!best || better({ score, affinity, info }, best)) best = { info, free, score, affinity };
		}
		if (!best) break;
		for (const i of best.free) owner[i] = specs.length;
		specs.push({ tag: mostUsed(best.info.spellings), folder: null, digests: best.free });
	}

	// 2. Folders: digests that no tag gathered, by the folder their series would live in.
	const byFolder = new Map<string, number[]>();
	profiles.forEach((_, i) => {
		const f = folderKeys[i]!;
		if (!digestLike[i] || owner[i]! >= 0 || f === "") return;
		const list = byFolder.get(f.toLowerCase());
		if (list) list.push(i);
		else byFolder.set(f.toLowerCase(), [i]);
	});
	const folderGroups = [...byFolder.values()].filter((g) => g.length >= min).sort((a, b) => b.length - a.length);
	for (const g of folderGroups) {
		for (const i of g) owner[i] = specs.length;
		specs.push({ tag: "", folder: folderKeys[g[0]!]!, digests: g });
	}

	// 3. Each series' fields; a note goes to the first series that claims it, as seriesOfNote does.
	const claimed = new Set<number>();
	const series: DetectedSeries[] = [];
	for (const spec of specs) series.push(buildSeries(spec, profiles, digestLike, claimed));
	// In the order they claimed their notes (tags by score, then folders), as a saved list is read.
	uniqueNames(series);
	const unmatched = profiles.filter((p, i) => digestLike[i] && !claimed.has(i)).map((p) => p.path);
	return { series, unmatched, notesRead: profiles.length };
}

// ---------------------------------------------------------------------------------------------
// Tags

interface TagInfo {
	/** Lower-cased tag. */
	key: string;
	spellings: Map<string, number>;
	/** Indexes of the digest-like notes that carry it. */
	digests: number[];
	/** Notes that carry it, digests or not. */
	all: number;
	/** Sum of its positions in the digests' tag lists: a series' own tag usually comes first. */
	positions: number;
}

/** Every tag of every note, a nested tag counting for its parents too, as Obsidian counts them. */
function collectTags(profiles: readonly NoteProfile[], digestLike: readonly boolean[]): Map<string, TagInfo> {
	const tags = new Map<string, TagInfo>();
	profiles.forEach((p, i) => {
		const seen = new Set<string>();
		p.tags.forEach((tag, pos) => {
			const parts = tag.split("/");
			for (let k = 1; k <= parts.length; k++) {
				const written = parts.slice(0, k).join("/");
				const key = written.toLowerCase();
				if (key === "" || /^[\d/]+$/.test(key) || seen.has(key)) continue;
				seen.add(key);
				let info = tags.get(key);
				if (!info) tags.set(key, (info = { key, spellings: new Map(), digests: [], all: 0, positions: 0 }));
				info.all++;
				info.spellings.set(written, (info.spellings.get(written) ?? 0) + 1);
				if (digestLike[i]) {
					info.digests.push(i);
					info.positions += pos;
				}
			}
		});
	});
	return tags;
}

function better(a: { score: number; affinity: boolean; info: TagInfo }, b: { score: number; affinity: boolean; info: TagInfo }): boolean {
	if (Math.abs(a.score - b.score) > 1e-9) return a.score > b.score;
	if (a.affinity !== b.affinity) return a.affinity;
	// A tag that many other notes carry too (`#tech`) is less likely the series' own; a draft or an
	// index note carrying the series' tag must not tip it, hence the margin.
	const purityA = a.info.digests.length / a.info.all;
	const purityB = b.info.digests.length / b.info.all;
	if (Math.abs(purityA - purityB) > 0.1) return purityA > purityB;
	const pa = a.info.positions / Math.max(1, a.info.digests.length);
	const pb = b.info.positions / Math.max(1, b.info.digests.length);
	if (pa !== pb) return pa < pb;
	if (purityA !== purityB) return purityA > purityB;
	return a.info.key < b.info.key;
}

/** How much a set of digests looks like one series: the share of its usual title shape, or of its usual folder. */
function homogeneity(notes: readonly number[], titleKeys: readonly string[], folderKeys: readonly string[]): number {
	const titles = mode(notes.map((i) => titleKeys[i]!));
	const folders = mode(notes.map((i) => folderKeys[i]!).filter((f) => f !== ""));
	return Math.max(titles.count, folders.count) / notes.length;
}

/** Whether the tag reads like the series' title or folder (`weeklylinks` for "Weekly Links: ..."). */
function tagAffinity(tag: string, notes: readonly number[], titleKeys: readonly string[], folderKeys: readonly string[]): boolean {
	const t = letters(tag);
	if (t.length < 3) return false;
	const title = letters(mode(notes.map((i) => titleKeys[i]!)).value);
	const folder = letters(mode(notes.map((i) => folderKeys[i]!)).value);
	return [title, folder].some((s) => s.length >= 3 && (s.includes(t) || t.includes(s)));
}

function letters(s: string): string {
	return s.toLowerCase().replace(/[^\p{L}]+/gu, "");
}

// ---------------------------------------------------------------------------------------------
// Shapes of titles and folders

const MONTH_WORDS = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/g;

/** A title's shape: lower-cased, numbers and month names blanked, so a series' titles share it. */
function titleKey(title: string): string {
	return title.toLowerCase().replace(MONTH_WORDS, "@").replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
}

function isYear(segment: string): boolean {
	return /^(?:19|20)\d\d$/.test(segment);
}

/** The folder a series keeps a note in: its folder up to the first year folder (`Weekly/2025/Q3` → `Weekly`). */
function seriesFolderOf(folder: string): string {
	if (folder === "") return "";
	const parts = folder.split("/");
	const cut = parts.findIndex(isYear);
	return (cut < 0 ? parts : parts.slice(0, cut)).join("/");
}

// ---------------------------------------------------------------------------------------------
// One series

function buildSeries(spec: { tag: string; folder: string | null; digests: number[] }, profiles: readonly NoteProfile[], digestLike: readonly boolean[], claimed: Set<number>): DetectedSeries {
	const inSeries = (p: NoteProfile) => (spec.tag !== "" ? hasTag(p.tags, spec.tag) : isUnderFolder(p.path, spec.folder!));
	const memberIdx = profiles.map((p, i) => i).filter((i) => !claimed.has(i) && inSeries(profiles[i]!));
	const digests = memberIdx.filter((i) => digestLike[i]).map((i) => profiles[i]!);

	// The list style where most of its digests are link lists: their items give the category level.
	const list = digests.length > 0 && digests.filter(looksLikeList).length * 2 > digests.length;
	const level = categoryLevel(digests, list);
	const categories = categoryOrder(digests, level.value);
	const format = chooseDateFormat(digests.length > 0 ? digests : memberIdx.map((i) => profiles[i]!));
	const fmt = dateFormat(format.value);
	const template = findTemplate(profiles, memberIdx, claimed, level.value, categories.value, fmt, spec.tag !== "");
	const members = memberIdx.filter((i) => i !== template.index);
	for (const i of members) claimed.add(i);
	if (template.index >= 0) claimed.add(template.index);
	const notes = members.map((i) => profiles[i]!);

	const folder = spec.folder ?? commonFolder(notes);
	const periods = notes.map((p) => periodOf(p.title, fmt));
	const title = titleTemplate(notes, periods, fmt);
	const fileName = fileNameTemplate(notes, periods, folder, format.value, title.value);
	const cover = coverLine(digests);
	const extra = extraTags(digests, spec.tag);
	const days = periodLength(periods);
	const name = seriesName(title.value, spec.tag, folder);
	const tagSure = spec.tag !== "" ? digests.length / Math.max(1, notes.length) : 1 - largestTagShare(digests);
	// A list whose notes hold no period in their titles and no date field is a collection.
	const undated = list && periods.every((p) => p === null) && notes.every((p) => !p.dateField);
	const listShape: Partial<DetectedSeries> = list ? { entryStyle: "list", listMarker: commonMarker(digests), ...(undated ? { collection: true } : {}) } : {};

	return {
		...DEFAULT_SERIES,
		name: name.value,
		tag: spec.tag,
		folder,
		titleTemplate: title.value,
		fileNameTemplate: fileName.value,
		dateFormat: format.value,
		categoryLevel: level.value,
		categories: categories.value,
		templateNote: template.index >= 0 ? profiles[template.index]!.path : "",
		extraTags: extra.value,
		cover: cover.value,
		periodDays: days.value,
		confidence: {
			name: round(name.confidence * title.confidence),
			tag: round(tagSure),
			folder: round(spec.tag !== "" ? 1 : digests.length / Math.max(1, notes.length)),
			titleTemplate: round(title.confidence),
			fileNameTemplate: round(fileName.confidence),
			dateFormat: round(format.confidence),
			categoryLevel: round(level.confidence),
			categories: round(categories.confidence),
			templateNote: round(template.confidence),
			extraTags: round(extra.confidence),
			cover: round(cover.confidence),
			periodDays: round(days.confidence),
		},
		notes: notes.length,
		digests: digests.length,
		paths: notes.map((p) => p.path),
		...listShape,
	};
}

/** The marker most list-style entries of the digests start with. */
function commonMarker(digests: readonly NoteProfile[]): string {
	const counts = new Map<string, number>();
	for (const p of digests) for (const [m, n] of Object.entries(p.listMarkers)) counts.set(m, (counts.get(m) ?? 0) + n);
	let best = "-";
	for (const [m, n] of counts) if (n > (counts.get(best) ?? 0)) best = m;
	return best;
}

interface Guess<T> {
	value: T;
	confidence: number;
}

function round(c: number): number {
	return Math.round(Math.max(0, Math.min(1, c)) * 100) / 100;
}

/** The heading level right above most entry lines (list items in the list style). */
function categoryLevel(digests: readonly NoteProfile[], list = false): Guess<number> {
	const sums = [0, 0, 0, 0, 0, 0, 0];
	for (const p of digests) for (let l = 1; l <= 6; l++) sums[l]! += (list ? p.listByLevel : p.entriesByLevel)[l]!;
	let best = 1;
	for (let l = 2; l <= 6; l++) if (sums[l]! > sums[best]!) best = l;
	const total = sums.reduce((a, b) => a + b, 0);
	return { value: best, confidence: total === 0 ? 0 : sums[best]! / total };
}

/**
 * The categories most digests use, in the order they usually stand: a category comes before
 * another when more digests put it first (pairwise counts over the few categories a digest has).
 */
function categoryOrder(digests: readonly NoteProfile[], level: number): Guess<string[]> {
	const spellings = new Map<string, Map<string, number>>();
	const uses = new Map<string, number>();
	// Each digest's categories as lower-cased keys, each once, in order.
	const perNote = digests.map((p) => {
		const keys: string[] = [];
		for (const h of p.headings) {
			if (h.level !== level || h.name === "") continue;
			const key = h.name.toLowerCase();
			if (keys.includes(key)) continue;
			keys.push(key);
			uses.set(key, (uses.get(key) ?? 0) + 1);
			let s = spellings.get(key);
			if (!s) spellings.set(key, (s = new Map<string, number>()));
			s.set(h.name, (s.get(h.name) ?? 0) + 1);
		}
		return keys;
	});
	const threshold = Math.max(digests.length >= 3 ? 2 : 1, Math.ceil(digests.length * 0.1));
	const kept = [...uses.entries()].filter(([, n]) => n >= threshold).map(([k]) => k);
	const at = new Map(kept.map((k, i) => [k, i]));
	const before = kept.map(() => new Array<number>(kept.length).fill(0));
	// Where in its digest a category usually stands (0 first, 1 last): for pairs never seen together.
	const place = kept.map(() => 0);
	for (const names of perNote) {
		const idx = names.map((n) => at.get(n)).filter((i): i is number => i !== undefined);
		for (let a = 0; a < idx.length; a++) {
			place[idx[a]!]! += idx.length === 1 ? 0.5 : a / (idx.length - 1);
			for (let b = a + 1; b < idx.length; b++) before[idx[a]!]![idx[b]!]!++;
		}
	}
	const usual = kept.map((k, i) => place[i]! / uses.get(k)!);
	// Take first the category that the fewest others left precede (none, when the digests agree),
	// then the one that precedes the most of them, then the one that usually stands earlier.
	const order: number[] = [];
	const left = new Set(kept.map((_, i) => i));
	while (left.size > 0) {
		let pick = -1;
		let key: [number, number, number] = [0, 0, 0];
		for (const a of left) {
			let beaten = 0;
			let beats = 0;
			for (const b of left) {
				if (before[b]![a]! > before[a]![b]!) beaten++;
				else if (before[a]![b]! > before[b]![a]!) beats++;
			}
			const k: [number, number, number] = [beaten, -beats, usual[a]!];
			if (pick < 0 || k[0] < key[0] || (k[0] === key[0] && (k[1] < key[1] || (k[1] === key[1] && k[2] < key[2])))) {
				pick = a;
				key = k;
			}
		}
		order.push(pick);
		left.delete(pick);
	}
	let agree = 0;
	let pairs = 0;
	for (let x = 0; x < order.length; x++) {
		for (let y = x + 1; y < order.length; y++) {
			agree += before[order[x]!]![order[y]!]!;
			pairs += before[order[x]!]![order[y]!]! + before[order[y]!]![order[x]!]!;
		}
	}
	const value = order.map((i) => mostUsed(spellings.get(kept[i]!)!));
	const confidence = value.length === 0 ? 0 : pairs === 0 ? 0.5 : agree / pairs;
	return { value, confidence };
}

function periodOf(title: string, fmt: DateFormat): { start: DayDate; end: DayDate } | null {
	const spans = fmt.findSpans(title);
	if (spans.length < 2) return null;
	const start = spans[0]!.date;
	const end = spans[1]!.date;
	return compareDates(start, end) <= 0 ? { start, end } : null;
}

function days(a: DayDate, b: DayDate): number {
	return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000) + 1;
}

/** The format under which most titles hold a period; ties go to the format whose periods agree in length, then to the more usual format. */
function chooseDateFormat(notes: readonly NoteProfile[]): Guess<string> {
	type Tried = { format: string; ok: number; usual: number; periods: string };
	// A format that reads no period in the first titles is not the series' one: only the others read every title.
	const sample = notes.slice(0, 40);
	const candidates = DATE_FORMATS.filter((f) => sample.some((p) => periodOf(p.title, dateFormat(f)) !== null));
	const tried: Tried[] = (candidates.length > 0 ? candidates : DATE_FORMATS).map((format) => {
		const fmt = dateFormat(format);
		const lengths: string[] = [];
		let periods = "";
		for (const p of notes) {
			const period = periodOf(p.title, fmt);
			if (!period) continue;
			lengths.push(String(days(period.start, period.end)));
			periods += `${period.start.year}-${period.start.month}-${period.start.day}/${period.end.year}-${period.end.month}-${period.end.day};`;
		}
		return { format, ok: lengths.length, usual: mode(lengths).count, periods };
	});
	const ranked = [...tried].sort((a, b) => b.ok - a.ok || b.usual - a.usual || DATE_FORMATS.indexOf(a.format) - DATE_FORMATS.indexOf(b.format));
	const best = ranked[0]!;
	if (best.ok === 0) {
		// No title holds a period: the file names may still hold dates (an undated series' notes never will).
		const byName = DATE_FORMATS.find((f) => notes.some((p) => dateFormat(f.replace(/\//g, "-")).findSpans(baseName(p.path)).length > 0));
		return { value: byName ?? DEFAULT_SERIES.dateFormat, confidence: byName ? 0.3 : 0 };
	}
	// Another format that reads as many periods, differently (`MM/DD` for `DD/MM` when no day passes 12): a coin toss.
	const rival = ranked.find((t) => t !== best && t.ok === best.ok && t.usual === best.usual && t.periods !== best.periods);
	return { value: best.format, confidence: (best.ok / notes.length) * (rival ? 0.5 : 1) };
}

function baseName(path: string): string {
	const name = path.slice(path.lastIndexOf("/") + 1);
	return name.toLowerCase().endsWith(".md") ? name.slice(0, -3) : name;
}

const YEAR_RE = /(^|[^\d])(\d{4})(?!\d)/g;

/** Standalone four-digit years in literal text, as `{{year}}` when they are the period's. */
function yearsAsPlaceholder(text: string, period: { start: DayDate; end: DayDate }): string {
	if (text.length < 4) return text;
	const years = [String(period.start.year), String(period.end.year)];
	return text.replace(YEAR_RE, (whole, before: string, year: string) => (years.includes(year) ? `${before}{{year}}` : whole));
}

/** Text with the period's dates (the spans found) as `{{start}}` and `{{end}}`, and its years as `{{year}}`. */
function withPlaceholders(text: string, spans: readonly { date: DayDate; index: number; length: number }[], period: { start: DayDate; end: DayDate }): string | null {
	const used: { index: number; length: number; name: string }[] = [];
	for (const s of spans) {
		const name = compareDates(s.date, period.start) === 0 && !used.some((u) => u.name === "start") ? "start" : compareDates(s.date, period.end) === 0 && !used.some((u) => u.name === "end") ? "end" : null;
		if (name) used.push({ index: s.index, length: s.length, name });
		if (used.length === 2) break;
	}
	if (used.length === 0) return null;
	let out = "";
	let at = 0;
	for (const u of used) {
		out += yearsAsPlaceholder(text.slice(at, u.index), period) + `{{${u.name}}}`;
		at = u.index + u.length;
	}
	return out + yearsAsPlaceholder(text.slice(at), period);
}

function titleTemplate(notes: readonly NoteProfile[], periods: readonly ({ start: DayDate; end: DayDate } | null)[], fmt: DateFormat): Guess<string> {
	const shapes: string[] = [];
	notes.forEach((p, i) => {
		const period = periods[i];
		if (!period) return;
		const t = withPlaceholders(p.title, fmt.findSpans(p.title), period);
		if (t !== null && t.includes("{{start}}") && t.includes("{{end}}")) shapes.push(t);
	});
	if (shapes.length === 0) return { value: DEFAULT_SERIES.titleTemplate, confidence: 0 };
	const m = mode(shapes);
	return { value: m.value, confidence: m.count / notes.length };
}

const FORBIDDEN_IN_NAME = /[\\:*?"<>|#^[\]]/g;

/** The file name template relative to the folder, from where the notes are and what they are called. */
function fileNameTemplate(notes: readonly NoteProfile[], periods: readonly ({ start: DayDate; end: DayDate } | null)[], folder: string, format: string, title: string): Guess<string> {
	// A new digest's file name holds its dates with `/` written as `-` (new-digest.ts).
	const nameFmt = dateFormat(format.replace(/\//g, "-"));
	const shapes: string[] = [];
	let dated = 0;
	notes.forEach((p, i) => {
		const period = periods[i];
		if (!period) return;
		dated++;
		const rel = folder === "" ? p.path : p.path.slice(folder.length + 1);
		const noExt = rel.toLowerCase().endsWith(".md") ? rel.slice(0, -3) : rel;
		const t = withPlaceholders(noExt, nameFmt.findSpans(noExt), period);
		if (t !== null) shapes.push(t);
	});
	if (shapes.length > 0) {
		const m = mode(shapes);
		return { value: m.value, confidence: m.count / notes.length };
	}
	// The names hold no dates: the title as a file name is the best guess.
	return { value: title.replace(FORBIDDEN_IN_NAME, "").replace(/\s+/g, " ").trim(), confidence: dated > 0 ? 0.2 : 0 };
}

/** The folder every note of the series is under, up to its first year folder. */
function commonFolder(notes: readonly NoteProfile[]): string {
	if (notes.length === 0) return "";
	let common = notes[0]!.folder === "" ? [] : notes[0]!.folder.split("/");
	for (const p of notes) {
		const parts = p.folder === "" ? [] : p.folder.split("/");
		let k = 0;
		while (k < common.length && k < parts.length && common[k]!.toLowerCase() === parts[k]!.toLowerCase()) k++;
		common = common.slice(0, k);
		if (common.length === 0) break;
	}
	return seriesFolderOf(common.join("/"));
}

function coverLine(digests: readonly NoteProfile[]): Guess<string> {
	const covers = digests.map((p) => p.cover).filter((c): c is string => c !== null);
	const share = digests.length === 0 ? 0 : covers.length / digests.length;
	if (share < 0.5) return { value: "", confidence: digests.length === 0 ? 0 : 1 - share };
	return { value: mode(covers).value, confidence: share };
}

/** Tags besides the series' own that (nearly) every digest carries, in their usual order. */
function extraTags(digests: readonly NoteProfile[], own: string): Guess<string[]> {
	const ownKey = own.toLowerCase();
	const related = (key: string) => ownKey !== "" && (key === ownKey || key.startsWith(`${ownKey}/`) || ownKey.startsWith(`${key}/`));
	const stats = new Map<string, { n: number; pos: number; spellings: Map<string, number> }>();
	for (const p of digests) {
		const seen = new Set<string>();
		p.tags.forEach((t, pos) => {
			const key = t.toLowerCase();
			if (related(key) || seen.has(key)) return;
			seen.add(key);
			let s = stats.get(key);
			if (!s) stats.set(key, (s = { n: 0, pos: 0, spellings: new Map() }));
			s.n++;
			s.pos += pos;
			s.spellings.set(t, (s.spellings.get(t) ?? 0) + 1);
		});
	}
	if (digests.length === 0) return { value: [], confidence: 0 };
	const shares = [...stats.values()].map((s) => ({ ...s, share: s.n / digests.length }));
	const kept = shares.filter((s) => s.share >= 0.9).sort((a, b) => a.pos / a.n - b.pos / b.n);
	const others = shares.filter((s) => s.share < 0.9);
	const confidence = kept.length > 0 ? Math.min(...kept.map((s) => s.share)) : 1 - Math.max(0, ...others.map((s) => s.share));
	return { value: kept.map((s) => mostUsed(s.spellings)), confidence };
}

function largestTagShare(digests: readonly NoteProfile[]): number {
	if (digests.length === 0) return 0;
	const counts = new Map<string, number>();
	for (const p of digests) for (const t of new Set(p.tags.map((x) => x.toLowerCase()))) counts.set(t, (counts.get(t) ?? 0) + 1);
	return Math.max(0, ...counts.values()) / digests.length;
}

function periodLength(periods: readonly ({ start: DayDate; end: DayDate } | null)[]): Guess<number | null> {
	const lengths = periods.filter((p): p is { start: DayDate; end: DayDate } => p !== null).map((p) => String(days(p.start, p.end)));
	if (lengths.length === 0) return { value: null, confidence: 0 };
	const m = mode(lengths);
	return { value: Number(m.value), confidence: m.count / lengths.length };
}

/**
 * The template note: a note with headings and no entries that carries the series' tag (or sits in
 * its folder) with no period in its title, or a note named like a template whose headings are the
 * series' categories.
 */
function findTemplate(profiles: readonly NoteProfile[], members: readonly number[], claimed: ReadonlySet<number>, level: number, categories: readonly string[], fmt: DateFormat, byTag: boolean): { index: number; confidence: number } {
	const memberSet = new Set(members);
	const known = new Set(categories.map((c) => c.toLowerCase()));
	let best = -1;
	let bestScore = 0;
	profiles.forEach((p, i) => {
		const named = /template/i.test(p.path);
		// A template may show an example entry or two; a series note without that name has none.
		if (claimed.has(i) || p.headings.length === 0 || p.entries > (named ? 2 : 0)) return;
		const inSeries = memberSet.has(i);
		if (!named && !inSeries) return;
		const heads = p.headings.filter((h) => h.level === level);
		const overlap = heads.length === 0 ? 0 : heads.filter((h) => known.has(h.name.toLowerCase())).length / heads.length;
		// An empty digest just created has a period in its title; a template has none, or placeholders.
		const dated = fmt.findSpans(p.title).length >= 2;
		const eligible = named ? inSeries || overlap >= 0.5 : !dated && (overlap >= 0.5 || p.placeholders);
		if (!eligible) return;
		const score = (named ? 2 : 0) + (inSeries ? 1 : 0) + (p.placeholders ? 1 : 0) + overlap;
		if (score > bestScore || (score === bestScore && best >= 0 && p.path.length < profiles[best]!.path.length)) {
			best = i;
			bestScore = score;
		}
	});
	if (best < 0) return { index: -1, confidence: 0.8 };
	// Named like a template, in the series, with its categories: sure; one of those alone: likely or a guess.
	return { index: best, confidence: Math.min(1, 0.35 + bestScore * 0.15 + (byTag || bestScore >= 3 ? 0.05 : 0)) };
}

function seriesName(title: string, tag: string, folder: string): Guess<string> {
	const head = title.split("{{")[0]!.replace(/[\s:–—\-|#,.]+$/u, "").trim();
	if (head !== "") return { value: head, confidence: 1 };
	const from = tag !== "" ? tag : folder.slice(folder.lastIndexOf("/") + 1);
	if (from === "") return { value: "Digests", confidence: 0.3 };
	return { value: from.charAt(0).toUpperCase() + from.slice(1), confidence: 0.5 };
}

function uniqueNames(series: DetectedSeries[]): void {
	const used = new Set<string>();
	for (const s of series) {
		let name = s.name;
		for (let k = 2; used.has(name.toLowerCase()); k++) name = `${s.name} ${k}`;
		s.name = name;
		used.add(name.toLowerCase());
	}
}

// ---------------------------------------------------------------------------------------------
// Counting

/** The most frequent value and how often it occurs; a tie goes to the value that reached that count first. */
function mode(values: readonly string[]): { value: string; count: number } {
	const counts = new Map<string, number>();
	let value = "";
	let count = 0;
	for (const v of values) {
		const n = (counts.get(v) ?? 0) + 1;
		counts.set(v, n);
		if (n > count) {
			value = v;
			count = n;
		}
	}
	return { value, count };
}

function mostUsed(spellings: ReadonlyMap<string, number>): string {
	let best = "";
	let n = 0;
	for (const [s, c] of spellings) {
		if (c > n) {
			best = s;
			n = c;
		}
	}
	return best;
}
