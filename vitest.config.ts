import { configDefaults, defineConfig } from "vitest/config";

// `obsidian` ships types only; tests run against obsidian-test-mocks' in-memory
// implementation. The setup file patches Obsidian's DOM/JS prototype extensions
// (createEl, setText, ...), installs globals (`app`, `createDiv`, `sleep`, ...)
// and `vi.mock`s "obsidian"; the alias makes the mapping explicit for imports
// the mock might miss. The setup file touches `Document.prototype`, so a DOM
// environment (happy-dom) is the default; pure-logic test files may opt into
// `// @vitest-environment node` only if they never import "obsidian".
//
// tests/browser/ is a project of its own: Node tests that drive the sandbox page (sandbox/) in a
// real Chromium through playwright-core, so no DOM environment and no mocks setup in Node. It runs
// after the unit tests (groupOrder) so that the browser does not compete with them for the CPU.
export default defineConfig({
	resolve: {
		// Prefer sources over build output: `import ... from "../main"` must
		// load main.ts, not the bundled main.js sitting next to it.
		extensions: [".ts", ".mts", ".mjs", ".js", ".json"],
		alias: {
			obsidian: "obsidian-test-mocks/obsidian",
		},
	},
	test: {
		testTimeout: 30_000,
		hookTimeout: 30_000,
		projects: [
			{
				extends: true,
				test: {
					name: "unit",
					include: ["tests/**/*.test.ts"],
					exclude: [...configDefaults.exclude, "tests/browser/**", "tests/**/*.node.test.ts"],
					environment: "happy-dom",
					setupFiles: ["obsidian-test-mocks/vitest-setup"],
					sequence: { groupOrder: 0 },
				},
			},
			{
				// Tests that need Node's own globals (fetch, streams) rather than happy-dom's: `*.node.test.ts`.
				extends: true,
				test: {
					name: "node",
					include: ["tests/**/*.node.test.ts"],
					environment: "node",
					sequence: { groupOrder: 0 },
				},
			},
			{
				extends: true,
				test: {
					name: "browser",
					include: ["tests/browser/**/*.test.ts"],
					environment: "node",
					testTimeout: 30_000,
					hookTimeout: 60_000,
					sequence: { groupOrder: 1 },
				},
			},
		],
	},
});
