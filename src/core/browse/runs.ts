import { grow, growBytes } from "../index/typed-arrays";

/**
 * Stretches `[from, to)` of display positions, ascending and apart: how a list of entries is
 * held. A vault of 100,000 entries unfiltered is one run; a search, a few thousand; and only the
 * rows scrolled into view are ever made. Typed arrays, not an object a run: a keystroke may make
 * thousands of them, and objects that live past the next frame cost the garbage collector.
 */
export class Runs {
	private fromAt: Int32Array<ArrayBuffer>;
	private toAt: Int32Array<ArrayBuffer>;
	/** Runs whose rows carry their bucket's key before the entry key (entries under their further tags). */
	private prefixedAt: Uint8Array<ArrayBuffer> | null = null;
	private endsAt: Int32Array | null = null;
	length = 0;
	/** Entries in all runs. */
	count = 0;

	/** `capacity`: the runs to make room for at first. */
	constructor(capacity = 16) {
		this.fromAt = new Int32Array(Math.max(1, capacity));
		this.toAt = new Int32Array(Math.max(1, capacity));
	}

	/** Empties it, keeping its room. */
	clear(): void {
		this.length = 0;
		this.count = 0;
		this.endsAt = null;
		this.prefixedAt = null;
	}

	static of(from: number, to: number): Runs {
		const r = new Runs();
		r.push(from, to);
		return r;
	}

	/** Starts of the runs (the first `length` of them). */
	get froms(): Int32Array {
		return this.fromAt;
	}

	/** Ends of the runs (the first `length` of them). */
	get tos(): Int32Array {
		return this.toAt;
	}

	prefixed(i: number): boolean {
		return this.prefixedAt !== null && this.prefixedAt[i] === 1;
	}

	/** Appends `[from, to)`, joining it to the last run when it follows on. */
	push(from: number, to: number, prefixed = false): void {
		if (to <= from) return;
		this.count += to - from;
		this.endsAt = null;
		const n = this.length;
		if (n > 0 && this.toAt[n - 1] === from && this.prefixed(n - 1) === prefixed) {
			this.toAt[n - 1] = to;
			return;
		}
		if (n === this.fromAt.length) {
			this.fromAt = grow(this.fromAt, n * 2);
			this.toAt = grow(this.toAt, n * 2);
			if (this.prefixedAt) this.prefixedAt = growBytes(this.prefixedAt, n * 2);
		}
		if (prefixed && !this.prefixedAt) this.prefixedAt = new Uint8Array(this.fromAt.length);
		this.fromAt[n] = from;
		this.toAt[n] = to;
		if (this.prefixedAt) this.prefixedAt[n] = prefixed ? 1 : 0;
		this.length = n + 1;
	}

	/** The run holding the `k`-th entry of all runs, and that entry's position. */
	locate(k: number): { run: number; position: number } {
		const ends = (this.endsAt ??= this.cumulative());
		let lo = 0;
		let hi = this.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (ends[mid]! > k) hi = mid;
			else lo = mid + 1;
		}
		return { run: lo, position: this.toAt[lo]! - (ends[lo]! - k) };
	}

	/** How many entries come before `position` in the runs, or -1 when no run holds it. */
	indexOf(position: number): number {
		let lo = 0;
		let hi = this.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.fromAt[mid]! <= position) lo = mid;
			else hi = mid - 1;
		}
		if (this.length === 0 || position < this.fromAt[lo]! || position >= this.toAt[lo]!) return -1;
		const ends = (this.endsAt ??= this.cumulative());
		return ends[lo]! - (this.toAt[lo]! - position);
	}

	private cumulative(): Int32Array {
		const ends = new Int32Array(this.length);
		let n = 0;
		for (let i = 0; i < this.length; i++) ends[i] = n += this.toAt[i]! - this.fromAt[i]!;
		return ends;
	}
}
