import type ICAL from 'ical.js';
import type { SourceEvent } from '../../types.ts';
import { parseSeries, type ParsedSeries, type SeriesContext as ParseContext } from './ical-js-series.ts';
import { expandedInstances, type RecurrenceContext } from './recurrence.ts';
import type { Series } from './series.ts';
import { toSourceEvent, type EventContext, type Occurrence } from './source-event.ts';

// A series to its dated occurrences, each as an event: every listing of a one-off series, the
// instances within the window of a recurring one.

export type SeriesContext = ParseContext & RecurrenceContext & EventContext;

export function readSeries(series: Series, context: SeriesContext): SourceEvent[] {
  const parsed = parseSeries(series, context);
  if (parsed === null) return [];
  const byId = new Map<string, SourceEvent>();
  for (const occurrence of occurrences(parsed, series, context)) {
    const event = toSourceEvent(occurrence, parsed.master, series, context);
    if (!byId.has(event.sourceEventId)) byId.set(event.sourceEventId, event);
  }
  return [...byId.values()];
}

function occurrences(parsed: ParsedSeries, series: Series, context: SeriesContext): Occurrence[] {
  if (parsed.master !== null && parsed.recurring) {
    return expandedInstances(parsed.master, series, context).map((instance) => ({
      item: instance.item,
      start: instance.startDate,
      // An RDATE period gives its instance its own end, unless an override moved it.
      end: (instance.item === parsed.master ? parsed.periodEnds.get(instance.recurrenceId.toUnixTime()) : undefined) ?? instance.endDate,
      instanceOf: instance.recurrenceId,
    }));
  }
  // Without RRULE or RDATE every listing is returned, past ones too. Overrides of a series whose
  // master is missing still name a real date: keep them.
  const listings: ICAL.Event[] = [...(parsed.master === null ? [] : [parsed.master]), ...parsed.overrides];
  return listings.map((event) => ({
    item: event,
    start: event.startDate,
    end: event.endDate,
    instanceOf: event.isRecurrenceException() ? event.recurrenceId : null,
  }));
}
