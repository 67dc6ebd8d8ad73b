import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { LinkResolver } from "../../../src/core/links/link-resolver";

const VAULT = [
	"Notes/Rust.md",
	"Notes/Go.md",
	"Projects/Go.md",
	"Projects/Deep/Go.md",
	"Projects/Plan.md",
	"Archive/2023/Weekly/Plan.md",
	"Digests/2024/Weekly 01.md",
	"Other Note.md",
	"img/cover.png",
	"v1.2 notes.md",
	"Readme",
];

function resolver(paths: Iterable<string> = VAULT): LinkResolver {
	return new LinkResolver(paths);
}

describe("LinkResolver.resolve", () => {
	it("resolves a link with no folder part and one candidate", () => {
		expect(resolver().resolve("Rust", "Digests/2024/Weekly 01.md")).toBe("Notes/Rust.md");
	});

	it("is case-insensitive and returns the real-cased path", () => {
		expect(resolver().resolve("rUsT", "Go.md")).toBe("Notes/Rust.md");
		expect(resolver().resolve("notes/RUST.MD", "Go.md")).toBe("Notes/Rust.md");
		expect(resolver().resolve("IMG/COVER.PNG", "Go.md")).toBe("img/cover.png");
	});

	it("resolves [[#Heading]] (empty link path) to the linking note", () => {
		expect(resolver().resolve("", "Projects/Plan.md")).toBe("Projects/Plan.md");
		expect(resolver().resolve("", "projects/plan.md")).toBe("Projects/Plan.md");
	});

	it("accepts an explicit .md", () => {
		expect(resolver().resolve("Rust.md", "Go.md")).toBe("Notes/Rust.md");
		expect(resolver().resolve("Notes/Go.md", "Go.md")).toBe("Notes/Go.md");
	});

	it("resolves attachments by their full file name", () => {
		expect(resolver().resolve("cover.png", "Notes/Go.md")).toBe("img/cover.png");
		expect(resolver().resolve("img/cover.png", "Notes/Go.md")).toBe("img/cover.png");
		expect(resolver().resolve("cover", "Notes/Go.md")).toBeNull();
	});

	it("tries the exact name before adding .md, so dotted note names work", () => {
		expect(resolver().resolve("v1.2 notes", "Go.md")).toBe("v1.2 notes.md");
		expect(resolver().resolve("Readme", "Go.md")).toBe("Readme");
		expect(resolver(["Readme", "Readme.md"]).resolve("Readme", "Go.md")).toBe("Readme");
		expect(resolver(["Readme", "Readme.md"]).resolve("Readme.md", "Go.md")).toBe("Readme.md");
	});

	it("lets an exact path from the vault root win, with or without .md", () => {
		// Even over a same-named note in the linking note's folder.
		expect(resolver([...VAULT, "Go.md"]).resolve("Go", "Projects/Plan.md")).toBe("Go.md");
		expect(resolver().resolve("Projects/Go", "Notes/Rust.md")).toBe("Projects/Go.md");
		expect(resolver().resolve("Projects/Go.md", "Notes/Rust.md")).toBe("Projects/Go.md");
		expect(resolver().resolve("/Projects/Go", "Notes/Rust.md")).toBe("Projects/Go.md");
	});

	it("prefers the same-named note under the linking note's folder", () => {
		expect(resolver().resolve("Go", "Projects/Plan.md")).toBe("Projects/Go.md");
		expect(resolver().resolve("Go", "Projects/Deep/Other.md")).toBe("Projects/Deep/Go.md");
		expect(resolver().resolve("Go", "Notes/Rust.md")).toBe("Notes/Go.md");
	});

	it("takes the shortest path when linking from elsewhere", () => {
		expect(resolver().resolve("Go", "Digests/2024/Weekly 01.md")).toBe("Notes/Go.md");
		const r = resolver(["B/c/Plan.md", "Aa/Plan.md", "Ab/Plan.md", "Long folder/Plan.md"]);
		expect(r.resolve("Plan", "Digests/x.md")).toBe("Aa/Plan.md");
		expect(r.resolve("Plan", "B/c/x.md")).toBe("B/c/Plan.md");
	});

	it("resolves [[folder/target]] by folder suffix", () => {
		expect(resolver().resolve("Weekly/Plan", "Go.md")).toBe("Archive/2023/Weekly/Plan.md");
		expect(resolver().resolve("Deep/Go", "Notes/Rust.md")).toBe("Projects/Deep/Go.md");
		// The suffix must start at a folder boundary.
		expect(resolver().resolve("eekly/Plan", "Go.md")).toBeNull();
		expect(resolver().resolve("Nowhere/Go", "Go.md")).toBeNull();
	});

	it("resolves ./ and ../ relative to the linking note's folder", () => {
		expect(resolver().resolve("./Go", "Projects/Plan.md")).toBe("Projects/Go.md");
		expect(resolver().resolve("../Notes/Go.md", "Projects/Plan.md")).toBe("Notes/Go.md");
		expect(resolver().resolve("../Go", "Projects/Deep/Go.md")).toBe("Projects/Go.md");
		expect(resolver().resolve("../../Notes/Go", "Projects/Deep/Go.md")).toBe("Notes/Go.md");
		expect(resolver().resolve("./Other Note", "Top.md")).toBe("Other Note.md");
		expect(resolver().resolve("../../../Go", "Projects/Deep/Go.md")).toBeNull();
	});

	it("does not fall back to name lookup for relative links", () => {
		expect(resolver().resolve("./Rust", "Projects/Plan.md")).toBeNull();
		expect(resolver().resolve("./Go", "Top.md")).toBeNull();
	});

	it("returns null for a missing note", () => {
		expect(resolver().resolve("Missing", "Go.md")).toBeNull();
		expect(resolver().resolve("Notes/Missing", "Go.md")).toBeNull();
		expect(new LinkResolver([]).resolve("Go", "Go.md")).toBeNull();
	});

	it("percent-decodes markdown link destinations", () => {
		expect(resolver().resolve("Other%20Note.md", "Notes/Go.md")).toBe("Other Note.md");
		expect(resolver().resolve("Digests/2024/Weekly%2001", "Go.md")).toBe("Digests/2024/Weekly 01.md");
		expect(resolver().resolve("../Other%20Note.md", "Notes/Go.md")).toBe("Other Note.md");
	});

	it("keeps bad escapes as written instead of throwing", () => {
		const r = resolver(["100% done.md", "Bad %E0%A4%A.md"]);
		expect(r.resolve("100% done", "x.md")).toBe("100% done.md");
		expect(r.resolve("Bad %E0%A4%A", "x.md")).toBe("Bad %E0%A4%A.md");
		expect(r.resolve("%", "x.md")).toBeNull();
	});

	it("trims whitespace around the link", () => {
		expect(resolver().resolve("  Rust ", "Go.md")).toBe("Notes/Rust.md");
	});

	it("never throws and only returns vault paths", () => {
		const r = resolver();
		const known = new Set(VAULT);
		fc.assert(
			fc.property(fc.string(), fc.constantFrom(...VAULT), (link, source) => {
				const result = r.resolve(link, source);
				expect(result === null || known.has(result)).toBe(true);
			}),
		);
	});
});

describe("LinkResolver updates", () => {
	it("has() answers case-insensitively", () => {
		const r = resolver();
		expect(r.has("Notes/Go.md")).toBe(true);
		expect(r.has("notes/go.md")).toBe(true);
		expect(r.has("Notes/Go")).toBe(false);
	});

	it("add makes a note resolvable and changes which candidate wins", () => {
		const r = resolver();
		expect(r.resolve("Fresh", "Go.md")).toBeNull();
		r.add("Inbox/Fresh.md");
		expect(r.has("Inbox/Fresh.md")).toBe(true);
		expect(r.resolve("Fresh", "Go.md")).toBe("Inbox/Fresh.md");
		expect(r.resolve("Rust", "Inbox/x.md")).toBe("Notes/Rust.md");
		r.add("Inbox/Rust.md");
		expect(r.resolve("Rust", "Inbox/x.md")).toBe("Inbox/Rust.md");
	});

	it("adding the same path twice is harmless", () => {
		const r = new LinkResolver(["A/Note.md"]);
		r.add("A/Note.md");
		r.remove("A/Note.md");
		expect(r.has("A/Note.md")).toBe(false);
		expect(r.resolve("Note", "x.md")).toBeNull();
	});

	it("remove makes a note unresolvable and lets the next candidate win", () => {
		const r = resolver();
		r.remove("Projects/Go.md");
		expect(r.has("Projects/Go.md")).toBe(false);
		expect(r.resolve("Projects/Go", "x.md")).toBeNull();
		expect(r.resolve("Go", "Projects/Plan.md")).toBe("Projects/Deep/Go.md");
		r.remove("Notes/Rust.md");
		expect(r.resolve("Rust", "Go.md")).toBeNull();
		r.remove("Not/There.md");
	});

	it("remove keeps a file whose path differs only in case", () => {
		const r = new LinkResolver(["A/Note.md", "a/note.md"]);
		r.remove("A/Note.md");
		expect(r.has("A/Note.md")).toBe(true);
		expect(r.resolve("A/Note", "x.md")).toBe("a/note.md");
	});

	it("rename moves a note", () => {
		const r = resolver();
		r.rename("Notes/Rust.md", "Languages/Rust.md");
		expect(r.has("Notes/Rust.md")).toBe(false);
		expect(r.resolve("Rust", "Go.md")).toBe("Languages/Rust.md");
		r.rename("Languages/Rust.md", "Languages/Rust lang.md");
		expect(r.resolve("Rust", "Go.md")).toBeNull();
		expect(r.resolve("Rust lang", "Go.md")).toBe("Languages/Rust lang.md");
	});

	it("agrees with a resolver rebuilt from scratch after any add/remove sequence", () => {
		const names = ["A/Go.md", "B/Go.md", "A/B/Go.md", "Go.md", "a/go.md", "C/Plan.md"];
		const op = fc.record({ add: fc.boolean(), path: fc.constantFrom(...names) });
		fc.assert(
			fc.property(fc.array(op), (ops) => {
				const live = new LinkResolver([]);
				const present = new Set<string>();
				for (const { add, path } of ops) {
					if (add) {
						live.add(path);
						present.add(path);
					} else {
						live.remove(path);
						present.delete(path);
					}
				}
				const fresh = new LinkResolver(present);
				for (const link of ["Go", "A/Go", "B/Go", "Plan", "a/go"]) {
					for (const source of ["A/x.md", "x.md", "A/B/x.md"]) {
						const got = live.resolve(link, source);
						const want = fresh.resolve(link, source);
						// Case-only twins may swap which one holds the exact path; compare case-insensitively.
						expect(got?.toLowerCase()).toBe(want?.toLowerCase());
					}
				}
			}),
		);
	});
});
