import { Notice } from "obsidian";
import { suggestCollectionTargets, type CollectionTarget } from "../../core/capture/suggest";
import { isWebUrl } from "../../core/links/url-normalize";
import type { DigestCuratorHost } from "../host";
import { choose } from "../modals/choice-modal";
import { openCaptureForm } from "./capture-actions";

/** How a collection note and heading is offered: where, and why it is first. */
function targetLabel(t: CollectionTarget): string {
	const where = t.category !== "" ? `${t.path} › ${t.category}` : t.path;
	return t.count > 0 ? `${where} (${t.count} of ${t.of} links from this site)` : where;
}

/**
 * Add to collection: picks a collection note and heading (those where links from the selected
 * link's site went before come first), then opens the insert form on that note with the heading
 * as the category. The entry is written by the same edit layer as a digest's.
 */
export async function addToCollection(host: DigestCuratorHost): Promise<void> {
	await host.live.whenReady();
	const selected = host.app.workspace.activeEditor?.editor?.getSelection().trim() ?? "";
	const url = selected !== "" && isWebUrl(selected) ? selected : "";
	const targets = suggestCollectionTargets(host.live.index, url);
	if (targets.length === 0) {
		new Notice("No collection has a note yet: add a note to a collection's folder (a series set as a collection in the settings) first.", 8000);
		return;
	}
	const pick = await choose(host.app, targets, targetLabel, "Which collection note and heading?");
	if (!pick) return;
	openCaptureForm(host, url, pick.path, { category: pick.category !== "" ? pick.category : null });
}

/** The Add to collection command, offered while some series is a collection. */
export function registerCollectionCommands(host: DigestCuratorHost): void {
	host.plugin.addCommand({
		id: "add-to-collection",
		name: "Add to collection",
		checkCallback: (checking) => {
			if (!host.live.index.seriesList.some((s) => s.collection === true)) return false;
			if (!checking) void addToCollection(host);
			return true;
		},
	});
}
