// Problems mode: the check's problems to work through, with fixes that go through the edit layer.
import { describe, expect, it, vi } from "vitest";
import { click, modeButton, openView, useViewSpies, type Harness } from "../support/digest-browser";
import { digestNote } from "../support/host";
import { noteText, openInEditor } from "../support/editor";
import { ProblemsModal } from "../../../src/plugin/modals/problems-modal";
import { checkIndex } from "../../../src/core/check/check";
import { applyProblemFix, fixesFor } from "../../../src/plugin/commands/problem-fix-actions";

useViewSpies();

const PATH = "Digests/Weekly Links 01-09-2025 to 07-09-2025.md";
const TITLE = "Weekly Links: 01-09-2025 to 07-09-2025";
const BODY = [
	"# Kubernetes",
	"",
	"[1. Medium -Battle of bytes](https://medium.com/x/battle)",
	"",
	"[3. Blog - Skips a number](https://blog.example/skip?utm_source=feed&id=2)",
	"",
	"- Shared commentary.",
];
const FILES = { [PATH]: digestNote(TITLE, BODY) };

const panel = (h: Harness) => h.view.contentEl.querySelector<HTMLElement>(".digest-browser-problems")!;
const fixButton = (h: Harness, kind: string) => {
	const b = panel(h).querySelector<HTMLButtonElement>(`[data-fix="${kind}"]`);
	if (!b) throw new Error(`no ${kind} fix in ${panel(h).textContent}`);
	return b;
};
const codes = (h: Harness) => [...panel(h).querySelectorAll(".digest-curator-problem-code")].map((e) => e.textContent);

describe("Problems mode", () => {
	it("shows each problem's severity in words and its whole message, by digest", async () => {
		const h = await openView(FILES);
		click(modeButton(h, "Problems"));
		expect(codes(h)).toEqual(["entry-format", "numbering", "tracking-url"]);
		const severities = [...panel(h).querySelectorAll(".digest-curator-problem-severity")].map((e) => e.textContent);
		expect(severities).toEqual(["Warning", "Warning", "Note"]);
		const messages = [...panel(h).querySelectorAll(".digest-curator-problem-message")].map((e) => e.textContent);
		expect(messages[2]).toBe('The link of "Skips a number" in "Kubernetes" carries a tracking parameter (utm_source), which only tells the site where the click came from.');
		expect(panel(h).querySelector(".digest-curator-problems-title")!.textContent).toBe(`${TITLE} (3 problems)`);
	});

	it("fixes a mistyped separator in the background with Vault.process when the note is not open", async () => {
		const h = await openView(FILES);
		const process = vi.spyOn(h.app.vault, "process");
		click(modeButton(h, "Problems"));
		click(fixButton(h, "separator"));
		await vi.waitFor(async () => expect(await noteText(h.app, PATH)).toContain("[1. Medium - Battle of bytes](https://medium.com/x/battle)"));
		expect(process).toHaveBeenCalledTimes(1);
		expect(await noteText(h.app, PATH)).toBe(FILES[PATH].replace("Medium -Battle", "Medium - Battle"));
	});

	it("refuses the separator fix when the line holds another entry since the check, changing nothing", async () => {
		const h = await openView(FILES);
		const p = checkIndex(h.host.live.index).find((q) => q.code === "entry-format")!;
		const fix = fixesFor(h.host, p).find((f) => f.kind === "separator")!;
		expect(fix).toBeTruthy();
		// An entry written above it since: the problem's line now holds another entry with a mistyped hyphen.
		const changed = digestNote(TITLE, ["# Kubernetes", "", "[1. Vendor -Routing tips](https://vendor.example/r)", "", ...BODY.slice(2)]);
		await h.app.vault.modify(h.app.vault.getFileByPath(PATH)!, changed);
		const result = await applyProblemFix(h.host, p, fix);
		expect(result).toEqual({ ok: false, reason: `The entry on line ${p.line} no longer reads "Medium -Battle of bytes" (it changed since the check), so it was left as it is.` });
		expect(await noteText(h.app, PATH)).toBe(changed);
	});

	it("renumbers the category in the open note as one editor transaction, so one undo reverts it", async () => {
		const h = await openView(FILES);
		const { editor } = await openInEditor(h.app, PATH);
		const transaction = vi.spyOn(editor, "transaction");
		const process = vi.spyOn(h.app.vault, "process");
		click(modeButton(h, "Problems"));
		click(fixButton(h, "renumber"));
		await vi.waitFor(() => expect(editor.getValue()).toContain("[2. Blog - Skips a number]"));
		expect(transaction).toHaveBeenCalledTimes(1);
		expect(process).not.toHaveBeenCalled();
		expect(editor.getValue()).toBe(FILES[PATH].replace("[3. Blog", "[2. Blog"));
	});

	it("drops the tracking parameters, keeping the rest of the link", async () => {
		const h = await openView(FILES);
		click(modeButton(h, "Problems"));
		click(fixButton(h, "replace-url"));
		await vi.waitFor(async () => expect(await noteText(h.app, PATH)).toContain("(https://blog.example/skip?id=2)"));
	});

	it("lists the link check's problems with the fix for a link that moved for good", async () => {
		const h = await openView(FILES);
		const url = "https://medium.com/x/battle";
		const status = { status: "redirected" as const, checked: "2025-09-10", finalUrl: "https://medium.com/new/battle", permanent: true };
		Object.assign(h.host, {
			linkHealth: {
				linkStatus: (u: string) => (u === url ? status : null),
				problems: () => [{ code: "link-redirected", severity: "info", path: PATH, line: 9, message: `The link of "Medium -Battle of bytes" in "Kubernetes" moved for good to ${status.finalUrl} (checked on 2025-09-10).` }],
			},
		});
		click(modeButton(h, "Problems"));
		expect(codes(h)).toContain("link-redirected");
		const update = [...panel(h).querySelectorAll<HTMLButtonElement>('[data-fix="replace-url"]')].find((b) => b.textContent.startsWith("Update to"))!;
		click(update);
		await vi.waitFor(async () => expect(await noteText(h.app, PATH)).toContain("(https://medium.com/new/battle)"));
	});
});

describe("the check's modal", () => {
	it("shows the same list, with the fixes", async () => {
		const h = await openView(FILES);
		const modal = new ProblemsModal(h.host, "Problems", checkIndex(h.host.live.index), () => checkIndex(h.host.live.index));
		modal.open();
		const items = [...modal.contentEl.querySelectorAll(".digest-curator-problem")];
		expect(items.map((i) => i.querySelector(".digest-curator-problem-severity")!.textContent)).toEqual(["Warning", "Warning", "Note"]);
		expect(modal.contentEl.querySelectorAll("[data-fix]")).toHaveLength(3);
		modal.close();
	});
});

describe("Problems mode, drawn again", () => {
	it("keeps the focus on the same control when the list is drawn again", async () => {
		const h = await openView(FILES);
		click(modeButton(h, "Problems"));
		const b = panel(h).querySelector<HTMLButtonElement>('[data-fix="replace-url"]')!;
		b.focus();
		h.view.refresh("keep");
		const now = panel(h).querySelector<HTMLButtonElement>('[data-fix="replace-url"]')!;
		expect(now).not.toBe(b);
		expect(document.activeElement).toBe(now);
	});
});
