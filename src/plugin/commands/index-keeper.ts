import { Notice } from "obsidian";
import { findRegion, writeRegion } from "../../core/edit/regions";
import type { DigestCuratorHost } from "../host";
import { inboxText } from "./capture-actions";
import { editNote } from "./note-edit";
import { seriesIndexPlan } from "./series-index-action";

/** How long after the last change of a digest the index is rewritten: typing in a digest changes it on every save. */
export const KEEP_INDEX_DELAY_MS = 2000;

export type KeptOutcome = { path: string; outcome: "updated" | "up to date" | "no region" | "hand edited" | "refused"; reason?: string };

/**
 * The setting "Keep the series index current": a moment after the digests change, each series'
 * index note gets its generated region rewritten, through the one note edit path (the open
 * editor, else Vault.process), and only the region. A note that has no region yet is left alone
 * (the command Update series index makes it), and so is a region edited by hand since it was
 * written: the curator is told once, and the command asks before replacing it.
 */
export class IndexKeeper {
	private timer: number | null = null;
	private running: Promise<KeptOutcome[]> | null = null;
	/** Paths whose hand edit was reported, so the notice is shown once. */
	private readonly toldHandEdited = new Set<string>();

	constructor(
		private readonly host: DigestCuratorHost,
		private readonly delayMs = KEEP_INDEX_DELAY_MS,
	) {}

	/** Listens to the index for the plugin's lifetime; does nothing while the setting is off. */
	register(): void {
		const { plugin, live } = this.host;
		plugin.registerEvent(live.on("changed", () => this.schedule()));
		plugin.register(() => this.cancel());
	}

	/** (Re)starts the wait: a burst of changes gives one rewrite. */
	schedule(): void {
		if (!this.host.settings.keepIndexCurrent) return;
		this.cancel();
		this.timer = window.setTimeout(() => {
			this.timer = null;
			void this.run();
		}, this.delayMs);
	}

	cancel(): void {
		if (this.timer !== null) window.clearTimeout(this.timer);
		this.timer = null;
	}

	/** Whether a rewrite is waiting for its moment. */
	get pending(): boolean {
		return this.timer !== null;
	}

	/** Rewrites the regions now (one run at a time); what happened to each series' index note. */
	async run(): Promise<KeptOutcome[]> {
		if (this.running) await this.running.catch(() => []);
		const run = this.rewrite();
		this.running = run;
		try {
			return await run;
		} finally {
			if (this.running === run) this.running = null;
		}
	}

	private async rewrite(): Promise<KeptOutcome[]> {
		const { host } = this;
		await host.live.whenReady();
		const out: KeptOutcome[] = [];
		if (!host.settings.keepIndexCurrent) return out;
		const style = host.settings.markerStyle;
		for (const series of host.settings.series) {
			if (host.live.index.digests(series.name).length === 0) continue;
			const plan = seriesIndexPlan(host, series);
			if (!plan.ok) continue;
			const text = await inboxText(host, plan.path);
			const found = text === null ? null : findRegion(text, plan.name);
			if (text === null || found === null || "error" in found) {
				out.push({ path: plan.path, outcome: "no region" });
				continue;
			}
			const check = writeRegion(text, plan.name, plan.lines, { style });
			if (!check.ok) {
				out.push({ path: plan.path, outcome: check.handEdited ? "hand edited" : "refused", reason: check.reason });
				if (check.handEdited && !this.toldHandEdited.has(plan.path)) {
					this.toldHandEdited.add(plan.path);
					new Notice(`The series index in ${plan.path} was edited by hand, so it is no longer kept current: run Update series index to replace it.`, 10000);
				}
				continue;
			}
			this.toldHandEdited.delete(plan.path);
			if (!check.changed) {
				out.push({ path: plan.path, outcome: "up to date" });
				continue;
			}
			// Computed again on the note's text as it is when written: a hand edit since is never replaced.
			const written = await editNote(host, plan.path, (now) => writeRegion(now, plan.name, plan.lines, { style }));
			out.push(written.ok ? { path: plan.path, outcome: "updated" } : { path: plan.path, outcome: written.handEdited ? "hand edited" : "refused", reason: written.reason });
		}
		return out;
	}
}
