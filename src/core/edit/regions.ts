import { splitLines } from "../format/markdown-scan";

/**
 * Generated regions: text the plugin writes and keeps current (a series index, a recap) lives
 * between two marker comments, and only the text between them is ever rewritten:
 *
 *     %% digest-curator:index start hash=1a2b3c4d %%
 *     ...generated...
 *     %% digest-curator:index end %%
 *
 * (or the HTML comment form, `<!-- ... -->`, for sites that do not hide `%%`). The hash is of
 * what was last written, so a hand edit inside the region is noticed before it is replaced.
 */

export type MarkerStyle = "obsidian" | "html";

export type RegionResult =
	| { ok: true; text: string; changed: boolean }
	| { ok: false; reason: string; handEdited: boolean };

const NAME_RE = /^[a-z][a-z0-9-]*$/;

function markerRe(name: string, which: "start" | "end"): RegExp {
	const hash = which === "start" ? "(?:\\s+hash=([0-9a-f]{8}))?" : "";
	return new RegExp(`^\\s*(?:%%|<!--)\\s*digest-curator:${name}\\s+${which}${hash}\\s*(?:%%|-->)\\s*$`);
}

function marker(name: string, which: "start" | "end", style: MarkerStyle, hash?: string): string {
	const body = `digest-curator:${name} ${which}${hash ? ` hash=${hash}` : ""}`;
	return style === "html" ? `<!-- ${body} -->` : `%% ${body} %%`;
}

/** FNV-1a over the region's lines joined by LF, so line endings do not count as an edit. */
export function regionHash(lines: readonly string[]): string {
	let h = 0x811c9dc5;
	const text = lines.join("\n");
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(16).padStart(8, "0");
}

export interface FoundRegion {
	/** 0-based lines of the start and end markers. */
	start: number;
	end: number;
	hash: string | null;
	content: string[];
}

/** The region called `name` in `text`, null when it has none; a start without an end is refused. */
export function findRegion(text: string, name: string): FoundRegion | { error: string } | null {
	const { lines } = splitLines(text);
	const startRe = markerRe(name, "start");
	const endRe = markerRe(name, "end");
	for (let i = 0; i < lines.length; i++) {
		const m = startRe.exec(lines[i]!);
		if (!m) continue;
		for (let j = i + 1; j < lines.length; j++) {
			if (startRe.test(lines[j]!)) return { error: `The note has a second start marker for "${name}" on line ${j + 1} before its end marker.` };
			if (endRe.test(lines[j]!)) return { start: i, end: j, hash: m[1] ?? null, content: lines.slice(i + 1, j) };
		}
		return { error: `The "${name}" region that starts on line ${i + 1} has no end marker.` };
	}
	return null;
}

/**
 * Writes `content` into the region `name`: between its markers when the note has them, else as
 * a new region at the end. Text outside the markers stays byte for byte. A region whose text no
 * longer matches its hash was edited by hand and is replaced only with `force`. The markers keep
 * the note's style unless `style` asks for one (a new region: obsidian's `%%` by default).
 */
export function writeRegion(text: string, name: string, content: readonly string[], options: { style?: MarkerStyle; force?: boolean } = {}): RegionResult {
	if (!NAME_RE.test(name)) return { ok: false, reason: `"${name}" is not a region name.`, handEdited: false };
	const anyMarker = /^\s*(?:%%|<!--)\s*digest-curator:[a-z][a-z0-9-]*\s+(?:start|end)\b/;
	const bad = content.findIndex((l) => anyMarker.test(l));
	if (bad >= 0) return { ok: false, reason: `Line ${bad + 1} of the text for the "${name}" region reads as a region marker, so nothing was written.`, handEdited: false };
	const style = options.style ?? "obsidian";
	const { lines, eol, bom } = splitLines(text);
	const hash = regionHash(content);
	const found = findRegion(text, name);
	if (found && "error" in found) return { ok: false, reason: found.error, handEdited: false };
	const startLine = marker(name, "start", style, hash);
	const endLine = marker(name, "end", style);
	let out: string[];
	if (found) {
		const current = regionHash(found.content);
		if (found.hash !== null && current !== found.hash && !options.force) {
			return { ok: false, reason: `The "${name}" region was edited by hand since it was last written; replacing it would lose that edit.`, handEdited: true };
		}
		// Keep the note's own marker style unless another is asked for.
		const own: MarkerStyle = lines[found.start]!.trim().startsWith("<!--") ? "html" : "obsidian";
		const keepStyle = options.style ?? own;
		out = [...lines.slice(0, found.start), marker(name, "start", keepStyle, hash), ...content, marker(name, "end", keepStyle), ...lines.slice(found.end + 1)];
		if (found.hash === hash && current === hash && keepStyle === own) return { ok: true, text, changed: false };
	} else {
		const body = [...lines];
		const trailing = body.length > 0 && body[body.length - 1] === "";
		if (trailing) body.pop();
		const sep = body.length > 0 && body[body.length - 1]!.trim() !== "" ? [""] : [];
		out = [...body, ...sep, startLine, ...content, endLine, ""];
	}
	const result = (bom ? "\uFEFF" : "") + out.join(eol);
	return { ok: true, text: result, changed: result !== text };
}
