import type { Digest, Entry } from "../format/types";
import { escapeHtml, inlineHtml, safeHref, type InlineOptions } from "./inline-html";
import { withoutComments } from "./strip-comments";

/**
 * A digest as HTML: a heading a category, an entry a paragraph with its link, source and star,
 * and its commentary as nested lists. Built from the parsed digest with escaping throughout.
 * The same function serves feeds (plain tags) and e-mail (inline styles).
 */

export interface DigestHtmlOptions extends InlineOptions {
	/** Heading level of categories in the output (default 2). */
	headingLevel?: number;
	/** Inline styles for block elements, for e-mail. */
	blockStyles?: Partial<Record<"h" | "p" | "ul" | "li" | "star" | "source", string>>;
}

interface ListLine {
	depth: number;
	text: string;
	item: boolean;
}

const LIST_ITEM_RE = /^(\s*)(?:[-*+]|\d{1,9}[.)])\s+(.*)$/;

function indentWidth(ws: string): number {
	let w = 0;
	for (const c of ws) w += c === "\t" ? 4 : 1;
	return w;
}

/** Commentary lines as list items with depths (tabs or spaces), or paragraphs. */
function readCommentary(commentary: string): ListLine[] {
	const out: ListLine[] = [];
	const widths: number[] = [];
	for (const raw of withoutComments(commentary.split("\n"))) {
		if (raw.trim() === "") continue;
		const m = LIST_ITEM_RE.exec(raw);
		if (!m) {
			out.push({ depth: 0, text: raw.trim(), item: false });
			widths.length = 0;
			continue;
		}
		const w = indentWidth(m[1]!);
		while (widths.length > 0 && widths[widths.length - 1]! > w) widths.pop();
		if (widths.length === 0 || widths[widths.length - 1]! < w) widths.push(w);
		out.push({ depth: widths.length - 1, text: m[2]!, item: true });
	}
	return out;
}

function styled(tag: string, style: string | undefined, attrs = ""): string {
	return `<${tag}${attrs}${style ? ` style="${escapeHtml(style)}"` : ""}>`;
}

/** Commentary as HTML: nested `<ul>`s for bullets, `<p>`s for other lines. */
export function commentaryHtml(commentary: string, options: DigestHtmlOptions = {}): string {
	const lines = readCommentary(commentary);
	const bs = options.blockStyles ?? {};
	let html = "";
	let open = 0; // lists open
	for (const line of lines) {
		if (!line.item) {
			while (open > 0) {
				html += "</li></ul>";
				open--;
			}
			html += `${styled("p", bs.p)}${inlineHtml(line.text, options)}</p>`;
			continue;
		}
		const want = line.depth + 1;
		if (want > open) {
			while (open < want) {
				html += styled("ul", bs.ul);
				open++;
				if (open < want) html += styled("li", bs.li);
			}
		} else {
			while (open > want) {
				html += "</li></ul>";
				open--;
			}
			html += "</li>";
		}
		html += `${styled("li", bs.li)}${inlineHtml(line.text, options)}`;
	}
	while (open > 0) {
		html += "</li></ul>";
		open--;
	}
	return html;
}

/** One entry's line: number, linked title, source, star. */
export function entryHtml(entry: Entry, options: DigestHtmlOptions = {}): string {
	const bs = options.blockStyles ?? {};
	const title = escapeHtml(entry.title);
	const href = safeHref(entry.url);
	const link = href ? `<a href="${escapeHtml(href)}"${options.styles?.a ? ` style="${escapeHtml(options.styles.a)}"` : ""}>${title}</a>` : title;
	const num = entry.number !== null ? `${entry.number}. ` : "";
	const source = entry.source ? `${styled("span", bs.source)}${escapeHtml(entry.source)}</span> – ` : "";
	const star = entry.recommended ? ` ${styled("span", bs.star, ' title="Recommended"')}★ Recommended</span>` : "";
	return `${styled("p", bs.p)}${num}${source}${link}${star}</p>`;
}

/** The whole digest's body as HTML; commentary shared by a group follows the group's last entry. */
export function digestHtml(digest: Digest, options: DigestHtmlOptions = {}): string {
	const level = Math.min(6, Math.max(1, options.headingLevel ?? 2));
	const bs = options.blockStyles ?? {};
	let html = "";
	for (const category of digest.categories) {
		if (category.entries.length === 0) continue;
		html += `${styled(`h${level}`, bs.h)}${escapeHtml(category.name)}</h${level}>`;
		for (const group of category.groups) {
			const entries = group.entries.map((i) => category.entries[i]!);
			for (const e of entries) html += entryHtml(e, options);
			const shared = entries[entries.length - 1]?.commentary ?? "";
			if (shared.trim() !== "") html += commentaryHtml(shared, options);
		}
	}
	return html;
}
