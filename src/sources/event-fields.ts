import { addMinutes, DEFAULT_DURATION_MINUTES, utcInstant } from '../time.ts';
import type { Attendance, SourceEvent } from '../types.ts';

// Fields every adapter fills alike, whichever platform the event comes from.

/** The title of an event whose source gives it none it would list. */
export const UNTITLED = 'Untitled event';

/**
 * The end a timed event states, or our default duration after its start (marked an estimate). An
 * end at or before the start is a data-entry slip; a guessed end is better than a wrong one.
 */
export function endOrEstimate(start: string, end: string | null): Pick<SourceEvent, 'end' | 'endEstimated'> {
  if (end !== null && end > start) return { end, endEstimated: false };
  return { end: addMinutes(start, DEFAULT_DURATION_MINUTES), endEstimated: true };
}

/** Not over yet at `now`: all-day events last through their (exclusive) end date. */
export function isUpcoming(event: Pick<SourceEvent, 'allDay' | 'end'>, now: Date): boolean {
  const instant = utcInstant(now);
  return event.allDay ? event.end > instant.slice(0, 10) : event.end > instant;
}

/** Online and in person is hybrid; neither is in person (a place still to be announced). */
export function attendanceOf(inPerson: boolean, online: boolean): Attendance {
  if (online) return inPerson ? 'hybrid' : 'online';
  return 'in_person';
}
