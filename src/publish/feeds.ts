import { writeFileAtomic } from '../fsutil.ts';
import { indexBy } from '../maps.ts';
import { renderCalendar } from './calendar.ts';
import { writePublicJson } from './public-json.ts';
import { timed } from './timings.ts';
import { siteFile } from './site-paths.ts';
import { listingGroups } from '../plan/index.ts';
import type { SiteView } from './view/index.ts';

// The site's files that are not pages: the calendar feeds (every event, each group's, each
// tag's, and each upcoming event's own file for "add to calendar"), then events.json and
// groups.json, the public API.

export function writeFeedsAndData(dir: string, view: SiteView, now: Date): void {
  timed('feeds', () => writeFeeds(dir, view, now));
  timed('data', () => writePublicJson(dir, view));
}

export function writeFeeds(dir: string, view: SiteView, now: Date): void {
  const siteUrl = view.site.url;
  const timezone = view.site.timezone;
  const title = view.site.title;
  const listed = view.events.filter((e) => !e.removed);
  const write = (path: string, text: string) => writeFileAtomic(siteFile(dir, path), text);
  // Each event's VEVENT is written once and shared by every feed that lists it.
  const written = new Map<string, string>();

  write(view.feed.path, renderCalendar(listed, { name: title, description: `Every event on ${title}`, siteUrl, timezone, now, written }));
  const byGroup = indexBy(listed, listingGroups);
  for (const group of view.groups) {
    write(
      group.feed.path,
      renderCalendar(byGroup.get(group.id) ?? [], { name: `${group.name} (${title})`, description: `Events of ${group.name}`, siteUrl, timezone, now, written }),
    );
  }
  const byTag = indexBy(listed, (e) => e.tags.map((t) => t.slug));
  for (const tag of view.tags) {
    write(
      tag.feed.path,
      renderCalendar(byTag.get(tag.slug) ?? [], { name: `${tag.name} (${title})`, description: `Events tagged ${tag.name} on ${title}`, siteUrl, timezone, now, written }),
    );
  }
  // One event's own file: same UID and SEQUENCE as in the feeds, so a calendar that has both
  // sees one event.
  for (const event of view.events) {
    if (event.links.ics) write(event.links.ics, renderCalendar([event], { name: title, siteUrl, timezone, now, written }));
  }
}
