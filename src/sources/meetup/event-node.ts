import { describe } from '../../text/describe.ts';
import { plainText, safeHttpUrl } from '../../text/sanitize.ts';
import { parseDateTime } from '../../time-reading.ts';
import type { Attendance, EventStatus, SourceEvent, Venue } from '../../types.ts';
import { endOrEstimate } from '../event-fields.ts';
import { coordinates, joinAddressParts, venueOrNull } from '../places.ts';
import { INLINE_SCHEMAS, type MeetupEvent, type MeetupPhoto, type MeetupSchemas, type MeetupVenue } from './schemas.ts';

// One Event node of Meetup's data (the Apollo cache's, a page's inline event, or a GraphQL API
// node) as our event.

export interface MeetupPageOptions {
  /** The page the data came from: the base for relative links. */
  pageUrl: string;
  /** Zone for times written without an offset when the data names none (the site's zone). */
  defaultTimezone: string;
}

// Every other status (ACTIVE, PUBLISHED, PAST, DRAFT, …) names an event that happens or happened.
const MEETUP_STATUSES: Record<string, EventStatus> = {
  CANCELLED: 'cancelled',
  CANCELLED_PERM: 'cancelled',
};

const MEETUP_ATTENDANCE: Record<string, Attendance> = {
  PHYSICAL: 'in_person',
  ONLINE: 'online',
  HYBRID: 'hybrid',
};

/** The node as our event, or null when it has no title or no readable start. */
export function eventFromMeetupNode(raw: unknown, options: MeetupPageOptions, schemas: MeetupSchemas = INLINE_SCHEMAS): SourceEvent | null {
  const parsed = schemas.Event.safeParse(raw);
  if (!parsed.success) return null;
  const node = parsed.data;
  const title = plainText(node.title ?? '');
  const groupZone = node.group?.timezone ?? null;
  const start = parseDateTime(node.dateTime ?? '', groupZone ?? options.defaultTimezone);
  if (title === '' || start === null) return null;
  const end = parseDateTime(node.endTime ?? '', groupZone ?? options.defaultTimezone);
  const eventType = node.eventType?.toUpperCase() ?? '';
  return {
    sourceEventId: meetupId(node),
    title,
    start,
    ...endOrEstimate(start, end),
    allDay: false,
    timezone: groupZone,
    status: MEETUP_STATUSES[node.status?.toUpperCase() ?? ''] ?? 'scheduled',
    attendance: MEETUP_ATTENDANCE[eventType] ?? (node.isOnline ? 'online' : 'in_person'),
    venue: eventType === 'ONLINE' ? null : meetupVenue(node),
    // Meetup gives the online link only to those allowed to see it; null otherwise.
    onlineUrl: safeHttpUrl(node.onlineVenue?.url),
    url: safeHttpUrl(node.eventUrl, options.pageUrl),
    descriptionHtml: describe(node.description ?? ''),
    imageUrl: photoUrl(node.featuredEventPhoto),
    topics: [...new Set(node.topics.map(plainText))],
  };
}

/**
 * Recurring series list far instances under alphanumeric ids that later become numeric; when a
 * node has both (`id` and `token` swap roles between API versions), the numeric one is stable.
 */
function meetupId(node: MeetupEvent): string {
  const ids = [node.id, node.token].filter((id): id is string => id !== null);
  return ids.find(isNumericId) ?? ids[0] ?? '';
}

export function isNumericId(id: string): boolean {
  return /^\d+$/.test(id);
}

/** `venue`, or the first real place among `venues` (the GraphQL API lists online "venues" too). */
function meetupVenue(node: MeetupEvent): Venue | null {
  const place = [node.venue, ...node.venues].find((venue) => venue !== null && venue.venueType?.toLowerCase() !== 'online');
  if (place === undefined || place === null) return null;
  // "1720 W 4th Ave Unit B, Spokane, WA 99204": Meetup's country code adds nothing to a local address.
  const region = [place.state, place.postalCode].filter(Boolean).join(' ');
  return venueOrNull({
    name: place.name === null ? null : plainText(place.name),
    address: joinAddressParts([place.address, place.city, region]),
    ...meetupPosition(place),
  });
}

/** Meetup writes 0,0 for "unknown". */
function meetupPosition(place: MeetupVenue): Pick<Venue, 'lat' | 'lon'> {
  const lon = place.lng ?? place.lon;
  return place.lat === 0 && lon === 0 ? coordinates(null, null) : coordinates(place.lat, lon);
}

/** A PhotoInfo's full-size image; Meetup's image service also serves `<baseUrl><id>/676x676.jpg`. */
export function photoUrl(photo: MeetupPhoto | null): string | null {
  if (photo === null) return null;
  const sized = photo.baseUrl !== null && photo.id !== null ? `${photo.baseUrl}${photo.id}/676x676.jpg` : null;
  return safeHttpUrl(photo.highResUrl) ?? safeHttpUrl(photo.source) ?? safeHttpUrl(sized);
}
