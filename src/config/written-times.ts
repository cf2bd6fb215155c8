import { z } from 'zod';
import { addDays, addMinutes, DEFAULT_DURATION_MINUTES } from '../time.ts';
import { readWrittenTime } from '../time-reading.ts';
import { describe } from './fields.ts';

// The start and end of an event a maintainer wrote (a manual event, a correction): a day for an
// all-day event, a wall-clock time read in the site's zone, or a time with its offset. A time the
// clocks skip or repeat in that zone is refused with what to write instead, never guessed at.

export interface WrittenTimes {
  allDay: boolean;
  /** UTC instants, or local dates for an all-day event (the end exclusive, as in iCalendar). */
  start: string;
  end: string;
  endEstimated: boolean;
}

const FORMS = 'a day (2027-02-11), a time in the site\'s zone (2027-02-11T18:00) or a time with its offset (2027-02-11T18:00-08:00)';

/** A written time, read: a day, or an instant. */
export type WrittenTime = { kind: 'date'; date: string } | { kind: 'instant'; instant: string };

/** One written time, checked: a string of one of the three forms, naming a time that exists once. */
export function writtenTime(what: string, zone: string) {
  return z
    .string({ error: (issue) => (issue.input == null ? `${what} is missing; give ${FORMS}` : `${what} must be ${FORMS}, not ${describe(issue.input)}`) })
    .transform((value, context): WrittenTime => {
      const read = readTime(what, value, zone);
      if (typeof read !== 'string') return read;
      context.addIssue({ code: 'custom', message: read });
      return z.NEVER;
    });
}

/** The time `value` names in `zone`, or what is wrong with it, in words. */
export function readTime(what: string, value: string, zone: string): WrittenTime | string {
  const read = readWrittenTime(value, zone);
  switch (read.kind) {
    case 'date':
    case 'instant':
      return read;
    case 'gap':
      return `${what} ${read.local} does not exist in ${zone}: the clocks skip that hour; give a time outside it, or one with its offset`;
    case 'overlap':
      return `${what} ${read.local} happens twice in ${zone} (the clocks go back): give its offset, ${read.local}${read.offsets[0]} or ${read.local}${read.offsets[1]}`;
    case 'invalid':
      return `${what} "${value}" is not ${FORMS}`;
  }
}

type Written = WrittenTime;

/**
 * A start and an optional end as the times an event has, or a problem: an all-day event's end is
 * its last day (written as people write "the 11th to the 13th"); an end must come after its start
 * and be of the same kind; no end means two hours for a timed event, one day for an all-day one.
 */
export function eventTimes(start: Written, end: Written | undefined): WrittenTimes | string {
  if (start.kind === 'date') {
    if (end === undefined) return { allDay: true, start: start.date, end: addDays(start.date, 1), endEstimated: false };
    if (end.kind !== 'date') return 'end must be a day too, like the start (an all-day event)';
    if (end.date < start.date) return `end ${end.date} is before start ${start.date}`;
    return { allDay: true, start: start.date, end: addDays(end.date, 1), endEstimated: false };
  }
  if (end === undefined) return { allDay: false, start: start.instant, end: addMinutes(start.instant, DEFAULT_DURATION_MINUTES), endEstimated: true };
  if (end.kind !== 'instant') return 'end must be a time too, like the start';
  if (end.instant <= start.instant) return 'end must come after start';
  return { allDay: false, start: start.instant, end: end.instant, endEstimated: false };
}
