import { debounce, Modal, Setting, type ButtonComponent, type Debouncer, type DropdownComponent, type KeymapEventHandler, type ToggleComponent } from "obsidian";
import { counts, type Counts, type IndexedEntry } from "../../core/index/digest-index";
import type { EditQuestion, NewEntry } from "../../core/edit/entry-edits";
import { checkEntryUrl } from "../../core/edit/entry-url";
import type { Digest } from "../../core/format/types";
import { isWebUrl } from "../../core/links/url-normalize";
import { openAtLine } from "../commands/digest-actions";
import { readClipboardUrl } from "./clipboard-url";
import { ValueSuggest } from "./entry-suggest";
import type { DigestCuratorHost } from "../host";
import { fetchPageMeta } from "./title-fetch";
import { describeBy, nameControl } from "../settings/field-names";

/** The raw values of the modal's fields. */
export interface EntryForm {
	url: string;
	title: string;
	source: string;
	category: string;
	/** Tags separated by commas or blanks, with or without `#`. */
	tags: string;
	recommended: boolean;
	/** One commentary bullet per non-empty line. */
	commentary: string;
}

/** Values a capture (an obsidian:// link, the inbox) fills the form with; the user can change each. */
export interface EntryPrefill {
	title?: string | null;
	source?: string | null;
	category?: string | null;
	tags?: readonly string[];
	recommended?: boolean;
	commentary?: readonly string[];
}

export interface InsertEntryOptions {
	/** URL to start with: the editor selection, when it holds one. */
	initialUrl?: string;
	/** Digest to add to; null picks the latest digest of the first series that has one. */
	targetPath: string | null;
	/** The other fields to start with. */
	initial?: EntryPrefill;
}

/** What submitting reports: success, or why not, with a question to put to the user where the edit has one. */
export type SubmitOutcome = boolean | { ok: boolean; reason?: string; ask?: EditQuestion };

export type SubmitEntry = (path: string, entry: NewEntry) => Promise<SubmitOutcome>;

/** Wait after the last keystroke in the URL field before fetching its title on its own. */
const AUTO_FETCH_DELAY_MS = 600;
/** Most earlier entries of the same link listed under the URL field. */
const MAX_DUPLICATES_SHOWN = 3;

function oneLine(text: string): string {
	return text.replace(/\s+/g, " ").trim();
}

/** Turns the modal's raw values into the entry to insert: trimmed, tags split, one commentary line per bullet. */
export function entryFromForm(form: EntryForm): NewEntry {
	const tags: string[] = [];
	const seen = new Set<string>();
	for (const part of form.tags.split(/[\s,]+/)) {
		const tag = part.replace(/^#+/, "");
		if (tag === "" || seen.has(tag.toLowerCase())) continue;
		seen.add(tag.toLowerCase());
		tags.push(tag);
	}
	const commentary = form.commentary
		.split(/\r\n|\r|\n/)
		// An indented list item is a nested bullet: keep its indent. Any other line becomes a bullet.
		.map((line) => (/^\s+([-*+]|\d+[.)])\s/.test(line) ? line.trimEnd() : line.trim()))
		.filter((line) => line !== "");
	const url = checkEntryUrl(form.url);
	const entry: NewEntry = {
		category: oneLine(form.category),
		// The URL as the insert will write it (a bare host completed to https), as add does.
		url: url.ok ? url.url : form.url.trim(),
		title: oneLine(form.title),
		tags,
		recommended: form.recommended,
		commentary,
	};
	const source = oneLine(form.source);
	if (source !== "") entry.source = source;
	return entry;
}

export type EntryField = "url" | "title" | "category" | "target";

/** What keeps the form from being submitted, one sentence per field; empty when it can be. */
export function validateEntryForm(form: EntryForm, targetPath: string | null): { field: EntryField; message: string }[] {
	const problems: { field: EntryField; message: string }[] = [];
	const url = form.url.trim();
	const checked = checkEntryUrl(url);
	if (url === "") problems.push({ field: "url", message: "Enter the link's URL." });
	else if (!checked.ok) problems.push({ field: "url", message: checked.reason });
	if (oneLine(form.title) === "") problems.push({ field: "title", message: "Enter a title." });
	if (oneLine(form.category) === "") problems.push({ field: "category", message: "Choose or type a category." });
	if (targetPath === null) problems.push({ field: "target", message: "There is no digest to add the entry to: create one first." });
	return problems;
}

/** Whether a URL looks complete enough to fetch without being asked: http(s) with a dotted host. */
function looksFetchable(url: string): boolean {
	if (!isWebUrl(url)) return false;
	try {
		return new URL(url.trim()).hostname.includes(".");
	} catch {
		return false;
	}
}

interface FormUi {
	url: HTMLInputElement;
	duplicates: HTMLElement;
	title: HTMLInputElement;
	fetchButton: ButtonComponent;
	status: HTMLElement;
	source: HTMLInputElement;
	category: HTMLInputElement;
	tags: HTMLInputElement;
	recommended: ToggleComponent;
	commentary: HTMLTextAreaElement;
	target: DropdownComponent;
	errors: HTMLElement;
	submitButton: ButtonComponent;
}

/**
 * Collects a new link entry: URL, title, source, category, tags, recommended flag, commentary and
 * the digest to add it to. Warns at once when the link is already in a digest, and can fetch the
 * page's title. Hands the entry to `onSubmit` and closes only when that reports success.
 */
export class InsertEntryModal extends Modal {
	private readonly host: DigestCuratorHost;
	private readonly options: InsertEntryOptions;
	private readonly onSubmit: SubmitEntry;
	private ui: FormUi | null = null;
	private closed = false;
	private submitting = false;
	/** Bumped by every fetch and every URL change: an answer for an older one is dropped. */
	private fetchToken = 0;
	/** Title and source the last fetch filled in, so a later fetch may replace them but not what was typed. */
	private fetchedTitle = "";
	private fetchedSource = "";
	/** URL the automatic fetch last ran for. */
	private autoFetchedUrl = "";
	private autoFetch: Debouncer<[], void> | null = null;
	private enterHandlers: KeymapEventHandler[] = [];
	/** The error lines under the form that describe a field, to detach when they go. */
	private fieldErrors: [control: HTMLElement, error: HTMLElement][] = [];
	private countsCache: { revision: number; counts: Counts } | null = null;

	constructor(host: DigestCuratorHost, options: InsertEntryOptions, onSubmit: SubmitEntry) {
		super(host.app);
		this.host = host;
		this.options = options;
		this.onSubmit = onSubmit;
	}

	onOpen(): void {
		this.closed = false;
		const { contentEl } = this;
		contentEl.empty();
		this.modalEl.addClass("digest-curator-entry-modal");
		this.setTitle("Insert link entry");

		let url!: HTMLInputElement;
		const urlSetting = new Setting(contentEl).setName("URL").addText((t) => {
			url = t.inputEl;
			url.name = "url";
			url.type = "url";
			t.setPlaceholder("Paste or type a link");
		}) // A tap reads the clipboard: iOS prompts for every read and refuses one unasked.
			.addExtraButton((b) => b.setIcon("clipboard-paste").setTooltip("Paste link").onClick(() => void this.pasteUrl()));
		const duplicates = contentEl.createDiv({ cls: "digest-curator-duplicates" });
		duplicates.hide();
		nameControl(urlSetting, url, [duplicates]);

		let title!: HTMLInputElement;
		let fetchButton!: ButtonComponent;
		const titleSetting = new Setting(contentEl)
			.setName("Title")
			.addText((t) => {
				title = t.inputEl;
				title.name = "title";
			})
			.addButton((b) => {
				fetchButton = b;
				b.setButtonText("Fetch title").onClick(() => void this.fetchTitle(false));
			});
		const status = contentEl.createDiv({ cls: ["digest-curator-fetch-status", "setting-item-description"] });
		status.hide();
		nameControl(titleSetting, title, [status]);

		let source!: HTMLInputElement;
		const sourceSetting = new Setting(contentEl)
			.setName("Source")
			.setDesc("Site or publication, written before the title. Filled from the page when empty.")
			.addText((t) => {
				source = t.inputEl;
				source.name = "source";
			});
		nameControl(sourceSetting, source);

		let category!: HTMLInputElement;
		const categorySetting = new Setting(contentEl).setName("Category").addText((t) => {
			category = t.inputEl;
			category.name = "category";
			t.setPlaceholder("A known category or a new one");
		});
		nameControl(categorySetting, category);

		let tags!: HTMLInputElement;
		const tagsSetting = new Setting(contentEl)
			.setName("Tags")
			.setDesc("Separated by commas.")
			.addText((t) => {
				tags = t.inputEl;
				tags.name = "tags";
			});
		nameControl(tagsSetting, tags);

		let recommended!: ToggleComponent;
		const recommendedSetting = new Setting(contentEl).setName("Recommended").addToggle((t) => {
			recommended = t;
		});
		nameControl(recommendedSetting, recommended.toggleEl);

		let commentary!: HTMLTextAreaElement;
		const commentarySetting = new Setting(contentEl)
			.setName("Commentary")
			.setDesc("Each line becomes a bullet under the entry.")
			.setClass("digest-curator-commentary")
			.addTextArea((t) => {
				commentary = t.inputEl;
				commentary.name = "commentary";
				commentary.rows = 4;
			});
		nameControl(commentarySetting, commentary);

		let target!: DropdownComponent;
		const targetSetting = new Setting(contentEl).setName("Digest").addDropdown((d) => {
			target = d;
			d.selectEl.name = "digest";
			this.fillTargets(d);
			// Which earlier entries count depends on the target's series.
			d.onChange(() => {
				if (this.ui) this.showDuplicates(this.ui);
			});
		});
		nameControl(targetSetting, target.selectEl);

		const errors = contentEl.createDiv({ cls: "digest-curator-form-errors" });
		errors.setAttr("role", "alert");
		errors.hide();

		let submitButton!: ButtonComponent;
		new Setting(contentEl)
			.addButton((b) => {
				submitButton = b;
				b.setButtonText("Add entry").setCta().onClick(() => void this.submit());
			})
			.addButton((b) => b.setButtonText("Cancel").onClick(() => this.close()));

		this.ui = { url, duplicates, title, fetchButton, status, source, category, tags, recommended, commentary, target, errors, submitButton };

		new ValueSuggest(this.app, source, () => this.counts().sources);
		new ValueSuggest(this.app, category, () => this.categoryValues());
		new ValueSuggest(this.app, tags, () => this.counts().tags, { list: true });

		url.addEventListener("input", () => this.urlChanged());
		for (const el of [title, category]) el.addEventListener("input", () => this.clearInvalid(el));
		// Enter in a one-line field submits, as in Obsidian's own forms (a suggestion list that is
		// open takes Enter first); in the commentary box Enter starts a new line and Ctrl/Cmd-Enter submits.
		const oneLineFields: EventTarget[] = [url, title, source, category, tags];
		this.enterHandlers = [
			this.scope.register([], "Enter", (evt) => {
				if (evt.isComposing || evt.target === null || !oneLineFields.includes(evt.target)) return true;
				evt.preventDefault();
				void this.submit();
				return false;
			}),
			this.scope.register(["Mod"], "Enter", (evt) => {
				if (evt.isComposing) return true;
				evt.preventDefault();
				void this.submit();
				return false;
			}),
		];

		this.autoFetch = debounce(() => void this.runAutoFetch(), AUTO_FETCH_DELAY_MS, true);
		const pre = this.options.initial;
		if (pre) {
			title.value = pre.title ?? "";
			source.value = pre.source ?? "";
			category.value = pre.category ?? "";
			tags.value = (pre.tags ?? []).join(", ");
			recommended.setValue(pre.recommended === true);
			commentary.value = (pre.commentary ?? []).join("\n");
		}
		const initial = this.options.initialUrl?.trim() ?? "";
		if (initial !== "") {
			url.value = initial;
			this.urlChanged();
			title.focus();
		} else {
			url.focus();
		}
	}

	onClose(): void {
		this.closed = true;
		this.fetchToken++;
		this.autoFetch?.cancel();
		for (const h of this.enterHandlers) this.scope.unregister(h);
		this.enterHandlers = [];
		this.fieldErrors = [];
		this.ui = null;
		this.contentEl.empty();
	}

	/** The raw values of the fields. */
	readForm(): EntryForm | null {
		const ui = this.ui;
		if (!ui) return null;
		return {
			url: ui.url.value,
			title: ui.title.value,
			source: ui.source.value,
			category: ui.category.value,
			tags: ui.tags.value,
			recommended: ui.recommended.getValue(),
			commentary: ui.commentary.value,
		};
	}

	/** Path of the digest the entry goes to, or null when there is none. */
	targetPath(): string | null {
		const value = this.ui?.target.getValue() ?? "";
		return value !== "" && this.host.live.index.get(value) ? value : null;
	}

	/**
	 * Validates the form and hands the entry to onSubmit; closes when it reports success. A link
	 * shared before is refused until the user presses "Add anyway" (as add's --allow-duplicate), and
	 * commentary that would be shared with an older entry until they say to share it.
	 */
	async submit(answers: { allowDuplicate?: boolean; shareCommentary?: boolean } = {}): Promise<void> {
		const ui = this.ui;
		const form = this.readForm();
		if (!ui || !form || this.submitting) return;
		const path = this.targetPath();
		const problems = validateEntryForm(form, path);
		for (const el of [ui.url, ui.title, ui.category]) this.clearInvalid(el);
		if (problems.length > 0 || path === null) {
			for (const p of problems) {
				const el = p.field === "url" ? ui.url : p.field === "title" ? ui.title : p.field === "category" ? ui.category : null;
				el?.setAttr("aria-invalid", "true");
			}
			this.showErrors(
				problems.map((p) => p.message),
				problems.map((p) => (p.field === "url" ? ui.url : p.field === "title" ? ui.title : p.field === "category" ? ui.category : ui.target.selectEl)),
			);
			const first = problems[0]?.field;
			(first === "url" ? ui.url : first === "title" ? ui.title : first === "category" ? ui.category : ui.target.selectEl).focus();
			return;
		}
		const entry = entryFromForm(form);
		const earlier = this.sortedDuplicates(entry.url);
		if (earlier.length > 0 && !answers.allowDuplicate) {
			const ie = earlier[0]!;
			const more = earlier.length > 1 ? ` (and ${earlier.length - 1} more)` : "";
			const where = `${ie.digest.title}, under ${ie.category.name}, as ${ie.entry.number !== null ? `number ${ie.entry.number}` : "an unnumbered entry"}${more}`;
			this.showQuestion(`This link is already in ${where}: add it again only if you mean to.`, [["Add anyway", () => void this.submit({ ...answers, allowDuplicate: true })]]);
			return;
		}
		if (answers.shareCommentary) entry.shareCommentary = true;
		this.showErrors([]);
		this.submitting = true;
		ui.submitButton.setDisabled(true);
		let outcome: SubmitOutcome = false;
		let failure = "The entry was not added.";
		try {
			outcome = await this.onSubmit(path, entry);
		} catch (err) {
			if (err instanceof Error && err.message.trim() !== "") failure = `The entry was not added: ${err.message.trim()}`;
		} finally {
			this.submitting = false;
			ui.submitButton.setDisabled(false);
		}
		if (this.closed) return;
		const ok = typeof outcome === "boolean" ? outcome : outcome.ok;
		if (ok) {
			this.close();
			return;
		}
		const ask = typeof outcome === "boolean" ? undefined : outcome.ask;
		if (ask?.kind === "share-commentary" && !answers.shareCommentary) {
			const names = ask.sharedWith.map((t) => `"${t}"`).join(", ");
			const one = ask.sharedWith.length === 1;
			this.showQuestion(
				`${names} ${one ? "has" : "have"} no commentary of ${one ? "its" : "their"} own, and entries with only blank lines between them share the commentary after the last one: this commentary would be ${one ? "its" : "theirs"} too.`,
				[
					["Share the commentary", () => void this.submit({ ...answers, shareCommentary: true })],
					["Cancel", () => this.showErrors([])],
				],
			);
			return;
		}
		const reason = typeof outcome === "boolean" ? undefined : outcome.reason;
		this.showErrors([reason ? `The entry was not added: ${reason}` : failure]);
	}

	/**
	 * Earlier entries of a link, newest first: those that count for the target's series, as the
	 * "Duplicates across collections" setting says (a digest's link kept in a collection is not
	 * one unless it is on), the way the API and the command-line tool count them.
	 */
	private sortedDuplicates(url: string): IndexedEntry[] {
		const index = this.host.live.index;
		const path = this.targetPath();
		const series = path ? index.seriesOf(path) : null;
		const found = url === "" ? [] : series ? index.findUrlFor(url, series) : index.findUrl(url);
		const order = new Map(this.host.live.index.digests().map((d, i) => [d.path, i]));
		// Newest first: the one the author most likely remembers.
		return found.sort((a, b) => (order.get(b.digest.path) ?? 0) - (order.get(a.digest.path) ?? 0) || a.entry.line - b.entry.line);
	}

	/** A message under the form with the buttons that answer it. */
	private showQuestion(message: string, answers: [label: string, act: () => void][]): void {
		const el = this.ui?.errors;
		if (!el) return;
		this.showErrors([]);
		el.createDiv({ text: message });
		const row = el.createDiv({ cls: "digest-curator-form-answers" });
		answers.forEach(([label, act], i) => {
			const b = row.createEl("button", { text: label, cls: i === 0 ? "mod-cta" : "" });
			b.addEventListener("click", act);
		});
		el.show();
		row.querySelector("button")?.focus();
	}

	// --- target digest ---

	private fillTargets(dropdown: DropdownComponent): void {
		const all = this.host.live.index.digests();
		// Newest first; digests without a period (sorted last by the index) stay last.
		const digests = [...all.filter((d) => d.period !== null).reverse(), ...all.filter((d) => d.period === null)];
		if (digests.length === 0) {
			dropdown.addOption("", "No digests yet");
			dropdown.setDisabled(true);
			return;
		}
		const titles = new Map<string, number>();
		for (const d of digests) titles.set(d.title, (titles.get(d.title) ?? 0) + 1);
		for (const d of digests) {
			const label = titles.get(d.title)! > 1 ? `${d.title} (${d.path})` : d.title;
			dropdown.addOption(d.path, d.draft ? `${label} (draft)` : d.collection === true ? `${label} (collection)` : label);
		}
		dropdown.setValue(this.defaultTarget(digests) ?? digests[0]!.path);
	}

	private defaultTarget(digests: readonly Digest[]): string | null {
		const index = this.host.live.index;
		const wanted = this.options.targetPath;
		if (wanted !== null && index.get(wanted)) return wanted;
		for (const s of index.seriesList) {
			const latest = index.latest(s.name);
			if (latest) return latest.path;
		}
		return digests[0]?.path ?? null;
	}

	// --- suggestions ---

	private counts(): Counts {
		const index = this.host.live.index;
		if (!this.countsCache || this.countsCache.revision !== index.revision) {
			this.countsCache = { revision: index.revision, counts: counts(index.query()) };
		}
		return this.countsCache.counts;
	}

	/** Categories used anywhere, with the target series' default ones and the target digest's own. */
	private categoryValues(): Map<string, number> {
		const values = new Map(this.counts().categories);
		const path = this.targetPath();
		const index = this.host.live.index;
		const extra = [...(path ? index.seriesOf(path)?.categories ?? [] : []), ...(path ? index.get(path)?.categories.map((c) => c.name) ?? [] : [])];
		for (const name of extra) if (!values.has(name)) values.set(name, 0);
		return values;
	}

	// --- URL: duplicates and title fetching ---

	/** A URL found after the form opened (the clipboard's, on desktop): used if the field is still empty. */
	offerUrl(url: string): void {
		if (this.closed || !this.ui || this.ui.url.value.trim() !== "") return;
		// Focus moves on to the title only from the URL field: never away from where the user went.
		this.setUrl(url, activeDocument.activeElement === this.ui.url);
	}

	private async pasteUrl(): Promise<void> {
		const url = await readClipboardUrl();
		if (this.closed || !this.ui) return;
		if (url === null) this.setStatus("The clipboard holds no link.", true);
		else this.setUrl(url, true);
	}

	private setUrl(url: string, focusTitle: boolean): void {
		const ui = this.ui;
		if (!ui) return;
		ui.url.value = url;
		this.urlChanged();
		if (focusTitle) ui.title.focus();
	}

	private urlChanged(): void {
		const ui = this.ui;
		if (!ui) return;
		this.clearInvalid(ui.url);
		// An answer for the URL as it was is of no use any more.
		this.fetchToken++;
		ui.fetchButton.setDisabled(false);
		this.setStatus("");
		this.showDuplicates(ui);
		const url = ui.url.value.trim();
		if (this.host.settings.fetchTitles && looksFetchable(url) && url !== this.autoFetchedUrl) this.autoFetch?.();
		else this.autoFetch?.cancel();
	}

	private showDuplicates(ui: FormUi): void {
		const el = ui.duplicates;
		el.empty();
		const typed = ui.url.value.trim();
		const checked = checkEntryUrl(typed);
		const found = this.sortedDuplicates(checked.ok ? checked.url : typed);
		el.toggle(found.length > 0);
		if (found.length === 0) return;
		for (const ie of found.slice(0, MAX_DUPLICATES_SHOWN)) this.duplicateLine(el, ie);
		if (found.length > MAX_DUPLICATES_SHOWN) {
			const more = found.length - MAX_DUPLICATES_SHOWN;
			el.createDiv({ text: `And ${more} more ${more === 1 ? "entry" : "entries"} with this link.` });
		}
	}

	private duplicateLine(parent: HTMLElement, ie: IndexedEntry): void {
		const line = parent.createDiv({ cls: "digest-curator-duplicate" });
		const path = ie.digest.path;
		line.appendText("Already in ");
		this.jumpLink(line, ie.digest.title, path, 1);
		line.appendText(", under ");
		this.jumpLink(line, ie.category.name, path, ie.category.line);
		line.appendText(", as ");
		this.jumpLink(line, ie.entry.number !== null ? `number ${ie.entry.number}` : "an unnumbered entry", path, ie.entry.line);
		line.appendText(".");
	}

	private jumpLink(parent: HTMLElement, text: string, path: string, line: number): void {
		const a = parent.createEl("a", { text, href: "#", cls: "digest-curator-jump" });
		a.addEventListener("click", (evt) => {
			evt.preventDefault();
			this.close();
			void openAtLine(this.host, path, line);
		});
	}

	private async runAutoFetch(): Promise<void> {
		const url = this.ui?.url.value.trim() ?? "";
		if (this.closed || !looksFetchable(url) || url === this.autoFetchedUrl) return;
		this.autoFetchedUrl = url;
		await this.fetchTitle(true);
	}

	/**
	 * Fetches the page's title and source. Asked for, it replaces the title; on its own, only an
	 * empty title or one an earlier fetch filled in. The source is filled only when empty (or fetched).
	 */
	private async fetchTitle(automatic: boolean): Promise<void> {
		const ui = this.ui;
		if (!ui) return;
		const url = ui.url.value.trim();
		if (!isWebUrl(url)) {
			if (!automatic) this.setStatus("Enter a URL starting with https:// or http:// to fetch its title.", true);
			return;
		}
		const token = ++this.fetchToken;
		ui.fetchButton.setDisabled(true);
		this.setStatus("Fetching the title…");
		const result = await fetchPageMeta(url);
		if (this.closed || token !== this.fetchToken || this.ui !== ui) return;
		ui.fetchButton.setDisabled(false);
		if (!result.ok) {
			this.setStatus(result.message, true);
			return;
		}
		this.setStatus("");
		const title = ui.title.value.trim();
		if (result.title !== null && (!automatic || title === "" || title === this.fetchedTitle)) {
			ui.title.value = result.title;
			this.fetchedTitle = result.title;
			this.clearInvalid(ui.title);
		}
		const source = ui.source.value.trim();
		if (result.source !== null && (source === "" || source === this.fetchedSource)) {
			ui.source.value = result.source;
			this.fetchedSource = result.source;
		}
	}

	// --- messages ---

	private setStatus(text: string, isError = false): void {
		const el = this.ui?.status;
		if (!el) return;
		el.setText(text);
		el.toggleClass("mod-warning", isError);
		el.toggle(text !== "");
	}

	/** Messages under the form; `fields[i]`, when given, is the control message i is about, and it describes that control. */
	private showErrors(messages: readonly string[], fields: readonly HTMLElement[] = []): void {
		const el = this.ui?.errors;
		if (!el) return;
		for (const [control, error] of this.fieldErrors) describeBy(control, error, false);
		this.fieldErrors = [];
		el.empty();
		messages.forEach((m, i) => {
			const line = el.createDiv({ text: m });
			const control = fields[i];
			if (control) {
				describeBy(control, line, true);
				this.fieldErrors.push([control, line]);
			}
		});
		el.toggle(messages.length > 0);
	}

	private clearInvalid(el: HTMLElement): void {
		el.removeAttribute("aria-invalid");
	}
}
