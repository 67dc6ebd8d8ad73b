import { CodeMasker, codeSpans } from "../format/markdown-scan";

/**
 * Commentary lines as a reader sees them: `%% %%` and `<!-- -->` comments taken out (they may
 * span lines), code kept as written, and a line that held only a comment dropped.
 */
export function withoutComments(lines: readonly string[]): string[] {
	const masker = new CodeMasker();
	const out: string[] = [];
	for (const line of lines) {
		const inFence = masker.inFence;
		const scan = masker.mask(line);
		// A fenced block is code: kept whole, fence lines included.
		if (inFence || masker.inFence) {
			out.push(line);
			continue;
		}
		// The masker blanks code spans and comments alike: keep the code, drop the comments.
		const inCode = new Uint8Array(line.length);
		for (const [from, to] of codeSpans(line)) inCode.fill(1, from, to);
		let kept = "";
		for (let i = 0; i < line.length; i++) if (scan[i] === line[i] || inCode[i]) kept += line[i];
		if (kept.trim() === "" && line.trim() !== "") continue;
		out.push(kept.replace(/\s+$/, ""));
	}
	return out;
}
