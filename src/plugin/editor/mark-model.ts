import { RangeSetBuilder, type ChangeSet, type Range, type Text } from "@codemirror/state";
import { Decoration, WidgetType, type DecorationSet } from "@codemirror/view";
import { parseEntryText } from "../../core/format/entry-text";
import { CodeMasker, isBlank, parseInlineLink } from "../../core/format/markdown-scan";
import { indentOf, readListItem } from "../../core/format/list-items";
import { readHeading, readListEntry } from "../../core/format/parser";
import { normalizeUrl } from "../../core/links/url-normalize";

export const RECOMMENDED_CLASS = "digest-curator-recommended";
export const SHARED_MARK_CLASS = "digest-curator-shared-mark";
export const NUMBERING_CLASS = "digest-curator-numbering";
export const MALFORMED_CLASS = "digest-curator-malformed";

/** Other places an entry's link appears at most, named in the shared mark's tooltip. */
const MAX_NAMED_PLACES = 5;
/** Longest snippet of a line quoted in a message, as the parser quotes it. */
const MAX_SNIPPET = 60;
/** A transaction changing more separate places than this is read again whole. */
const MAX_REGIONS = 200;
/** A change writing more lines than this (a long paste) is read again whole. */
const MAX_REGION_LINES = 2000;
/** URL keys kept between reads; the cache is dropped when it grows past this. */
const MAX_KEYS = 20_000;

/** Another place an entry's link appears, as the shared mark names it. */
export interface SharedPlace {
	/** Title of the other digest; null for this digest. */
	digestTitle: string | null;
	category: string;
	number: number | null;
	title: string;
}

/** What the marks need from outside the note: the series' category level and the other digests' links. */
export interface MarkSource {
	readonly categoryLevel: number;
	/** The series' entry style (FORMAT.md, "List style"); `line` when not given. */
	readonly entryStyle?: "line" | "list";
	/** The entries of other digests that share this URL, in the order the mark names them. */
	elsewhere(url: string): readonly SharedPlace[];
}

/** A range of the document in view (CodeMirror's `visibleRanges`). */
export interface DocRange {
	from: number;
	to: number;
}

/** How the last change was read: not at all (no doc change), only its lines, or the whole note. */
export type ReadKind = "none" | "lines" | "full";

interface Category {
	name: string;
	/** Entries and malformed lines, in document order. */
	recs: LineRec[];
}

/** A heading at or above the category level: it starts a category, or (above it) ends one. */
interface Segment {
	line: number;
	cat: Category | null;
}

/** What one line of a category reads as: an entry, or a line that looks like one but is not a complete link. */
interface LineRec {
	/** 1-based line. */
	line: number;
	cat: Category;
	/** The check's message for a malformed line; null for an entry. */
	malformed: string | null;
	number: number | null;
	title: string;
	url: string;
	/** normalizeUrl(url): entries with the same key share a link. */
	key: string;
	recommended: boolean;
	/** Offset in the line just past the entry's link, where the shared mark goes. */
	linkEnd: number;
	/** Where the numbering mark goes in a list-style line ([from, to): the number and its `.`/`)`); null: found from the line start. */
	numberAt: readonly [number, number] | null;
	/** The check's numbering message, or null. */
	numbering: string | null;
	/** The shared mark's label; null: no other place; undefined: not worked out (never in view since it changed). */
	label: string | null | undefined;
	/** The label of the shared mark the decorations hold for this entry now; null when they hold none. */
	shownLabel: string | null;
}

/** What a line of a category says on its own. */
type EntryRead = Pick<LineRec, "malformed" | "number" | "title" | "url" | "recommended" | "linkEnd"> & { numberAt?: readonly [number, number] | null };
/** A heading at or above the category level (its name; null above it), what a line says, or nothing. */
type LineRead = { heading: string | null } | EntryRead | null;

interface Region {
	/** First and last old line the change touched. */
	oldFrom: number;
	oldTo: number;
	/** First and last new line it wrote. */
	newFrom: number;
	newTo: number;
}

const RECOMMENDED_LINE = Decoration.line({ class: RECOMMENDED_CLASS });
/** normalizeUrl by URL, shared by every editor: a note read again, or opened again, normalises nothing again. */
const urlKeys = new Map<string, string>();
const DIGITS_RE = /^\[\s*(\d+)[.)]/;

/**
 * The editor marks of one digest note, kept current one change at a time: a change re-reads only
 * the lines it touched, then the numbering of their category and the shared marks of the links
 * they hold. A change that may alter how far-away lines read (a heading added or taken away, a
 * fence or comment marker, the frontmatter) reads the whole note again. Shared marks, which look
 * the link up in the index, are made only for entries in view.
 *
 * Typing in a heading that stays a heading of its kind renames its category: the category's
 * numbering and the shared marks that name it are made again, nothing else.
 *
 * What it marks is exactly what the parser (parseDigest) and the check (checkDigest) find: the
 * same line reading, the same messages. tests/plugin/editor/mark-model.test.ts holds the two
 * equal under random edits.
 */
export class DigestMarkModel {
	decorations: DecorationSet = Decoration.none;
	/** How the last update read the note, for tests and the benchmark. */
	lastRead: ReadKind = "none";
	private doc: Text;
	/** By 0-based line: whether the line starts outside fenced code and comments. */
	private plain: boolean[] = [];
	/** List style: by 0-based line, the list state the line starts in (see listState); empty in the line style. */
	private listStates: number[] = [];
	private segments: Segment[] = [];
	private bodyStart = 1;
	/** Entries by URL key, in document order. */
	private readonly here = new Map<string, LineRec[]>();
	private readonly elsewhereCache = new Map<string, readonly SharedPlace[]>();
	/** Entries whose shared mark is in the decorations. */
	private readonly shown = new Set<LineRec>();
	private visible: readonly DocRange[];

	constructor(private readonly source: MarkSource, doc: Text, visible: readonly DocRange[]) {
		this.doc = doc;
		this.visible = visible;
		this.readAll();
	}

	get categoryLevel(): number {
		return this.source.categoryLevel;
	}

	get entryStyle(): "line" | "list" {
		return this.source.entryStyle === "list" ? "list" : "line";
	}

	/** Follows a document change; `visible` is the new view's visible ranges. */
	update(changes: ChangeSet, newDoc: Text, visible: readonly DocRange[]): void {
		const oldDoc = this.doc;
		this.doc = newDoc;
		this.visible = visible;
		const regions = changedRegions(changes, oldDoc, newDoc);
		if (regions === null || !this.readRegions(regions, oldDoc, newDoc, changes)) this.readAll();
	}

	/**
	 * What the marks on a 1-based line say, in words, for someone who cannot hover them (the
	 * command "Explain mark at cursor"): empty when the line has none.
	 */
	explain(line: number): string[] {
		const seg = this.segments[this.segmentBefore(line)];
		const recs = seg?.cat?.recs;
		if (!recs) return [];
		const r = recs[lowerBound(recs, line)];
		if (!r || r.line !== line) return [];
		if (r.malformed !== null) return [r.malformed];
		const out: string[] = [];
		if (r.numbering !== null) out.push(r.numbering);
		const shared = this.labelOf(r);
		if (shared !== null) out.push(`${shared}.`);
		if (r.recommended) out.push("A recommended entry.");
		return out;
	}

	/** The visible ranges changed (scrolling): shared marks come and go with them. */
	setVisible(visible: readonly DocRange[]): void {
		this.visible = visible;
		const dirty = new Map<number, LineRec | null>();
		this.updateShown(dirty);
		this.redecorate(dirty, null);
	}

	/** The index changed: every shared mark is looked up again (those in view now, the others once in view). */
	relabel(): void {
		this.elsewhereCache.clear();
		const dirty = new Map<number, LineRec | null>();
		for (const list of this.here.values()) for (const r of list) r.label = undefined;
		this.updateShown(dirty);
		this.redecorate(dirty, null);
	}

	// --- reading ---

	private readAll(): void {
		this.lastRead = "full";
		const doc = this.doc;
		const level = this.source.categoryLevel;
		this.here.clear();
		this.shown.clear();
		this.segments = [];
		// The frontmatter, as readFrontmatter finds it: a first line `---` up to the next `---` line.
		let fmEnd = 0;
		if (firstLineText(doc).trimEnd() === "---") {
			for (let n = 2; n <= doc.lines; n++) {
				if (doc.line(n).text.trimEnd() === "---") {
					fmEnd = n;
					break;
				}
			}
		}
		this.bodyStart = fmEnd + 1;
		const plain = new Array<boolean>(doc.lines).fill(true);
		const list = this.entryStyle === "list";
		const states = list ? new Array<number>(doc.lines).fill(LIST_START) : [];
		let state = LIST_START;
		const headingPath: string[] = [];
		const masker = new CodeMasker();
		let cat: Category | null = null;
		let n = this.bodyStart;
		// A note that is only frontmatter has no body to read.
		const it = this.bodyStart <= doc.lines ? doc.iterLines(this.bodyStart, doc.lines + 1) : null;
		for (let next = it?.next(); next && !next.done; next = it!.next()) {
			const text = n === 1 ? stripBom(next.value) : next.value;
			plain[n - 1] = isPlain(masker);
			let read: LineRead;
			if (list) {
				states[n - 1] = state;
				const got = readListLine(masker, text, level, state, cat !== null);
				state = got.state;
				read = got.read;
				if (read !== null && "heading" in read && read.heading !== null) {
					// A list's category is named with the headings above it (FORMAT.md, "Categories (list style)").
					headingPath.length = got.level - 1;
					headingPath[got.level - 1] = read.heading;
					read = { heading: headingPath.filter((h) => h !== undefined && h !== "").join(" › ") };
				}
			} else read = readLine(masker, text, level);
			if (read !== null && "heading" in read) {
				// A heading at the category level starts a category; one above it ends the category.
				cat = read.heading === null ? null : { name: read.heading, recs: [] };
				this.segments.push({ line: n, cat });
			} else if (read !== null && cat) {
				const rec = this.makeRec(read, n, cat);
				cat.recs.push(rec);
				if (rec.malformed === null) addToGroup(this.here, rec);
			}
			n++;
		}
		this.plain = plain;
		this.listStates = states;
		for (const seg of this.segments) if (seg.cat) numberCategory(seg.cat);
		this.updateShown(null);
		this.decorations = this.buildAll();
	}

	private makeRec(read: EntryRead, line: number, cat: Category): LineRec {
		const key = read.malformed === null ? this.keyOf(read.url) : "";
		return {
			line,
			cat,
			malformed: read.malformed,
			number: read.number,
			title: read.title,
			url: read.url,
			key,
			recommended: read.recommended,
			linkEnd: read.linkEnd,
			numberAt: read.numberAt ?? null,
			numbering: null,
			label: undefined,
			shownLabel: null,
		};
	}

	private keyOf(url: string): string {
		let key = urlKeys.get(url);
		if (key === undefined) {
			if (urlKeys.size >= MAX_KEYS) urlKeys.clear();
			key = normalizeUrl(url);
			urlKeys.set(url, key);
		}
		return key;
	}

	/**
	 * Reads only the lines the change touched. Returns false, having changed nothing that
	 * readAll() does not reset, when the change may alter how other lines read.
	 */
	private readRegions(regions: Region[], oldDoc: Text, newDoc: Text, changes: ChangeSet): boolean {
		const level = this.source.categoryLevel;
		// Every region is checked before any is applied: a refusal leaves the model as it was.
		const reads: { region: Region; lines: LineRead[]; plain: boolean[]; states?: number[]; rename: { cat: Category; name: string } | null }[] = [];
		const list = this.entryStyle === "list";
		for (let ri = 0; ri < regions.length; ri++) {
			const region = regions[ri]!;
			// Line 1 decides whether there is frontmatter, and the frontmatter where the body starts: in both styles.
			if (region.oldFrom === 1 || region.oldFrom < this.bodyStart) return false;
			if (list) {
				const read = this.readListRegion(region, regions[ri + 1], oldDoc, newDoc);
				if (!read) return false;
				reads.push({ region, ...read, rename: null });
				continue;
			}
			const { oldFrom, oldTo, newFrom, newTo } = region;
			if (newTo - newFrom > MAX_REGION_LINES) return false;
			// A heading changes which category every line after it is in, unless it stays the same kind
			// of heading on its one line: then a category is renamed (or a heading above them retitled).
			const headingIndex = this.segmentIndexIn(oldFrom, oldTo);
			if (headingIndex >= 0 && (oldFrom !== oldTo || newFrom !== newTo)) return false;
			const startPlain = this.plain[oldFrom - 1]!;
			const lines: LineRead[] = [];
			const plain: boolean[] = [];
			const masker = new CodeMasker();
			let heading: { heading: string | null } | null = null;
			for (const text of iterLines(newDoc, newFrom, newTo)) {
				// A new `---` line could close a frontmatter left open on line 1.
				if (text.trimEnd() === "---") return false;
				if (!startPlain) {
					// Inside a fence or comment: without a marker the lines stay inside it and mark nothing.
					if (hasMarker(text)) return false;
					plain.push(false);
					lines.push(null);
					continue;
				}
				plain.push(isPlain(masker));
				const read = readLine(masker, text, level);
				if (read !== null && "heading" in read) {
					if (headingIndex < 0) return false;
					heading = read;
					lines.push(null);
					continue;
				}
				lines.push(read);
			}
			let rename: { cat: Category; name: string } | null = null;
			if (headingIndex >= 0) {
				const cat = this.segments[headingIndex]!.cat;
				if (heading === null || (cat === null) !== (heading.heading === null)) return false;
				if (cat && heading.heading !== null && heading.heading !== cat.name) rename = { cat, name: heading.heading };
			}
			if (startPlain) {
				// The lines after the change read as before only if both old and new end outside code and comments.
				if (oldTo < oldDoc.lines && (!isPlain(masker) || !this.plain[oldTo]!)) return false;
			} else {
				for (const text of iterLines(oldDoc, oldFrom, oldTo)) if (hasMarker(text)) return false;
			}
			reads.push({ region, lines, plain, rename });
		}

		this.lastRead = "lines";
		const dirtyCats = new Set<Category>();
		const dirtyKeys = new Set<string>();
		// Lines whose decorations are made again, in the new document, with what is on them.
		const dirty = new Map<number, LineRec | null>();
		// From the last region to the first: each one's old lines are still the document's old lines.
		for (let k = reads.length - 1; k >= 0; k--) {
			const { region, lines, plain, states, rename } = reads[k]!;
			if (rename) {
				// Its numbering messages and the shared marks that name it say the new name.
				rename.cat.name = rename.name;
				dirtyCats.add(rename.cat);
				for (const r of rename.cat.recs) if (r.malformed === null) dirtyKeys.add(r.key);
			}
			const { oldFrom, oldTo, newFrom, newTo } = region;
			const delta = newTo - newFrom - (oldTo - oldFrom);
			const segIndex = this.segmentBefore(oldFrom);
			const cat = segIndex >= 0 ? this.segments[segIndex]!.cat : null;
			this.plain.splice(oldFrom - 1, oldTo - oldFrom + 1, ...plain);
			if (states) this.listStates.splice(oldFrom - 1, oldTo - oldFrom + 1, ...states);
			for (let n = newFrom; n <= newTo; n++) dirty.set(n, null);
			let at = 0;
			let removed: LineRec[] = [];
			if (cat) {
				at = lowerBound(cat.recs, oldFrom);
				let end = at;
				while (end < cat.recs.length && cat.recs[end]!.line <= oldTo) end++;
				removed = cat.recs.splice(at, end - at);
			}
			if (delta !== 0) {
				if (cat) for (let i = at; i < cat.recs.length; i++) cat.recs[i]!.line += delta;
				for (let s = segIndex + 1; s < this.segments.length; s++) {
					const seg = this.segments[s]!;
					seg.line += delta;
					if (seg.cat) for (const r of seg.cat.recs) r.line += delta;
				}
			}
			if (!cat) continue;
			const added: LineRec[] = [];
			lines.forEach((read, i) => {
				if (read === null || "heading" in read) return;
				const rec = this.makeRec(read, oldFrom + i, cat);
				added.push(rec);
				// Its line in the new document; rec.line becomes that once the regions before this one are applied.
				dirty.set(newFrom + i, rec);
			});
			cat.recs.splice(at, 0, ...added);
			for (const r of removed) {
				this.shown.delete(r);
				if (r.malformed !== null) continue;
				removeFromGroup(this.here, r);
				dirtyKeys.add(r.key);
			}
			for (const r of added) {
				if (r.malformed !== null) continue;
				addToGroup(this.here, r);
				dirtyKeys.add(r.key);
			}
			// The numbering of the category changes only if its sequence of numbers does.
			const before = removed.filter(isNumbered);
			const after = added.filter(isNumbered);
			if (before.length === after.length && before.every((r, i) => r.number === after[i]!.number)) {
				after.forEach((r, i) => (r.numbering = before[i]!.numbering));
			} else {
				dirtyCats.add(cat);
			}
		}
		for (const cat of dirtyCats) for (const r of numberCategory(cat)) dirty.set(r.line, r);
		// The entries that share a link name each other: their labels are worked out again.
		for (const key of dirtyKeys) for (const r of this.here.get(key) ?? []) r.label = undefined;
		this.updateShown(dirty);
		this.redecorate(dirty, changes);
		return true;
	}

	/**
	 * Reads a list-style change's lines from the list state they start in, and the lines after it
	 * until they start in the state they started in before (an item typed above indented lines makes
	 * them its own): those lines join the region. Null, having changed nothing, when the note must be
	 * read whole: a heading (it names the categories after it), a fence, comment or frontmatter marker.
	 */
	private readListRegion(region: Region, next: Region | undefined, oldDoc: Text, newDoc: Text): { lines: LineRead[]; plain: boolean[]; states: number[] } | null {
		const level = this.source.categoryLevel;
		if (region.newTo - region.newFrom > MAX_REGION_LINES) return null;
		if (region.oldFrom === 1 || region.oldFrom < this.bodyStart || !this.plain[region.oldFrom - 1]) return null;
		for (const text of iterLines(oldDoc, region.oldFrom, region.oldTo)) if (mayRestructure(text)) return null;
		const segIndex = this.segmentBefore(region.oldFrom);
		const inCategory = segIndex >= 0 && this.segments[segIndex]!.cat !== null;
		const masker = new CodeMasker();
		let state = this.listStates[region.oldFrom - 1]!;
		const lines: LineRead[] = [];
		const plain: boolean[] = [];
		const states: number[] = [];
		const readOne = (text: string): boolean => {
			if (mayRestructure(text)) return false;
			plain.push(isPlain(masker));
			states.push(state);
			const got = readListLine(masker, text, level, state, inCategory);
			if (got.read !== null && "heading" in got.read) return false;
			state = got.state;
			lines.push(got.read);
			return true;
		};
		for (const text of iterLines(newDoc, region.newFrom, region.newTo)) if (!readOne(text)) return null;
		while (region.oldTo < oldDoc.lines && state !== this.listStates[region.oldTo]) {
			if ((next && next.oldFrom <= region.oldTo + 1) || region.newTo - region.newFrom >= MAX_REGION_LINES) return null;
			region.oldTo++;
			region.newTo++;
			if (!readOne(newDoc.line(region.newTo).text)) return null;
		}
		// The lines after the change read as before only if both old and new end outside code and comments.
		if (region.oldTo < oldDoc.lines && (!isPlain(masker) || !this.plain[region.oldTo]!)) return null;
		return { lines, plain, states };
	}

	/** Index of the last heading segment before a line, or -1. */
	private segmentBefore(line: number): number {
		let lo = 0;
		let hi = this.segments.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.segments[mid]!.line < line) lo = mid + 1;
			else hi = mid;
		}
		return lo - 1;
	}

	/** Index of a heading segment on lines from..to, or -1. */
	private segmentIndexIn(from: number, to: number): number {
		const i = this.segmentBefore(from) + 1;
		return i < this.segments.length && this.segments[i]!.line <= to ? i : -1;
	}

	// --- shared marks ---

	private labelOf(r: LineRec): string | null {
		if (r.label !== undefined) return r.label;
		let elsewhere = this.elsewhereCache.get(r.key);
		if (!elsewhere) {
			elsewhere = this.source.elsewhere(r.url);
			this.elsewhereCache.set(r.key, elsewhere);
		}
		const places: SharedPlace[] = [...elsewhere];
		for (const o of this.here.get(r.key) ?? []) if (o !== r) places.push({ digestTitle: null, category: o.cat.name, number: o.number, title: o.title });
		r.label = places.length > 0 ? sharedLabel(places) : null;
		return r.label;
	}

	/** Entries in view get their shared mark; those out of view lose it. Notes the lines that change in `dirty`. */
	private updateShown(dirty: Map<number, LineRec | null> | null): void {
		const inView = new Set<LineRec>();
		const doc = this.doc;
		for (const range of this.visible) {
			const from = doc.lineAt(Math.min(range.from, doc.length)).number;
			const to = doc.lineAt(Math.min(range.to, doc.length)).number;
			const segIndex = this.segmentBefore(from + 1);
			for (let s = Math.max(segIndex, 0); s < this.segments.length; s++) {
				const seg = this.segments[s]!;
				if (seg.line > to) break;
				if (!seg.cat) continue;
				const recs = seg.cat.recs;
				for (let i = lowerBound(recs, from); i < recs.length && recs[i]!.line <= to; i++) {
					const r = recs[i]!;
					if (r.malformed === null) inView.add(r);
				}
			}
		}
		for (const r of this.shown) {
			if (inView.has(r)) continue;
			this.shown.delete(r);
			r.shownLabel = null;
			dirty?.set(r.line, r);
		}
		for (const r of inView) {
			const label = this.labelOf(r);
			if (label !== null) this.shown.add(r);
			else this.shown.delete(r);
			if (label !== r.shownLabel) {
				r.shownLabel = label;
				dirty?.set(r.line, r);
			}
		}
	}

	// --- decorations ---

	private buildAll(): DecorationSet {
		const builder = new RangeSetBuilder<Decoration>();
		for (const seg of this.segments) {
			if (!seg.cat) continue;
			for (const r of seg.cat.recs) {
				// Most entries have no mark at all.
				if (r.malformed === null && !r.recommended && r.numbering === null && r.shownLabel === null) continue;
				for (const d of this.decorationsOf(r)) builder.add(d.from, d.to, d.value);
			}
		}
		return builder.finish();
	}

	/** Maps the decorations through the change, then makes those of the dirty lines again. */
	private redecorate(dirty: Map<number, LineRec | null>, changes: ChangeSet | null): void {
		let set = changes ? this.decorations.map(changes) : this.decorations;
		if (dirty.size > 0) {
			const doc = this.doc;
			const add: Range<Decoration>[] = [];
			let min = Infinity;
			let max = -Infinity;
			for (const [n, r] of dirty) {
				if (n < 1 || n > doc.lines) continue;
				min = Math.min(min, n);
				max = Math.max(max, n);
				if (r && r.line === n) add.push(...this.decorationsOf(r));
			}
			if (min <= max) {
				set = set.update({
					add,
					sort: true,
					filterFrom: doc.line(min).from,
					filterTo: doc.line(max).to,
					filter: (from) => !dirty.has(doc.lineAt(from).number),
				});
			}
		}
		this.decorations = set;
	}

	private decorationsOf(r: LineRec): Range<Decoration>[] {
		const line = this.doc.line(r.line);
		if (r.malformed !== null) return [Decoration.line({ class: MALFORMED_CLASS, attributes: { title: r.malformed } }).range(line.from)];
		const out: Range<Decoration>[] = [];
		if (r.recommended) out.push(RECOMMENDED_LINE.range(line.from));
		if (r.numbering !== null && r.numberAt !== null) {
			out.push(Decoration.mark({ class: NUMBERING_CLASS, attributes: { title: r.numbering, "aria-label": r.numbering } }).range(line.from + r.numberAt[0], line.from + r.numberAt[1]));
		} else if (r.numbering !== null) {
			const digits = DIGITS_RE.exec(line.text);
			if (digits) {
				// The whole "N." (or "N)"), not one digit: a mark the eye finds.
				const from = line.from + digits[0].length - 1 - digits[1]!.length;
				out.push(Decoration.mark({ class: NUMBERING_CLASS, attributes: { title: r.numbering } }).range(from, from + digits[1]!.length + 1));
			}
		}
		if (r.shownLabel !== null) {
			const pos = line.from + r.linkEnd;
			out.push(Decoration.widget({ widget: new SharedMarkWidget(r.shownLabel), side: 1 }).range(pos));
		}
		return out;
	}
}

// --- reading one line, as parseDigest reads it ---

/** Reads one body line with the masker at its start: a heading at or above the category level, an entry, a malformed line, or nothing. */
function readLine(masker: CodeMasker, raw: string, level: number): LineRead {
	const wasInFence = masker.inFence;
	const scan = masker.mask(raw);
	const first = scan.charCodeAt(0);
	if (!wasInFence && (first === 35 || first === 32)) {
		const h = readHeading(scan);
		if (h && h.level <= level) {
			// The name comes from the real line: inline code in a heading is part of the name.
			const name = (scan === raw ? h : readHeading(raw) ?? h).name;
			return { heading: h.level === level ? name : null };
		}
	}
	if (first !== 91) return null;
	const res = parseInlineLink(scan, raw, 0);
	const second = scan.charCodeAt(1);
	// `[[wiki-link]]` and `[^footnote]` lines are ordinary Markdown, not entries.
	if (res.ok && second !== 91 && second !== 94) {
		const text = parseEntryText(res.link.text);
		return {
			malformed: null,
			number: text.number,
			title: text.title,
			url: res.link.dest,
			recommended: /\(recommended\)/i.test(scan.slice(res.link.end)),
			linkEnd: res.link.end,
		};
	}
	if (!res.ok && !isNotAnEntryAttempt(scan)) {
		return { malformed: `Line "${snippet(raw)}" looks like an entry but is not a complete link: ${res.reason}.`, number: null, title: "", url: "", recommended: false, linkEnd: 0 };
	}
	return null;
}

/**
 * The list style's state at the start of a line, as the parser's readListCategories keeps it, in
 * one number: (the open top-level item's content column + 1) * 2, + 1 after a blank line.
 */
const LIST_START = 1;
const TEXT_NUMBER_RE = /^\[(\s*)(\d+)[.)]/;

/**
 * Reads one body line of a list-style note from the state it starts in (readListCategories, line
 * by line): a heading with its level, an entry or malformed item at the top level of a category's
 * list, or nothing; and the state the next line starts in.
 */
function readListLine(masker: CodeMasker, raw: string, level: number, state: number, inCategory: boolean): { read: LineRead; level: number; state: number } {
	const wasInFence = masker.inFence;
	const scan = masker.mask(raw);
	const top = (state >> 1) - 1;
	if (isBlank(raw)) return { read: null, level: 0, state: state | 1 };
	// Inside a fence, a line nested in an item, or before the first category: nothing, and no blank.
	const after = state & ~1;
	if (wasInFence) return { read: null, level: 0, state: after };
	const fenceOpens = masker.inFence;
	if (top >= 0 && indentOf(raw).column >= top) return { read: null, level: 0, state: after };
	const c0 = scan.charCodeAt(0);
	if (c0 === 35 || c0 === 32) {
		const h = readHeading(scan);
		if (h) {
			const name = (scan === raw ? h : readHeading(raw) ?? h).name;
			return { read: h.level <= level ? { heading: name } : null, level: h.level, state: LIST_START };
		}
	}
	if (!inCategory) return { read: null, level: 0, state: after };
	const item = fenceOpens ? null : readListItem(scan);
	if (item && item.indent <= 3) {
		const next = (item.contentColumn + 1) * 2;
		const found = readListEntry(scan, raw, item.contentStart);
		if (found === null) return { read: null, level: 0, state: next };
		if (!found.ok) {
			const read: EntryRead = { malformed: `List item "${snippet(raw)}" looks like an entry but is not a complete link: ${found.reason}.`, number: null, title: "", url: "", recommended: false, linkEnd: 0 };
			return { read, level: 0, state: next };
		}
		const text = parseEntryText(found.link.text);
		let numberAt: readonly [number, number] | null = null;
		if (item.number !== null) numberAt = [item.markerStart, item.markerEnd];
		else if (text.number !== null) {
			const m = TEXT_NUMBER_RE.exec(raw.slice(found.linkStart));
			if (m) numberAt = [found.linkStart + 1 + m[1]!.length, found.linkStart + m[0].length];
		}
		const read: EntryRead = {
			malformed: null,
			number: item.number ?? text.number,
			title: text.title,
			url: found.link.dest,
			recommended: /\(recommended\)/i.test(scan.slice(found.link.end)),
			linkEnd: found.link.end,
			numberAt,
		};
		return { read, level: 0, state: next };
	}
	// A lazy line continues the item; after a blank, or where a fence opens, the list ends.
	if (top >= 0 && (state & 1) === 0 && !fenceOpens && !item) return { read: null, level: 0, state };
	return { read: null, level: 0, state: 0 };
}

/** Text that may change how other lines of a list-style note read: a heading, `---`, a fence or comment marker. */
function mayRestructure(text: string): boolean {
	return text.trimEnd() === "---" || hasMarker(text) || readHeading(text.trimStart()) !== null;
}

/** Whether a masked line that starts with `[` is meant as something other than an entry (as the parser decides). */
function isNotAnEntryAttempt(scan: string): boolean {
	const c = scan.charCodeAt(1);
	if (c === 91 || c === 94) return true;
	return /^\[[^\]]*\]:/.test(scan);
}

function snippet(line: string): string {
	const t = line.trim();
	return t.length > MAX_SNIPPET ? `${t.slice(0, MAX_SNIPPET)}…` : t;
}

/** Whether the masker is outside fenced code and comments: a line is then read on its own. */
function isPlain(masker: CodeMasker): boolean {
	// Masking leaves a plain letter as it is only outside code and comments, and changes no state.
	return masker.mask("x") === "x";
}

/** Text that can open or close a fence or a comment. */
function hasMarker(text: string): boolean {
	return text.includes("```") || text.includes("~~~") || text.includes("%%") || text.includes("<!--") || text.includes("-->");
}

function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstLineText(doc: Text): string {
	return stripBom(doc.line(1).text);
}

/** Lines `from` to `to` (1-based, inclusive) of a document. */
function* iterLines(doc: Text, from: number, to: number): Generator<string> {
	if (from > to) return;
	const it = doc.iterLines(from, to + 1);
	for (let r = it.next(); !r.done; r = it.next()) yield r.value;
}

/** The lines each change touched, old and new; touching changes merged. Null when there are too many to read one by one. */
function changedRegions(changes: ChangeSet, oldDoc: Text, newDoc: Text): Region[] | null {
	const regions: Region[] = [];
	let tooMany = false;
	changes.iterChangedRanges((fromA, toA, fromB, toB) => {
		if (tooMany) return;
		const oldFrom = oldDoc.lineAt(fromA).number;
		const oldTo = oldDoc.lineAt(toA).number;
		const newTo = newDoc.lineAt(toB).number;
		const last = regions[regions.length - 1];
		if (last && oldFrom <= last.oldTo) {
			last.oldTo = Math.max(last.oldTo, oldTo);
			last.newTo = Math.max(last.newTo, newTo);
			return;
		}
		regions.push({ oldFrom, oldTo, newFrom: newDoc.lineAt(fromB).number, newTo });
		if (regions.length > MAX_REGIONS) tooMany = true;
	});
	return tooMany ? null : regions;
}

// --- numbering, as checkDigest numbers ---

function isNumbered(r: LineRec): boolean {
	return r.malformed === null && r.number !== null;
}

/** Works out the numbering messages of a category; returns the entries whose message changed. */
function numberCategory(cat: Category): LineRec[] {
	const changed: LineRec[] = [];
	let expected = 1;
	const seen = new Set<number>();
	for (const e of cat.recs) {
		if (e.malformed !== null || e.number === null) continue;
		let message: string | null = null;
		if (seen.has(e.number)) message = `Entry number ${e.number} in "${cat.name}" repeats an earlier number; expected ${expected}.`;
		else if (e.number < expected) message = `Entry number ${e.number} in "${cat.name}" is out of order; expected ${expected}.`;
		else if (e.number > expected) message = `Entry number ${e.number} in "${cat.name}" skips ${expected === e.number - 1 ? `number ${expected}` : `numbers ${expected} to ${e.number - 1}`}.`;
		if (message !== e.numbering) {
			e.numbering = message;
			changed.push(e);
		}
		seen.add(e.number);
		expected = Math.max(expected, e.number + 1);
	}
	return changed;
}

// --- small helpers ---

/** Index of the first record on or after a line. */
function lowerBound(recs: readonly LineRec[], line: number): number {
	let lo = 0;
	let hi = recs.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (recs[mid]!.line < line) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function addToGroup(groups: Map<string, LineRec[]>, r: LineRec): void {
	const list = groups.get(r.key);
	if (!list) {
		groups.set(r.key, [r]);
		return;
	}
	list.splice(lowerBound(list, r.line), 0, r);
}

function removeFromGroup(groups: Map<string, LineRec[]>, r: LineRec): void {
	const list = groups.get(r.key);
	if (!list) return;
	const i = list.indexOf(r);
	if (i >= 0) list.splice(i, 1);
	if (list.length === 0) groups.delete(r.key);
}

export function sharedLabel(places: readonly SharedPlace[]): string {
	const named = places.slice(0, MAX_NAMED_PLACES).map((p) => {
		const where = p.digestTitle === null ? "this digest" : `"${p.digestTitle}"`;
		const which = p.number !== null ? `#${p.number}` : `"${p.title}"`;
		return `${where}, ${p.category} ${which}`;
	});
	const more = places.length - named.length;
	return `Also in ${named.join("; ")}${more > 0 ? ` and ${more} more` : ""}`;
}

export class SharedMarkWidget extends WidgetType {
	constructor(readonly label: string) {
		super();
	}

	eq(other: SharedMarkWidget): boolean {
		return other.label === this.label;
	}

	toDOM(): HTMLElement {
		return createSpan({ cls: SHARED_MARK_CLASS, text: "↺", attr: { role: "img", "aria-label": this.label, title: this.label } });
	}
}
