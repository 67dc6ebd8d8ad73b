/**
 * Resolves internal link paths to vault files the way Obsidian's
 * `metadataCache.getFirstLinkpathDest` does, case-insensitively (FORMAT.md, "Links inside
 * commentary"). Extension rule: the link's last segment is tried as an exact file name first,
 * then with `.md` appended, so `cover.png` finds the attachment and `v1.2 notes` finds
 * `v1.2 notes.md` without guessing which dots are extensions.
 */

// Runs of `%XX` escapes, decoded run by run so that one bad escape leaves the rest decoded.
const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

function decodeEscapes(text: string): string {
	if (!text.includes("%")) return text;
	return text.replace(ESCAPE_RUN, (run) => {
		try {
			return decodeURIComponent(run);
		} catch {
			// Not valid UTF-8: keep the run as written rather than throw.
			return run;
		}
	});
}

function baseName(path: string): string {
	return path.slice(path.lastIndexOf("/") + 1);
}

function folderOf(path: string): string {
	const slash = path.lastIndexOf("/");
	return slash < 0 ? "" : path.slice(0, slash);
}

/** `link` (starting with `./` or `../`) joined to `folder`; null when it climbs above the vault root. */
function joinRelative(folder: string, link: string): string | null {
	const parts = folder === "" ? [] : folder.split("/");
	for (const segment of link.split("/")) {
		if (segment === "" || segment === ".") continue;
		if (segment === "..") {
			if (parts.length === 0) return null;
			parts.pop();
		} else {
			parts.push(segment);
		}
	}
	return parts.join("/");
}

/** A vault file, its lower-cased path kept so that resolving allocates nothing per candidate. */
interface FileEntry {
	path: string;
	lower: string;
}

export class LinkResolver {
	/** Lower-cased file name (with extension) -> the files with that name. */
	private readonly byName = new Map<string, FileEntry[]>();
	/** Lower-cased path -> real-cased path (the first added when paths differ only in case). */
	private readonly byPath = new Map<string, string>();

	constructor(paths: Iterable<string> = []) {
		for (const path of paths) this.add(path);
	}

	/** Adds a vault file; adding a path already present is a no-op. */
	add(path: string): void {
		const lower = path.toLowerCase();
		const name = baseName(lower);
		const list = this.byName.get(name);
		if (list === undefined) {
			this.byName.set(name, [{ path, lower }]);
		} else if (!list.some((f) => f.path === path)) {
			list.push({ path, lower });
		} else {
			return;
		}
		if (!this.byPath.has(lower)) this.byPath.set(lower, path);
	}

	/** Removes a vault file (exact path); unknown paths are ignored. */
	remove(path: string): void {
		const lower = path.toLowerCase();
		const name = baseName(lower);
		const list = this.byName.get(name);
		const at = list === undefined ? -1 : list.findIndex((f) => f.path === path);
		if (list === undefined || at < 0) return;
		list.splice(at, 1);
		if (list.length === 0) this.byName.delete(name);
		if (this.byPath.get(lower) === path) {
			// Another file may differ only in case; it takes over the lower-cased key.
			const twin = list.find((f) => f.lower === lower);
			if (twin === undefined) this.byPath.delete(lower);
			else this.byPath.set(lower, twin.path);
		}
	}

	rename(oldPath: string, newPath: string): void {
		this.remove(oldPath);
		this.add(newPath);
	}

	/** Whether a file with this path exists, compared case-insensitively like resolution. */
	has(path: string): boolean {
		return this.byPath.has(path.toLowerCase());
	}

	/**
	 * Real-cased vault path `linkpath` points to from the note at `sourcePath`, or null.
	 * `linkpath` is the target without `#subpath` and `|alias`; `""` is the source note itself.
	 */
	resolve(linkpath: string, sourcePath: string): string | null {
		let link = decodeEscapes(linkpath).trim();
		if (link === "") return this.byPath.get(sourcePath.toLowerCase()) ?? sourcePath;
		// A leading `/` only says "from the vault root", which the exact-path rule already covers.
		while (link.startsWith("/")) link = link.slice(1);
		if (link === "") return null;
		return this.resolveAs(link, sourcePath) ?? this.resolveAs(link + ".md", sourcePath);
	}

	/** Resolution of `link` taken as the full file name (no `.md` added). */
	private resolveAs(link: string, sourcePath: string): string | null {
		const lowerLink = link.toLowerCase();
		if (lowerLink.startsWith("./") || lowerLink.startsWith("../")) {
			const joined = joinRelative(folderOf(sourcePath.toLowerCase()), lowerLink);
			return joined === null ? null : (this.byPath.get(joined) ?? null);
		}
		const candidates = this.byName.get(baseName(lowerLink));
		if (candidates === undefined || candidates.length === 0) return null;
		const hasFolder = lowerLink.includes("/");
		if (!hasFolder && candidates.length === 1) return candidates[0]?.path ?? null;

		const exact = this.byPath.get(lowerLink);
		if (exact !== undefined) return exact;

		const suffix = "/" + lowerLink;
		const sourceFolder = folderOf(sourcePath.toLowerCase());
		const under = sourceFolder === "" ? "" : sourceFolder + "/";
		let best: string | null = null;
		let bestLower = "";
		let bestUnder = false;
		for (const { path, lower } of candidates) {
			if (!lower.endsWith(suffix)) continue;
			const isUnder = lower.startsWith(under);
			if (best === null || isBetter(isUnder, lower, path, bestUnder, bestLower, best)) {
				best = path;
				bestLower = lower;
				bestUnder = isUnder;
			}
		}
		return best;
	}
}

/** Order among suffix matches: under the source's folder, then shorter path, then alphabetical. */
function isBetter(
	under: boolean,
	lower: string,
	path: string,
	bestUnder: boolean,
	bestLower: string,
	best: string,
): boolean {
	if (under !== bestUnder) return under;
	if (lower.length !== bestLower.length) return lower.length < bestLower.length;
	if (lower !== bestLower) return lower < bestLower;
	return path < best;
}
