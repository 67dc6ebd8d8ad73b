/** Sets an element's text unless it has it already: a new text node, even the same text, is laid out again. */
export function setTextIfChanged(el: HTMLElement, text: string): void {
	if (el.textContent !== text) el.setText(text);
}
