import { createEvents, type DateArray, type DateTime, type EventAttributes, type EventStatus } from 'ics';
import { Temporal } from 'temporal-polyfill';
import { htmlToPlainText } from './text.ts';
import type { EventStatus as OurStatus, ExportedEvent, Venue } from '../types.ts';

// The feeds follow RFC 5545 (see GUIDE.md, "Calendar feeds"). `ics` builds each VEVENT (property
// order, date formats, text escaping, validation); we post-process what it gets wrong for us:
// it folds at 75 characters rather than 75 octets, and its header has a fixed one-hour TTL and
// no way to add NAME, X-WR-CALDESC or REFRESH-INTERVAL.

export interface CalendarOptions {
  /** X-WR-CALNAME and NAME. */
  name: string;
  /** X-WR-CALDESC. */
  description?: string;
  /** Absolute base URL of the site, e.g. https://spokanetech.example or https://x.github.io/spokane-tech */
  siteUrl: string;
  /** DTSTAMP and the 30-day cut-off. */
  now: Date;
}

const PRODUCT_ID = '-//spokane-tech//Spokane Tech calendar//EN';
const REFRESH = 'PT12H';
const PAST_DAYS_KEPT = 30;
const MAX_LINE_OCTETS = 75;
const DAY_MS = 24 * 60 * 60 * 1000;

const STATUS: Record<OurStatus, EventStatus> = {
  scheduled: 'CONFIRMED',
  postponed: 'TENTATIVE',
  cancelled: 'CANCELLED',
};

// ics accepts `timestamp` (DTSTAMP) but its type declarations omit it; without it DTSTAMP would be
// the render time and two renders of the same data would differ.
type IcsEvent = EventAttributes & { timestamp: number; pageUrl: string };

export function eventPageUrl(siteUrl: string, slug: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/events/${encodeURIComponent(slug)}/`;
}

export function renderCalendar(events: ExportedEvent[], options: CalendarOptions): string {
  const limit = cutoff(options.now);
  const listed = events
    .filter((event) => !event.removed && endsOnOrAfter(event, limit))
    .sort(byStartThenId)
    .map((event) => toIcsEvent(event, options));

  return withFeedHeader(unfold(icsText(listed)), options)
    .map((line) => `${foldLine(line)}\r\n`)
    .join('');
}

// ics validates every event and fails the whole calendar on the first it rejects. The usual
// culprit is a source URL its regex refuses (an IPv6 host, say): such an event links to its page
// on this site instead, so one odd URL never costs the feed.
function icsText(events: IcsEvent[]): string {
  const header = { productId: PRODUCT_ID, method: 'PUBLISH' };
  const first = createEvents(events.map(({ pageUrl: _, ...event }) => event), header);
  if (!first.error && first.value) return first.value;
  const repaired = events.map(({ pageUrl, ...event }) =>
    createEvents([event], header).error ? { ...event, url: pageUrl } : event,
  );
  const second = createEvents(repaired, header);
  if (!second.error && second.value) return second.value;
  throw new Error(`cannot write the calendar: ${second.error?.message ?? 'ics returned nothing'}`);
}

// ---- which events, in which order ----

// All-day events compare by date, taken in UTC: a day either way does not matter at 30 days.
function cutoff(now: Date): { instant: number; date: string } {
  const instant = now.getTime() - PAST_DAYS_KEPT * DAY_MS;
  return { instant, date: new Date(instant).toISOString().slice(0, 10) };
}

function endsOnOrAfter(event: ExportedEvent, limit: { instant: number; date: string }): boolean {
  return event.allDay ? event.end >= limit.date : Date.parse(event.end) >= limit.instant;
}

// Plain code-unit comparison, not localeCompare: the order must not depend on the machine's locale.
function byStartThenId(a: ExportedEvent, b: ExportedEvent): number {
  return compare(a.start, b.start) || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- one event ----

function toIcsEvent(event: ExportedEvent, options: CalendarOptions): IcsEvent {
  const pageUrl = eventPageUrl(options.siteUrl, event.slug);
  const venue = event.venue;
  const location = locationOf(event);
  return {
    uid: `${event.id}@${new URL(options.siteUrl).hostname}`,
    sequence: event.sequence,
    timestamp: options.now.getTime(),
    created: Date.parse(event.firstSeen),
    lastModified: Date.parse(event.lastChanged),
    ...timesOf(event),
    title: cleanText(event.title),
    status: STATUS[event.status],
    url: event.url ?? pageUrl,
    pageUrl,
    description: cleanText(descriptionOf(event, pageUrl)),
    ...(location === null ? {} : { location: cleanText(location) }),
    ...(venue?.lat != null && venue.lon != null ? { geo: { lat: venue.lat, lon: venue.lon } } : {}),
  };
}

// Timed events go in as epoch milliseconds, which ics writes in UTC; a date-time array would be
// read in the machine's time zone. All-day events go in as [y, m, d], which ics writes as a DATE.
function timesOf(event: ExportedEvent): { start: DateTime; end: DateTime; startOutputType?: 'utc' } {
  if (event.allDay) return { start: dateArray(event.start), end: dateArray(event.end) };
  return { start: Date.parse(event.start), end: Date.parse(event.end), startOutputType: 'utc' };
}

function dateArray(plainDate: string): DateArray {
  const date = Temporal.PlainDate.from(plainDate);
  return [date.year, date.month, date.day];
}

function descriptionOf(event: ExportedEvent, pageUrl: string): string {
  return [htmlToPlainText(event.descriptionHtml, { showLinks: true }), `Details: ${pageUrl}`].filter(Boolean).join('\n\n');
}

function locationOf(event: ExportedEvent): string | null {
  const place = venueText(event.venue);
  return event.attendance === 'online' ? (event.onlineUrl ?? place) : (place ?? event.onlineUrl);
}

// Sources often repeat the venue name at the start of its address ("Hive, 2904 E Sprague Ave").
function venueText(venue: Venue | null): string | null {
  const name = venue?.name?.trim() || null;
  const address = venue?.address?.trim() || null;
  if (name === null || address === null) return name ?? address;
  return address.toLowerCase().startsWith(name.toLowerCase()) ? address : `${name}, ${address}`;
}

// ics turns "\n" into "\\n" but passes a lone CR and other control characters through, and those
// would break the line structure (RFC 5545 allows no control characters but tab in text).
function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

// ---- the calendar header ----

function withFeedHeader(lines: string[], options: CalendarOptions): string[] {
  const bodyStart = lines.findIndex((line) => line === 'BEGIN:VEVENT' || line === 'END:VCALENDAR');
  const icsHeader = lines.slice(0, bodyStart).filter((line) => !line.startsWith('X-PUBLISHED-TTL:'));
  return [...icsHeader, ...feedProperties(options), ...lines.slice(bodyStart)];
}

function feedProperties(options: CalendarOptions): string[] {
  const name = escapeText(options.name);
  return [
    `X-WR-CALNAME:${name}`,
    `NAME:${name}`,
    ...(options.description === undefined ? [] : [`X-WR-CALDESC:${escapeText(options.description)}`]),
    `REFRESH-INTERVAL;VALUE=DURATION:${REFRESH}`,
    `X-PUBLISHED-TTL:${REFRESH}`,
  ];
}

// RFC 5545 §3.3.11; ics does this for event text but not for header values.
function escapeText(text: string): string {
  return cleanText(text).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
}

// ---- line folding (RFC 5545 §3.1) ----

// ics folds with CRLF + tab; no value it writes holds a raw line break, so this restores its lines.
function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((line) => line !== '');
}

/** Fold to at most 75 octets a line, between code points so no UTF-8 sequence is split. */
function foldLine(line: string): string {
  const parts: string[] = [];
  let part = '';
  let size = 0;
  for (const char of line) {
    const charSize = Buffer.byteLength(char);
    // Continuation lines begin with a space, which counts towards their 75 octets.
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (size + charSize > limit) {
      parts.push(part);
      part = '';
      size = 0;
    }
    part += char;
    size += charSize;
  }
  parts.push(part);
  return parts.join('\r\n ');
}
