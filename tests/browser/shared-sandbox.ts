/**
 * The lifecycle the browser test files share: one sandbox (server and Chromium) for the whole file,
 * started before its tests and closed after them. A sandbox that cannot start fails each test
 * with the reason (never skips it).
 */
import { afterAll, beforeAll } from "vitest";
import { startSandbox, type Sandbox } from "./sandbox";

export interface SharedSandbox {
	/** The file's sandbox; throws why it could not start. */
	get(): Sandbox;
	/** Whether it started (an afterEach has a page to close only then). */
	started(): boolean;
}

export function sharedSandbox(options?: Parameters<typeof startSandbox>[0]): SharedSandbox {
	let sandbox: Sandbox | undefined;
	let startError: unknown = null;
	beforeAll(async () => {
		try {
			sandbox = await startSandbox(options);
		} catch (e) {
			startError = e;
		}
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	return {
		get: () => {
			if (!sandbox) throw startError instanceof Error ? startError : new Error(String(startError));
			return sandbox;
		},
		started: () => sandbox !== undefined,
	};
}
