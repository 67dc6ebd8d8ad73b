// @ts-check
import { defineConfig, globalIgnores } from "eslint/config";
import obsidianmd from "eslint-plugin-obsidianmd";
import globals from "globals";

export default defineConfig([
	globalIgnores([
		"node_modules/",
		"main.js",
		"dist/",
		"example-vault/",
		"coverage/",
		"test-results/",
		"package-lock.json",
		// The bookmarklet runs in a web page, not in Obsidian; tests/core/capture runs it.
		"docs/capture/",
	]),

	// eslint core + typescript-eslint recommendedTypeChecked + Obsidian rules.
	...obsidianmd.configs.recommended,

	// Typed linting: use the tsconfig project; files outside it (the config
	// files themselves) fall back to the default project.
	{
		languageOptions: {
			parserOptions: {
				projectService: {
					allowDefaultProject: ["eslint.config.mjs", "esbuild.config.mjs", "version-bump.mjs", "scripts/*.mjs", "bench/*.mjs", "sandbox/*.mjs"],
				},
				tsconfigRootDir: import.meta.dirname,
			},
		},
	},

	// Node-side code: the CLI, build scripts, tests and benchmarks run under
	// Node, not inside Obsidian, so Node modules, Node globals and console
	// output are fine there.
	{
		files: [
			"src/cli/**",
			"tests/**",
			"bench/**",
			"scripts/**",
			"sandbox/build.mjs",
			"*.mjs",
			"vitest.config.ts",
		],
		languageOptions: {
			globals: { ...globals.node },
		},
		rules: {
			"obsidianmd/no-nodejs-modules": "off",
			"obsidianmd/rule-custom-message": "off",
			"no-console": "off",
			"import/no-extraneous-dependencies": "off",
			// Node has no pop-out windows and no requestUrl: its own timers and fetch are the right ones.
			"obsidianmd/prefer-window-timers": "off",
			"no-restricted-globals": "off",
		},
	},
]);
