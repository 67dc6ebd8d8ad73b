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

/**
 * Declarations whose colour is lost where color-mix() is unknown (Safari before 16.2): a plain
 * property needs the same property with a plain value just before it; a custom property holding
 * color-mix() must sit inside an @supports block that tests for it.
 */
export function colorMixWithoutFallback(css: string): string[] {
	const text = css.replace(/\/\*[\s\S]*?\*\//g, "");
	const out: string[] = [];
	let supports = 0;
	let depth = 0;
	let previous = "";
	for (const raw of text.split("\n")) {
		const line = raw.trim();
		if (line.startsWith("@supports") && line.includes("color-mix")) supports = depth + 1;
		for (const c of line) {
			if (c === "{") depth++;
			else if (c === "}") {
				depth--;
				if (depth < supports) supports = 0;
			}
		}
		const decl = /^(--?[\w-]+|[a-z-]+)\s*:\s*(.*);$/.exec(line);
		if (!decl) continue;
		const [, prop, value] = decl;
		if (value!.includes("color-mix(")) {
			if (prop!.startsWith("--")) {
				if (supports === 0) out.push(line);
			} else if (!previous.startsWith(`${prop}:`) || previous.includes("color-mix(")) out.push(line);
		}
		previous = line;
	}
	return out;
}

describe("styles.css", () => {
	it("gives every color-mix() colour a fallback for older iPhones", () => {
		expect(colorMixWithoutFallback(readFileSync(join(ROOT, "styles.css"), "utf8"))).toEqual([]);
		expect(colorMixWithoutFallback(".a {\n\tcolor: color-mix(in srgb, red 50%, blue);\n}\n")).toHaveLength(1);
		expect(colorMixWithoutFallback(".a {\n\t--x: color-mix(in srgb, red 50%, blue);\n}\n")).toHaveLength(1);
	});

	it("closes every rule it opens, so no later rule is swallowed by an earlier one", () => {
		expect(unbalancedAt(readFileSync(join(ROOT, "styles.css"), "utf8"))).toBeNull();
	});

	it("finds a rule left open, as a merge once left one", () => {
		expect(unbalancedAt(".a {\n\tcolor: red;\n.b {\n\tcolor: blue;\n}\n")).toEqual({ line: 1, reason: "a rule left open" });
		expect(unbalancedAt("@media (x) {\n.a {\n\tcolor: red;\n}\n}\n")).toBeNull();
		expect(unbalancedAt(".a { color: red; }\n}\n")).toEqual({ line: 2, reason: "a closing brace without a rule" });
	});
});
