import { RangeSetBuilder, StateEffect, type EditorState, type Extension, type Text } from "@codemirror/state";
import { Decoration, ViewPlugin, WidgetType, type DecorationSet, type EditorView, type PluginValue, type ViewUpdate } from "@codemirror/view";
import { editorInfoField, parseYaml, type EventRef } from "obsidian";
import { checkDigest } from "../../core/check/check";
import { CodeMasker, parseInlineLink } from "../../core/format/markdown-scan";
import { parseDigest } from "../../core/format/parser";
import { normalizeUrl } from "../../core/links/url-normalize";
import type { Digest, Entry, Problem, Series } from "../../core/format/types";
import type { DigestCuratorHost } from "../host";

export const RECOMMENDED_CLASS = "digest-curator-recommended";
export const SHARED_MARK_CLASS = "digest-curator-shared-mark";
export const NUMBERING_CLASS = "digest-curator-numbering";
export const MALFORMED_CLASS = "digest-curator-malformed";

/** Other places an entry's link appears at most, named in the shared mark's tooltip. */
const MAX_NAMED_PLACES = 5;

/** Asks the marks to recompute without a document change (the index changed). */
export const refreshDigestMarks = StateEffect.define<null>();

/** Path of the note in an Obsidian editor; null in editors without a file (canvas cards, embeds being created). */
export function notePathOf(state: EditorState): string | null {
	return state.field(editorInfoField, false)?.file?.path ?? null;
}

/**
 * The editor marks of digest notes: recommended lines, links shared in another digest, numbers
 * out of sequence and malformed entry lines. Register the returned extension once.
 */
export function digestEditorExtension(host: DigestCuratorHost): Extension {
	return ViewPlugin.fromClass(
		class extends DigestMarks {
			constructor(view: EditorView) {
				super(view, host);
			}
		},
		{ decorations: (v) => v.decorations },
	);
}

/** The parse of one document, kept while only the index changes. */
interface ParsedNote {
	doc: Text;
	path: string;
	categoryLevel: number;
	dateFormat: string;
	digest: Digest;
	problems: Problem[];
}

/** What one line gets; lines are decorated in document order. */
interface LineMarks {
	line: number;
	entry: Entry | null;
	numbering: string | null;
	malformed: string | null;
}

class DigestMarks implements PluginValue {
	decorations: DecorationSet = Decoration.none;
	private readonly ref: EventRef;
	private parsed: ParsedNote | null = null;
	private enabled: boolean;
	private path: string | null;

	constructor(view: EditorView, private readonly host: DigestCuratorHost) {
		this.enabled = host.settings.editorMarks;
		this.path = notePathOf(view.state);
		this.decorations = this.compute(view.state);
		// The index changes from vault events, never inside an editor update, so dispatching here is safe.
		this.ref = host.live.on("changed", () => {
			if (this.enabled && this.path !== null) view.dispatch({ effects: refreshDigestMarks.of(null) });
		});
	}

	update(update: ViewUpdate): void {
		const enabled = this.host.settings.editorMarks;
		const path = notePathOf(update.state);
		const refresh = update.transactions.some((tr) => tr.effects.some((e) => e.is(refreshDigestMarks)));
		if (!update.docChanged && !refresh && enabled === this.enabled && path === this.path) return;
		this.enabled = enabled;
		this.path = path;
		this.decorations = this.compute(update.state);
	}

	destroy(): void {
		this.host.live.offref(this.ref);
		this.parsed = null;
	}

	private compute(state: EditorState): DecorationSet {
		if (!this.enabled || this.path === null) return this.forget();
		// Only indexed digests are marked: other notes cost one map lookup per update.
		const series = this.host.live.index.seriesOf(this.path);
		if (!series) return this.forget();
		const parsed = this.parse(state.doc, this.path, series);
		return buildMarks(state.doc, parsed, this.host);
	}

	private forget(): DecorationSet {
		this.parsed = null;
		return Decoration.none;
	}

	private parse(doc: Text, path: string, series: Series): ParsedNote {
		const p = this.parsed;
		if (p && p.doc === doc && p.path === path && p.categoryLevel === series.categoryLevel && p.dateFormat === series.dateFormat) return p;
		const digest = parseDigest(doc.toString(), path, { parseYaml, categoryLevel: series.categoryLevel, dateFormat: series.dateFormat });
		const problems = checkDigest(digest).filter((pr) => pr.code === "numbering" || pr.code === "malformed-entry");
		this.parsed = { doc, path, categoryLevel: series.categoryLevel, dateFormat: series.dateFormat, digest, problems };
		return this.parsed;
	}
}

function buildMarks(doc: Text, parsed: ParsedNote, host: DigestCuratorHost): DecorationSet {
	const byLine = new Map<number, LineMarks>();
	const at = (line: number): LineMarks => {
		let m = byLine.get(line);
		if (!m) byLine.set(line, (m = { line, entry: null, numbering: null, malformed: null }));
		return m;
	};
	for (const cat of parsed.digest.categories) for (const e of cat.entries) at(e.line).entry = e;
	for (const pr of parsed.problems) {
		if (pr.code === "numbering") at(pr.line).numbering = pr.message;
		else at(pr.line).malformed = pr.message;
	}
	if (byLine.size === 0) return Decoration.none;

	const shared = sharedLabels(parsed, host);
	const builder = new RangeSetBuilder<Decoration>();
	const lines = [...byLine.values()].sort((a, b) => a.line - b.line);
	for (const m of lines) {
		if (m.line < 1 || m.line > doc.lines) continue;
		const line = doc.line(m.line);
		if (m.malformed !== null) {
			builder.add(line.from, line.from, Decoration.line({ class: MALFORMED_CLASS, attributes: { title: m.malformed } }));
			continue;
		}
		const e = m.entry;
		if (!e) continue;
		if (e.recommended) builder.add(line.from, line.from, Decoration.line({ class: RECOMMENDED_CLASS }));
		if (m.numbering !== null) {
			const digits = /^\[\s*(\d+)[.)]/.exec(line.text);
			if (digits) {
				const from = line.from + digits[0].length - 1 - digits[1]!.length;
				builder.add(from, from + digits[1]!.length, Decoration.mark({ class: NUMBERING_CLASS, attributes: { title: m.numbering } }));
			}
		}
		const label = shared.get(e);
		if (label !== undefined) {
			const pos = line.from + linkEnd(line.text);
			builder.add(pos, pos, Decoration.widget({ widget: new SharedMarkWidget(label), side: 1 }));
		}
	}
	return builder.finish();
}

/** Offset just past an entry line's link; the line's end if it cannot be read (it always can for a parsed entry). */
function linkEnd(text: string): number {
	// An entry line starts outside code and comments, so a fresh masker reads it as the parser did.
	const res = parseInlineLink(new CodeMasker().mask(text), text, 0);
	return res.ok ? res.link.end : text.length;
}

interface Place {
	digestTitle: string | null;
	category: string;
	entry: Entry;
}

/** Tooltip of every entry whose link appears elsewhere: in another digest, or in this one at another entry. */
function sharedLabels(parsed: ParsedNote, host: DigestCuratorHost): Map<Entry, string> {
	const { digest, path } = parsed;
	const here = new Map<string, Entry[]>();
	const keys = new Map<Entry, string>();
	for (const cat of digest.categories) {
		for (const e of cat.entries) {
			const key = normalizeUrl(e.url);
			keys.set(e, key);
			const list = here.get(key);
			if (list) list.push(e);
			else here.set(key, [e]);
		}
	}
	const labels = new Map<Entry, string>();
	for (const [e, key] of keys) {
		const places: Place[] = [];
		// This note's own indexed entries are skipped: the index may hold an older version of it.
		const elsewhere = host.live.index.findUrl(e.url).filter((ie) => ie.digest.path !== path);
		elsewhere.sort((a, b) => (a.digest.path < b.digest.path ? -1 : a.digest.path > b.digest.path ? 1 : a.entry.line - b.entry.line));
		for (const ie of elsewhere) places.push({ digestTitle: ie.digest.title, category: ie.category.name, entry: ie.entry });
		for (const o of here.get(key)!) if (o !== e) places.push({ digestTitle: null, category: o.category, entry: o });
		if (places.length > 0) labels.set(e, sharedLabel(places));
	}
	return labels;
}

function sharedLabel(places: readonly Place[]): string {
	const named = places.slice(0, MAX_NAMED_PLACES).map((p) => {
		const where = p.digestTitle === null ? "this digest" : `"${p.digestTitle}"`;
		const which = p.entry.number !== null ? `#${p.entry.number}` : `"${p.entry.title}"`;
		return `${where}, ${p.category} ${which}`;
	});
	const more = places.length - named.length;
	return `Also in ${named.join("; ")}${more > 0 ? ` and ${more} more` : ""}`;
}

class SharedMarkWidget extends WidgetType {
	constructor(readonly label: string) {
		super();
	}

	eq(other: SharedMarkWidget): boolean {
		return other.label === this.label;
	}

	toDOM(): HTMLElement {
		return createSpan({ cls: SHARED_MARK_CLASS, text: "↺", attr: { "aria-label": this.label, title: this.label } });
	}
}
