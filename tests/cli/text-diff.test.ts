import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/cli/text-diff";

describe("unifiedDiff", () => {
	it("shows the changed stretch with three lines of context, numbered as unified diffs are", () => {
		const before = ["1", "2", "3", "4", "5", "old", "7", "8", "9", "10", ""].join("\n");
		const after = ["1", "2", "3", "4", "5", "new", "new too", "7", "8", "9", "10", ""].join("\n");
		expect(unifiedDiff("n.md", before, after)).toBe(["--- n.md", "+++ n.md", "@@ -3,7 +3,8 @@", " 3", " 4", " 5", "-old", "+new", "+new too", " 7", " 8", " 9", ""].join("\n"));
	});

	it("gives nothing for no change, every line as added for a new file, and says when only line endings change", () => {
		expect(unifiedDiff("n.md", "a\n", "a\n")).toBe("");
		expect(unifiedDiff("n.md", "", "a\nb\n")).toBe("--- n.md\n+++ n.md\n@@ -0,0 +1,2 @@\n+a\n+b\n");
		expect(unifiedDiff("n.md", "a\r\nb\r\n", "a\nb\n")).toBe("--- n.md\n+++ n.md\n@@ -1,2 +1,2 @@\n a\n b\n\\ only line endings change\n");
	});
});
