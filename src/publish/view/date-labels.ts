import { Temporal } from 'temporal-polyfill';

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

// Creating an Intl.DateTimeFormat costs far more than using one (a build formats tens of
// thousands of dates), so each format is made once and kept, by its options and zone.
const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone} ${JSON.stringify(options)}`;
  let made = formats.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat('en-US', { timeZone: zone, ...options });
    formats.set(key, made);
  }
  return made;
}

/** The same label for the same day is worked out once. */
function memo(compute: (key: string) => string): (key: string) => string {
  const known = new Map<string, string>();
  return (key) => remembered(known, key, () => compute(key));
}

const PARTS = { year: 'numeric', month: '2-digit', day: '2-digit', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } as const;

export function localParts(instant: string, zone: string): LocalParts {
  return remembered(localPartsKnown, `${zone} ${instant}`, () => {
    const parts = partsOf(format(zone, PARTS), new Date(instant));
    return {
      day: `${parts.year}-${parts.month}-${parts.day}`,
      time: `${parts.hour}:${parts.minute} ${parts.dayPeriod}`,
      zoneName: parts.timeZoneName ?? zone,
    };
  });
}

// An event's start and end are formatted several times over (its labels, its page, its JSON-LD).
const localPartsKnown = new Map<string, LocalParts>();
const isoPartsKnown = new Map<string, IsoParts | null>();
const REMEMBERED_MAX = 4096;

/** `compute()` once per key, keeping at most REMEMBERED_MAX keys. */
function remembered<T>(known: Map<string, T>, key: string, compute: () => T): T {
  if (known.has(key)) return known.get(key)!;
  const value = compute();
  if (known.size >= REMEMBERED_MAX) known.clear();
  known.set(key, value);
  return value;
}

function partsOf(formatter: Intl.DateTimeFormat, date: Date): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/** "Pacific Standard Time": the zone's long name at that instant. */
export function zoneLongName(instant: string, zone: string): string {
  return partsOf(format(zone, { timeZoneName: 'long' }), new Date(instant)).timeZoneName ?? zone;
}

/** "Pacific Time": the zone's name whatever the season. */
export function zoneGenericName(zone: string, at: Date): string {
  return partsOf(format(zone, { timeZoneName: 'longGeneric' }), at).timeZoneName ?? zone;
}

const ISO_PARTS = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
} as const;

interface IsoParts {
  day: string;
  time: string;
  offset: string;
}

/** Local date, time and UTC offset of an instant in a zone, as ISO 8601 pieces. */
function isoParts(instant: string, zone: string): IsoParts | null {
  return remembered(isoPartsKnown, `${zone} ${instant}`, () => computeIsoParts(instant, zone));
}

function computeIsoParts(instant: string, zone: string): IsoParts | null {
  const date = new Date(instant);
  const year = date.getUTCFullYear();
  // Intl writes years before 1000 or after 9999 unlike ISO 8601; Temporal handles those.
  if (Number.isNaN(year) || year < 1000 || year > 9999) return null;
  const parts = partsOf(format(zone, ISO_PARTS), date);
  // "GMT-08:00", or "GMT" for UTC itself.
  const offset = (parts.timeZoneName ?? '').replace(/^GMT/, '') || '+00:00';
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}`, offset };
}

/** An instant as local ISO 8601 with its offset, `2026-12-03T18:00:00-08:00`: what schema.org and <time> want. */
export function zonedIso(instant: string, zone: string): string {
  const parts = isoParts(instant, zone);
  if (parts) return `${parts.day}T${parts.time}${parts.offset}`;
  const zoned = Temporal.Instant.from(instant).toZonedDateTimeISO(zone);
  return `${zoned.toPlainDateTime().toString({ smallestUnit: 'second' })}${zoned.offset}`;
}

/** The local calendar day of an instant. */
export function localDay(instant: string, zone: string): string {
  return isoParts(instant, zone)?.day ?? Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDate().toString();
}

const DAY_MS = 24 * 60 * 60 * 1000;
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds at UTC midnight of a valid `YYYY-MM-DD` from 1000 to 9999, else null (Temporal then decides). */
function utcMidnight(day: string): number | null {
  const match = PLAIN_DATE.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, date);
  const check = new Date(ms);
  // Date.UTC rolls February 30 over into March; a day that does not exist is not ours to fix.
  if (year < 1000 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
  return ms;
}

export function addDays(day: string, days: number): string {
  const ms = utcMidnight(day);
  const result = ms === null ? null : new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
  if (result !== null && /^\d{4}-/.test(result)) return result;
  return Temporal.PlainDate.from(day).add({ days }).toString();
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  const [from, to] = [utcMidnight(a), utcMidnight(b)];
  if (from !== null && to !== null) return Math.round((to - from) / DAY_MS);
  return Temporal.PlainDate.from(a).until(Temporal.PlainDate.from(b), { largestUnit: 'days' }).days;
}

const UTC_NOON = (day: string) => new Date(`${day}T12:00:00Z`);

/** "Thursday, December 3, 2026" for a `YYYY-MM-DD` day (a date, so no zone applies). */
export const dateLabel: (day: string) => string = memo((day) =>
  format('UTC', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(UTC_NOON(day)),
);

/** "Thu, Dec 3" */
export const shortDateLabel: (day: string) => string = memo((day) =>
  format('UTC', { weekday: 'short', month: 'short', day: 'numeric' }).format(UTC_NOON(day)),
);

/** "December 3, 2026" */
export const plainDateLabel: (day: string) => string = memo((day) =>
  format('UTC', { year: 'numeric', month: 'long', day: 'numeric' }).format(UTC_NOON(day)),
);

/** "November 2026" for `2026-11`. */
export const monthLabel: (month: string) => string = memo((month) =>
  format('UTC', { year: 'numeric', month: 'long' }).format(UTC_NOON(`${month}-01`)),
);

/** The `YYYY-MM` month `count` months after `month` (negative: before). */
export function addMonths(month: string, count: number): string {
  return Temporal.PlainYearMonth.from(month).add({ months: count }).toString();
}

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
