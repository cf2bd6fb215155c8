import ICAL from 'ical.js';
import { plainText, safeHttpUrl } from '../../text/sanitize.ts';
import { addDays, utcInstant } from '../../time.ts';
import { ianaZone } from '../../time-reading.ts';
import type { SourceEvent, Venue } from '../../types.ts';
import { endOrEstimate, UNTITLED } from '../event-fields.ts';
import { coordinates } from '../places.ts';
import { param, splitTextList, unescapeText } from './content-lines.ts';
import { value, values, type Component } from './components.ts';
import { sourceComponent } from './ical-js-series.ts';
import type { Series } from './series.ts';

// One dated occurrence of a series as our event: its dates from ical.js, everything said in text
// (title, place, description, categories) from the component as the feed wrote it.

/** One dated listing: a one-off event, or one instance of a recurring one. */
export interface Occurrence {
  /** The event (master or override) whose properties the listing has. */
  item: ICAL.Event;
  start: ICAL.Time;
  end: ICAL.Time | null;
  /** The instance's original start in its series (its RECURRENCE-ID); null for a one-off. */
  instanceOf: ICAL.Time | null;
}

export interface EventContext {
  /** The description (unescaped text, or HTML from X-ALT-DESC) as sanitized HTML. */
  describe: (text: string) => string;
  /** The calendar's X-WR-TIMEZONE, for events whose times name no zone of their own. */
  calendarZone: string | null;
}

export function toSourceEvent(occurrence: Occurrence, master: ICAL.Event | null, series: Series, context: EventContext): SourceEvent {
  const component = sourceComponent(occurrence.item, series);
  const allDay = occurrence.start.isDate;
  const title = value(component, 'SUMMARY') ?? (master === null ? undefined : value(sourceComponent(master, series), 'SUMMARY')) ?? '';
  return {
    sourceEventId: occurrence.instanceOf ? `${series.uid}#${instanceKey(occurrence.instanceOf)}` : series.uid,
    title: plainText(unescapeText(title)) || UNTITLED,
    ...(allDay ? allDayTimes(occurrence) : timedTimes(occurrence)),
    allDay,
    timezone: eventZone(occurrence.start, context),
    status: value(component, 'STATUS')?.trim().toUpperCase() === 'CANCELLED' ? 'cancelled' : 'scheduled',
    ...place(component),
    url: safeHttpUrl(value(component, 'URL')),
    descriptionHtml: context.describe(descriptionText(component)),
    imageUrl: null,
    topics: topics(component),
  };
}

/**
 * The description as written: X-ALT-DESC;FMTTYPE=text/html when the feed gives one (Outlook,
 * some CMS exports: the same description with its markup), else DESCRIPTION, which is text by
 * the RFC and, from Google Calendar and many CMSs, HTML all the same (describe() decides).
 */
function descriptionText(component: Component | undefined): string {
  const html = component === undefined ? undefined : values(component, 'X-ALT-DESC').find((p) => param(p, 'FMTTYPE')?.toLowerCase() === 'text/html');
  return unescapeText(html?.value ?? value(component, 'DESCRIPTION') ?? '');
}

function instanceKey(time: ICAL.Time): string {
  return time.isDate ? plainDate(time) : utcInstant(instant(time));
}

function plainDate(time: ICAL.Time): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
}

/** A date-time as the instant it names in its zone (ical.js has been given every zone: see zones.ts). */
function instant(time: ICAL.Time): Date {
  return new Date(time.toUnixTime() * 1000);
}

function allDayTimes(occurrence: Occurrence): { start: string; end: string; endEstimated: boolean } {
  const start = plainDate(occurrence.start);
  const end = occurrence.end === null ? null : plainDate(occurrence.end);
  // An all-day event without DTEND lasts one day (RFC 5545).
  return { start, end: end !== null && end > start ? end : addDays(start, 1), endEstimated: false };
}

function timedTimes(occurrence: Occurrence): { start: string; end: string; endEstimated: boolean } {
  const start = utcInstant(instant(occurrence.start));
  // ical.js makes a missing DTEND equal to DTSTART, which says nothing about the event's length.
  return { start, ...endOrEstimate(start, occurrence.end === null || occurrence.end.isDate ? null : utcInstant(instant(occurrence.end))) };
}

function eventZone(start: ICAL.Time, context: EventContext): string | null {
  const zone = start.isDate ? null : ianaZone(start.zone?.tzid);
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
