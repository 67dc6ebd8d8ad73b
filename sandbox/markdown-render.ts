import MarkdownIt, { type StateInline, type Token } from "markdown-it";

/**
 * Renders Markdown the way Obsidian's reading view does, closely enough for the digest
 * browser's commentary: paragraphs, lists, emphasis, code, web links and wiki-links (as
 * `a.internal-link` with `data-href`, `is-unresolved` when no note matches). The mocks' own
 * `MarkdownRenderer.render` renders nothing. Builds DOM nodes; never parses HTML (raw HTML in the
 * Markdown stays text).
 */

/** What rendering needs of the app: resolving wiki-links. */
interface LinkResolver {
	metadataCache: { getFirstLinkpathDest(linkpath: string, sourcePath: string): unknown };
}


const md = new MarkdownIt({ html: false, linkify: false, breaks: false });

/** `[[target#heading|alias]]` and `![[embed]]`, as one token each. */
const wikiLink = (state: StateInline, silent: boolean): boolean => {
	const src = state.src;
	let start = state.pos;
	const embed = src.charCodeAt(start) === 0x21; /* ! */
	if (embed) start++;
	if (!src.startsWith("[[", start)) return false;
	const close = src.indexOf("]]", start + 2);
	if (close < 0) return false;
	const inner = src.slice(start + 2, close);
	if (inner.trim() === "" || inner.includes("\n") || inner.includes("[[")) return false;
	if (!silent) {
		const bar = inner.indexOf("|");
		const token = state.push(embed ? "wikiembed" : "wikilink", "", 0);
		token.meta = { target: (bar < 0 ? inner : inner.slice(0, bar)).trim(), alias: bar < 0 ? null : inner.slice(bar + 1).trim() };
	}
	state.pos = close + 2;
	return true;
};
md.inline.ruler.before("link", "wikilink", wikiLink);

const BLOCK_TAGS: Record<string, string> = {
	paragraph: "p",
	bullet_list: "ul",
	ordered_list: "ol",
	list_item: "li",
	blockquote: "blockquote",
	table: "table",
	thead: "thead",
	tbody: "tbody",
	tr: "tr",
	th: "th",
	td: "td",
};
const INLINE_TAGS: Record<string, string> = { strong: "strong", em: "em", s: "del" };

export function renderMarkdown(app: LinkResolver, markdown: string, el: HTMLElement, sourcePath: string): void {
	const tokens = md.parse(markdown, {});
	const stack: HTMLElement[] = [el];
	for (const t of tokens) {
		const top = stack[stack.length - 1]!;
		if (t.type === "inline") {
			renderInline(app, t.children ?? [], top, sourcePath);
		} else if (t.nesting === 1) {
			// Tight lists: Obsidian shows their items' text without paragraphs.
			const tag = t.type === "heading_open" ? t.tag : BLOCK_TAGS[t.type.replace(/_open$/, "")] ?? "div";
			stack.push(t.hidden ? top : top.createEl(tag as "div"));
		} else if (t.nesting === -1) {
			if (stack.length > 1) stack.pop();
		} else if (t.type === "fence" || t.type === "code_block") {
			top.createEl("pre").createEl("code", { text: t.content });
		} else if (t.type === "hr") {
			top.createEl("hr");
		} else if (t.content) {
			top.appendText(t.content);
		}
	}
}

function renderInline(app: LinkResolver, tokens: readonly Token[], el: HTMLElement, sourcePath: string): void {
	const stack: HTMLElement[] = [el];
	for (const t of tokens) {
		const top = stack[stack.length - 1]!;
		switch (t.type) {
			case "text":
				top.appendText(t.content);
				break;
			case "softbreak":
				top.appendText("\n");
				break;
			case "hardbreak":
				top.createEl("br");
				break;
			case "code_inline":
				top.createEl("code", { text: t.content });
				break;
			case "link_open": {
				const href = String(t.attrGet("href") ?? "");
				stack.push(top.createEl("a", { cls: "external-link", href, attr: { target: "_blank", rel: "noopener nofollow" } }));
				break;
			}
			case "link_close":
				if (stack.length > 1) stack.pop();
				break;
			case "wikilink": {
				const { target, alias } = t.meta as { target: string; alias: string | null };
				const linkpath = target.replace(/#.*$/, "");
				const resolved = linkpath === "" || app.metadataCache.getFirstLinkpathDest(linkpath, sourcePath) !== null;
				top.createEl("a", { cls: resolved ? "internal-link" : "internal-link is-unresolved", text: alias ?? target, href: target, attr: { "data-href": target } });
				break;
			}
			case "wikiembed": {
				const { target } = t.meta as { target: string };
				top.createSpan({ cls: "internal-embed", text: target.replace(/\|.*$/, ""), attr: { src: target } });
				break;
			}
			case "image":
				top.appendText(t.content);
				break;
			default: {
				const base = t.type.replace(/_(open|close)$/, "");
				const tag = INLINE_TAGS[base];
				if (tag && t.nesting === 1) stack.push(top.createEl(tag as "strong"));
				else if (tag && t.nesting === -1 && stack.length > 1) stack.pop();
				else if (t.content) top.appendText(t.content);
			}
		}
	}
}
