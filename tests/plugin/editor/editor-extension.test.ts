import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { editorInfoField, type App, type MarkdownFileInfo, type Plugin } from "obsidian";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as scan from "../../../src/core/format/markdown-scan";
import { completeSeries } from "../../../src/core/format/series";
import { digestEditorExtension, explainMarkAt, MALFORMED_CLASS, NUMBERING_CLASS, RECOMMENDED_CLASS, SHARED_MARK_CLASS } from "../../../src/plugin/editor/editor-extension";
import type { DigestCuratorHost } from "../../../src/plugin/host";
import { LiveIndex } from "../../../src/plugin/live-index/live-index";
import { DEFAULT_SETTINGS, type DigestCuratorSettings } from "../../../src/plugin/settings/settings";

// A spy that still reads links, to tell how many lines the extension read: it reads the link of every entry line it reads.
vi.mock("../../../src/core/format/markdown-scan", async (importOriginal) => {
	const actual = await importOriginal<typeof import("../../../src/core/format/markdown-scan")>();
	return { ...actual, parseInlineLink: vi.fn(actual.parseInlineLink) };
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

const parseInlineLink = vi.mocked(scan.parseInlineLink);

/** A digest of `count` entries under one category, each with a line of commentary; the last one shares OTHER's fleet link. */
function longDigest(count: number): string {
	const lines = ["---", 'title: "Weekly Links: 22-09-2025 to 28-09-2025"', "tags: [weeklylinks]", "---", "# Kubernetes", ""];
	for (let n = 1; n <= count; n++) {
		const url = n === count ? "https://cncf.io/blog/fleet" : `https://example.com/posts/${n}`;
		lines.push(`[${n}. Blog - Post number ${n}](${url})${n % 5 === 0 ? " 🌟 **(Recommended)**" : ""}`, "", `- What post ${n} says.`, "");
	}
	return lines.join("\n");
}
const LONG_PATH = "Digests/Weekly Links 22-09-2025 to 28-09-2025.md";

/** Indexes a long digest and opens it. */
function openLong(host: DigestCuratorHost, count: number): EditorView {
	const doc = longDigest(count);
	host.live.index.setNote(LONG_PATH, doc);
	return open(host, LONG_PATH, doc);
}

/** Resolves after the next animation frame (and the frames asked for before it). */
function nextFrame(): Promise<void> {
	return new Promise((resolve) => window.requestAnimationFrame(() => resolve()));
}

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
	parseInlineLink.mockClear();
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

	it("marks the whole number out of sequence, its dot too, with the check's message", () => {
		const view = open(makeHost(), NOTE_PATH);
		const marks = all(view, `.${NUMBERING_CLASS}`);
		expect(marks).toHaveLength(1);
		expect(marks[0]!.textContent).toBe("3.");
		// The mark wraps the note's own text: an aria-label on a plain span is not read out, and a role
		// would hide the digits; the status bar item and Explain mark at cursor say it in words.
		expect(marks[0]!.hasAttribute("aria-label")).toBe(false);
		expect(marks[0]!.hasAttribute("role")).toBe(false);
		expect(marks[0]!.getAttribute("title")).toBe('Entry number 3 in "Kubernetes" skips number 2.');
	});

	it("explains the marks of a line in words, for the command, and gives the shared mark a name", () => {
		const view = open(makeHost(), NOTE_PATH);
		const lines = view.state.doc.toString().split("\n");
		const numbered = lines.findIndex((l) => l.startsWith("[3. CNCF")) + 1;
		expect(explainMarkAt(NOTE_PATH, numbered)).toContain('Entry number 3 in "Kubernetes" skips number 2.');
		expect(explainMarkAt(NOTE_PATH, 1)).toEqual([]);
		expect(explainMarkAt("Elsewhere.md", numbered)).toEqual([]);
		const shared = all(view, `.${SHARED_MARK_CLASS}`)[0]!;
		expect(shared.getAttribute("role")).toBe("img");
		expect(shared.getAttribute("aria-label")).toMatch(/^Also in /);
		view.destroy();
		views.splice(views.indexOf(view), 1);
		// A closed editor explains nothing.
		expect(explainMarkAt(NOTE_PATH, numbered)).toEqual([]);
	});

	it("says in the status bar what the marks of the cursor's line mean, and nothing elsewhere", () => {
		const host = makeHost();
		const status = createDiv();
		const info = { file: { path: NOTE_PATH } } as unknown as MarkdownFileInfo;
		const state = EditorState.create({ doc: NOTE, extensions: [editorInfoField.init(() => info), digestEditorExtension(host, status)] });
		const view = new EditorView({ state, parent: document.body });
		views.push(view);
		const at = view.state.doc.toString().indexOf("[3. CNCF");
		view.dispatch({ selection: { anchor: at + 2 } });
		expect(status.textContent).toMatch(/^Entry number 3 in "Kubernetes" skips number 2\./);
		expect(status.style.display).not.toBe("none");
		view.dispatch({ selection: { anchor: 0 } });
		expect(status.textContent).toBe("");
		expect(status.style.display).toBe("none");
		view.dispatch({ selection: { anchor: at + 2 } });
		view.destroy();
		views.splice(views.indexOf(view), 1);
		expect(status.textContent).toBe("");
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

	it("reads nothing again on a selection change, and only the line typed in on a keystroke", () => {
		const host = makeHost();
		const view = openLong(host, 200);
		parseInlineLink.mockClear();
		view.dispatch({ selection: { anchor: 3 } });
		expect(parseInlineLink).not.toHaveBeenCalled();
		// In a commentary line: no entry line is read again.
		type(view, "What post 150 says", "What post 150 says, and more");
		expect(parseInlineLink).not.toHaveBeenCalled();
		// In an entry line: that line alone.
		type(view, "Post number 150]", "Post number one hundred and fifty]");
		expect(parseInlineLink).toHaveBeenCalledTimes(1);
	});

	it("re-reads the category's numbering when a number is typed: the entries after it are marked too", () => {
		const view = openLong(makeHost(), 200);
		expect(all(view, `.${NUMBERING_CLASS}`)).toHaveLength(0);
		type(view, "[1. Blog - Post number 1]", "[3. Blog - Post number 1]");
		const titles = all(view, `.${NUMBERING_CLASS}`).map((m) => [m.textContent, m.getAttribute("title")]);
		expect(titles).toEqual([
			["3.", 'Entry number 3 in "Kubernetes" skips numbers 1 to 2.'],
			["2.", 'Entry number 2 in "Kubernetes" is out of order; expected 4.'],
			["3.", 'Entry number 3 in "Kubernetes" repeats an earlier number; expected 4.'],
		]);
		type(view, "[3. Blog - Post number 1]", "[1. Blog - Post number 1]");
		expect(all(view, `.${NUMBERING_CLASS}`)).toHaveLength(0);
	});

	it("looks links up in the index only for the entries in view, and marks the others once scrolled to", async () => {
		const host = makeHost();
		const findUrl = vi.spyOn(host.live.index, "findUrl");
		const view = openLong(host, 400);
		const doc = view.state.doc.toString();
		expect(findUrl.mock.calls.length).toBeGreaterThan(0);
		expect(findUrl.mock.calls.length).toBeLessThan(100);
		expect(all(view, `.${SHARED_MARK_CLASS}`)).toHaveLength(0);

		view.dispatch({ selection: { anchor: doc.length }, scrollIntoView: true });
		await vi.waitFor(async () => {
			await nextFrame();
			const marks = all(view, `.${SHARED_MARK_CLASS}`);
			expect(marks).toHaveLength(1);
			expect(marks[0]!.getAttribute("title")).toBe('Also in "Weekly Links: 01-09-2025 to 14-09-2025", Kubernetes #2; "Weekly Links: 15-09-2025 to 21-09-2025", Kubernetes #3');
		});
		expect(findUrl.mock.calls.length).toBeLessThan(200);
	});
	it("marks a link written twice in the same note", () => {
		const view = open(makeHost(), NOTE_PATH);
		type(view, "# Data\n", "# Data\n[2. Again - Multi-cluster](https://medium.com/x/multi-cluster/)\n");
		const labels = all(view, `.${SHARED_MARK_CLASS}`).map((m) => m.getAttribute("title"));
		expect(labels).toEqual(["Also in this digest, Data #2", 'Also in "Weekly Links: 01-09-2025 to 14-09-2025", Kubernetes #2', "Also in this digest, Kubernetes #1"]);
	});

	it("follows the index: the mark goes when the other digest leaves it, and comes back", async () => {
		const host = makeHost();
		const view = open(host, NOTE_PATH);
		expect(all(view, `.${SHARED_MARK_CLASS}`)).toHaveLength(1);
		parseInlineLink.mockClear();

		host.live.index.removeNote(OTHER_PATH);
		host.live.trigger("changed");
		await nextFrame();
		expect(all(view, `.${SHARED_MARK_CLASS}`)).toHaveLength(0);

		host.live.index.setNote(OTHER_PATH, OTHER);
		const calls = parseInlineLink.mock.calls.length; // the index read OTHER
		host.live.trigger("changed");
		await nextFrame();
		expect(all(view, `.${SHARED_MARK_CLASS}`)).toHaveLength(1);
		// Only the index changed: the note was not read again.
		expect(parseInlineLink).toHaveBeenCalledTimes(calls);
	});

	it("refreshes once a frame after index changes, and only editors that show a digest", async () => {
		const host = makeHost();
		const digest = open(host, NOTE_PATH);
		const plain = open(host, "Notes/plain.md", NOTE);
		const digestDispatch = vi.spyOn(digest, "dispatch");
		const plainDispatch = vi.spyOn(plain, "dispatch");
		for (let i = 0; i < 5; i++) host.live.trigger("changed");
		await nextFrame();
		expect(digestDispatch).toHaveBeenCalledTimes(1);
		expect(plainDispatch).not.toHaveBeenCalled();
	});

	it("starts marking a note once the index holds it as a digest", async () => {
		const host = makeHost();
		const path = "Digests/Weekly Links 29-09-2025 to 05-10-2025.md";
		const view = open(host, path);
		expect(all(view, `.cm-line.${RECOMMENDED_CLASS}`)).toHaveLength(0);
		host.live.index.setNote(path, NOTE);
		host.live.trigger("changed");
		await nextFrame();
		expect(all(view, `.cm-line.${RECOMMENDED_CLASS}`)).toHaveLength(1);
	});

	it("stops marking a note the index no longer holds as a digest", async () => {
		const host = makeHost();
		const view = open(host, NOTE_PATH);
		host.live.index.removeNote(NOTE_PATH);
		host.live.trigger("changed");
		await nextFrame();
		expect(all(view, `.${RECOMMENDED_CLASS}, .${SHARED_MARK_CLASS}, .${NUMBERING_CLASS}`)).toHaveLength(0);
	});
});

describe("editor marks elsewhere", () => {
	it("does no work on a note that is not a digest", () => {
		const host = makeHost();
		parseInlineLink.mockClear();
		const view = open(host, "Notes/plain.md", NOTE);
		type(view, "[3. CNCF", "[4. CNCF");
		expect(parseInlineLink).not.toHaveBeenCalled();
		expect(all(view, `.${RECOMMENDED_CLASS}, .${SHARED_MARK_CLASS}, .${NUMBERING_CLASS}, .${MALFORMED_CLASS}`)).toHaveLength(0);
	});

	it("does no work in an editor without a file", () => {
		const host = makeHost();
		parseInlineLink.mockClear();
		const view = open(host, null);
		expect(parseInlineLink).not.toHaveBeenCalled();
		expect(all(view, `.${RECOMMENDED_CLASS}`)).toHaveLength(0);
	});

	it("marks nothing when the setting is off, and follows the setting on the next update", () => {
		const host = makeHost({ editorMarks: false });
		parseInlineLink.mockClear();
		const view = open(host, NOTE_PATH);
		expect(parseInlineLink).not.toHaveBeenCalled();
		expect(all(view, `.${RECOMMENDED_CLASS}, .${SHARED_MARK_CLASS}, .${NUMBERING_CLASS}`)).toHaveLength(0);

		// workspace.updateOptions() dispatches a reconfiguring transaction; an empty one stands in for it.
		host.settings.editorMarks = true;
		view.dispatch({});
		expect(all(view, `.${RECOMMENDED_CLASS}`)).toHaveLength(1);

		host.settings.editorMarks = false;
		view.dispatch({});
		expect(all(view, `.${RECOMMENDED_CLASS}, .${SHARED_MARK_CLASS}, .${NUMBERING_CLASS}`)).toHaveLength(0);
	});

	it("removes its index listener when the editor is destroyed, and drops a refresh it had asked for", async () => {
		const host = makeHost();
		const on = vi.spyOn(host.live, "on");
		const offref = vi.spyOn(host.live, "offref");
		const view = open(host, NOTE_PATH);
		expect(on).toHaveBeenCalledTimes(1);
		const ref = on.mock.results[0]!.value as unknown;
		const dispatch = vi.spyOn(view, "dispatch");

		host.live.trigger("changed");
		view.destroy();
		expect(offref).toHaveBeenCalledWith(ref);
		host.live.trigger("changed");
		await nextFrame();
		expect(dispatch).not.toHaveBeenCalled();
	});
});
