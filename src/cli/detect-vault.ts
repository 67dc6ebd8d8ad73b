import { detectFromProfiles, type SeriesDetection } from "../core/detect/detect-series";
import { profileNote, type NoteProfile } from "../core/detect/note-profile";
import { DEFAULT_SERIES } from "../core/format/series";
import type { Series } from "../core/format/types";
import type { VaultFs } from "./vault-fs";
import { parseYaml } from "./yaml";

/** Detects the vault's series, reading its Markdown notes one at a time and keeping only their profiles. */
export function detectVault(vault: VaultFs, files: readonly string[]): SeriesDetection {
	const profiles: NoteProfile[] = [];
	for (const f of files) {
		if (!f.toLowerCase().endsWith(".md")) continue;
		const { text, problem } = vault.readText(f);
		// A binary file is no digest; a note with a few bad bytes still shows its shape.
		if (problem && text === "") continue;
		profiles.push(profileNote(f, text, parseYaml));
	}
	return detectFromProfiles(profiles);
}

/** A shell word: as is when plain, else in double quotes. */
export function shellWord(s: string): string {
	return /^[\w./@%+=:,-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, "\\$1")}"`;
}

/** How a detected series is named in a sentence: `#roundup in Weekly/`, or `the folder Journal/Links/`. */
export function seriesLabel(d: Pick<Series, "tag" | "folder">): string {
	if (d.tag !== "") return `#${d.tag}${d.folder !== "" ? ` in ${d.folder}/` : ""}`;
	return `the folder ${d.folder}/`;
}

/** The flags that read a detected series without saved settings (what differs from the defaults). */
export function seriesFlagsFor(d: Series, withTemplates = false): string {
	const out: string[] = [];
	if (d.tag !== "") out.push(`--tag ${shellWord(d.tag)}`);
	if (d.folder !== "") out.push(`--folder ${shellWord(d.folder)}`);
	if (d.categoryLevel !== DEFAULT_SERIES.categoryLevel) out.push(`--category-level ${d.categoryLevel}`);
	if (d.dateFormat !== DEFAULT_SERIES.dateFormat) out.push(`--date-format ${shellWord(d.dateFormat)}`);
	if (d.entryStyle === "list") out.push("--entry-style list");
	if (d.collection === true) out.push("--collection");
	if (withTemplates && d.titleTemplate !== DEFAULT_SERIES.titleTemplate) out.push(`--title-template ${shellWord(d.titleTemplate)}`);
	if (withTemplates && d.fileNameTemplate !== DEFAULT_SERIES.fileNameTemplate) out.push(`--file-name-template ${shellWord(d.fileNameTemplate)}`);
	return out.join(" ");
}
