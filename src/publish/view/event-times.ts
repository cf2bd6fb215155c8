import type { StoredEvent } from '../../types.ts';
import { addDays, daysBetween, localDay, zonedIso, DAY_MS } from '../../time.ts';
import { dateBlock, dateLabel, dayLabelFrom, durationWords, localParts, shortDateLabel, zoneLongName, type DateBlock } from './date-labels.ts';

// When an event happens, as the pages show it: in the site's time zone, in the words each page
// needs (a list's short line, the event page's start and end, a meta description's one line),
// and with machine-readable twins for <time datetime>.

/** An event's `when`. */
export interface EventTimes {
  /** Local calendar day of the start, `YYYY-MM-DD`, for grouping lists by day. */
  day: string;
  /** Local calendar day it ends on (inclusive). */
  lastDay: string;
  /** Every local day it covers, first to last (one for most events). */
  days: string[];
  /** "Thursday, December 3, 2026" */
  dateLabel: string;
  /** "Thu, Dec 3" */
  shortDateLabel: string;
  /** "Thu, Dec 3", the year added when it is not this year's: "Sat, Jan 2, 2027". */
  listDateLabel: string;
  /** "Thu, Dec 3", or "Fri, Dec 4 – Sun, Dec 6" for a multi-day event. */
  shortDateRangeLabel: string;
  /** The whole date and time in one line, for meta descriptions: "Thursday, December 3, 2026, 6:00 PM – 8:00 PM PST". */
  dateTimeLabel: string;
  /** Date and time in one short line for lists that mix days: "Thu, Dec 3, 6:00 PM – 8:00 PM PST" (the year added when it is not this year's). */
  shortDateTimeLabel: string;
  /** "6:00 PM – 8:00 PM PST", or "All day". */
  timeLabel: string;
  /**
   * For lists, which name the zone once per page: "6:00 – 8:00 PM", "11:30 PM – 1:00 AM",
   * "9:00 AM – Sun, Dec 6, 5:00 PM", "All day", "All day, through Sun, Dec 6".
   */
  listTimeLabel: string;
  /** The start day's date block in lists: "Thu", "3", "Dec". */
  dateBlock: DateBlock;
  /** The last day's date block, for an event shown as still running. */
  lastDateBlock: DateBlock;
  /** What lists say of an event that began on an earlier day and still runs: "until Sunday, December 6, 5:00 PM". */
  untilLabel: string;
  /** "6:00 PM", or "All day". */
  startTimeLabel: string;
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
  /** The time where the organizer is, when their zone differs from the site's: "Thursday, December 3, 2026, 9:00 PM – 11:00 PM EST (America/New York)". */
  ownZoneLabel: string | null;
  /** "2 hours", "3 days" */
  durationLabel: string;
}

/** The times a range label needs: what a change's earlier time also has. */
export type TimeRange = Pick<StoredEvent, 'allDay' | 'start' | 'end'>;

const MAX_DAYS_SPANNED = 62;

/** An event's times in the site's `zone`; `today` (local, `YYYY-MM-DD`) says which year goes without saying. */
export function eventTimes(event: TimeRange & Pick<StoredEvent, 'timezone'>, zone: string, today: string): EventTimes {
  const thisYear = today.slice(0, 4);
  const short = (day: string) => (day.startsWith(thisYear) ? shortDateLabel(day) : `${shortDateLabel(day)}, ${day.slice(0, 4)}`);
  if (event.allDay) {
    const day = event.start;
    // All-day ends are exclusive (iCalendar); a bad end before the start counts as one day.
    const lastDay = event.end > event.start ? addDays(event.end, -1) : day;
    const multiDay = lastDay !== day;
    return {
      day,
      lastDay,
      days: spanDays(day, lastDay),
      dateLabel: dateLabel(day),
      shortDateLabel: shortDateLabel(day),
      listDateLabel: short(day),
      shortDateRangeLabel: multiDay ? `${shortDateLabel(day)} – ${shortDateLabel(lastDay)}` : shortDateLabel(day),
      dateTimeLabel: multiDay ? `${dateLabel(day)} – ${dateLabel(lastDay)}` : `${dateLabel(day)}, all day`,
      shortDateTimeLabel: multiDay ? `${short(day)} – ${short(lastDay)}` : `${short(day)}, all day`,
      timeLabel: multiDay ? `All day, through ${shortDateLabel(lastDay)}` : 'All day',
      listTimeLabel: multiDay ? `All day, through ${shortDateLabel(lastDay)}` : 'All day',
      dateBlock: dateBlock(day),
      lastDateBlock: dateBlock(lastDay),
      untilLabel: `until ${dayLabelFrom(lastDay, thisYear)}`,
      startTimeLabel: 'All day',
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
  const multiDay = days.length > 1;
  const timeLabel = timeRangeLabel(event, zone);
  return {
    day: start.day,
    lastDay,
    days,
    dateLabel: dateLabel(start.day),
    shortDateLabel: shortDateLabel(start.day),
    listDateLabel: short(start.day),
    shortDateRangeLabel: multiDay ? `${shortDateLabel(start.day)} – ${shortDateLabel(lastDay)}` : shortDateLabel(start.day),
    dateTimeLabel: `${dateLabel(start.day)}, ${timeLabel}`,
    shortDateTimeLabel: multiDay
      ? `${short(start.day)}, ${start.time} – ${short(end.day)}, ${end.time} ${start.zoneName}`
      : `${short(start.day)}, ${start.time} – ${end.time} ${start.zoneName}`,
    timeLabel,
    listTimeLabel: multiDay ? `${start.time} – ${short(end.day)}, ${end.time}` : compactRange(start.time, end.time),
    dateBlock: dateBlock(start.day),
    lastDateBlock: dateBlock(end.day),
    untilLabel: `until ${dayLabelFrom(end.day, thisYear)}, ${end.time}`,
    startTimeLabel: start.time,
    startLabel: `${dateLabel(start.day)}, ${start.time}`,
    endLabel: end.day === start.day || !multiDay ? end.time : `${dateLabel(end.day)}, ${end.time}`,
    startIso: zonedIso(event.start, zone),
    endIso: zonedIso(event.end, zone),
    zoneAbbreviation: start.zoneName,
    zoneName: zoneLongName(event.start, zone),
    ownZoneLabel: ownZoneLabel(event, zone),
    durationLabel: durationWords(minutes),
  };
}

/** Ended: an all-day event once its last day is over in the site's zone, a timed one at its end. */
export function hasEnded(event: TimeRange, now: Date, today: string): boolean {
  if (event.allDay) return event.end <= today;
  return Date.parse(event.end) <= now.getTime();
}

/** "6:00 PM – 8:00 PM PST", or "All day". */
export function timeRangeLabel(event: TimeRange, zone: string): string {
  if (event.allDay) return 'All day';
  const start = localParts(event.start, zone);
  const end = localParts(event.end, zone);
  // An evening that runs past midnight reads "11:30 PM – 1:00 AM"; only a longer event names its last day.
  const overADay = Date.parse(event.end) - Date.parse(event.start) > DAY_MS;
  const endText = end.day === start.day || !overADay ? end.time : `${dateLabel(end.day)} ${end.time}`;
  return `${start.time} – ${endText} ${start.zoneName}`;
}

/** "6:00 – 8:00 PM" when both ends are in the same half of the day, else "11:30 PM – 1:00 AM". */
function compactRange(start: string, end: string): string {
  const [startClock, startHalf] = start.split(' ');
  const endHalf = end.split(' ')[1];
  return startHalf === endHalf ? `${startClock} – ${end}` : `${start} – ${end}`;
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
function ownZoneLabel(event: TimeRange & Pick<StoredEvent, 'timezone'>, zone: string): string | null {
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
