import * as ics from 'ics';
import { Temporal } from 'temporal-polyfill';
import { htmlToPlainText } from '../text/plain.ts';
import { vtimezoneLines } from './calendar-timezone.ts';
import { absoluteUrl, eventPath } from './site-paths.ts';
import { byStartThenId } from './order.ts';
import { venueLines } from './view/place.ts';
import type { EventStatus as OurStatus, StoredEvent } from '../types.ts';
import { DAY_MS } from '../time.ts';

// The feeds follow RFC 5545 (see GUIDE.md, "Calendar feeds"). Each VEVENT is written here the way
// the `ics` library writes it (property order, date formats, text escaping: a test holds the two
// to the same bytes), but folded at 75 octets rather than 75 characters, written once per event
// however many feeds list it, and without ics's per-event schema validation and grapheme-by-
// grapheme folding, which cost seconds on a large site. The header adds what ics has no way to:
// NAME, X-WR-CALDESC and REFRESH-INTERVAL, with a 12-hour TTL instead of its fixed hour.

export interface CalendarOptions {
  /** X-WR-CALNAME and NAME. */
  name: string;
  /** X-WR-CALDESC. */
  description?: string;
  /** Absolute base URL of the site, e.g. https://spokanetech.example or https://x.github.io/spokane-tech */
  siteUrl: string;
  /** DTSTAMP and the 30-day cut-off. */
  now: Date;
  /** The site's zone, which the calendar's VTIMEZONE defines; UTC when not given. */
  timezone?: string;
  /**
   * Where each event's VEVENT is kept once written, by event id, so that feeds sharing events
   * (all, per group, per tag, per event) write each only once. Only for one set of events with
   * one `siteUrl` and `now`.
   */
  written?: Map<string, string>;
}

const PRODUCT_ID = '-//spokane-tech//Spokane Tech calendar//EN';
const REFRESH = 'PT12H';
const PAST_DAYS_KEPT = 30;
const MAX_LINE_OCTETS = 75;

const STATUS: Record<OurStatus, 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'> = {
  scheduled: 'CONFIRMED',
  postponed: 'TENTATIVE',
  cancelled: 'CANCELLED',
};

/**
 * Whether ics would take this URL (its regex refuses some that are fine, an IPv6 host say). An
 * event whose source URL it refuses links to its page on this site instead, as it always has.
 */
const icsTakesUrl = (ics as unknown as { isValidURL(url: string): boolean }).isValidURL;


export function renderCalendar(events: StoredEvent[], options: CalendarOptions): string {
  const limit = cutoff(options.now);
  const listed = events.filter((event) => !event.removed && endsOnOrAfter(event, limit)).sort(byStartThenId);
  const written = options.written ?? new Map<string, string>();
  const vevent = (event: StoredEvent) => {
    let text = written.get(event.id);
    if (text === undefined) {
      text = lines(veventLines(event, options));
      written.set(event.id, text);
    }
    return text;
  };
  return [lines(feedHeader(options)), lines(timezoneOf(listed, options)), ...listed.map(vevent), 'END:VCALENDAR\r\n'].join('');
}

/**
 * The VTIMEZONE of the site's zone, from the cut-off's year to the year after the last event:
 * RFC 5545 wants at least one component in a calendar, so a feed with no events is valid too.
 */
function timezoneOf(listed: StoredEvent[], options: CalendarOptions): string[] {
  const firstYear = new Date(cutoff(options.now).instant).getUTCFullYear();
  const lastYear = Math.max(options.now.getUTCFullYear(), ...listed.map((event) => Number(event.end.slice(0, 4))).filter(Number.isFinite));
  return vtimezoneLines(options.timezone ?? 'UTC', firstYear, lastYear + 1);
}

/** Lines folded and each ended with CRLF. */
function lines(unfolded: string[]): string {
  return unfolded.map((line) => `${foldLine(line)}\r\n`).join('');
}

/** The calendar's own lines, before its events. */
function feedHeader(options: CalendarOptions): string[] {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'CALSCALE:GREGORIAN', `PRODID:${PRODUCT_ID}`, 'METHOD:PUBLISH', ...feedProperties(options)];
}

// ---- which events, in which order ----

// All-day events compare by date, taken in UTC: a day either way does not matter at 30 days.
function cutoff(now: Date): { instant: number; date: string } {
  const instant = now.getTime() - PAST_DAYS_KEPT * DAY_MS;
  return { instant, date: new Date(instant).toISOString().slice(0, 10) };
}

function endsOnOrAfter(event: StoredEvent, limit: { instant: number; date: string }): boolean {
  return event.allDay ? event.end >= limit.date : Date.parse(event.end) >= limit.instant;
}

// ---- one event ----

/** One event's VEVENT, BEGIN to END, unfolded: the properties ics writes, in its order. */
function veventLines(event: StoredEvent, options: CalendarOptions): string[] {
  const pageUrl = absoluteUrl(options.siteUrl, eventPath(event.slug));
  const venue = event.venue;
  const location = locationOf(event);
  const title = cleanText(event.title);
  const url = event.url !== null && icsTakesUrl(event.url) ? event.url : pageUrl;
  const created = Date.parse(event.firstSeen);
  const lastModified = Date.parse(event.lastChanged);
  const cleanLocation = location === null ? '' : cleanText(location);
  return [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    ...(title ? [`SUMMARY:${escapeText(title)}`] : []),
    `DTSTAMP:${utcDateTime(options.now.getTime())}`,
    ...timeLines(event),
    `SEQUENCE:${event.sequence}`,
    `DESCRIPTION:${escapeText(descriptionOf(event, pageUrl))}`,
    `URL:${url}`,
    ...(venue?.lat != null && venue.lon != null ? [`GEO:${venue.lat};${venue.lon}`] : []),
    ...(cleanLocation ? [`LOCATION:${escapeText(cleanLocation)}`] : []),
    `STATUS:${STATUS[event.status]}`,
    ...(created ? [`CREATED:${utcDateTime(created)}`] : []),
    ...(lastModified ? [`LAST-MODIFIED:${utcDateTime(lastModified)}`] : []),
    'END:VEVENT',
  ];
}

/**
 * Timed events in UTC (`Z`), whatever zone the machine is in. All-day events as DATEs, the end
 * exclusive (the day after), and no DTEND when it is the start itself.
 */
function timeLines(event: StoredEvent): string[] {
  if (!event.allDay) return [`DTSTART:${utcDateTime(Date.parse(event.start))}`, `DTEND:${utcDateTime(Date.parse(event.end))}`];
  const [start, end] = [icsDate(event.start), icsDate(event.end)];
  return [`DTSTART;VALUE=DATE:${start}`, ...(end === start ? [] : [`DTEND;VALUE=DATE:${end}`])];
}

const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);

function utcDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

function icsDate(plainDate: string): string {
  const date = Temporal.PlainDate.from(plainDate);
  return `${date.year}${pad(date.month)}${pad(date.day)}`;
}

function descriptionOf(event: StoredEvent, pageUrl: string): string {
  return cleanText([htmlToPlainText(event.descriptionHtml, { showLinks: true }), `Details: ${pageUrl}`].filter(Boolean).join('\n\n'));
}

function locationOf(event: StoredEvent): string | null {
  const place = venueLines(event.venue).join(', ') || null;
  return event.attendance === 'online' ? (event.onlineUrl ?? place) : (place ?? event.onlineUrl);
}

// A lone CR and other control characters would break the line structure (RFC 5545 allows no
// control characters but tab in text); line breaks become "\n" when escaped.
function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

// ---- the calendar header ----

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

// RFC 5545 §3.3.11: backslash, semicolon, comma and line break escaped, as ics does for event text.
function escapeText(text: string): string {
  return cleanText(text).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
}

// ---- line folding (RFC 5545 §3.1) ----

/** Fold to at most 75 octets a line, between code points so no UTF-8 sequence is split. */
function foldLine(line: string): string {
  // No UTF-16 unit takes more than 3 octets in UTF-8 (a pair of them, 4): short lines need no look.
  if (line.length * 3 <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let from = 0;
  let size = 0;
  for (let i = 0; i < line.length; ) {
    const code = line.codePointAt(i)!;
    const units = code > 0xffff ? 2 : 1;
    const octets = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    // Continuation lines begin with a space, which counts towards their 75 octets.
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (size + octets > limit) {
      parts.push(line.slice(from, i));
      from = i;
      size = 0;
    }
    size += octets;
    i += units;
  }
  parts.push(line.slice(from));
  return parts.join('\r\n ');
}
