import { Modal, Setting } from "obsidian";
import type { EditResult } from "../../core/edit/entry-edits";
import type { Problem } from "../../core/format/types";
import { openAtLine } from "../commands/digest-actions";
import { addArchivedLink, archivedCopy, replaceLink } from "../commands/link-fix-actions";
import type { DigestCuratorHost } from "../host";

export interface LinkFixActions {
	archived: (url: string) => Promise<{ url: string; timestamp: string } | null>;
	replace: (path: string, line: number, expectUrl: string, url: string) => Promise<EditResult>;
	addArchived: (path: string, line: number, expectUrl: string, archived: { url: string; timestamp: string }) => Promise<EditResult>;
}

/**
 * After a link check: each dead or redirected link with the fixes that fit it. A dead link can
 * point to its archived copy instead, or keep its link and get the archived copy in its
 * commentary; a link that moved for good can point where it leads now. Every fix goes through
 * the edit layer, which refuses when the entry changed since the check.
 */
export class LinkFixesModal extends Modal {
	private readonly actions: LinkFixActions;

	constructor(private readonly host: DigestCuratorHost, private readonly problems: readonly Problem[], actions?: Partial<LinkFixActions>) {
		super(host.app);
		this.actions = {
			archived: (url) => archivedCopy(url),
			replace: (...a) => replaceLink(host, ...a),
			addArchived: (...a) => addArchivedLink(host, ...a),
			...actions,
		};
	}

	onOpen(): void {
		const { contentEl } = this;
		this.setTitle("Dead and moved links");
		contentEl.addClass("digest-curator-link-fixes");
		contentEl.createEl("p", { cls: "setting-item-description", text: "Looking up an archived copy asks archive.org about the link." });
		for (const p of this.problems) this.row(p);
	}

	onClose(): void {
		this.contentEl.empty();
	}

	private entryAt(p: Problem): { url: string; title: string } | null {
		const digest = this.host.live.index.get(p.path);
		const entry = digest?.categories.flatMap((c) => c.entries).find((e) => e.line === p.line);
		return entry ? { url: entry.url, title: entry.title } : null;
	}

	private row(p: Problem): void {
		const entry = this.entryAt(p);
		if (!entry) return;
		const box = this.contentEl.createDiv({ cls: "digest-curator-link-fix" });
		const setting = new Setting(box).setName(entry.title).setDesc(p.message);
		const status = box.createDiv({ cls: "setting-item-description digest-curator-link-fix-status" });
		const say = (text: string, problem = false) => {
			status.setText(text);
			status.toggleClass("mod-warning", problem);
		};
		const done = (result: EditResult, what: string) => {
			if (result.ok) {
				say(what);
				setting.controlEl.empty();
			} else say(result.reason, true);
		};
		setting.addExtraButton((b) =>
			b
				.setIcon("file-search")
				.setTooltip("Open at the entry")
				.onClick(() => {
					this.close();
					void openAtLine(this.host, p.path, p.line);
				}),
		);
		if (p.code === "link-dead") {
			const withArchive = async (fix: (archived: { url: string; timestamp: string }) => Promise<void>) => {
				say("Looking for an archived copy…");
				const archived = await this.actions.archived(entry.url);
				if (!archived) say("Archive.org has no copy of this link.", true);
				else await fix(archived);
			};
			setting.addButton((b) =>
				b.setButtonText("Replace with the archived copy").onClick(() =>
					void withArchive(async (archived) => done(await this.actions.replace(p.path, p.line, entry.url, archived.url), `Now links to ${archived.url}.`)),
				),
			);
			setting.addButton((b) =>
				b.setButtonText("Add an archived link to the commentary").onClick(() =>
					void withArchive(async (archived) => done(await this.actions.addArchived(p.path, p.line, entry.url, archived), "Archived copy added to the commentary.")),
				),
			);
		} else if (p.code === "link-redirected") {
			const final = this.host.settings.linkHealth[entry.url];
			if (final?.permanent && final.finalUrl) {
				const to = final.finalUrl;
				setting.addButton((b) => b.setButtonText("Update to the final URL").onClick(() => void this.actions.replace(p.path, p.line, entry.url, to).then((r) => done(r, `Now links to ${to}.`))));
			}
		}
	}
}
