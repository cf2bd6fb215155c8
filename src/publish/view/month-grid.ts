import { Temporal } from 'temporal-polyfill';
import { dateLabel, monthLabel } from './date-labels.ts';
import { addMonths } from '../../time.ts';
import { appendTo } from '../../maps.ts';
import { byStartThenId } from '../order.ts';
import type { EventTimes } from './event-times.ts';

// The calendar pages: one month per page as a grid of weeks (Sunday first, as US calendars are),
// each day listing the events on it in the site's time zone.

/** What the grid needs to know of an event: the days it covers and its start time on the first. */
export interface GridEvent {
  id: string;
  start: string;
  when: Pick<EventTimes, 'days' | 'startTimeLabel'>;
}

export interface DayEntry<E> {
  event: E;
  /** "6:00 PM"; "All day"; "continues" on the later days of a multi-day event. */
  timeLabel: string;
  continued: boolean;
}

export interface DayCell<E> {
  day: string;
  /** 1–31 */
  number: number;
  /** "Thursday, December 3, 2026" */
  label: string;
  isToday: boolean;
  isPast: boolean;
  /** The day's first events: a busy day shows DAY_SHOWN of them and links to the rest. */
  entries: DayEntry<E>[];
  /** How many more events the day has than it shows. */
  moreCount: number;
  /** Where a list shows the whole day; null when every event is shown. */
  morePath: string | null;
}

export interface MonthView<E> {
  /** `YYYY-MM` */
  month: string;
  label: string;
  path: string;
  /** Weeks of seven cells; null where the day belongs to the month before or after. */
  weeks: (DayCell<E> | null)[][];
  eventCount: number;
  isCurrent: boolean;
  previous: { month: string; label: string; path: string } | null;
  next: { month: string; label: string; path: string } | null;
}

export const WEEKDAYS = [
  { short: 'Sun', long: 'Sunday' },
  { short: 'Mon', long: 'Monday' },
  { short: 'Tue', long: 'Tuesday' },
  { short: 'Wed', long: 'Wednesday' },
  { short: 'Thu', long: 'Thursday' },
  { short: 'Fri', long: 'Friday' },
  { short: 'Sat', long: 'Saturday' },
];

/** How far back the calendar goes, and how far ahead at most (a typo'd year must not make 900 pages). */
export const MONTHS_BACK = 12;
export const MONTHS_AHEAD = 24;

/**
 * Events a day of the grid shows. A region's busy month lists hundreds of events, and a table is
 * laid out whole, all at once: past a few a day, the grid would block the page as it loads.
 */
export const DAY_SHOWN = 4;

/** Where a list shows the events of a day: `/upcoming/2/#day-2026-12-03`. */
export type DayLink = (day: string) => string;

export function monthPath(month: string): string {
  return `/calendar/${month}/`;
}

/**
 * The months to show: from the earliest month with an event (at most MONTHS_BACK before this
 * one) to the last month with an event (at least this month, at most MONTHS_AHEAD after it).
 */
export function monthRange(events: GridEvent[], today: string): string[] {
  const current = today.slice(0, 7);
  const first = addMonths(current, -MONTHS_BACK);
  const last = addMonths(current, MONTHS_AHEAD);
  const months = events.flatMap((e) => [e.when.days[0]!.slice(0, 7), e.when.days.at(-1)!.slice(0, 7)]);
  const earliest = months.reduce((min, m) => (m < min ? m : min), current);
  const latest = months.reduce((max, m) => (m > max ? m : max), current);
  const from = earliest < first ? first : earliest;
  const to = latest > last ? last : latest;
  const range: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) range.push(month);
  return range;
}

/** `dayLink`: where a list shows a busy day whole. */
export function buildMonths<E extends GridEvent>(events: E[], today: string, dayLink: DayLink): MonthView<E>[] {
  const byDay = new Map<string, DayEntry<E>[]>();
  const sorted = [...events].sort(byStartThenId);
  for (const event of sorted) {
    event.when.days.forEach((day, i) => {
      const entry = { event, timeLabel: i === 0 ? event.when.startTimeLabel : 'continues', continued: i > 0 };
      appendTo(byDay, day, entry);
    });
  }

  const months = monthRange(events, today);
  const current = today.slice(0, 7);
  const link = (month: string | undefined) => (month ? { month, label: monthLabel(month), path: monthPath(month) } : null);
  return months.map((month, i) => {
    const weeks = weeksOf(month).map((week) =>
      week.map((day) => {
        if (day === null) return null;
        const entries = byDay.get(day) ?? [];
        const moreCount = Math.max(0, entries.length - DAY_SHOWN);
        return {
          day,
          number: Number(day.slice(8)),
          label: dateLabel(day),
          isToday: day === today,
          isPast: day < today,
          entries: entries.slice(0, DAY_SHOWN),
          moreCount,
          morePath: moreCount > 0 ? dayLink(day) : null,
        };
      }),
    );
    const eventIds = new Set(weeks.flat().flatMap((cell) => (cell ? (byDay.get(cell.day) ?? []).map((e) => e.event.id) : [])));
    return {
      month,
      label: monthLabel(month),
      path: monthPath(month),
      weeks,
      eventCount: eventIds.size,
      isCurrent: month === current,
      previous: link(months[i - 1]),
      next: link(months[i + 1]),
    };
  });
}

/** The days of a month in weeks of seven, Sunday first, padded with null. */
function weeksOf(month: string): (string | null)[][] {
  const first = Temporal.PlainDate.from(`${month}-01`);
  const cells: (string | null)[] = Array.from({ length: first.dayOfWeek % 7 }, () => null);
  for (let day = first; day.month === first.month; day = day.add({ days: 1 })) cells.push(day.toString());
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
