/**
 * Drives the sandbox page (sandbox/: the built plugin on obsidian-test-mocks) in a real Chromium
 * through playwright-core. Shared by the browser tests and `npm run bench:ui`.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { startSandboxServer, type RunningSandbox, type SandboxRoute } from "../../scripts/serve-sandbox.mjs";

export const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";

const CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export interface Sandbox {
	server: RunningSandbox;
	browser: Browser;
	close(): Promise<void>;
}

/** Starts the sandbox server on a free port and Chromium; fails (never skips) without a browser. */
export async function startSandbox(options: { routes?: Record<string, SandboxRoute>; extraArgs?: string[] } = {}): Promise<Sandbox> {
	if (!existsSync(CHROME_PATH)) {
		throw new Error(
			`No Chromium at ${CHROME_PATH}: the browser tests run the sandbox in a real browser. Install one ` +
				`("sudo apt-get install chromium" on Debian/Ubuntu) or point CHROME_PATH at a Chrome or Chromium binary.`,
		);
	}
	const server = await startSandboxServer({ port: 0, routes: options.routes });
	let browser: Browser;
	try {
		browser = await chromium.launch({ executablePath: CHROME_PATH, args: [...CHROME_ARGS, ...(options.extraArgs ?? [])] });
	} catch (e) {
		await server.close();
		throw e;
	}
	return {
		server,
		browser,
		close: async () => {
			await browser.close();
			await server.close();
		},
	};
}

export interface OpenPage {
	page: Page;
	/** Uncaught errors and console errors of the page. */
	errors: string[];
}

/** A new page on the sandbox, once its index is built and its browser view open; `device` emulates a touch screen. */
export async function openSandboxPage(sandbox: Sandbox, query = "", viewport = { width: 1400, height: 900 }, device: { hasTouch?: boolean; isMobile?: boolean } = {}): Promise<OpenPage> {
	const page = await sandbox.browser.newPage({ viewport, ...device });
	// tsx (esbuild's keepNames) wraps named functions in `__name(...)`: functions handed to
	// page.evaluate from a script run by tsx need it in the page too.
	await page.addInitScript({ content: "window.__name = (fn) => fn;" });
	// Never the internet: the sandbox's requestUrl is the page's fetch, so a request to any host but
	// the sandbox's own server fails as it would offline (a test may route a host of its own on top).
	await page.route(
		(url) => url.hostname !== "127.0.0.1" && url.hostname !== "localhost",
		(route) => route.abort("internetdisconnected"),
	);
	const errors: string[] = [];
	page.on("pageerror", (e) => errors.push(e.message));
	page.on("console", (m) => {
		if (m.type() === "error") errors.push(m.text());
	});
	await page.goto(new URL(query, sandbox.server.url.replace("localhost", "127.0.0.1")).href);
	await page.evaluate(() => window.sandbox.ready);
	return { page, errors };
}
