/** The host of a URL, lower-cased, without `www.`, port or credentials; null when it has none. */
export function hostOf(url: string): string | null {
	const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]+)/i.exec(url.trim());
	if (!m) return null;
	return m[1]!.toLowerCase().replace(/^www\./, "");
}
