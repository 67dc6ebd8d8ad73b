/** The last index in `0..max` whose value in the ascending `values` is at most `x` (0 when none is). */
export function lastAtOrBelow(values: ArrayLike<number>, x: number, max: number): number {
	let lo = 0;
	let hi = max;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (values[mid]! <= x) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}
