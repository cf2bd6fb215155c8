import { z } from 'zod';
import { plainText } from '../../text/sanitize.ts';
import { listOf, number, orNull, requiredText, text, zone } from '../lenient-json.ts';
import { postalAddressLine } from '../places.ts';

// The schema.org nodes an Event is read from (Event, Place, VirtualLocation, PostalAddress,
// GeoCoordinates, ImageObject), as zod schemas over JSON-LD, where any property may hold one
// value or several, and a text may come as a value object. Built on the lenient pieces of
// ../lenient-json.ts: what cannot be read is null, never an error.

/** Any property may hold one value or an array of them; the items the schema reads, in order. */
function oneOrMany<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (Array.isArray(value) ? value : [value]), listOf(item));
}

/** The first item of a one-or-many property that the schema reads, or null. */
function firstOf<T extends z.ZodType>(item: T) {
  return oneOrMany(item).transform((items) => items[0] ?? null);
}

/** A text value: a string, a number, a value object `{"@value": …}`, or the first of an array. */
const SchemaText = firstOf(orNull(z.union([requiredText, z.object({ '@value': requiredText }).transform((value) => value['@value'])])));

/** Text, or the `name` of a thing given in its place (a Country, a DefinedTerm). */
const NameOrText = z.union([
  z.object({ '@value': text, name: SchemaText }).transform((thing) => thing['@value'] ?? thing.name),
  SchemaText,
]);

const SCHEMA_PREFIX = /^(?:schema:|https?:\/\/(?:www\.)?schema\.org\/)/i;

/** `schema:Event`, `https://schema.org/Event` and `Event` all name `Event`. */
export function withoutSchemaPrefix(value: string): string {
  return value.trim().replace(SCHEMA_PREFIX, '');
}

/** The same name lower-cased, as the readers compare names. */
function schemaName(value: string): string {
  return withoutSchemaPrefix(value).toLowerCase();
}

/** The node's `@type`, one name or several, as lower-cased schema.org names. */
export const TypeNames = oneOrMany(z.string()).transform((types) => types.map(schemaName));

/** An enumeration member (`https://schema.org/EventCancelled`, `schema:EventCancelled`, …) lower-cased, or null. */
const EnumName = z
  .union([z.object({ '@value': text, '@id': SchemaText }).transform((member) => member['@value'] ?? member['@id']), SchemaText])
  .transform((name) => (name === null ? null : schemaName(name)));

const GeoCoordinates = z.object({ latitude: number, longitude: number });

const AddressParts = z
  .object({
    streetAddress: NameOrText,
    addressLocality: NameOrText,
    addressRegion: NameOrText,
    postalCode: NameOrText,
    addressCountry: NameOrText,
  })
  .transform((address) =>
    postalAddressLine({
      street: address.streetAddress,
      locality: address.addressLocality,
      region: address.addressRegion,
      postalCode: address.postalCode,
      country: address.addressCountry,
    }),
  );

/** An address as text, or the first PostalAddress as one line. */
const AddressLine = z.union([SchemaText.pipe(z.string()).transform(plainText), firstOf(AddressParts)]);

/**
 * A Place (its address and position nested, or its position given as its own latitude and
 * longitude), or a VirtualLocation (whose `url` is where the meeting happens).
 */
const Place = z
  .object({
    '@type': TypeNames,
    name: SchemaText,
    url: SchemaText,
    address: AddressLine,
    geo: firstOf(GeoCoordinates),
    latitude: number,
    longitude: number,
  })
  .transform(({ latitude, longitude, ...place }) => ({ ...place, geo: place.geo ?? (latitude === null ? null : { latitude, longitude }) }));

/** `location` is a Place, a VirtualLocation, a PostalAddress, plain text, or an array of those (hybrid events). */
const Location = z.union([
  z.looseObject({ '@type': TypeNames }).transform((node) => ({ place: placeFrom(node), text: null })),
  SchemaText.transform((words) => ({ place: null, text: words })),
]);

/** A PostalAddress given as the location is a place known by its address alone. */
function placeFrom(node: Record<string, unknown>): z.output<typeof Place> {
  const place = Place.parse(node);
  return place['@type'].includes('postaladdress') ? { ...place, address: AddressParts.parse(node) } : place;
}

/** `image` is a URL or an ImageObject, or several. */
const ImageCandidate = z.union([z.object({ url: SchemaText, contentUrl: SchemaText }).transform((image) => image.url ?? image.contentUrl), SchemaText]);

/** `keywords` is one comma-separated text, or a list of texts and DefinedTerms. */
const Keywords = z.preprocess((keywords) => (typeof keywords === 'string' ? keywords.split(',') : keywords), listOf(NameOrText));

/** A day as schema.org's DayOfWeek (`https://schema.org/Monday`) or as iCalendar's BYDAY (`MO`, `2MO`), lower-cased. */
const DayName = EnumName;

/** A Schedule (eventSchedule): how an event repeats. */
const Schedule = z.object({
  repeatFrequency: SchemaText,
  byDay: oneOrMany(DayName),
  byMonthDay: oneOrMany(number),
  byMonth: oneOrMany(number),
  byMonthWeek: oneOrMany(number),
  startDate: SchemaText,
  endDate: SchemaText,
  startTime: SchemaText,
  endTime: SchemaText,
  duration: SchemaText,
  repeatCount: number,
  exceptDate: oneOrMany(SchemaText),
  scheduleTimezone: zone,
});

export type ScheduleNode = z.output<typeof Schedule>;

/** The properties of a schema.org Event we read. */
export const SchemaOrgEvent = z.object({
  '@id': SchemaText,
  name: SchemaText,
  url: SchemaText,
  startDate: SchemaText,
  endDate: SchemaText,
  eventStatus: EnumName,
  eventAttendanceMode: EnumName,
  location: oneOrMany(Location),
  description: SchemaText,
  image: oneOrMany(ImageCandidate),
  keywords: Keywords,
  duration: SchemaText,
  eventSchedule: oneOrMany(Schedule),
});

export type SchemaOrgEventNode = z.output<typeof SchemaOrgEvent>;
