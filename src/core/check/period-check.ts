import { compareDates, dateFormat } from "../format/dates";
import type { DayDate, Digest, Period, Problem, Series } from "../format/types";
import { digestOrder } from "../index/digest-index";

function dayNumber(d: DayDate): number {
	return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

/**
 * Gaps and overlaps between consecutive periods of a series: a day no digest covers, or a day
 * two digests both claim (a typo in a title's date shows up this way). Drafts count: a draft's
 * period is taken. Reported on the later digest's first line.
 */
export function periodProblems(digests: readonly Digest[], series: Pick<Series, "dateFormat">): Problem[] {
	const fmt = dateFormat(series.dateFormat);
	const dated = digests.filter((d): d is Digest & { period: Period } => d.period !== null).sort(digestOrder);
	const problems: Problem[] = [];
	for (let i = 1; i < dated.length; i++) {
		const prev = dated[i - 1]!;
		const cur = dated[i]!;
		const gap = dayNumber(cur.period.start) - dayNumber(prev.period.end) - 1;
		if (gap > 0) {
			const days = gap === 1 ? "1 day" : `${gap} days`;
			problems.push({ code: "period-gap", severity: "info", path: cur.path, line: 1, message: `No digest covers ${days} between "${prev.title}" (ends ${fmt.format(prev.period.end)}) and this one (starts ${fmt.format(cur.period.start)}).` });
		} else if (compareDates(cur.period.start, prev.period.end) <= 0) {
			problems.push({ code: "period-overlap", severity: "warning", path: cur.path, line: 1, message: `This digest starts on ${fmt.format(cur.period.start)}, before "${prev.title}" ends on ${fmt.format(prev.period.end)}.` });
		}
	}
	return problems;
}
