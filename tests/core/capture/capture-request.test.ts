import { describe, expect, it } from "vitest";
import { captureUri, completeUrl, directEntryProblem, parseCaptureRequest, urlProblem } from "../../../src/core/capture/capture-request";

describe("capture requests", () => {
	it("reads every parameter, with the form as the default mode", () => {
		expect(
			parseCaptureRequest({ url: "https://example.com/a", title: "  A  title ", source: "Blog", category: "Kubernetes", tags: "#k8s, ops", recommended: "yes", comment: "- first\n\nsecond", series: "Weekly", digest: "Weekly/2026/x.md" }),
		).toEqual({
			ok: true,
			request: { mode: "form", url: "https://example.com/a", title: "A title", source: "Blog", category: "Kubernetes", tags: ["k8s", "ops"], recommended: true, commentary: ["first", "second"], series: "Weekly", digest: "Weekly/2026/x.md" },
		});
	});

	it("completes a bare host to https and refuses what is not a web link", () => {
		expect(completeUrl("example.com/x")).toBe("https://example.com/x");
		expect(urlProblem("not a url")).toBe("The URL has spaces in it; give the full address, starting with https://.");
		expect(urlProblem("javascript:alert(1)")).toBe('"javascript:alert(1)" is not a web link: give the full address, starting with https:// or http://.');
		expect(urlProblem("")).toBe("The link's URL is missing.");
		expect(urlProblem("obsidian://open?vault=x")).toBeNull();
		expect(parseCaptureRequest({ title: "No link" })).toEqual({ ok: false, reason: "The link's URL is missing." });
	});

	it("refuses an unknown mode, a wrong recommended value, and a digest path that leaves the vault", () => {
		expect(parseCaptureRequest({ url: "https://e.com/", mode: "delete" })).toEqual({ ok: false, reason: '"delete" is not a capture mode: use form, entry or inbox.' });
		expect(parseCaptureRequest({ url: "https://e.com/", recommended: "maybe" })).toEqual({ ok: false, reason: '"maybe" is not yes or no for recommended.' });
		expect(parseCaptureRequest({ url: "https://e.com/", digest: "../secret.md" })).toEqual({ ok: false, reason: 'The digest path "../secret.md" leaves the vault.' });
		expect(parseCaptureRequest({ url: "https://e.com/", digest: "/etc/passwd" })).toMatchObject({ ok: false });
	});

	it("reads an entry request without a category or title, and says why it needs the form", () => {
		// Such a request opens the insert form filled in (issue 13), so it is no error.
		const noCategory = parseCaptureRequest({ url: "https://e.com/", mode: "entry", title: "T" });
		expect(noCategory).toMatchObject({ ok: true, request: { mode: "entry", category: null, title: "T" } });
		if (noCategory.ok) expect(directEntryProblem(noCategory.request)).toBe("Writing an entry directly needs its category (add &category=...).");
		const noTitle = parseCaptureRequest({ url: "https://e.com/", mode: "entry", category: "C" });
		if (!noTitle.ok) throw new Error(noTitle.reason);
		expect(directEntryProblem(noTitle.request)).toBe("Writing an entry directly needs its title (add &title=...).");
		expect(directEntryProblem({ category: "C", title: "T" })).toBeNull();
		expect(parseCaptureRequest({ url: "https://e.com/", mode: "inbox" })).toMatchObject({ ok: true, request: { mode: "inbox", title: null } });
	});

	it("builds a link that reads back as the same request", () => {
		const uri = captureUri({ url: "https://example.com/a?b=1&c=2", title: "Q & A", comment: "line one\nline two", mode: "inbox" });
		expect(uri).toBe("obsidian://digest-curator?url=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1%26c%3D2&title=Q%20%26%20A&comment=line%20one%0Aline%20two&mode=inbox");
		const params = Object.fromEntries(new URL(uri).searchParams);
		expect(parseCaptureRequest(params)).toMatchObject({ ok: true, request: { url: "https://example.com/a?b=1&c=2", title: "Q & A", commentary: ["line one", "line two"], mode: "inbox" } });
	});
});
