import type { Digest } from "../../core/format/types";
import { newsletterHtml, newsletterMarkdown } from "../../core/publish/newsletter";
import { safeFileName } from "../../core/format/series-notes";
import type { DigestCuratorHost } from "../host";
import { siteLinks } from "./feeds-export";
import { notePath, type NoteEditResult } from "./note-edit";
import { writeRegionInNote, type AskReplace } from "./region-write";

export type NewsletterFormat = "html" | "markdown";

/** The newsletter of a digest: wiki-links point at the site when a site address is set, else they are their text. */
export function newsletterOf(host: DigestCuratorHost, digest: Digest, format: NewsletterFormat): string {
	const base = host.settings.baseUrl.trim().replace(/\/+$/, "");
	const links = base === "" ? undefined : siteLinks(host, base, digest);
	return format === "html" ? newsletterHtml(digest, links) : newsletterMarkdown(digest, links);
}

/**
 * Copies the newsletter: as HTML with the Markdown as its plain-text alternative where the
 * clipboard takes several types (mail programs paste the HTML), else as the chosen text alone.
 */
export async function copyNewsletter(host: DigestCuratorHost, digest: Digest, format: NewsletterFormat): Promise<"rich" | "text"> {
	const markdown = newsletterOf(host, digest, "markdown");
	const clipboard = navigator.clipboard;
	if (format === "html") {
		const html = newsletterOf(host, digest, "html");
		if (typeof ClipboardItem !== "undefined" && typeof clipboard.write === "function") {
			await clipboard.write([new ClipboardItem({ "text/html": new Blob([html], { type: "text/html" }), "text/plain": new Blob([markdown], { type: "text/plain" }) })]);
			return "rich";
		}
		await clipboard.writeText(html);
		return "text";
	}
	await clipboard.writeText(markdown);
	return "text";
}

/** The note a digest's newsletter is written to: `<digest> newsletter.md` beside it. */
export function newsletterNotePath(digest: Digest): string {
	const folder = digest.path.includes("/") ? digest.path.slice(0, digest.path.lastIndexOf("/")) : "";
	const base = safeFileName(digest.path.slice(folder.length).replace(/^\//, "").replace(/\.md$/i, ""));
	return folder === "" ? `${base} newsletter.md` : `${folder}/${base} newsletter.md`;
}

/** Writes the Markdown newsletter into a region of its own note, so a later write never overwrites what was added by hand. */
export async function writeNewsletterNote(host: DigestCuratorHost, digest: Digest, ask?: AskReplace): Promise<NoteEditResult> {
	const where = notePath(newsletterNotePath(digest), "The newsletter note");
	if (!where.ok) return where;
	const lines = newsletterOf(host, digest, "markdown").replace(/\n$/, "").split("\n");
	return writeRegionInNote(host, where.path, "newsletter", lines, ask);
}
