import { FuzzySuggestModal, type App } from "obsidian";

/** Asks the user to pick one of a few named things (a series, a category); resolves null on cancel. */
export class ChoiceModal<T> extends FuzzySuggestModal<T> {
	private chosen = false;

	constructor(app: App, private readonly items: readonly T[], private readonly label: (item: T) => string, placeholder: string, private readonly done: (item: T | null) => void) {
		super(app);
		this.setPlaceholder(placeholder);
	}

	getItems(): T[] {
		return [...this.items];
	}

	getItemText(item: T): string {
		return this.label(item);
	}

	onChooseItem(item: T): void {
		this.chosen = true;
		this.done(item);
	}

	onClose(): void {
		super.onClose();
		// onChooseItem runs after onClose in Obsidian: wait a tick before reporting a cancel.
		window.setTimeout(() => {
			if (!this.chosen) this.done(null);
		}, 0);
	}
}

export function choose<T>(app: App, items: readonly T[], label: (item: T) => string, placeholder: string): Promise<T | null> {
	return new Promise((resolve) => new ChoiceModal(app, items, label, placeholder, resolve).open());
}
