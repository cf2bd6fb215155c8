import { Temporal } from 'temporal-polyfill';

// Instants, dates and zones: the one module that does arithmetic on them. Every instant we store
// is written `YYYY-MM-DDTHH:MM:SSZ`; every calendar date `YYYY-MM-DD`. Reading times as others
// write them is src/time-reading.ts; how dates read in words is the view's business
// (src/publish/view/date-labels.ts).

export const DEFAULT_DURATION_MINUTES = 120;

/** A day of 24 hours, in ms: for instants, never for local days (those can be 23 or 25 hours). */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** A Date as our UTC instant string (seconds precision). */
export function utcInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function addMinutes(instant: string, minutes: number): string {
  return Temporal.Instant.from(instant).add({ minutes }).toString();
}

// A build does date arithmetic on every event several times over, so the common case (a real
// day between the years 1000 and 9999) is plain millisecond arithmetic; Temporal decides the rest.
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds at UTC midnight of a valid `YYYY-MM-DD` from 1000 to 9999, else null. */
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

/** The `YYYY-MM-DD` day `days` after `day` (negative: before). */
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

/** The `YYYY-MM` month `count` months after `month` (negative: before). */
export function addMonths(month: string, count: number): string {
  return Temporal.PlainYearMonth.from(month).add({ months: count }).toString();
}

// ---- Instants in a zone ----

// Creating an Intl.DateTimeFormat costs far more than using one (a build formats tens of
// thousands of dates), so each format is made once and kept, by its options and zone.
const formats = new Map<string, Intl.DateTimeFormat>();

/** An en-US formatter for `zone`, made once per zone and options. */
export function dateTimeFormat(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone} ${JSON.stringify(options)}`;
  let made = formats.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat('en-US', { timeZone: zone, ...options });
    formats.set(key, made);
  }
  return made;
}

export function partsOf(formatter: Intl.DateTimeFormat, date: Date): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

const REMEMBERED_MAX = 4096;

/**
 * `compute()` once per key, keeping at most REMEMBERED_MAX keys: an event's start and end are
 * worked on several times over (its labels, its page, its JSON-LD).
 */
export function remembered<T>(known: Map<string, T>, key: string, compute: () => T): T {
  if (known.has(key)) return known.get(key)!;
  const value = compute();
  if (known.size >= REMEMBERED_MAX) known.clear();
  known.set(key, value);
  return value;
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

const isoPartsKnown = new Map<string, IsoParts | null>();

/** Local date, time and UTC offset of an instant in a zone, as ISO 8601 pieces. */
function isoParts(instant: string, zone: string): IsoParts | null {
  return remembered(isoPartsKnown, `${zone} ${instant}`, () => {
    const date = new Date(instant);
    const year = date.getUTCFullYear();
    // Intl writes years before 1000 or after 9999 unlike ISO 8601; Temporal handles those.
    if (Number.isNaN(year) || year < 1000 || year > 9999) return null;
    const parts = partsOf(dateTimeFormat(zone, ISO_PARTS), date);
    // "GMT-08:00", or "GMT" for UTC itself.
    const offset = (parts.timeZoneName ?? '').replace(/^GMT/, '') || '+00:00';
    return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}`, offset };
  });
}

/** An instant as local ISO 8601 with its offset, `2026-12-03T18:00:00-08:00`: what schema.org and <time> want. */
export function zonedIso(instant: string, zone: string): string {
  const parts = isoParts(instant, zone);
  if (parts) return `${parts.day}T${parts.time}${parts.offset}`;
  const zoned = Temporal.Instant.from(instant).toZonedDateTimeISO(zone);
  return `${zoned.toPlainDateTime().toString({ smallestUnit: 'second' })}${zoned.offset}`;
}

/** The local calendar day of an instant in a zone. */
export function localDay(instant: string, zone: string): string {
  return isoParts(instant, zone)?.day ?? Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDate().toString();
}

/** The local day and wall-clock time (`HH:MM`) of an instant in a zone. */
export function localClock(instant: string, zone: string): { day: string; time: string } {
  const [day, time] = zonedIso(instant, zone).split('T') as [string, string];
  return { day, time: time.slice(0, 5) };
}

/**
 * The instant a wall-clock time (`HH:MM`) on a local day happens in a zone. A time the clocks
 * skip is read as the moment after the change, one that happens twice as the first of the two.
 */
export function instantAt(day: string, time: string, zone: string): string {
  return remembered(instantsAt, `${zone} ${day}T${time}`, () => {
    const found = wallClockInstants(day, time, zone);
    if (found?.length) return utcInstant(new Date(Math.min(...found)));
    return Temporal.PlainDateTime.from(`${day}T${time}`).toZonedDateTime(zone, { disambiguation: 'compatible' }).toInstant().toString();
  });
}

const instantsAt = new Map<string, string>();

/**
 * The instants (epoch ms) a wall-clock time happens at, tried with the zone's offsets a day
 * before and a day after it: Temporal does the same at a hundred times the cost, and the plan
 * asks it of every night ahead. None when the clocks skip the time; null where this way cannot
 * tell (a day outside 1000 to 9999, an offset in seconds).
 */
function wallClockInstants(day: string, time: string, zone: string): number[] | null {
  const midnight = utcMidnight(day);
  const clock = /^(\d{2}):(\d{2})$/.exec(time);
  if (midnight === null || !clock) return null;
  const wall = midnight + (Number(clock[1]) * 60 + Number(clock[2])) * 60_000;
  const offsets = [offsetAt(wall - DAY_MS, zone), offsetAt(wall + DAY_MS, zone)];
  if (offsets.includes(null)) return null;
  const instants = [...new Set(offsets as number[])].map((offset) => wall - offset);
  return instants.filter((instant) => offsetAt(instant, zone) === wall - instant);
}

/** The zone's UTC offset at an instant, in ms; null when Intl cannot say it in hours and minutes. */
function offsetAt(ms: number, zone: string): number | null {
  const offset = /^([+-])(\d{2}):(\d{2})$/.exec(isoParts(utcInstant(new Date(ms)), zone)?.offset ?? '');
  return offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000 : null;
}

export interface IsoWeek {
  /** `2026-W50` */
  id: string;
  /** Its Monday and Sunday, `YYYY-MM-DD`. */
  monday: string;
  sunday: string;
}

/** The ISO 8601 week (Monday to Sunday) a `YYYY-MM-DD` day falls in. */
export function isoWeekOf(day: string): IsoWeek {
  const date = Temporal.PlainDate.from(day);
  const monday = date.subtract({ days: date.dayOfWeek - 1 });
  return {
    id: `${date.yearOfWeek}-W${String(date.weekOfYear).padStart(2, '0')}`,
    monday: monday.toString(),
    sunday: monday.add({ days: 6 }).toString(),
  };
}

/** 1 for Monday to 7 for Sunday, as ISO 8601 counts. */
export function isoWeekday(day: string): number {
  const ms = utcMidnight(day);
  // 1970-01-01, day 0, was a Thursday.
  if (ms !== null) return ((((Math.floor(ms / DAY_MS) + 3) % 7) + 7) % 7) + 1;
  return Temporal.PlainDate.from(day).dayOfWeek;
}

export interface OffsetChange {
  /** The instant of the change, in ms. */
  at: number;
  /** Seconds east of UTC, before and after. */
  before: number;
  after: number;
}

/** A zone's offset at `from` (seconds east of UTC) and its changes until `to`, from the platform's zone data. */
export function offsetChanges(zone: string, from: number, to: number): { initial: number; changes: OffsetChange[] } {
  let at = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(zone);
  const initial = seconds(at.offsetNanoseconds);
  const changes: OffsetChange[] = [];
  for (let next = at.getTimeZoneTransition('next'); next !== null && next.epochMilliseconds < to; next = at.getTimeZoneTransition('next')) {
    changes.push({ at: next.epochMilliseconds, before: seconds(at.offsetNanoseconds), after: seconds(next.offsetNanoseconds) });
    at = next;
  }
  return { initial, changes };
}

function seconds(nanoseconds: number): number {
  return Math.round(nanoseconds / 1e9);
}
