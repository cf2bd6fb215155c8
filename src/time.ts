import { Temporal } from 'temporal-polyfill';

// Every instant we store is written `YYYY-MM-DDTHH:MM:SSZ`; all-day dates `YYYY-MM-DD`.

export const DEFAULT_DURATION_MINUTES = 120;

export function isValidTimeZone(zone: string): boolean {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

/** A Date as our UTC instant string (seconds precision). */
export function utcInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
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

export function addMinutes(instant: string, minutes: number): string {
  return Temporal.Instant.from(instant).add({ minutes }).toString();
}

export function addDays(plainDate: string, days: number): string {
  return Temporal.PlainDate.from(plainDate).add({ days }).toString();
}

/** The local calendar date of an instant in a zone. */
export function localDate(instant: string, zone: string): string {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDate().toString();
}
