import type { DisplayOrder } from "./display-order";
import { lastAtOrBelow } from "./ascending";
import { bucketRow, type Bucket } from "./group";
import type { BrowserRow, DetailRow } from "./rows";
import type { Highlighter } from "./search-match";

/** Row heights in px by kind; a commentary panel's is asked for each. */
export interface RowHeights {
	group: number;
	entry: number;
	problem: number;
	detail: (row: DetailRow) => number;
}

/**
 * Where a row stands in the list as a tree, for screen readers (`aria-level`, `aria-posinset`,
 * `aria-setsize`): counted over the whole list, not the rows a virtual list has drawn. Group
 * headers are level 1 and number among the groups; entries and problems are one level below their
 * group (level 1 without groups) and number among their group's rows; a commentary panel is the
 * only child of its entry.
 */
export interface TreePosition {
	level: number;
	/** 1-based. */
	posinset: number;
	setsize: number;
}

/** A stretch of the list: one row, rows from an array, or positions of a bucket; every row of one stretch is of one kind. */
type Stretch =
	| { kind: "one"; row: BrowserRow }
	| { kind: "array"; rows: readonly BrowserRow[] }
	| { kind: "bucket"; bucket: Bucket; from: number; highlight: Highlighter | null };

/**
 * The browser's rows, made as they are read: a list of 100,000 entries is a few stretches (a group
 * header, then the group's entries), so that a change of filter costs little more than what it shows.
 */
export class BrowserRows implements Iterable<BrowserRow> {
	private readonly stretches: Stretch[] = [];

	constructor(private readonly order: DisplayOrder | null = null) {}

	/** Index of each stretch's first row, then the row count as the last element. */
	private starts: number[] = [0];
	/** Row indices of the group headers, ascending. */
	private readonly groupAt: number[] = [];
	/** Row indices of the commentary panels, ascending (only expanded entries have one). */
	private readonly detailAt: number[] = [];

	get length(): number {
		return this.starts[this.starts.length - 1]!;
	}

	/** The row at `i` (0 <= i < length). */
	at(i: number): BrowserRow {
		if (!(i >= 0 && i < this.length)) throw new RangeError(`No row ${i} in a list of ${this.length}.`);
		const s = this.stretchAt(i);
		const st = this.stretches[s]!;
		const k = i - this.starts[s]!;
		switch (st.kind) {
			case "one":
				return st.row;
			case "array":
				return st.rows[k]!;
			case "bucket":
				return bucketRow(this.order!, st.bucket, st.from + k, st.highlight);
		}
	}

	*[Symbol.iterator](): Iterator<BrowserRow> {
		for (let i = 0; i < this.length; i++) yield this.at(i);
	}

	toArray(): BrowserRow[] {
		return Array.from(this);
	}

	/** Group headers in the list. */
	get groupCount(): number {
		return this.groupAt.length;
	}

	/** Where the row at `i` stands in the tree (see TreePosition); costs two binary searches, not a pass. */
	position(i: number): TreePosition {
		if (!(i >= 0 && i < this.length)) throw new RangeError(`No row ${i} in a list of ${this.length}.`);
		const groups = this.groupAt;
		const g = countAtOrBelow(groups, i) - 1;
		if (g >= 0 && groups[g] === i) return { level: 1, posinset: g + 1, setsize: groups.length };
		const details = this.detailAt;
		const d = countAtOrBelow(details, i) - 1;
		const level = g >= 0 ? 2 : 1;
		if (d >= 0 && details[d] === i) return { level: level + 1, posinset: 1, setsize: 1 };
		// Siblings: the rows between this group's header and the next, less the commentary panels among them.
		const from = g >= 0 ? groups[g]! + 1 : 0;
		const to = g + 1 < groups.length ? groups[g + 1]! : this.length;
		const detailsBefore = (at: number) => countAtOrBelow(details, at - 1);
		return {
			level,
			posinset: i - from + 1 - (detailsBefore(i) - detailsBefore(from)),
			setsize: to - from - (detailsBefore(to) - detailsBefore(from)),
		};
	}

	/** Where each row stands with these heights. */
	layout(heights: RowHeights): RowLayout {
		const n = this.stretches.length;
		const rowHeight = new Float64Array(n);
		const tops = new Float64Array(n + 1);
		for (let s = 0; s < n; s++) {
			const st = this.stretches[s]!;
			const first = st.kind === "one" ? st.row : st.kind === "array" ? st.rows[0]! : null;
			const h = first === null ? heights.entry : first.kind === "detail" ? heights.detail(first) : heights[first.kind];
			rowHeight[s] = h;
			tops[s + 1] = tops[s]! + h * (this.starts[s + 1]! - this.starts[s]!);
		}
		return new RowLayout(this.starts, tops, rowHeight);
	}

	/** Appends a row. */
	push(row: BrowserRow): void {
		this.append({ kind: "one", row }, 1);
	}

	/** Appends rows of one kind. */
	pushAll(rows: readonly BrowserRow[]): void {
		if (rows.length > 0) this.append({ kind: "array", rows }, rows.length);
	}

	/** Appends the rows of a bucket from position `from` up to `to`. */
	pushBucket(bucket: Bucket, from: number, to: number, highlight: Highlighter | null): void {
		if (to > from) this.append({ kind: "bucket", bucket, from, highlight }, to - from);
	}

	private append(stretch: Stretch, count: number): void {
		const at = this.length;
		if (stretch.kind === "one") this.mark(stretch.row, at);
		else if (stretch.kind === "array") stretch.rows.forEach((row, k) => this.mark(row, at + k));
		this.stretches.push(stretch);
		this.starts.push(this.length + count);
	}

	private mark(row: BrowserRow, at: number): void {
		if (row.kind === "group") this.groupAt.push(at);
		else if (row.kind === "detail") this.detailAt.push(at);
	}

	private stretchAt(i: number): number {
		return lastAtOrBelow(this.starts, i, this.stretches.length - 1);
	}
}

/** How many of the ascending `values` are at most `x`. */
function countAtOrBelow(values: readonly number[], x: number): number {
	if (values.length === 0 || values[0]! > x) return 0;
	return lastAtOrBelow(values, x, values.length - 1) + 1;
}

/** Vertical positions of a list's rows, from the heights of its stretches. */
export class RowLayout {
	constructor(
		private readonly starts: readonly number[],
		/** Top of each stretch, then the total height. */
		private readonly tops: Float64Array,
		private readonly rowHeight: Float64Array,
	) {}

	get count(): number {
		return this.starts[this.starts.length - 1]!;
	}

	get height(): number {
		return this.tops[this.tops.length - 1]!;
	}

	/** Top of row `i`; `top(count)` is the total height. */
	top(i: number): number {
		if (i >= this.count) return this.height;
		if (i <= 0) return 0;
		const s = lastAtOrBelow(this.starts, i, this.rowHeight.length - 1);
		return this.tops[s]! + (i - this.starts[s]!) * this.rowHeight[s]!;
	}

	/** Index of the row at vertical position `y`, clamped to the rows. */
	indexAt(y: number): number {
		const count = this.count;
		if (count <= 0) return 0;
		const s = lastAtOrBelow(this.tops, y, this.rowHeight.length - 1);
		const h = this.rowHeight[s]!;
		const k = h > 0 ? Math.floor((y - this.tops[s]!) / h) : 0;
		const rows = this.starts[s + 1]! - this.starts[s]!;
		return Math.min(count - 1, this.starts[s]! + Math.max(0, Math.min(rows - 1, k)));
	}
}
