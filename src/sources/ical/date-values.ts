// The shapes of iCalendar date values (RFC 5545 §3.3), checked before a library reads them: a
// library reading "20261345" rolls it over into next year, and one reading "garbage" throws.

const DATE_OR_DATE_TIME = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/;
const DURATION = /^[+-]?P(?:\d+W|(?=\d|T\d)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$/;

/** `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]` naming a real day and time. */
export function isDateOrDateTime(text: string): boolean {
  const match = DATE_OR_DATE_TIME.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((n) => Number(n ?? 0)) as [number, number, number, number, number, number];
  // Plain arithmetic rather than Temporal: a feed may hold many thousands of these.
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59;
}

/** A DATE (no time of day). */
export function isDate(text: string): boolean {
  return text.length === 8 && isDateOrDateTime(text);
}

/** A DATE-TIME in UTC (`Z`), which no TZID applies to. */
export function isUtc(text: string): boolean {
  return text.endsWith('Z');
}

/** `P1D`, `PT1H30M`, `-PT15M`, `P2W`. */
export function isDuration(text: string): boolean {
  return DURATION.test(text);
}

/** A PERIOD: a start and an end, or a start and a duration (`…/…`). */
export function isPeriod(text: string): boolean {
  const [start = '', end = '', ...more] = text.split('/');
  return more.length === 0 && !isDate(start) && isDateOrDateTime(start) && ((!isDate(end) && isDateOrDateTime(end)) || isDuration(end));
}
