import type { Catalog } from './export.ts';
import type { ChangeField, EventChange, ExportedGroup, ListedEvent, Listing, SiteConfig, SourceHealth } from '../types.ts';

// What the templates read: the catalog plus everything worth computing once in code rather
// than in Nunjucks (local dates and times, labels, who is upcoming).

export interface EventView extends ListedEvent {
  groupName: string;
  alsoListedOn: (Listing & { groupName: string })[];
  /** "Time changed", "Moved": changes upstream in the last week, for badges. */
  recentChanges: string[];
  /** Every change upstream, newest first, in words: "Time changed on …, was …". */
  changeLog: string[];
  /** Local calendar day, `YYYY-MM-DD`, for grouping lists by day. */
  day: string;
  dateLabel: string;
  timeLabel: string;
  placeLabel: string;
  upcoming: boolean;
}

export interface DayView {
  day: string;
  label: string;
  events: EventView[];
}

export interface GroupView extends ExportedGroup {
  upcoming: EventView[];
  past: EventView[];
  health: SourceHealth[];
  /** When a source of this group last answered, for "data as of …". */
  dataAsOf: string | null;
}

export interface SiteView {
  site: SiteConfig & { pathPrefix: string };
  builtAt: string;
  events: EventView[];
  upcomingDays: DayView[];
  upcomingCount: number;
  /** Newest first by when we first saw them: the Atom feed's entries. */
  newlyAnnounced: EventView[];
  groups: GroupView[];
}

const FEED_ENTRIES = 50;

/** The catalog with duplicates across sources already merged. */
export type ListedCatalog = Omit<Catalog, 'events'> & { events: ListedEvent[] };

const RECENT_CHANGE_MS = 7 * 24 * 3600 * 1000;

export function buildView(catalog: ListedCatalog, site: SiteConfig, now: Date): SiteView {
  const zone = site.timezone;
  const groupNames = new Map(catalog.groups.map((g) => [g.id, g.name]));
  const nameOf = (groupId: string) => groupNames.get(groupId) ?? groupId;
  const events = catalog.events.map((event) => eventView(event, nameOf, zone, now));
  const upcoming = events.filter((e) => e.upcoming);

  return {
    site: { ...site, url: site.url.replace(/\/+$/, ''), pathPrefix: pathPrefixOf(site.url) },
    builtAt: now.toISOString(),
    events,
    upcomingDays: byDay(upcoming),
    upcomingCount: upcoming.length,
    newlyAnnounced: [...upcoming].sort((a, b) => b.firstSeen.localeCompare(a.firstSeen)).slice(0, FEED_ENTRIES),
    groups: catalog.groups.map((group) => {
      const own = events.filter((e) => isListedBy(e, group.id));
      const health = catalog.sources.filter((s) => s.groupId === group.id);
      const successes = health.map((h) => h.lastSuccess).filter((t): t is string => t !== null).sort();
      return {
        ...group,
        upcoming: own.filter((e) => e.upcoming),
        past: own.filter((e) => !e.upcoming && isPast(e, now)).reverse(),
        health,
        dataAsOf: successes.at(-1) ?? null,
      };
    }),
  };
}

/** A group lists an event it hosts, and one it co-hosts that another source listed first. */
export function isListedBy(event: ListedEvent, groupId: string): boolean {
  return event.groupId === groupId || event.alsoListedOn.some((listing) => listing.groupId === groupId);
}

/** The path part of the site URL, for a site served below a domain root (a Pages project site). */
export function pathPrefixOf(siteUrl: string): string {
  const path = new URL(siteUrl).pathname.replace(/\/+$/, '');
  return `${path}/`;
}

function eventView(event: ListedEvent, nameOf: (groupId: string) => string, zone: string, now: Date): EventView {
  const day = event.allDay ? event.start : localParts(event.start, zone).day;
  return {
    ...event,
    groupName: nameOf(event.groupId),
    alsoListedOn: event.alsoListedOn.map((listing) => ({ ...listing, groupName: nameOf(listing.groupId) })),
    recentChanges: recentChangeBadges(event, now),
    changeLog: event.changes.map((change) => describeChange(change, zone)).reverse(),
    day,
    dateLabel: dateLabel(day),
    timeLabel: timeLabel(event, zone),
    placeLabel: placeLabel(event),
    upcoming: !event.removed && !isPast(event, now),
  };
}

function recentChangeBadges(event: ListedEvent, now: Date): string[] {
  const recent = event.changes.filter((c) => now.getTime() - Date.parse(c.at) <= RECENT_CHANGE_MS);
  const fields = new Set(recent.flatMap((c) => c.fields));
  return [fields.has('time') && 'Time changed', fields.has('place') && 'Moved', fields.has('title') && 'Renamed'].filter(
    (badge): badge is string => typeof badge === 'string',
  );
}

function describeChange(change: EventChange, zone: string): string {
  const when = dateLabel(localParts(change.at, zone).day);
  const was: string[] = [];
  const previous = change.previous;
  if (change.fields.includes('time') && previous.start && previous.end !== undefined) {
    const before = { allDay: previous.allDay ?? false, start: previous.start, end: previous.end };
    const day = before.allDay ? before.start : localParts(before.start, zone).day;
    was.push(`${dateLabel(day)}, ${timeLabel(before, zone)}`);
  }
  if (change.fields.includes('place')) was.push(previous.venue?.name ?? previous.venue?.address ?? (previous.attendance === 'online' ? 'online' : 'no venue given'));
  if (change.fields.includes('title') && previous.title) was.push(`“${previous.title}”`);
  if (change.fields.includes('status') && previous.status) was.push(previous.status);
  const what = change.fields.map((f) => CHANGE_WORDS[f]).join(', ');
  return `${what} on ${when}${was.length ? ` (was ${was.join('; ')})` : ''}`;
}

const CHANGE_WORDS: Record<ChangeField, string> = {
  time: 'Time changed',
  place: 'Place changed',
  title: 'Renamed',
  status: 'Status changed',
};

function isPast(event: { allDay: boolean; end: string }, now: Date): boolean {
  if (event.allDay) return event.end <= now.toISOString().slice(0, 10);
  return Date.parse(event.end) <= now.getTime();
}

function byDay(events: EventView[]): DayView[] {
  const days = new Map<string, EventView[]>();
  for (const event of events) days.set(event.day, [...(days.get(event.day) ?? []), event]);
  return [...days].map(([day, list]) => ({ day, label: dateLabel(day), events: list }));
}

function placeLabel(event: ListedEvent): string {
  const venue = event.venue?.name ?? event.venue?.address ?? null;
  if (event.attendance === 'online') return 'Online';
  if (event.attendance === 'hybrid') return venue ? `${venue} + Online` : 'Hybrid';
  return venue ?? 'Location to be announced';
}

function timeLabel(event: { allDay: boolean; start: string; end: string }, zone: string): string {
  if (event.allDay) return 'All day';
  const start = localParts(event.start, zone);
  const end = localParts(event.end, zone);
  const endText = end.day === start.day ? end.time : `${dateLabel(end.day)} ${end.time}`;
  return `${start.time} – ${endText} ${start.zoneName}`;
}

function localParts(instant: string, zone: string): { day: string; time: string; zoneName: string } {
  const date = new Date(instant);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute} ${parts.dayPeriod}`,
    zoneName: parts.timeZoneName ?? zone,
  };
}

/** "Thursday, December 3, 2026" for a `YYYY-MM-DD` day (a date, so no zone applies). */
function dateLabel(day: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(`${day}T12:00:00Z`));
}
