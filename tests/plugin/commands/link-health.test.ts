import { requestUrl, type RequestUrlParam, type RequestUrlResponse, type RequestUrlResponsePromise } from "obsidian";
import { ButtonComponent, Notice } from "obsidian-test-mocks/obsidian";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { completeSeries } from "../../../src/core/format/series";
import { LinkTimeout } from "../../../src/core/web/link-check";
import { archivedCopy } from "../../../src/plugin/commands/link-fix-actions";
import { LinkHealth } from "../../../src/plugin/commands/link-health";
import { requestUrlFetcher } from "../../../src/plugin/commands/request-fetcher";
import { LinkFixesModal } from "../../../src/plugin/modals/link-fixes-modal";
import { noteText } from "../support/editor";
import { makeTestHost } from "../support/host";

vi.mock("obsidian", async (importOriginal) => ({
	...(await importOriginal<typeof import("obsidian")>()),
	requestUrl: vi.fn(),
}));

const mocked = vi.mocked(requestUrl);

/** requestUrl's answer: a promise of the response that also carries promises of its parts. */
function answer(status: number, headers: Record<string, string> = {}, json: unknown = null): RequestUrlResponsePromise {
	const response = Promise.resolve<RequestUrlResponse>({ status, headers, text: "", arrayBuffer: new ArrayBuffer(0), json });
	return Object.assign(response, { status: Promise.resolve(status), headers: Promise.resolve(headers), arrayBuffer: Promise.resolve(new ArrayBuffer(0)), json: Promise.resolve(json), text: Promise.resolve("") });
}

function pending(): { promise: RequestUrlResponsePromise; resolve: (status: number) => void } {
	let resolve!: (status: number) => void;
	const p = new Promise<RequestUrlResponse>((r) => (resolve = (status) => r({ status, headers: {}, text: "", arrayBuffer: new ArrayBuffer(0), json: null })));
	return { promise: Object.assign(p, {}) as unknown as RequestUrlResponsePromise, resolve };
}

const SERIES = completeSeries({ name: "Weekly links", tag: "weeklylinks" });
const PATH = "Weekly 01-09-2025 to 14-09-2025.md";
const NOTE = [
	"---",
	'title: "Weekly: 01-09-2025 to 14-09-2025"',
	"tags: [weeklylinks]",
	"---",
	"# Tools",
	"",
	"[1. A - Dead one](https://a.example/dead)",
	"",
	"- Was good.",
	"",
	"[2. B - Moved one](https://b.example/old)",
	"",
	"[3. C - Fine one](https://c.example/ok)",
	"",
	"[4. Note link](obsidian://open?file=x)",
	"",
].join("\n");

/** The sites as the mocked requestUrl answers them (a 301 stands for a fetcher that sees redirects). */
function sites(req: RequestUrlParam | string): RequestUrlResponsePromise {
	const url = typeof req === "string" ? req : req.url;
	if (url === "https://a.example/dead") return answer(404);
	if (url === "https://b.example/old") return answer(301, { Location: "https://b.example/new" });
	if (url.startsWith("https://archive.org/wayback/available?url=")) {
		return answer(200, {}, { archived_snapshots: { closest: { available: true, status: "200", timestamp: "20240131120000", url: `http://web.archive.org/web/20240131120000/${decodeURIComponent(url.split("url=")[1]!)}` } } });
	}
	return answer(200);
}

let buttons: ButtonComponent[] = [];

beforeEach(() => {
	buttons = [];
	const create = ButtonComponent.create__.bind(ButtonComponent);
	vi.spyOn(ButtonComponent, "create__").mockImplementation((el) => {
		const b = create(el);
		buttons.push(b);
		return b;
	});
});

afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
	mocked.mockReset();
});

describe("requestUrlFetcher", () => {
	it("reports requestUrl's status and Location, asks it not to throw, and sends the check's headers", async () => {
		mocked.mockImplementation(sites);
		await expect(requestUrlFetcher()({ url: "https://b.example/old", method: "HEAD", headers: { "User-Agent": "x" }, timeoutMs: 1000 })).resolves.toEqual({ status: 301, location: "https://b.example/new" });
		expect(mocked).toHaveBeenCalledWith({ url: "https://b.example/old", method: "HEAD", headers: { "User-Agent": "x" }, throw: false });
	});

	it("times out with LinkTimeout, since requestUrl has no timeout of its own", async () => {
		vi.useFakeTimers();
		mocked.mockReturnValue(pending().promise);
		const result = requestUrlFetcher()({ url: "https://slow.example/", method: "HEAD", headers: {}, timeoutMs: 500 });
		const settled = expect(result).rejects.toBeInstanceOf(LinkTimeout);
		await vi.advanceTimersByTimeAsync(500);
		await settled;
	});

	it("turns an unreachable host into an error with requestUrl's reason", async () => {
		mocked.mockReturnValue(Promise.reject(new Error("net::ERR_NAME_NOT_RESOLVED")) as unknown as RequestUrlResponsePromise);
		await expect(requestUrlFetcher()({ url: "https://nowhere.example/", method: "HEAD", headers: {}, timeoutMs: 500 })).rejects.toThrow("net::ERR_NAME_NOT_RESOLVED");
	});
});

describe("LinkHealth", () => {
	it("checks each web link of a digest once, saves what it found with the day, and reports the problems", async () => {
		mocked.mockImplementation(sites);
		const { host } = await makeTestHost({ [PATH]: NOTE }, [SERIES]);
		const save = vi.spyOn(host, "saveSettings");
		const statusEl = document.body.createDiv();
		const health = new LinkHealth(host, statusEl);
		const outcome = await health.check([PATH]);
		// HEAD requests, the redirect followed by hand, the obsidian:// link left alone.
		expect(mocked.mock.calls.map(([r]) => `${(r as RequestUrlParam).method} ${(r as RequestUrlParam).url}`).sort()).toEqual(["HEAD https://a.example/dead", "HEAD https://b.example/new", "HEAD https://b.example/old", "HEAD https://c.example/ok"]);
		expect(outcome).toMatchObject({ checked: 3, total: 3, cancelled: false });
		expect(outcome.problems.map((p) => [p.code, p.line])).toEqual([["link-dead", 7], ["link-redirected", 11]]);
		expect(health.linkStatus("https://a.example/dead")).toMatchObject({ status: "not-found", httpStatus: 404, checked: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as unknown });
		expect(health.linkStatus("https://b.example/old")).toMatchObject({ status: "redirected", finalUrl: "https://b.example/new", permanent: true });
		expect(health.linkStatus("https://c.example/ok")).toMatchObject({ status: "ok" });
		expect(health.linkStatus("obsidian://open?file=x")).toBeNull();
		expect(save).toHaveBeenCalledTimes(1);
		expect(statusEl.textContent).toBe("");
		expect(health.problems()).toEqual(outcome.problems);
	});

	it("shows progress in the status bar, and a second run cancels the first, keeping what was checked", async () => {
		const waits: ((status: number) => void)[] = [];
		mocked.mockImplementation(() => {
			const p = pending();
			waits.push(p.resolve);
			return p.promise;
		});
		const { host } = await makeTestHost({ [PATH]: NOTE }, [SERIES]);
		const statusEl = document.body.createDiv();
		const health = new LinkHealth(host, statusEl, undefined, { concurrency: 1 });
		const first = health.runCommand([PATH]);
		await vi.waitFor(() => expect(waits).toHaveLength(1));
		expect(health.isRunning).toBe(true);
		waits[0]!(200);
		await vi.waitFor(() => expect(statusEl.textContent).toBe("Checking links: 1 of 3"));
		const notices = vi.spyOn(Notice.prototype, "constructor__");
		expect(await health.runCommand([PATH])).toBeNull();
		expect(notices.mock.calls.map(([m]) => m)).toContain("Link check cancelled; what was checked so far is kept.");
		await vi.waitFor(() => expect(waits).toHaveLength(2));
		waits[1]!(200);
		const outcome = await first;
		expect(outcome).toMatchObject({ checked: 2, total: 3, cancelled: true });
		expect(Object.keys(host.settings.linkHealth)).toHaveLength(2);
		expect(health.isRunning).toBe(false);
	});

	it("cancels from the notice's button", async () => {
		const waits: ((status: number) => void)[] = [];
		mocked.mockImplementation(() => {
			const p = pending();
			waits.push(p.resolve);
			return p.promise;
		});
		const { host } = await makeTestHost({ [PATH]: NOTE }, [SERIES]);
		const notices: Notice[] = [];
		const create = vi.spyOn(Notice.prototype, "constructor__").mockImplementation(function (this: Notice) {
			notices.push(this);
		});
		const health = new LinkHealth(host, null, undefined, { concurrency: 1 });
		const run = health.check([PATH]);
		expect(create).toHaveBeenCalled();
		notices[0]!.messageEl.querySelector("button")!.click();
		await vi.waitFor(() => expect(waits).toHaveLength(1));
		waits[0]!(200);
		expect(await run).toMatchObject({ checked: 1, cancelled: true });
	});
});

describe("fixes after a check", () => {
	async function checked() {
		mocked.mockImplementation(sites);
		const t = await makeTestHost({ [PATH]: NOTE }, [SERIES]);
		const health = new LinkHealth(t.host, null);
		const outcome = await health.check([PATH]);
		vi.spyOn(LinkFixesModal.prototype, "open").mockImplementation(function (this: LinkFixesModal) {
			this.onOpen();
		});
		const modal = new LinkFixesModal(t.host, outcome.problems);
		modal.open();
		return { ...t, modal };
	}

	function press(text: string, index = 0): void {
		const b = buttons.filter((x) => x.buttonEl.textContent === text)[index];
		if (!b) throw new Error(`No button "${text}"`);
		b.simulateClick__();
	}

	it("finds the archived copy through the Wayback Machine's availability lookup", async () => {
		mocked.mockImplementation(sites);
		await expect(archivedCopy("https://a.example/dead")).resolves.toEqual({ url: "https://web.archive.org/web/20240131120000/https://a.example/dead", timestamp: "20240131120000" });
		expect((mocked.mock.calls[0]![0] as RequestUrlParam).url).toBe("https://archive.org/wayback/available?url=https%3A%2F%2Fa.example%2Fdead");
	});

	it("replaces a dead link with its archived copy, through the edit layer", async () => {
		const { app, modal } = await checked();
		press("Replace with the archived copy");
		await vi.waitFor(async () => expect(await noteText(app, PATH)).toContain("[1. A - Dead one](https://web.archive.org/web/20240131120000/https://a.example/dead)"));
		expect((await noteText(app, PATH)).split("\n").filter((l) => !l.startsWith("[1."))).toEqual(NOTE.split("\n").filter((l) => !l.startsWith("[1.")));
		expect(modal.contentEl.textContent).toContain("Now links to https://web.archive.org/web/20240131120000/https://a.example/dead.");
	});

	it("adds the archived copy to the commentary, keeping the link", async () => {
		const { app } = await checked();
		press("Add an archived link to the commentary");
		await vi.waitFor(async () => expect(await noteText(app, PATH)).toContain("- Was good.\n- Archived copy (2024-01-31): [web.archive.org](https://web.archive.org/web/20240131120000/https://a.example/dead)\n"));
		expect(await noteText(app, PATH)).toContain("[1. A - Dead one](https://a.example/dead)");
	});

	it("updates a permanently moved link to where it leads", async () => {
		const { app } = await checked();
		press("Update to the final URL");
		await vi.waitFor(async () => expect(await noteText(app, PATH)).toContain("[2. B - Moved one](https://b.example/new)"));
	});

	it("refuses a fix when the entry changed since the check, and says so", async () => {
		const { app, modal } = await checked();
		await app.vault.modify(app.vault.getFileByPath(PATH)!, NOTE.replace("https://b.example/old", "https://b.example/edited"));
		press("Update to the final URL");
		await vi.waitFor(() => expect(modal.contentEl.textContent).toContain("The entry on line 11 no longer links to https://b.example/old, so it was left as it is."));
		expect(await noteText(app, PATH)).toContain("https://b.example/edited");
	});
});
