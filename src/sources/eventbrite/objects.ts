import { plainText, plainTextToHtml, safeHttpUrl, sanitizeDescription } from '../../text/sanitize.ts';
import { addMinutes, DEFAULT_DURATION_MINUTES, isValidTimeZone, parseDateTime } from '../../time.ts';
import type { EventStatus, GroupDetails, SourceEvent, Venue } from '../../types.ts';

// Eventbrite's own objects (API v3 events, venues, organizers) in our shapes. The organizer page
// embeds the very same objects in its __SERVER_DATA__, so the page reader and the API reader
// share this mapping.

export type JsonObject = Record<string, unknown>;

export type Warn = (message: string) => void;

const STATUSES: Record<string, EventStatus> = {
  canceled: 'cancelled',
  cancelled: 'cancelled',
  postponed: 'postponed',
  live: 'scheduled',
  started: 'scheduled',
  ended: 'scheduled',
  completed: 'scheduled',
};

const DAY_MS = 86_400_000;

// A weekly series collapsed into one listing spans more than a week; a real single event (a
// conference, a hackathon weekend) does not. A listing Eventbrite marks as a series parent
// spans its occurrences as soon as it runs past one day.
const MAX_SINGLE_EVENT_MS = 7 * DAY_MS;
const MAX_SERIES_OCCURRENCE_MS = DAY_MS;

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;

// ---- JSON values ----

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectOf(value: unknown): JsonObject | null {
  return isObject(value) ? value : null;
}

/** A non-empty string (trimmed), or a number as a string; else null. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function numberOf(value: unknown): number | null {
  const text = textOf(value);
  const number = text === null ? NaN : Number(text);
  return Number.isFinite(number) ? number : null;
}

/** Eventbrite's rich text (`{text, html}`) or a plain string, as sanitized HTML; null when it says nothing. */
function richTextOf(value: unknown): string | null {
  const object = objectOf(value);
  const html = textOf(object?.html);
  const text = textOf(object?.text) ?? textOf(value);
  const rendered = html !== null ? sanitizeDescription(html) : text !== null ? plainTextToHtml(text) : '';
  // Organizers who never wrote a bio get `<p></p>`.
  return plainText(rendered.replace(/<[^>]*>/g, ' ')) === '' ? null : rendered;
}

// ---- Ids ----

/** The digits that end a URL's path: `/o/inch360-72020528223`, `/e/…-tickets-909447069667`. */
export function trailingIdOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return /(\d+)\/?$/.exec(new URL(url).pathname)?.[1] ?? null;
  } catch {
    return null;
  }
}

// ---- Events ----

export interface EventbriteEventOptions {
  /** Base for relative URLs. */
  pageUrl: string;
  /** Zone for local times when the event names none (the site's zone). */
  defaultTimezone: string;
  /** The venue, when the object gives only a `venue_id` and the caller looked it up. */
  venue?: Venue | null;
  warn: Warn;
}

/** An Eventbrite event object as our event; null (with a warning) when it lacks an id, name or start. */
export function eventFromEventbrite(raw: JsonObject, options: EventbriteEventOptions): SourceEvent | null {
  const url = safeHttpUrl(textOf(raw.url), options.pageUrl);
  // Never the name: two events may share one, and a renamed event is still the same event.
  const id = textOf(raw.id) ?? trailingIdOf(url);
  const name = textOf(raw.name) ?? textOf(objectOf(raw.name)?.text);
  const title = name === null ? '' : plainText(name);
  if (id === null || title === '') {
    options.warn(`skipped an event without ${id === null ? 'an id' : 'a name'} (${url ?? title})`);
    return null;
  }
  const listed = listedTimesOf(raw);
  const zone = listed.zone ?? options.defaultTimezone;
  const start = instantOf(listed.startUtc, listed.startLocal, zone);
  if (start === null) {
    options.warn(`skipped "${title}" (${id}): it has no readable start time`);
    return null;
  }
  const span: ListedSpan = {
    start,
    end: instantOf(listed.endUtc, listed.endLocal, zone),
    startText: listed.startLocal,
    endText: listed.endLocal,
    zone,
    isSeriesParent: raw.is_series_parent === true,
  };
  return {
    sourceEventId: id,
    title,
    ...seriesSafeTimes(span, `"${title}" (${id})`, options.warn),
    allDay: false,
    timezone: listed.zone,
    status: statusOf(raw),
    attendance: raw.online_event === true ? 'online' : 'in_person',
    venue: options.venue !== undefined ? options.venue : venueFromEventbrite(raw.venue),
    // Eventbrite shows the online link to ticket holders only.
    onlineUrl: null,
    url,
    descriptionHtml: richTextOf(raw.description) ?? richTextOf(raw.summary) ?? '',
    imageUrl: imageOf(raw.logo, options.pageUrl),
    topics: [],
  };
}

interface ListedTimes {
  startUtc: string | null;
  startLocal: string | null;
  endUtc: string | null;
  endLocal: string | null;
  /** The event's own zone, when it names a valid one. */
  zone: string | null;
}

function listedTimesOf(raw: JsonObject): ListedTimes {
  const start = objectOf(raw.start);
  const end = objectOf(raw.end);
  if (start !== null) {
    return {
      startUtc: textOf(start.utc),
      startLocal: textOf(start.local),
      endUtc: textOf(end?.utc),
      endLocal: textOf(end?.local),
      zone: validZone(start.timezone),
    };
  }
  // Newer listings (search results, destination pages) write the date and the time apart.
  return {
    startUtc: null,
    startLocal: joinDateTime(raw.start_date, raw.start_time),
    endUtc: null,
    endLocal: joinDateTime(raw.end_date, raw.end_time),
    zone: validZone(raw.timezone),
  };
}

function validZone(value: unknown): string | null {
  const zone = textOf(value);
  return zone !== null && isValidTimeZone(zone) ? zone : null;
}

function joinDateTime(date: unknown, time: unknown): string | null {
  const day = textOf(date);
  const clock = textOf(time);
  return day === null || clock === null ? null : `${day}T${clock}`;
}

function instantOf(utc: string | null, local: string | null, zone: string): string | null {
  return (utc === null ? null : parseDateTime(utc, 'UTC')) ?? (local === null ? null : parseDateTime(local, zone));
}

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
 * becomes its first occurrence: a weekly quiz night must not show as a months-long event.
 */
export function seriesSafeTimes(span: ListedSpan, label: string, warn: Warn): Pick<SourceEvent, 'start' | 'end' | 'endEstimated'> {
  const { start, end } = span;
  if (end === null || end <= start) {
    // An end at or before the start is a data-entry slip; a guessed end is better than a wrong one.
    return { start, end: addMinutes(start, DEFAULT_DURATION_MINUTES), endEstimated: true };
  }
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

function statusOf(raw: JsonObject): EventStatus {
  // A cancelled event can keep `status: completed` or `live`; only its sales status says so.
  if (textOf(objectOf(raw.event_sales_status)?.message_code) === 'event_cancelled') return 'cancelled';
  return STATUSES[textOf(raw.status)?.toLowerCase() ?? ''] ?? 'scheduled';
}

export function venueFromEventbrite(value: unknown): Venue | null {
  const venue = objectOf(value);
  if (venue === null) return null;
  const address = objectOf(venue.address);
  const name = textOf(venue.name);
  const result: Venue = {
    name: name === null ? null : plainText(name),
    address: addressLineOf(address),
    ...coordinatesOf(venue.latitude ?? address?.latitude, venue.longitude ?? address?.longitude),
  };
  return result.name === null && result.address === null && result.lat === null ? null : result;
}

function addressLineOf(address: JsonObject | null): string | null {
  if (address === null) return null;
  const display = textOf(address.localized_address_display);
  if (display !== null) return plainText(display);
  const parts = [address.address_1, address.address_2, address.city, address.region, address.postal_code]
    .map(textOf)
    .filter((part): part is string => part !== null);
  return parts.length === 0 ? null : plainText(parts.join(', '));
}

function coordinatesOf(latitude: unknown, longitude: unknown): Pick<Venue, 'lat' | 'lon'> {
  const lat = numberOf(latitude);
  const lon = numberOf(longitude);
  if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) return { lat: null, lon: null };
  return { lat, lon };
}

/** `logo.url` is the picture as the organizer cropped it; the original is the fallback. */
function imageOf(logo: unknown, pageUrl: string): string | null {
  const image = objectOf(logo);
  return safeHttpUrl(textOf(image?.url), pageUrl) ?? safeHttpUrl(textOf(objectOf(image?.original)?.url), pageUrl);
}

// ---- Organizers ----

export function groupFromOrganizer(value: unknown, pageUrl: string): GroupDetails | undefined {
  const organizer = objectOf(value);
  if (organizer === null) return undefined;
  const name = textOf(organizer.name);
  const links = linksOf(organizer, pageUrl);
  return {
    name: name === null ? undefined : plainText(name),
    descriptionHtml:
      richTextOf(organizer.long_description) ?? richTextOf(organizer.description) ?? richTextOf(organizer.summary) ?? undefined,
    imageUrl: imageOf(organizer.logo, pageUrl) ?? undefined,
    links: links.length === 0 ? undefined : links,
  };
}

function linksOf(organizer: JsonObject, pageUrl: string): string[] {
  const links = [
    safeHttpUrl(textOf(organizer.website_url) ?? textOf(organizer.website), pageUrl),
    safeHttpUrl(textOf(organizer.url), pageUrl),
    socialUrl(organizer.twitter, 'https://twitter.com/'),
    socialUrl(organizer.facebook, 'https://www.facebook.com/'),
  ];
  return [...new Set(links.filter((link): link is string => link !== null))];
}

/** Organizers give a handle (`@inch360`, `inch360`) or a whole URL. */
function socialUrl(value: unknown, profileBase: string): string | null {
  const text = textOf(value);
  if (text === null) return null;
  if (/^https?:\/\//i.test(text)) return safeHttpUrl(text);
  const handle = text.replace(/^@/, '');
  return /^[\w.-]+$/.test(handle) ? `${profileBase}${handle}` : null;
}
