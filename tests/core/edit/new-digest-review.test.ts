import { describe, expect, it } from "vitest";
import { periodDays, reviewNewDigest } from "../../../src/core/edit/new-digest-review";
import type { DayDate, Digest, Period } from "../../../src/core/format/types";

function day(iso: string): DayDate {
	const [year, month, d] = iso.split("-").map(Number);
	return { year: year!, month: month!, day: d! };
}

function period(start: string, end: string): Period {
	return { start: day(start), end: day(end) };
}

function digest(path: string, p: Period | null, draft = false): Digest {
	return { path, title: path.replace(/\.md$/, ""), tags: [], period: p, draft, frontmatter: {}, categories: [], problems: [], eol: "\n" };
}

const fortnightly = [
	digest("A.md", period("2026-01-01", "2026-01-14")),
	digest("B.md", period("2026-01-15", "2026-01-28")),
	digest("C.md", period("2026-01-29", "2026-02-11")),
	digest("Undated.md", null),
];

describe("reviewNewDigest", () => {
	it("counts both ends of a period", () => {
		expect(periodDays(period("2026-02-12", "2026-02-12"))).toBe(1);
		expect(periodDays(period("2026-02-26", "2026-03-11"))).toBe(14);
		expect(periodDays(period("2024-02-28", "2024-03-01"))).toBe(3);
	});

	it("says nothing of a period as long as usual", () => {
		const review = reviewNewDigest(fortnightly, period("2026-02-12", "2026-02-25"));
		expect(review).toMatchObject({ days: 14, usualDays: 14, warnings: [] });
		expect(review.previous?.path).toBe("C.md");
	});

	it("warns when the period is much longer than the series' usual length", () => {
		const review = reviewNewDigest(fortnightly, period("2026-02-12", "2026-04-01"));
		expect(review.days).toBe(49);
		expect(review.warnings).toEqual(["This period covers 49 days; the series' digests usually cover 14 days."]);
	});

	it("does not warn for a few days more than a short usual period", () => {
		const weekly = [digest("W1.md", period("2026-01-01", "2026-01-02")), digest("W2.md", period("2026-01-03", "2026-01-04"))];
		expect(reviewNewDigest(weekly, period("2026-01-05", "2026-01-08")).warnings).toEqual([]);
	});

	it("warns when the previous digest is still a draft", () => {
		const withDraft = [...fortnightly, digest("D.md", period("2026-02-12", "2026-02-25"), true)];
		const review = reviewNewDigest(withDraft, period("2026-02-26", "2026-03-11"));
		expect(review.warnings).toEqual(["The previous digest, D, is still a draft."]);
	});

	it("has no usual length and no previous digest for a first digest", () => {
		expect(reviewNewDigest([digest("Undated.md", null)], period("2026-03-01", "2026-03-07"))).toEqual({ days: 7, usualDays: null, previous: null, warnings: [] });
	});
});
