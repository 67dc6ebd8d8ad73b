/** What the benchmark scripts share: timing statistics, the query mix and the edit they apply. */
import { COMMON_WORDS, RARE_WORDS, TAIL_WORDS, TECH } from "../scripts/vault-generator";

export function nowMs(): number {
	return Number(process.hrtime.bigint()) / 1e6;
}

export function median(samples: readonly number[]): number {
	const s = [...samples].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(samples: readonly number[], p: number): number {
	const s = [...samples].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Runs `fn` `warmup` times untimed, then `reps` times timed; returns the samples in ms. */

/**
 * 50 queries: single words from frequent to scarce (common words, technologies, the Zipf tail at
 * ranks 1 to 2,800), two-word queries, rare words, and one word that is nowhere.
 */
export function queries(): string[] {
	const content = COMMON_WORDS.slice(40);
	const q: string[] = [];
	for (let i = 0; i < 8; i++) q.push(content[(i * 17) % content.length]!);
	for (let i = 0; i < 8; i++) q.push(TECH[(i * 7) % TECH.length]!.toLowerCase());
	for (const rank of [1, 3, 5, 10, 20, 50, 100, 150, 200, 300, 500, 700, 1000, 1500, 2000, 2800]) q.push(TAIL_WORDS[rank - 1]!);
	for (let i = 0; i < 6; i++) q.push(`${TAIL_WORDS[i * 40 + 9]!} ${TECH[(i * 5 + 3) % TECH.length]!.toLowerCase()}`);
	for (let i = 0; i < 6; i++) q.push(`${content[(i * 13 + 5) % content.length]!} ${TAIL_WORDS[i * 7 + 2]!}`);
	for (const w of RARE_WORDS.slice(0, 5)) q.push(w);
	q.push("nonexistentword");
	return q;
}

/** The text of a digest after a small edit: a word of a commentary changed, or an entry appended. */
export function edited(text: string, k: number): string {
	const eol = text.includes("\r\n") ? "\r\n" : "\n";
	if (k % 2 === 0) {
		const at = text.indexOf(`${eol}- `);
		return `${text.slice(0, at + eol.length + 2)}edited ${k} ${text.slice(at + eol.length + 2)}`;
	}
	const entry = [`[99. Blog - Appended entry ${k}](https://blog.example.dev/posts/appended-${k})`, "", `- Appended commentary ${k} about **Kafka** and [[Kafka Patterns]].`, ""];
	return `${text}${eol}${entry.join(eol)}`;
}
