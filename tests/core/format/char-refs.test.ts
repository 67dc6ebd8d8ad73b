import { readFileSync } from "node:fs";
import { characterEntities } from "character-entities";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { decodeCharRefs, namedCharRef, namedCharRefCount, readCharRef } from "../../../src/core/format/char-refs";
import { ENTITY_MODULE, entityModuleSource } from "../../../scripts/html-entities";

describe("the named character reference table", () => {
	it("is what scripts/html-entities.ts writes (run it after updating character-entities)", () => {
		expect(readFileSync(ENTITY_MODULE, "utf8")).toBe(entityModuleSource());
	});

	it("holds exactly the HTML5 names, each with its text", () => {
		const names = Object.keys(characterEntities);
		expect(names.length).toBe(2125);
		expect(namedCharRefCount()).toBe(names.length);
		for (const name of names) expect(namedCharRef(name), name).toBe(characterEntities[name]);
	});

	it("decodes every name as markdown-it (through the entities package) does", () => {
		const utils = new MarkdownIt().utils;
		for (const name of Object.keys(characterEntities)) expect(decodeCharRefs(`&${name};`), name).toBe(utils.unescapeAll(`&${name};`));
	});

	it("knows no name HTML does not have, Object's properties included", () => {
		for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "bogus", "AMp", "ouml2"]) {
			expect(namedCharRef(name), name).toBeUndefined();
			expect(readCharRef(`&${name};`, 0), name).toBeNull();
		}
	});
});

describe("readCharRef and decodeCharRefs", () => {
	it("reads names case-sensitively, and only with their semicolon", () => {
		expect(decodeCharRefs("&Ouml; &ouml; &OUML; &ouml &amp &AMP;")).toBe("Ö ö &OUML; &ouml &amp &");
	});

	it("reads 1-7 decimal and 1-6 hexadecimal digits, as CommonMark does", () => {
		expect(decodeCharRefs("&#65; &#0000065; &#00000065; &#x41; &#X41; &#x0000041; &#x; &#; &#a;")).toBe("A A &#00000065; A A &#x0000041; &#x; &#; &#a;");
		expect(decodeCharRefs("&#0; &#xD800; &#1114112; &#x10FFFF; &#9999999;")).toBe("\uFFFD \uFFFD \uFFFD \u{10FFFF} \uFFFD");
		expect(decodeCharRefs("&#128; &#150;")).toBe("\u0080 \u0096");
	});

	it("reads numeric references as a browser does in a page with html", () => {
		expect(decodeCharRefs("&#150; &#x93;quoted&#x94; &#128; &#00000065;", true)).toBe("– “quoted” € A");
	});

	it("decodes in one pass: a decoded `&` starts nothing", () => {
		expect(decodeCharRefs("&amp;amp; &amp;#65; &&amp;;")).toBe("&amp; &#65; &&;");
		expect(readCharRef("x&amp;y", 1)).toEqual({ text: "&", end: 6 });
	});

	it("is linear on hostile input", () => {
		const start = performance.now();
		for (const s of ["&".repeat(2_000_000), "&#".repeat(1_000_000), "&a".repeat(1_000_000), `&${"a".repeat(2_000_000)};`, "&#x".repeat(700_000)]) decodeCharRefs(s);
		expect(performance.now() - start).toBeLessThan(5000);
	});
});
