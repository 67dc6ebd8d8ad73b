import { normalizePath, Notice, parseYaml, TFile } from "obsidian";
import { planNewDigest, type NewDigestResult } from "../../core/edit/new-digest";
import { templateNotePath } from "../../core/format/series";
import type { DayDate, Series } from "../../core/format/types";
import { choose } from "../modals/choice-modal";
import type { DigestCuratorHost } from "../host";

/** Today in the user's time zone. */
export function today(now = new Date()): DayDate {
	return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

/** Plans and creates the series' next digest; refuses to overwrite any note. */
export async function createNextDigest(host: DigestCuratorHost, series: Series, to: DayDate = today()): Promise<NewDigestResult> {
	const { vault } = host.app;
	await host.live.whenReady();
	let templateText: string | null = null;
	if (series.templateNote) {
		const templatePath = normalizePath(templateNotePath(series));
		const template = vault.getFileByPath(templatePath);
		if (!(template instanceof TFile)) return { ok: false, reason: `The series' template note ${templatePath} does not exist.` };
		templateText = await vault.read(template);
	}
	const taken = new Set(vault.getFiles().map((f) => f.path.toLowerCase()));
	const plan = planNewDigest({
		series,
		digests: host.live.index.digests(series.name),
		to,
		exists: (p) => taken.has(normalizePath(p).toLowerCase()),
		templateText,
		parseYaml,
	});
	if (!plan.ok) return plan;
	const path = normalizePath(plan.path);
	const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
	if (folder && !vault.getFolderByPath(folder)) await vault.createFolder(folder);
	// vault.create refuses an existing path in Obsidian; the check above already said it is free.
	await vault.create(path, plan.text);
	return { ...plan, path };
}

/** The "New digest" command and ribbon button: asks which series when there are several, then opens the new note. */
export async function newDigestCommand(host: DigestCuratorHost): Promise<void> {
	const list = host.settings.series;
	const series = list.length === 1 ? list[0]! : await choose(host.app, list, (s) => s.name, "New digest for which series?");
	if (!series) return;
	const result = await createNextDigest(host, series);
	if (!result.ok) {
		new Notice(result.reason, 8000);
		return;
	}
	const file = host.app.vault.getFileByPath(result.path);
	if (file) {
		const leaf = host.app.workspace.getLeaf(false);
		await leaf.openFile(file);
		await host.app.workspace.revealLeaf(leaf);
	}
	new Notice(`Created ${result.title}.`);
}
