import type { ChangeField, EventChange, StoredGroup, ListedEvent, Listing } from '../../types.ts';
import type { SiteConfig } from '../../config/schema.ts';
import type { SourceHealth } from '../../store/health.ts';
import { createHash } from 'node:crypto';
import { safeHttpUrl } from '../../text/sanitize.ts';
import { indexBy } from '../../maps.ts';
import { isWindowsReservedName } from '../../fsutil.ts';
import { dateLabel, durationWords, instantLabel, localParts, monthLabel, plainDateLabel, shortDateLabel, zoneGenericName, zoneLongName } from './date-labels.ts';
import { addDays, daysBetween, localDay, zonedIso } from '../../time.ts';
import { absoluteUrl, eventPath, groupPath, pathPrefixOf } from '../site-paths.ts';
import { documentTitle } from './document-title.ts';
import { eventJsonLd, jsonForScript } from './structured-data.ts';
import { addToCalendarLinks, feedLinks, mapUrl, platformName, venueLines, type AddToCalendar, type FeedLinks } from './links.ts';
import { paginate, type ListFilter, type ListPage } from './list-pages.ts';
import { WEEKDAYS, buildMonths, monthPath, type MonthView } from './month-grid.ts';
import { tagRefs, type TagRef } from './tags.ts';
import { htmlToPlainText, truncateText } from '../../text/plain.ts';

// What the templates read: the snapshot plus everything worth computing once in code rather
// than in Nunjucks (local dates and times, labels, links, who is upcoming, how lists split
// into pages). Paths are root-relative (`/events/x/`): Eleventy's HtmlBase plugin adds the
// site's path prefix to them. URLs are absolute, for feeds, canonical links and calendar apps.

/** What the layout puts in <head> for a page. */
export interface PageMeta {
  title: string;
  description: string;
  image: string | null;
  /** Pages kept for old links but not worth indexing (an event its source no longer lists). */
  noindex: boolean;
  /** schema.org JSON-LD, already escaped for a <script> element. */
  jsonLd: string | null;
  /** `YYYY-MM-DD`, for the sitemap. */
  lastmod: string | null;
}

export interface ChangeEntry {
  /** When we saw the change, an instant. */
  at: string;
  /** The local day of `at`, for <time datetime>. */
  day: string;
  dayLabel: string;
  /** "Time changed", "Place changed, Renamed" */
  what: string;
  /** "Wednesday, December 2, 2026, 6:00 PM – 8:00 PM PST; The Hive", or "" */
  was: string;
}

export interface EventView extends ListedEvent {
  groupName: string;
  alsoListedOn: (Listing & { groupName: string; groupPath: string; platform: string })[];
  /** "Time changed", "Moved": changes upstream in the last week, for badges. */
  recentChanges: string[];
  /** Every change upstream, newest first, in words: "Time changed on …, was …". */
  changeLog: string[];
  /** The same as entries, for pages that mark up the dates. */
  changeEntries: ChangeEntry[];
  /** Local calendar day of the start, `YYYY-MM-DD`, for grouping lists by day. */
  day: string;
  /** Local calendar day it ends on (inclusive). */
  lastDay: string;
  /** Every local day it covers, first to last (one for most events). */
  days: string[];
  multiDay: boolean;
  dateLabel: string;
  /** "Thu, Dec 3" */
  shortDateLabel: string;
  /** "Thu, Dec 3", or "Fri, Dec 4 – Sun, Dec 6" for a multi-day event. */
  shortDateRangeLabel: string;
  /** Date and time in one short line for lists that mix days: "Thu, Dec 3, 6:00 PM – 8:00 PM PST" (the year added when it is not this year's). */
  datedLabel: string;
  /** "6:00 PM – 8:00 PM PST", or "All day". */
  timeLabel: string;
  /** "6:00 PM", or "All day". */
  startTimeLabel: string;
  /** The whole date and time in one line, for meta descriptions. */
  whenLabel: string;
  /** The start for the event page: "Thursday, December 3, 2026, 6:00 PM". */
  startLabel: string;
  /** The end for the event page: "8:00 PM", "Friday, December 4, 2026, 8:00 PM", or null (a one-day all-day event). */
  endLabel: string | null;
  /** For <time datetime>: local time with offset, or the date of an all-day event. */
  startIso: string;
  endIso: string;
  /** "PST"; null for all-day events. */
  zoneAbbreviation: string | null;
  /** "Pacific Standard Time"; null for all-day events. */
  zoneName: string | null;
  /** The time where the organizer is, when their zone differs from the site's: "9:00 PM – 11:00 PM EST (America/New_York)". */
  ownZoneLabel: string | null;
  /** "2 hours", "3 days" */
  durationLabel: string;
  placeLabel: string;
  venueLines: string[];
  mapUrl: string | null;
  /** The join link, when the source made it public. */
  onlineLink: string | null;
  rsvp: { url: string; platform: string } | null;
  upcoming: boolean;
  /** It has ended. */
  ended: boolean;
  /** The group's tags (and those of groups that also list it). */
  tags: TagRef[];
  path: string;
  pageUrl: string;
  groupPath: string;
  /** Add-to-calendar links, for upcoming events that are not cancelled. */
  addToCalendar: AddToCalendar | null;
  meta: PageMeta;
}

export interface DayView {
  day: string;
  label: string;
  events: EventView[];
}

export type ActivityState = 'active' | 'quiet' | 'failing' | 'new';

export interface SourceView extends SourceHealth {
  groupName: string;
  groupPath: string;
  /** "OK", "Failing (2 fetches in a row)", "Unhealthy: upcoming events fell from 8 to 2", … */
  statusLabel: string;
  lastSuccessLabel: string | null;
  lastFailureLabel: string | null;
  lastAttemptLabel: string | null;
}

export interface GroupView extends StoredGroup {
  upcoming: EventView[];
  past: EventView[];
  health: SourceHealth[];
  sourceViews: SourceView[];
  /** When a source of this group last answered, for "data as of …". */
  dataAsOf: string | null;
  dataAsOfLabel: string | null;
  path: string;
  pageUrl: string;
  feed: FeedLinks;
  tagRefs: TagRef[];
  nextEvent: EventView | null;
  lastEvent: EventView | null;
  activity: { state: ActivityState; title: string; label: string };
  /** Links worth showing besides the homepage: http(s) only, no repeats. */
  otherLinks: { url: string; label: string }[];
  meta: PageMeta;
}

export interface TagView extends TagRef {
  feed: FeedLinks;
  groups: { id: string; name: string; path: string }[];
  upcoming: EventView[];
  /** The most recent past events, newest first. */
  past: EventView[];
  pastCount: number;
  meta: PageMeta;
}

export interface HomeView {
  /** "Thursday, November 26, 2026" */
  todayLabel: string;
  /** Happening today, including events that started earlier and still run. */
  today: EventView[];
  /** Starting in the six days after today, by day. */
  thisWeek: DayView[];
  /** Starting from a week out up to 30 days out, by day. */
  later: DayView[];
  /** Upcoming events further out than that. */
  beyondCount: number;
}

export interface SiteView {
  /** `zoneLabel`: "Pacific Time (America/Los_Angeles)". */
  site: SiteConfig & { pathPrefix: string; origin: string; zoneLabel: string };
  /** A page's <title> for its own title (the layout calls it for every page). */
  documentTitle: (title: string | null | undefined) => string;
  /** A page's absolute URL, for canonical links and the sitemap. */
  absoluteUrl: (path: string) => string;
  builtAt: string;
  builtAtLabel: string;
  /** The local day the site was built, `YYYY-MM-DD`. */
  today: string;
  events: EventView[];
  upcomingDays: DayView[];
  upcomingCount: number;
  /** Newest first by when we first saw them: the Atom feed's entries. */
  newlyAnnounced: EventView[];
  groups: GroupView[];
  home: HomeView;
  /** Upcoming (all, online, in person) and past events, page by page. */
  lists: ListPage<EventView>[];
  months: MonthView<EventView>[];
  currentMonthPath: string;
  /** Column headings of the month grid, Sunday first. */
  weekdays: { short: string; long: string }[];
  tags: TagView[];
  sources: SourceView[];
  feeds: { all: FeedLinks; atom: string; eventsJson: string; groupsJson: string };
}

const FEED_ENTRIES = 50;
const RECENT_CHANGE_MS = 7 * 24 * 3600 * 1000;
const QUIET_AFTER_DAYS = 90;
const TAG_PAST_SHOWN = 30;
const HOME_DAYS = 30;
const META_DESCRIPTION_MAX = 200;
const MAX_DAYS_SPANNED = 62;
const DAY_MS = 24 * 3600 * 1000;

/** The snapshot with duplicates across sources already merged: what the view is built from. */
export interface ListedSnapshot {
  events: ListedEvent[];
  groups: StoredGroup[];
  sources: SourceHealth[];
}

interface Context {
  zone: string;
  siteUrl: string;
  now: Date;
  today: string;
  groups: Map<string, StoredGroup>;
  tags: Map<string, TagRef>;
}

export function buildView(snapshot: ListedSnapshot, siteConfig: SiteConfig, now: Date): SiteView {
  const zone = siteConfig.timezone;
  const siteUrl = siteConfig.url.replace(/\/+$/, '');
  const site = {
    ...siteConfig,
    url: siteUrl,
    pathPrefix: pathPrefixOf(siteUrl),
    origin: new URL(siteUrl).origin,
    zoneLabel: `${zoneGenericName(zone, now)} (${zone.replace(/_/g, ' ')})`,
  };
  const today = localDay(now.toISOString(), zone);
  const allTags = new Map(tagRefs(snapshot.groups.flatMap((g) => g.tags)).map((t) => [t.slug, t]));
  const context: Context = { zone, siteUrl, now, today, groups: new Map(snapshot.groups.map((g) => [g.id, g])), tags: allTags };

  // Soonest first by local day, all-day events before the timed ones of their day.
  const keyed = snapshot.events.map((event) => {
    const view = eventView(event, context);
    return { view, key: sortKey(view) };
  });
  const events = keyed.sort((a, b) => compare(a.key, b.key) || compare(a.view.id, b.view.id)).map((k) => k.view);
  const upcoming = events.filter((e) => e.upcoming);
  const past = pastEvents(events);
  const sources = sourceViews(snapshot.sources, context);

  // Each group's events, in order: one pass over the events, not one per group.
  const listedBy = indexBy(events, listingGroups);
  const groups = snapshot.groups.map((group) =>
    groupView(
      group,
      listedBy.get(group.id) ?? [],
      snapshot.sources.filter((s) => s.groupId === group.id),
      sources.filter((s) => s.groupId === group.id),
      context,
    ),
  );

  return {
    site,
    documentTitle: (title) => documentTitle(title, site.title),
    absoluteUrl: (path) => absoluteUrl(siteUrl, path),
    builtAt: now.toISOString(),
    builtAtLabel: instantLabel(now.toISOString(), zone),
    today,
    events,
    upcomingDays: byDay(upcoming),
    upcomingCount: upcoming.length,
    newlyAnnounced: [...upcoming].sort((a, b) => compare(b.firstSeen, a.firstSeen) || compare(a.id, b.id)).slice(0, FEED_ENTRIES),
    groups,
    home: homeView(upcoming, today),
    lists: listPages(upcoming, past, groups.length),
    months: buildMonths([...upcoming, ...past], today),
    currentMonthPath: monthPath(today.slice(0, 7)),
    weekdays: WEEKDAYS,
    tags: [...allTags.values()]
      .sort((a, b) => a.name.localeCompare(b.name, 'en'))
      .map((tag) => tagView(tag, upcoming, past, groups, context)),
    sources,
    feeds: {
      all: feedLinks(siteUrl, '/calendar.ics'),
      atom: absoluteUrl(siteUrl, '/feed.xml'),
      eventsJson: absoluteUrl(siteUrl, '/events.json'),
      groupsJson: absoluteUrl(siteUrl, '/groups.json'),
    },
  };
}

/** A group lists an event it hosts, and one it co-hosts that another source listed first. */
/** The groups that list an event: its own, then those whose sources list it too. */
export function listingGroups(event: ListedEvent): string[] {
  return [event.groupId, ...event.alsoListedOn.map((listing) => listing.groupId)];
}


// ---- one event ----

/**
 * The slug as a folder name that cannot leave events/. The store only makes such slugs, but a
 * store restored from a hand-edited export (data/events.json is committed, so a pull request can
 * change it) could hold `../../anything`, and the page and its .ics would be written there.
 */
export function safeSlug(slug: string, id: string): string {
  if (/^[a-z0-9][a-z0-9-]{0,199}$/.test(slug) && !isWindowsReservedName(slug)) return slug;
  const words = slug.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${words || 'event'}-${createHash('sha256').update(`${id}\u0000${slug}`).digest('hex').slice(0, 8)}`;
}

function eventView(event: ListedEvent, context: Context): EventView {
  const { zone, now, siteUrl } = context;
  const nameOf = (groupId: string) => context.groups.get(groupId)?.name ?? groupId;
  const group = context.groups.get(event.groupId);
  const times = timesOf(event, zone, context.today.slice(0, 4));
  const slug = safeSlug(event.slug, event.id);
  const path = eventPath(slug);
  const pageUrl = absoluteUrl(siteUrl, path);
  const ended = isPast(event, now, context.today);
  const upcoming = !event.removed && !ended;
  // Usually what was stored already: the stored string is kept then, not a copy of it (a large
  // site holds every event's view in memory while it renders).
  const descriptionText = htmlToPlainText(event.descriptionHtml);
  const rsvpUrl = safeHttpUrl(event.url);
  const groupName = nameOf(event.groupId);
  const placeText = placeLabel(event);
  const tags = tagRefs(listingGroups(event).flatMap((id) => context.groups.get(id)?.tags ?? []), context.tags);

  const view: EventView = {
    ...event,
    slug,
    groupName,
    alsoListedOn: event.alsoListedOn.map((listing) => ({
      ...listing,
      url: safeHttpUrl(listing.url),
      groupName: nameOf(listing.groupId),
      groupPath: groupPath(listing.groupId),
      platform: platformName(listing.url),
    })),
    recentChanges: recentChangeBadges(event, now),
    changeLog: [],
    changeEntries: event.changes.map((change) => describeChange(change, zone)).reverse(),
    ...times,
    placeLabel: placeText,
    venueLines: event.attendance === 'online' ? [] : venueLines(event.venue),
    mapUrl: event.attendance === 'online' ? null : mapUrl(event.venue),
    onlineLink: event.attendance === 'in_person' ? null : safeHttpUrl(event.onlineUrl),
    rsvp: rsvpUrl ? { url: rsvpUrl, platform: platformName(rsvpUrl) } : null,
    upcoming,
    ended,
    tags,
    path,
    pageUrl,
    groupPath: groupPath(event.groupId),
    addToCalendar: upcoming && event.status !== 'cancelled' ? addToCalendarLinks(event, path, pageUrl, descriptionText) : null,
    meta: {
      title: `${event.title} – ${plainDateLabel(times.day)}`,
      description: truncateText(
        [`${times.whenLabel}. ${placeText}.`, event.status === 'cancelled' ? 'Cancelled.' : '', descriptionText].filter(Boolean).join(' '),
        META_DESCRIPTION_MAX,
      ),
      image: safeHttpUrl(event.imageUrl) ?? safeHttpUrl(group?.imageUrl),
      noindex: event.removed,
      jsonLd: jsonForScript(
        eventJsonLd({
          event,
          group,
          groupName,
          pageUrl,
          groupPageUrl: absoluteUrl(siteUrl, groupPath(event.groupId)),
          zone,
          description: descriptionText,
        }),
      ),
      lastmod: event.lastChanged.slice(0, 10),
    },
  };
  view.changeLog = view.changeEntries.map((c) => `${c.what} on ${c.dayLabel}${c.was ? ` (was ${c.was})` : ''}`);
  return view;
}

type Times = Pick<
  EventView,
  | 'day'
  | 'lastDay'
  | 'days'
  | 'multiDay'
  | 'dateLabel'
  | 'shortDateLabel'
  | 'shortDateRangeLabel'
  | 'datedLabel'
  | 'timeLabel'
  | 'startTimeLabel'
  | 'whenLabel'
  | 'startLabel'
  | 'endLabel'
  | 'startIso'
  | 'endIso'
  | 'zoneAbbreviation'
  | 'zoneName'
  | 'ownZoneLabel'
  | 'durationLabel'
>;

function timesOf(event: ListedEvent, zone: string, thisYear: string): Times {
  const short = (day: string) => (day.startsWith(thisYear) ? shortDateLabel(day) : `${shortDateLabel(day)}, ${day.slice(0, 4)}`);
  if (event.allDay) {
    const day = event.start;
    // All-day ends are exclusive (iCalendar); a bad end before the start counts as one day.
    const lastDay = event.end > event.start ? addDays(event.end, -1) : day;
    const days = spanDays(day, lastDay);
    const multiDay = lastDay !== day;
    return {
      day,
      lastDay,
      days,
      multiDay,
      dateLabel: dateLabel(day),
      shortDateLabel: shortDateLabel(day),
      shortDateRangeLabel: multiDay ? `${shortDateLabel(day)} – ${shortDateLabel(lastDay)}` : shortDateLabel(day),
      datedLabel: multiDay ? `${short(day)} – ${short(lastDay)}` : `${short(day)}, all day`,
      timeLabel: multiDay ? `All day, through ${shortDateLabel(lastDay)}` : 'All day',
      startTimeLabel: 'All day',
      whenLabel: multiDay ? `${dateLabel(day)} – ${dateLabel(lastDay)}` : `${dateLabel(day)}, all day`,
      startLabel: dateLabel(day),
      endLabel: multiDay ? dateLabel(lastDay) : null,
      startIso: day,
      endIso: lastDay,
      zoneAbbreviation: null,
      zoneName: null,
      ownZoneLabel: null,
      durationLabel: durationWords(Math.max(1, daysBetween(day, lastDay) + 1) * 24 * 60),
    };
  }
  const start = localParts(event.start, zone);
  const end = localParts(event.end, zone);
  const minutes = Math.max(0, Math.round((Date.parse(event.end) - Date.parse(event.start)) / 60_000));
  // An evening event that ends after midnight is on one day; one longer than a day spans several.
  const lastDay = minutes > 24 * 60 ? localDay(new Date(Date.parse(event.end) - 60_000).toISOString(), zone) : start.day;
  const days = spanDays(start.day, lastDay);
  const sameDay = end.day === start.day;
  const timeLabel = timeRangeLabel(event, zone);
  return {
    day: start.day,
    lastDay,
    days,
    multiDay: days.length > 1,
    dateLabel: dateLabel(start.day),
    shortDateLabel: shortDateLabel(start.day),
    shortDateRangeLabel: days.length > 1 ? `${shortDateLabel(start.day)} – ${shortDateLabel(lastDay)}` : shortDateLabel(start.day),
    datedLabel:
      days.length > 1
        ? `${short(start.day)}, ${start.time} – ${short(end.day)}, ${end.time} ${start.zoneName}`
        : `${short(start.day)}, ${start.time} – ${end.time} ${start.zoneName}`,
    timeLabel,
    startTimeLabel: start.time,
    whenLabel: `${dateLabel(start.day)}, ${timeLabel}`,
    startLabel: `${dateLabel(start.day)}, ${start.time}`,
    endLabel: sameDay || days.length === 1 ? end.time : `${dateLabel(end.day)}, ${end.time}`,
    startIso: zonedIso(event.start, zone),
    endIso: zonedIso(event.end, zone),
    zoneAbbreviation: start.zoneName,
    zoneName: zoneLongName(event.start, zone),
    ownZoneLabel: ownZoneLabel(event, zone),
    durationLabel: durationWords(minutes),
  };
}

function spanDays(first: string, last: string): string[] {
  const days = [first];
  for (let day = first; day < last && days.length < MAX_DAYS_SPANNED; ) {
    day = addDays(day, 1);
    days.push(day);
  }
  return days;
}

/** The event's times where its organizer is, when that zone's clock differs from the site's. */
function ownZoneLabel(event: ListedEvent, zone: string): string | null {
  if (!event.timezone || event.timezone === zone) return null;
  try {
    const here = localParts(event.start, zone);
    const there = localParts(event.start, event.timezone);
    if (here.time === there.time && here.day === there.day) return null;
    return `${dateLabel(there.day)}, ${timeRangeLabel(event, event.timezone)} (${event.timezone.replace(/_/g, ' ')})`;
  } catch {
    return null;
  }
}

function recentChangeBadges(event: ListedEvent, now: Date): string[] {
  const recent = event.changes.filter((c) => now.getTime() - Date.parse(c.at) <= RECENT_CHANGE_MS);
  const fields = new Set(recent.flatMap((c) => c.fields));
  return [fields.has('time') && 'Time changed', fields.has('place') && 'Moved', fields.has('title') && 'Renamed'].filter(
    (badge): badge is string => typeof badge === 'string',
  );
}

function describeChange(change: EventChange, zone: string): ChangeEntry {
  const day = localParts(change.at, zone).day;
  const was: string[] = [];
  const previous = change.previous;
  if (change.fields.includes('time') && previous.start && previous.end !== undefined) {
    const before = { allDay: previous.allDay ?? false, start: previous.start, end: previous.end };
    const beforeDay = before.allDay ? before.start : localParts(before.start, zone).day;
    was.push(`${dateLabel(beforeDay)}, ${timeRangeLabel(before, zone)}`);
  }
  if (change.fields.includes('place')) was.push(previous.venue?.name ?? previous.venue?.address ?? (previous.attendance === 'online' ? 'online' : 'no venue given'));
  if (change.fields.includes('title') && previous.title) was.push(`“${previous.title}”`);
  if (change.fields.includes('status') && previous.status) was.push(previous.status);
  return {
    at: change.at,
    day,
    dayLabel: dateLabel(day),
    what: change.fields.map((f) => CHANGE_WORDS[f]).join(', '),
    was: was.join('; '),
  };
}

const CHANGE_WORDS: Record<ChangeField, string> = {
  time: 'Time changed',
  place: 'Place changed',
  title: 'Renamed',
  status: 'Status changed',
};

/** Ended: an all-day event once its last day is over in the site's zone, a timed one at its end. */
function isPast(event: { allDay: boolean; end: string }, now: Date, today: string): boolean {
  if (event.allDay) return event.end <= today;
  return Date.parse(event.end) <= now.getTime();
}

function placeLabel(event: ListedEvent): string {
  const venue = event.venue?.name ?? event.venue?.address ?? null;
  if (event.attendance === 'online') return 'Online';
  if (event.attendance === 'hybrid') return venue ? `${venue} + Online` : 'Hybrid';
  return venue ?? 'Location to be announced';
}

function timeRangeLabel(event: { allDay: boolean; start: string; end: string }, zone: string): string {
  if (event.allDay) return 'All day';
  const start = localParts(event.start, zone);
  const end = localParts(event.end, zone);
  // An evening that runs past midnight reads "11:30 PM – 1:00 AM"; only a longer event names its last day.
  const overADay = Date.parse(event.end) - Date.parse(event.start) > DAY_MS;
  const endText = end.day === start.day || !overADay ? end.time : `${dateLabel(end.day)} ${end.time}`;
  return `${start.time} – ${endText} ${start.zoneName}`;
}

// ---- lists ----

function sortKey(event: EventView): string {
  return `${event.day} ${event.allDay ? '0' : `1 ${new Date(event.start).toISOString()}`}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Past events worth keeping in the archive: ended, still listed by their source, and not
 * cancelled (a cancelled event stays visible, marked, only until it is past). Newest first.
 */
function pastEvents(events: EventView[]): EventView[] {
  return events
    .filter((e) => e.ended && !e.removed && e.status !== 'cancelled')
    .sort((a, b) => compare(b.start, a.start) || compare(a.id, b.id));
}

function byDay(events: EventView[]): DayView[] {
  return [...indexBy(events, (event) => [event.day])].map(([day, list]) => ({ day, label: dateLabel(day), events: list }));
}

function homeView(upcoming: EventView[], today: string): HomeView {
  const weekEnd = addDays(today, 6);
  const laterEnd = addDays(today, HOME_DAYS);
  return {
    todayLabel: dateLabel(today),
    today: upcoming.filter((e) => e.day <= today),
    thisWeek: byDay(upcoming.filter((e) => e.day > today && e.day <= weekEnd)),
    later: byDay(upcoming.filter((e) => e.day > weekEnd && e.day <= laterEnd)),
    beyondCount: upcoming.filter((e) => e.day > laterEnd).length,
  };
}

function listPages(upcoming: EventView[], past: EventView[], groupCount: number): ListPage<EventView>[] {
  const filters = (current: string): ListFilter[] =>
    [
      { label: 'All', path: '/upcoming/' },
      { label: 'Online', path: '/upcoming/online/' },
      { label: 'In person', path: '/upcoming/in-person/' },
    ].map((f) => ({ ...f, current: f.path === current }));
  const byDaySection = (event: EventView) => ({
    id: `day-${event.day}`,
    heading: event.dateLabel,
    datetime: event.day,
    showDate: false,
  });
  const groups = `${groupCount} ${groupCount === 1 ? 'group' : 'groups'}`;
  const online = upcoming.filter((e) => e.attendance !== 'in_person');
  const inPerson = upcoming.filter((e) => e.attendance !== 'online');
  return [
    ...paginate(upcoming, {
      list: 'upcoming',
      path: '/upcoming/',
      heading: 'Upcoming events',
      intro: `${upcoming.length} upcoming ${upcoming.length === 1 ? 'event' : 'events'} from ${groups}, soonest first.`,
      emptyText: 'No upcoming events are known right now.',
      filters: filters('/upcoming/'),
      sectionOf: byDaySection,
    }),
    ...paginate(online, {
      list: 'online',
      path: '/upcoming/online/',
      heading: 'Upcoming online events',
      intro: `${online.length} upcoming ${online.length === 1 ? 'event' : 'events'} you can join online (online and hybrid).`,
      emptyText: 'No upcoming online events are known right now.',
      filters: filters('/upcoming/online/'),
      sectionOf: byDaySection,
    }),
    ...paginate(inPerson, {
      list: 'in-person',
      path: '/upcoming/in-person/',
      heading: 'Upcoming in-person events',
      intro: `${inPerson.length} upcoming ${inPerson.length === 1 ? 'event' : 'events'} with a place to go (in person and hybrid).`,
      emptyText: 'No upcoming in-person events are known right now.',
      filters: filters('/upcoming/in-person/'),
      sectionOf: byDaySection,
    }),
    ...paginate(past, {
      list: 'past',
      path: '/past/',
      heading: 'Past events',
      intro: `${past.length} past ${past.length === 1 ? 'event' : 'events'}, newest first, by month.`,
      emptyText: 'No past events recorded yet.',
      sectionOf: (event) => ({
        id: `month-${event.day.slice(0, 7)}`,
        heading: monthLabel(event.day.slice(0, 7)),
        datetime: event.day.slice(0, 7),
        showDate: true,
      }),
    }),
  ];
}

// ---- groups, tags, sources ----

function groupView(
  group: StoredGroup,
  own: EventView[],
  health: SourceHealth[],
  sources: SourceView[],
  context: Context,
): GroupView {
  const upcoming = own.filter((e) => e.upcoming);
  const past = pastEvents(own);
  const successes = sources.map((h) => h.lastSuccess).filter((t): t is string => t !== null).sort();
  const dataAsOf = successes.at(-1) ?? null;
  const path = groupPath(group.id);
  const homepage = safeHttpUrl(group.homepage);
  const seen = new Set([homepage]);
  const otherLinks = group.links
    .map((link) => safeHttpUrl(link))
    .filter((url): url is string => url !== null && !seen.has(url) && (seen.add(url), true))
    .map((url) => ({ url, label: linkLabel(url) }));
  const description = htmlToPlainText(group.descriptionHtml);
  return {
    ...group,
    homepage,
    imageUrl: safeHttpUrl(group.imageUrl),
    upcoming,
    past,
    health,
    sourceViews: sources,
    dataAsOf,
    dataAsOfLabel: dataAsOf ? instantLabel(dataAsOf, context.zone) : null,
    path,
    pageUrl: absoluteUrl(context.siteUrl, path),
    feed: feedLinks(context.siteUrl, `${path}calendar.ics`),
    tagRefs: tagRefs(group.tags, context.tags),
    nextEvent: upcoming[0] ?? null,
    lastEvent: past[0] ?? null,
    activity: activityOf(upcoming, past, sources, context),
    otherLinks,
    meta: {
      title: group.name,
      description: truncateText(
        description || `${group.name}: upcoming and past events, and a calendar feed to subscribe to.`,
        META_DESCRIPTION_MAX,
      ),
      image: safeHttpUrl(group.imageUrl),
      noindex: false,
      jsonLd: null,
      lastmod: null,
    },
  };
}

function linkLabel(url: string): string {
  const parsed = new URL(url);
  const text = `${parsed.hostname.replace(/^www\./, '')}${parsed.pathname.replace(/\/+$/, '')}`;
  return truncateText(text, 48);
}

/** Active, quiet for months, or its sources failing: what a visitor should expect of a group. */
function activityOf(upcoming: EventView[], past: EventView[], sources: SourceView[], context: Context): GroupView['activity'] {
  const failing = sources.filter((s) => s.lastOutcome === 'failed');
  if (sources.length > 0 && failing.length === sources.length) {
    const lastWorked = sources.map((s) => s.lastSuccess).filter((t): t is string => t !== null).sort().at(-1);
    return {
      state: 'failing',
      title: 'Source failing',
      label: lastWorked
        ? `Source failing since ${plainDateLabel(localDay(lastWorked, context.zone))}; events may be out of date`
        : 'Source failing; no events could be read yet',
    };
  }
  if (sources.length > 0 && sources.every((s) => s.state === 'unknown')) return { state: 'new', title: 'New', label: 'Not fetched yet' };
  if (upcoming.length > 0) return { state: 'active', title: 'Active', label: `${upcoming.length} upcoming ${upcoming.length === 1 ? 'event' : 'events'}` };
  const last = past[0];
  if (last && daysBetween(last.lastDay, context.today) <= QUIET_AFTER_DAYS) {
    return { state: 'active', title: 'Active', label: `Last event ${plainDateLabel(last.day)}` };
  }
  if (!last) return { state: 'quiet', title: 'Quiet', label: 'No events known yet' };
  const months = Math.floor(daysBetween(last.lastDay, context.today) / 30);
  return { state: 'quiet', title: 'Quiet', label: `Quiet for ${months} months; last event ${plainDateLabel(last.day)}` };
}

function tagView(tag: TagRef, upcoming: EventView[], past: EventView[], groups: GroupView[], context: Context): TagView {
  const has = (e: EventView) => e.tags.some((t) => t.slug === tag.slug);
  const pastTagged = past.filter(has);
  return {
    ...tag,
    feed: feedLinks(context.siteUrl, `${tag.path}calendar.ics`),
    groups: groups.filter((g) => g.tagRefs.some((t) => t.slug === tag.slug)).map((g) => ({ id: g.id, name: g.name, path: g.path })),
    upcoming: upcoming.filter(has),
    past: pastTagged.slice(0, TAG_PAST_SHOWN),
    pastCount: pastTagged.length,
    meta: {
      title: `Events tagged ${tag.name}`,
      description: `Upcoming ${tag.name} events, and a calendar feed of every ${tag.name} event to subscribe to.`,
      image: null,
      noindex: false,
      jsonLd: null,
      lastmod: null,
    },
  };
}

function sourceViews(health: SourceHealth[], context: Context): SourceView[] {
  const label = (instant: string | null) => (instant ? instantLabel(instant, context.zone) : null);
  return health.map((h) => {
    return {
      ...h,
      groupName: context.groups.get(h.groupId)?.name ?? h.groupId,
      groupPath: groupPath(h.groupId),
      statusLabel: statusLabel(h),
      lastSuccessLabel: label(h.lastSuccess),
      lastFailureLabel: label(h.lastFailure),
      lastAttemptLabel: label(h.lastAttempt),
    };
  });
}

function statusLabel(health: SourceHealth): string {
  const failures = `${health.consecutiveFailures} ${health.consecutiveFailures === 1 ? 'fetch' : 'fetches'} in a row`;
  switch (health.state) {
    case 'unknown':
      return 'Not fetched yet';
    case 'healthy':
      return 'OK';
    case 'failing':
      return `Failing (${failures})`;
    case 'unhealthy':
      return health.lastOutcome === 'failed' ? `Unhealthy: failing (${failures})` : `Unhealthy: ${health.reason}`;
  }
}
