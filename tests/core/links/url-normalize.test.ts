import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { isOpenableUrl, isWebUrl, normalizeUrl } from "../../../src/core/links/url-normalize";

describe("normalizeUrl", () => {
	it("normalises the format contract's example", () => {
		expect(normalizeUrl("https://www.Example.com/a/?utm_source=x&b=2&a=1#frag")).toBe("https://example.com/a?a=1&b=2");
	});

	it("lower-cases scheme and host", () => {
		expect(normalizeUrl("HTTPS://EXAMPLE.COM/x")).toBe("https://example.com/x");
		expect(normalizeUrl("HtTp://Example.Org")).toBe("https://example.org");
	});

	it("treats http as https", () => {
		expect(normalizeUrl("http://example.com/")).toBe(normalizeUrl("https://example.com"));
		expect(normalizeUrl("http://example.com/a")).toBe("https://example.com/a");
	});

	it("drops a leading www.", () => {
		expect(normalizeUrl("https://www.example.com/a")).toBe("https://example.com/a");
		expect(normalizeUrl("https://WWW.example.com")).toBe("https://example.com");
		// Only a leading label: `www` elsewhere stays.
		expect(normalizeUrl("https://sub.www.example.com")).toBe("https://sub.www.example.com");
		expect(normalizeUrl("https://www2.example.com")).toBe("https://www2.example.com");
	});

	it("drops the fragment", () => {
		expect(normalizeUrl("https://example.com/a#section")).toBe("https://example.com/a");
		expect(normalizeUrl("https://example.com/a?b=1#x?c=2")).toBe("https://example.com/a?b=1");
		expect(normalizeUrl("https://example.com#top")).toBe("https://example.com");
	});

	it("drops a trailing slash", () => {
		expect(normalizeUrl("https://example.com/a/b/")).toBe("https://example.com/a/b");
		expect(normalizeUrl("https://example.com/")).toBe("https://example.com");
		expect(normalizeUrl("https://example.com/a/?q=1")).toBe("https://example.com/a?q=1");
	});

	it("drops tracking parameters", () => {
		const tracked = ["fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref_src", "spm"];
		for (const key of tracked) {
			expect(normalizeUrl(`https://example.com/a?${key}=1&keep=2`)).toBe("https://example.com/a?keep=2");
		}
		expect(normalizeUrl("https://example.com/?utm_source=a&utm_medium=b&utm_whatever=c")).toBe("https://example.com");
		expect(normalizeUrl("https://example.com/?UTM_Campaign=a&FBCLID=b&x=1")).toBe("https://example.com?x=1");
		// A key that merely contains a tracking name is kept.
		expect(normalizeUrl("https://example.com/?my_utm_source=a&spmx=1")).toBe("https://example.com?my_utm_source=a&spmx=1");
	});

	it("sorts the remaining query parameters stably, keeping duplicate keys in order", () => {
		expect(normalizeUrl("https://example.com/?b=2&a=1&c=3")).toBe("https://example.com?a=1&b=2&c=3");
		expect(normalizeUrl("https://example.com/?t=2&a=9&t=1&a=3")).toBe("https://example.com?a=9&a=3&t=2&t=1");
		expect(normalizeUrl("https://example.com/?flag&a=1")).toBe("https://example.com?a=1&flag");
		expect(normalizeUrl("https://example.com/a?b=1&a=2")).toBe(normalizeUrl("https://example.com/a?a=2&b=1"));
	});

	it("leaves no ? for an empty query", () => {
		expect(normalizeUrl("https://example.com/a?")).toBe("https://example.com/a");
		expect(normalizeUrl("https://example.com/a?&&")).toBe("https://example.com/a");
		expect(normalizeUrl("https://example.com/a?utm_source=x")).toBe("https://example.com/a");
	});

	it("drops default ports and keeps others", () => {
		expect(normalizeUrl("http://example.com:80/a")).toBe("https://example.com/a");
		expect(normalizeUrl("https://example.com:443/a")).toBe("https://example.com/a");
		expect(normalizeUrl("https://example.com:/a")).toBe("https://example.com/a");
		expect(normalizeUrl("https://example.com:8080/a")).toBe("https://example.com:8080/a");
		expect(normalizeUrl("https://[::1]:443/a")).toBe("https://[::1]/a");
		expect(normalizeUrl("https://[::1]:8080")).toBe("https://[::1]:8080");
	});

	it("keeps the path's case and percent-encoding as written", () => {
		expect(normalizeUrl("https://example.com/Some/Path")).toBe("https://example.com/Some/Path");
		expect(normalizeUrl("https://example.com/Some/Path")).not.toBe(normalizeUrl("https://example.com/some/path"));
		expect(normalizeUrl("https://example.com/a%2Fb%20c")).toBe("https://example.com/a%2Fb%20c");
	});

	it("keeps user info as written but lower-cases the host", () => {
		expect(normalizeUrl("https://User:Pw@WWW.Example.com/")).toBe("https://User:Pw@example.com");
	});

	it("combines the rules", () => {
		const a = "HTTP://WWW.Blog.Example.com:80/Post/?utm_medium=email&z=1&fbclid=abc&a=2#comments";
		const b = "https://blog.example.com/Post?a=2&z=1";
		expect(normalizeUrl(a)).toBe(b);
		expect(normalizeUrl(b)).toBe(b);
	});

	it("trims surrounding whitespace", () => {
		expect(normalizeUrl("  https://example.com/a/ \n")).toBe("https://example.com/a");
	});

	it("returns a sensible key for input that is not a web URL", () => {
		expect(normalizeUrl("")).toBe("");
		expect(normalizeUrl("   ")).toBe("");
		expect(normalizeUrl(" Notes/Other Note.md ")).toBe("Notes/Other Note.md");
		expect(normalizeUrl("MAILTO:Someone@Example.com")).toBe("mailto:Someone@Example.com");
		expect(normalizeUrl("obsidian://open?vault=V&file=F")).toBe("obsidian://open?vault=V&file=F");
		expect(normalizeUrl("C:\\Users\\x")).toBe("C:\\Users\\x");
		expect(normalizeUrl("not a url at all")).toBe("not a url at all");
		expect(normalizeUrl("//example.com/x")).toBe("//example.com/x");
	});

	it("never throws, on any string", () => {
		fc.assert(
			fc.property(fc.string(), (s) => {
				expect(typeof normalizeUrl(s)).toBe("string");
			}),
		);
		fc.assert(
			fc.property(fc.string(), (s) => {
				expect(typeof normalizeUrl("https://" + s)).toBe("string");
			}),
		);
	});

	it("is idempotent on web URLs", () => {
		const webUrl = fc.webUrl({
			withQueryParameters: true,
			withFragments: true,
			authoritySettings: { withPort: true, withUserInfo: true },
		});
		fc.assert(
			fc.property(webUrl, (url) => {
				const once = normalizeUrl(url);
				expect(normalizeUrl(once)).toBe(once);
			}),
		);
	});
});

describe("isWebUrl", () => {
	it("accepts http and https in any case", () => {
		expect(isWebUrl("http://example.com")).toBe(true);
		expect(isWebUrl("HTTPS://example.com")).toBe(true);
		expect(isWebUrl("  https://example.com ")).toBe(true);
	});

	it("rejects other schemes and non-URLs", () => {
		expect(isWebUrl("obsidian://open?vault=V")).toBe(false);
		expect(isWebUrl("mailto:a@b.c")).toBe(false);
		expect(isWebUrl("ftp://example.com")).toBe(false);
		expect(isWebUrl("Notes/http.md")).toBe(false);
		expect(isWebUrl("")).toBe(false);
	});
});

describe("isOpenableUrl", () => {
	it("accepts http, https and obsidian in any case", () => {
		expect(isOpenableUrl("http://example.com")).toBe(true);
		expect(isOpenableUrl("https://example.com")).toBe(true);
		expect(isOpenableUrl("obsidian://open?vault=V&file=F")).toBe(true);
		expect(isOpenableUrl(" OBSIDIAN://open")).toBe(true);
	});

	it("rejects every other scheme", () => {
		expect(isOpenableUrl("javascript:alert(1)")).toBe(false);
		expect(isOpenableUrl("  JavaScript:alert(1)")).toBe(false);
		expect(isOpenableUrl("java\tscript:alert(1)")).toBe(false);
		expect(isOpenableUrl("data:text/html,x")).toBe(false);
		expect(isOpenableUrl("file:///etc/passwd")).toBe(false);
		expect(isOpenableUrl("vbscript:x")).toBe(false);
		expect(isOpenableUrl("relative/path")).toBe(false);
		expect(isOpenableUrl("")).toBe(false);
	});
});
