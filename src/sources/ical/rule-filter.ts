import ICAL from 'ical.js';

// A check on the dates ical.js expands a rule to: each must be one the rule's own BY parts
// allow (RFC 5545 §3.3.10). ical.js 2 steps some rules wrongly: a yearly BYMONTH=2;BYMONTHDAY=30
// rolls over to March 2, a yearly BYWEEKNO or nth-weekday-of-the-year rule gives every such
// weekday. A calendar must never list more than the feed says, so a date the rule excludes is
// left out. This does not generate dates, only refuses ones the rule cannot mean.

/** ical.js numbers weekdays from Sunday = 1. */
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** Whether `time`, a date the rule was expanded to, is one the rule allows; `start` is the series' DTSTART. */
export function allowedByRule(time: ICAL.Time, rule: ICAL.Recur, start: ICAL.Time): boolean {
  const parts = rule.parts;
  const monthLength = ICAL.Time.daysInMonth(time.month, time.year);
  const yearLength = ICAL.Time.isLeapYear(time.year) ? 366 : 365;
  return (
    listed(parts.BYMONTH ?? impliedMonth(rule, start), time.month) &&
    listed(parts.BYMONTHDAY ?? impliedMonthDay(rule, start), time.day, monthLength) &&
    listed(parts.BYYEARDAY, time.dayOfYear(), yearLength) &&
    // Negative week numbers count from the end of a week-numbered year; those are not checked.
    (parts.BYWEEKNO === undefined || parts.BYWEEKNO.some((n) => n < 0 || n === time.weekNumber(rule.wkst))) &&
    (time.isDate || (listed(parts.BYHOUR, time.hour) && listed(parts.BYMINUTE, time.minute) && listed(parts.BYSECOND, time.second))) &&
    weekdayAllowed(time, rule, start, { month: monthLength, year: yearLength })
  );
}

/** Whether the value is in the list (negative entries count back from `length`); no list allows all. */
function listed(list: number[] | undefined, value: number, length?: number): boolean {
  return list === undefined || list.some((n) => (n > 0 ? n === value : length !== undefined && length + 1 + n === value));
}

// RFC 5545: what a rule does not say is taken from DTSTART. A yearly rule that names neither day
// nor month repeats on DTSTART's month; a monthly or yearly rule that names no day, on its day.

function namesADay(rule: ICAL.Recur): boolean {
  const { BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO } = rule.parts;
  return (BYDAY ?? BYMONTHDAY ?? BYYEARDAY ?? BYWEEKNO) !== undefined;
}

function impliedMonth(rule: ICAL.Recur, start: ICAL.Time): number[] | undefined {
  return rule.freq === 'YEARLY' && !namesADay(rule) && rule.parts.BYMONTH === undefined ? [start.month] : undefined;
}

function impliedMonthDay(rule: ICAL.Recur, start: ICAL.Time): number[] | undefined {
  return (rule.freq === 'YEARLY' || rule.freq === 'MONTHLY') && !namesADay(rule) ? [start.day] : undefined;
}

/** BYDAY (`TU`, `2TH`, `-1FR`), or a weekly rule's implied weekday, DTSTART's. */
function weekdayAllowed(time: ICAL.Time, rule: ICAL.Recur, start: ICAL.Time, lengths: { month: number; year: number }): boolean {
  const weekday = WEEKDAYS[time.dayOfWeek() - 1]!;
  const days = rule.parts.BYDAY;
  if (days === undefined) return rule.freq !== 'WEEKLY' || time.dayOfWeek() === start.dayOfWeek();
  return days.some((day) => {
    const match = /^([+-]?\d+)?([A-Z]{2})$/.exec(day);
    if (match === null || match[2] !== weekday) return false;
    if (match[1] === undefined) return true;
    // The nth such weekday of the month (a monthly rule, or a yearly one with BYMONTH), else of the year.
    const inMonth = rule.freq === 'MONTHLY' || rule.parts.BYMONTH !== undefined;
    const position = inMonth ? time.day : time.dayOfYear();
    const length = inMonth ? lengths.month : lengths.year;
    const n = Number(match[1]);
    return n > 0 ? Math.ceil(position / 7) === n : Math.ceil((length - position + 1) / 7) === -n;
  });
}
