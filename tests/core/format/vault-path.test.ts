import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { vaultPath } from "../../../src/core/format/vault-path";
import { completeSeries, seriesPathProblems, templateNoteLocation, validateSeries } from "../../../src/core/format/series";

const ok = (raw: string) => {
	const r = vaultPath(raw, "The folder");
	return r.ok ? r.path : null;
};
const reason = (raw: string) => {
	const r = vaultPath(raw, "The folder");
	return r.ok ? null : r.reason;
};

describe("vaultPath", () => {
	it("normalises separators, empty and dot segments, and steps up within the vault", () => {
		expect(ok("Digests")).toBe("Digests");
		expect(ok("/Digests//2025/")).toBe("Digests/2025");
		expect(ok("Digests\\2025\\.\\x.md")).toBe("Digests/2025/x.md");
		expect(ok("a/b/../c")).toBe("a/c");
		expect(ok("a/..")).toBe("");
		expect(ok("")).toBe("");
	});

	it("refuses, with one sentence, paths that leave the vault or that Obsidian does not see", () => {
		expect(reason("../escape")).toBe('The folder "../escape" leads outside the vault; give a path inside the vault, from its root.');
		expect(reason("a/../../b")).toMatch(/leads outside the vault/);
		expect(reason("..\\..\\Windows")).toMatch(/leads outside the vault/);
		expect(reason("C:\\Users\\me")).toMatch(/starts with a drive letter/);
		expect(reason("c:notes")).toMatch(/starts with a drive letter/);
		expect(reason("//server/share")).toMatch(/network path/);
		expect(reason("\\\\server\\share")).toMatch(/network path/);
		expect(reason("Digests\u0000.md")).toBe('The folder "Digests\\u0000.md" holds a line break or another control character; remove it.');
		expect(reason("Digests\n2025")).toBe('The folder "Digests\\n2025" holds a line break or another control character; remove it.');
		expect(reason("a/../C:/x")).toMatch(/holds a colon \("C:"\)/);
		expect(reason("note.md:stream")).toMatch(/holds a colon/);
		expect(reason(".obsidian/plugins")).toMatch(/hidden folder or file \("\.obsidian"\)/);
	});

	it("never gives a path that climbs, is absolute or holds a control character", () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom("..", ".", "", "a", "b c", "\\", "/", "C:", ".x", "\n", "é"), { maxLength: 8 }), (parts) => {
				const r = vaultPath(parts.join("/"), "The folder");
				if (!r.ok) return;
				expect(r.path.split("/")).not.toContain("..");
				expect(r.path.startsWith("/")).toBe(false);
				expect(r.path).not.toMatch(/\\|:/);
				expect([...r.path].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)).toBe(true);
			}),
		);
	});
});

describe("series paths", () => {
	const base = completeSeries({ name: "Weekly", tag: "weeklylinks", folder: "Digests" });

	it("refuses a folder, a template note or a file name template that leaves the vault", () => {
		expect(seriesPathProblems(base)).toEqual([]);
		expect(seriesPathProblems({ ...base, folder: "../escape" })).toEqual(['The folder "../escape" leads outside the vault; give a path inside the vault, from its root.']);
		expect(seriesPathProblems({ ...base, templateNote: "../secret.md" })).toEqual(['The template note "../secret.md" leads outside the vault; give a path inside the vault, from its root.']);
		expect(seriesPathProblems({ ...base, fileNameTemplate: "../../{{start}} to {{end}}" })).toEqual([expect.stringMatching(/^The file name template "\.\.\/\.\.\/\{\{start\}\} to \{\{end\}\}" steps up a folder/)]);
		expect(seriesPathProblems({ ...base, fileNameTemplate: "{{year}}/{{start}} to {{end}}" })).toEqual([]);
	});

	it("are part of validateSeries, which the settings tab shows", () => {
		expect(validateSeries({ ...base, folder: "../escape" })).toContain('The folder "../escape" leads outside the vault; give a path inside the vault, from its root.');
	});

	it("give the template note's path with .md, or the refusal", () => {
		expect(templateNoteLocation({ ...base, templateNote: "Templates/Weekly" })).toEqual({ ok: true, path: "Templates/Weekly.md" });
		expect(templateNoteLocation({ ...base, templateNote: "" })).toEqual({ ok: true, path: "" });
		expect(templateNoteLocation({ ...base, templateNote: "/../../etc/passwd" }).ok).toBe(false);
	});
});
