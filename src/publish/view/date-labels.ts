import { dateTimeFormat, partsOf, remembered } from '../../time.ts';

// Dates and times as the pages show them: always in the site's time zone, always in words a
// person reads ("Thursday, December 3, 2026", "6:00 PM – 8:00 PM PST"), and always with a
// machine-readable twin for <time datetime>.

export interface LocalParts {
  /** `YYYY-MM-DD` in the zone. */
  day: string;
  /** "6:00 PM" */
  time: string;
  /** "PST" (or "GMT-8" where the zone has no abbreviation in English). */
  zoneName: string;
}

/** The same label for the same day is worked out once. */
function memo(compute: (key: string) => string): (key: string) => string {
  const known = new Map<string, string>();
  return (key) => remembered(known, key, () => compute(key));
}

const PARTS = { year: 'numeric', month: '2-digit', day: '2-digit', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } as const;

export function localParts(instant: string, zone: string): LocalParts {
  return remembered(localPartsKnown, `${zone} ${instant}`, () => {
    const parts = partsOf(dateTimeFormat(zone, PARTS), new Date(instant));
    return {
      day: `${parts.year}-${parts.month}-${parts.day}`,
      time: `${parts.hour}:${parts.minute} ${parts.dayPeriod}`,
      zoneName: parts.timeZoneName ?? zone,
    };
  });
}

const localPartsKnown = new Map<string, LocalParts>();

/** "Pacific Standard Time": the zone's long name at that instant. */
export function zoneLongName(instant: string, zone: string): string {
  return partsOf(dateTimeFormat(zone, { timeZoneName: 'long' }), new Date(instant)).timeZoneName ?? zone;
}

/** "Pacific Time": the zone's name whatever the season. */
export function zoneGenericName(zone: string, at: Date): string {
  return partsOf(dateTimeFormat(zone, { timeZoneName: 'longGeneric' }), at).timeZoneName ?? zone;
}

const UTC_NOON = (day: string) => new Date(`${day}T12:00:00Z`);

/** "Thursday, December 3, 2026" for a `YYYY-MM-DD` day (a date, so no zone applies). */
export const dateLabel: (day: string) => string = memo((day) =>
  dateTimeFormat('UTC', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(UTC_NOON(day)),
);

/** "Thu, Dec 3" */
export const shortDateLabel: (day: string) => string = memo((day) =>
  dateTimeFormat('UTC', { weekday: 'short', month: 'short', day: 'numeric' }).format(UTC_NOON(day)),
);

/** "Thursday, December 3": a day of this year, said without it. */
export const dayLabel: (day: string) => string = memo((day) =>
  dateTimeFormat('UTC', { weekday: 'long', month: 'long', day: 'numeric' }).format(UTC_NOON(day)),
);

/** A day in words, the year said only when it is not `thisYear`'s: "Thursday, December 3", "Tuesday, January 5, 2027". */
export function dayLabelFrom(day: string, thisYear: string): string {
  return day.startsWith(thisYear) ? dayLabel(day) : dateLabel(day);
}

/** The date block beside an event in lists: weekday, day of the month and month, short. */
export interface DateBlock {
  /** "Thu" */
  weekday: string;
  /** "3" */
  day: string;
  /** "Dec" */
  month: string;
}

const dateBlocks = new Map<string, DateBlock>();

/** One object per day, shared by every event on it (a large site holds every event's view while it renders). */
export function dateBlock(day: string): DateBlock {
  let block = dateBlocks.get(day);
  if (!block) {
    const parts = partsOf(dateTimeFormat('UTC', { weekday: 'short', month: 'short', day: 'numeric' }), UTC_NOON(day));
    block = { weekday: parts.weekday ?? '', day: parts.day ?? '', month: parts.month ?? '' };
    dateBlocks.set(day, block);
  }
  return block;
}

/** "December 3, 2026" */
export const plainDateLabel: (day: string) => string = memo((day) =>
  dateTimeFormat('UTC', { year: 'numeric', month: 'long', day: 'numeric' }).format(UTC_NOON(day)),
);

/** "November 2026" for `2026-11`. */
export const monthLabel: (month: string) => string = memo((month) =>
  dateTimeFormat('UTC', { year: 'numeric', month: 'long' }).format(UTC_NOON(`${month}-01`)),
);

/** "2 hours", "1 hour 30 minutes", "3 days". */
export function durationWords(minutes: number): string {
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  const words = [
    days && `${days} ${days === 1 ? 'day' : 'days'}`,
    hours && `${hours} ${hours === 1 ? 'hour' : 'hours'}`,
    rest && `${rest} ${rest === 1 ? 'minute' : 'minutes'}`,
  ].filter((w): w is string => typeof w === 'string');
  return words.length ? words.join(' ') : '0 minutes';
}

/** "December 3, 2026 at 6:00 PM PST" for an instant, for "data as of" and health pages. */
export function instantLabel(instant: string, zone: string): string {
  const local = localParts(instant, zone);
  return `${plainDateLabel(local.day)} at ${local.time} ${local.zoneName}`;
}
