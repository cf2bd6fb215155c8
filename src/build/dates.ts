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

const partsFormats = new Map<string, Intl.DateTimeFormat>();

export function localParts(instant: string, zone: string): LocalParts {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    partsFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute} ${parts.dayPeriod}`,
    zoneName: parts.timeZoneName ?? zone,
  };
}

/** "Pacific Standard Time": the zone's long name at that instant. */
export function zoneLongName(instant: string, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'long' }).formatToParts(new Date(instant));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** "Pacific Time": the zone's name whatever the season. */
export function zoneGenericName(zone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** An instant as local ISO 8601 with its offset, `2026-12-03T18:00:00-08:00`: what schema.org and <time> want. */
export function zonedIso(instant: string, zone: string): string {
  const zoned = Temporal.Instant.from(instant).toZonedDateTimeISO(zone);
  return `${zoned.toPlainDateTime().toString({ smallestUnit: 'second' })}${zoned.offset}`;
}

/** The local calendar day of an instant. */
export function localDay(instant: string, zone: string): string {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDate().toString();
}

export function addDays(day: string, days: number): string {
  return Temporal.PlainDate.from(day).add({ days }).toString();
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Temporal.PlainDate.from(a).until(Temporal.PlainDate.from(b), { largestUnit: 'days' }).days;
}

const UTC_NOON = (day: string) => new Date(`${day}T12:00:00Z`);

/** "Thursday, December 3, 2026" for a `YYYY-MM-DD` day (a date, so no zone applies). */
export function dateLabel(day: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(UTC_NOON(day));
}

/** "Thu, Dec 3" */
export function shortDateLabel(day: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(
    UTC_NOON(day),
  );
}

/** "December 3, 2026" */
export function plainDateLabel(day: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).format(
    UTC_NOON(day),
  );
}

/** "November 2026" for `2026-11`. */
export function monthLabel(month: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(
    UTC_NOON(`${month}-01`),
  );
}

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
