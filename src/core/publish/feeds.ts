import type { DayDate, Digest, Entry } from "../format/types";
import { digestOrder } from "../index/digest-index";
import { normalizeUrl } from "../links/url-normalize";
import { digestHtml, entryHtml, commentaryHtml } from "./digest-html";
import type { WikiLinkUrl } from "./inline-html";

/**
 * Feeds of a series: RSS 2.0 and JSON Feed 1.1, an item per digest with the whole digest as
 * HTML (and optionally an item per recommended entry). Dates come from the period's end, GUIDs
 * from the digest's path, so an item keeps its identity when the digest is edited.
 */

export interface FeedOptions {
	title: string;
	/** The site's home page, e.g. `https://example.com/`. */
	siteUrl: string;
	/** Where the feed itself will be published (JSON Feed's `feed_url`, RSS's atom:link). */
	feedUrl?: string;
	description?: string;
	/** The published URL of a digest note. */
	digestUrl: (digest: Digest) => string;
	/** Where a wiki-link in commentary points on the site, resolved from the digest it is in. */
	wikiLinkUrl?: (digest: Digest) => WikiLinkUrl;
	/** Also an item per recommended entry. */
	recommendedItems?: boolean;
	/** Newest items kept (default 50). */
	limit?: number;
}

export interface FeedItem {
	id: string;
	url: string;
	title: string;
	html: string;
	date: DayDate;
}

/** Characters XML 1.0 does not allow (surrogates are handled in pairs by `xmlChars`). */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what the pattern removes
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * The text without what XML cannot hold: control characters and every lone surrogate, so a
 * hostile title cannot break the feed. Pairs are walked in order, as a pattern that looks at one
 * neighbour cannot tell two lone halves in a row from a pair.
 */
function xmlChars(text: string): string {
	let out = "";
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				out += text[i]! + text[i + 1]!;
				i++;
			}
			continue;
		}
		if (c >= 0xdc00 && c <= 0xdfff) continue;
		out += text[i]!;
	}
	return out.replace(NOT_XML, "");
}

export function xmlText(text: string): string {
	return xmlChars(text)
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;")
		.replace(/"/g, "&quot;");
}

/** A site URL for a vault path: the path without `.md`, spaces as `-`, each segment percent-encoded (Quartz's slugs). */
export function siteUrl(base: string, vaultPath: string): string {
	const slug = vaultPath
		.replace(/\.md$/i, "")
		.split("/")
		.map((seg) => encodeURIComponent(seg.replace(/\s+/g, "-")))
		.join("/");
	return `${base.replace(/\/+$/, "")}/${slug}`;
}

function dayUtc(d: DayDate): Date {
	return new Date(Date.UTC(d.year, d.month - 1, d.day));
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 822 date, as RSS 2.0 wants it. */
export function rfc822(d: DayDate): string {
	const date = dayUtc(d);
	const dd = String(d.day).padStart(2, "0");
	return `${DAYS[date.getUTCDay()]}, ${dd} ${MONTHS[d.month - 1]} ${d.year} 00:00:00 GMT`;
}

function entryItemId(digestUrl: string, entry: Entry): string {
	// The normalised URL, not the line: the item keeps its id when entries above it move.
	let h = 0x811c9dc5;
	const key = normalizeUrl(entry.url);
	for (let i = 0; i < key.length; i++) {
		h ^= key.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return `${digestUrl}#entry-${(h >>> 0).toString(16).padStart(8, "0")}`;
}

/** The feed's items, newest first. */
export function feedItems(digests: readonly Digest[], options: FeedOptions): FeedItem[] {
	const dated = digests.filter((d): d is Digest & { period: NonNullable<Digest["period"]> } => d.period !== null && !d.draft).sort(digestOrder).reverse();
	const items: FeedItem[] = [];
	for (const d of dated) {
		const url = options.digestUrl(d);
		const wikiLinkUrl = options.wikiLinkUrl?.(d);
		items.push({ id: url, url, title: d.title, html: digestHtml(d, { wikiLinkUrl }), date: d.period.end });
		if (!options.recommendedItems) continue;
		for (const c of d.categories) {
			for (const e of c.entries) {
				if (!e.recommended) continue;
				const title = e.source ? `${e.source} - ${e.title}` : e.title;
				// A feed reader opens an item's link: only a web address may be one, else the digest is.
				items.push({ id: entryItemId(url, e), url: /^https?:\/\//i.test(e.url.trim()) ? e.url.trim() : url, title, html: entryHtml(e, { wikiLinkUrl }) + commentaryHtml(e.commentary, { wikiLinkUrl }), date: d.period.end });
			}
		}
	}
	return items.slice(0, options.limit ?? 50);
}

/** The RSS 2.0 document. */
export function rssFeed(digests: readonly Digest[], options: FeedOptions): string {
	const items = feedItems(digests, options);
	const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">', "<channel>"];
	out.push(`<title>${xmlText(options.title)}</title>`, `<link>${xmlText(options.siteUrl)}</link>`, `<description>${xmlText(options.description ?? options.title)}</description>`);
	if (options.feedUrl) out.push(`<atom:link href="${xmlText(options.feedUrl)}" rel="self" type="application/rss+xml"/>`);
	if (items[0]) out.push(`<lastBuildDate>${rfc822(items[0].date)}</lastBuildDate>`);
	for (const item of items) {
		out.push(
			"<item>",
			`<title>${xmlText(item.title)}</title>`,
			`<link>${xmlText(item.url)}</link>`,
			`<guid isPermaLink="false">${xmlText(item.id)}</guid>`,
			`<pubDate>${rfc822(item.date)}</pubDate>`,
			`<description>${xmlText(item.html)}</description>`,
			"</item>",
		);
	}
	out.push("</channel>", "</rss>", "");
	return out.join("\n");
}

/** The JSON Feed 1.1 document. */
export function jsonFeed(digests: readonly Digest[], options: FeedOptions): string {
	const items = feedItems(digests, options);
	const feed: Record<string, unknown> = {
		version: "https://jsonfeed.org/version/1.1",
		title: options.title,
		home_page_url: options.siteUrl,
		...(options.feedUrl ? { feed_url: options.feedUrl } : {}),
		...(options.description ? { description: options.description } : {}),
		items: items.map((item) => ({
			id: item.id,
			url: item.url,
			// The same characters as the RSS feed drops: an HTML reader has no use for them either.
			title: xmlChars(item.title),
			content_html: xmlChars(item.html),
			date_published: dayUtc(item.date).toISOString().replace(".000Z", "Z"),
		})),
	};
	return JSON.stringify(feed, null, "\t") + "\n";
}
