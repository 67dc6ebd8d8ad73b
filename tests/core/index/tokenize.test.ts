import { describe, expect, it } from "vitest";
import { queryTerms, tokenize } from "../../../src/core/index/tokenize";

describe("tokenize", () => {
	it("cuts lower-cased text into runs of letters, digits, marks and _", () => {
		expect(tokenize("Kubernetes: the K8s way (v1.29) — utm_source=x, #deep-dive")).toEqual(["kubernetes", "the", "k8s", "way", "v1", "29", "utm_source", "x", "deep", "dive"]);
	});

	it("gives each word once", () => {
		expect(tokenize("a b a B")).toEqual(["a", "b"]);
	});

	it("keeps non-Latin scripts and accented letters in one word", () => {
		expect(tokenize("日本語のテキスト, Ελληνικά и Русский! Straße")).toEqual(["日本語のテキスト", "ελληνικά", "и", "русский", "straße"]);
	});

	it("composes accents, so both spellings of café are one word", () => {
		expect(tokenize("Cafe\u0301 CAFÉ café")).toEqual(["café"]);
	});

	it("treats emoji and symbols as separators, including astral ones", () => {
		expect(tokenize("ship🚀it ⭐star 𝒜lpha")).toEqual(["ship", "it", "star", "𝒜lpha"]);
	});

	it("finds nothing in punctuation", () => {
		expect(tokenize(" .-#/ ")).toEqual([]);
		expect(tokenize("")).toEqual([]);
	});
});

describe("queryTerms", () => {
	it("splits like the text and drops terms inside other terms", () => {
		expect(queryTerms("cncf.example.org").sort()).toEqual(["cncf", "example", "org"]);
		expect(queryTerms("#mesh")).toEqual(["mesh"]);
		expect(queryTerms("kube Kubernetes netes")).toEqual(["kubernetes"]);
		expect(queryTerms("  ... ")).toEqual([]);
	});
});
