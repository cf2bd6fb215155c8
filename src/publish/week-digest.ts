import { addDays, dateTimeFormat, isoWeekOf, localDay, type IsoWeek } from '../time.ts';
import type { EventStatus, ListedEvent } from '../types.ts';
import { compareText } from './order.ts';
import { absoluteUrl, eventPagePath, weekPath } from './site-paths.ts';
import { dayLabel, shortDateLabel } from './view/date-labels.ts';
import { eventTimes } from './view/event-times.ts';
import { eventPlace } from './view/place.ts';

// A week's digest: the listed events that start in one ISO week (Monday to Sunday, in the site's
// time zone), day by day, in the site's own words for them. The week's page, its Markdown and
// e-mail files, the feed of digests and the digest `spokane-tech announce` posts are all made
// from this one model, so a post and the page it links to never disagree.

export interface DigestEvent {
  id: string;
  /** "6:00 PM", or "All day". */
  time: string;
  title: string;
  groupName: string;
  /** "IntelliTect", "Online", "The Hive + Online". */
  place: string;
  status: EventStatus;
  /** The event's page on the site. */
  pageUrl: string;
}

export interface DigestDay {
  /** `YYYY-MM-DD` */
  day: string;
  /** "Monday, December 7" */
  label: string;
  /** "Mon, Dec 7" */
  shortLabel: string;
  events: DigestEvent[];
}

export interface WeekDigest {
  /** `2026-W50` */
  week: string;
  /** Its first and last days, `YYYY-MM-DD`. */
  monday: string;
  sunday: string;
  /** "Dec 7 – 13", "Nov 30 – Dec 6" */
  label: string;
  /** "December 7 – 13, 2026", "December 28, 2026 – January 3, 2027" */
  longLabel: string;
  /** The week's page, root-relative: `/week/2026-W50/`. */
  path: string;
  pageUrl: string;
  /** The days with events, in order. */
  days: DigestDay[];
  eventCount: number;
  groupCount: number;
}

export interface DigestSite {
  url: string;
  timezone: string;
}

export interface DigestOptions {
  /** The first day it holds, `YYYY-MM-DD`: a digest posted late in its week leaves out the days gone. Its Monday by default. */
  from?: string;
}

/**
 * The digest of `week`: those of `events` that are still listed (not removed) and start on one
 * of its days, cancelled ones included (marked by their status). An event that began in an
 * earlier week is not in it, however long it runs.
 */
export function weekDigest(week: IsoWeek, events: ListedEvent[], site: DigestSite, groupName: (groupId: string) => string, options: DigestOptions = {}): WeekDigest {
  const zone = site.timezone;
  const first = options.from !== undefined && options.from > week.monday ? options.from : week.monday;
  // No zone is a whole day off UTC: an event whose UTC day is further out cannot be in the week.
  const [earliest, latest] = [addDays(first, -1), addDays(week.sunday, 1)];
  const inWeek = events
    .filter((event) => !event.removed && event.start.slice(0, 10) >= earliest && event.start.slice(0, 10) <= latest)
    .map((event) => ({ event, day: event.allDay ? event.start : localDay(event.start, zone) }))
    .filter(({ day }) => day >= first && day <= week.sunday)
    // Soonest first, an all-day event before the timed ones of its day, as in the site's lists.
    .map((item) => ({ ...item, key: `${item.day} ${item.event.allDay ? '0' : `1 ${item.event.start}`}` }))
    .sort((a, b) => compareText(a.key, b.key) || compareText(a.event.id, b.event.id));

  const days: DigestDay[] = [];
  for (const { event, day } of inWeek) {
    if (days.at(-1)?.day !== day) days.push({ day, label: dayLabel(day), shortLabel: shortDateLabel(day), events: [] });
    days.at(-1)!.events.push({
      id: event.id,
      time: eventTimes(event, zone, week.monday).startTimeLabel,
      title: event.title,
      groupName: groupName(event.groupId),
      place: eventPlace(event).placeLabel,
      status: event.status,
      pageUrl: absoluteUrl(site.url, eventPagePath(event)),
    });
  }
  const path = weekPath(week.id);
  return {
    week: week.id,
    monday: week.monday,
    sunday: week.sunday,
    label: dayRange(week, { month: 'short', day: 'numeric' }),
    longLabel: dayRange(week, { year: 'numeric', month: 'long', day: 'numeric' }),
    path,
    pageUrl: absoluteUrl(site.url, path),
    days,
    eventCount: inWeek.length,
    groupCount: new Set(inWeek.map(({ event }) => event.groupId)).size,
  };
}

/** The week that `day` is in, and the one after it: the weeks the site has pages for. */
export function thisAndNextWeek(today: string): [IsoWeek, IsoWeek] {
  const thisWeek = isoWeekOf(today);
  return [thisWeek, isoWeekOf(addDays(thisWeek.monday, 7))];
}

/** Monday to Sunday in as few words as the format allows ("Dec 7 – 13"), with plain spaces around the dash as the site writes it. */
function dayRange(week: IsoWeek, options: Intl.DateTimeFormatOptions): string {
  const noon = (day: string) => new Date(`${day}T12:00:00Z`);
  return dateTimeFormat('UTC', options).formatRange(noon(week.monday), noon(week.sunday)).replace(/[\u2009\u202f]/g, ' ');
}
