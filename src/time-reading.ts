import { Temporal } from 'temporal-polyfill';

// Times and zones as people and platforms write them, read into the forms the rest of the code
// works with (src/time.ts): an instant `YYYY-MM-DDTHH:MM:SSZ`, a date `YYYY-MM-DD`, an IANA zone.
// What cannot be read is null (or `invalid`), never a guess.

export function isValidTimeZone(zone: string): boolean {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The value if it names an IANA time zone ("America/Los_Angeles"), else null. Temporal also
 * accepts offsets such as "+01:00", which are no zone names.
 */
export function ianaZone(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const zone = value.trim();
  return /^[A-Za-z]/.test(zone) && isValidTimeZone(zone) ? zone : null;
}

/**
 * Parse an ISO 8601 date-time. With an offset (`Z`, `+01:00`, `+0100`) it is that instant;
 * without one it is a wall-clock time in `zone`. Returns null when it is not a date-time.
 */
export function parseDateTime(value: string, zone: string): string | null {
  const text = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  try {
    if (/(Z|[+-]\d{2}:\d{2})$/i.test(text)) {
      return Temporal.Instant.from(text).round({ smallestUnit: 'second' }).toString();
    }
    const local = Temporal.PlainDateTime.from(text);
    return local.toZonedDateTime(zone, { disambiguation: 'compatible' }).toInstant().round({ smallestUnit: 'second' }).toString();
  } catch {
    return null;
  }
}

/** `YYYY-MM-DD` if the value is a plain calendar date, else null. */
export function parsePlainDate(value: string): string | null {
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  try {
    return Temporal.PlainDate.from(text).toString();
  } catch {
    return null;
  }
}

/** A time a person wrote (in a manual-events file, a correction), read in the site's zone. */
export type WrittenTime =
  | { kind: 'date'; date: string }
  | { kind: 'instant'; instant: string }
  /** A local time the clocks skip (the spring change). */
  | { kind: 'gap'; local: string }
  /** A local time that happens twice (the autumn change), at either of two offsets. */
  | { kind: 'overlap'; local: string; offsets: [string, string] }
  | { kind: 'invalid' };

/**
 * `2026-12-03` (a day), `2026-12-03T18:00` (a wall-clock time in `zone`) or
 * `2026-12-03T18:00-08:00` (an instant). A wall-clock time that does not exist in `zone`, or
 * happens twice there, is said to be so rather than guessed at.
 */
export function readWrittenTime(value: string, zone: string): WrittenTime {
  const text = value.trim();
  const date = parsePlainDate(text);
  if (date !== null) return { kind: 'date', date };
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const instant = parseDateTime(text, zone);
    return instant === null ? { kind: 'invalid' } : { kind: 'instant', instant };
  }
  let local: Temporal.PlainDateTime;
  try {
    local = Temporal.PlainDateTime.from(text);
  } catch {
    return { kind: 'invalid' };
  }
  const earlier = local.toZonedDateTime(zone, { disambiguation: 'earlier' });
  const later = local.toZonedDateTime(zone, { disambiguation: 'later' });
  if (earlier.epochNanoseconds === later.epochNanoseconds) {
    return { kind: 'instant', instant: earlier.toInstant().round({ smallestUnit: 'second' }).toString() };
  }
  const shown = local.toString({ smallestUnit: 'minute' });
  // Both readings keep the wall-clock time only when it happens twice; in a gap neither does.
  if (earlier.toPlainDateTime().equals(local) && later.toPlainDateTime().equals(local)) {
    return { kind: 'overlap', local: shown, offsets: [earlier.offset, later.offset] };
  }
  return { kind: 'gap', local: shown };
}
