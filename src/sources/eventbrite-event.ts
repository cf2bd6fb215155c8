import { plainText, plainTextToHtml, safeHttpUrl, sanitizeDescription } from '../sanitize.ts';
import { addMinutes, DEFAULT_DURATION_MINUTES, isValidTimeZone, parseDateTime } from '../time.ts';
import type { EventStatus, GroupDetails, SourceEvent, Venue } from '../types.ts';

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

const STATUS_GRAVITY: EventStatus[] = ['scheduled', 'postponed', 'cancelled'];

// A weekly series collapsed into one listing spans at least a week; a real single event
// (a conference, a hackathon weekend) does not.
const MAX_SINGLE_EVENT_MS = 7 * 86_400_000;

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

/** Eventbrite writes text as `{text, html}` in some places and as a plain string in others. */
function textField(value: unknown, key: 'text' | 'html'): string | null {
  return textOf(value) ?? textOf(objectOf(value)?.[key]);
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
  const id = textOf(raw.id) ?? trailingIdOf(url);
  const name = textField(raw.name, 'text');
  const title = name === null ? '' : plainText(name);
  if (id === null || title === '') {
    options.warn(`skipped an event without ${id === null ? 'an id' : 'a name'} (${url ?? title})`);
    return null;
  }
  const when = localTimesOf(raw, options.defaultTimezone);
  const start = when === null ? null : instantOf(when.startUtc, when.startLocal, when.zone);
  if (when === null || start === null) {
    options.warn(`skipped "${title}" (${id}): it has no readable start time`);
    return null;
  }
  const end = instantOf(when.endUtc, when.endLocal, when.zone);
  const venue = options.venue !== undefined ? options.venue : venueFromEventbrite(raw.venue);
  return {
    sourceEventId: id,
    title,
    ...seriesSafeTimes(
      { start, end, startText: when.startLocal, endText: when.endLocal, zone: when.zone, isSeriesParent: raw.is_series_parent === true },
      `"${title}" (${id})`,
      options.warn,
    ),
    allDay: false,
    timezone: isValidTimeZone(when.zone) && when.zone !== options.defaultTimezone ? when.zone : zoneStated(raw, when.zone),
    status: statusOf(raw),
    attendance: raw.online_event === true ? 'online' : 'in_person',
    venue,
    onlineUrl: null,
    url,
    descriptionHtml: descriptionOf(raw),
    imageUrl: imageOf(raw.logo, options.pageUrl),
    topics: [],
  };
}
