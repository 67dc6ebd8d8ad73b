import { ButtonComponent } from "obsidian-test-mocks/obsidian";
import { afterEach, describe, expect, it, vi } from "vitest";
import { completeSeries, DEFAULT_SERIES } from "../../../src/core/format/series";
import { newDigestCommand } from "../../../src/plugin/commands/new-digest-action";
import { proposeNewDigest, type NewDigestModal } from "../../../src/plugin/modals/new-digest-modal";
import { digestNote, makeTestHost } from "../support/host";

const SERIES = completeSeries({ ...DEFAULT_SERIES, name: "Weekly links", tag: "weeklylinks", folder: "Digests", fileNameTemplate: "{{year}}/Weekly Links {{start}} to {{end}}" });

const FILES: Record<string, string> = {
	"Digests/2026/Weekly Links 01-10-2026 to 14-10-2026.md": digestNote("Weekly Links: 01-10-2026 to 14-10-2026", ["# Kubernetes", ""]),
	"Digests/2026/Weekly Links 15-10-2026 to 28-10-2026.md": digestNote("Weekly Links: 15-10-2026 to 28-10-2026", ["# Kubernetes", ""]),
};

function field(modal: NewDigestModal, cls: string): string[] {
	return [...modal.contentEl.querySelectorAll(`.${cls}`)].map((el) => el.textContent ?? "");
}

function endInput(modal: NewDigestModal): HTMLInputElement {
	return modal.contentEl.querySelector<HTMLInputElement>("input[name=end]")!;
}

function typeEnd(modal: NewDigestModal, value: string): void {
	const input = endInput(modal);
	input.value = value;
	input.dispatchEvent(new Event("input"));
}

/** Opens the form through the command, keeping its buttons to press them as a user would. */
async function openForm(host: Parameters<typeof newDigestCommand>[0]): Promise<{ modal: NewDigestModal; create: ButtonComponent }> {
	const spy = vi.spyOn(ButtonComponent, "create__");
	const modal = (await newDigestCommand(host))!;
	const buttons = spy.mock.results.map((r) => r.value as ButtonComponent);
	spy.mockRestore();
	return { modal, create: buttons.find((b) => b.buttonEl.textContent === "Create digest")! };
}

afterEach(() => vi.useRealTimers());

describe("New digest form", () => {
	it("proposes the period from the day after the latest digest to today, with its title and file name", async () => {
		vi.useFakeTimers({ now: new Date(2026, 10, 11, 9, 0), toFake: ["Date"] });
		const { host } = await makeTestHost(FILES, [SERIES]);
		const modal = (await newDigestCommand(host))!;
		expect(endInput(modal).value).toBe("11-11-2026");
		expect(field(modal, "digest-curator-new-digest-value")).toEqual([
			"29-10-2026 to 11-11-2026 (14 days)",
			"Weekly Links: 29-10-2026 to 11-11-2026",
			"Digests/2026/Weekly Links 29-10-2026 to 11-11-2026.md",
		]);
		expect(field(modal, "digest-curator-new-digest-warning")).toEqual([]);
		// Nothing is written before the user says so.
		expect(host.app.vault.getFiles()).toHaveLength(2);
	});

	it("follows a changed end date, warns when the period is much longer than usual, and creates that digest", async () => {
		const { host } = await makeTestHost(FILES, [SERIES]);
		const { modal, create } = await openForm(host);
		typeEnd(modal, "30-12-2026");
		expect(field(modal, "digest-curator-new-digest-value")[0]).toBe("29-10-2026 to 30-12-2026 (63 days)");
		expect(field(modal, "digest-curator-new-digest-warning")).toEqual(["This period covers 63 days; the series' digests usually cover 14 days."]);
		expect(create.disabled).toBe(false);
		create.simulateClick__();
		await vi.waitFor(() => expect(host.app.vault.getFileByPath("Digests/2026/Weekly Links 29-10-2026 to 30-12-2026.md")).not.toBeNull());
	});

	it("refuses an end date it cannot read or that the latest digest already covers, and creates nothing", async () => {
		const { host } = await makeTestHost(FILES, [SERIES]);
		const { modal, create } = await openForm(host);
		typeEnd(modal, "2026-12-30");
		expect(field(modal, "digest-curator-form-errors")).toEqual(["Write the end date as DD-MM-YYYY."]);
		expect(create.disabled).toBe(true);
		typeEnd(modal, "20-10-2026");
		expect(field(modal, "digest-curator-form-errors")).toEqual(["The latest digest already covers 20-10-2026: choose a later end date."]);
		expect(create.disabled).toBe(true);
		create.simulateClick__();
		await Promise.resolve();
		expect(host.app.vault.getFiles()).toHaveLength(2);
	});

	it("warns when the previous digest is still a draft", async () => {
		const draft = "Digests/2026/Weekly Links 29-10-2026 to 11-11-2026.md";
		const files = { ...FILES, [draft]: digestNote("Weekly Links: 29-10-2026 to 11-11-2026", ["# Kubernetes", ""]).replace("---\n\n", "draft: true\n---\n\n") };
		const { host } = await makeTestHost(files, [SERIES]);
		const proposal = proposeNewDigest(host, SERIES, { year: 2026, month: 11, day: 25 });
		expect(proposal.warnings).toEqual(["The previous digest, Weekly Links: 29-10-2026 to 11-11-2026, is still a draft."]);
	});

	it("says how to set up a series instead of writing a note with defaults when there is none", async () => {
		const { host } = await makeTestHost(FILES, []);
		expect(await newDigestCommand(host)).toBeNull();
		expect(host.app.vault.getFiles()).toHaveLength(2);
	});
});

describe("New digest form: names", () => {
	it("names the end date by its label and describes it by its description, its error and its warnings", async () => {
		const { host } = await makeTestHost(FILES, [SERIES]);
		const { modal } = await openForm(host);
		const byId = (id: string) => modal.containerEl.querySelector(`[id="${id}"]`);
		const text = (ids: string | null) => (ids ?? "").split(/\s+/).filter((id) => id !== "").map((id) => byId(id)?.textContent ?? `(no #${id})`);
		const end = endInput(modal);
		expect(text(end.getAttribute("aria-labelledby"))).toEqual(["Ends on"]);
		typeEnd(modal, "soon");
		expect(text(end.getAttribute("aria-describedby"))).toEqual(["The period starts the day after the latest digest ends.", "Write the end date as DD-MM-YYYY.", ""]);
	});
});
