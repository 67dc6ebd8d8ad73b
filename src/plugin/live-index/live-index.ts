import { Events, Notice, parseFrontMatterTags, parseYaml, TFile, type App, type CachedMetadata, type Plugin, type TAbstractFile } from "obsidian";
import { DigestIndex } from "../../core/index/digest-index";
import { sameSeries, seriesOfNote } from "../../core/format/series";
import type { Series } from "../../core/format/types";
import { count } from "../../core/format/words";

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
	/** Callers of whenReady() waiting for a build to finish, the first one included. */
	private waiting: (() => void)[] = [];

	constructor(private readonly app: App, series: readonly Series[], private readonly status: HTMLElement | null) {
		super();
		this.index = new DigestIndex({ parseYaml, series });
	}

	get isReady(): boolean {
		return this.ready;
	}

	/**
	 * Registers the vault and metadata listeners; call from onload. Indexing waits for layout
	 * ready, and so does the "create" listener: before it, Obsidian reports every file of the
	 * vault as created, and the first build reads the vault's files anyway.
	 */
	register(plugin: Plugin): void {
		const { vault, metadataCache, workspace } = this.app;
		plugin.registerEvent(metadataCache.on("changed", (file, data, cache) => this.onChanged(file, data, cache)));
		plugin.registerEvent(vault.on("delete", (file) => this.onDelete(file)));
		plugin.registerEvent(vault.on("rename", (file, oldPath) => void this.onRename(file, oldPath)));
		// Unloaded: a build or warm-up still under way stops at its next slice.
		plugin.register(() => this.generation++);
		workspace.onLayoutReady(() => {
			plugin.registerEvent(vault.on("create", (file) => this.onCreate(file)));
			// The cache may still be parsing notes (first open of a vault, a cache rebuild): once it
			// is done, look again for digests it placed in no series when the index was built.
			const resolved = metadataCache.on("resolved", () => {
				metadataCache.offref(resolved);
				void this.recheck();
			});
			plugin.registerEvent(resolved);
			void this.rebuild();
		});
	}

	/**
	 * Whether a note has to be read because it may be a digest: the metadata cache places it in a
	 * series, or cannot tell yet, or its frontmatter did not parse (the cache then gives no
	 * properties, so no tags: the core reads it and reports it if its series would claim it, as the
	 * command-line tool does). Only such notes are ever read.
	 */
	isCandidate(file: TFile, cache: CachedMetadata | null = this.app.metadataCache.getFileCache(file)): boolean {
		if (file.extension !== "md" || !this.index.mayBeDigest(file.path)) return false;
		// Not parsed yet (first open of a vault, a cache rebuild): its own frontmatter decides.
		if (!cache) return true;
		if (frontmatterUnparsed(cache)) return true;
		if (!cache.frontmatter && mayHideFrontmatter(cache)) return true;
		return this.cachePlaces(file, cache);
	}

	/** Whether the cache's frontmatter tags place a note in a series. */
	private cachePlaces(file: TFile, cache: CachedMetadata): boolean {
		const tags = (parseFrontMatterTags(cache.frontmatter ?? null) ?? []).map((t) => t.replace(/^#/, ""));
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

	/**
	 * Applies changed series: nothing for the same ones, no note read again for new names or
	 * templates, else a re-index. Before the first build, the series wait for it.
	 */
	applySeries(series: readonly Series[]): Promise<void> {
		if (sameSeries(this.index.seriesList, series)) return Promise.resolve();
		if (this.building === null) {
			this.index.setSeries(series);
			return Promise.resolve();
		}
		if (!this.index.updateSeries(series)) return this.rebuild(series);
		this.changed();
		return Promise.resolve();
	}

	/** Resolves once the index is built: the first build (even when asked before it starts) or the one that replaced it. */
	whenReady(): Promise<void> {
		if (this.ready) return Promise.resolve();
		return new Promise((resolve) => this.waiting.push(resolve));
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
		for (const resolve of this.waiting.splice(0)) resolve();
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
		this.status.setText(done < total ? `Indexing digests ${done}/${total}` : count(this.index.size, "digest"));
	}

	/**
	 * Once after the first build: reads the notes the cache now places in a series that the index
	 * does not hold, which a cache still parsing at layout ready could not place.
	 */
	private async recheck(): Promise<void> {
		await this.whenReady();
		const generation = this.generation;
		let added = false;
		for (const file of this.app.vault.getMarkdownFiles()) {
			if (this.index.get(file.path) || !this.index.mayBeDigest(file.path)) continue;
			const cache = this.app.metadataCache.getFileCache(file);
			if (!cache || !this.cachePlaces(file, cache)) continue;
			const text = await this.app.vault.cachedRead(file);
			if (generation !== this.generation) return; // a rebuild reads everything again
			if (this.index.setNote(file.path, text)) added = true;
		}
		if (added) this.changed();
	}

	private onChanged(file: TFile, data: string, cache: CachedMetadata): void {
		// The text is at hand: where the cache found no frontmatter in a note that has some (one
		// that starts with a byte-order mark), the note's own frontmatter decides.
		const fromText = !cache.frontmatter && data.charCodeAt(0) === BOM && this.index.mayBeDigest(file.path);
		const had = this.index.get(file.path) !== null;
		if (fromText || this.isCandidate(file, cache)) this.index.setNote(file.path, data);
		else if (had) this.index.removeNote(file.path);
		if (had || this.index.get(file.path)) this.changed();
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

const BOM = 0xfeff;

/**
 * Whether a note the cache found no frontmatter in may have some all the same: a first block on
 * the first line that runs over several lines, as `---` and properties make when the cache could
 * not read them as frontmatter (a byte-order mark before the `---`). Such a note is read.
 */
function mayHideFrontmatter(cache: CachedMetadata): boolean {
	const first = cache.sections?.[0];
	return first !== undefined && first.position.start.line === 0 && first.position.end.line >= 2;
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
