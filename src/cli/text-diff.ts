/**
 * What a --dry-run shows: the change to a file as one unified-diff hunk. A generated region or
 * file changes in one stretch, so the lines the old and new text share at the start and the end
 * are trimmed off and the rest shown as removed and added, with a few lines of context.
 */

const CONTEXT = 3;

function lines(text: string): string[] {
	const out = text.replace(/^\uFEFF/, "").split(/\r?\n/);
	if (out[out.length - 1] === "") out.pop();
	return out;
}

/** The change from `before` to `after` as a unified diff of `path`; "" when nothing changes. */
export function unifiedDiff(path: string, before: string, after: string): string {
	if (before === after) return "";
	const a = lines(before);
	const b = lines(after);
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
	const from = Math.max(0, head - CONTEXT);
	const aEnd = a.length - Math.max(0, tail - CONTEXT);
	const bEnd = b.length - Math.max(0, tail - CONTEXT);
	const range = (start: number, count: number) => `${count === 0 ? start : start + 1},${count}`;
	const out = [`--- ${path}`, `+++ ${path}`, `@@ -${range(from, aEnd - from)} +${range(from, bEnd - from)} @@`];
	for (let i = from; i < head; i++) out.push(` ${a[i]}`);
	for (let i = head; i < a.length - tail; i++) out.push(`-${a[i]}`);
	for (let i = head; i < b.length - tail; i++) out.push(`+${b[i]}`);
	for (let i = a.length - tail; i < aEnd; i++) out.push(` ${a[i]}`);
	// Only line endings or the last line's ending changed: say so rather than show nothing.
	if (out.length === 3 + (head - from) + (aEnd - (a.length - tail))) out.push("\\ only line endings change");
	return `${out.join("\n")}\n`;
}
