import { Modal } from "obsidian";
import type { Problem } from "../../core/format/types";
import { openAtLine } from "../commands/digest-actions";
import type { DigestCuratorHost } from "../host";

/** Lists a check's problems; each opens its note at its line. */
export class ProblemsModal extends Modal {
	constructor(private readonly host: DigestCuratorHost, private readonly heading: string, private readonly problems: readonly Problem[]) {
		super(host.app);
	}

	onOpen(): void {
		const { contentEl } = this;
		this.setTitle(this.heading);
		contentEl.addClass("digest-curator-problems");
		if (this.problems.length === 0) {
			contentEl.createEl("p", { text: "No problems found." });
			return;
		}
		const byPath = new Map<string, Problem[]>();
		for (const p of this.problems) byPath.set(p.path, [...(byPath.get(p.path) ?? []), p]);
		for (const [path, problems] of byPath) {
			contentEl.createDiv({ cls: "digest-curator-problems-file", text: path.replace(/\.md$/, "") });
			const list = contentEl.createEl("ul");
			for (const p of problems) {
				const item = list.createEl("li", { cls: `digest-curator-problem mod-${p.severity}` });
				const link = item.createEl("a", { href: "#", text: `Line ${p.line}`, cls: "digest-curator-problem-link" });
				item.createSpan({ cls: "digest-curator-problem-code", text: ` ${p.code} ` });
				item.createSpan({ text: p.message });
				link.addEventListener("click", (evt) => {
					evt.preventDefault();
					this.close();
					void openAtLine(this.host, p.path, p.line);
				});
			}
		}
	}

	onClose(): void {
		this.contentEl.empty();
	}
}
