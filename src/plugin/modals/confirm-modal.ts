import { Modal, Setting, type App } from "obsidian";

export interface ConfirmOptions {
	title: string;
	message: string;
	confirm: string;
	cancel?: string;
}

/** Asks a yes-or-no question with two buttons; closing the window answers no. */
export class ConfirmModal extends Modal {
	private answered = false;

	constructor(app: App, private readonly options: ConfirmOptions, private readonly done: (yes: boolean) => void) {
		super(app);
	}

	onOpen(): void {
		const { contentEl, options } = this;
		this.setTitle(options.title);
		contentEl.createEl("p", { text: options.message });
		new Setting(contentEl)
			.addButton((b) => {
				b.setButtonText(options.confirm).setCta().onClick(() => this.answer(true));
			})
			.addButton((b) => b.setButtonText(options.cancel ?? "Cancel").onClick(() => this.answer(false)));
	}

	onClose(): void {
		this.contentEl.empty();
		if (!this.answered) {
			this.answered = true;
			this.done(false);
		}
	}

	/** Answers as the buttons do. */
	answer(yes: boolean): void {
		if (this.answered) return;
		this.answered = true;
		this.done(yes);
		this.close();
	}
}

export function confirm(app: App, options: ConfirmOptions): Promise<boolean> {
	return new Promise((resolve) => new ConfirmModal(app, options, resolve).open());
}
