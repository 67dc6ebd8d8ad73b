import { Modal, Setting, type ButtonComponent } from "obsidian";
import { compareDates, dateFormat } from "../../core/format/dates";
import { defaultRecapNote } from "../../core/format/series-notes";
import type { DayDate, Series } from "../../core/format/types";
import type { RecapPick, RecapRange } from "../../core/publish/recap";
import type { RecapChoice } from "../commands/recap-action";
import type { DigestCuratorHost } from "../host";
import { nameControl } from "../settings/field-names";

export interface RecapModalOptions {
	series: Series;
	/** The range the form starts with. */
	from: DayDate;
	to: DayDate;
	/** Years and quarters offered to fill the range with; none: the range is typed. */
	ranges?: readonly RecapRange[];
	/** The recommended entries of a range. */
	candidates: (from: DayDate, to: DayDate) => RecapPick[];
	/** Writes the recap; resolves to null when written, else why not (shown in the form). */
	submit: (choice: RecapChoice) => Promise<string | null>;
}

interface PickRow {
	pick: RecapPick;
	include: HTMLInputElement;
	label: HTMLInputElement;
}

/**
 * The recap form: a range in the series' date format, then the recommended entries of the
 * digests inside it, each with a box to leave it out and a field for the heading it goes under,
 * and the note it is written into.
 */
export class RecapModal extends Modal {
	private rows: PickRow[] = [];
	private fromEl!: HTMLInputElement;
	private toEl!: HTMLInputElement;
	private noteEl!: HTMLInputElement;
	private statusEl!: HTMLElement;
	private listEl!: HTMLElement;
	private errorsEl!: HTMLElement;
	private writeButton!: ButtonComponent;
	/** The note path as the form last proposed it: replaced as dates change until the user types one. */
	private proposedNote = "";

	constructor(host: DigestCuratorHost, private readonly options: RecapModalOptions) {
		super(host.app);
	}

	onOpen(): void {
		const { contentEl, options } = this;
		const fmt = dateFormat(options.series.dateFormat);
		this.modalEl.addClass("digest-curator-recap-modal");
		this.setTitle(`Write recap of ${options.series.name}`);
		const ranges = options.ranges ?? [];
		if (ranges.length > 0) {
			const period = new Setting(contentEl).setName("Period").setDesc("A year or a quarter fills in the days; or type them below.");
			period.addDropdown((d) => {
				nameControl(period, d.selectEl);
				d.selectEl.name = "period";
				d.addOption("", "Days typed below");
				for (const [i, r] of ranges.entries()) d.addOption(String(i), r.label);
				// The select's own event, as the date fields listen to theirs (the form's elements go when it closes).
				d.selectEl.addEventListener("change", () => {
					const v = d.selectEl.value;
					const r = v === "" ? undefined : ranges[Number(v)];
					if (!r) return;
					this.fromEl.value = fmt.format(r.from);
					this.toEl.value = fmt.format(r.to);
					this.refresh();
				});
			});
		}
		const from = new Setting(contentEl).setName("From").setDesc(`First day, as ${options.series.dateFormat}.`);
		from.addText((t) => {
			nameControl(from, t.inputEl);
			this.fromEl = t.inputEl;
			t.inputEl.name = "from";
			t.setValue(fmt.format(options.from));
		});
		const to = new Setting(contentEl).setName("To").setDesc(`Last day, as ${options.series.dateFormat}.`);
		to.addText((t) => {
			nameControl(to, t.inputEl);
			this.toEl = t.inputEl;
			t.inputEl.name = "to";
			t.setValue(fmt.format(options.to));
		});
		this.statusEl = contentEl.createDiv({ cls: "setting-item-description digest-curator-recap-status" });
		this.listEl = contentEl.createDiv({ cls: "digest-curator-recap-picks" });
		const note = new Setting(contentEl).setName("Note").setDesc("Written between markers; the rest of the note stays as it is.");
		note.addText((t) => {
			nameControl(note, t.inputEl);
			this.noteEl = t.inputEl;
			t.inputEl.name = "note";
		});
		this.errorsEl = contentEl.createDiv({ cls: "digest-curator-form-errors" });
		this.errorsEl.setAttr("role", "alert");
		this.errorsEl.hide();
		new Setting(contentEl)
			.addButton((b) => {
				this.writeButton = b;
				b.setButtonText("Write recap").setCta().onClick(() => void this.submit());
			})
			.addButton((b) => b.setButtonText("Cancel").onClick(() => this.close()));
		for (const el of [this.fromEl, this.toEl]) el.addEventListener("input", () => this.refresh());
		this.refresh();
	}

	onClose(): void {
		this.rows = [];
		this.contentEl.empty();
	}

	/** The range as typed, or why it cannot be read. */
	private range(): { from: DayDate; to: DayDate } | string {
		const fmt = dateFormat(this.options.series.dateFormat);
		const from = fmt.parse(this.fromEl.value.trim());
		const to = fmt.parse(this.toEl.value.trim());
		if (!from || !to) return `Enter both days as ${this.options.series.dateFormat}.`;
		if (compareDates(from, to) > 0) return "The first day comes after the last one.";
		return { from, to };
	}

	/** Lists the recommended entries of the range as typed. */
	private refresh(): void {
		const range = this.range();
		this.listEl.empty();
		this.rows = [];
		if (typeof range === "string") {
			this.statusEl.setText(range);
			this.writeButton?.setDisabled(true);
			return;
		}
		const picks = this.options.candidates(range.from, range.to);
		const digests = new Set(picks.map((p) => p.digest.path)).size;
		this.statusEl.setText(picks.length === 0 ? "No recommended entries in the digests of this range." : `${picks.length} recommended ${picks.length === 1 ? "entry" : "entries"} from ${digests} ${digests === 1 ? "digest" : "digests"}. Untick one to leave it out; type a heading to file it under another one.`);
		for (const pick of picks) {
			const row = this.listEl.createDiv({ cls: "digest-curator-recap-pick" });
			const include = row.createEl("input", { type: "checkbox", attr: { "data-key": pick.key, "aria-label": `Include ${pick.entry.title}` } });
			include.checked = true;
			const text = row.createDiv({ cls: "digest-curator-recap-pick-text" });
			text.createDiv({ text: pick.entry.source ? `${pick.entry.source} - ${pick.entry.title}` : pick.entry.title });
			text.createDiv({ cls: "setting-item-description", text: pick.digest.title });
			const label = row.createEl("input", { type: "text", attr: { "data-key": pick.key, placeholder: pick.entry.category, "aria-label": `Heading for ${pick.entry.title}` } });
			this.rows.push({ pick, include, label });
		}
		const proposed = defaultRecapNote(this.options.series, range.from, range.to);
		if (this.noteEl.value.trim() === "" || this.noteEl.value === this.proposedNote) this.noteEl.value = proposed;
		this.proposedNote = proposed;
		this.writeButton?.setDisabled(picks.length === 0);
	}

	/** What the form says now: the range, what is left out and relabelled, and the note. */
	choice(): RecapChoice | null {
		const range = this.range();
		if (typeof range === "string") return null;
		const exclude = new Set<string>();
		const relabel = new Map<string, string>();
		for (const row of this.rows) {
			if (!row.include.checked) exclude.add(row.pick.key);
			const label = row.label.value.replace(/\s+/g, " ").trim();
			if (label !== "") relabel.set(row.pick.key, label);
		}
		return { ...range, exclude, relabel, note: this.noteEl.value };
	}

	async submit(): Promise<void> {
		const range = this.range();
		const choice = this.choice();
		if (typeof range === "string" || !choice) {
			this.showError(typeof range === "string" ? range : "The form cannot be read.");
			return;
		}
		this.writeButton.setDisabled(true);
		const failure = await this.options.submit(choice);
		this.writeButton.setDisabled(false);
		if (failure === null) this.close();
		else this.showError(failure);
	}

	private showError(message: string): void {
		this.errorsEl.setText(message);
		this.errorsEl.show();
	}
}
