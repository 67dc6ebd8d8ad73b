import { decodeMarkdown } from "../format/markdown-scan";

/**
 * A small, safe reading of the Markdown a digest's commentary holds, as HTML: code spans,
 * wiki-links, links, bold, italics, strikethrough and highlights. Every piece of text is escaped,
 * and only http(s), mailto and site-relative link targets ever become an `href`, so a hostile
 * title or commentary never becomes markup.
 */

/** Where a wiki-link points on the published site; null keeps it as plain text. */
export type WikiLinkUrl = (target: string, subpath: string | null) => string | null;

export interface InlineOptions {
	wikiLinkUrl?: WikiLinkUrl;
	/** Inline styles per tag, for e-mail (`{ a: "color:#...", code: "..." }`). */
	styles?: Partial<Record<"a" | "code" | "strong" | "em" | "mark" | "del", string>>;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A link target that is safe to publish as an `href`, or null. */
export function safeHref(url: string): string | null {
	const u = url.trim();
	if (/^(?:https?:\/\/|mailto:)/i.test(u)) return u;
	// Site-relative paths (from a base URL setting) have no scheme at all.
	if (/^\/(?!\/)/.test(u)) return u;
	return null;
}

function open(tag: keyof NonNullable<InlineOptions["styles"]>, options: InlineOptions, attrs = ""): string {
	const style = options.styles?.[tag];
	return `<${tag}${attrs}${style ? ` style="${escapeHtml(style)}"` : ""}>`;
}

function anchor(href: string, inner: string, options: InlineOptions): string {
	return `${open("a", options, ` href="${escapeHtml(href)}"`)}${inner}</a>`;
}

interface Delim {
	marker: string;
	tag: "strong" | "em" | "del" | "mark";
}

const DELIMS: Delim[] = [
	{ marker: "**", tag: "strong" },
	{ marker: "__", tag: "strong" },
	{ marker: "~~", tag: "del" },
	{ marker: "==", tag: "mark" },
	{ marker: "*", tag: "em" },
	{ marker: "_", tag: "em" },
];

/** Finds the end of `[...]` starting at `start` (a `[`), with nested brackets and escapes; -1 when none. */
function closingBracket(text: string, start: number): number {
	let depth = 0;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (c === "\\") i++;
		else if (c === "[") depth++;
		else if (c === "]" && --depth === 0) return i;
	}
	return -1;
}

/** Finds the `)` closing a destination that opens at `start` (just after `(`); -1 when none. */
function closingParen(text: string, start: number): number {
	let depth = 1;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (c === "\\") i++;
		else if (c === "(") depth++;
		else if (c === ")" && --depth === 0) return i;
	}
	return -1;
}

function wikiLink(inner: string, embed: boolean, options: InlineOptions): string {
	const bar = inner.indexOf("|");
	const linkPart = bar >= 0 ? inner.slice(0, bar) : inner;
	const alias = bar >= 0 ? inner.slice(bar + 1) : null;
	const hash = linkPart.indexOf("#");
	const target = hash >= 0 ? linkPart.slice(0, hash) : linkPart;
	const subpath = hash >= 0 ? linkPart.slice(hash) : null;
	if (embed) {
		// An embed's options (`|center|500`) are not its text; an embed publishes as a link to it.
		const url = options.wikiLinkUrl?.(target.trim(), subpath) ?? null;
		const label = escapeHtml(target.trim());
		return url && safeHref(url) ? anchor(url, label, options) : label;
	}
	const label = escapeHtml((alias ?? (target.trim() || (subpath ?? "").replace(/^#\^?/, ""))).trim());
	const url = options.wikiLinkUrl?.(target.trim(), subpath) ?? null;
	return url && safeHref(url) ? anchor(url, label, options) : label;
}

/** One line of inline Markdown as safe HTML. */
export function inlineHtml(text: string, options: InlineOptions = {}): string {
	return render(text, options, 0);
}

function render(text: string, options: InlineOptions, depth: number): string {
	let out = "";
	let plain = "";
	const flush = () => {
		out += escapeHtml(decodeMarkdown(plain));
		plain = "";
	};
	let i = 0;
	while (i < text.length) {
		const c = text[i]!;
		if (c === "\\" && i + 1 < text.length) {
			plain += text.slice(i, i + 2);
			i += 2;
			continue;
		}
		if (c === "`") {
			let run = 1;
			while (text[i + run] === "`") run++;
			const fence = "`".repeat(run);
			const close = text.indexOf(fence, i + run);
			if (close > 0) {
				flush();
				out += `${open("code", options)}${escapeHtml(text.slice(i + run, close).trim())}</code>`;
				i = close + run;
				continue;
			}
		}
		if ((c === "[" && text[i + 1] === "[") || (c === "!" && text[i + 1] === "[" && text[i + 2] === "[")) {
			const embed = c === "!";
			const start = i + (embed ? 3 : 2);
			const close = text.indexOf("]]", start);
			if (close > start) {
				flush();
				out += wikiLink(text.slice(start, close), embed, options);
				i = close + 2;
				continue;
			}
		}
		if (c === "[" || (c === "!" && text[i + 1] === "[")) {
			const at = c === "!" ? i + 1 : i;
			const end = closingBracket(text, at);
			if (end > at && text[end + 1] === "(") {
				const close = closingParen(text, end + 2);
				if (close > end) {
					let dest = text.slice(end + 2, close).trim();
					const titled = /^(\S+)\s+["'(]/.exec(dest);
					if (titled) dest = titled[1]!;
					if (dest.startsWith("<") && dest.endsWith(">")) dest = dest.slice(1, -1);
					dest = decodeMarkdown(dest);
					flush();
					const inner = depth < 4 ? render(text.slice(at + 1, end), options, depth + 1) : escapeHtml(text.slice(at + 1, end));
					const href = safeHref(dest);
					out += href ? anchor(href, inner, options) : inner;
					i = close + 1;
					continue;
				}
			}
		}
		const delim = depth < 4 ? DELIMS.find((d) => text.startsWith(d.marker, i)) : undefined;
		if (delim) {
			const from = i + delim.marker.length;
			const close = text.indexOf(delim.marker, from + 1);
			// Emphasis hugs its text: no space just inside the markers.
			// `_` inside a word (snake_case) is a letter, not emphasis.
			const intraword = delim.marker[0] === "_" && (/\w/.test(text[i - 1] ?? "") || /\w/.test(text[close + delim.marker.length] ?? ""));
			if (close > from && text[from] !== " " && text[close - 1] !== " " && !intraword) {
				flush();
				out += `${open(delim.tag, options)}${render(text.slice(from, close), options, depth + 1)}</${delim.tag}>`;
				i = close + delim.marker.length;
				continue;
			}
		}
		plain += c;
		i++;
	}
	flush();
	return out;
}
