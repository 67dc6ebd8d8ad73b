import { Events, Notice } from "obsidian";
import { linkProblems } from "../../core/check/link-problems";
import { isoDate } from "../../core/format/dates";
import type { SavedLinkHealth } from "../../core/format/saved-settings";
import type { Problem } from "../../core/format/types";
import { isWebUrl } from "../../core/links/url-normalize";
import { checkLinks, type CheckOptions, type Fetcher, type LinkResult } from "../../core/web/link-check";
import type { DigestCuratorHost } from "../host";
import { LinkFixesModal } from "../modals/link-fixes-modal";
import { activeDigest } from "./digest-actions";
import { today } from "./new-digest-action";
import { requestUrlFetcher } from "./request-fetcher";

export interface LinkCheckOutcome {
	checked: number;
	total: number;
	cancelled: boolean;
	/** The link problems of the checked digests, after the check. */
	problems: Problem[];
}

function saved(result: LinkResult, day: string): SavedLinkHealth {
	const h: SavedLinkHealth = { status: result.status, checked: day };
	if (result.httpStatus !== undefined) h.httpStatus = result.httpStatus;
	if (result.finalUrl !== undefined) h.finalUrl = result.finalUrl;
	if (result.permanent !== undefined) h.permanent = result.permanent;
	if (result.reason !== undefined) h.reason = result.reason.slice(0, 200);
	return h;
}

/**
 * The link check in the plugin: the links of some digests requested (through requestUrl, only
 * when the user runs a check command), with the core's per-host limits, progress in the status
 * bar, and a Cancel button; a second run of a command cancels too. Results are kept in the
 * plugin's data by URL with the day they were checked, for `linkStatus` and the problems.
 */
export class LinkHealth extends Events {
	private running: { cancel: boolean; notice: Notice | null } | null = null;
	/** Goes up with every change of the saved results; the browser reads it to know its marks are stale. */
	revision = 0;

	constructor(
		private readonly host: DigestCuratorHost,
		private readonly statusEl: HTMLElement | null,
		private readonly fetcher: Fetcher = requestUrlFetcher(),
		private readonly options: Omit<CheckOptions, "cancelled" | "onResult"> = {},
	) {
		super();
	}

	/** The saved results changed (a check ended, or they were cleared): the browser redraws its marks. */
	changed(): void {
		this.revision++;
		this.trigger("changed");
	}

	get isRunning(): boolean {
		return this.running !== null;
	}

	/** What the last check found for a URL, with the day it was checked; null when it was never checked. */
	linkStatus(url: string): SavedLinkHealth | null {
		return this.host.settings.linkHealth[url] ?? null;
	}

	/** `link-dead` and `link-redirected` problems from the saved results (no request), for the check's lists to merge. */
	problems(paths?: readonly string[]): Problem[] {
		return linkProblems(this.host.live.index, (url) => this.linkStatus(url), paths);
	}

	/** Stops a running check: no new request starts; what was checked is kept. */
	cancel(): void {
		if (this.running) this.running.cancel = true;
	}

	/** The web links of the digests at `paths`, each once. */
	urlsOf(paths: readonly string[]): string[] {
		const urls = new Set<string>();
		for (const p of paths) for (const ie of this.host.live.index.entriesOf(p)) if (isWebUrl(ie.entry.url)) urls.add(ie.entry.url.trim());
		return [...urls];
	}

	/** Checks the links of the digests at `paths`; resolves when done or cancelled, with the results saved. */
	async check(paths: readonly string[]): Promise<LinkCheckOutcome> {
		if (this.running) throw new Error("A link check is already running.");
		const urls = this.urlsOf(paths);
		const state: { cancel: boolean; notice: Notice | null } = { cancel: false, notice: null };
		this.running = state;
		state.notice = this.progressNotice(urls.length);
		const day = isoDate(today());
		// A copy of its own: the settings may still hold the defaults' object, shared with others.
		const results = Object.assign(Object.create(null) as Record<string, SavedLinkHealth>, this.host.settings.linkHealth);
		this.host.settings.linkHealth = results;
		let checked = 0;
		try {
			await checkLinks(urls, this.fetcher, {
				...this.options,
				cancelled: () => state.cancel,
				onResult: (result, done, total) => {
					checked = done;
					results[result.url] = saved(result, day);
					this.statusEl?.setText(`Checking links: ${done} of ${total}`);
				},
			});
		} finally {
			this.running = null;
			state.notice?.hide();
			this.statusEl?.setText("");
			await this.host.saveSettings();
			this.changed();
		}
		return { checked, total: urls.length, cancelled: state.cancel, problems: this.problems(paths) };
	}

	private progressNotice(total: number): Notice {
		const notice = new Notice("", 0);
		const el = notice.messageEl;
		el.createSpan({ text: `Checking ${total} ${total === 1 ? "link" : "links"}… ` });
		const button = el.createEl("button", { text: "Cancel" });
		this.host.plugin.registerDomEvent(button, "click", (evt) => {
			evt.stopPropagation();
			this.cancel();
		});
		return notice;
	}

	/** Runs a check as the commands do: a second run cancels, and the fixes are offered after. */
	async runCommand(paths: readonly string[]): Promise<LinkCheckOutcome | null> {
		if (this.running) {
			this.cancel();
			new Notice("Link check cancelled; what was checked so far is kept.");
			return null;
		}
		const outcome = await this.check(paths);
		const dead = outcome.problems.filter((p) => p.code === "link-dead").length;
		const moved = outcome.problems.filter((p) => p.code === "link-redirected").length;
		const what = `${outcome.checked} of ${outcome.total} ${outcome.total === 1 ? "link" : "links"} checked${outcome.cancelled ? " before the check was cancelled" : ""}`;
		new Notice(outcome.problems.length === 0 ? `${what}: no dead links.` : `${what}: ${dead} dead, ${moved} redirected.`);
		if (outcome.problems.length > 0) new LinkFixesModal(this.host, outcome.problems).open();
		return outcome;
	}
}

/** Registers the two link check commands; returns the link health the view can ask about a URL. */
export function registerLinkHealth(host: DigestCuratorHost, fetcher?: Fetcher): LinkHealth {
	const health = new LinkHealth(host, host.plugin.addStatusBarItem(), fetcher);
	host.plugin.addCommand({
		id: "check-links-this-digest",
		name: "Check links in this digest",
		checkCallback: (checking) => {
			const active = activeDigest(host);
			if (!active && !health.isRunning) return false;
			if (!checking) void health.runCommand(active ? [active.digest.path] : []);
			return true;
		},
	});
	host.plugin.addCommand({
		id: "check-links-all-digests",
		name: "Check links in all digests",
		checkCallback: (checking) => {
			if (host.live.index.size === 0 && !health.isRunning) return false;
			if (!checking) void health.runCommand(host.live.index.digests().map((d) => d.path));
			return true;
		},
	});
	return health;
}
