import { Modal, type EventRef } from "obsidian";
import type { Problem } from "../../core/format/types";
import type { DigestCuratorHost } from "../host";
import { groupProblems, renderProblemList } from "../view/problem-list";

/**
 * Lists a check's problems by digest, as the browser's Problems mode does: severity in words, the
 * whole message, a line that opens the note there, and the fixes that are safe. With `recheck`,
 * the list is drawn again from a new check whenever the index changes (after a fix, say).
 */
export class ProblemsModal extends Modal {
	private problems: readonly Problem[];
	private listening: EventRef | null = null;

	constructor(
		private readonly host: DigestCuratorHost,
		private readonly heading: string,
		problems: readonly Problem[],
		private readonly recheck?: () => readonly Problem[],
	) {
		super(host.app);
		this.problems = problems;
	}

	onOpen(): void {
		this.setTitle(this.heading);
		this.contentEl.addClass("digest-curator-problems");
		const recheck = this.recheck;
		if (recheck) {
			this.listening = this.host.live.on("changed", () => {
				this.problems = recheck();
				this.draw();
			});
		}
		this.draw();
	}

	private draw(): void {
		const { contentEl } = this;
		if (this.problems.length === 0) {
			contentEl.empty();
			contentEl.createEl("p", { text: "No problems found." });
			return;
		}
		const titleOf = (path: string) => this.host.live.index.get(path)?.title ?? path.replace(/\.md$/, "");
		renderProblemList(contentEl, groupProblems(this.problems, titleOf), { host: this.host, beforeOpen: () => this.close() });
	}

	onClose(): void {
		if (this.listening) this.host.live.offref(this.listening);
		this.listening = null;
		this.contentEl.empty();
	}
}
