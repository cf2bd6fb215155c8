import type { DateWithTimeZone, VEvent } from 'node-ical';
import type { SourceEvent } from '../../types.ts';
import { label } from './components.ts';
import { parseWithNodeIcal, type ParsedEvent, type RoundTripContext } from './node-ical-round-trip.ts';
import { expandedInstances, type RecurrenceContext } from './recurrence.ts';
import type { Series } from './series.ts';
import { toSourceEvent, type EventContext, type Occurrence } from './source-event.ts';

// A series to its dated occurrences, each as an event: every listing of a one-off series, the
// instances within the window of a recurring one.

export type SeriesContext = RoundTripContext & RecurrenceContext & EventContext;

export function readSeries(series: Series, context: SeriesContext): SourceEvent[] {
  const master = parseWithNodeIcal(series, context);
  if (master === null) return [];
  // A series with no master lists its first override twice: as node-ical's main object and
  // among that object's recurrences.
  const byId = new Map<string, SourceEvent>();
  for (const found of occurrences(master, series, context)) {
    const occurrence = withReadableDates(found);
    if (occurrence === null) {
      context.warnings.push(`${label(series.components[0]!)} has a start node-ical could not read; skipped it`);
      continue;
    }
    const event = toSourceEvent(occurrence, master, series, context);
    if (!byId.has(event.sourceEventId)) byId.set(event.sourceEventId, event);
  }
  return [...byId.values()];
}

/**
 * node-ical leaves a value it cannot read as the raw string (a TZID="a:b" parameter, a
 * RECURRENCE-ID of garbage). A start must be a date; an unreadable end or instance id is as good
 * as none.
 */
function withReadableDates(occurrence: Occurrence): Occurrence | null {
  const isDate = (value: unknown): value is DateWithTimeZone => value instanceof Date && !Number.isNaN(value.getTime());
  if (!isDate(occurrence.start)) return null;
  return {
    ...occurrence,
    end: isDate(occurrence.end) ? occurrence.end : undefined,
    instanceOf: occurrence.instanceOf === null ? null : isDate(occurrence.instanceOf) ? occurrence.instanceOf : occurrence.start,
  };
}

function occurrences(master: VEvent, series: Series, context: SeriesContext): Occurrence[] {
  if (master.rrule) {
    return expandedInstances(master, series, context).map((instance) => ({
      event: instance.event,
      start: instance.start,
      end: instance.end,
      instanceOf: instance.event.recurrenceid ?? instance.start,
    }));
  }
  // Without an RRULE every listing is returned, past ones too. Overrides of a series whose master
  // is missing (or has only RDATEs, which node-ical ignores) still name a real date: keep them.
  const overrides = new Set(Object.values(master.recurrences ?? {}) as ParsedEvent[]);
  return [master, ...overrides].map((event) => ({
    event,
    start: event.start,
    end: event.end,
    instanceOf: event.recurrenceid ?? null,
  }));
}
