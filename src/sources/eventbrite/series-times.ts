import { addMinutes, DEFAULT_DURATION_MINUTES, DAY_MS } from '../../time.ts';
import { parseDateTime } from '../../time-reading.ts';
import type { SourceEvent } from '../../types.ts';
import type { Warn } from '../adapter.ts';
import { endOrEstimate } from '../event-fields.ts';

// Eventbrite lists a series (a weekly quiz night, say) as one event from its first date to its
// last, in its organizer page's listing and in its JSON-LD alike. Such a listing is read as its
// first occurrence: a weekly meeting must not show as a months-long event.


// A weekly series collapsed into one listing spans more than a week; a real single event (a
// conference, a hackathon weekend) does not. A listing Eventbrite marks as a series parent
// spans its occurrences as soon as it runs past one day.
const MAX_SINGLE_EVENT_MS = 7 * DAY_MS;
const MAX_SERIES_OCCURRENCE_MS = DAY_MS;

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;

export interface ListedSpan {
  start: string;
  end: string | null;
  /** The start and end as the listing wrote them (local, or with an offset); their clock times matter. */
  startText: string | null;
  endText: string | null;
  /** Zone for those texts when they carry no offset. */
  zone: string;
  isSeriesParent: boolean;
}

/**
 * The listing's times, except that a series collapsed into one listing (first date to last date)
 * becomes its first occurrence, with a warning.
 */
export function seriesSafeTimes(span: ListedSpan, label: string, warn: Warn): Pick<SourceEvent, 'start' | 'end' | 'endEstimated'> {
  const { start, end } = span;
  if (end === null || end <= start) return { start, ...endOrEstimate(start, end) };
  const length = Date.parse(end) - Date.parse(start);
  const collapsed = length > MAX_SINGLE_EVENT_MS || (span.isSeriesParent && length > MAX_SERIES_OCCURRENCE_MS);
  if (!collapsed) return { start, end, endEstimated: false };
  warn(
    `${label} is a series listed as one event from ${start.slice(0, 10)} to ${end.slice(0, 10)}; ` +
      'kept only its first date, with an estimated end',
  );
  return { start, end: firstOccurrenceEnd(span), endEstimated: true };
}

/** The first day at the last day's closing time (occurrences of a series share their hours). */
function firstOccurrenceEnd(span: ListedSpan): string {
  const first = LOCAL_DATE_TIME.exec(span.startText ?? '');
  const last = LOCAL_DATE_TIME.exec(span.endText ?? '');
  const sameDay = first && last ? parseDateTime(`${first[1]}T${last[2]}${first[3] ?? ''}`, span.zone) : null;
  return sameDay !== null && sameDay > span.start ? sameDay : addMinutes(span.start, DEFAULT_DURATION_MINUTES);
}
