import type { DateWithTimeZone, VEvent } from 'node-ical';
import { Temporal } from 'temporal-polyfill';
import { plainText, safeHttpUrl } from '../../text/sanitize.ts';
import { addDays, ianaZone, utcInstant } from '../../time.ts';
import type { SourceEvent, Venue } from '../../types.ts';
import { endOrEstimate, UNTITLED } from '../event-fields.ts';
import { coordinates } from '../places.ts';
import { splitTextList, unescapeText } from './content-lines.ts';
import { value, values, type Component } from './components.ts';
import { sourceComponent, type ParsedEvent } from './node-ical-round-trip.ts';
import type { Series } from './series.ts';

// One dated occurrence of a series as our event: its dates from node-ical, everything said in
// text (title, place, description, categories) from the component as the feed wrote it.

const DAY_MS = 86_400_000;

/** One dated listing: a one-off event, or one instance of a recurring one. */
export interface Occurrence {
  event: ParsedEvent;
  start: DateWithTimeZone;
  end: DateWithTimeZone | undefined;
  /** The instance's original start in its series (its RECURRENCE-ID); null for a one-off. */
  instanceOf: DateWithTimeZone | null;
}

export interface EventContext {
  /** The DESCRIPTION (unescaped text) as sanitized HTML. */
  describe: (text: string) => string;
  /** The calendar's X-WR-TIMEZONE, for events whose times name no zone of their own. */
  calendarZone: string | null;
}

export function toSourceEvent(occurrence: Occurrence, master: VEvent, series: Series, context: EventContext): SourceEvent {
  const component = sourceComponent(occurrence.event, series);
  const allDay = occurrence.start.dateOnly === true;
  const title = value(component, 'SUMMARY') ?? value(sourceComponent(master, series), 'SUMMARY') ?? '';
  return {
    sourceEventId: occurrence.instanceOf
      ? `${series.uid}#${instanceKey(occurrence.instanceOf)}`
      : series.uid,
    title: plainText(unescapeText(title)) || UNTITLED,
    ...(allDay ? allDayOccurrenceTimes(occurrence) : timedOccurrenceTimes(occurrence)),
    allDay,
    timezone: eventZone(occurrence.start, context),
    status: value(component, 'STATUS')?.trim().toUpperCase() === 'CANCELLED' ? 'cancelled' : 'scheduled',
    ...place(component),
    url: safeHttpUrl(value(component, 'URL')),
    descriptionHtml: context.describe(unescapeText(value(component, 'DESCRIPTION') ?? '')),
    imageUrl: null,
    topics: topics(component),
  };
}

function instanceKey(date: DateWithTimeZone): string {
  return date.dateOnly ? calendarDate(date) : utcInstant(date);
}

/**
 * node-ical gives VALUE=DATE values as local midnight of the machine's zone, so the date is in
 * the local getters; the UTC ones are a day off east of Greenwich.
 */
function calendarDate(date: Date): string {
  return Temporal.PlainDate.from({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() }).toString();
}

function allDayOccurrenceTimes(occurrence: Occurrence): { start: string; end: string; endEstimated: boolean } {
  const start = calendarDate(occurrence.start);
  // Counted on the event itself, not on the instance's end: node-ical applies the duration in
  // milliseconds, which is an hour off across a DST change of the machine's zone. Rounding the
  // event's own span absorbs that hour; an all-day event without DTEND lasts one day (RFC 5545).
  const { start: eventStart, end: eventEnd } = occurrence.event;
  const days = eventEnd ? Math.round((eventEnd.getTime() - eventStart.getTime()) / DAY_MS) : 1;
  return { start, end: addDays(start, Math.max(1, days)), endEstimated: false };
}

function timedOccurrenceTimes(occurrence: Occurrence): { start: string; end: string; endEstimated: boolean } {
  const start = utcInstant(occurrence.start);
  // node-ical makes a missing DTEND equal to DTSTART, which says nothing about the event's length.
  return { start, ...endOrEstimate(start, occurrence.end ? utcInstant(occurrence.end) : null) };
}

function eventZone(start: DateWithTimeZone, context: EventContext): string | null {
  const zone = ianaZone(start.tz);
  return zone !== null && !isUtcZone(zone) ? zone : context.calendarZone;
}

function isUtcZone(zone: string): boolean {
  return /^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/i.test(zone);
}

function place(component: Component | undefined): Pick<SourceEvent, 'venue' | 'onlineUrl' | 'attendance'> {
  const location = plainText(unescapeText(value(component, 'LOCATION') ?? ''));
  const onlineUrl = /^https?:\/\/\S+$/i.test(location) ? safeHttpUrl(location) : null;
  if (onlineUrl) return { venue: null, onlineUrl, attendance: 'online' };
  const position = geoPosition(value(component, 'GEO'));
  if (location === '' && position.lat === null) return { venue: null, onlineUrl: null, attendance: 'in_person' };
  const venue: Venue = {
    name: location.split(',')[0]!.trim() || null,
    address: location || null,
    ...position,
  };
  return { venue, onlineUrl: null, attendance: 'in_person' };
}

/** GEO is `latitude;longitude`. */
function geoPosition(geo: string | undefined): Pick<Venue, 'lat' | 'lon'> {
  const [lat = null, lon = null] = (geo ?? '').split(';').map((n) => (n.trim() === '' ? null : Number(n)));
  return coordinates(lat, lon);
}

function topics(component: Component | undefined): string[] {
  const all = (component ? values(component, 'CATEGORIES') : [])
    .flatMap((p) => splitTextList(p.value))
    .map(plainText)
    .filter(Boolean);
  return [...new Set(all)];
}
