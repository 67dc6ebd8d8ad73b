import { describe, expect, it } from "vitest";
import { entryDescription, entryMetaParts, entryName, entryTooltip, groupName, periodText, problemName, splitLabel } from "../../../src/core/browse/row-text";
import { build, READING, T1, W1 } from "./support/browse-fixtures";

const find = (title: string) => build().allEntries().find((ie) => ie.entry.title === title)!;

describe("the words of the browser's rows", () => {
	it("names an entry by its number, title and source, and describes it by the rest", () => {
		const mesh = find("Mesh basics");
		expect(entryName(mesh)).toBe("2. Mesh basics, CNCF");
		expect(entryDescription(mesh)).toBe("Recommended. Kubernetes in Weekly Links: 01-01-2025 to 07-01-2025. #mesh #k8s/mesh");
		expect(entryTooltip(mesh)).toBe("CNCF - Mesh basics\nhttps://cncf.example.org/mesh");
		const trick = find("javascript trick");
		expect(entryName(trick)).toBe("2. javascript trick");
		expect(entryTooltip(trick)).toBe("javascript trick\njavascript:alert(1)");
		expect(groupName("Kubernetes", 1, "all")).toBe("Kubernetes, 1 entry");
		expect(groupName("Kubernetes", 1200, "all")).toBe(`Kubernetes, ${(1200).toLocaleString()} entries`);
		expect(groupName("w1", 2, "problems")).toBe("w1, 2 problems");
		expect(problemName({ path: W1, line: 3, code: "numbering", severity: "warning", message: "Entry 3 should be 2." })).toEqual({ name: "Entry 3 should be 2.", description: "Warning, numbering, line 3" });
	});

	it("reads a digest's period from its title in the series' format, else gives the title", () => {
		const index = build();
		expect(periodText(index.get(W1)!, "DD-MM-YYYY")).toBe("01-01-2025 to 07-01-2025");
		expect(periodText(index.get(T1)!, "DD-MM-YYYY")).toBe("15-01-2025 to 21-01-2025");
		expect(periodText(index.get(READING)!, "DD-MM-YYYY")).toBe("Reading list");
	});

	it("leaves out of an entry's second line what its group header says", () => {
		const mesh = find("Mesh basics");
		const all = { source: "CNCF", category: "Kubernetes", period: "01-01-2025 to 07-01-2025" };
		expect(entryMetaParts(mesh, { mode: "all", groupBy: "none" })).toEqual(all);
		expect(entryMetaParts(mesh, { mode: "all", groupBy: "category" })).toEqual({ ...all, category: "" });
		expect(entryMetaParts(mesh, { mode: "all", groupBy: "digest" })).toEqual({ ...all, period: "" });
		expect(entryMetaParts(mesh, { mode: "mentions", groupBy: "source" })).toEqual({ ...all, source: "" });
		// Duplicates group by link: the entries of a link differ in all three.
		expect(entryMetaParts(mesh, { mode: "duplicates", groupBy: "category" })).toEqual(all);
	});

	it("splits a group label so that its trailing dates stay whole", () => {
		expect(splitLabel("Weekly Links: 29-09-2025 to 12-10-2025")).toEqual({ head: "Weekly Links: ", tail: "29-09-2025 to 12-10-2025" });
		expect(splitLabel("Digest 2025/09/01 – 2025/09/14")).toEqual({ head: "Digest ", tail: "2025/09/01 – 2025/09/14" });
		expect(splitLabel("Kubernetes")).toEqual({ head: "Kubernetes", tail: "" });
		expect(splitLabel("Python 3")).toEqual({ head: "Python 3", tail: "" });
		expect(splitLabel("01-01-2025 to 07-01-2025")).toEqual({ head: "01-01-2025 to 07-01-2025", tail: "" });
		expect(splitLabel("https://example.com/a/b")).toEqual({ head: "https://example.com/a/b", tail: "" });
	});
});
