import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { suggestForCapture } from "../../../src/core/capture/suggest";
import { hostOf } from "../../../src/core/links/url-host";
import { completeSeries } from "../../../src/core/format/series";
import { DigestIndex } from "../../../src/core/index/digest-index";

const SERIES = completeSeries({ name: "Weekly", tag: "weeklylinks" });

function note(title: string, body: string[]): string {
	return [`---`, `title: "${title}"`, `tags: [weeklylinks]`, `---`, ...body, ""].join("\n");
}

function history(): DigestIndex {
	const index = new DigestIndex({ parseYaml, series: [SERIES] });
	index.setNote(
		"A.md",
		note("Weekly Links: 01-01-2026 to 07-01-2026", [
			"# Kubernetes",
			"[1. Medium - Operators](https://medium.com/a)",
			"[2. Medium - Controllers](https://www.medium.com/b)",
			"# Career",
			"[1. medium - Interviews](https://medium.com/c)",
			"# Security",
			"[1. CNCF - Supply chain](https://www.cncf.io/s)",
		]),
	);
	index.setNote(
		"B.md",
		note("Weekly Links: 08-01-2026 to 14-01-2026", [
			"# Career",
			"[1. Medium - Salaries](https://medium.com/d)",
			"# Kubernetes",
			"[1. Blog - Schedulers](https://blog.example.org/k)",
			"[2. Blog - More schedulers](https://other.example.net/k)",
		]),
	);
	return index;
}

describe("suggestForCapture", () => {
	it("reads the host without www., port or credentials", () => {
		expect(hostOf("https://www.Medium.com/x")).toBe("medium.com");
		expect(hostOf("http://user@cncf.io:8080/y")).toBe("cncf.io");
		expect(hostOf("not a url")).toBeNull();
	});

	it("suggests the category most often used for the host and the usual source label", () => {
		const s = suggestForCapture(history(), "https://medium.com/new-article");
		expect(s.host).toBe("medium.com");
		// Kubernetes twice and Career twice: the tie goes to the category chosen most recently.
		expect(s.category).toEqual({ value: "Career", count: 2, of: 4 });
		// "Medium" three times against "medium" once, counted together, written as most recently.
		expect(s.source).toEqual({ value: "Medium", count: 4, of: 4 });
	});

	it("suggests from the source label when the host was never shared", () => {
		const s = suggestForCapture(history(), "https://new-host.example/x", "blog");
		expect(s).toEqual({ host: "new-host.example", category: { value: "Kubernetes", count: 2, of: 2 }, source: null });
	});

	it("suggests nothing for an unknown host and source", () => {
		expect(suggestForCapture(history(), "https://unknown.example/x")).toEqual({ host: "unknown.example", category: null, source: null });
	});
});
