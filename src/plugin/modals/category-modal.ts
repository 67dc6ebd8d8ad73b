import { SuggestModal, type App } from "obsidian";

interface CategoryChoice {
	name: string;
	isNew: boolean;
}

/** Picks a category of a digest, or a new one typed in; resolves null on cancel. */
export class CategoryModal extends SuggestModal<CategoryChoice> {
	private chosen = false;

	constructor(app: App, private readonly categories: readonly string[], private readonly done: (name: string | null) => void) {
		super(app);
		this.setPlaceholder("Move to category…");
	}

	getSuggestions(query: string): CategoryChoice[] {
		const q = query.trim().toLowerCase();
		const found = this.categories.filter((c) => c.toLowerCase().includes(q)).map((name) => ({ name, isNew: false }));
		if (q !== "" && !this.categories.some((c) => c.toLowerCase() === q)) found.push({ name: query.trim(), isNew: true });
		return found;
	}

	renderSuggestion(choice: CategoryChoice, el: HTMLElement): void {
		el.setText(choice.isNew ? `New category: ${choice.name}` : choice.name);
	}

	onChooseSuggestion(choice: CategoryChoice): void {
		this.chosen = true;
		this.done(choice.name);
	}

	onClose(): void {
		super.onClose();
		window.setTimeout(() => {
			if (!this.chosen) this.done(null);
		}, 0);
	}
}

export function chooseCategory(app: App, categories: readonly string[]): Promise<string | null> {
	return new Promise((resolve) => new CategoryModal(app, categories, resolve).open());
}
