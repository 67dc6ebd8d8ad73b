/**
 * Golden outputs: both feeds of the fixture vault (publish-fixture.ts), byte for byte, with an
 * item per recommended entry. The files under golden/ were reviewed by hand when written (hostile
 * text escaped, the javascript: link and the %% comment dropped, dates from the periods' ends);
 * a change of the output shows here as a diff to review, and the file is updated by hand.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonFeed, rssFeed, type FeedOptions } from "../../../src/core/publish/feeds";
import { FEED_BASE, fixtureDigests, fixtureFeedOptions, fixtureIndex } from "./publish-fixture";

const BASE = FEED_BASE;
const OPTIONS: FeedOptions = { ...fixtureFeedOptions(fixtureIndex()), recommendedItems: true };
const golden = (name: string) => readFileSync(join(__dirname, "golden", name), "utf8");

describe("feeds, golden", () => {
	it("RSS 2.0 of the fixture vault", () => {
		expect(rssFeed(fixtureDigests(), OPTIONS)).toBe(golden("weekly.xml"));
	});

	it("JSON Feed 1.1 of the fixture vault", () => {
		expect(jsonFeed(fixtureDigests(), { ...OPTIONS, feedUrl: `${BASE}/weekly.json` })).toBe(golden("weekly.json"));
	});
});
