import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readSimpleFrontmatter } from "../../../src/core/format/simple-frontmatter";

const read = (yaml: string) => {
	const lines = yaml.split("\n");
	return readSimpleFrontmatter(lines, 0, lines.length);
};

describe("readSimpleFrontmatter", () => {
	it("reads the frontmatter digests usually have", () => {
		expect(read('title: "Weekly Links: 01-09-2025 to 14-09-2025"\ntags:\n  - weeklylinks\n  - collections\ndraft: true')).toEqual({
			title: "Weekly Links: 01-09-2025 to 14-09-2025",
			tags: ["weeklylinks", "collections"],
			draft: true,
		});
		expect(read("title: Plain title here\ntags: [a, 'b c']\n# a comment\ncover: 'x.png'")).toEqual({ title: "Plain title here", tags: ["a", "b c"], cover: "x.png" });
	});

	it("reads names of Object's own properties as plain strings", () => {
		// Found by the property test below: "toString" once read as Object.prototype.toString.
		expect(read("title: toString\ntags: [constructor, hasOwnProperty]")).toEqual({ title: "toString", tags: ["constructor", "hasOwnProperty"] });
		expect(read("A: valueOf")).toEqual(parse("A: valueOf"));
	});

	it("leaves to the full parser anything it cannot be sure of", () => {
		for (const yaml of [
			"title: a: b",
			"title: 2025",
			"title: null",
			'title: "esc\\"aped"',
			"title: |\n  block",
			"tags:\n  - a\n    - b",
			"tags:\n  - 1",
			"title: a\ntitle: b",
			"nested:\n  key: v",
			"title: x # comment",
			"tags: [a, [b]]",
			"tags:",
			"- a",
			"title: 'it''s'",
			"date: 2025-01-01",
		]) {
			expect(read(yaml), yaml).toBeNull();
		}
	});

	it("agrees with a full YAML parser whenever it answers", () => {
		const word = fc.stringMatching(/^[A-Za-z0-9 :#'"\-[\],.!&*|>%@`~?{}]{0,12}$/);
		const value = fc.oneof(word, word.map((w) => `"${w}"`), word.map((w) => `'${w}'`), fc.array(word, { maxLength: 3 }).map((a) => `[${a.join(", ")}]`), fc.constantFrom("true", "False", "null", "~", "1.5", "0x1F", ".inf"));
		const line = fc.oneof(
			fc.tuple(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,6}$/), value).map(([k, v]) => `${k}: ${v}`),
			fc.tuple(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,6}$/), fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom("", "  ", "    ")).map(([k, items, indent]) => `${k}:\n${items.map((i) => `${indent}- ${i}`).join("\n")}`),
			fc.constant("# note"),
			fc.constant(""),
		);
		fc.assert(
			fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
				const yaml = lines.join("\n");
				const fast = read(yaml);
				if (fast === null) return;
				let full: unknown;
				try {
					full = parse(yaml) ?? {};
				} catch {
					throw new Error(`answered for YAML the full parser rejects:\n${yaml}`);
				}
				expect(fast).toEqual(full);
			}),
			{ numRuns: 3000 },
		);
	});
});
