/** Growing typed arrays, for the core's compact tables (the word index, the browser's runs). */

/** `a` copied into a new array of `size` elements: cut when smaller, zeros after it when larger. */
export function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
	const b = new Int32Array(size);
	b.set(a.length <= size ? a : a.subarray(0, size));
	return b;
}

/** The same for bytes. */
export function growBytes(a: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
	const b = new Uint8Array(size);
	b.set(a.length <= size ? a : a.subarray(0, size));
	return b;
}
