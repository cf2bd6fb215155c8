import { join } from 'node:path';
import { absoluteUrl } from './site-paths.ts';
import { writeFileAtomic, writeJsonArrayAtomic } from '../fsutil.ts';
import { renderCalendar } from './calendar.ts';
import { timed } from './timings.ts';
import { listingGroups, type EventView } from './view/event.ts';
import type { GroupView } from './view/group.ts';
import type { SiteView } from './view/index.ts';
import { indexBy } from '../maps.ts';

// The files of the site that are not pages: calendar feeds (all, per group, per tag, per
// event) and the machine-readable events.json and groups.json, whose shapes
// site/schema/*.schema.json document.

export function writeFeedsAndData(dir: string, view: SiteView, now: Date): void {
  timed('feeds', () => writeFeeds(dir, view, now));
  timed('data', () => writeData(dir, view));
}

const writer = (dir: string) => (path: string, text: string) => writeFileAtomic(join(dir, ...path.split('/').filter(Boolean)), text);

/** Every calendar feed: all events, each group, each tag, and each upcoming event's own file. */
function writeFeeds(dir: string, view: SiteView, now: Date): void {
  const siteUrl = view.site.url;
  const listed = view.events.filter((e) => !e.removed);
  const write = writer(dir);
  // Each event's VEVENT is written once and shared by every feed that lists it.
  const written = new Map<string, string>();

  write(
    '/calendar.ics',
    renderCalendar(listed, { name: view.site.title, description: `Every event on ${view.site.title}`, siteUrl, now, written }),
  );
  const byGroup = indexBy(listed, listingGroups);
  for (const group of view.groups) {
    write(
      group.feed.path,
      renderCalendar(
        byGroup.get(group.id) ?? [],
        { name: `${group.name} (${view.site.title})`, description: `Events of ${group.name}`, siteUrl, now, written },
      ),
    );
  }
  const byTag = indexBy(listed, (e) => e.tags.map((t) => t.slug));
  for (const tag of view.tags) {
    write(
      tag.feed.path,
      renderCalendar(
        byTag.get(tag.slug) ?? [],
        { name: `${tag.name} (${view.site.title})`, description: `Events tagged ${tag.name} on ${view.site.title}`, siteUrl, now, written },
      ),
    );
  }
  // One event's own file for "add to calendar": same UID and SEQUENCE as in the feeds, so a
  // calendar that has both sees one event.
  for (const event of view.events) {
    if (event.links.ics) write(event.links.ics, renderCalendar([event], { name: view.site.title, siteUrl, now, written }));
  }
}

/** events.json and groups.json. */
function writeData(dir: string, view: SiteView): void {
  const write = writer(dir);
  // Event by event: a large site's events.json runs to tens of megabytes.
  writeJsonArrayAtomic(join(dir, 'events.json'), (function* () {
    for (const event of view.events) if (!event.removed) yield publicEvent(event, view);
  })());
  write('/groups.json', `${JSON.stringify(publicGroups(view), null, 2)}\n`);
}

/** events.json: listed events, without internal fields. See site/schema/events.schema.json. */
export function publicEvents(view: SiteView) {
  return view.events.filter((e) => !e.removed).map((e) => publicEvent(e, view));
}

function publicEvent(e: EventView, view: SiteView) {
  const absolute = (path: string) => absoluteUrl(view.site.url, path);
  return {
    id: e.id,
    title: e.title,
    start: e.start,
    end: e.end,
    allDay: e.allDay,
    endEstimated: e.endEstimated,
    timezone: e.timezone,
    status: e.status,
    attendance: e.attendance,
    venue: e.venue,
    onlineUrl: e.onlineUrl,
    url: e.url,
    page: e.links.pageUrl,
    ics: e.links.ics ? absolute(e.links.ics) : null,
    group: { id: e.groupId, name: e.groupName, page: absolute(e.links.groupPath) },
    alsoListedOn: e.alsoListedOn.map((l) => ({ groupId: l.groupId, groupName: l.groupName, sourceType: l.sourceType, url: l.url })),
    tags: e.tags.map((t) => t.name),
    changes: e.changes,
    descriptionHtml: e.descriptionHtml,
    imageUrl: e.imageUrl,
    topics: e.topics,
    sequence: e.sequence,
    firstSeen: e.firstSeen,
    lastChanged: e.lastChanged,
  };
}

/** groups.json: every group with its feeds, its next event and how its sources are doing. See site/schema/groups.schema.json. */
export function publicGroups(view: SiteView) {
  return view.groups.map((g) => publicGroup(g));
}

function publicGroup(g: GroupView) {
  const next = g.nextEvent;
  return {
    id: g.id,
    name: g.name,
    homepage: g.homepage,
    descriptionHtml: g.descriptionHtml,
    imageUrl: g.imageUrl,
    links: g.links,
    tags: g.tags,
    page: g.pageUrl,
    calendar: g.feed.https,
    webcal: g.feed.webcal,
    upcomingCount: g.upcoming.length,
    nextEvent: next ? { id: next.id, title: next.title, start: next.start, allDay: next.allDay, page: next.links.pageUrl } : null,
    activity: g.activity.state,
    dataAsOf: g.dataAsOf,
    sources: g.sourceHealth.map((s) => ({
      type: s.type,
      url: s.url,
      status: s.state === 'unknown' ? 'never' : s.lastOutcome === 'failed' ? 'failing' : 'ok',
      lastAttempt: s.lastAttempt,
      lastSuccess: s.lastSuccess,
      lastFailure: s.lastFailure,
      lastError: s.lastError,
      consecutiveFailures: s.consecutiveFailures,
    })),
  };
}
