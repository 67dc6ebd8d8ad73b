/**
 * Runs axe-core (WCAG 2.1 A and AA plus best practice) inside a sandbox page, scoped to what the
 * plugin draws. Shared by the browser tests of the digest browser and of the forms.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolationNode {
	/** The rule that failed, e.g. `color-contrast`. */
	rule: string;
	impact: string;
	/** A CSS selector for the node. */
	target: string;
	summary: string;
}

/**
 * The critical and serious violations of axe's WCAG 2.1 A/AA and best-practice rules on the nodes
 * under `scope` (a CSS selector). `disableRules` names rules that judge the sandbox, not the plugin.
 */
export async function seriousViolations(page: Page, scope: string, disableRules: string[] = []): Promise<AxeViolationNode[]> {
	const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
	if (!loaded) await page.addScriptTag({ content: AXE_SOURCE });
	const results = await page.evaluate(
		async ({ scope, disableRules }) => {
			type AxeNode = { target: string[]; failureSummary?: string };
			type AxeResult = { id: string; impact: string | null; nodes: AxeNode[] };
			const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeResult[] }> } }).axe;
			const rules: Record<string, { enabled: boolean }> = {};
			for (const r of disableRules) rules[r] = { enabled: false };
			const res = await axe.run(
				{ include: [scope] },
				{ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }, rules },
			);
			return res.violations.map((v) => ({ id: v.id, impact: v.impact ?? "", nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary ?? "" })) }));
		},
		{ scope, disableRules },
	);
	const out: AxeViolationNode[] = [];
	for (const v of results) {
		if (v.impact !== "critical" && v.impact !== "serious") continue;
		for (const n of v.nodes) out.push({ rule: v.id, impact: v.impact, target: n.target, summary: n.summary });
	}
	return out;
}

/** One line a violation, for a readable assertion message. */
export function describeViolations(list: AxeViolationNode[]): string {
	return list.map((v) => `${v.impact} ${v.rule} at ${v.target}: ${v.summary.replace(/\s+/g, " ")}`).join("\n");
}
