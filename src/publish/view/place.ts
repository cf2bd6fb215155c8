import { safeHttpUrl } from '../../text/sanitize.ts';
import type { StoredEvent, Venue } from '../../types.ts';

// Where an event happens, as the pages show it: a short label for lists, the venue's lines and
// a map for its page, and the join link of an online event.

/** An event's `where`. */
export interface EventPlace {
  /** One line for lists: "IntelliTect", "The Hive + Online", "Online", "Location to be announced". */
  placeLabel: string;
  /** Venue name and address, one a line; none for an online event. */
  venueLines: string[];
  /** The venue on OpenStreetMap; null for an online event or a venue with no address. */
  mapUrl: string | null;
  /** The join link, when the source made it public; null for an in-person event. */
  onlineLink: string | null;
}

type Placed = Pick<StoredEvent, 'attendance' | 'venue' | 'onlineUrl'>;

export function eventPlace(event: Placed): EventPlace {
  return {
    placeLabel: placeLabel(event),
    venueLines: event.attendance === 'online' ? [] : venueLines(event.venue),
    mapUrl: event.attendance === 'online' ? null : mapUrl(event.venue),
    onlineLink: event.attendance === 'in_person' ? null : safeHttpUrl(event.onlineUrl),
  };
}

function placeLabel(event: Placed): string {
  const venue = event.venue?.name ?? event.venue?.address ?? null;
  if (event.attendance === 'online') return 'Online';
  if (event.attendance === 'hybrid') return venue ? `${venue} + Online` : 'Hybrid';
  return venue ?? 'Location to be announced';
}

/** Venue name and address as lines, the name once when the address already starts with it. */
export function venueLines(venue: Venue | null): string[] {
  const name = venue?.name?.trim() || null;
  const address = venue?.address?.trim() || null;
  if (name && address) return address.toLowerCase().startsWith(name.toLowerCase()) ? [address] : [name, address];
  return [name ?? address].filter((line): line is string => line !== null);
}

/**
 * A map of the venue on OpenStreetMap: a pin at its coordinates when the source gave them,
 * else a search for its address. No map for a venue that is only a name ("Online", "TBD").
 */
export function mapUrl(venue: Venue | null): string | null {
  if (!venue) return null;
  if (venue.lat != null && venue.lon != null && Number.isFinite(venue.lat) && Number.isFinite(venue.lon)) {
    const lat = venue.lat.toFixed(5);
    const lon = venue.lon.toFixed(5);
    return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
  }
  const address = venue.address?.trim();
  if (!address) return null;
  const query = venue.name && !address.toLowerCase().startsWith(venue.name.toLowerCase()) ? `${venue.name}, ${address}` : address;
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;
}

/** Where the event happens, as one line for an "add to calendar" link: the join link of an online event. */
export function locationText(event: Placed): string {
  const place = venueLines(event.venue).join(', ');
  const online = safeHttpUrl(event.onlineUrl);
  if (event.attendance === 'online') return online ?? (place || 'Online');
  return place || online || '';
}
