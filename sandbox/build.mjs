// The sandbox's esbuild step: bundles sandbox/host.ts for the browser, with the example vault
// embedded. esbuild.config.mjs runs it next to the plugin and CLI builds. The plugin itself is NOT
// bundled here: the page fetches the built main.js and runs it, as Obsidian would.
import { readdirSync, readFileSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SANDBOX_OUT_DIR = join(ROOT, "dist", "sandbox");
const VAULT_DIR = join(ROOT, "example-vault");
const PLUGIN_ID = "digest-curator";
const VAULT_MODULE = "sandbox-vault:example";

const TEXT_EXTENSIONS = new Set([".md", ".json", ".canvas", ".txt", ".css", ".svg"]);

function walk(dir, out) {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) walk(full, out);
		else if (entry.isFile()) out.push(full);
	}
	return out;
}

/**
 * Every file of example-vault/ by vault path, without the .obsidian config folder (and so without
 * the copies `npm run demo` installs there), and the plugin's saved settings from that folder. Text
 * files carry their text; binary files (the cover image) are empty placeholders so that links to
 * them resolve.
 */
export function readExampleVault() {
	const files = {};
	let pluginData = null;
	for (const full of walk(VAULT_DIR, []).sort()) {
		const path = relative(VAULT_DIR, full).split(sep).join("/");
		// The config folder is not part of the vault's files in Obsidian; only the plugin's saved data is used.
		if (path === `.obsidian/plugins/${PLUGIN_ID}/data.json`) pluginData = JSON.parse(readFileSync(full, "utf8"));
		if (path.startsWith(".")) continue;
		files[path] = TEXT_EXTENSIONS.has(extname(full).toLowerCase()) ? readFileSync(full, "utf8") : "";
	}
	return { files, pluginData };
}

/** Resolves `import vault from "sandbox-vault:example"` to the vault read at build time. */
const exampleVaultPlugin = {
	name: "sandbox-example-vault",
	setup(build) {
		build.onResolve({ filter: /^sandbox-vault:example$/ }, () => ({ path: VAULT_MODULE, namespace: "sandbox-vault" }));
		build.onLoad({ filter: /.*/, namespace: "sandbox-vault" }, () => ({
			contents: JSON.stringify(readExampleVault()),
			loader: "json",
			watchFiles: walk(VAULT_DIR, []),
		}));
	},
};

/** esbuild options of the sandbox page's script. */
export function sandboxBuildOptions(prod) {
	return {
		entryPoints: [join(ROOT, "sandbox", "host.ts")],
		bundle: true,
		platform: "browser",
		format: "iife",
		target: "es2020",
		logLevel: "info",
		sourcemap: prod ? false : "inline",
		treeShaking: true,
		outfile: join(SANDBOX_OUT_DIR, "host.js"),
		minify: prod,
		plugins: [exampleVaultPlugin],
	};
}
