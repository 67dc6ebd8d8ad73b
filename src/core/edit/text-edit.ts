/** A change to a text, as offsets into the text before the change. */
export interface TextChange {
	from: number;
	to: number;
	insert: string;
}

/**
 * Collects line-level changes against the original text and applies them at once, so every
 * byte outside the changed ranges (other lines' endings included) stays as it was.
 */
export class LineEdits {
	private readonly starts: number[] = [];
	private readonly ends: number[] = [];
	private readonly changes: TextChange[] = [];
	readonly eol: "\n" | "\r\n";

	constructor(readonly text: string) {
		let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
		for (;;) {
			this.starts.push(pos);
			const nl = text.indexOf("\n", pos);
			if (nl < 0) {
				this.ends.push(text.length);
				break;
			}
			this.ends.push(nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
			pos = nl + 1;
		}
		const first = text.indexOf("\n");
		this.eol = first > 0 && text.charCodeAt(first - 1) === 13 ? "\r\n" : "\n";
	}

	get lineCount(): number {
		return this.starts.length;
	}

	/** Content of a 0-based line, without its ending. */
	line(i: number): string {
		return this.text.slice(this.starts[i], this.ends[i]);
	}

	/** Replaces columns `from`..`to` of a 0-based line. */
	replaceInLine(i: number, from: number, to: number, insert: string): void {
		const base = this.starts[i]!;
		this.changes.push({ from: base + from, to: base + to, insert });
	}

	/** Inserts whole lines before 0-based line `i` (`lineCount` appends after the last line). */
	insertBefore(i: number, lines: readonly string[]): void {
		if (lines.length === 0) return;
		if (i < this.lineCount) {
			const at = this.starts[i]!;
			this.changes.push({ from: at, to: at, insert: lines.map((l) => l + this.eol).join("") });
			return;
		}
		// After a last line that has no ending: the ending goes before the new lines.
		this.changes.push({ from: this.text.length, to: this.text.length, insert: this.eol + lines.join(this.eol) });
	}

	/** Deletes 0-based lines `from` up to (not including) `to`, with their endings. */
	deleteLines(from: number, to: number): void {
		if (to <= from) return;
		if (to < this.lineCount) {
			this.changes.push({ from: this.starts[from]!, to: this.starts[to]!, insert: "" });
		} else if (from > 0) {
			// Up to the end of a text: the ending before the deleted lines goes with them.
			this.changes.push({ from: this.ends[from - 1]!, to: this.text.length, insert: "" });
		} else {
			this.changes.push({ from: this.starts[0]!, to: this.text.length, insert: "" });
		}
	}

	/** The changes in order; throws on overlapping ones, which would be a bug in the edit. */
	sortedChanges(): TextChange[] {
		const sorted = [...this.changes].sort((a, b) => a.from - b.from || a.to - b.to);
		for (let k = 1; k < sorted.length; k++) {
			if (sorted[k]!.from < sorted[k - 1]!.to) throw new Error("Overlapping edits");
		}
		return sorted;
	}

	apply(): string {
		return applyChanges(this.text, this.sortedChanges());
	}
}

export function applyChanges(text: string, changes: readonly TextChange[]): string {
	let out = "";
	let pos = 0;
	for (const c of changes) {
		out += text.slice(pos, c.from) + c.insert;
		pos = c.to;
	}
	return out + text.slice(pos);
}

/**
 * The one change that turns `before` into `after`: what lies between their common start and
 * common end. For edits that compute a whole new text (a generated region), so the editor can
 * apply it as a change of only those lines.
 */
export function changeBetween(before: string, after: string): TextChange[] {
	if (before === after) return [];
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	let end = 0;
	while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
	// Never split a CRLF or a surrogate pair between the kept and the changed text.
	while (start > 0 && (before.charCodeAt(start - 1) === 13 || isHighSurrogate(before.charCodeAt(start - 1)))) start--;
	return [{ from: start, to: before.length - end, insert: after.slice(start, after.length - end) }];
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}
