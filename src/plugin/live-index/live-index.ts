import { Events, Notice, parseFrontMatterTags, parseYaml, TFile, type App, type CachedMetadata, type Plugin, type TAbstractFile } from "obsidian";
import { DigestIndex } from "../../core/index/digest-index";
import { seriesOfNote } from "../../core/format/series";
import type { Series } from "../../core/format/types";

/** Longest stretch of indexing work before yielding to the UI. */
const SLICE_MS = 12;
/** A slice taken when the browser has not been idle for a second. */
const MIN_SLICE_MS = 4;

/**
 * The vault's digests, kept current from Obsidian's events. Owns the pure DigestIndex; the
 * plugin, views, commands and the editor extension read it and listen for "changed".
 */
export class LiveIndex extends Events {
	readonly index: DigestIndex;
	private building: Promise<void> | null = null;
	private generation = 0;
	private ready = false;

	constructor(private readonly app: App, series: readonly Series[], private readonly status: HTMLElement | null) {
		super();
		this.index = new DigestIndex({ parseYaml, series });
	}

	get isReady(): boolean {
		return this.ready;
	}

	/** Registers the vault and metadata listeners; call from onload. Indexing itself waits for layout ready. */
	register(plugin: Plugin): void {
		const { vault, metadataCache } = this.app;
		plugin.registerEvent(metadataCache.on("changed", (file, data, cache) => this.onChanged(file, data, cache)));
		plugin.registerEvent(vault.on("create", (file) => this.onCreate(file)));
		plugin.registerEvent(vault.on("delete", (file) => this.onDelete(file)));
		plugin.registerEvent(vault.on("rename", (file, oldPath) => void this.onRename(file, oldPath)));
		// Unloaded: a build or warm-up still under way stops at its next slice.
		plugin.register(() => this.generation++);
	}

	/**
	 * Whether the metadata cache says a note belongs to a series, so only those are ever read; or
	 * that its frontmatter did not parse (the cache then gives no properties, so no tags), so that
	 * the core reads it and reports it if its series would claim it, as the command-line tool does.
	 */
	isCandidate(file: TFile, cache: CachedMetadata | null = this.app.metadataCache.getFileCache(file)): boolean {
		if (file.extension !== "md" || !this.index.mayBeDigest(file.path)) return false;
		if (cache && frontmatterUnparsed(cache)) return true;
		const tags = (parseFrontMatterTags(cache?.frontmatter ?? null) ?? []).map((t) => t.replace(/^#/, ""));
		return seriesOfNote(this.index.seriesList, file.path, tags) !== null;
	}

	/** Re-reads every candidate digest; a settings change calls it with the new series. */
	rebuild(series?: readonly Series[]): Promise<void> {
		if (series) this.index.setSeries(series);
		else this.index.clearDigests();
		const generation = ++this.generation;
		this.building = this.build(generation);
		return this.building;
	}

	/** Resolves once the current build is done. */
	whenReady(): Promise<void> {
		return this.building ?? Promise.resolve();
	}

	private async build(generation: number): Promise<void> {
		this.ready = false;
		const { vault } = this.app;
		for (const f of vault.getFiles()) this.index.addFile(f.path);
		const candidates = vault.getMarkdownFiles().filter((f) => this.isCandidate(f));
		let sliceStart = performance.now();
		const unreadable: string[] = [];
		for (let i = 0; i < candidates.length; i++) {
			if (generation !== this.generation) return; // a newer build took over
			const file = candidates[i]!;
			// One note that cannot be read must not stop the others: it is named once the build is done.
			let text: string;
			try {
				text = await vault.cachedRead(file);
			} catch (e) {
				unreadable.push(`${file.path} (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
				continue;
			}
			this.index.setNote(file.path, text);
			if (performance.now() - sliceStart > SLICE_MS) {
				this.showProgress(i + 1, candidates.length);
				await new Promise<void>((resolve) => window.setTimeout(resolve, 0));
				sliceStart = performance.now();
			}
		}
		if (generation !== this.generation) return;
		if (unreadable.length > 0) new Notice(`Digest Curator could not read ${unreadable.length === 1 ? "a note" : `${unreadable.length} notes`}, left out of the index: ${unreadable.join(", ")}.`, 15000);
		this.ready = true;
		this.showProgress(candidates.length, candidates.length);
		this.trigger("changed");
		// After the views' first paint: warming is for the first search, not for the first frame.
		window.setTimeout(() => void this.warm(generation), 200);
	}

	/**
	 * Makes the search and link maps in idle slices, so the first search or check does not freeze
	 * the UI: in the browser's idle periods, so that no slice delays a frame of scrolling or typing
	 * (where there is no requestIdleCallback, as on older iOS, in short timer slices).
	 */
	private async warm(generation: number): Promise<void> {
		// The first slice runs from the timer that starts warming (a small vault needs no more).
		let budget = SLICE_MS;
		for (;;) {
			if (generation !== this.generation) return;
			const start = performance.now();
			if (this.index.warm(() => performance.now() - start > budget)) return;
			budget = Math.min(SLICE_MS, await idleSlice());
		}
	}

	private showProgress(done: number, total: number): void {
		if (!this.status) return;
		this.status.setText(done < total ? `Indexing digests ${done}/${total}` : `${this.index.size} digests`);
	}

	private onChanged(file: TFile, data: string, cache: CachedMetadata): void {
		if (this.isCandidate(file, cache)) this.index.setNote(file.path, data);
		else if (this.index.get(file.path)) this.index.removeNote(file.path);
		else return;
		this.changed();
	}

	private onCreate(file: TAbstractFile): void {
		if (!(file instanceof TFile)) return;
		this.index.addFile(file.path);
		this.changed();
	}

	private onDelete(file: TAbstractFile): void {
		if (!(file instanceof TFile)) return;
		this.index.removeFile(file.path);
		this.changed();
	}

	private async onRename(file: TAbstractFile, oldPath: string): Promise<void> {
		if (!(file instanceof TFile)) return;
		// The cache may not have caught up with the move yet: a digest stays a candidate under its new path.
		const wasDigest = this.index.get(oldPath) !== null;
		const text = wasDigest || this.isCandidate(file) ? await this.app.vault.cachedRead(file) : undefined;
		this.index.renameFile(oldPath, file.path, text);
		this.changed();
	}

	private changed(): void {
		if (!this.ready) return; // the build in progress will announce itself
		this.showProgress(1, 1);
		this.trigger("changed");
	}
}

/** A frontmatter block whose properties the metadata cache could not read (broken YAML gives none). */
function frontmatterUnparsed(cache: CachedMetadata): boolean {
	const block = cache.frontmatterPosition ?? (cache.sections?.[0]?.type === "yaml" ? cache.sections[0].position : undefined);
	if (!block) return false;
	return !cache.frontmatter || Object.keys(cache.frontmatter).length === 0;
}

/**
 * Waits for the browser to be idle; resolves with the ms the idle period has left. Waited for a
 * second at most (then a short slice), so that warming ends even on a page that is never idle.
 */
function idleSlice(): Promise<number> {
	return new Promise((resolve) => {
		if (typeof window.requestIdleCallback === "function") {
			window.requestIdleCallback((deadline) => resolve(deadline.didTimeout ? MIN_SLICE_MS : deadline.timeRemaining()), { timeout: 1000 });
		} else {
			window.setTimeout(() => resolve(SLICE_MS), 0);
		}
	});
}
