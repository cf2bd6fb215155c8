import { describe } from '../../text/describe.ts';
import { plainText, safeHttpUrl } from '../../text/sanitize.ts';
import { parseDateTime } from '../../time-reading.ts';
import type { EventStatus, GroupDetails, SourceEvent, Venue } from '../../types.ts';
import type { Warn } from '../adapter.ts';
import { coordinates, venueOrNull } from '../places.ts';
import type { EventbriteEvent, EventbriteOrganizer, EventbriteVenue } from './schemas.ts';
import { seriesSafeTimes } from './series-times.ts';

// Eventbrite's own objects (schemas.ts) in our shapes. The organizer page's reader and the API's
// share this mapping.

const EVENTBRITE_STATUSES: Record<string, EventStatus> = {
  canceled: 'cancelled',
  cancelled: 'cancelled',
  postponed: 'postponed',
  live: 'scheduled',
  started: 'scheduled',
  ended: 'scheduled',
  completed: 'scheduled',
};

/** Eventbrite's rich text as sanitized HTML; null when it says nothing. */
function richTextHtml(value: EventbriteEvent['description']): string | null {
  const html = value?.html ?? null;
  const text = value?.text ?? null;
  const rendered = describe(html ?? text ?? '');
  // Organizers who never wrote a bio get `<p></p>`.
  return plainText(rendered.replace(/<[^>]*>/g, ' ')) === '' ? null : rendered;
}

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
export function eventFromEventbrite(event: EventbriteEvent, options: EventbriteEventOptions): SourceEvent | null {
  const url = safeHttpUrl(event.url, options.pageUrl);
  // Never the name: two events may share one, and a renamed event is still the same event.
  const id = event.id ?? trailingIdOf(url);
  const title = event.name === null ? '' : plainText(event.name);
  if (id === null || title === '') {
    options.warn(`skipped an event without ${id === null ? 'an id' : 'a name'} (${url ?? title})`);
    return null;
  }
  const listed = listedTimesOf(event);
  const zone = listed.zone ?? options.defaultTimezone;
  const start = instantOf(listed.startUtc, listed.startLocal, zone);
  if (start === null) {
    options.warn(`skipped "${title}" (${id}): it has no readable start time`);
    return null;
  }
  const span = {
    start,
    end: instantOf(listed.endUtc, listed.endLocal, zone),
    startText: listed.startLocal,
    endText: listed.endLocal,
    zone,
    isSeriesParent: event.is_series_parent,
  };
  return {
    sourceEventId: id,
    title,
    ...seriesSafeTimes(span, `"${title}" (${id})`, options.warn),
    allDay: false,
    timezone: listed.zone,
    status: statusOf(event),
    attendance: event.online_event ? 'online' : 'in_person',
    venue: options.venue !== undefined ? options.venue : venueFromEventbrite(event.venue),
    // Eventbrite shows the online link to ticket holders only.
    onlineUrl: null,
    url,
    descriptionHtml: richTextHtml(event.description) ?? richTextHtml(event.summary) ?? '',
    imageUrl: imageOf(event.logo, options.pageUrl),
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

function listedTimesOf(event: EventbriteEvent): ListedTimes {
  if (event.start !== null) {
    return {
      startUtc: event.start.utc,
      startLocal: event.start.local,
      endUtc: event.end?.utc ?? null,
      endLocal: event.end?.local ?? null,
      zone: event.start.timezone,
    };
  }
  return {
    startUtc: null,
    startLocal: joinDateTime(event.start_date, event.start_time),
    endUtc: null,
    endLocal: joinDateTime(event.end_date, event.end_time),
    zone: event.timezone,
  };
}

function joinDateTime(day: string | null, clock: string | null): string | null {
  return day === null || clock === null ? null : `${day}T${clock}`;
}

function instantOf(utc: string | null, local: string | null, zone: string): string | null {
  return (utc === null ? null : parseDateTime(utc, 'UTC')) ?? (local === null ? null : parseDateTime(local, zone));
}

function statusOf(event: EventbriteEvent): EventStatus {
  // A cancelled event can keep `status: completed` or `live`; only its sales status says so.
  if (event.event_sales_status?.message_code === 'event_cancelled') return 'cancelled';
  return EVENTBRITE_STATUSES[event.status?.toLowerCase() ?? ''] ?? 'scheduled';
}

export function venueFromEventbrite(venue: EventbriteVenue | null): Venue | null {
  if (venue === null) return null;
  const address = venue.address;
  return venueOrNull({
    name: venue.name === null ? null : plainText(venue.name),
    address: addressLineOf(address),
    ...coordinates(venue.latitude ?? address?.latitude ?? null, venue.longitude ?? address?.longitude ?? null),
  });
}

/** Eventbrite's own display line, else the parts as they are. */
function addressLineOf(address: EventbriteVenue['address']): string | null {
  if (address === null) return null;
  if (address.localized_address_display !== null) return plainText(address.localized_address_display);
  const parts = [address.address_1, address.address_2, address.city, address.region, address.postal_code].filter(
    (part): part is string => part !== null,
  );
  return parts.length === 0 ? null : plainText(parts.join(', '));
}

function imageOf(logo: EventbriteEvent['logo'], pageUrl: string): string | null {
  return safeHttpUrl(logo?.url, pageUrl) ?? safeHttpUrl(logo?.original?.url, pageUrl);
}

// ---- Organizers ----

export function groupFromOrganizer(organizer: EventbriteOrganizer | null, pageUrl: string): GroupDetails | undefined {
  if (organizer === null) return undefined;
  const links = organizerLinks(organizer, pageUrl);
  return {
    name: organizer.name === null ? undefined : plainText(organizer.name),
    descriptionHtml:
      richTextHtml(organizer.long_description) ?? richTextHtml(organizer.description) ?? richTextHtml(organizer.summary) ?? undefined,
    imageUrl: imageOf(organizer.logo, pageUrl) ?? undefined,
    links: links.length === 0 ? undefined : links,
  };
}

function organizerLinks(organizer: EventbriteOrganizer, pageUrl: string): string[] {
  const links = [
    safeHttpUrl(organizer.website_url ?? organizer.website, pageUrl),
    safeHttpUrl(organizer.url, pageUrl),
    socialUrl(organizer.twitter, 'https://twitter.com/'),
    socialUrl(organizer.facebook, 'https://www.facebook.com/'),
  ];
  return [...new Set(links.filter((link): link is string => link !== null))];
}

/** Organizers give a handle (`@inch360`, `inch360`) or a whole URL. */
function socialUrl(value: string | null, profileBase: string): string | null {
  if (value === null) return null;
  if (/^https?:\/\//i.test(value)) return safeHttpUrl(value);
  const handle = value.replace(/^@/, '');
  return /^[\w.-]+$/.test(handle) ? `${profileBase}${handle}` : null;
}
