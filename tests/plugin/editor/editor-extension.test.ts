import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { editorInfoField, type App, type MarkdownFileInfo, type Plugin } from "obsidian";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as parser from "../../../src/core/format/parser";
import { completeSeries } from "../../../src/core/format/series";
import { digestEditorExtension, MALFORMED_CLASS, NUMBERING_CLASS, RECOMMENDED_CLASS, SHARED_MARK_CLASS } from "../../../src/plugin/editor/editor-extension";
import type { DigestCuratorHost } from "../../../src/plugin/host";
import { LiveIndex } from "../../../src/plugin/live-index/live-index";
import { DEFAULT_SETTINGS, type DigestCuratorSettings } from "../../../src/plugin/settings/settings";

// A spy that still parses, to tell whether the extension parsed at all.
vi.mock("../../../src/core/format/parser", async (importOriginal) => {
	const actual = await importOriginal<typeof import("../../../src/core/format/parser")>();
	return { ...actual, parseDigest: vi.fn(actual.parseDigest) };
});

const SERIES = completeSeries({ name: "Weekly", tag: "weeklylinks" });

const OTHER_PATH = "Digests/Weekly Links 01-09-2025 to 14-09-2025.md";
const OTHER = [
	"---",
	'title: "Weekly Links: 01-09-2025 to 14-09-2025"',
	"tags: [weeklylinks]",
	"---",
	"# Kubernetes",
	"[1. Blog - Something else](https://example.org/else)",
	"",
	"[2. CNCF - Fleet management](https://cncf.io/blog/fleet/)",
	"",
].join("\n");

const NOTE_PATH = "Digests/Weekly Links 15-09-2025 to 21-09-2025.md";
const NOTE = [
	"---",
	'title: "Weekly Links: 15-09-2025 to 21-09-2025"',
	"tags: [weeklylinks]",
	"---",
	"# Kubernetes",
	"[1. Medium - Multi-cluster setup](https://medium.com/x/multi-cluster) 🌟 **(Recommended)**",
	"",
	"- Commentary about it.",
	"",
	"[3. CNCF - Fleet management, again](https://www.cncf.io/blog/fleet?utm_source=feed) #fleet",
	"# Data",
	"[1. Blog - Lakehouse](https://example.com/lakehouse)",
	"",
].join("\n");

const parseDigest = vi.mocked(parser.parseDigest);

function makeHost(settings: Partial<DigestCuratorSettings> = {}): DigestCuratorHost & { settings: DigestCuratorSettings } {
	const live = new LiveIndex({} as unknown as App, [SERIES], null);
	live.index.setNote(OTHER_PATH, OTHER);
	live.index.setNote(NOTE_PATH, NOTE);
	live.index.setNote("Notes/plain.md", "# Kubernetes\n[3. X - Y](https://cncf.io/blog/fleet)\n");
	return {
		app: {} as unknown as App,
		plugin: {} as unknown as Plugin,
		settings: { ...DEFAULT_SETTINGS, ...settings },
		live,
		saveSettings: () => Promise.resolve(),
		settingsChanged: () => Promise.resolve(),
	};
}

const views: EditorView[] = [];

function open(host: DigestCuratorHost, path: string | null, doc = NOTE): EditorView {
	const info = { file: path === null ? null : { path } } as unknown as MarkdownFileInfo;
	const state = EditorState.create({ doc, extensions: [editorInfoField.init(() => info), digestEditorExtension(host)] });
	const view = new EditorView({ state, parent: document.body });
	views.push(view);
	return view;
}

function all(view: EditorView, selector: string): HTMLElement[] {
	return [...view.contentDOM.querySelectorAll<HTMLElement>(selector)];
}

/** Replaces the first occurrence of `from` in the document, as typing would. */
function type(view: EditorView, from: string, to: string): void {
	const at = view.state.doc.toString().indexOf(from);
	expect(at).toBeGreaterThanOrEqual(0);
	view.dispatch({ changes: { from: at, to: at + from.length, insert: to } });
}

// A block body: a function returned from beforeEach would run as a cleanup hook.
beforeEach(() => {
	parseDigest.mockClear();
});

afterEach(() => {
	for (const v of views.splice(0)) v.destroy();
});

describe("editor marks on a digest note", () => {
	it("marks recommended entry lines", () => {
		const view = open(makeHost(), NOTE_PATH);
		const lines = all(view, `.cm-line.${RECOMMENDED_CLASS}`);
		expect(lines).toHaveLength(1);
		expect(lines[0]!.textContent).toContain("Multi-cluster setup");
	});

	it("marks an entry whose link another digest shared, naming that digest and entry", () => {
		const view = open(makeHost(), NOTE_PATH);
		const marks = all(view, `.${SHARED_MARK_CLASS}`);
		expect(marks).toHaveLength(1);
		const label = 'Also in "Weekly Links: 01-09-2025 to 14-09-2025", Kubernetes #2';
		expect(marks[0]!.getAttribute("title")).toBe(label);
		expect(marks[0]!.getAttribute("aria-label")).toBe(label);
		// Right after the link, before the entry's tags.
		const line = marks[0]!.closest(".cm-line")!;
		expect(line.textContent).toBe("[3. CNCF - Fleet management, again](https://www.cncf.io/blog/fleet?utm_source=feed)↺ #fleet");
	});

	it("marks the digits of a number out of sequence with the check's message", () => {
		const view = open(makeHost(), NOTE_PATH);
		const marks = all(view, `.${NUMBERING_CLASS}`);
		expect(marks).toHaveLength(1);
		expect(marks[0]!.textContent).toBe("3");
		expect(marks[0]!.getAttribute("title")).toBe('Entry number 3 in "Kubernetes" skips number 2.');
	});

	it("updates while typing: a fixed number loses its mark, a broken entry gets one", () => {
		const view = open(makeHost(), NOTE_PATH);
		type(view, "[3. CNCF", "[2. CNCF");
		expect(all(view, `.${NUMBERING_CLASS}`)).toHaveLength(0);
		expect(all(view, `.cm-line.${MALFORMED_CLASS}`)).toHaveLength(0);

		type(view, "lakehouse)", "lakehouse");
		const broken = all(view, `.cm-line.${MALFORMED_CLASS}`);
		expect(broken).toHaveLength(1);
		expect(broken[0]!.textContent).toBe("[1. Blog - Lakehouse](https://example.com/lakehouse");
		expect(broken[0]!.getAttribute("title")).toContain("is not a complete link");
		// The other marks stay.
		expect(all(view, `.cm-line.${RECOMMENDED_CLASS}`)).toHaveLength(1);
		expect(all(view, `.${SHARED_MARK_CLASS}`)).toHaveLength(1);
	});

	it("parses once per document change, not on other updates", () => {
		const view = open(makeHost(), NOTE_PATH);
		expect(parseDigest).toHaveBeenCalledTimes(1);
		view.dispatch({ selection: { anchor: 3 } });
		expect(parseDigest).toHaveBeenCalledTimes(1);
		type(view, "Commentary", "Notes");
		expect(parseDigest).toHaveBeenCalledTimes(2);
	});

	it("marks a link written twice in the same note", () => {
		const view = open(makeHost(), NOTE_PATH);
		type(view, "# Data\n", "# Data\n[2. Again - Multi-cluster](https://medium.com/x/multi-cluster/)\n");
		const labels = all(view, `.${SHARED_MARK_CLASS}`).map((m) => m.getAttribute("title"));
		expect(labels).toEqual(["Also in this digest, Data #2", 'Also in "Weekly Links: 01-09-2025 to 14-09-2025", Kubernetes #2', "Also in this digest, Kubernetes #1"]);
	});

	it("follows the index: the mark goes when the other digest leaves it, and comes back", () => {
		const host = makeHost();
		const view = open(host, NOTE_PATH);
		expect(all(view, `.${SHARED_MARK_CLASS}`)).toHaveLength(1);

		host.live.index.removeNote(OTHER_PATH);
		host.live.trigger("changed");
		expect(all(view, `.${SHARED_MARK_CLASS}`)).toHaveLength(0);

		host.live.index.setNote(OTHER_PATH, OTHER);
		host.live.trigger("changed");
		expect(all(view, `.${SHARED_MARK_CLASS}`)).toHaveLength(1);
		// Only the index changed: the note was not parsed again.
		expect(parseDigest).toHaveBeenCalledTimes(1);
	});

	it("stops marking a note the index no longer holds as a digest", () => {
		const host = makeHost();
		const view = open(host, NOTE_PATH);
		host.live.index.removeNote(NOTE_PATH);
		host.live.trigger("changed");
		expect(all(view, `.${RECOMMENDED_CLASS}, .${SHARED_MARK_CLASS}, .${NUMBERING_CLASS}`)).toHaveLength(0);
	});
});

describe("editor marks elsewhere", () => {
	it("does no work on a note that is not a digest", () => {
		const view = open(makeHost(), "Notes/plain.md", NOTE);
		type(view, "[3. CNCF", "[4. CNCF");
		expect(parseDigest).not.toHaveBeenCalled();
		expect(all(view, `.${RECOMMENDED_CLASS}, .${SHARED_MARK_CLASS}, .${NUMBERING_CLASS}, .${MALFORMED_CLASS}`)).toHaveLength(0);
	});

	it("does no work in an editor without a file", () => {
		const view = open(makeHost(), null);
		expect(parseDigest).not.toHaveBeenCalled();
		expect(all(view, `.${RECOMMENDED_CLASS}`)).toHaveLength(0);
	});

	it("marks nothing when the setting is off, and follows the setting on the next update", () => {
		const host = makeHost({ editorMarks: false });
		const view = open(host, NOTE_PATH);
		expect(parseDigest).not.toHaveBeenCalled();
		expect(all(view, `.${RECOMMENDED_CLASS}, .${SHARED_MARK_CLASS}, .${NUMBERING_CLASS}`)).toHaveLength(0);

		// workspace.updateOptions() dispatches a reconfiguring transaction; an empty one stands in for it.
		host.settings.editorMarks = true;
		view.dispatch({});
		expect(all(view, `.${RECOMMENDED_CLASS}`)).toHaveLength(1);

		host.settings.editorMarks = false;
		view.dispatch({});
		expect(all(view, `.${RECOMMENDED_CLASS}, .${SHARED_MARK_CLASS}, .${NUMBERING_CLASS}`)).toHaveLength(0);
	});

	it("removes its index listener when the editor is destroyed", () => {
		const host = makeHost();
		const on = vi.spyOn(host.live, "on");
		const offref = vi.spyOn(host.live, "offref");
		const view = open(host, NOTE_PATH);
		expect(on).toHaveBeenCalledTimes(1);
		const ref = on.mock.results[0]!.value as unknown;
		const dispatch = vi.spyOn(view, "dispatch");

		view.destroy();
		expect(offref).toHaveBeenCalledWith(ref);
		host.live.trigger("changed");
		expect(dispatch).not.toHaveBeenCalled();
	});
});
