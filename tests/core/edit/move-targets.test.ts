import { describe, expect, it } from "vitest";
import { moveTargets } from "../../../src/core/edit/move-targets";

const note = (...names: string[]) => ({ categories: names.map((name) => ({ name })) }) as never;

describe("moveTargets", () => {
	it("offers the series' categories in the series' order, marking those the move would create, then the note's others", () => {
		const series = { categories: ["Kubernetes", "Security", "Career", "Data Engineer"] };
		expect(moveTargets(note("Data Engineer", "Misc", "kubernetes", "Career"), series, "Career")).toEqual([
			{ name: "kubernetes", isNew: false },
			{ name: "Security", isNew: true },
			{ name: "Data Engineer", isNew: false },
			{ name: "Misc", isNew: false },
		]);
	});

	it("leaves out the entry's own category in any case, and offers the note's order without a series order", () => {
		expect(moveTargets(note("B", "A", "C"), { categories: [] }, "a")).toEqual([
			{ name: "B", isNew: false },
			{ name: "C", isNew: false },
		]);
	});
});
