import type { App } from "obsidian";
import type { EmptyState } from "../../core/browse/empty-state";
import type { SeriesOffer } from "../settings/first-run";

export interface EmptyStateActions {
	app: App;
	pluginId: string;
	clearFilters: () => void;
	useSeries: (offer: SeriesOffer) => void;
}

interface SettingsApi {
	open(): void;
	openTabById(id: string): void;
}

/** Opens the plugin's settings tab (app.setting is Obsidian's, not in its public types). */
export function openPluginSettings(app: App, pluginId: string): void {
	const setting = (app as unknown as { setting?: SettingsApi }).setting;
	setting?.open();
	setting?.openTabById(pluginId);
}

/** Draws why the list is empty, and the buttons that help: clear filters, use a found series, open settings. */
export function renderEmptyState(el: HTMLElement, state: EmptyState | { kind: "indexing"; text: string }, offers: readonly SeriesOffer[], actions: EmptyStateActions): void {
	el.empty();
	el.createDiv({ cls: "digest-browser-empty-text", text: state.text });
	const buttons = el.createDiv({ cls: "digest-browser-empty-actions" });
	if (state.kind === "filtered") {
		buttons.createEl("button", { text: "Clear filters" }).addEventListener("click", () => actions.clearFilters());
		return;
	}
	if (state.kind !== "no-series" && state.kind !== "no-digests" && state.kind !== "wrong-level") return;
	for (const offer of offers) {
		const box = el.createDiv({ cls: "digest-browser-offer" });
		box.createDiv({ cls: "digest-browser-offer-summary", text: offer.summary });
		const list = box.createEl("ul", { cls: "digest-browser-offer-details" });
		for (const d of offer.details) list.createEl("li", { text: d });
		box.createEl("button", { cls: "mod-cta", text: offers.length > 1 ? `Use ${offer.series.name}` : "Use this series" }).addEventListener("click", () => actions.useSeries(offer));
	}
	buttons.createEl("button", { text: offers.length > 0 ? "Review in settings" : "Open settings" }).addEventListener("click", () => openPluginSettings(actions.app, actions.pluginId));
}
