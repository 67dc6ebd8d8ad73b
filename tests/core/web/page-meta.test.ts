import { describe, expect, it } from "vitest";
import { decodeCharRefs } from "../../../src/core/format/char-refs";
import { MAX_SOURCE_LENGTH, MAX_TITLE_LENGTH, PAGE_META_SCAN_LIMIT, readPageMeta } from "../../../src/core/web/page-meta";

/** Page text decodes as a browser decodes it. */
const decodeEntities = (s: string) => decodeCharRefs(s, true);

// Saved-page shapes as sites really send them: long heads, attributes in any order, both quotes.
const ARTICLE = `<!doctype html>
<html lang="en">
<head>
	<meta charset="utf-8">
	<title>Multi-cluster setup in ten minutes | by A. Writer | Medium</title>
	<meta name="viewport" content="width=device-width, initial-scale=1">
	<meta data-rh="true" property="og:site_name" content="Medium">
	<meta data-rh="true" content="Multi-cluster setup in ten minutes" property="og:title">
	<meta name="twitter:title" content="Twitter title that loses to og:title">
	<script>var x = "<meta property='og:title' content='from a script'>";</script>
</head>
<body><h1>Multi-cluster</h1></body>
</html>`;

const TWITTER_ONLY = `<html><head>
<TITLE>Document title</TITLE>
<META NAME='twitter:title' CONTENT='Fleet management &amp; you'>
</head></html>`;

const TITLE_ONLY = `<html><head><title>
	Go (programming   language) &#8211; Wikipedia
</title></head><body></body></html>`;

describe("readPageMeta", () => {
	it("prefers og:title, whatever the attribute order, and reads og:site_name", () => {
		expect(readPageMeta(ARTICLE, "https://medium.com/@a/multi-cluster-123")).toEqual({
			title: "Multi-cluster setup in ten minutes",
			source: "Medium",
		});
	});

	it("falls back to twitter:title, in any case, with single quotes", () => {
		expect(readPageMeta(TWITTER_ONLY, "https://www.cncf.io/blog/fleet")).toEqual({
			title: "Fleet management & you",
			source: "cncf.io",
		});
	});

	it("falls back to <title>, decoding entities and collapsing whitespace", () => {
		expect(readPageMeta(TITLE_ONLY, "https://en.wikipedia.org/wiki/Go_(language)")).toEqual({
			title: "Go (programming language) – Wikipedia",
			source: "en.wikipedia.org",
		});
	});

	it("takes the host without www. and without changing its case as the URL parser writes it", () => {
		expect(readPageMeta("<title>x</title>", "https://WWW.Example.COM/a").source).toBe("example.com");
		expect(readPageMeta("<title>x</title>", "not a url").source).toBeNull();
	});

	it("skips empty og:title and empty og:site_name", () => {
		const html = `<head><meta property="og:title" content="  "><meta property="og:site_name" content=""><title>Real</title></head>`;
		expect(readPageMeta(html, "http://www.blog.example/p")).toEqual({ title: "Real", source: "blog.example" });
	});

	it("handles unquoted values, self-closing tags and > inside quoted values", () => {
		const html = `<head><meta property=og:site_name content=Blog /><meta content="a > b &quot;c&quot; &#39;d&#x27;" property="og:title"/></head>`;
		expect(readPageMeta(html, "https://x.example")).toEqual({ title: "a > b \"c\" 'd'", source: "Blog" });
	});

	it("ignores tags in comments, scripts and styles", () => {
		const html = `<head><!-- <title>Commented</title> --><style>/* <title>css</title> */</style><script type="x">"<title>js</title>"</script><title>Right</title></head>`;
		expect(readPageMeta(html, "https://x.example").title).toBe("Right");
	});

	it("stops at </head>", () => {
		const html = `<head><meta charset="utf-8"></head><body><meta property="og:title" content="In body"><svg><title>Icon</title></svg></body>`;
		expect(readPageMeta(html, "https://x.example").title).toBeNull();
	});

	it("does not mistake <metadata> or <titles> for meta or title", () => {
		const html = `<head><metadata property="og:title" content="no"><titles>no</titles><title>yes</title></head>`;
		expect(readPageMeta(html, "https://x.example").title).toBe("yes");
	});

	it("reads nothing past the first 512 KB", () => {
		const pad = `<head><meta name="x" content="${"a".repeat(PAGE_META_SCAN_LIMIT)}">`;
		expect(readPageMeta(`${pad}<title>Too late</title></head>`, "https://x.example").title).toBeNull();
	});

	it("reads an unclosed <title> to the end and an unclosed attribute quote without hanging", () => {
		expect(readPageMeta("<head><title>Cut off", "https://x.example").title).toBe("Cut off");
		expect(readPageMeta(`<head><meta property="og:title" content="open`, "https://x.example").title).toBe("open");
	});

	it("stays linear on hostile 5 MB input", () => {
		const hostile = [
			"<meta a=\"".repeat(500_000),
			"<".repeat(5_000_000),
			"<title".repeat(800_000),
			`<meta ${"x ".repeat(2_500_000)}`,
			`<title>${"&#".repeat(2_500_000)}`,
			`<title>${"&x".repeat(2_500_000)};`,
			`<head>${"<script>".repeat(600_000)}`,
			`<!--${"<!-".repeat(1_500_000)}`,
		];
		for (const html of hostile) {
			const start = performance.now();
			readPageMeta(html, "https://x.example");
			expect(performance.now() - start).toBeLessThan(1500);
		}
	});
});

describe("readPageMeta: hostile titles", () => {
	const title = (t: string) => readPageMeta(`<head><title>${t}</title></head>`, "https://x.example").title;

	it("decodes only names HTML has: never a property of Object", () => {
		expect(title("&constructor; &toString; &__proto__; &hasOwnProperty; &Amp; &AMP;")).toBe("&constructor; &toString; &__proto__; &hasOwnProperty; &Amp; &");
	});

	it("decodes every HTML name, case-sensitively, and numeric references as a browser does", () => {
		expect(title("Caf&eacute; &Ouml;l &ouml;l &rarr; &#150; &#x201C;q&#x201D;")).toBe("Café Öl öl → – “q”");
	});

	it("removes control characters and bidi overrides, also when written as references", () => {
		const hostile = "a\u0000b\u0007c\u001Bd\u007Fe\u0085f \u202Eevil\u202C \u2066iso\u2069 \u200Fm\u200E &#x202E;ref&#x202C; &#7;x&#x81; &#x9F;";
		// A numeric reference to a C1 control reads as the Windows-1252 character pages mean by it, where there is one.
		expect(title(hostile)).toBe("abcdef evil iso m ref x Ÿ");
	});

	it("caps a title at a few hundred characters, on a character boundary", () => {
		const long = readPageMeta(`<head><meta property="og:title" content="${"Long title ".repeat(500_000)}"></head>`, "https://x.example").title!;
		expect(long.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH + 1);
		expect(long.startsWith("Long title Long title")).toBe(true);
		expect(long.endsWith("…")).toBe(true);
		const emoji = title("😀".repeat(1000))!;
		expect([...emoji].length).toBe(MAX_TITLE_LENGTH + 1);
		expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
	});

	it("cleans and caps the source the same way", () => {
		const html = `<head><meta property="og:site_name" content="\u202EBlog\u0000 ${"x".repeat(5000)}"><title>T</title></head>`;
		const source = readPageMeta(html, "https://x.example").source!;
		expect(source.startsWith("Blog x")).toBe(true);
		expect(source.length).toBeLessThanOrEqual(MAX_SOURCE_LENGTH + 1);
	});
});

describe("decodeEntities", () => {
	it("decodes named, decimal and hex references and keeps unknown names", () => {
		expect(decodeEntities("&amp;&quot;&#39;&#x27;&lt;&gt;&nbsp;&#8220;&#X201D;&hellip;&bogus;&")).toBe("&\"''<>\u00a0\u201c\u201d…&bogus;&");
	});

	it("decodes only once and replaces invalid code points", () => {
		expect(decodeEntities("&amp;amp; &#0; &#xD800; &#x110000;")).toBe("&amp; \uFFFD \uFFFD \uFFFD");
	});
});
