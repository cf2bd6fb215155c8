import { Temporal } from 'temporal-polyfill';
import { plainText, safeHttpUrl } from '../../text/sanitize.ts';
import { addMinutes } from '../../time.ts';
import { parseDateTime } from '../../time-reading.ts';
import type { Attendance, SourceEvent, Venue } from '../../types.ts';
import { endOrEstimate, UNTITLED } from '../event-fields.ts';
import { coordinates, venueOrNull } from '../places.ts';
import { lumaPageUrl } from './urls.ts';
import { LumaEntrySchema, type LumaCalendar, type LumaEvent } from './schemas.ts';

// The entries of Luma's JSON API as events: upcoming events only, but fully described (address,
// coordinates, cover image, time zone, online or not).

export interface LumaItem {
  event: SourceEvent;
  /** The entry's own `calev-…` id, under which the feed may list the event. */
  listingId: string | null;
  /** The calendar the entry names (the event's own calendar for a listed event). */
  calendar: LumaCalendar | null;
}

/** Entries of `/calendar/get-items` as events; an entry that cannot be read becomes a warning. */
export function readLumaItems(entries: unknown[]): { items: LumaItem[]; warnings: string[] } {
  const items: LumaItem[] = [];
  const warnings: string[] = [];
  for (const raw of entries) {
    const entry = LumaEntrySchema.safeParse(raw);
    if (!entry.success) {
      warnings.push("skipped an entry of Luma's API: it has no event with a name and a start");
      continue;
    }
    const listingId = entry.data.api_id;
    const event = eventFromLuma(entry.data.event, listingId);
    if (typeof event === 'string') warnings.push(`skipped an entry of Luma's API: ${event}`);
    else items.push({ event, listingId, calendar: entry.data.calendar });
  }
  return { items, warnings };
}

/** The event, or why it cannot be one. */
function eventFromLuma(event: LumaEvent, listingId: string | null): SourceEvent | string {
  const title = plainText(event.name) || UNTITLED;
  const id = event.api_id ?? listingId;
  if (!id) return `"${title}" has no id`;
  const start = parseDateTime(event.start_at, 'UTC');
  if (start === null) return `"${title}" has a start that is not a date-time: "${event.start_at}"`;
  return {
    sourceEventId: id,
    title,
    start,
    ...endOrEstimate(start, event.end_at ? parseDateTime(event.end_at, 'UTC') : endAfter(start, event.duration_interval)),
    allDay: false,
    timezone: event.timezone,
    status: 'scheduled',
    attendance: attendanceOf(event),
    venue: lumaVenue(event),
    // Luma shows meeting links to registered guests only.
    onlineUrl: null,
    url: eventPageUrl(event.url),
    descriptionHtml: '',
    imageUrl: safeHttpUrl(event.cover_url),
    topics: [],
  };
}

function endAfter(start: string, duration: string | null): string | null {
  if (!duration) return null;
  try {
    const relativeTo = Temporal.Instant.from(start).toZonedDateTimeISO('UTC');
    return addMinutes(start, Math.round(Temporal.Duration.from(duration).total({ unit: 'minutes', relativeTo })));
  } catch {
    return null;
  }
}

function lumaVenue(event: LumaEvent): Venue | null {
  const info = event.geo_address_info;
  const address = info?.full_address ?? info?.address ?? info?.city_state ?? null;
  return venueOrNull({
    name: info?.address ? plainText(info.address) : null,
    address: address ? plainText(address) : null,
    ...coordinates(event.coordinate?.latitude ?? null, event.coordinate?.longitude ?? null),
  });
}

/**
 * Luma's `location_type` is `offline` for a place and `online`, `zoom`, … for a meeting link;
 * `unknown` (or none, for external events) when the host gave neither.
 */
function attendanceOf(event: LumaEvent): Attendance {
  const type = event.location_type;
  if (!type || type === 'offline' || type === 'unknown') return 'in_person';
  return event.geo_address_info?.full_address ? 'hybrid' : 'online';
}

function eventPageUrl(url: string | null): string | null {
  if (!url) return null;
  return /^[A-Za-z0-9_-]+$/.test(url) ? lumaPageUrl(url) : safeHttpUrl(url);
}
