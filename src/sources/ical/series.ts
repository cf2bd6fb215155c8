import { createHash } from 'node:crypto';
import type { SourceEvent } from '../../types.ts';
import { MAX_EVENTS_PER_SOURCE, MAX_INSTANCES_PER_SERIES } from '../limits.ts';
import { label, value, type Component } from './components.ts';
import { isDateOrDateTime } from './date-values.ts';

// VEVENTs to series (one UID: a master and its RECURRENCE-ID overrides), and reading the series
// within what one source may hold (src/sources/limits.ts).

export interface Series {
  uid: string;
  /** As in the feed; ical.js events point back here by index (see ical-js-series.ts). */
  components: Component[];
}

export function groupIntoSeries(events: Component[], warnings: string[]): Series[] {
  const byUid = new Map<string, Component[]>();
  for (const event of events) {
    if (!hasReadableStart(event, warnings)) continue;
    const uid = value(event, 'UID')?.trim() || generatedUid(event, warnings);
    const components = byUid.get(uid);
    if (components === undefined) byUid.set(uid, [event]);
    else if (components.length <= MAX_INSTANCES_PER_SERIES) components.push(event);
    else if (components.length === MAX_INSTANCES_PER_SERIES + 1) {
      warnings.push(`${label(event)} and more share one UID with over ${MAX_INSTANCES_PER_SERIES} others; read the first ones only`);
      components.push(event);
    }
  }
  // The one component past the limit only marked that the warning was given.
  return [...byUid].map(([uid, components]) => ({ uid, components: components.slice(0, MAX_INSTANCES_PER_SERIES + 1) }));
}

function hasReadableStart(event: Component, warnings: string[]): boolean {
  const start = value(event, 'DTSTART');
  if (start === undefined) {
    warnings.push(`${label(event)} has no DTSTART; skipped it`);
    return false;
  }
  if (!isDateOrDateTime(start.trim())) {
    warnings.push(`${label(event)} has a DTSTART that is not a date ("${start.slice(0, 40)}"); skipped it`);
    return false;
  }
  return true;
}

function generatedUid(event: Component, warnings: string[]): string {
  const hash = createHash('sha256')
    .update(`${value(event, 'SUMMARY') ?? ''}\n${value(event, 'DTSTART') ?? ''}`)
    .digest('hex');
  warnings.push(`${label(event)} has no UID; gave it one made from its title and start`);
  return `generated-${hash.slice(0, 20)}`;
}

/**
 * The events `toEvents` makes of the series, at most MAX_EVENTS_PER_SOURCE. A feed with more (a
 * generator run amok, a calendar of every event since 2005) is read nearest-to-today first,
 * recurring series before one-off events, and what is left out is said in a warning. Below the
 * limit nothing is reordered.
 */
export function readWithinLimit(
  series: Series[],
  now: Date,
  toEvents: (series: Series) => SourceEvent[],
  warnings: string[],
): SourceEvent[] {
  const order = series.length > MAX_EVENTS_PER_SOURCE ? nearestFirst(series, now) : series;
  const events: SourceEvent[] = [];
  let read = 0;
  let components = 0;
  for (const one of order) {
    // Components are what costs parsing time, whether or not they turn into events.
    components += one.components.length;
    if (events.length >= MAX_EVENTS_PER_SOURCE || (read > 0 && components > 2 * MAX_EVENTS_PER_SOURCE)) break;
    events.push(...readSafely(one, toEvents, warnings));
    read += 1;
  }
  if (read === series.length && events.length <= MAX_EVENTS_PER_SOURCE) return events;
  warnings.push(
    `the feed lists more events than the ${MAX_EVENTS_PER_SOURCE} a source may hold (${series.length} events and series); ` +
      `kept the ${Math.min(events.length, MAX_EVENTS_PER_SOURCE)} nearest to today and left out the rest`,
  );
  return events.slice(0, MAX_EVENTS_PER_SOURCE);
}

/** One series that breaks the reader in a way nobody foresaw costs that series, not the feed. */
function readSafely(series: Series, toEvents: (series: Series) => SourceEvent[], warnings: string[]): SourceEvent[] {
  try {
    return toEvents(series);
  } catch (error) {
    warnings.push(`${label(series.components[0]!)} could not be read (${(error as Error).message}); skipped it`);
    return [];
  }
}

/** Recurring series first (they are only read within the window), then one-off events by distance from now. */
function nearestFirst(series: Series[], now: Date): Series[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const distance = (one: Series): number => {
    if (one.components.some((c) => value(c, 'RRULE') !== undefined || value(c, 'RDATE') !== undefined)) return -1;
    const day = /^(\d{4})(\d{2})(\d{2})/.exec(value(one.components[0]!, 'DTSTART')!.trim())!;
    return Math.abs(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) - today);
  };
  const keyed = series.map((one) => ({ one, key: distance(one) }));
  return keyed.sort((a, b) => a.key - b.key).map(({ one }) => one);
}
