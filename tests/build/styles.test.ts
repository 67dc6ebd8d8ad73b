import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");

/** Where a stylesheet's braces stop balancing: the line of the first rule left open, or null. */
export function unbalancedAt(css: string): { line: number; reason: string } | null {
	const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "));
	const lines = text.split("\n");
	const open: number[] = [];
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		for (const c of line) {
			if (c === "{") open.push(i + 1);
			else if (c === "}") {
				if (open.length === 0) return { line: i + 1, reason: "a closing brace without a rule" };
				open.pop();
			}
		}
		// Inside a plain rule (not @media or @supports), a line that opens another rule means the one before was never closed.
		if (open.length >= 2 && !/^\s*@/.test(lines[open[0]! - 1]!)) return { line: open[0]!, reason: "a rule left open" };
	}
	return open.length > 0 ? { line: open[open.length - 1]!, reason: "a rule left open at the end" } : null;
}

describe("styles.css", () => {
	it("closes every rule it opens, so no later rule is swallowed by an earlier one", () => {
		expect(unbalancedAt(readFileSync(join(ROOT, "styles.css"), "utf8"))).toBeNull();
	});

	it("finds a rule left open, as a merge once left one", () => {
		expect(unbalancedAt(".a {\n\tcolor: red;\n.b {\n\tcolor: blue;\n}\n")).toEqual({ line: 1, reason: "a rule left open" });
		expect(unbalancedAt("@media (x) {\n.a {\n\tcolor: red;\n}\n}\n")).toBeNull();
		expect(unbalancedAt(".a { color: red; }\n}\n")).toEqual({ line: 2, reason: "a closing brace without a rule" });
	});
});
