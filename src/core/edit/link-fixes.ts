import { formatDestination } from "../format/entry-text";
import { CodeMasker, parseInlineLink, type InlineLink } from "../format/markdown-scan";
import { parseWithSeries } from "../format/parser";
import type { Digest, Entry } from "../format/types";
import { entryAtLine, parseForEdit, type EditContext, type EditResult } from "./entry-edits";
import { LineEdits, type TextChange } from "./text-edit";

/**
 * Edits that fix an entry's link after a link check: its URL replaced (a dead link by its archived
 * copy, a permanent redirect by where it leads), or a bullet added to its commentary (an archived
 * copy beside the original). Like every edit, each is read back before it is handed out.
 */

function refuse(reason: string): EditResult {
	return { ok: false, reason };
}

/** The entry's own link on its line: the first complete inline link whose destination is the entry's URL. */
export function entryLink(raw: string, entry: Entry): { start: number; link: InlineLink } | null {
	const scan = new CodeMasker().mask(raw);
	for (let i = scan.indexOf("["); i >= 0; i = scan.indexOf("[", i + 1)) {
		const res = parseInlineLink(scan, raw, i);
		if (res.ok && res.link.dest === entry.url) return { start: i, link: res.link };
	}
	return null;
}

/** A link title after the destination (`"..."`, `'...'` or `(...)`), with the blanks before it. */
const LINK_TITLE_RE = /\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^)\\]|\\.)*\))\s*$/;

function sameEntry(a: Entry, b: Entry): boolean {
	return a.title === b.title && a.source === b.source && a.number === b.number && a.recommended === b.recommended && a.tags.join("\n") === b.tags.join("\n") && a.category === b.category;
}

function errorCount(d: Digest): number {
	return d.problems.filter((p) => p.severity === "error").length;
}

/** Finds the entry on a 1-based line, checking it still links to `expectUrl` when given. */
function findEntry(text: string, path: string, ctx: EditContext, line: number, expectUrl?: string): { digest: Digest; entry: Entry } | string {
	const digest = parseForEdit(text, path, ctx);
	if (typeof digest === "string") return digest;
	const found = entryAtLine(digest, line);
	if (!found) return `Line ${line} is not an entry.`;
	if (expectUrl !== undefined && found.entry.url !== expectUrl) return `The entry on line ${line} no longer links to ${expectUrl}, so it was left as it is.`;
	return { digest, entry: found.entry };
}

/**
 * Replaces the URL of the entry on a 1-based line, keeping its text, flag, tags and any link
 * title. `expectUrl` (the URL the caller saw) makes the edit refuse when the line changed since.
 */
export function replaceEntryUrl(text: string, path: string, ctx: EditContext, line: number, url: string, expectUrl?: string): EditResult {
	const next = url.trim();
	if (next === "") return refuse("Give the new URL.");
	if (/[\r\n]/.test(next)) return refuse("The new URL must be one line.");
	const found = findEntry(text, path, ctx, line, expectUrl);
	if (typeof found === "string") return refuse(found);
	const { digest, entry } = found;
	if (entry.url === next) return refuse(`The entry on line ${line} already links to ${next}.`);
	const edits = new LineEdits(text);
	const raw = edits.line(line - 1);
	const at = entryLink(raw, entry);
	if (!at) return refuse(`The link of the entry on line ${line} could not be found.`);
	const open = at.start + 1 + at.link.text.length + 1; // the `(` after `]`
	const inner = raw.slice(open + 1, at.link.end - 1);
	const title = LINK_TITLE_RE.exec(inner)?.[0] ?? "";
	edits.replaceInLine(line - 1, open, at.link.end, `(${formatDestination(next)}${title})`);
	const changes = edits.sortedChanges();
	const out = edits.apply();
	const after = parseWithSeries(out, path, ctx.series, ctx.parseYaml);
	const now = entryAtLine(after, line)?.entry;
	if (!now || now.url !== next || !sameEntry(now, entry) || errorCount(after) > errorCount(digest)) {
		return refuse(`The entry on line ${line} would not read back with the new URL (look for \`%%\`, \`<!--\` or backticks in it), so the note was left unchanged.`);
	}
	return { ok: true, text: out, changes, line };
}

/**
 * Adds a bullet to the commentary of the entry on a 1-based line: after the commentary of its
 * group (which every entry of the group shares), or, with none yet, after the group's last entry.
 */
export function addCommentaryBullet(text: string, path: string, ctx: EditContext, line: number, bullet: string, expectUrl?: string): EditResult {
	const body = bullet.replace(/\s+/g, " ").trim();
	if (body === "") return refuse("Give the text of the bullet.");
	const found = findEntry(text, path, ctx, line, expectUrl);
	if (typeof found === "string") return refuse(found);
	const { digest, entry } = found;
	const located = entryAtLine(digest, line)!;
	const group = located.cat.groups[entry.group]!;
	const edits = new LineEdits(text);
	const item = `- ${body}`;
	let written: number;
	if (group.commentaryEnd !== null) {
		edits.insertBefore(group.commentaryEnd, [item]);
		written = group.commentaryEnd + 1;
	} else {
		const last = located.cat.entries[group.entries[group.entries.length - 1]!]!.line;
		edits.insertBefore(last, ["", item]);
		written = last + 2;
	}
	const changes: TextChange[] = edits.sortedChanges();
	const out = edits.apply();
	const after = parseWithSeries(out, path, ctx.series, ctx.parseYaml);
	const now = entryAtLine(after, line)?.entry;
	const want = entry.commentary === "" ? item : `${entry.commentary}\n${item}`;
	const entries = (d: Digest) => d.categories.reduce((n, c) => n + c.entries.length, 0);
	if (!now || now.url !== entry.url || !sameEntry(now, entry) || now.commentary !== want || entries(after) !== entries(digest) || errorCount(after) > errorCount(digest)) {
		return refuse(`The bullet would not read back as commentary of the entry on line ${line}, so the note was left unchanged.`);
	}
	return { ok: true, text: out, changes, line: written };
}
