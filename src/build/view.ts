import type { Catalog } from './export.ts';
import type { ExportedEvent, ExportedGroup, SiteConfig, SourceHealth } from '../types.ts';

// What the templates read: the catalog plus everything worth computing once in code rather
// than in Nunjucks (local dates and times, labels, who is upcoming).

export interface EventView extends ExportedEvent {
  groupName: string;
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

export function buildView(catalog: Catalog, site: SiteConfig, now: Date): SiteView {
  const zone = site.timezone;
  const groupNames = new Map(catalog.groups.map((g) => [g.id, g.name]));
  const events = catalog.events.map((event) => eventView(event, groupNames.get(event.groupId) ?? event.groupId, zone, now));
  const upcoming = events.filter((e) => e.upcoming);

  return {
    site: { ...site, url: site.url.replace(/\/+$/, ''), pathPrefix: pathPrefixOf(site.url) },
    builtAt: now.toISOString(),
    events,
    upcomingDays: byDay(upcoming),
    upcomingCount: upcoming.length,
    newlyAnnounced: [...upcoming].sort((a, b) => b.firstSeen.localeCompare(a.firstSeen)).slice(0, FEED_ENTRIES),
    groups: catalog.groups.map((group) => {
      const own = events.filter((e) => e.groupId === group.id);
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

/** The path part of the site URL, for a site served below a domain root (a Pages project site). */
export function pathPrefixOf(siteUrl: string): string {
  const path = new URL(siteUrl).pathname.replace(/\/+$/, '');
  return `${path}/`;
}

function eventView(event: ExportedEvent, groupName: string, zone: string, now: Date): EventView {
  const day = event.allDay ? event.start : localParts(event.start, zone).day;
  return {
    ...event,
    groupName,
    day,
    dateLabel: dateLabel(day),
    timeLabel: timeLabel(event, zone),
    placeLabel: placeLabel(event),
    upcoming: !event.removed && !isPast(event, now),
  };
}

function isPast(event: ExportedEvent, now: Date): boolean {
  if (event.allDay) return event.end <= now.toISOString().slice(0, 10);
  return Date.parse(event.end) <= now.getTime();
}

function byDay(events: EventView[]): DayView[] {
  const days = new Map<string, EventView[]>();
  for (const event of events) days.set(event.day, [...(days.get(event.day) ?? []), event]);
  return [...days].map(([day, list]) => ({ day, label: dateLabel(day), events: list }));
}

function placeLabel(event: ExportedEvent): string {
  const venue = event.venue?.name ?? event.venue?.address ?? null;
  if (event.attendance === 'online') return 'Online';
  if (event.attendance === 'hybrid') return venue ? `${venue} + Online` : 'Hybrid';
  return venue ?? 'Location to be announced';
}

function timeLabel(event: ExportedEvent, zone: string): string {
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
