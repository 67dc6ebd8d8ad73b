import type { Component } from "obsidian";
import { setTextIfChanged } from "./dom-text";

/** The search box's placeholder: the operators in short (the "?" button lists them all). */
export const SEARCH_PLACEHOLDER = "Search, e.g. tag:k8s is:recommended";

let nextId = 1;

/** What `addSearchHelp` puts beside the search box. */
export interface SearchHelp {
	/** Shows (or, with "", hides) the sentence about what the search could not use. */
	setMessage(text: string): void;
}

/**
 * A "?" button beside the search box that shows the operators under it, and a line under the box
 * for what the search could not use; both describe the box to a screen reader. `dateFormat` is
 * the series' date format, asked for when the help opens.
 */
export function addSearchHelp(wrap: HTMLElement, input: HTMLInputElement, owner: Component, dateFormat: () => string): SearchHelp {
	const id = nextId++;
	const button = wrap.createEl("button", { cls: "clickable-icon digest-browser-search-help-button", text: "?", attr: { "aria-label": "Search operators", "aria-expanded": "false", "aria-controls": `digest-browser-search-help-${id}` } });
	const help = wrap.createDiv({ cls: "digest-browser-search-help is-hidden", attr: { id: `digest-browser-search-help-${id}` } });
	const message = wrap.createDiv({ cls: "digest-browser-search-message is-hidden", attr: { id: `digest-browser-search-message-${id}`, "aria-live": "polite" } });
	input.setAttr("aria-describedby", `${message.id} ${help.id}`);

	const fill = () => {
		help.empty();
		help.createDiv({ text: "Every word must appear. Operators narrow the search; the filters and the operators both apply." });
		const list = help.createEl("ul");
		const item = (code: string, text: string) => {
			const li = list.createEl("li");
			li.createEl("code", { text: code });
			li.appendText(` ${text}`);
		};
		const date = dateFormat();
		item('"exact phrase"', "these words in this order");
		item("-word", 'leaves out entries with the word (also -"a phrase", -tag:x)');
		item("category:Name", 'the category, as the filter menu (quote names with spaces: category:"Data engineering")');
		item("source:Name", "the source");
		item("tag:name", "the tag or a tag nested under it");
		item("digest:text", "digests whose title or path holds the text");
		item("is:recommended", "recommended entries (-is:recommended: the others)");
		item(`after:${date}`, "digests whose period ends on or after the date");
		item(`before:${date}`, `digests whose period starts on or before the date (${date} or YYYY-MM-DD)`);
	};
	fill();
	const show = (open: boolean) => {
		if (open) fill();
		help.toggleClass("is-hidden", !open);
		button.setAttr("aria-expanded", open ? "true" : "false");
	};
	owner.registerDomEvent(button, "click", () => show(help.hasClass("is-hidden")));
	owner.registerDomEvent(button, "keydown", (evt) => {
		if (evt.key === "Escape" && !help.hasClass("is-hidden")) {
			evt.preventDefault();
			show(false);
		}
	});
	return {
		setMessage(text) {
			setTextIfChanged(message, text);
			message.toggleClass("is-hidden", text === "");
			input.setAttr("aria-invalid", text === "" ? "false" : "true");
		},
	};
}
