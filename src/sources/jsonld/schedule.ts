import ICAL from 'ical.js';
import { addDays, localDay, utcInstant, zonedIso } from '../../time.ts';
import { parseDateTime, parsePlainDate } from '../../time-reading.ts';
import type { SourceEvent } from '../../types.ts';
import { isDuration } from '../ical/date-values.ts';
import { allowedByRule } from '../ical/rule-filter.ts';
import { ruleProblem } from '../ical/rules.ts';
import { parseICalendar } from '../ical/index.ts';
import type { RecurrenceBudget } from '../ical/recurrence.ts';
import type { ScheduleNode } from './schema-org.ts';

// schema.org's eventSchedule (a Schedule: how often, on which days, from when to when, with
// which exceptions) says what an iCalendar RRULE says, in other words. So each Schedule is
// written as the VEVENT it stands for and read by the iCalendar reader, which expands it within
// the same days, bounds and time budget as any feed's series: one recurrence engine for both.

export interface ScheduleOptions {
  now: Date;
  /** Zone of a schedule that names none (the site's). */
  timezone: string;
  /** The page's time budget for expanding schedules, shared by all of them. */
  recurrence?: RecurrenceBudget;
}

/** What a schedule's occurrence adds to the event: its own times and id. */
export type ScheduledTimes = Pick<SourceEvent, 'sourceEventId' | 'start' | 'end' | 'allDay' | 'endEstimated' | 'timezone'>;

const DAYS: Record<string, string> = { monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA', sunday: 'SU' };
const FREQUENCIES: Record<string, [string, number]> = {
  hourly: ['HOURLY', 1], daily: ['DAILY', 1], weekly: ['WEEKLY', 1], biweekly: ['WEEKLY', 2], fortnightly: ['WEEKLY', 2],
  monthly: ['MONTHLY', 1], yearly: ['YEARLY', 1], annually: ['YEARLY', 1],
};
const DURATION_UNITS: Record<string, string> = { Y: 'YEARLY', M: 'MONTHLY', W: 'WEEKLY', D: 'DAILY', H: 'HOURLY' };
/** A schedule without a start begins just before the days read, so that no made-up first date is listed. */
const UNSTARTED_DAYS_BACK = 91;
const ID = 'schedule';

export interface ScheduledEvent {
  title: string;
  /** The event's own startDate and duration, which a schedule may leave to it. */
  startDate: string | null;
  duration: string | null;
}

/** The occurrences of the schedule within the days read, or the reason it cannot be read. */
export function scheduledTimes(schedule: ScheduleNode, event: ScheduledEvent, options: ScheduleOptions, warn: (what: string) => void): ScheduledTimes[] {
  const zone = schedule.scheduleTimezone ?? options.timezone;
  const rule = ruleOf(schedule);
  // The same checks as any feed's RRULE (rules.ts): the parts must say something RFC 5545 allows.
  const problem = typeof rule === 'string' ? rule : explained(rule, ruleProblem(rule.join(';')));
  if (problem !== null || typeof rule === 'string') {
    warn(`"${event.title}" has a schedule that cannot be read: ${problem}`);
    return [];
  }
  const start = startOf(schedule, event.startDate, zone, options.now);
  const dtstart = start.time === null ? `DTSTART;VALUE=DATE:${compact(start.date)}` : `DTSTART;TZID=${zone}:${compact(`${start.date}T${start.time}`)}`;
  const lines = [
    'BEGIN:VEVENT',
    `UID:${ID}`,
    dtstart,
    ...durationOf(schedule, event.duration, start.time),
    `RRULE:${[...rule, ...untilOf(schedule.endDate, zone), ...(schedule.repeatCount === null ? [] : [`COUNT=${schedule.repeatCount}`])].join(';')}`,
    ...schedule.exceptDate.flatMap((date) => exceptionOf(date, zone)),
    // iCalendar's DTSTART is always an occurrence; a schedule's startDate is only when it begins.
    ...(startsOnRule(start, rule) ? [] : [dtstart.replace(/^DTSTART/, 'EXDATE')]),
    'END:VEVENT',
  ];
  const feed = ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n');
  const read = parseICalendar(new TextEncoder().encode(feed), { now: options.now, defaultTimezone: zone, recurrence: options.recurrence });
  // The reader names the VEVENT written above (no SUMMARY: only its times are read back); a
  // maintainer knows the event by its title.
  for (const warning of read.warnings) warn(`the schedule of ${warning.replace(`VEVENT "" (UID ${ID})`, `"${event.title}"`)}`);
  return read.events.map(({ sourceEventId, start: at, end, allDay, endEstimated, timezone }) => ({
    sourceEventId: sourceEventId.slice(ID.length),
    start: at,
    end,
    allDay,
    endEstimated,
    timezone,
  }));
}

function explained(rule: string[], problem: string | null): string | null {
  return problem === null ? null : `as the rule ${rule.join(';')}, it ${problem}`;
}

/** FREQ, INTERVAL and the BY parts; or why there are none. */
function ruleOf(schedule: ScheduleNode): string[] | string {
  const days = schedule.byDay.map((day) => DAYS[day] ?? day.toUpperCase());
  if (days.some((day) => !/^[+-]?\d{0,2}(?:MO|TU|WE|TH|FR|SA|SU)$/.test(day))) return `its byDay (${schedule.byDay.join(', ')}) names no day of the week`;
  // byMonthWeek numbers the weeks of the month: with byDay, the first and third Monday (1MO,3MO).
  const weeks = schedule.byMonthWeek.filter((week) => Number.isInteger(week) && week >= 1 && week <= 5);
  const byDay = weeks.length === 0 ? days : weeks.flatMap((week) => days.map((day) => (/^[A-Z]/.test(day) ? `${week}${day}` : day)));
  const frequency = frequencyOf(schedule.repeatFrequency, { byMonthWeek: weeks.length > 0, byDay: days.length > 0, byMonthDay: schedule.byMonthDay.length > 0, byMonth: schedule.byMonth.length > 0 });
  if (frequency === null) return `its repeatFrequency ("${schedule.repeatFrequency ?? ''}") is not a frequency`;
  const [freq, interval] = weeks.length > 0 && frequency[0] === 'WEEKLY' ? ['MONTHLY', 1] : frequency;
  return [
    `FREQ=${freq}`,
    ...(interval > 1 ? [`INTERVAL=${interval}`] : []),
    ...(byDay.length > 0 ? [`BYDAY=${byDay.join(',')}`] : []),
    ...(schedule.byMonthDay.length > 0 ? [`BYMONTHDAY=${schedule.byMonthDay.join(',')}`] : []),
    ...(schedule.byMonth.length > 0 ? [`BYMONTH=${schedule.byMonth.join(',')}`] : []),
  ];
}

/**
 * An ISO 8601 duration of one unit (`P1W`, `P2M`, `PT12H`), or words (`weekly`); without
 * either, what the BY parts imply (days of the month repeat monthly, days of the week weekly).
 */
function frequencyOf(written: string | null, given: Record<'byMonthWeek' | 'byDay' | 'byMonthDay' | 'byMonth', boolean>): [string, number] | null {
  if (written === null) {
    if (given.byMonthWeek || given.byMonthDay) return ['MONTHLY', 1];
    if (given.byDay) return ['WEEKLY', 1];
    return given.byMonth ? ['YEARLY', 1] : null;
  }
  const iso = /^P(?:(\d+)([YMWD])|T(\d+)H)$/i.exec(written.trim());
  if (iso !== null) {
    const count = Number(iso[1] ?? iso[3]);
    return count >= 1 ? [DURATION_UNITS[(iso[2] ?? 'H').toUpperCase()]!, count] : null;
  }
  return FREQUENCIES[written.trim().toLowerCase().replace(/[^a-z]/g, '')] ?? null;
}

/** DTSTART's date (`YYYY-MM-DD`) and wall-clock time (`HH:MM:SS`; null: all day) in the schedule's zone. */
function startOf(schedule: ScheduleNode, eventStart: string | null, zone: string, now: Date): { date: string; time: string | null } {
  const written = schedule.startDate ?? eventStart;
  const day = written === null ? null : parsePlainDate(written);
  const instant = written === null || day !== null ? null : parseDateTime(written, zone);
  const local = instant === null ? null : zonedIso(instant, zone);
  const date = day ?? local?.slice(0, 10) ?? addDays(localDay(utcInstant(now), zone), -UNSTARTED_DAYS_BACK);
  return { date, time: clockOf(schedule.startTime) ?? local?.slice(11, 19) ?? null };
}

/** Whether the schedule's first day is one of its days (a Wednesday for a Wednesday class). */
function startsOnRule(start: { date: string; time: string | null }, rule: string[]): boolean {
  const first = start.time === null ? ICAL.Time.fromDateString(start.date) : ICAL.Time.fromDateTimeString(`${start.date}T${start.time}`);
  return allowedByRule(first, ICAL.Recur.fromString(rule.join(';')), first);
}

/** An ISO 8601 date or date-time as iCalendar writes it: `20261203T180000`. */
function compact(iso: string): string {
  return iso.replace(/[-:]/g, '');
}

/** `19:00`, `19:00:00`, `T19:00:00+01:00` as `19:00:00`; null if it is no time of day. */
function clockOf(text: string | null): string | null {
  const match = text === null ? null : /^T?(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text.trim());
  if (match === null || Number(match[1]) > 23 || Number(match[2]) > 59) return null;
  return `${match[1]!.padStart(2, '0')}:${match[2]}:${match[3] ?? '00'}`;
}

/** From endTime less startTime (past midnight: the next day), else the schedule's or the event's duration. */
function durationOf(schedule: ScheduleNode, eventDuration: string | null, startTime: string | null): string[] {
  const to = clockOf(schedule.endTime);
  if (startTime !== null && to !== null) {
    const minutes = (toMinutes(to) - toMinutes(startTime) + 24 * 60) % (24 * 60);
    if (minutes > 0) return [`DURATION:PT${minutes}M`];
  }
  const written = (schedule.duration ?? eventDuration)?.trim().toUpperCase() ?? null;
  return written !== null && isDuration(written) ? [`DURATION:${written}`] : [];
}

function toMinutes(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** The schedule's last day (through its end) or last instant. */
function untilOf(endDate: string | null, zone: string): string[] {
  if (endDate === null) return [];
  const day = parsePlainDate(endDate);
  if (day !== null) return [`UNTIL=${compact(day)}`];
  const instant = parseDateTime(endDate, zone);
  return instant === null ? [] : [`UNTIL=${compact(instant)}`];
}

/** An exceptDate: a date leaves out every occurrence that day, a date-time the one starting then. */
function exceptionOf(date: string, zone: string): string[] {
  const day = parsePlainDate(date);
  if (day !== null) return [`EXDATE;VALUE=DATE:${compact(day)}`];
  const instant = parseDateTime(date, zone);
  return instant === null ? [] : [`EXDATE:${compact(instant)}`];
}
