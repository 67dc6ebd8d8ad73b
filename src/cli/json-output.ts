import { isoDate } from "../core/format/dates";
import type { Digest } from "../core/format/types";

/** A digest in the shape `index --json` promises (paths with `/`, dates `YYYY-MM-DD`, tags without `#`). */
export function digestToJson(d: Digest) {
	return {
		path: d.path,
		title: d.title,
		period: d.period ? { start: isoDate(d.period.start), end: isoDate(d.period.end) } : null,
		tags: d.tags,
		draft: d.draft,
		categories: d.categories.map((c) => ({
			name: c.name,
			line: c.line,
			entries: c.entries.map((e) => ({
				number: e.number,
				source: e.source,
				title: e.title,
				url: e.url,
				recommended: e.recommended,
				tags: e.tags,
				line: e.line,
				commentary: e.commentary,
				links: e.links.map((l) => ({ target: l.target, subpath: l.subpath, alias: l.alias, embed: l.embed, resolved: l.resolved })),
				// List-style entries only: the kind words before the link.
				...(e.kinds !== undefined ? { kinds: e.kinds } : {}),
			})),
		})),
	};
}
