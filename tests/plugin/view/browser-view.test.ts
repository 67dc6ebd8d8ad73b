// The view itself: what it lists on opening, its state through the workspace, following the open note, closing; registering and opening it.
import type { Command } from "obsidian";
import { describe, expect, it, vi } from "vitest";
import { activateBrowserView, registerDigestBrowser, VIEW_TYPE_DIGEST_BROWSER } from "../../../src/plugin/view/browser-view";
import { makeTestHost } from "../support/host";
import { click, emptyButtons, emptyEl, emptyText, FILES, list, modeButton, OLD_PATH, openFilters, openView, outline, searchInput, SERIES, summary, useViewSpies } from "../support/digest-browser";

useViewSpies();

describe("the digest browser view", () => {
	it("names itself and lists every entry under its category with counts, newest digest first", async () => {
		const h = await openView();
		expect(h.view.getViewType()).toBe(VIEW_TYPE_DIGEST_BROWSER);
		expect(h.view.getDisplayText()).toBe("Digest browser");
		expect(h.view.getIcon()).toBe("library");
		expect(outline(h)).toEqual([
			"## Kubernetes (4)",
			"Operators from scratch",
			"Click me",
			"Multi-cluster setup in ten minutes",
			"Two approaches to fleet management",
			"## Career (3)",
			"Interview stories",
			"Fleet management, again",
			"Open my note",
			"## Data Engineer (1)",
			"A five-minute lakehouse",
		]);
		expect(summary(h)).toBe("8 entries");
		expect(emptyEl(h).hasClass("is-hidden")).toBe(true);
		expect(list(h).getAttribute("role")).toBe("treegrid");
	});

	it("lists the entries that mention the open note, following file-open", async () => {
		const h = await openView();
		click(modeButton(h, "Mentions"));
		expect(modeButton(h, "Mentions").getAttribute("aria-pressed")).toBe("true");
		expect(emptyText(h)).toBe("Open a note to list the entries whose commentary mentions it.");
		h.app.workspace.trigger("file-open", h.app.vault.getFileByPath("Cluster notes.md"));
		expect(outline(h)).toEqual(["## Career (1)", "Interview stories", "## Kubernetes (1)", "Multi-cluster setup in ten minutes"]);
		expect(summary(h)).toBe("2 entries mention Cluster notes");
		// Opening a digest (to an entry, say) keeps the note.
		h.app.workspace.trigger("file-open", h.app.vault.getFileByPath(OLD_PATH));
		expect(outline(h)).toHaveLength(4);
		h.app.workspace.trigger("file-open", h.app.vault.getFileByPath("Notes/Lonely.md"));
		expect(emptyText(h)).toBe("No entry's commentary mentions Lonely.");
		// Other modes do not care which note is open.
		click(modeButton(h, "All"));
		expect(outline(h)).toHaveLength(11);
	});

	it("round-trips its state through getState and setState, ignoring what it does not know", async () => {
		const h = await openView();
		await h.view.setState({ mode: "all", search: "fleet", groupBy: "none", category: "Career", collapsed: ["x"], expanded: [3], bogus: 1 }, { history: false });
		expect(outline(h)).toEqual(["Fleet management, again"]);
		expect(searchInput(h).value).toBe("fleet");
		const saved = h.view.getState();
		expect(saved).toEqual({ mode: "all", search: "fleet", groupBy: "none", category: "Career", recommendedOnly: false, collapsed: ["x"], expanded: [] });

		const other = await openView();
		openFilters(other);
		await other.view.setState(JSON.parse(JSON.stringify(saved)), { history: false });
		expect(other.view.getState()).toEqual(saved);
		expect(outline(other)).toEqual(["Fleet management, again"]);
		expect(other.view.contentEl.querySelector<HTMLSelectElement>('select[aria-label="Category"]')!.value).toBe("Career");
		await other.view.setState({ groupBy: 7, mode: "everything" }, { history: false });
		expect(other.view.getState()).toEqual(saved);
	});

	it("says when it is indexing, and when there are no digests", async () => {
		const h = await openView(FILES, { build: false });
		expect(emptyText(h)).toBe("Indexing…");
		await h.live.rebuild();
		expect(outline(h)).toHaveLength(11);
		const none = await openView({ "Notes/a.md": "# A\n" });
		expect(emptyText(none)).toBe("No note matches the series Weekly links (tagged #weeklylinks). Check the tag and the folder in settings.");
		expect(emptyButtons(none)).toEqual(["Open settings"]);
	});

	it("tears its rows down on close", async () => {
		const h = await openView();
		await h.view.onClose();
		expect(h.view.contentEl.childElementCount).toBe(0);
		h.live.trigger("changed");
		expect(h.view.contentEl.childElementCount).toBe(0);
	});
});

describe("registering and opening the view", () => {
	it("registers the view, its hover-link source and its command, and reuses the leaf it opened", async () => {
		const t = await makeTestHost(FILES, [SERIES]);
		registerDigestBrowser(t.host);
		const internals = t.plugin as unknown as { views__: Map<string, unknown>; hoverLinkSources__: Map<string, unknown>; commands__: Map<string, Command> };
		expect(internals.views__.has(VIEW_TYPE_DIGEST_BROWSER)).toBe(true);
		expect(internals.hoverLinkSources__.get(VIEW_TYPE_DIGEST_BROWSER)).toEqual({ display: "Digest browser", defaultMod: true });
		const command = internals.commands__.get("open-digest-browser")!;
		expect(command.name).toBe("Open digest browser");

		const reveal = vi.spyOn(t.app.workspace, "revealLeaf");
		command.callback!();
		await vi.waitFor(() => expect(reveal).toHaveBeenCalledTimes(1));
		const leaves = t.app.workspace.getLeavesOfType(VIEW_TYPE_DIGEST_BROWSER);
		expect(leaves).toHaveLength(1);
		expect(leaves[0]!.getViewState()).toMatchObject({ type: VIEW_TYPE_DIGEST_BROWSER, active: true });
		await activateBrowserView(t.host);
		expect(t.app.workspace.getLeavesOfType(VIEW_TYPE_DIGEST_BROWSER)).toHaveLength(1);
		expect(reveal).toHaveBeenCalledTimes(2);
		expect(reveal.mock.calls[1]![0]).toBe(leaves[0]);
	});
});
