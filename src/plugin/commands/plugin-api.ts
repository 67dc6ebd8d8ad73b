import { urlProblem } from "../../core/capture/capture-request";
import { insertEntry } from "../../core/edit/entry-edits";
import { isoDate, parseIsoDate } from "../../core/format/dates";
import type { DayDate, Digest, Series } from "../../core/format/types";
import type { EntryQuery, IndexedEntry } from "../../core/index/digest-index";
import type { DigestCuratorHost } from "../host";
import { addToInbox, captureDigest, seriesNamed } from "./capture-actions";
import { editContext, editDigest } from "./digest-actions";

/**
 * The API other plugins reach as `app.plugins.plugins["digest-curator"].api`. Every write goes
 * through the same checks and the same edit layer as the plugin's own commands; what it hands
 * out are plain copies, never the index's own objects. `api/digest-curator-api.d.ts` declares
 * the same types for other plugins to copy; a test holds the two to each other.
 */

export type ApiResult<T> = ({ ok: true } & T) | { ok: false; reason: string };

/** A digest as the API describes it; dates are `YYYY-MM-DD`. */
export interface ApiDigest {
	path: string;
	title: string;
	series: string;
	period: { start: string; end: string } | null;
	draft: boolean;
	tags: string[];
	entryCount: number;
}

/** An entry as the API describes it. */
export interface ApiEntry {
	digestPath: string;
	digestTitle: string;
	series: string;
	category: string;
	number: number | null;
	source: string | null;
	title: string;
	url: string;
	recommended: boolean;
	tags: string[];
	/** 1-based line of the entry in its digest. */
	line: number;
	/** The commentary of the entry's group, lines joined by `\n`. */
	commentary: string;
}

export interface ApiNewEntry {
	url: string;
	title: string;
	category: string;
	source?: string;
	tags?: string[];
	recommended?: boolean;
	/** Commentary lines; each becomes a bullet. */
	commentary?: string[];
	/** Series name; default the first series. */
	series?: string;
	/** Vault path of the digest; default the series' latest. */
	digest?: string;
	/** Add it even when the link was shared before (default: refused). */
	allowDuplicate?: boolean;
	/**
	 * Share the commentary with the entry before it when that one has none and the two would form
	 * one group (default: refused, since the older entry would then "have" the new commentary).
	 */
	shareCommentary?: boolean;
}

export interface ApiCapturedLink {
	url: string;
	title?: string;
	source?: string;
	category?: string;
	tags?: string[];
	recommended?: boolean;
	commentary?: string[];
	/** Series name; default the first series. */
	series?: string;
}

export interface ApiEntryQuery {
	/** Words that must all appear in the title, source, commentary, tags or URL. */
	text?: string;
	category?: string;
	source?: string;
	tag?: string;
	recommended?: boolean;
	/** Digests whose period overlaps from..to, `YYYY-MM-DD`. */
	from?: string;
	to?: string;
	series?: string;
	digest?: string;
	drafts?: boolean;
	/** Most entries returned. */
	limit?: number;
}

export interface DigestCuratorApi {
	/** Raised when a function's meaning changes. */
	readonly version: 1;
	/** Adds an entry to a digest (refused when the link was shared before, unless allowDuplicate). */
	addEntry(input: ApiNewEntry): Promise<ApiResult<{ path: string; line: number }>>;
	/** Appends a link to a series' inbox note, created when missing. */
	addToInbox(input: ApiCapturedLink): Promise<ApiResult<{ path: string }>>;
	/** The latest digest of a series (default the first), or null when it has none. */
	latestDigest(series?: string): ApiDigest | null;
	/** Every entry that shares a link with `url` (after normalising: http/https, www., tracking parameters...). */
	findByUrl(url: string): ApiEntry[];
	/** Entries matching a query, oldest digest first and in document order; throws an Error with a sentence for a date that cannot be read. */
	entries(query?: ApiEntryQuery): ApiEntry[];
}

function digestInfo(d: Digest, series: Series | null): ApiDigest {
	return {
		path: d.path,
		title: d.title,
		series: series?.name ?? "",
		period: d.period ? { start: isoDate(d.period.start), end: isoDate(d.period.end) } : null,
		draft: d.draft,
		tags: [...d.tags],
		entryCount: d.categories.reduce((n, c) => n + c.entries.length, 0),
	};
}

function entryInfo(ie: IndexedEntry): ApiEntry {
	const e = ie.entry;
	return { digestPath: ie.digest.path, digestTitle: ie.digest.title, series: ie.series.name, category: ie.category.name, number: e.number, source: e.source, title: e.title, url: e.url, recommended: e.recommended, tags: [...e.tags], line: e.line, commentary: e.commentary };
}

function dayOf(text: string | undefined, name: string): DayDate | undefined {
	if (text === undefined) return undefined;
	const d = parseIsoDate(text);
	if (!d) throw new Error(`The query's ${name} "${text}" is not a date in the form YYYY-MM-DD.`);
	return d;
}

export function createPluginApi(host: DigestCuratorHost): DigestCuratorApi {
	const index = () => host.live.index;
	return {
		version: 1,

		async addEntry(input) {
			await host.live.whenReady();
			const problem = urlProblem(input.url ?? "");
			if (problem) return { ok: false, reason: problem };
			// A note named without a series (a collection's note) is taken in its own series.
			const ofNote = input.series === undefined && input.digest !== undefined ? index().seriesOf(input.digest) : null;
			const series = ofNote ? { ok: true as const, series: ofNote } : seriesNamed(host, input.series);
			if (!series.ok) return series;
			const target = captureDigest(host, series.series, input.digest);
			if (!target.ok) return target;
			if (target.path === null) return { ok: false, reason: `${series.series.name} has no digest to add to yet.` };
			const earlier = index().findUrlFor(input.url, series.series);
			if (earlier.length > 0 && !input.allowDuplicate) {
				return { ok: false, reason: `${input.url} was already shared in ${earlier.map((e) => `${e.digest.path} (line ${e.entry.line})`).join(", ")}; pass allowDuplicate to add it again.` };
			}
			const path = target.path;
			const result = await editDigest(host, path, (text) =>
				insertEntry(text, path, editContext(series.series), { url: input.url.trim(), title: input.title ?? "", category: input.category ?? "", source: input.source, tags: input.tags, recommended: input.recommended, commentary: input.commentary, shareCommentary: input.shareCommentary === true }),
			);
			return result.ok ? { ok: true, path, line: result.line } : { ok: false, reason: result.reason };
		},

		async addToInbox(input) {
			await host.live.whenReady();
			const series = seriesNamed(host, input.series);
			if (!series.ok) return series;
			const result = await addToInbox(host, series.series, input);
			return result.ok ? { ok: true, path: result.path } : { ok: false, reason: result.reason };
		},

		latestDigest(seriesName) {
			const series = seriesNamed(host, seriesName);
			if (!series.ok) return null;
			const latest = index().latest(series.series.name);
			return latest ? digestInfo(latest, series.series) : null;
		},

		findByUrl(url) {
			return index().findUrl(url).map(entryInfo);
		},

		entries(query = {}) {
			const q: EntryQuery = {
				text: query.text,
				category: query.category,
				source: query.source,
				tag: query.tag,
				recommended: query.recommended,
				from: dayOf(query.from, "from"),
				to: dayOf(query.to, "to"),
				series: query.series,
				digest: query.digest,
				drafts: query.drafts,
			};
			for (const k of Object.keys(q) as (keyof EntryQuery)[]) if (q[k] === undefined) delete q[k];
			const found = index().query(q);
			return (query.limit !== undefined ? found.slice(0, Math.max(0, query.limit)) : found).map(entryInfo);
		},
	};
}
