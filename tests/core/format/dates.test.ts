import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, compareDates, dateFormat, isoDate, parseIsoDate } from "../../../src/core/format/dates";

describe("dateFormat", () => {
	it("finds every valid date in a text and counts impossible ones", () => {
		const r = dateFormat("DD-MM-YYYY").findAll("Links: 18-08-2025 to 05-10-2025, not 31-02-2025 nor 118-08-20255");
		expect(r.dates).toEqual([{ year: 2025, month: 8, day: 18 }, { year: 2025, month: 10, day: 5 }]);
		expect(r.invalid).toBe(1);
	});

	it("finds where each valid date stands, skipping impossible ones", () => {
		const title = "Links: 18-08-2025 to 31-02-2025 and 05-10-2025";
		const spans = dateFormat("DD-MM-YYYY").findSpans(title);
		expect(spans.map((s) => title.slice(s.index, s.index + s.length))).toEqual(["18-08-2025", "05-10-2025"]);
		expect(spans[1]!.date).toEqual({ year: 2025, month: 10, day: 5 });
		expect(dateFormat("MMMM D, YYYY").findSpans("From september 1, 2025")).toEqual([{ date: { year: 2025, month: 9, day: 1 }, index: 5, length: 17 }]);
	});

	it("understands month names, short years and literal text in brackets", () => {
		expect(dateFormat("D MMMM YYYY").parse("5 october 2025")).toEqual({ year: 2025, month: 10, day: 5 });
		expect(dateFormat("MMM D, YY").parse("Oct 5, 25")).toEqual({ year: 2025, month: 10, day: 5 });
		expect(dateFormat("[Week of] YYYY.MM.DD").format({ year: 2025, month: 3, day: 9 })).toBe("Week of 2025.03.09");
	});

	it("formats and parses back every date", () => {
		for (const f of ["DD-MM-YYYY", "YYYY/MM/DD", "D MMM YYYY", "MMMM D YYYY", "M.D.YY"]) {
			fc.assert(
				fc.property(fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), (t) => {
					const d = { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
					expect(dateFormat(f).parse(dateFormat(f).format(d))).toEqual(d);
				}),
				{ numRuns: 200 },
			);
		}
	});

	it("reads a date only where no letter or digit runs into it, as a lookbehind would", () => {
		const find = (f: string, text: string) => dateFormat(f).findAll(text).dates.map(isoDate);
		expect(find("DD-MM-YYYY", "x01-09-2025 101-09-2025 (02-09-2025)/03-09-2025")).toEqual(["2025-09-02", "2025-09-03"]);
		expect(find("[(]DD-MM-YYYY[)]", "(01-09-2025)(02-09-2025)")).toEqual(["2025-09-01", "2025-09-02"]);
		expect(find("D MMM YYYY", "Sun5 Oct 2025, 6 Oct 2025")).toEqual(["2025-10-06"]);
		// The reference is the pattern with a lookbehind (fine in Node, never in shipped code).
		const built = (f: string) => `(?<![\\dA-Za-z])${f === "D-M-YY" ? "(\\d{1,2})-(\\d{1,2})-(\\d{2})" : "(\\d{2})-(\\d{2})-(\\d{4})"}(?![\\dA-Za-z])`;
		for (const f of ["DD-MM-YYYY", "D-M-YY"]) {
			const reference = new RegExp(built(f), "g");
			fc.assert(
				fc.property(fc.array(fc.constantFrom("01-09-2025", "1-9-25", "31-02-2025", "12-12-12", "0", "1", "9", "-", "a", " ", "("), { maxLength: 12 }), (chars) => {
					const text = chars.join("");
					const fmt = dateFormat(f);
					const want = [...text.matchAll(reference)].map((m) => fmt.parse(m[0]));
					const got = fmt.findAll(text);
					expect(got.dates).toEqual(want.filter((d) => d !== null));
					expect(got.invalid).toBe(want.filter((d) => d === null).length);
				}),
				{ numRuns: 500 },
			);
		}
	});

	it("does not read a date without a day, month and year", () => {
		expect(dateFormat("MM-YYYY").findAll("08-2025 to 09-2025").dates).toEqual([]);
	});
});

describe("date arithmetic", () => {
	it("adds days across months, years and leap days", () => {
		expect(addDays({ year: 2024, month: 2, day: 28 }, 1)).toEqual({ year: 2024, month: 2, day: 29 });
		expect(addDays({ year: 2025, month: 12, day: 31 }, 1)).toEqual({ year: 2026, month: 1, day: 1 });
		expect(addDays({ year: 2025, month: 3, day: 1 }, -1)).toEqual({ year: 2025, month: 2, day: 28 });
	});

	it("compares and prints ISO dates", () => {
		expect(compareDates({ year: 2025, month: 1, day: 2 }, { year: 2025, month: 1, day: 10 })).toBeLessThan(0);
		expect(isoDate({ year: 2025, month: 1, day: 2 })).toBe("2025-01-02");
		expect(parseIsoDate("2025-02-29")).toBeNull();
		expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
	});
});
