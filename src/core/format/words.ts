/** Counts in words for messages: "1 digest", "2 digests". */

/** `n` and the noun, singular when `n` is 1; the plural is the noun with "s" unless given. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
	return `${n} ${n === 1 ? singular : plural}`;
}

/** "#", "##", ...: the heading marker of a level. */
export function hashes(level: number): string {
	return "#".repeat(level);
}
