import { Component } from "obsidian";
import type { BrowserState } from "../../core/browse/browser-state";
import { compareDates, dateFormat, isoDate } from "../../core/format/dates";
import type { DayDate, Digest, Series } from "../../core/format/types";
import type { DigestIndex } from "../../core/index/digest-index";
import { categoriesOverTime, seriesStats, stalledHint, type StatsBucket, type StatsRow } from "../../core/stats/series-stats";
import type { DigestCuratorHost } from "../host";

/**
 * The browser's Stats mode: what a series has become, as a few SVG plots drawn with createSvg
 * (no chart library: five plots of bars, points and lines need a few hundred lines, not a
 * dependency of tens of kilobytes) over the core's figures (src/core/stats). Colours come from
 * Obsidian's variables through styles.css. Each plot is a group the keyboard reaches: the arrow
 * keys go from mark to mark, reading each one's value out, and Enter (or a click) filters the
 * browser to those entries; a table under each plot holds the same figures as text.
 */

export interface StatsViewHost {
	readonly curator: DigestCuratorHost;
	/** Registers listeners for the view's lifetime. */
	readonly owner: Component;
	state(): BrowserState;
	update(change: Partial<BrowserState>): void;
}

const BUCKETS: { by: StatsBucket; label: string }[] = [
	{ by: "digest", label: "By digest" },
	{ by: "month", label: "By month" },
	{ by: "quarter", label: "By quarter" },
	{ by: "year", label: "By year" },
];

const PLOT_HEIGHT = 110;
const MARGIN = { top: 8, right: 6, bottom: 18, left: 36 };

/** A mark of a plot the keyboard can land on: what it says and what it does. */
interface Mark {
	el: SVGElement;
	label: string;
	activate: () => void;
}

function dayNumber(d: DayDate): number {
	return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

function plural(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** The first and last day of a row's digests. */
function rowRange(index: DigestIndex, row: StatsRow): { start: DayDate; end: DayDate } | null {
	let start: DayDate | null = null;
	let end: DayDate | null = null;
	for (const path of row.digests) {
		const p = index.get(path)?.period;
		if (!p) continue;
		if (!start || compareDates(p.start, start) < 0) start = p.start;
		if (!end || compareDates(p.end, end) > 0) end = p.end;
	}
	return start && end ? { start, end } : null;
}

/** The series the stats are about: the filter's, else the first with digests. */
function statsSeries(index: DigestIndex, state: BrowserState): Series | null {
	if (state.series !== undefined) return index.seriesList.find((s) => s.name === state.series) ?? null;
	return index.seriesList.find((s) => index.digests(s.name).length > 0) ?? index.seriesList[0] ?? null;
}

/** Stalled hints per series (the series' name, then the sentence), made once per index revision. */
export class StalledHints {
	private revision = -1;
	private day = "";
	private hints: { series: string; text: string }[] = [];

	of(index: DigestIndex, today: DayDate): { series: string; text: string }[] {
		const day = isoDate(today);
		if (index.revision === this.revision && day === this.day) return this.hints;
		this.revision = index.revision;
		this.day = day;
		this.hints = [];
		for (const s of index.seriesList) {
			// Collections have no period: they never stall.
			const digests = index.digests(s.name);
			const text = stalledHint(seriesStats(digests), today);
			if (text) this.hints.push({ series: s.name, text });
		}
		return this.hints;
	}
}

export function todayDate(): DayDate {
	const now = new Date();
	return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

export class StatsView {
	readonly el: HTMLElement;
	private by: StatsBucket = "digest";
	private drawn = "";
	private readonly hints = new StalledHints();
	/**
	 * Holds the listeners of the plots drawn last: a redraw throws the elements away, so it
	 * unloads this child of the view (removing them) and draws into a new one.
	 */
	private drawing = new Component();

	constructor(
		parent: HTMLElement,
		private readonly host: StatsViewHost,
	) {
		this.el = parent.createDiv({ cls: "digest-stats is-hidden" });
		host.owner.addChild(this.drawing);
	}

	setHidden(hidden: boolean): void {
		this.el.toggleClass("is-hidden", hidden);
		if (hidden) this.drawn = "";
	}

	/** Draws the plots when what they show changed (the index, the series, the dates, the width). */
	render(force = false): void {
		const index = this.host.curator.live.index;
		const s = this.host.state();
		// The panel's width inside its padding (24 px): the plots are drawn to it, and again when it changes.
		const width = Math.max(200, Math.floor(this.el.clientWidth || 324) - 28);
		const key = JSON.stringify([index.revision, s.series ?? null, s.from ?? null, s.to ?? null, this.by, width]);
		if (!force && key === this.drawn) return;
		this.drawn = key;
		this.draw(index, s, width);
	}

	private draw(index: DigestIndex, state: BrowserState, width: number): void {
		const el = this.el;
		el.empty();
		this.host.owner.removeChild(this.drawing);
		this.drawing = this.host.owner.addChild(new Component());
		const series = statsSeries(index, state);
		if (!series) {
			el.createDiv({ cls: "digest-browser-empty-text", text: "No digest series is set up." });
			return;
		}
		const fmt = dateFormat(series.dateFormat);
		const from = state.from;
		const to = state.to;
		const digests = index.digests(series.name).filter((d) => {
			if (!from && !to) return true;
			if (!d.period) return false;
			return (!from || isoDate(d.period.end) >= from) && (!to || isoDate(d.period.start) <= to);
		});
		const stats = seriesStats(digests, this.by);
		const head = el.createDiv({ cls: "digest-stats-head" });
		head.createDiv({ cls: "digest-stats-totals", text: `${series.name}: ${plural(stats.totals.digests, "digest")}, ${plural(stats.totals.entries, "entry", "entries")}, ${stats.totals.recommended.toLocaleString()} recommended.` });
		const bySelect = head.createEl("select", { cls: "dropdown digest-stats-by", attr: { "aria-label": "Count by" } });
		for (const b of BUCKETS) bySelect.createEl("option", { text: b.label, value: b.by });
		bySelect.value = this.by;
		this.drawing.registerDomEvent(bySelect, "change", () => {
			this.by = bySelect.value as StatsBucket;
			this.render(true);
		});
		const hint = from || to ? null : stalledHint(seriesStats(index.digests(series.name)), todayDate());
		if (hint) head.createDiv({ cls: "digest-stats-stalled", text: `The series may have stalled. ${hint}` });
		if (stats.rows.length === 0) {
			el.createDiv({ cls: "digest-browser-empty-text", text: "No dated digests to plot: a digest's period comes from the dates in its title." });
			return;
		}
		const rows = stats.rows;
		const ranges = rows.map((r) => rowRange(index, r));
		const rowLabel = (i: number) => {
			const r = ranges[i];
			if (!r) return rows[i]!.key;
			return this.by === "digest" ? `${fmt.format(r.start)} to ${fmt.format(r.end)}` : rows[i]!.key;
		};
		const showRow = (i: number) => {
			const r = ranges[i];
			if (r) this.host.update({ mode: "all", series: series.name, from: isoDate(r.start), to: isoDate(r.end), category: undefined, source: undefined, tag: undefined });
		};
		const ends = ranges.map((r) => (r ? dayNumber(r.end) : 0));
		const x = timeScale(ends, width);

		// 1. Entries and recommended ones.
		const most = rows.reduce((m, r) => Math.max(m, r.entries), 0);
		const first = rows[0]!;
		const last = rows[rows.length - 1]!;
		this.plot(
			"Entries and recommended ones",
			`Entries per ${this.by}, ${rows.length} ${this.by === "digest" ? "digests" : "periods"} from ${rowLabel(0)} to ${rowLabel(rows.length - 1)}: the first had ${plural(first.entries, "entry", "entries")} (${first.recommended} recommended), the last ${plural(last.entries, "entry", "entries")} (${last.recommended} recommended), the most ${most}.`,
			width,
			most,
			(svg, y) => {
				const bar = barWidth(rows.length, width);
				return rows.map((r, i) => {
					const g = svg.createSvg("g", { cls: "digest-stats-mark" });
					const cx = x(ends[i]!);
					g.createSvg("rect", { cls: "digest-stats-bar", attr: { x: cx - bar / 2, y: y(r.entries), width: bar, height: y(0) - y(r.entries) } });
					g.createSvg("rect", { cls: "digest-stats-bar-recommended", attr: { x: cx - bar / 2, y: y(r.recommended), width: bar, height: y(0) - y(r.recommended) } });
					const label = `${rowLabel(i)}: ${plural(r.entries, "entry", "entries")}, ${r.recommended} recommended`;
					withText(g.createSvg("title"), label);
					return { el: g, label, activate: () => showRow(i) };
				});
			},
			["Period", "Entries", "Recommended"],
			rows.map((r, i) => [rowLabel(i), String(r.entries), String(r.recommended)]),
			(i) => showRow(i),
		);

		// 2. The recommended share.
		const shares = rows.map((r) => (r.entries === 0 ? 0 : Math.round((100 * r.recommended) / r.entries)));
		this.plot(
			"Recommended share",
			`Share of entries recommended, in percent: ${shares[0]}% at first, ${shares[shares.length - 1]}% in the last ${this.by === "digest" ? "digest" : "period"}.`,
			width,
			100,
			(svg, y) => {
				if (rows.length > 1) svg.createSvg("polyline", { cls: "digest-stats-line", attr: { points: shares.map((v, i) => `${x(ends[i]!)},${y(v)}`).join(" ") } });
				return shares.map((v, i) => {
					const label = `${rowLabel(i)}: ${v}% recommended`;
					const c = svg.createSvg("circle", { cls: "digest-stats-mark digest-stats-point", attr: { cx: x(ends[i]!), cy: y(v), r: 3 } });
					withText(c.createSvg("title"), label);
					return { el: c, label, activate: () => showRow(i) };
				});
			},
			["Period", "Recommended share"],
			shares.map((v, i) => [rowLabel(i), `${v}%`]),
			(i) => showRow(i),
			"%",
		);

		// 3. Cadence: the days each period covers, and the days no digest covers before it.
		const longest = rows.reduce((m, r) => Math.max(m, Math.round(r.periodDays / Math.max(1, r.digests.length)), r.gapDays), 0);
		const gaps = rows.filter((r) => r.gapDays > 0).length;
		this.plot(
			"Cadence",
			`Days a ${this.by === "digest" ? "digest" : "digest of the period"} covers${stats.usualDays !== null ? `, usually ${stats.usualDays}` : ""}; ${gaps === 0 ? "no gap between digests" : `${plural(gaps, "gap")} no digest covers`}.`,
			width,
			longest,
			(svg, y) => {
				const bar = Math.max(2, barWidth(rows.length, width) / 2);
				return rows.map((r, i) => {
					const g = svg.createSvg("g", { cls: "digest-stats-mark" });
					const days = Math.round(r.periodDays / Math.max(1, r.digests.length));
					const cx = x(ends[i]!);
					if (r.gapDays > 0) g.createSvg("rect", { cls: "digest-stats-gap", attr: { x: cx - bar - 1, y: y(r.gapDays), width: bar, height: y(0) - y(r.gapDays) } });
					g.createSvg("circle", { cls: "digest-stats-point", attr: { cx, cy: y(days), r: 3 } });
					const label = `${rowLabel(i)}: ${plural(days, "day")}${r.gapDays > 0 ? `, after a gap of ${plural(r.gapDays, "day")}` : ""}`;
					withText(g.createSvg("title"), label);
					return { el: g, label, activate: () => showRow(i) };
				});
			},
			["Period", "Days", "Gap before"],
			rows.map((r, i) => [rowLabel(i), String(Math.round(r.periodDays / Math.max(1, r.digests.length))), String(r.gapDays)]),
			(i) => showRow(i),
		);

		// 4. Categories over time, as small multiples.
		this.categories(digests, series, width, x, ends, rowLabel);

		// 5. Top sources.
		this.sources(stats.topSources, series, width, stats.totals.entries);
	}

	/**
	 * A plot: a heading, the SVG (a group the keyboard moves through), a line that reads out the
	 * mark in focus, and the figures as a table.
	 */
	private plot(
		title: string,
		summary: string,
		width: number,
		max: number,
		draw: (svg: SVGSVGElement, y: (v: number) => number) => Mark[],
		columns: string[],
		table: string[][],
		activateRow: (i: number) => void,
		unit = "",
	): void {
		const figure = this.el.createEl("figure", { cls: "digest-stats-plot" });
		figure.createEl("figcaption", { cls: "digest-stats-title", text: title });
		const svg = figure.createSvg("svg", { cls: "digest-stats-svg", attr: { width, height: PLOT_HEIGHT, viewBox: `0 0 ${width} ${PLOT_HEIGHT}`, role: "group", tabindex: 0, "aria-label": `${title}. ${summary} Use the arrow keys to read each value, Enter to list its entries.` } });
		const y = valueScale(max);
		axes(svg, width, max, unit);
		const marks = draw(svg, y);
		const readout = figure.createDiv({ cls: "digest-stats-readout", attr: { "aria-live": "polite" } });
		this.keyboard(svg, marks, readout);
		const details = figure.createEl("details", { cls: "digest-stats-table" });
		details.createEl("summary", { text: "Table", attr: { "aria-label": `Table: ${title}` } });
		const t = details.createEl("table");
		const headRow = t.createEl("thead").createEl("tr");
		for (const c of columns) headRow.createEl("th", { text: c });
		const body = t.createEl("tbody");
		table.forEach((cells, i) => {
			const tr = body.createEl("tr");
			const first = tr.createEl("td").createEl("button", { cls: "digest-stats-row-button", text: cells[0]!, attr: { "aria-label": `List the entries of ${cells[0]!}` } });
			this.drawing.registerDomEvent(first, "click", () => activateRow(i));
			for (const c of cells.slice(1)) tr.createEl("td", { text: c });
		});
	}

	/** Arrow keys, Home and End move through the marks; Enter and Space activate one; clicks too. */
	private keyboard(svg: SVGSVGElement, marks: Mark[], readout: HTMLElement): void {
		let at = -1;
		const focus = (i: number) => {
			if (marks.length === 0) return;
			if (at >= 0) marks[at]?.el.removeClass("is-focused");
			at = Math.max(0, Math.min(marks.length - 1, i));
			marks[at]!.el.addClass("is-focused");
			readout.setText(marks[at]!.label);
		};
		this.drawing.registerDomEvent(svg as unknown as HTMLElement, "keydown", (evt: KeyboardEvent) => {
			const keys: Record<string, () => void> = {
				ArrowRight: () => focus(at + 1),
				ArrowDown: () => focus(at + 1),
				ArrowLeft: () => focus(at < 0 ? marks.length - 1 : at - 1),
				ArrowUp: () => focus(at < 0 ? marks.length - 1 : at - 1),
				Home: () => focus(0),
				End: () => focus(marks.length - 1),
				Enter: () => (at >= 0 ? marks[at]!.activate() : focus(0)),
				" ": () => (at >= 0 ? marks[at]!.activate() : focus(0)),
			};
			const run = keys[evt.key];
			if (!run) return;
			evt.preventDefault();
			run();
		});
		this.drawing.registerDomEvent(svg as unknown as HTMLElement, "click", (evt: MouseEvent) => {
			const target = evt.target as Element | null;
			const i = marks.findIndex((m) => m.el === target || m.el.contains(target));
			if (i >= 0) marks[i]!.activate();
		});
	}

	private categories(digests: readonly Digest[], series: Series, width: number, x: (day: number) => number, ends: number[], rowLabel: (i: number) => string): void {
		const over = categoriesOverTime(digests, this.by, 6);
		if (over.categories.length === 0) return;
		const figure = this.el.createEl("figure", { cls: "digest-stats-plot" });
		figure.createEl("figcaption", { cls: "digest-stats-title", text: "Categories over time" });
		const grid = figure.createDiv({ cls: "digest-stats-multiples" });
		const cell = Math.max(100, Math.floor((width - 8) / 2));
		const h = 44;
		over.categories.forEach((name, k) => {
			const counts = over.rows.map((r) => r.counts[k]!);
			const total = counts.reduce((a, b) => a + b, 0);
			const max = Math.max(1, ...counts);
			const last = counts[counts.length - 1]!;
			const label = `${name}: ${plural(total, "entry", "entries")} in all, at most ${max} in one ${this.by === "digest" ? "digest" : this.by}, ${last} in the last. Enter lists them.`;
			const box = grid.createDiv({ cls: "digest-stats-multiple" });
			box.createDiv({ cls: "digest-stats-multiple-name", text: `${name} (${total})` });
			// No text inside: the small plot stretches to its grid cell.
			const svg = box.createSvg("svg", { cls: "digest-stats-svg digest-stats-mark", attr: { width: "100%", height: h, viewBox: `0 0 ${cell} ${h}`, preserveAspectRatio: "none", role: "button", tabindex: 0, "aria-label": label } });
			const sx = (i: number) => 2 + ((x(ends[i]!) - MARGIN.left) / Math.max(1, width - MARGIN.left - MARGIN.right)) * (cell - 4);
			const sy = (v: number) => h - 2 - (v / max) * (h - 6);
			svg.createSvg("line", { cls: "digest-stats-axis", attr: { x1: 0, x2: cell, y1: h - 2, y2: h - 2 } });
			svg.createSvg("polyline", { cls: "digest-stats-area", attr: { points: [`${sx(0)},${h - 2}`, ...counts.map((v, i) => `${sx(i)},${sy(v)}`), `${sx(counts.length - 1)},${h - 2}`].join(" ") } });
			withText(svg.createSvg("title"), counts.map((v, i) => `${rowLabel(i)}: ${v}`).slice(-12).join("\n"));
			const show = () => this.host.update({ mode: "all", series: series.name, category: name, source: undefined, tag: undefined, from: undefined, to: undefined });
			this.drawing.registerDomEvent(svg as unknown as HTMLElement, "click", show);
			this.drawing.registerDomEvent(svg as unknown as HTMLElement, "keydown", (evt: KeyboardEvent) => {
				if (evt.key !== "Enter" && evt.key !== " ") return;
				evt.preventDefault();
				show();
			});
		});
	}

	private sources(top: readonly { name: string; count: number }[], series: Series, width: number, entries: number): void {
		if (top.length === 0) return;
		const list = top.slice(0, 8);
		const rowH = 18;
		const height = list.length * rowH + 4;
		const max = list[0]!.count;
		const share = (n: number) => (entries === 0 ? 0 : Math.round((100 * n) / entries));
		const figure = this.el.createEl("figure", { cls: "digest-stats-plot" });
		figure.createEl("figcaption", { cls: "digest-stats-title", text: "Top sources" });
		const summary = `Top sources: ${list.slice(0, 3).map((s) => `${s.name} ${s.count} (${share(s.count)}%)`).join(", ")}.`;
		const svg = figure.createSvg("svg", { cls: "digest-stats-svg", attr: { width, height, viewBox: `0 0 ${width} ${height}`, role: "group", tabindex: 0, "aria-label": `${summary} Use the arrow keys to read each value, Enter to list its entries.` } });
		const labelW = Math.min(110, Math.floor(width * 0.4));
		const marks: Mark[] = list.map((s, i) => {
			const g = svg.createSvg("g", { cls: "digest-stats-mark" });
			const y = 2 + i * rowH;
			const w = Math.max(1, ((width - labelW - 40) * s.count) / Math.max(1, max));
			withText(g.createSvg("text", { cls: "digest-stats-label", attr: { x: labelW - 4, y: y + rowH - 6, "text-anchor": "end" } }), s.name.length > 16 ? `${s.name.slice(0, 15)}…` : s.name);
			g.createSvg("rect", { cls: "digest-stats-bar", attr: { x: labelW, y: y + 2, width: w, height: rowH - 6 } });
			withText(g.createSvg("text", { cls: "digest-stats-label", attr: { x: labelW + w + 4, y: y + rowH - 6 } }), String(s.count));
			const label = `${s.name}: ${plural(s.count, "entry", "entries")}, ${share(s.count)}% of all`;
			withText(g.createSvg("title"), label);
			return { el: g, label, activate: () => this.host.update({ mode: "all", series: series.name, source: s.name, category: undefined, tag: undefined, from: undefined, to: undefined }) };
		});
		const readout = figure.createDiv({ cls: "digest-stats-readout", attr: { "aria-live": "polite" } });
		this.keyboard(svg, marks, readout);
	}
}

/** An SVG element with its text (createSvg takes no text). */
function withText<T extends SVGElement>(el: T, text: string): T {
	el.setText(text);
	return el;
}

/** x of a day: the first row's end at the left, the last one's at the right. */
function timeScale(days: readonly number[], width: number): (day: number) => number {
	const lo = days[0] ?? 0;
	const hi = days[days.length - 1] ?? lo;
	const left = MARGIN.left + 6;
	const right = width - MARGIN.right - 6;
	if (hi === lo) return () => (left + right) / 2;
	return (d) => left + ((d - lo) / (hi - lo)) * (right - left);
}

function valueScale(max: number): (v: number) => number {
	const top = MARGIN.top;
	const bottom = PLOT_HEIGHT - MARGIN.bottom;
	const m = Math.max(1, max);
	return (v) => bottom - (Math.max(0, v) / m) * (bottom - top);
}

function barWidth(n: number, width: number): number {
	return Math.max(2, Math.min(14, (width - MARGIN.left - MARGIN.right) / Math.max(1, n) - 2));
}

/** The baseline and a scale of 0, half and the most, as light lines with their values. */
function axes(svg: SVGSVGElement, width: number, max: number, unit: string): void {
	const y = valueScale(max);
	for (const v of max > 0 ? [0, Math.round(max / 2), max] : [0]) {
		svg.createSvg("line", { cls: v === 0 ? "digest-stats-axis" : "digest-stats-grid", attr: { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(v), y2: y(v) } });
		withText(svg.createSvg("text", { cls: "digest-stats-label", attr: { x: MARGIN.left - 4, y: y(v) + 3, "text-anchor": "end" } }), `${v}${unit}`);
	}
}
