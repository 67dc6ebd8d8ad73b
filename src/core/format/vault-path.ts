/** A path inside the vault, or the sentence saying why a path is not one. */
export type VaultPathResult = { ok: true; path: string } | { ok: false; reason: string };

/** Control characters: NUL, line breaks, tabs and the rest of C0, and DEL. */
function isControl(code: number): boolean {
	return code < 0x20 || code === 0x7f;
}

function hasControl(s: string): boolean {
	for (let i = 0; i < s.length; i++) if (isControl(s.charCodeAt(i))) return true;
	return false;
}

const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** A value as a message shows it: quoted, with line breaks and other control characters escaped. */
export function shownPath(raw: string): string {
	let out = "";
	for (const c of raw) out += isControl(c.charCodeAt(0)) ? (ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : c;
	return `"${out}"`;
}

/**
 * Normalises a vault-relative path given by a setting, a flag or a template, and refuses one that
 * would lead outside the vault or where Obsidian does not look. `\` reads as `/`, empty and `.`
 * segments are dropped, `..` steps up a folder, and a leading `/` means the vault root, as in
 * Obsidian. Refused, each with one sentence that starts with `what` (say `The series' folder`):
 * a `..` that climbs above the vault root, a drive letter (`C:`), a network path (`//server`),
 * a `:` anywhere (Obsidian allows none in names), NUL, line breaks and other control characters, and hidden (dot) folders and files, which
 * Obsidian does not show. The empty path is the vault root.
 */
export function vaultPath(raw: string, what: string): VaultPathResult {
	const shown = `${what} ${shownPath(raw)}`;
	if (hasControl(raw)) return { ok: false, reason: `${shown} holds a line break or another control character; remove it.` };
	if (/^[A-Za-z]:/.test(raw)) return { ok: false, reason: `${shown} starts with a drive letter, which is outside the vault; give a path inside the vault, from its root.` };
	if (/^[\\/]{2}/.test(raw)) return { ok: false, reason: `${shown} is a network path, outside the vault; give a path inside the vault, from its root.` };
	const out: string[] = [];
	for (const seg of raw.replace(/\\/g, "/").split("/")) {
		if (seg === "" || seg === ".") continue;
		if (seg === "..") {
			if (out.length === 0) return { ok: false, reason: `${shown} leads outside the vault; give a path inside the vault, from its root.` };
			out.pop();
			continue;
		}
		// `a/../C:` would be a drive letter, and `note.md:x` an NTFS stream; Obsidian allows no `:` in names.
		if (seg.includes(":")) return { ok: false, reason: `${shown} holds a colon (${shownPath(seg)}), which a file or folder name in a vault cannot hold.` };
		if (seg.startsWith(".")) return { ok: false, reason: `${shown} is in a hidden folder or file (${shownPath(seg)}), which Obsidian does not show; choose a path without a leading dot.` };
		out.push(seg);
	}
	return { ok: true, path: out.join("/") };
}
