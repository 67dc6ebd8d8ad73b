/**
 * Digest Curator's API for other plugins, as a declaration file to copy into your plugin.
 *
 *     const api = (app as any).plugins.plugins["digest-curator"]?.api as DigestCuratorApi | undefined;
 *     if (api?.version === 1) {
 *         const result = await api.addToInbox({ url: "https://example.com/post", title: "A post" });
 *         if (!result.ok) new Notice(result.reason);
 *     }
 *
 * Every write goes through the same checks and the same edit layer as Digest Curator's own
 * commands (an open note is changed through its editor, in one undoable step); a refused write
 * changes nothing and says why in one sentence. What the functions hand out are plain copies.
 * Dates are `YYYY-MM-DD`; paths are vault paths with `/`.
 */

export type ApiResult<T> = ({ ok: true } & T) | { ok: false; reason: string };

/** A digest. */
export interface ApiDigest {
	path: string;
	title: string;
	/** The series' name. */
	series: string;
	period: { start: string; end: string } | null;
	draft: boolean;
	/** Frontmatter tags, without `#`. */
	tags: string[];
	entryCount: number;
}

/** An entry of a digest. */
export interface ApiEntry {
	digestPath: string;
	digestTitle: string;
	series: string;
	category: string;
	/** The number before the title, null when unnumbered. */
	number: number | null;
	source: string | null;
	title: string;
	url: string;
	recommended: boolean;
	/** Tags on the entry's line, without `#`. */
	tags: string[];
	/** 1-based line of the entry in its digest. */
	line: number;
	/** The commentary of the entry's group, lines joined by `\n`. */
	commentary: string;
}

/** An entry to add. */
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

/** A link to keep in a series' inbox until it becomes an entry. */
export interface ApiCapturedLink {
	url: string;
	title?: string;
	source?: string;
	/** The category it is meant for. */
	category?: string;
	tags?: string[];
	recommended?: boolean;
	commentary?: string[];
	/** Series name; default the first series. */
	series?: string;
}

/** What `entries` looks for; every field narrows the result. */
export interface ApiEntryQuery {
	/** Words that must all appear in the title, source, commentary, tags or URL. */
	text?: string;
	category?: string;
	source?: string;
	/** A tag and its nested tags. */
	tag?: string;
	recommended?: boolean;
	/** Digests whose period overlaps from..to, `YYYY-MM-DD`. */
	from?: string;
	to?: string;
	/** Series name. */
	series?: string;
	/** Digest path. */
	digest?: string;
	/** Include drafts (default true, as the index does). */
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
