import { defineConfig } from "vitest/config";

// `obsidian` ships types only; tests run against obsidian-test-mocks' in-memory
// implementation. The setup file patches Obsidian's DOM/JS prototype extensions
// (createEl, setText, ...), installs globals (`app`, `createDiv`, `sleep`, ...)
// and `vi.mock`s "obsidian"; the alias makes the mapping explicit for imports
// the mock might miss. The setup file touches `Document.prototype`, so a DOM
// environment (happy-dom) is the default; pure-logic test files may opt into
// `// @vitest-environment node` only if they never import "obsidian".
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
		include: ["tests/**/*.test.ts"],
		environment: "happy-dom",
		setupFiles: ["obsidian-test-mocks/vitest-setup"],
		testTimeout: 30_000,
		hookTimeout: 30_000,
	},
});
