import { safeHttpUrl } from '../../text/sanitize.ts';
import type { StoredGroup, ListedEvent } from '../../types.ts';
import { addDays, zonedIso } from '../../time.ts';
import { truncateText } from '../../text/plain.ts';

// schema.org Event data for each event page, with the properties Google's event guidelines
// require (name, startDate, location) and recommend (endDate, eventStatus, eventAttendanceMode,
// description, image, organizer, previousStartDate), so search engines can list the event.

const SCHEMA = 'https://schema.org/';
const DESCRIPTION_MAX = 2000;

const ATTENDANCE = {
  in_person: 'OfflineEventAttendanceMode',
  online: 'OnlineEventAttendanceMode',
  hybrid: 'MixedEventAttendanceMode',
} as const;

export interface JsonLdInput {
  event: ListedEvent;
  group: StoredGroup | undefined;
  groupName: string;
  /** The event's page on this site, absolute. */
  pageUrl: string;
  /** The group's page on this site, absolute. */
  groupPageUrl: string;
  /** The site's time zone, used for times (the offset makes the instant exact in any zone). */
  zone: string;
  /** The description as plain text. */
  description: string;
}

export function eventJsonLd({ event, group, groupName, pageUrl, groupPageUrl, zone, description }: JsonLdInput): Record<string, unknown> {
  const when = (value: string) => (event.allDay ? value : zonedIso(value, zone));
  const location = locationOf(event, pageUrl);
  const image = safeHttpUrl(event.imageUrl) ?? safeHttpUrl(group?.imageUrl);
  const previousStart = event.changes.find((c) => c.fields.includes('time') && c.previous.start)?.previous;
  const sameAs = [event.url, ...event.alsoListedOn.map((l) => l.url)]
    .map((url) => safeHttpUrl(url))
    .filter((url): url is string => url !== null);

  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    startDate: when(event.start),
    // All-day ends are exclusive in iCalendar; schema.org's endDate is the last day.
    endDate: event.allDay ? addDays(event.end, -1) : when(event.end),
    eventStatus: `${SCHEMA}${statusOf(event)}`,
    ...(previousStart?.start && event.status === 'scheduled'
      ? { previousStartDate: previousStart.allDay ? previousStart.start : zonedIso(previousStart.start, zone) }
      : {}),
    eventAttendanceMode: `${SCHEMA}${ATTENDANCE[event.attendance]}`,
    ...(location.length === 0 ? {} : { location: location.length === 1 ? location[0] : location }),
    ...(description ? { description: truncateText(description, DESCRIPTION_MAX) } : {}),
    ...(image ? { image: [image] } : {}),
    organizer: {
      '@type': 'Organization',
      name: groupName,
      url: safeHttpUrl(group?.homepage) ?? groupPageUrl,
    },
    url: pageUrl,
    ...(sameAs.length ? { sameAs: [...new Set(sameAs)] } : {}),
  };
}

function statusOf(event: ListedEvent): string {
  if (event.status === 'cancelled') return 'EventCancelled';
  if (event.status === 'postponed') return 'EventPostponed';
  if (event.changes.some((c) => c.fields.includes('time'))) return 'EventRescheduled';
  return 'EventScheduled';
}

function locationOf(event: ListedEvent, pageUrl: string): Record<string, unknown>[] {
  const places: Record<string, unknown>[] = [];
  const venue = event.venue;
  const name = venue?.name?.trim() || null;
  const address = venue?.address?.trim() || null;
  if (event.attendance !== 'online' && (name || address)) {
    places.push({
      '@type': 'Place',
      name: name ?? address,
      ...(address ? { address: postalAddress(address) } : {}),
      ...(venue?.lat != null && venue.lon != null ? { geo: { '@type': 'GeoCoordinates', latitude: venue.lat, longitude: venue.lon } } : {}),
    });
  }
  if (event.attendance !== 'in_person') {
    // Google requires a URL on a VirtualLocation; the source's page is where people join from
    // when the join link itself is not public.
    places.push({ '@type': 'VirtualLocation', url: safeHttpUrl(event.onlineUrl) ?? safeHttpUrl(event.url) ?? pageUrl });
  }
  return places;
}

// "1720 W 4th Ave, Spokane, WA 99201, USA": the usual shape of a US address in one line.
const US_ADDRESS =
  /^(?<street>.+?),\s*(?<locality>[^,\d]+?),\s*(?<region>[A-Z]{2})(?:\s+(?<postal>\d{5}(?:-\d{4})?))?(?:,\s*(?<country>US|USA|United States(?: of America)?))?$/;

/** A one-line address as a PostalAddress, split into its parts when it has the usual US shape. */
export function postalAddress(address: string): Record<string, string> {
  const match = US_ADDRESS.exec(address)?.groups;
  if (!match) return { '@type': 'PostalAddress', streetAddress: address };
  return {
    '@type': 'PostalAddress',
    streetAddress: match.street!,
    addressLocality: match.locality!,
    addressRegion: match.region!,
    ...(match.postal ? { postalCode: match.postal } : {}),
    ...(match.country || match.postal ? { addressCountry: 'US' } : {}),
  };
}

/**
 * JSON to put inside <script type="application/ld+json">. `<` is written \u003c, so a title
 * holding `</script>` cannot end the script element; `>`, `&` and the two JavaScript line
 * separators are escaped the same way for good measure. JSON parsers read them back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
