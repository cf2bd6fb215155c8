import { plainText } from '../text/sanitize.ts';
import type { Venue } from '../types.ts';

// Venues as every platform gives them: a name, address parts, a position. What a platform writes
// in its own way (Meetup's 0,0 for "unknown", Eventbrite's display line) stays with its reader.

/** The position if both coordinates are numbers on the globe, else none. */
export function coordinates(lat: number | null, lon: number | null): Pick<Venue, 'lat' | 'lon'> {
  const valid = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  return valid ? { lat, lon } : { lat: null, lon: null };
}

/** The venue, or null when it says nothing: no name, no address, no position. */
export function venueOrNull(venue: Venue): Venue | null {
  return venue.name === null && venue.address === null && venue.lat === null ? null : venue;
}

/**
 * Address parts (street, city, region, …) as plain text joined by commas, each said once:
 * organizers often type the city and state into the street line as well ("1720 W 4th Ave,
 * Spokane, WA", then Spokane and WA again).
 */
export function joinAddressParts(parts: (string | null)[]): string | null {
  const said: string[] = [];
  for (const part of parts) {
    const text = part === null ? '' : plainText(part);
    if (text !== '' && !alreadySaid(said, text)) said.push(text);
  }
  return said.length === 0 ? null : said.join(', ');
}

function alreadySaid(said: string[], part: string): boolean {
  const segments = said.join(',').split(',').map((segment) => segment.trim().toLowerCase());
  return segments.includes(part.toLowerCase());
}

export interface AddressParts {
  street: string | null;
  locality: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

/**
 * A postal address on one line, as people write it: "906 W Main Ave, Spokane, WA 99201, United
 * States". The postal code follows the region (or town) it belongs to, and a country given as a
 * code ("us", "GB") is written as its name.
 */
export function postalAddressLine(parts: AddressParts): string | null {
  const line = joinAddressParts([parts.street, parts.locality, parts.region]);
  const code = parts.postalCode === null ? '' : plainText(parts.postalCode);
  const withCode = code === '' || line?.includes(code) ? line : line === null ? code : `${line} ${code}`;
  return joinAddressParts([withCode, parts.country === null ? null : countryName(parts.country)]);
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** "United States" for "us" or "US"; a name given in full as written. */
function countryName(country: string): string {
  const text = plainText(country);
  if (!/^[a-z]{2}$/i.test(text)) return /^[a-z]{3}$/.test(text) ? text.toUpperCase() : text;
  try {
    return regionNames.of(text.toUpperCase()) ?? text.toUpperCase();
  } catch {
    return text.toUpperCase();
  }
}
