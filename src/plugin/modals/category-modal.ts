import { SuggestModal, type App } from "obsidian";
import type { MoveTarget } from "../../core/edit/move-targets";

/** A category to offer: one of the note's, one of the series' the move would create, or one typed in. */
interface CategoryChoice {
	name: string;
	isNew: boolean;
	typed?: boolean;
}

/**
 * Picks a category of a digest, or a new one typed in; resolves null on cancel. The categories
 * come in the order given (see moveTargets); those the move would create say so.
 */
export class CategoryModal extends SuggestModal<CategoryChoice> {
	private chosen = false;
	private readonly categories: readonly CategoryChoice[];

	constructor(app: App, categories: readonly (string | MoveTarget)[], private readonly done: (name: string | null) => void) {
		super(app);
		this.categories = categories.map((c) => (typeof c === "string" ? { name: c, isNew: false } : c));
		this.setPlaceholder("Move to category…");
	}

	getSuggestions(query: string): CategoryChoice[] {
		const q = query.trim().toLowerCase();
		const found = this.categories.filter((c) => c.name.toLowerCase().includes(q));
		if (q !== "" && !this.categories.some((c) => c.name.toLowerCase() === q)) found.push({ name: query.trim(), isNew: true, typed: true });
		return found;
	}

	renderSuggestion(choice: CategoryChoice, el: HTMLElement): void {
		if (choice.typed) {
			el.setText(`New category: ${choice.name}`);
			return;
		}
		el.createSpan({ text: choice.name });
		if (choice.isNew) el.createSpan({ cls: "digest-curator-new-category", text: " (new in this digest)" });
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

export function chooseCategory(app: App, categories: readonly (string | MoveTarget)[]): Promise<string | null> {
	return new Promise((resolve) => new CategoryModal(app, categories, resolve).open());
}
