import { z } from 'zod';
import { ianaZone } from '../time-reading.ts';

// Platform JSON (APIs nobody promised us, data scraped out of pages) is read through zod schemas
// built from these pieces, and only through them, so that every adapter agrees on what a text or
// a number is. They are lenient: a value of the wrong type reads as null (or as no items), never
// as an error, because scraped JSON is often malformed and sometimes hostile, and one odd field
// must cost that detail, not the event or the source. A schema that must fail (an entry without
// a start) says so with plain zod, outside these.

/**
 * The schema's value, or null when the value is missing or not what the schema reads. Missing
 * values pass without an error object (zod's `catch` costs one), which matters on a page of
 * thousands of sparse events.
 */
export function orNull<T extends z.ZodType>(schema: T) {
  return schema
    .nullish()
    .transform((value): z.output<T> | null => value ?? null)
    .catch(null);
}

/**
 * Text: a string, trimmed, that says something, or a finite number written as a string; anything
 * else fails. For a field an entry cannot do without, or a branch of a union.
 */
export const requiredText = z.union([z.string().trim().min(1), z.number().transform(String)]);

/** The same text, or null. */
export const text = orNull(requiredText);

/**
 * A string as the platform wrote it (untrimmed, perhaps empty), or null: for an object handed on
 * whole, whose reader checks each value where it uses it.
 */
export const string = orNull(z.string());

/**
 * A number: a finite number, or a string that reads as one, because platforms quote numbers
 * (Eventbrite sends latitude as "47.6588"). This is the one place that decides it.
 */
export const number = orNull(z.union([z.number(), z.string().trim().min(1).transform(Number).pipe(z.number())]));

/** Set only by `true` itself: a flag left out or garbled is not set. */
export const flag = orNull(z.boolean()).transform((value) => value === true);

/** An IANA time zone name, trimmed ("America/Los_Angeles"), else null; offsets are no zone names. */
export const zone = orNull(z.string().transform(ianaZone));

/** Any JSON object with its values not yet read (an Apollo cache, a wrapper), else null. */
export const jsonObject = orNull(z.record(z.string(), z.unknown()));

/** The items of a list that the schema reads, in order; the others are left out. Anything but a list fails. */
export function requiredList<T extends z.ZodType>(item: T) {
  return z.array(orNull(item)).transform((items) => items.filter((one): one is NonNullable<typeof one> => one !== null));
}

/** The same items, with anything but a list read as none. */
export function listOf<T extends z.ZodType>(item: T) {
  return orNull(requiredList(item)).transform((items) => items ?? []);
}
