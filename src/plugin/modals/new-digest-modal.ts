import { Modal, Setting, type ButtonComponent } from "obsidian";
import { reviewNewDigest } from "../../core/edit/new-digest-review";
import { digestName, nextPeriod } from "../../core/edit/new-digest";
import { compareDates, dateFormat } from "../../core/format/dates";
import type { DayDate, Series } from "../../core/format/types";
import type { DigestCuratorHost } from "../host";
import { nameControl } from "../settings/field-names";

/** What the form proposes for one series and end date: the period, names, and reasons to look twice. */
export interface NewDigestProposal {
	ok: boolean;
	/** One sentence when `ok` is false. */
	reason: string;
	period: string;
	title: string;
	path: string;
	warnings: string[];
}

/** The proposal for a new digest of `series` ending on `to`, as the form shows it before anything is written. */
export function proposeNewDigest(host: DigestCuratorHost, series: Series, to: DayDate): NewDigestProposal {
	const digests = host.live.index.digests(series.name);
	const period = nextPeriod(digests, to);
	const fmt = dateFormat(series.dateFormat);
	const shown = `${fmt.format(period.start)} to ${fmt.format(period.end)}`;
	const { title, path } = digestName(series, period);
	if (compareDates(period.start, period.end) > 0) {
		return { ok: false, reason: `The latest digest already covers ${fmt.format(to)}: choose a later end date.`, period: shown, title, path, warnings: [] };
	}
	const review = reviewNewDigest(digests, period);
	const days = `${review.days} ${review.days === 1 ? "day" : "days"}`;
	return { ok: true, reason: "", period: `${shown} (${days})`, title, path, warnings: review.warnings };
}

/** The new-digest form: the proposed period, title and file name, an end date to change, and warnings. */
export class NewDigestModal extends Modal {
	private series: Series;
	private to: DayDate;
	private proposal: NewDigestProposal | null = null;
	private ui: { end: HTMLInputElement; period: HTMLElement; title: HTMLElement; path: HTMLElement; warnings: HTMLElement; errors: HTMLElement; create: ButtonComponent } | null = null;

	constructor(
		private readonly host: DigestCuratorHost,
		private readonly seriesList: readonly Series[],
		today: DayDate,
		private readonly onCreate: (series: Series, to: DayDate) => Promise<string | null>,
	) {
		super(host.app);
		this.series = seriesList[0]!;
		this.to = today;
	}

	onOpen(): void {
		const { contentEl } = this;
		contentEl.empty();
		this.modalEl.addClass("digest-curator-new-digest-modal");
		this.setTitle("New digest");

		if (this.seriesList.length > 1) {
			const seriesSetting = new Setting(contentEl).setName("Series");
			seriesSetting.addDropdown((d) => {
				for (const [i, s] of this.seriesList.entries()) d.addOption(String(i), s.name);
				d.selectEl.name = "series";
				d.onChange((value) => {
					this.series = this.seriesList[Number(value)] ?? this.series;
					if (this.ui) this.ui.end.placeholder = this.series.dateFormat;
					this.refresh(true);
				});
				nameControl(seriesSetting, d.selectEl);
			});
		}

		let end!: HTMLInputElement;
		const endSetting = new Setting(contentEl)
			.setName("Ends on")
			.setDesc("The period starts the day after the latest digest ends.")
			.addText((t) => {
				end = t.inputEl;
				end.name = "end";
				t.setPlaceholder(this.series.dateFormat);
			});

		const summary = contentEl.createDiv({ cls: "digest-curator-new-digest-summary" });
		const row = (label: string): HTMLElement => {
			const line = summary.createDiv({ cls: "digest-curator-new-digest-line" });
			line.createSpan({ cls: "digest-curator-new-digest-label", text: `${label}: ` });
			return line.createSpan({ cls: "digest-curator-new-digest-value" });
		};
		const period = row("Period");
		const title = row("Title");
		const path = row("File");
		const warnings = contentEl.createDiv({ cls: "digest-curator-new-digest-warnings" });
		warnings.setAttr("aria-live", "polite");
		const errors = contentEl.createDiv({ cls: "digest-curator-form-errors" });
		errors.setAttr("role", "alert");
		nameControl(endSetting, end, [errors, warnings]);

		let create!: ButtonComponent;
		new Setting(contentEl)
			.addButton((b) => {
				create = b;
				b.setButtonText("Create digest").setCta().onClick(() => void this.submit());
			})
			.addButton((b) => b.setButtonText("Cancel").onClick(() => this.close()));

		this.ui = { end, period, title, path, warnings, errors, create };
		// The element's own listener goes with the modal's DOM when it closes.
		end.addEventListener("input", () => this.refresh(false));
		this.scope.register([], "Enter", (evt) => {
			if (evt.isComposing) return true;
			evt.preventDefault();
			void this.submit();
			return false;
		});
		this.refresh(true);
		end.focus();
		end.select();
	}

	onClose(): void {
		this.ui = null;
		this.contentEl.empty();
	}

	/** Re-reads the end date (or writes it, when `fill`) and shows what would be created. */
	private refresh(fill: boolean): void {
		const ui = this.ui;
		if (!ui) return;
		const fmt = dateFormat(this.series.dateFormat);
		if (fill) ui.end.value = fmt.format(this.to);
		const parsed = fmt.parse(ui.end.value.trim());
		if (!parsed) {
			this.proposal = null;
			// Warnings about a period no longer typed would mislead.
			ui.warnings.empty();
			ui.errors.setText(`Write the end date as ${this.series.dateFormat}.`);
			ui.end.setAttr("aria-invalid", "true");
			ui.create.setDisabled(true);
			return;
		}
		this.to = parsed;
		const proposal = proposeNewDigest(this.host, this.series, parsed);
		this.proposal = proposal;
		ui.period.setText(proposal.period);
		ui.title.setText(proposal.title);
		ui.path.setText(proposal.path);
		ui.warnings.empty();
		for (const w of proposal.warnings) ui.warnings.createDiv({ cls: "digest-curator-new-digest-warning", text: w });
		ui.errors.setText(proposal.ok ? "" : proposal.reason);
		ui.end.toggleAttribute("aria-invalid", !proposal.ok);
		ui.create.setDisabled(!proposal.ok);
	}

	private async submit(): Promise<void> {
		const ui = this.ui;
		if (!ui || !this.proposal?.ok) return;
		ui.create.setDisabled(true);
		const error = await this.onCreate(this.series, this.to);
		if (error === null) {
			this.close();
			return;
		}
		if (this.ui) {
			this.ui.errors.setText(error);
			this.ui.create.setDisabled(false);
		}
	}
}
