import type { Component } from "obsidian";
import type { BrowserMode, BrowserState } from "../../core/browse/browser-state";
import type { BrowserRows } from "../../core/browse/row-layout";
import type { Problem } from "../../core/format/types";
import type { DigestCuratorHost } from "../host";
import { renderProblemList, type ProblemGroup } from "./problem-list";
import { StalledHints, StatsView, todayDate } from "./stats-view";

/** What the panels need of the view. */
export interface ModePanelsHost {
	readonly curator: DigestCuratorHost;
	readonly owner: Component;
	state(): BrowserState;
	update(change: Partial<BrowserState>): void;
	toggleListed(field: "collapsed", key: string): void;
}

/**
 * The browser's modes that are no list of entries: Problems (the check's problems to work
 * through, with their fixes, drawn by problem-list so that the check's modal shows the same) and
 * Stats (stats-view), each in a panel of its own in place of the virtual list, whose fixed row
 * heights would cut a problem's message to a line. Also the hint above the list when a series
 * has stalled.
 */
export class ModePanels {
	private readonly problems: HTMLElement;
	private readonly stats: StatsView;
	private readonly hint: HTMLElement;
	private readonly hints = new StalledHints();
	private shown: "problems" | "stats" | null = null;

	constructor(root: HTMLElement, list: HTMLElement, private readonly host: ModePanelsHost) {
		this.hint = root.createDiv({ cls: "digest-browser-hint is-hidden", attr: { role: "status" } });
		root.insertBefore(this.hint, list);
		this.problems = root.createDiv({ cls: "digest-browser-problems digest-curator-problems is-hidden" });
		this.stats = new StatsView(root, host);
	}

	/** Shows the panel of a mode (null: none) and says whether one shows; `rows` are the browser's for the mode. */
	show(mode: BrowserMode | null, rows: BrowserRows): boolean {
		const panel = mode === "problems" || mode === "stats" ? mode : null;
		this.problems.toggleClass("is-hidden", panel !== "problems");
		this.stats.setHidden(panel !== "stats");
		this.showHint(mode === "all");
		this.shown = panel;
		if (panel === "problems") this.drawProblems(rows);
		else if (panel === "stats") this.stats.render();
		return panel !== null;
	}

	resized(): void {
		if (this.shown === "stats") this.stats.render();
	}

	private showHint(wanted: boolean): void {
		const live = this.host.curator.live;
		const s = this.host.state();
		const hints = wanted && live.isReady ? this.hints.of(live.index, todayDate()).filter((h) => s.series === undefined || h.series === s.series) : [];
		const text = hints.map((h) => `${h.series} may have stalled: ${h.text}`).join(" ");
		this.hint.toggleClass("is-hidden", text === "");
		if (this.hint.getText() !== text) this.hint.setText(text);
	}

	private drawProblems(rows: BrowserRows): void {
		const groups: (ProblemGroup & { problems: Problem[] })[] = [];
		for (const row of rows) {
			if (row.kind === "group") {
				const path = row.key.replace(/^problems:/, "");
				groups.push({ key: row.key, path, title: row.label, count: row.count, problems: [], collapsed: row.collapsed });
			} else if (row.kind === "problem") {
				groups[groups.length - 1]?.problems.push(row.problem);
			}
		}
		renderProblemList(this.problems, groups, { host: this.host.curator, toggleGroup: (key) => this.host.toggleListed("collapsed", key) });
	}
}
