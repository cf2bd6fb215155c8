import type { Correction, CorrectedFields } from '../config/corrections-schema.ts';
import { MANUAL_EVENT_REF } from '../config/corrections-schema.ts';
import { addDays, addMinutes, daysBetween, DEFAULT_DURATION_MINUTES } from '../time.ts';
import type { ListedEvent, StoredEvent, Venue } from '../types.ts';
import { attendanceOf } from '../sources/event-fields.ts';
import { normalizeUrl } from './duplicates.ts';

// The maintainers' corrections (sources.yaml, corrections:), applied to the events at every
// build: an event hidden, or shown with the corrected fields and the reason, whatever its source
// says tonight. A correction that names no event is stale, and is said to be.

export interface CorrectedEvents {
  events: ListedEvent[];
  /** Corrections that named no event. */
  stale: Correction[];
}

export function applyCorrections(events: ListedEvent[], corrections: Correction[]): CorrectedEvents {
  const used = new Set<Correction>();
  const corrected = events.flatMap((event) => {
    const correction = corrections.find((c) => names(c, event));
    if (!correction) return [event];
    used.add(correction);
    return correction.hide ? [] : [corrects(event, correction)];
  });
  return { events: corrected, stale: corrections.filter((c) => !used.has(c)) };
}

/** The corrections that name none of `events` (stored or listed). */
export function staleCorrections(events: (StoredEvent & Partial<Pick<ListedEvent, 'alsoListedOn'>>)[], corrections: Correction[]): Correction[] {
  return corrections.filter((correction) => !events.some((event) => names(correction, event)));
}

/** An event is named by its link at any source listing it, or, kept in the repository, by `<group-id>/<event id>`. */
function names(correction: Correction, event: StoredEvent & Partial<Pick<ListedEvent, 'alsoListedOn'>>): boolean {
  if (MANUAL_EVENT_REF.test(correction.event)) {
    return event.sourceType === 'manual' && `${event.groupId}/${event.sourceEventId}` === correction.event;
  }
  const wanted = normalizeUrl(correction.event);
  const links = [event.url, ...(event.alsoListedOn ?? []).map((listing) => listing.url)];
  return links.some((link) => link !== null && normalizeUrl(link) === wanted);
}

function corrects(event: ListedEvent, correction: Correction): ListedEvent {
  const { override } = correction;
  const fields: string[] = [];
  const next: ListedEvent = { ...event };
  if (override.title !== undefined) {
    next.title = override.title;
    fields.push('title');
  }
  if (override.start !== undefined) {
    Object.assign(next, correctedTimes(event, override));
    fields.push('time');
  }
  if (override.venue !== undefined || override.address !== undefined || override.online !== undefined) {
    Object.assign(next, correctedPlace(event, override));
    fields.push('place');
  }
  if (override.status !== undefined) {
    next.status = override.status;
    fields.push('status');
  }
  if (override.tags !== undefined) {
    next.topics = override.tags;
    fields.push('tags');
  }
  // Calendars that hold the event take the corrected one for a new version of it.
  return { ...next, sequence: event.sequence + 1, correction: { reason: correction.reason, fields } };
}

/** The corrected start; the corrected end, or, without one, the event's own length. */
function correctedTimes(event: ListedEvent, override: CorrectedFields): Pick<ListedEvent, 'allDay' | 'start' | 'end' | 'endEstimated'> {
  const start = override.start!;
  const end = override.end;
  if (start.kind === 'date') {
    const days = end?.kind === 'date' ? daysBetween(start.date, end.date) + 1 : event.allDay ? Math.max(1, daysBetween(event.start, event.end)) : 1;
    return { allDay: true, start: start.date, end: addDays(start.date, days), endEstimated: false };
  }
  if (end?.kind === 'instant') return { allDay: false, start: start.instant, end: end.instant, endEstimated: false };
  const minutes = event.allDay ? DEFAULT_DURATION_MINUTES : Math.round((Date.parse(event.end) - Date.parse(event.start)) / 60_000);
  return { allDay: false, start: start.instant, end: addMinutes(start.instant, minutes), endEstimated: event.allDay || event.endEstimated };
}

function correctedPlace(event: ListedEvent, override: CorrectedFields): Pick<ListedEvent, 'venue' | 'onlineUrl' | 'attendance'> {
  const named = override.venue !== undefined || override.address !== undefined;
  const venue: Venue | null = named
    ? { name: override.venue ?? null, address: override.address ?? null, lat: null, lon: null }
    : event.venue;
  const onlineUrl = override.online ?? event.onlineUrl;
  const inPerson = venue !== null && (named || event.attendance !== 'online');
  const online = override.online !== undefined || (event.attendance !== 'in_person' && onlineUrl !== null);
  return { venue, onlineUrl, attendance: attendanceOf(inPerson, online) };
}
