import { join } from 'node:path';
import type { Listing, StoredEvent, StoredGroup } from '../types.ts';
import type { SourceHealth } from '../store/health.ts';
import { writeFileAtomic, writeJsonArrayAtomic } from '../fsutil.ts';
import { absoluteUrl } from './site-paths.ts';
import type { EventView } from './view/event.ts';
import type { ActivityState, GroupView } from './view/group.ts';
import type { SiteView } from './view/index.ts';

// The site's public API: events.json and groups.json, for programs. Their shapes are declared
// here and documented for users in site/schema/*.schema.json; change both together, and only on
// purpose: scripts read these files.

/** One listed event in events.json: what the store holds of it, and where it is on this site. */
export interface PublicEvent
  extends Pick<
    StoredEvent,
    | 'id'
    | 'title'
    | 'start'
    | 'end'
    | 'allDay'
    | 'endEstimated'
    | 'timezone'
    | 'status'
    | 'attendance'
    | 'venue'
    | 'onlineUrl'
    | 'url'
    | 'changes'
    | 'descriptionHtml'
    | 'imageUrl'
    | 'topics'
    | 'sequence'
    | 'firstSeen'
    | 'lastChanged'
  > {
  /** Its page on this site. */
  page: string;
  /** Its own calendar file, while it is upcoming. */
  ics: string | null;
  group: { id: string; name: string; page: string };
  alsoListedOn: (Listing & { groupName: string })[];
  /** The names of its tags. */
  tags: string[];
}

/** One group in groups.json: what sources.yaml and its platform say, its feeds and how it is doing. */
export interface PublicGroup extends Pick<StoredGroup, 'id' | 'name' | 'homepage' | 'descriptionHtml' | 'imageUrl' | 'links' | 'tags'> {
  page: string;
  calendar: string;
  webcal: string;
  upcomingCount: number;
  nextEvent: (Pick<StoredEvent, 'id' | 'title' | 'start' | 'allDay'> & { page: string }) | null;
  activity: ActivityState;
  dataAsOf: string | null;
  sources: PublicSource[];
}

/** How one source of a group is doing. */
export interface PublicSource
  extends Pick<SourceHealth, 'type' | 'url' | 'lastAttempt' | 'lastSuccess' | 'lastFailure' | 'lastError' | 'consecutiveFailures'> {
  /** `never` fetched, its last fetch `failing`, or `ok`. */
  status: 'never' | 'failing' | 'ok';
}

/** events.json (every event its source still lists) and groups.json, into the site folder `dir`. */
export function writePublicJson(dir: string, view: SiteView): void {
  // Event by event: a large site's events.json runs to tens of megabytes.
  writeJsonArrayAtomic(join(dir, 'events.json'), (function* () {
    for (const event of view.events) if (!event.removed) yield publicEvent(event, view.site.url);
  })());
  writeFileAtomic(join(dir, 'groups.json'), `${JSON.stringify(view.groups.map(publicGroup), null, 2)}\n`);
}

export function publicEvent(event: EventView, siteUrl: string): PublicEvent {
  return {
    id: event.id,
    title: event.title,
    start: event.start,
    end: event.end,
    allDay: event.allDay,
    endEstimated: event.endEstimated,
    timezone: event.timezone,
    status: event.status,
    attendance: event.attendance,
    venue: event.venue,
    onlineUrl: event.onlineUrl,
    url: event.url,
    page: event.links.pageUrl,
    ics: event.links.ics ? absoluteUrl(siteUrl, event.links.ics) : null,
    group: { id: event.groupId, name: event.groupName, page: absoluteUrl(siteUrl, event.links.groupPath) },
    alsoListedOn: event.alsoListedOn.map((l) => ({ groupId: l.groupId, groupName: l.groupName, sourceType: l.sourceType, url: l.url })),
    tags: event.tags.map((t) => t.name),
    changes: event.changes,
    descriptionHtml: event.descriptionHtml,
    imageUrl: event.imageUrl,
    topics: event.topics,
    sequence: event.sequence,
    firstSeen: event.firstSeen,
    lastChanged: event.lastChanged,
  };
}

export function publicGroup(group: GroupView): PublicGroup {
  const next = group.nextEvent;
  return {
    id: group.id,
    name: group.name,
    homepage: group.homepage,
    descriptionHtml: group.descriptionHtml,
    imageUrl: group.imageUrl,
    links: group.links,
    tags: group.tags,
    page: group.pageUrl,
    calendar: group.feed.https,
    webcal: group.feed.webcal,
    upcomingCount: group.upcoming.length,
    nextEvent: next ? { id: next.id, title: next.title, start: next.start, allDay: next.allDay, page: next.links.pageUrl } : null,
    activity: group.activity.state,
    dataAsOf: group.dataAsOf,
    sources: group.sourceHealth.map((s) => ({
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
