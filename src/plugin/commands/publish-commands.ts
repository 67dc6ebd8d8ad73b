import { Notice } from "obsidian";
import type { DayDate, Digest, Series } from "../../core/format/types";
import type { DigestCuratorHost } from "../host";
import { choose } from "../modals/choice-modal";
import { confirm } from "../modals/confirm-modal";
import { RecapModal } from "../modals/recap-modal";
import { recapRanges } from "../../core/publish/recap";
import { activeDigest } from "./digest-actions";
import { exportFeeds } from "./feeds-export";
import { IndexKeeper } from "./index-keeper";
import { today } from "./new-digest-action";
import { copyNewsletter, writeNewsletterNote, type NewsletterFormat } from "./newsletter-copy";
import type { NoteEditResult } from "./note-edit";
import { writePeriodDates } from "./period-frontmatter";
import { recapCandidates, writeRecap } from "./recap-action";
import { updateSeriesIndex } from "./series-index-action";

/** The series a publishing command is about: the open digest's, the only one, or the one the user picks. */
export async function chooseSeries(host: DigestCuratorHost): Promise<Series | null> {
	const active = activeDigest(host);
	if (active) return active.series;
	const list = host.settings.series;
	if (list.length <= 1) return list[0] ?? null;
	return choose(host.app, list, (s) => s.name, "Which series?");
}

/** The digest a newsletter is made of: the open one, else the latest of the first series that has one. */
function newsletterDigest(host: DigestCuratorHost): Digest | null {
	const active = activeDigest(host);
	if (active) return host.live.index.get(active.digest.path) ?? active.digest;
	for (const s of host.settings.series) {
		const latest = host.live.index.latest(s.name);
		if (latest) return latest;
	}
	return null;
}

function report(result: NoteEditResult, done: (path: string) => string): void {
	if (!result.ok) new Notice(result.reason, 8000);
	else new Notice(result.changed ? done(result.path) : `${result.path} was already up to date.`);
}

/** The range a recap form starts with: from the first of January of the latest digest's year to its end. */
function recapRange(host: DigestCuratorHost, series: Series): { from: DayDate; to: DayDate } {
	const end = host.live.index.latest(series.name)?.period?.end ?? today();
	return { from: { year: end.year, month: 1, day: 1 }, to: end };
}

export function openRecapModal(host: DigestCuratorHost, series: Series): RecapModal {
	const modal = new RecapModal(host, {
		series,
		...recapRange(host, series),
		ranges: recapRanges(host.live.index.digests(series.name)),
		candidates: (from, to) => recapCandidates(host, series, from, to),
		submit: async (choice) => {
			const result = await writeRecap(host, series, choice);
			if (!result.ok) return result.reason;
			new Notice(`Recap written to ${result.path}.`);
			return null;
		},
	});
	modal.open();
	return modal;
}

const NEWSLETTER_CHOICES: readonly { label: string; format: NewsletterFormat | "note" }[] = [
	{ label: "Copy as HTML (for e-mail)", format: "html" },
	{ label: "Copy as Markdown", format: "markdown" },
	{ label: "Write as Markdown to a note", format: "note" },
];

/** The publishing commands: series index, recap, feeds, newsletter and period dates. */
export function registerPublishCommands(host: DigestCuratorHost): void {
	const { plugin } = host;
	const hasDigests = () => host.live.index.size > 0;
	// The setting "Keep the series index current" (off by default).
	new IndexKeeper(host).register();

	plugin.addCommand({
		id: "update-series-index",
		name: "Update series index",
		checkCallback: (checking) => {
			if (!hasDigests()) return false;
			if (!checking) {
				void chooseSeries(host).then(async (series) => {
					if (series) report(await updateSeriesIndex(host, series), (path) => `Series index of ${series.name} written to ${path}.`);
				});
			}
			return true;
		},
	});

	plugin.addCommand({
		id: "write-recap",
		name: "Write recap",
		checkCallback: (checking) => {
			if (!hasDigests()) return false;
			if (!checking) {
				void chooseSeries(host).then((series) => {
					if (series) openRecapModal(host, series);
				});
			}
			return true;
		},
	});

	plugin.addCommand({
		id: "export-feeds",
		name: "Export feeds",
		checkCallback: (checking) => {
			if (!hasDigests()) return false;
			if (!checking) {
				void exportFeeds(host).then((result) => {
					if (!result.ok) new Notice(result.reason, 8000);
					else new Notice(`Feeds written: ${result.paths.join(", ")}.`);
				});
			}
			return true;
		},
	});

	plugin.addCommand({
		id: "copy-as-newsletter",
		name: "Copy as newsletter",
		checkCallback: (checking) => {
			const digest = newsletterDigest(host);
			if (!digest) return false;
			if (!checking) {
				void choose(host.app, NEWSLETTER_CHOICES, (c) => c.label, `Newsletter of ${digest.title}`).then(async (choice) => {
					if (!choice) return;
					try {
						if (choice.format === "note") report(await writeNewsletterNote(host, digest), (path) => `Newsletter written to ${path}.`);
						else {
							const how = await copyNewsletter(host, digest, choice.format);
							new Notice(choice.format === "html" && how === "rich" ? "Newsletter copied: paste it into a mail." : "Newsletter copied.");
						}
					} catch (err) {
						new Notice(`The newsletter could not be copied${err instanceof Error && err.message ? `: ${err.message}` : "."}`, 8000);
					}
				});
			}
			return true;
		},
	});

	plugin.addCommand({
		id: "write-period-dates",
		name: "Write period dates to frontmatter",
		checkCallback: (checking) => {
			if (!hasDigests()) return false;
			if (!checking) void runWritePeriodDates(host);
			return true;
		},
	});
}

/** Asks first (it changes many notes), then writes `date:` to every digest of every series that lacks one. */
export async function runWritePeriodDates(host: DigestCuratorHost, ask: (count: number) => Promise<boolean> = (count) => confirm(host.app, { title: "Write period dates", message: `Give ${count} ${count === 1 ? "digest" : "digests"} a date property, the last day of its period? Digests that have a date keep it.`, confirm: "Write dates" })): Promise<void> {
	await host.live.whenReady();
	const digests = host.live.index.digests().filter((d) => d.period !== null && d.frontmatter["date"] === undefined);
	if (digests.length === 0) {
		new Notice("Every digest with a period has a date already.");
		return;
	}
	if (!(await ask(digests.length))) return;
	const result = await writePeriodDates(host, digests);
	const parts = [`Dates written to ${result.written.length} ${result.written.length === 1 ? "digest" : "digests"}.`];
	if (result.skipped.length > 0) parts.push(`${result.skipped.length} left out (no period, or frontmatter to fix first).`);
	new Notice(parts.join(" "));
}

