// Installs the freshly built plugin into example-vault/, runs the CLI's check on it, then serves the
// sandbox (the built plugin in a browser, on the example vault) until Ctrl+C.
// Run through `npm run demo`, which builds first; `npm run demo -- --port N` picks the port.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { portFromArgs, serveUntilInterrupted } from "./serve-sandbox.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const VAULT = "example-vault";
const pluginDir = join(root, VAULT, ".obsidian", "plugins", "digest-curator");
const PLUGIN_FILES = ["main.js", "manifest.json", "styles.css"];
const CLI = join("dist", "cli.cjs");

function fail(message) {
	console.error(`demo: ${message}`);
	process.exit(1);
}

const missing = [...PLUGIN_FILES, CLI].filter((f) => !existsSync(join(root, f)));
if (missing.length > 0) fail(`missing build output: ${missing.join(", ")}. Run "npm run build" first (or "npm run demo", which builds).`);
if (!existsSync(join(root, VAULT))) fail(`${VAULT}/ is missing.`);

mkdirSync(pluginDir, { recursive: true });
for (const f of PLUGIN_FILES) copyFileSync(join(root, f), join(pluginDir, f));
console.log(`Installed ${PLUGIN_FILES.join(", ")} into ${VAULT}/.obsidian/plugins/digest-curator/.\n`);

console.log(`$ node ${CLI} check ${VAULT}`);
const check = spawnSync(process.execPath, [CLI, "check", VAULT], { cwd: root, encoding: "utf8" });
if (check.error) fail(`could not run the CLI: ${check.error.message}`);
process.stdout.write(check.stdout);
process.stderr.write(check.stderr);
// 0: no errors (warnings are expected: the vault has deliberate problems); 1: errors found.
// Anything else (2: bad usage or unreadable vault, or a crash) means the demo itself is broken.
if (check.status !== 0 && check.status !== 1) fail(`the check failed to run (exit ${check.status ?? check.signal}).`);
if (check.status === 1) console.log("\n(check found errors; the example vault is meant to show warnings only.)");

console.log(`
Open ${VAULT}/ in Obsidian (Open folder as vault), then turn on community plugins
(Settings > Community plugins) so Digest Curator loads. Start with Welcome.md.

No Obsidian at hand? The sandbox runs the same main.js in your browser, with an in-memory
stand-in for Obsidian (obsidian-test-mocks): the digest browser, an editor with the plugin's
marks and a button per command.
`);

await serveUntilInterrupted(portFromArgs());
