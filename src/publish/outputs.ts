import { writeFeeds } from './feeds.ts';
import { writePublicJson } from './public-json.ts';
import { timed } from './timings.ts';
import type { SiteView } from './view/index.ts';

/** The files of the site that are not pages: the calendar feeds, events.json and groups.json. */
export function writeFeedsAndData(dir: string, view: SiteView, now: Date): void {
  timed('feeds', () => writeFeeds(dir, view, now));
  timed('data', () => writePublicJson(dir, view));
}
