// Baseline for the CLI benchmark: a fresh Node process that reads every Markdown note of a vault
// with fs and parses it with @lezer/markdown, doing nothing with the trees. Usage: node bench/lezer-baseline.mjs VAULT
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parser } from "@lezer/markdown";

const root = process.argv[2];
if (!root) {
	process.stderr.write("Usage: node bench/lezer-baseline.mjs VAULT\n");
	process.exit(2);
}

let files = 0;
let nodes = 0;
const walk = (dir) => {
	for (const d of readdirSync(dir, { withFileTypes: true })) {
		if (d.name.startsWith(".")) continue;
		const full = join(dir, d.name);
		if (d.isDirectory()) walk(full);
		else if (d.isFile() && d.name.toLowerCase().endsWith(".md")) {
			const tree = parser.parse(readFileSync(full, "utf8"));
			nodes += tree.length;
			files++;
		}
	}
};
walk(root);
process.stdout.write(`${files} notes parsed, ${nodes} characters covered\n`);
