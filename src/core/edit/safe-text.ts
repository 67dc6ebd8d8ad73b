import { escapeCommentMarks } from "../format/entry-text";
import { CodeMasker } from "../format/markdown-scan";

/**
 * Commentary lines made safe to write: text the reader reads back as typed, that hides nothing
 * after it and starts no heading or entry.
 */

// Indentation, then an optional list marker and the blanks after it: where a line's text starts.
const LEAD_RE = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))?/;
// Text that would start a block of its own: a fence, an ATX heading, a thematic break (or a setext
// underline), or an entry line.
const BLOCK_START_RE = /^(?:`{3,}|~{3,}|#{1,6}(?:[ \t]|$)|([-*_=])[ \t]*(?:\1[ \t]*){2,}$)/;

/**
 * New commentary, line by line as it will be written: a text that would open a fence, a heading or
 * a thematic break gets a backslash before it (`- \# Heading` shows `# Heading`), `%%` and `<!--`
 * outside inline code are escaped, and a line that would read as an entry starts with `\[`.
 */
export function safeNewCommentary(lines: readonly string[]): string[] {
	const out = lines.map((line) => {
		const lead = LEAD_RE.exec(line)![0];
		let rest = line.slice(lead.length);
		if (BLOCK_START_RE.test(rest)) rest = `\\${rest}`;
		let safe = escapeCommentMarks(lead + rest);
		if (safe.startsWith("[")) safe = `\\${safe}`;
		return safe;
	});
	return closeOpenMarks(out);
}

/**
 * Lines moved as a block (an entry's commentary going to another category): kept as written unless
 * they leave a comment or a code block open at their end, which would hide what follows them in
 * their new place; then the mark that opens it is escaped, and the next one, until none is left.
 */
export function closeOpenMarks(lines: readonly string[]): string[] {
	const out = [...lines];
	for (let guard = 0; guard <= out.length * 4 + 8; guard++) {
		const open = openMark(out);
		if (!open) return out;
		const line = out[open.line]!;
		const at = open.column;
		out[open.line] =
			open.kind === "html" ? `${line.slice(0, at + 1)}\\${line.slice(at + 1)}` : open.kind === "percent" ? `${line.slice(0, at)}\\%\\%${line.slice(at + 2)}` : `${line.slice(0, at)}\\${line.slice(at)}`;
	}
	return out;
}

/** Where the comment or fence that is still open after the last line opened, or null. */
function openMark(lines: readonly string[]): { line: number; column: number; kind: "fence" | "html" | "percent" } | null {
	const masker = new CodeMasker();
	let seen: CodeMasker["opener"] = null;
	let line = -1;
	for (let i = 0; i < lines.length; i++) {
		masker.mask(lines[i]!);
		if (masker.opener !== seen) {
			seen = masker.opener;
			line = i;
		}
	}
	return masker.opener ? { line, ...masker.opener } : null;
}
