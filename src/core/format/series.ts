import type { Series } from "./types";
import { seriesNoteProblems } from "./series-notes";
import { shownPath, vaultPath, type VaultPathResult } from "./vault-path";

export const DEFAULT_SERIES: Series = {
	name: "Weekly links",
	tag: "weeklylinks",
	folder: "",
	titleTemplate: "Weekly Links: {{start}} to {{end}}",
	fileNameTemplate: "Weekly Links {{start}} to {{end}}",
	dateFormat: "DD-MM-YYYY",
	categoryLevel: 1,
	categories: [],
	templateNote: "",
	extraTags: [],
	cover: "",
	indexNote: "",
	indexTemplate: "",
	recapTemplate: "",
	summaryField: "",
	inboxNote: "",
};

/** Fills the fields an older or partial series (from saved settings or a file) lacks. */
export function completeSeries(partial: Partial<Series>): Series {
	const s = { ...DEFAULT_SERIES, ...partial };
	const done: Series = {
		...s,
		tag: cleanTag(s.tag),
		folder: cleanFolder(s.folder),
		templateNote: cleanFolder(s.templateNote),
		indexNote: cleanFolder(s.indexNote ?? ""),
		inboxNote: cleanFolder(s.inboxNote ?? ""),
		categoryLevel: Number.isInteger(s.categoryLevel) && s.categoryLevel >= 1 && s.categoryLevel <= 6 ? s.categoryLevel : 1,
		categories: Array.isArray(s.categories) ? s.categories.map(String) : [],
		extraTags: Array.isArray(s.extraTags) ? s.extraTags.map(cleanTag).filter((t) => t !== "") : [],
	};
	// The list style and collections are written only where chosen: a series of lines stays as it was saved.
	if (s.entryStyle === "list") done.entryStyle = "list";
	else delete done.entryStyle;
	if (s.collection === true) done.collection = true;
	else delete done.collection;
	return done;
}

export function cleanTag(tag: string): string {
	return String(tag ?? "").trim().replace(/^#/, "");
}

/** A vault folder without leading, trailing or doubled slashes. */
export function cleanFolder(folder: string): string {
	return String(folder ?? "")
		.replace(/\\/g, "/")
		.split("/")
		.filter((p) => p !== "" && p !== ".")
		.join("/");
}

export function isUnderFolder(path: string, folder: string): boolean {
	if (folder === "") return true;
	return path.toLowerCase().startsWith(`${folder.toLowerCase()}/`);
}

/** Tags compare as Obsidian compares them: case-insensitively, a nested tag counting for its parent. */
export function hasTag(tags: readonly string[], tag: string): boolean {
	const want = tag.toLowerCase();
	return tags.some((t) => {
		const have = t.toLowerCase();
		return have === want || have.startsWith(`${want}/`);
	});
}

/** Whether a note could belong to the series from its path alone (before reading it). */
export function pathFitsSeries(series: Series, path: string): boolean {
	if (!path.toLowerCase().endsWith(".md")) return false;
	if (series.templateNote !== "" && samePath(path, series.templateNote)) return false;
	if (!isUnderFolder(path, series.folder)) return false;
	// The notes the series publishes to and captures into are its own, never its digests.
	const own = ownNotes(series);
	const lower = path.toLowerCase();
	return lower !== own.index && lower !== own.inbox;
}

/** A name as a file name: what a vault's file names cannot hold made `-`. */
function fileName(name: string): string {
	return name.replace(/[\\/:*?"<>|#^[\]]/g, "-").trim();
}

function inFolder(folder: string, name: string): string {
	return folder === "" ? name : `${folder}/${name}`;
}

/** A note's vault path from a setting (`.md` added when it has no extension), or why it is not one. */
function noteLocation(raw: string, what: string): VaultPathResult {
	const where = vaultPath(raw, what);
	if (!where.ok) return where;
	return { ok: true, path: where.path === "" || /\.md$/i.test(where.path) ? where.path : `${where.path}.md` };
}

/** The series' index note: its `indexNote` setting, else `<folder>/<name> index.md`; or why it is not a path inside the vault. */
export function indexNoteLocation(series: Series): VaultPathResult {
	const set = series.indexNote ?? "";
	return noteLocation(set !== "" ? set : inFolder(series.folder, `${fileName(series.name) || "Digests"} index.md`), "The index note");
}

/** The series' inbox note: its `inboxNote` setting, else `<folder>/Digest inbox.md`; or why it is not a path inside the vault. */
export function inboxNoteLocation(series: Series): VaultPathResult {
	const set = series.inboxNote ?? "";
	return noteLocation(set !== "" ? set : inFolder(series.folder, "Digest inbox.md"), "The inbox note");
}

/** The index and inbox notes' paths, lower-cased, of a series; kept per series object, checked against the fields they come from. */
const ownNotesCache = new WeakMap<Series, { name: string; folder: string; indexNote: string | undefined; inboxNote: string | undefined; index: string; inbox: string }>();

function ownNotes(series: Series): { index: string; inbox: string } {
	const hit = ownNotesCache.get(series);
	if (hit && hit.name === series.name && hit.folder === series.folder && hit.indexNote === series.indexNote && hit.inboxNote === series.inboxNote) return hit;
	const index = indexNoteLocation(series);
	const inbox = inboxNoteLocation(series);
	const made = { name: series.name, folder: series.folder, indexNote: series.indexNote, inboxNote: series.inboxNote, index: index.ok ? index.path.toLowerCase() : "", inbox: inbox.ok ? inbox.path.toLowerCase() : "" };
	ownNotesCache.set(series, made);
	return made;
}

/** Whether a note could be a digest of any of the series from its path alone, so the caller need not read others. */
export function mayBeDigest(seriesList: readonly Series[], path: string): boolean {
	return seriesList.some((s) => pathFitsSeries(s, path));
}

/** The first series a note belongs to: under its folder (if set), carrying its tag (if set), not its template. */
export function seriesOfNote(seriesList: readonly Series[], path: string, tags: readonly string[]): Series | null {
	for (const s of seriesList) {
		if (!pathFitsSeries(s, path)) continue;
		if (s.tag !== "" && !hasTag(tags, s.tag)) continue;
		if (s.tag === "" && s.folder === "") continue; // a series with neither would claim every note
		return s;
	}
	return null;
}

/** Vault path of the series' template note, `.md` added when the setting leaves it out; "" for none. */
export function templateNotePath(series: Series): string {
	const p = series.templateNote;
	return p === "" || p.toLowerCase().endsWith(".md") ? p : `${p}.md`;
}

/** The template note's vault path ("" for none), or why it is not a path inside the vault. */
export function templateNoteLocation(series: Series): VaultPathResult {
	const where = vaultPath(series.templateNote, "The template note");
	return where.ok ? { ok: true, path: templateNotePath({ ...series, templateNote: where.path }) } : where;
}

/**
 * Problems with the paths a series names, as sentences: its folder and template note must be
 * inside the vault, and its file name template must stay inside the folder. One check for the
 * settings tab, the command-line tool and every new digest.
 */
export function seriesPathProblems(s: Series): string[] {
	const problems: string[] = [];
	const folder = vaultPath(s.folder, "The folder");
	if (!folder.ok) problems.push(folder.reason);
	const template = templateNoteLocation(s);
	if (!template.ok) problems.push(template.reason);
	problems.push(...seriesNoteProblems(s));
	// Read as a new digest's name is made (new-digest.ts): `/` makes folders, characters a name cannot hold become `-`.
	const segments = s.fileNameTemplate.replace(/\{\{\w+\}\}/g, "x").split("/").map((seg) => seg.replace(/[\\:*?"<>|#^[\]]/g, "-"));
	if (segments.some((seg) => seg.trim() === "..")) {
		problems.push(`The file name template ${shownPath(s.fileNameTemplate)} steps up a folder with ..; it is a path inside the series' folder.`);
	} else {
		const name = segments.join("/");
		const where = vaultPath(name, "The file name template");
		if (!where.ok) problems.push(where.reason.replace(shownPath(name), shownPath(s.fileNameTemplate)));
	}
	return problems;
}

/**
 * Whether raw frontmatter text names a tag, the way a `tags` property would hold it (`weeklylinks`,
 * `#weeklylinks`, `[a, weeklylinks]`, `- weeklylinks`, a nested `weeklylinks/2025`), any case.
 */
export function mentionsTag(raw: string, tag: string): boolean {
	if (tag === "") return false;
	const escaped = tag.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
	return new RegExp(`(?:^|[\\s\\[,'"#:])${escaped}(?=$|[\\s\\],'"/])`, "im").test(raw);
}

/**
 * The first series that would claim a note whose frontmatter could not be read (its YAML does not
 * parse): the note is under the series' folder, or its raw frontmatter text names the series' tag.
 * Such a note has no tags, and would otherwise drop out of its series without a word.
 */
export function seriesOfBrokenNote(seriesList: readonly Series[], path: string, rawFrontmatter: string): Series | null {
	for (const s of seriesList) {
		if (!pathFitsSeries(s, path)) continue;
		if (s.tag === "" && s.folder === "") continue;
		if (s.folder !== "" || mentionsTag(rawFrontmatter, s.tag)) return s;
	}
	return null;
}

export function samePath(a: string, b: string): boolean {
	const norm = (p: string) => (p.toLowerCase().endsWith(".md") ? p : `${p}.md`).toLowerCase();
	return norm(a) === norm(b);
}

/**
 * Whether two series read notes the same way: the same notes belong to them and parse alike. They
 * may differ in name and in what a new digest is made with (templates, categories, tags, cover).
 */
export function readsNotesAlike(a: Series, b: Series): boolean {
	// The index and inbox notes as set: a default index note follows the series' name, and a rename
	// (typed a letter at a time in the settings) must not read every note again for it.
	const own = (s: Series) => `${s.indexNote ?? ""}\n${s.inboxNote ?? ""}`;
	return a.tag === b.tag && a.folder === b.folder && a.templateNote === b.templateNote && a.dateFormat === b.dateFormat && a.categoryLevel === b.categoryLevel && (a.entryStyle ?? "line") === (b.entryStyle ?? "line") && (a.collection ?? false) === (b.collection ?? false) && own(a) === own(b);
}

/** Whether two lists hold the same series, field by field, in the same order. */
export function sameSeries(a: readonly Series[], b: readonly Series[]): boolean {
	const same = (x: unknown, y: unknown): boolean => (Array.isArray(x) && Array.isArray(y) ? x.length === y.length && x.every((v, i) => v === y[i]) : x === y);
	return a.length === b.length && a.every((s, i) => {
		const t = b[i]!;
		const keys = new Set([...Object.keys(s), ...Object.keys(t)] as (keyof Series)[]);
		return [...keys].every((k) => same(s[k], t[k]));
	});
}

/** Problems with a series' settings, as sentences; empty when it is usable. */
export function validateSeries(s: Series, all: readonly Series[] = []): string[] {
	const errors: string[] = [];
	if (s.name.trim() === "") errors.push("Give the series a name.");
	if (all.some((o) => o !== s && o.name.trim().toLowerCase() === s.name.trim().toLowerCase())) errors.push(`Another series is already named "${s.name}".`);
	if (s.tag === "" && s.folder === "") errors.push("Set a tag or a folder, or the series would claim every note.");
	if (s.tag !== "" && !/^[\p{L}\p{N}\p{M}_\-/]+$/u.test(s.tag)) errors.push("A tag holds letters, digits, _, - and / only.");
	if (/^[\d/]+$/.test(s.tag)) errors.push("A tag cannot be only digits.");
	if (!/YYYY|YY/.test(s.dateFormat) || !/M/.test(s.dateFormat) || !/D/.test(s.dateFormat)) errors.push("The date format needs a year (YYYY), a month (MM) and a day (DD).");
	// A collection has no periods: its notes are named as the curator names them.
	if (!s.collection) {
		for (const [field, value] of [["title template", s.titleTemplate], ["file name template", s.fileNameTemplate]] as const) {
			if (!value.includes("{{start}}") || !value.includes("{{end}}")) errors.push(`The ${field} needs {{start}} and {{end}}.`);
		}
	}
	if (/[\\:*?"<>|]/.test(s.fileNameTemplate.replace(/\{\{\w+\}\}/g, ""))) errors.push('A file name cannot hold \\ : * ? " < > |.');
	errors.push(...seriesPathProblems(s));
	return errors;
}
