import { setIcon } from "obsidian";
import { severityLabel } from "../../core/check/check";
import type { ProblemFix } from "../../core/check/problem-fixes";
import type { Problem } from "../../core/format/types";
import { fixesFor, runProblemFix } from "../commands/problem-fix-actions";
import { openAtLine } from "../commands/digest-actions";
import type { DigestCuratorHost } from "../host";

/**
 * A check's problems as a list to work through, for the browser's Problems mode and the check's
 * modal alike: grouped by digest, each with its severity in words (the words the summary counts
 * in), its line (which opens the note there), its whole message (wrapped, never cut), and the
 * fixes that are safe for it as buttons. Plain lists, links and buttons: Tab reaches each.
 */

export interface ProblemGroup {
	/** Names the group for collapsing (`problems:PATH` in the browser). */
	key: string;
	path: string;
	title: string;
	/** Problems in the group, shown or not. */
	count: number;
	problems: readonly Problem[];
	collapsed: boolean;
}

export interface ProblemListActions {
	host: DigestCuratorHost;
	/** Before a problem's note is opened (the modal closes). */
	beforeOpen?: () => void;
	/** Collapses or expands a group; without it, groups cannot collapse. */
	toggleGroup?: (key: string) => void;
	/** Where a fix is run; the default applies it and says how it went. */
	runFix?: (p: Problem, fix: ProblemFix) => Promise<unknown>;
}

/** Problems shown at first; a button shows the rest, so that a vault with thousands stays quick. */
export const PROBLEMS_SHOWN = 200;

/** Groups problems by note, in the order they come. */
export function groupProblems(problems: readonly Problem[], titleOf: (path: string) => string): ProblemGroup[] {
	const byPath = new Map<string, Problem[]>();
	for (const p of problems) {
		let list = byPath.get(p.path);
		if (!list) byPath.set(p.path, (list = []));
		list.push(p);
	}
	return [...byPath].map(([path, list]) => ({ key: `problems:${path}`, path, title: titleOf(path), count: list.length, problems: list, collapsed: false }));
}

/** A problem's key among the drawn ones, to give focus back to after a redraw. */
function focusKey(p: Problem, part: string): string {
	return `${p.path}\u0000${p.line}\u0000${p.code}\u0000${part}`;
}

/** Draws the groups into `el` (emptied first); keeps focus on the same control across redraws. */
export function renderProblemList(el: HTMLElement, groups: readonly ProblemGroup[], actions: ProblemListActions, limit = PROBLEMS_SHOWN): void {
	const focused = el.doc.activeElement;
	const keep = focused && el.contains(focused) ? (focused as HTMLElement).dataset.focusKey : undefined;
	el.empty();
	let shown = 0;
	let hidden = 0;
	for (const g of groups) {
		const section = el.createDiv({ cls: "digest-curator-problem-group" });
		const header = section.createDiv({ cls: "digest-curator-problems-file" });
		const label = `${g.title} (${g.count === 1 ? "1 problem" : `${g.count} problems`})`;
		if (actions.toggleGroup) {
			const toggle = header.createEl("button", { cls: "digest-curator-problems-toggle clickable-icon", attr: { "aria-expanded": g.collapsed ? "false" : "true", "aria-label": `${g.collapsed ? "Expand" : "Collapse"} ${g.title}` } });
			toggle.dataset.focusKey = `group\u0000${g.key}`;
			setIcon(toggle, g.collapsed ? "chevron-right" : "chevron-down");
			toggle.addEventListener("click", () => actions.toggleGroup!(g.key));
		}
		header.createSpan({ cls: "digest-curator-problems-title", text: label });
		if (g.collapsed) continue;
		const list = section.createEl("ul", { cls: "digest-curator-problem-items" });
		for (const p of g.problems) {
			if (shown >= limit) {
				hidden++;
				continue;
			}
			shown++;
			renderProblem(list, p, actions);
		}
	}
	if (hidden > 0) {
		const more = el.createEl("button", { cls: "digest-curator-problems-more", text: `Show ${hidden === 1 ? "1 more problem" : `${hidden} more problems`}` });
		more.dataset.focusKey = "more";
		more.addEventListener("click", () => renderProblemList(el, groups, actions, limit + PROBLEMS_SHOWN * 5));
	}
	if (keep !== undefined) Array.from(el.querySelectorAll<HTMLElement>("[data-focus-key]")).find((c) => c.dataset.focusKey === keep)?.focus();
}

function renderProblem(list: HTMLElement, p: Problem, actions: ProblemListActions): void {
	const { host } = actions;
	const item = list.createEl("li", { cls: `digest-curator-problem mod-${p.severity}` });
	const head = item.createDiv({ cls: "digest-curator-problem-head" });
	head.createSpan({ cls: "digest-curator-problem-severity", text: severityLabel(p.severity) });
	const link = head.createEl("a", { href: "#", text: `Line ${p.line}`, cls: "digest-curator-problem-link", attr: { "aria-label": `Open line ${p.line}` } });
	link.dataset.focusKey = focusKey(p, "open");
	head.createSpan({ cls: "digest-curator-problem-code", text: p.code });
	item.createDiv({ cls: "digest-curator-problem-message", text: p.message });
	link.addEventListener("click", (evt) => {
		evt.preventDefault();
		actions.beforeOpen?.();
		void openAtLine(host, p.path, p.line);
	});
	const fixes = fixesFor(host, p);
	if (fixes.length === 0) return;
	const bar = item.createDiv({ cls: "digest-curator-problem-fixes" });
	fixes.forEach((fix, i) => {
		const b = bar.createEl("button", { text: fix.label, cls: "digest-curator-problem-fix" });
		b.dataset.focusKey = focusKey(p, `fix${i}`);
		b.dataset.fix = fix.kind;
		const hint = fix.kind === "separator" ? `Write it "${fix.preview}"` : fix.kind === "replace-url" ? `Link to ${fix.next}` : fix.kind === "open" ? fix.where : "";
		if (hint) b.setAttr("title", hint);
		b.addEventListener("click", () => {
			if (fix.kind === "open" || fix.kind === "archive") actions.beforeOpen?.();
			b.disabled = true;
			const run = actions.runFix ?? ((q: Problem, f: ProblemFix) => runProblemFix(host, q, f));
			void run(p, fix).finally(() => {
				b.disabled = false;
			});
		});
	});
}
