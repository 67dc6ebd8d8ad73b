import { normalizePath, Notice, parseYaml, TFile } from "obsidian";
import { planNewDigest, type NewDigestResult } from "../../core/edit/new-digest";
import { templateNoteLocation } from "../../core/format/series";
import type { DayDate, Series } from "../../core/format/types";
import { NewDigestModal } from "../modals/new-digest-modal";
import { activateBrowserView } from "../view/browser-view";
import { writePeriodDate } from "./period-frontmatter";
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
		// Never a note outside the vault: the path is checked before Obsidian is asked for it.
		const where = templateNoteLocation(series);
		if (!where.ok) return { ok: false, reason: `Nothing was created: ${where.reason.charAt(0).toLowerCase()}${where.reason.slice(1)}` };
		const templatePath = normalizePath(where.path);
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
	const file = await vault.create(path, plan.text);
	// Sites that sort by `date` get the period's end, written the way Obsidian writes properties.
	if (host.settings.writePeriodDate) await writePeriodDate(host, file, plan.period);
	return { ...plan, path };
}

/** Creates the digest the form settled on and opens it; returns why not, or null when it was created. */
async function createAndOpen(host: DigestCuratorHost, series: Series, to: DayDate): Promise<string | null> {
	const result = await createNextDigest(host, series, to);
	if (!result.ok) return result.reason;
	const file = host.app.vault.getFileByPath(result.path);
	if (file) {
		const leaf = host.app.workspace.getLeaf(false);
		await leaf.openFile(file);
		await host.app.workspace.revealLeaf(leaf);
	}
	new Notice(`Created ${result.title}.`);
	return null;
}

/** The "New digest" command and ribbon button: a form with the proposed period, title and file name before anything is written. */
export async function newDigestCommand(host: DigestCuratorHost): Promise<NewDigestModal | null> {
	const list = host.settings.series;
	if (list.length === 0) {
		new Notice("No digest series is set up yet: add one in this plugin's settings.", 8000);
		return null;
	}
	await host.live.whenReady();
	// First run: a series found in the vault is waiting to be picked; a digest with defaults would be wrong.
	if ((host.firstRun?.current.length ?? 0) > 0) {
		new Notice("This vault holds a digest series the plugin has not been set up for: pick it in the digest browser first.", 10000);
		await activateBrowserView(host);
		return null;
	}
	const modal = new NewDigestModal(host, list, today(), (series, to) => createAndOpen(host, series, to));
	modal.open();
	return modal;
}
