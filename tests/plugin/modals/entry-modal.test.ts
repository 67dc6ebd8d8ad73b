import type { Scope } from "obsidian";
import { App, ButtonComponent, DropdownComponent, Plugin, ToggleComponent } from "obsidian-test-mocks/obsidian";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { DEFAULT_SERIES, completeSeries } from "../../../src/core/format/series";
import type { Series } from "../../../src/core/format/types";
import { openAtLine } from "../../../src/plugin/commands/digest-actions";
import { entryFromForm, InsertEntryModal, validateEntryForm, type EntryForm, type SubmitEntry } from "../../../src/plugin/modals/entry-modal";
import { rankValues, splitLastPart, ValueSuggest } from "../../../src/plugin/modals/entry-suggest";
import type { DigestCuratorHost } from "../../../src/plugin/host";
import { LiveIndex } from "../../../src/plugin/live-index/live-index";
import { DEFAULT_SETTINGS, type DigestCuratorSettings } from "../../../src/plugin/settings/settings";
import { fetchPageMeta } from "../../../src/plugin/modals/title-fetch";
import { digestNote } from "../support/host";

vi.mock("../../../src/plugin/modals/title-fetch", () => ({ fetchPageMeta: vi.fn() }));
vi.mock("../../../src/plugin/commands/digest-actions", async (importOriginal) => ({
	...(await importOriginal<typeof import("../../../src/plugin/commands/digest-actions")>()),
	openAtLine: vi.fn(() => Promise.resolve()),
}));

// Every ValueSuggest the modal makes, to ask it for suggestions as the popover would.
const suggests = vi.hoisted(() => [] as unknown[]);
vi.mock("../../../src/plugin/modals/entry-suggest", async (importOriginal) => {
	const actual = await importOriginal<typeof import("../../../src/plugin/modals/entry-suggest")>();
	class RecordingSuggest extends actual.ValueSuggest {
		constructor(...args: ConstructorParameters<typeof actual.ValueSuggest>) {
			super(...args);
			suggests.push(this);
		}
	}
	return { ...actual, ValueSuggest: RecordingSuggest };
});

const SERIES = completeSeries({ ...DEFAULT_SERIES, name: "Weekly links", tag: "weeklylinks", categories: ["Kubernetes", "Security", "Data Engineer"] });


const OLD_PATH = "Digests/2025/Weekly Links 01-09-2025 to 07-09-2025.md";
const OLD_TITLE = "Weekly Links: 01-09-2025 to 07-09-2025";
const NEW_PATH = "Digests/2025/Weekly Links 08-09-2025 to 14-09-2025.md";
const NEW_TITLE = "Weekly Links: 08-09-2025 to 14-09-2025";

const UNDATED_PATH = "Digests/Reading list.md";

const FILES: Record<string, string> = {
	[OLD_PATH]: digestNote(OLD_TITLE, [
		"# Kubernetes", // line 7
		"",
		"[1. Medium - Multi-cluster setup in ten minutes](https://medium.com/x/multi-cluster) #kubernetes",
		"",
		"- Short and practical.",
		"",
		"[2. CNCF - Two approaches to fleet management](https://www.cncf.io/blog/fleet) 🌟 **(Recommended)** #multicluster #kubernetes", // line 13
		"",
		"# Data Engineer", // line 15
		"",
		"[1. Blog - A five-minute lakehouse](https://example.com/lakehouse) #storage",
	]),
	[NEW_PATH]: digestNote(NEW_TITLE, [
		"# Kubernetes",
		"",
		"[1. Medium - Operators from scratch](https://medium.com/y/operators) #kubernetes",
		"",
		"# Career",
		"",
		"[1. Medium - Interview stories](https://medium.com/z/interviews)",
	]),
	// No period in its title: listed after the dated digests.
	[UNDATED_PATH]: digestNote("Reading list", ["# Security", ""]),
	"Notes/Not a digest.md": "# Kubernetes\n\n[1. Elsewhere - Not indexed](https://elsewhere.example/x)\n",
};

class TestPlugin extends Plugin {}

interface Harness {
	host: DigestCuratorHost;
	modal: InsertEntryModal;
	onSubmit: MockInstance<SubmitEntry>;
	close: MockInstance<() => void>;
	register: MockInstance<Scope["register"]>;
	buttons: ButtonComponent[];
	toggles: ToggleComponent[];
}

async function makeHost(settings: Partial<DigestCuratorSettings> = {}, files = FILES, series = [SERIES]): Promise<DigestCuratorHost> {
	const app = App.createConfigured__({ files });
	const live = new LiveIndex(app.asOriginalType__(), series, null);
	live.index.crossSeriesDuplicates = settings.crossSeriesDuplicates === true;
	await live.rebuild();
	const plugin = new TestPlugin(app, { id: "digest-curator", name: "Digest Curator", version: "0.0.0", minAppVersion: "1.12.2", author: "", description: "" });
	return {
		app: app.asOriginalType__(),
		plugin: plugin.asOriginalType2__(),
		settings: { ...DEFAULT_SETTINGS, series, ...settings },
		live,
		saveSettings: () => Promise.resolve(),
		settingsChanged: () => Promise.resolve(),
	};
}

/**
 * Opens the modal. The mock's Modal.open() closes the modal again on the next tick (real Obsidian
 * keeps it open), so close is stubbed before opening and the calls it gets from that are cleared.
 */
async function openModal(options: { initialUrl?: string; targetPath?: string | null; settings?: Partial<DigestCuratorSettings>; submit?: boolean | Error; files?: Record<string, string>; series?: Series[] } = {}): Promise<Harness> {
	const host = await makeHost(options.settings, options.files, options.series);
	const onSubmit = vi.fn<SubmitEntry>(() => (options.submit instanceof Error ? Promise.reject(options.submit) : Promise.resolve(options.submit ?? true)));
	const modal = new InsertEntryModal(host, { initialUrl: options.initialUrl, targetPath: options.targetPath ?? null }, onSubmit);
	const close = vi.spyOn(modal, "close").mockImplementation(() => {});
	const register = vi.spyOn(modal.scope, "register");
	const buttonSpy = vi.spyOn(ButtonComponent, "create__");
	const toggleSpy = vi.spyOn(ToggleComponent, "create__");
	suggests.length = 0;
	modal.open();
	await vi.advanceTimersByTimeAsync(0);
	close.mockClear();
	const buttons = buttonSpy.mock.results.map((r) => r.value as ButtonComponent);
	const toggles = toggleSpy.mock.results.map((r) => r.value as ToggleComponent);
	buttonSpy.mockRestore();
	toggleSpy.mockRestore();
	return { host, modal, onSubmit, close, register, buttons, toggles };
}

function field<T extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement = HTMLInputElement>(h: Harness, name: string): T {
	const el = h.modal.contentEl.querySelector<T>(`[name="${name}"]`);
	if (!el) throw new Error(`No field named ${name}`);
	return el;
}

function type(h: Harness, name: string, value: string): void {
	const el = field(h, name);
	el.value = value;
	el.dispatchEvent(new Event("input", { bubbles: true }));
}

function button(h: Harness, text: string): ButtonComponent {
	const b = h.buttons.find((c) => c.buttonEl.textContent === text);
	if (!b) throw new Error(`No button ${text}`);
	return b;
}

/** Shown as Obsidian's hide()/show()/toggle() leave it (isShown() needs layout, which the test DOM lacks). */
function visible(el: HTMLElement): boolean {
	return el.style.display !== "none";
}

function warning(h: Harness): HTMLElement {
	return h.modal.contentEl.querySelector<HTMLElement>(".digest-curator-duplicates")!;
}

function errors(h: Harness): string[] {
	const el = h.modal.contentEl.querySelector<HTMLElement>(".digest-curator-form-errors")!;
	return visible(el) ? [...el.children].map((c) => c.textContent ?? "") : [];
}

function status(h: Harness): string {
	const el = h.modal.contentEl.querySelector<HTMLElement>(".digest-curator-fetch-status")!;
	return visible(el) ? el.textContent ?? "" : "";
}

function suggestFor(h: Harness, name: string): ValueSuggest {
	const el = field(h, name);
	const s = suggests.find((x) => (x as { fieldEl: HTMLElement }).fieldEl === el);
	if (!s) throw new Error(`No suggest for ${name}`);
	return s as ValueSuggest;
}

function fill(h: Harness, values: Partial<Record<"url" | "title" | "source" | "category" | "tags" | "commentary", string>>): void {
	for (const [name, value] of Object.entries(values)) type(h, name, value);
}

beforeEach(() => {
	vi.useFakeTimers();
	vi.mocked(fetchPageMeta).mockReset();
	vi.mocked(openAtLine).mockClear();
});

afterEach(() => {
	vi.useRealTimers();
});

describe("InsertEntryModal: target digest", () => {
	it("lists the digests newest first and picks the series' latest when no digest is open", async () => {
		const h = await openModal();
		const select = field<HTMLSelectElement>(h, "digest");
		expect([...select.options].map((o) => [o.value, o.text])).toEqual([
			[NEW_PATH, NEW_TITLE],
			[OLD_PATH, OLD_TITLE],
			[UNDATED_PATH, "Reading list"],
		]);
		expect(select.value).toBe(NEW_PATH);
	});

	it("picks the open digest", async () => {
		const h = await openModal({ targetPath: OLD_PATH });
		expect(field<HTMLSelectElement>(h, "digest").value).toBe(OLD_PATH);
	});

	it("refuses to submit when there is no digest yet", async () => {
		const h = await openModal({ files: { "Notes/Not a digest.md": "# Kubernetes\n" } });
		expect([...field<HTMLSelectElement>(h, "digest").options].map((o) => o.text)).toEqual(["No digests yet"]);
		fill(h, { url: "https://a.example/1", title: "T", category: "Career" });
		await h.modal.submit();
		expect(errors(h)).toEqual(["There is no digest to add the entry to: create one first."]);
		expect(h.onSubmit).not.toHaveBeenCalled();
	});

	it("pre-fills the URL it is given", async () => {
		const h = await openModal({ initialUrl: "  https://new.example.com/post \n" });
		expect(field(h, "url").value).toBe("https://new.example.com/post");
	});
});

describe("InsertEntryModal: duplicate warning", () => {
	it("says at once which digest, category and number already hold the link", async () => {
		const h = await openModal();
		expect(visible(warning(h))).toBe(false);
		type(h, "url", "https://www.cncf.io/blog/fleet");
		expect(visible(warning(h))).toBe(true);
		expect(warning(h).textContent).toBe(`Already in ${OLD_TITLE}, under Kubernetes, as number 2.`);
		expect([...warning(h).querySelectorAll("a")].map((a) => a.textContent)).toEqual([OLD_TITLE, "Kubernetes", "number 2"]);
	});

	it("recognises www, http and tracking-parameter variants of the link", async () => {
		const h = await openModal();
		for (const variant of ["http://cncf.io/blog/fleet/", "https://cncf.io/blog/fleet?utm_source=newsletter&utm_medium=email", "HTTPS://WWW.CNCF.IO/blog/fleet#top"]) {
			type(h, "url", variant);
			expect(warning(h).textContent, variant).toContain("as number 2");
		}
	});

	it("disappears for a new link", async () => {
		const h = await openModal();
		type(h, "url", "https://medium.com/x/multi-cluster");
		expect(warning(h).textContent).toContain(`${OLD_TITLE}, under Kubernetes, as number 1`);
		type(h, "url", "https://medium.com/x/another-post");
		expect(visible(warning(h))).toBe(false);
		expect(warning(h).textContent).toBe("");
		type(h, "url", "");
		expect(visible(warning(h))).toBe(false);
	});

	it("warns for the initial URL too", async () => {
		const h = await openModal({ initialUrl: "https://example.com/lakehouse" });
		expect(warning(h).textContent).toBe(`Already in ${OLD_TITLE}, under Data Engineer, as number 1.`);
	});

	it("closes the modal and opens the digest at the clicked place", async () => {
		const h = await openModal();
		type(h, "url", "https://www.cncf.io/blog/fleet");
		const [digestLink, categoryLink, numberLink] = [...warning(h).querySelectorAll("a")];
		numberLink!.click();
		expect(h.close).toHaveBeenCalledTimes(1);
		expect(openAtLine).toHaveBeenLastCalledWith(h.host, OLD_PATH, 13);
		categoryLink!.click();
		expect(openAtLine).toHaveBeenLastCalledWith(h.host, OLD_PATH, 7);
		digestLink!.click();
		expect(openAtLine).toHaveBeenLastCalledWith(h.host, OLD_PATH, 1);
	});
});

describe("InsertEntryModal: collections", () => {
	const READING = completeSeries({ name: "Reading", tag: "", folder: "Lists", entryStyle: "list", collection: true, categoryLevel: 2 });
	const LIST_PATH = "Lists/Cloud.md";
	const files = { ...FILES, [LIST_PATH]: "# Cloud\n\n## Fleets\n\n- [Fleet management](https://www.cncf.io/blog/fleet)\n- [Kept only here](https://kept.example/only)\n" };
	const open = (targetPath: string | null, crossSeriesDuplicates = false) => openModal({ files, series: [SERIES, READING], targetPath, settings: { crossSeriesDuplicates } });

	it("lists a collection's notes as targets, marked, and picks the one it is given", async () => {
		const h = await open(LIST_PATH);
		const select = field<HTMLSelectElement>(h, "digest");
		expect([...select.options].map((o) => [o.value, o.text])).toContainEqual([LIST_PATH, "Cloud (collection)"]);
		expect(select.value).toBe(LIST_PATH);
	});

	it("warns only of the target's own side as the Duplicates across collections setting says, and follows the target", async () => {
		const dropdowns = vi.spyOn(DropdownComponent, "create__");
		const h = await open(NEW_PATH);
		const target = dropdowns.mock.results[0]!.value as DropdownComponent;
		dropdowns.mockRestore();
		type(h, "url", "https://kept.example/only");
		expect(visible(warning(h))).toBe(false);
		type(h, "url", "https://www.cncf.io/blog/fleet");
		expect(warning(h).textContent).toBe(`Already in ${OLD_TITLE}, under Kubernetes, as number 2.`);
		const select = field<HTMLSelectElement>(h, "digest");
		select.value = LIST_PATH;
		target.simulateChange__();
		expect(warning(h).textContent).toBe("Already in Cloud, under Cloud › Fleets, as an unnumbered entry.");
	});

	it("warns of every series' entries with the setting on", async () => {
		const h = await open(NEW_PATH, true);
		type(h, "url", "https://kept.example/only");
		expect(warning(h).textContent).toBe("Already in Cloud, under Cloud › Fleets, as an unnumbered entry.");
	});

	it("asks before adding a link the target's side holds, not one only the other side holds", async () => {
		const h = await open(LIST_PATH);
		fill(h, { url: "https://medium.com/x/multi-cluster", title: "T", category: "Cloud › Fleets" });
		await h.modal.submit();
		expect(h.onSubmit).toHaveBeenCalledTimes(1);
		const again = await open(LIST_PATH);
		fill(again, { url: "https://kept.example/only", title: "T", category: "Cloud › Fleets" });
		await again.modal.submit();
		expect(again.onSubmit).not.toHaveBeenCalled();
		expect(errors(again)[0]).toMatch(/^This link is already in Cloud, under Cloud › Fleets/);
	});
});

describe("InsertEntryModal: submitting", () => {
	it("shows what is missing in the modal and does not submit", async () => {
		const h = await openModal();
		await h.modal.submit();
		expect(errors(h)).toEqual(["Enter the link's URL.", "Enter a title.", "Choose or type a category."]);
		expect(field(h, "url").getAttribute("aria-invalid")).toBe("true");
		expect(h.onSubmit).not.toHaveBeenCalled();
		expect(h.close).not.toHaveBeenCalled();

		type(h, "url", "not a url");
		type(h, "title", "A title");
		await h.modal.submit();
		expect(errors(h)).toEqual(['"not a url" is not a link: give a URL starting with https://, http:// or obsidian://.', "Choose or type a category."]);
		expect(field(h, "title").hasAttribute("aria-invalid")).toBe(false);
		expect(h.onSubmit).not.toHaveBeenCalled();
	});

	it("hands the target path and the entry to onSubmit and closes when it succeeds", async () => {
		const h = await openModal({ targetPath: OLD_PATH });
		fill(h, {
			url: " https://blog.example.org/new-post ",
			title: "  A  new post ",
			source: "Example blog",
			category: "Security",
			tags: "#security, supply-chain  sbom",
			commentary: "First point\n\n  - nested detail\nSecond point\n",
		});
		h.toggles[0]!.setValue(true);
		button(h, "Add entry").simulateClick__();
		await vi.advanceTimersByTimeAsync(0);
		expect(h.onSubmit).toHaveBeenCalledWith(OLD_PATH, {
			url: "https://blog.example.org/new-post",
			title: "A new post",
			source: "Example blog",
			category: "Security",
			tags: ["security", "supply-chain", "sbom"],
			recommended: true,
			commentary: ["First point", "  - nested detail", "Second point"],
		});
		expect(h.close).toHaveBeenCalledTimes(1);
		expect(errors(h)).toEqual([]);
	});

	it("sends to the digest chosen in the dropdown", async () => {
		const h = await openModal();
		const select = field<HTMLSelectElement>(h, "digest");
		select.value = OLD_PATH;
		select.dispatchEvent(new Event("change"));
		fill(h, { url: "https://a.example/1", title: "T", category: "Career" });
		await h.modal.submit();
		expect(h.onSubmit.mock.calls[0]?.[0]).toBe(OLD_PATH);
	});

	it("stays open with a message when onSubmit reports failure or throws", async () => {
		const failing = await openModal({ submit: false });
		fill(failing, { url: "https://a.example/1", title: "T", category: "Career" });
		await failing.modal.submit();
		expect(failing.onSubmit).toHaveBeenCalledTimes(1);
		expect(failing.close).not.toHaveBeenCalled();
		expect(errors(failing)).toEqual(["The entry was not added."]);

		const throwing = await openModal({ submit: new Error("Disk full") });
		fill(throwing, { url: "https://a.example/1", title: "T", category: "Career" });
		await throwing.modal.submit();
		expect(throwing.close).not.toHaveBeenCalled();
		expect(errors(throwing)).toEqual(["The entry was not added: Disk full"]);
	});

	it("submits on Enter in a one-line field and on Ctrl/Cmd-Enter in the commentary box", async () => {
		const h = await openModal();
		const enter = h.register.mock.calls.find((c) => c[1] === "Enter" && (c[0] ?? []).length === 0)?.[2];
		const modEnter = h.register.mock.calls.find((c) => c[1] === "Enter" && (c[0] ?? []).includes("Mod"))?.[2];
		expect(enter).toBeDefined();
		expect(modEnter).toBeDefined();
		fill(h, { url: "https://a.example/1", title: "T", category: "Career", commentary: "Line" });
		const press = (handler: typeof enter, target: EventTarget) => {
			const evt = new KeyboardEvent("keydown", { key: "Enter", cancelable: true });
			Object.defineProperty(evt, "target", { value: target });
			return handler!(evt, { key: "Enter", modifiers: "", vkey: "Enter" }) as unknown;
		};
		// Enter in the commentary box is a new line; on the switch or the digest select it is theirs.
		expect(press(enter, field(h, "commentary"))).toBe(true);
		expect(press(enter, h.toggles[0]!.toggleEl)).toBe(true);
		expect(press(enter, field<HTMLSelectElement>(h, "digest"))).toBe(true);
		expect(h.onSubmit).not.toHaveBeenCalled();
		for (const name of ["category", "source", "tags", "title", "url"]) {
			expect(press(enter, field(h, name))).toBe(false);
			await vi.advanceTimersByTimeAsync(0);
		}
		expect(h.onSubmit).toHaveBeenCalledTimes(5);
		expect(press(modEnter, field(h, "commentary"))).toBe(false);
		await vi.advanceTimersByTimeAsync(0);
		expect(h.onSubmit).toHaveBeenCalledTimes(6);
	});

	it("names every field by its label and describes it by its description and its error", async () => {
		const h = await openModal();
		// The mocks' modal is not in the document: ids are looked up in it.
		const byId = (id: string) => h.modal.containerEl.querySelector(`[id="${id}"]`);
		const text = (ids: string | null) => (ids ?? "").split(/\s+/).filter((id) => id !== "").map((id) => byId(id)?.textContent ?? `(no #${id})`).join(" | ");
		const named = (el: Element) => text(el.getAttribute("aria-labelledby"));
		const described = (el: Element) => text(el.getAttribute("aria-describedby"));
		expect(named(field(h, "url"))).toBe("URL");
		expect(named(field(h, "title"))).toBe("Title");
		expect(named(field(h, "source"))).toBe("Source");
		expect(described(field(h, "source"))).toBe("Site or publication, written before the title. Filled from the page when empty.");
		expect(named(field(h, "category"))).toBe("Category");
		expect(named(field(h, "tags"))).toBe("Tags");
		expect(described(field(h, "tags"))).toBe("Separated by commas.");
		expect(named(field(h, "commentary"))).toBe("Commentary");
		expect(named(field<HTMLSelectElement>(h, "digest"))).toBe("Digest");
		expect(named(h.toggles[0]!.toggleEl)).toBe("Recommended");
		// Every id is in the modal's document, once.
		const ids = [...h.modal.contentEl.querySelectorAll("[id]")].map((el) => el.id);
		expect(new Set(ids).size).toBe(ids.length);

		await h.modal.submit();
		expect(described(field(h, "url"))).toContain("Enter the link's URL.");
		expect(described(field(h, "title"))).toContain("Enter a title.");
		expect(described(field(h, "category"))).toBe("Choose or type a category.");
		fill(h, { url: "https://a.example/1", title: "T", category: "Career" });
		h.onSubmit.mockResolvedValueOnce({ ok: false, reason: "No." });
		await h.modal.submit();
		// The errors went with the messages.
		expect(described(field(h, "category"))).toBe("");
		expect(field(h, "category").hasAttribute("aria-describedby")).toBe(false);
	});
});

describe("InsertEntryModal: fetching the title", () => {
	it("fills the title and the empty source from the page", async () => {
		vi.mocked(fetchPageMeta).mockResolvedValue({ ok: true, title: "Fetched title", source: "Fetched source" });
		const h = await openModal();
		fill(h, { url: "https://blog.example.org/post", title: "Typed title" });
		button(h, "Fetch title").simulateClick__();
		await vi.advanceTimersByTimeAsync(0);
		expect(fetchPageMeta).toHaveBeenCalledWith("https://blog.example.org/post");
		expect(field(h, "title").value).toBe("Fetched title");
		expect(field(h, "source").value).toBe("Fetched source");
		expect(status(h)).toBe("");
	});

	it("keeps a source that was typed", async () => {
		vi.mocked(fetchPageMeta).mockResolvedValue({ ok: true, title: "Fetched title", source: "Fetched source" });
		const h = await openModal();
		fill(h, { url: "https://blog.example.org/post", source: "My source" });
		button(h, "Fetch title").simulateClick__();
		await vi.advanceTimersByTimeAsync(0);
		expect(field(h, "title").value).toBe("Fetched title");
		expect(field(h, "source").value).toBe("My source");
	});

	it("shows why a fetch failed", async () => {
		vi.mocked(fetchPageMeta).mockResolvedValue({ ok: false, message: "The server at blog.example.org answered 404." });
		const h = await openModal();
		fill(h, { url: "https://blog.example.org/post" });
		button(h, "Fetch title").simulateClick__();
		await vi.advanceTimersByTimeAsync(0);
		expect(status(h)).toBe("The server at blog.example.org answered 404.");
		expect(field(h, "title").value).toBe("");
	});

	it("does not fetch what is not a web URL", async () => {
		const h = await openModal();
		fill(h, { url: "obsidian://open?vault=x" });
		button(h, "Fetch title").simulateClick__();
		expect(fetchPageMeta).not.toHaveBeenCalled();
		expect(status(h)).toBe("Enter a URL starting with https:// or http:// to fetch its title.");
	});

	it("drops the answer for a URL that was changed meanwhile", async () => {
		let resolve!: (v: Awaited<ReturnType<typeof fetchPageMeta>>) => void;
		vi.mocked(fetchPageMeta).mockReturnValue(new Promise((r) => (resolve = r)));
		const h = await openModal();
		fill(h, { url: "https://blog.example.org/post" });
		button(h, "Fetch title").simulateClick__();
		type(h, "url", "https://blog.example.org/other");
		resolve({ ok: true, title: "Stale", source: "Stale" });
		await vi.advanceTimersByTimeAsync(0);
		expect(field(h, "title").value).toBe("");
	});

	it("fetches on its own, debounced, when the setting is on", async () => {
		vi.mocked(fetchPageMeta).mockResolvedValue({ ok: true, title: "Auto title", source: "Auto source" });
		const h = await openModal({ settings: { fetchTitles: true } });
		type(h, "url", "https://blog.exa");
		type(h, "url", "https://blog.example.org/po");
		type(h, "url", "https://blog.example.org/post");
		await vi.advanceTimersByTimeAsync(599);
		expect(fetchPageMeta).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(fetchPageMeta).toHaveBeenCalledTimes(1);
		expect(fetchPageMeta).toHaveBeenCalledWith("https://blog.example.org/post");
		expect(field(h, "title").value).toBe("Auto title");
		expect(field(h, "source").value).toBe("Auto source");
	});

	it("never replaces a typed title on its own", async () => {
		vi.mocked(fetchPageMeta).mockResolvedValue({ ok: true, title: "Auto title", source: "Auto source" });
		const h = await openModal({ settings: { fetchTitles: true } });
		fill(h, { title: "My title", url: "https://blog.example.org/post" });
		await vi.advanceTimersByTimeAsync(600);
		expect(fetchPageMeta).toHaveBeenCalledTimes(1);
		expect(field(h, "title").value).toBe("My title");
		expect(field(h, "source").value).toBe("Auto source");
	});

	it("does not fetch on its own when the setting is off", async () => {
		const h = await openModal({ settings: { fetchTitles: false } });
		type(h, "url", "https://blog.example.org/post");
		await vi.advanceTimersByTimeAsync(2000);
		expect(fetchPageMeta).not.toHaveBeenCalled();
	});
});

describe("InsertEntryModal: suggestions", () => {
	it("suggests sources, categories and tags from the index, most frequent first", async () => {
		const h = await openModal({ targetPath: OLD_PATH });
		expect(suggestFor(h, "source").getSuggestions("")).toEqual(["Medium", "Blog", "CNCF"]);
		expect(suggestFor(h, "source").getSuggestions("m")).toEqual(["Medium"]);
		// Kubernetes 3, then the others once, then the series' default categories with no entries yet.
		expect(suggestFor(h, "category").getSuggestions("")).toEqual(["Kubernetes", "Career", "Data Engineer", "Security"]);
		expect(suggestFor(h, "category").getSuggestions("eng")).toEqual(["Data Engineer"]);
		expect(suggestFor(h, "category").getSuggestions("ER")).toEqual(["Kubernetes", "Career", "Data Engineer"]);
		expect(suggestFor(h, "tags").getSuggestions("")).toEqual(["kubernetes", "multicluster", "storage"]);
		expect(suggestFor(h, "tags").getSuggestions("kubernetes, #st")).toEqual(["storage", "multicluster"]);
		expect(suggestFor(h, "tags").getSuggestions("kubernetes, ")).toEqual(["multicluster", "storage"]);
	});

	it("replaces only the last tag when one is chosen", async () => {
		const h = await openModal();
		const tags = field(h, "tags");
		tags.value = "kubernetes, mul";
		const onInput = vi.fn();
		tags.addEventListener("input", onInput);
		suggestFor(h, "tags").selectSuggestion("multicluster");
		expect(tags.value).toBe("kubernetes, multicluster, ");
		expect(onInput).toHaveBeenCalledTimes(1);
		suggestFor(h, "category").selectSuggestion("Data Engineer");
		expect(field(h, "category").value).toBe("Data Engineer");
	});
});

describe("InsertEntryModal: the same rules as the command-line tool", () => {
	/** The buttons shown with the form's messages, by their text. */
	function messageButton(h: Harness, text: string): HTMLButtonElement | undefined {
		return [...h.modal.contentEl.querySelectorAll<HTMLButtonElement>(".digest-curator-form-errors button")].find((b) => b.textContent === text);
	}

	it("completes a bare host to https, as add does", async () => {
		const h = await openModal();
		fill(h, { url: "medium.com/x/new", title: "T", category: "Career" });
		await h.modal.submit();
		expect(h.onSubmit.mock.calls[0]?.[1].url).toBe("https://medium.com/x/new");
	});

	it("refuses a link shared before until Add anyway is pressed", async () => {
		const h = await openModal();
		fill(h, { url: "https://www.cncf.io/blog/fleet", title: "Again", category: "Kubernetes" });
		await h.modal.submit();
		expect(h.onSubmit).not.toHaveBeenCalled();
		expect(errors(h)).toEqual([`This link is already in ${OLD_TITLE}, under Kubernetes, as number 2: add it again only if you mean to.`, "Add anyway"]);
		messageButton(h, "Add anyway")!.click();
		await vi.advanceTimersByTimeAsync(0);
		expect(h.onSubmit).toHaveBeenCalledTimes(1);
		expect(h.close).toHaveBeenCalledTimes(1);
	});

	it("says in plain words when the commentary would be shared, and shares it only when asked", async () => {
		const h = await openModal();
		h.onSubmit.mockImplementation((_path, entry) =>
			Promise.resolve(entry.shareCommentary ? { ok: true as const } : { ok: false as const, reason: 'The commentary would also belong to "A five-minute lakehouse".', ask: { kind: "share-commentary" as const, sharedWith: ["A five-minute lakehouse"] } }),
		);
		fill(h, { url: "https://a.example/new", title: "T", category: "Data Engineer", commentary: "Mine" });
		await h.modal.submit();
		expect(h.close).not.toHaveBeenCalled();
		expect(errors(h)[0]).toContain('"A five-minute lakehouse" has no commentary of its own');
		expect(messageButton(h, "Cancel")).toBeDefined();
		messageButton(h, "Share the commentary")!.click();
		await vi.advanceTimersByTimeAsync(0);
		expect(h.onSubmit).toHaveBeenCalledTimes(2);
		expect(h.onSubmit.mock.calls[1]?.[1].shareCommentary).toBe(true);
		expect(h.close).toHaveBeenCalledTimes(1);
	});
});

describe("entryFromForm", () => {
	const base: EntryForm = { url: "", title: "", source: "", category: "", tags: "", recommended: false, commentary: "" };

	it("trims the fields and leaves out an empty source", () => {
		expect(entryFromForm({ ...base, url: " https://a.example/x \n", title: " A\ttitle ", category: " Data  Engineer ", source: "   " })).toEqual({
			url: "https://a.example/x",
			title: "A title",
			category: "Data Engineer",
			tags: [],
			recommended: false,
			commentary: [],
		});
	});

	it("splits tags on commas and blanks, drops # and repeats", () => {
		expect(entryFromForm({ ...base, tags: "#a, b  c,,#d/e , A ##f" }).tags).toEqual(["a", "b", "c", "d/e", "f"]);
	});

	it("makes one commentary line of each non-empty line, keeping indented list items", () => {
		expect(entryFromForm({ ...base, commentary: "  one  \r\n\r\n\t- nested\n- already a bullet\n   two\n" }).commentary).toEqual(["one", "\t- nested", "- already a bullet", "two"]);
	});

	it("carries the recommended flag and the source", () => {
		const e = entryFromForm({ ...base, recommended: true, source: " CNCF " });
		expect(e.recommended).toBe(true);
		expect(e.source).toBe("CNCF");
	});
});

describe("validateEntryForm", () => {
	const ok: EntryForm = { url: "https://a.example", title: "T", source: "", category: "C", tags: "", recommended: false, commentary: "" };

	it("accepts a complete form", () => {
		expect(validateEntryForm(ok, "d.md")).toEqual([]);
	});

	it("names each missing field", () => {
		expect(validateEntryForm({ ...ok, url: " ", title: "\t", category: "" }, null).map((p) => p.field)).toEqual(["url", "title", "category", "target"]);
	});
});

describe("rankValues and splitLastPart", () => {
	it("ranks by frequency, merges spellings that differ in case and filters by the query", () => {
		expect(rankValues(["b", "a", "B", "c", "A", "a"], "")).toEqual(["a", "b", "c"]);
		expect(rankValues(new Map([["Go", 2], ["Google", 2], ["Mongo", 5]]), "go")).toEqual(["Mongo", "Go", "Google"]);
		expect(rankValues(new Map([["x", 1]]), "", new Set(["x"]))).toEqual([]);
	});

	it("splits off the last part of a list", () => {
		expect(splitLastPart("a, b c")).toEqual({ before: "a, b ", last: "c" });
		expect(splitLastPart("abc")).toEqual({ before: "", last: "abc" });
		expect(splitLastPart("a,")).toEqual({ before: "a,", last: "" });
	});
});
