import { SearchComponent, type Component } from "obsidian";
import type { BrowserCache } from "../../core/browse/browser-cache";
import type { BrowserOption, BrowserOptions } from "../../core/browse/browser-options";
import type { BrowserGroupBy, BrowserMode, BrowserState } from "../../core/browse/browser-state";
import { dateFormat, isoDate, parseIsoDate, type DateFormat } from "../../core/format/dates";
import type { DigestCuratorHost } from "../host";
import { setTextIfChanged } from "./dom-text";
import { addSearchHelp, SEARCH_PLACEHOLDER, type SearchHelp } from "./search-help";

const MODES: { mode: BrowserMode; label: string }[] = [
	{ mode: "all", label: "All" },
	{ mode: "mentions", label: "Mentions" },
	{ mode: "duplicates", label: "Duplicates" },
	{ mode: "problems", label: "Problems" },
	{ mode: "inbox", label: "Inbox" },
	{ mode: "stats", label: "Stats" },
];

const GROUPINGS: { groupBy: BrowserGroupBy; label: string }[] = [
	{ groupBy: "category", label: "Group by category" },
	{ groupBy: "section", label: "Group by top-level section" },
	{ groupBy: "digest", label: "Group by digest" },
	{ groupBy: "source", label: "Group by source" },
	{ groupBy: "tag", label: "Group by tag" },
	{ groupBy: "none", label: "No grouping" },
];

/** What the toolbar needs of the view. */
export interface ToolbarHost {
	readonly curator: DigestCuratorHost;
	readonly browseCache: BrowserCache;
	/** Registers the toolbar's listeners for the view's lifetime. */
	readonly owner: Component;
	state(): BrowserState;
	/** Applies a change of the state and scrolls the list to the top. */
	update(change: Partial<BrowserState>): void;
	setSearch(value: string): void;
	onSearchKey(evt: KeyboardEvent): void;
}

/** The controls above the list: mode buttons, search box, filters panel, grouping, and the summary line. */
export class Toolbar {
	private readonly modeButtons = new Map<BrowserMode, HTMLButtonElement>();
	private readonly search: SearchComponent;
	private readonly searchHelp: SearchHelp;
	private readonly filters: HTMLDetailsElement;
	private readonly filtersSummary: HTMLElement;
	private readonly series: HTMLSelectElement;
	private readonly category: HTMLSelectElement;
	private readonly source: HTMLSelectElement;
	private readonly tag: HTMLSelectElement;
	private readonly recommended: HTMLInputElement;
	private readonly deadLinks: HTMLInputElement;
	private readonly searchEl: HTMLElement;
	private readonly from: HTMLInputElement;
	private readonly to: HTMLInputElement;
	private readonly groupBy: HTMLSelectElement;
	private readonly summary: HTMLElement;
	private filterOptions: BrowserOptions | null = null;
	private filterOptionsSeries: string | undefined = undefined;
	private closed = false;

	constructor(
		parent: HTMLElement,
		private readonly host: ToolbarHost,
	) {
		const { owner } = host;
		const update = (change: Partial<BrowserState>) => host.update(change);
		const toolbar = parent.createDiv({ cls: "digest-browser-toolbar" });

		const modes = toolbar.createDiv({ cls: "digest-browser-modes", attr: { role: "group", "aria-label": "Show" } });
		for (const { mode, label } of MODES) {
			const b = modes.createEl("button", { text: label, cls: "digest-browser-mode" });
			b.dataset.mode = mode;
			owner.registerDomEvent(b, "click", () => update({ mode }));
			this.modeButtons.set(mode, b);
		}

		this.searchEl = toolbar.createDiv({ cls: "digest-browser-search" });
		const search = new SearchComponent(this.searchEl);
		search.setPlaceholder(SEARCH_PLACEHOLDER);
		search.inputEl.setAttr("aria-label", "Search entries");
		// Both: typing fires "input"; the clear button reports through onChange.
		search.onChange((value) => host.setSearch(value));
		owner.registerDomEvent(search.inputEl, "input", () => host.setSearch(search.inputEl.value));
		owner.registerDomEvent(search.inputEl, "keydown", (evt) => host.onSearchKey(evt));
		this.search = search;
		this.searchHelp = addSearchHelp(this.searchEl, search.inputEl, owner, () => host.curator.live.index.seriesList[0]?.dateFormat ?? "DD-MM-YYYY");

		const filters = toolbar.createEl("details", { cls: "digest-browser-filters" });
		this.filters = filters;
		this.filtersSummary = filters.createEl("summary", { text: "Filters" });
		// The option lists count every entry: made when the panel is opened, not on every change.
		owner.registerDomEvent(filters, "toggle", () => {
			if (!this.closed) this.syncOptions();
		});
		const fields = filters.createDiv({ cls: "digest-browser-fields" });
		const select = (label: string, onChange: (value: string) => void) => {
			const el = fields.createEl("select", { cls: "dropdown digest-browser-select", attr: { "aria-label": label } });
			owner.registerDomEvent(el, "change", () => onChange(el.value));
			return el;
		};
		this.series = select("Series", (v) => update({ series: v || undefined, category: undefined, source: undefined, tag: undefined }));
		this.category = select("Category", (v) => update({ category: v || undefined }));
		this.source = select("Source", (v) => update({ source: v || undefined }));
		this.tag = select("Tag", (v) => update({ tag: v || undefined }));

		const recommendedLabel = fields.createEl("label", { cls: "digest-browser-check" });
		const recommended = recommendedLabel.createEl("input", { type: "checkbox" });
		recommendedLabel.appendText("Recommended only");
		owner.registerDomEvent(recommended, "change", () => update({ recommendedOnly: recommended.checked }));
		this.recommended = recommended;
		// Shown once a link check has saved results: the entries whose link it found dead.
		const deadLabel = fields.createEl("label", { cls: "digest-browser-dead-links" });
		const deadLinks = deadLabel.createEl("input", { type: "checkbox" });
		deadLabel.appendText("Dead links only");
		owner.registerDomEvent(deadLinks, "change", () => update({ deadLinksOnly: deadLinks.checked || undefined }));
		this.deadLinks = deadLinks;

		const dates = fields.createDiv({ cls: "digest-browser-dates" });
		// Dates in the series' own format (DD-MM-YYYY, say), not the browser's locale one of <input type=date>.
		const date = (label: string, field: "from" | "to") => {
			const wrap = dates.createEl("label", { cls: "digest-browser-date" });
			wrap.createSpan({ text: label });
			const el = wrap.createEl("input", { type: "text", attr: { inputmode: "numeric", autocomplete: "off" } });
			// A date complete as typed applies at once; anything else is judged when the field is left.
			owner.registerDomEvent(el, "input", () => this.dateTyped(el, field, false));
			owner.registerDomEvent(el, "change", () => this.dateTyped(el, field, true));
			return el;
		};
		this.from = date("From", "from");
		this.to = date("To", "to");

		this.groupBy = select("Group by", (v) => update({ groupBy: v as BrowserGroupBy }));
		for (const g of GROUPINGS) this.groupBy.createEl("option", { text: g.label, value: g.groupBy });

		this.summary = toolbar.createDiv({ cls: "digest-browser-summary", attr: { "aria-live": "polite" } });
	}

	/** The view closed: its controls answer no more. */
	close(): void {
		this.closed = true;
	}

	/** Shows what the search could not use under the search box ("": nothing). */
	setSearchMessage(text: string): void {
		this.searchHelp.setMessage(text);
	}

	focusSearch(): void {
		this.search.inputEl.focus();
	}

	/** Shows the state in the controls, and `summary` in the summary line. */
	sync(summary: string): void {
		const s = this.host.state();
		for (const [mode, b] of this.modeButtons) {
			b.toggleClass("is-active", mode === s.mode);
			b.setAttr("aria-pressed", mode === s.mode ? "true" : "false");
		}
		if (this.search.inputEl.value !== s.search) this.search.inputEl.value = s.search;
		this.syncOptions();
		this.recommended.checked = s.recommendedOnly;
		const fmt = this.dateFormat();
		for (const [el, value] of [
			[this.from, s.from],
			[this.to, s.to],
		] as const) {
			el.placeholder = fmt.pattern;
			const day = value !== undefined ? parseIsoDate(value) : null;
			const shown = day ? fmt.format(day) : "";
			// What is being typed stays until it is a date.
			if (el.value !== shown && !(el.isActiveElement() && this.readDate(el.value) === undefined)) el.value = shown;
		}
		this.groupBy.value = s.groupBy;
		this.deadLinks.checked = s.deadLinksOnly === true;
		const checked = Object.keys(this.host.curator.settings.linkHealth ?? {}).length > 0;
		// Problems, inbox links and stats have no category, source, tag or flag to filter by;
		// duplicates group by link; stats are of a series and dates; the inbox has no dates.
		const problems = s.mode === "problems" || s.mode === "inbox" || s.mode === "stats";
		for (const el of [this.category, this.source, this.tag, this.recommended.parentElement!]) el.toggleClass("is-hidden", problems);
		this.deadLinks.parentElement!.toggleClass("is-hidden", problems || (!checked && s.deadLinksOnly !== true));
		this.searchEl.toggleClass("is-hidden", s.mode === "stats");
		this.groupBy.toggleClass("is-hidden", problems || s.mode === "duplicates");
		this.from.parentElement?.parentElement?.toggleClass("is-hidden", s.mode === "inbox");
		const active = [s.series, s.category, s.source, s.tag, s.from, s.to].filter((v) => v !== undefined).length + (s.recommendedOnly ? 1 : 0) + (s.deadLinksOnly === true ? 1 : 0);
		setTextIfChanged(this.filtersSummary, active > 0 ? `Filters (${active})` : "Filters");
		setTextIfChanged(this.summary, summary);
	}

	/** The date format of the series filtered on, else of the first series; ISO without one. */
	private dateFormat(): DateFormat & { pattern: string } {
		const list = this.host.curator.live.index.seriesList;
		const series = list.find((x) => x.name === this.host.state().series) ?? list[0];
		const fmt = series ? dateFormat(series.dateFormat) : null;
		return fmt?.complete ? { ...fmt, pattern: series!.dateFormat } : { ...dateFormat("YYYY-MM-DD"), pattern: "YYYY-MM-DD" };
	}

	/** A typed date as the state's ISO day: null for an empty field, undefined when it is not a date. */
	private readDate(text: string): string | null | undefined {
		const t = text.trim();
		if (t === "") return null;
		const day = this.dateFormat().parse(t) ?? parseIsoDate(t);
		return day ? isoDate(day) : undefined;
	}

	private dateTyped(el: HTMLInputElement, field: "from" | "to", committed: boolean): void {
		if (this.closed) return;
		const value = this.readDate(el.value);
		if (value === undefined) {
			if (committed) {
				el.setAttr("aria-invalid", "true");
				el.title = `Write the date as ${this.dateFormat().pattern}.`;
			}
			return;
		}
		el.removeAttribute("aria-invalid");
		el.removeAttribute("title");
		if ((this.host.state()[field] ?? null) !== value) this.host.update({ [field]: value ?? undefined });
	}

	private syncOptions(): void {
		if (!this.filters.open) return;
		const s = this.host.state();
		const live = this.host.curator.live;
		const index = live.index;
		const options = live.isReady ? this.host.browseCache.options(index, s.series) : { series: [], categories: [], sources: [], tags: [] };
		if (options !== this.filterOptions || s.series !== this.filterOptionsSeries) {
			this.filterOptions = options;
			this.filterOptionsSeries = s.series;
			const seriesOptions = index.seriesList.length > 0 ? options.series : [];
			fillSelect(this.series, "All series", seriesOptions);
			fillSelect(this.category, "All categories", options.categories);
			fillSelect(this.source, "All sources", options.sources);
			fillSelect(this.tag, "All tags", options.tags.map((o) => ({ value: o.value, count: o.count, label: `#${o.value}` })));
			this.series.toggleClass("is-hidden", index.seriesList.length < 2 && s.series === undefined);
		}
		setSelect(this.series, s.series);
		setSelect(this.category, s.category);
		setSelect(this.source, s.source);
		setSelect(this.tag, s.tag);
	}
}

function fillSelect(el: HTMLSelectElement, allLabel: string, options: readonly (BrowserOption & { label?: string })[]): void {
	el.empty();
	el.createEl("option", { text: allLabel, value: "" });
	for (const o of options) el.createEl("option", { text: `${o.label ?? o.value} (${o.count.toLocaleString()})`, value: o.value });
}

/** Selects `value`, adding it (with no entries) when the lists no longer hold it, so that the filter shows. */
function setSelect(el: HTMLSelectElement, value: string | undefined): void {
	const v = value ?? "";
	if (v !== "" && !Array.from(el.options).some((o) => o.value === v)) el.createEl("option", { text: `${v} (0)`, value: v });
	el.value = v;
}
