/**
 * The browser tests never reach the internet: every page the sandbox opens fails requests to any
 * host but the sandbox's own server, as it would offline.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSandboxPage, startSandbox, type Sandbox } from "./sandbox";

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => {
	await sandbox?.close();
});

describe("the sandbox's network", () => {
	it("fails a request to the internet and serves the sandbox's own", async () => {
		const { page, errors } = await openSandboxPage(sandbox);
		const failed: string[] = [];
		page.on("requestfailed", (r) => failed.push(`${new URL(r.url()).hostname} ${r.failure()?.errorText ?? ""}`));
		const outside = await page.evaluate(() =>
			fetch("https://example.com/").then(
				() => "reached",
				(e: unknown) => `failed: ${e instanceof Error ? e.name : String(e)}`,
			),
		);
		expect(outside).toBe("failed: TypeError");
		// Stopped by the tests' guard, not by whatever this machine's network does with it.
		expect(failed).toEqual(["example.com net::ERR_INTERNET_DISCONNECTED"]);
		const own = await page.evaluate(() => fetch(location.href).then((r) => r.status));
		expect(own).toBe(200);
		await page.close();
		// The console reports the failed request; nothing else went wrong.
		expect(errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED"))).toEqual([]);
	});
});
