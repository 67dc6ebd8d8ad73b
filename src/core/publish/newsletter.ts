import type { Digest } from "../format/types";
import { formatEntryLine } from "../edit/entry-edits";
import { digestHtml, type DigestHtmlOptions } from "./digest-html";
import { escapeHtml, type WikiLinkUrl } from "./inline-html";
import { withoutComments } from "./strip-comments";

/**
 * A digest as a newsletter: e-mail-ready HTML (inline styles, no scripts, no classes) or plain
 * Markdown with wiki-links turned into links to the site, or into their text.
 */

/** Inline styles that read well in mail clients, which ignore style sheets. */
const EMAIL: DigestHtmlOptions = {
	styles: { a: "color:#2754c5;text-decoration:underline", code: "font-family:monospace;background:#f2f2f2;padding:0 2px", strong: "font-weight:bold", em: "font-style:italic", mark: "background:#fff3a3", del: "text-decoration:line-through" },
	blockStyles: {
		h: "font-family:sans-serif;font-size:20px;margin:24px 0 8px;color:#1a1a1a",
		p: "font-family:sans-serif;font-size:16px;line-height:1.5;margin:8px 0;color:#1a1a1a",
		ul: "font-family:sans-serif;font-size:15px;line-height:1.5;margin:4px 0 12px;padding-left:24px;color:#333333",
		li: "margin:2px 0",
		star: "color:#8a5a00;font-weight:bold",
		source: "color:#555555",
	},
};

/** The whole newsletter as one HTML document. */
export function newsletterHtml(digest: Digest, wikiLinkUrl?: WikiLinkUrl): string {
	const body = digestHtml(digest, { ...EMAIL, wikiLinkUrl });
	return [
		"<!DOCTYPE html>",
		'<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
		`<title>${escapeHtml(digest.title)}</title></head>`,
		'<body style="margin:0;padding:16px;background:#ffffff">',
		'<div style="max-width:640px;margin:0 auto">',
		`<h1 style="font-family:sans-serif;font-size:26px;margin:0 0 16px;color:#1a1a1a">${escapeHtml(digest.title)}</h1>`,
		body,
		"</div></body></html>",
		"",
	].join("\n");
}

const WIKI_RE = /(!?)\[\[([^\]\n]+?)\]\]/g;

/** A URL as a Markdown link destination: parentheses and white space percent-encoded (encodeURIComponent leaves `(` and `)` alone). */
function destination(url: string): string {
	return url.replace(/[()\s]/g, (c) => (c === "(" ? "%28" : c === ")" ? "%29" : encodeURIComponent(c)));
}

/** A commentary line with wiki-links as Markdown links to the site, or as their text. */
function plainLine(line: string, wikiLinkUrl?: WikiLinkUrl): string {
	return line.replace(WIKI_RE, (_whole, bang: string, inner: string) => {
		const bar = inner.indexOf("|");
		const linkPart = bar >= 0 ? inner.slice(0, bar) : inner;
		const hash = linkPart.indexOf("#");
		const target = (hash >= 0 ? linkPart.slice(0, hash) : linkPart).trim();
		const subpath = hash >= 0 ? linkPart.slice(hash) : null;
		const label = bang ? target : (bar >= 0 ? inner.slice(bar + 1) : target || (subpath ?? "").replace(/^#\^?/, "")).trim();
		const url = wikiLinkUrl?.(target, subpath) ?? null;
		return url ? `[${label.replace(/[[\]]/g, "\\$&")}](${destination(url)})` : label;
	});
}

/** The newsletter as Markdown: title, categories, entries and commentary, nothing Obsidian-only. */
export function newsletterMarkdown(digest: Digest, wikiLinkUrl?: WikiLinkUrl): string {
	const lines = [`# ${digest.title}`];
	for (const category of digest.categories) {
		if (category.entries.length === 0) continue;
		lines.push("", `## ${category.name}`);
		for (const group of category.groups) {
			const entries = group.entries.map((i) => category.entries[i]!);
			lines.push("");
			for (const e of entries) lines.push(formatEntryLine({ ...e, tags: [] }), "");
			const commentary = entries[entries.length - 1]?.commentary ?? "";
			if (commentary.trim() === "") {
				lines.pop();
				continue;
			}
			for (const line of withoutComments(commentary.split("\n"))) lines.push(plainLine(line, wikiLinkUrl));
		}
	}
	return lines.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
}
