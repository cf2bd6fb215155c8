import { describe } from '../../text/describe.ts';
import { plainText } from '../../text/sanitize.ts';
import { ianaZone } from '../../time-reading.ts';
import type { SourceEvent } from '../../types.ts';
import type { Adapter } from '../adapter.ts';
import { capWarnings } from '../limits.ts';
import { contentLines, unescapeText, type Property } from './content-lines.ts';
import { readComponents, value } from './components.ts';
import { fetchICalendar } from './fetch-feed.ts';
import { readSeries, type SeriesContext } from './occurrences.ts';
import { recurrenceWindow, type RecurrenceBudget } from './recurrence.ts';
import { groupIntoSeries, readWithinLimit } from './series.ts';

// iCalendar: the `ical` adapter, and parseICalendar, the reader the Meetup and Luma adapters use
// for their platforms' feeds too. It reads in stages, one module each: bytes to content lines
// (content-lines.ts), lines to components, repaired where broken (components.ts), events to series
// within the read limits (series.ts), each series repaired (series-repair.ts) and read by ical.js
// (ical-js-series.ts, zones.ts) to its occurrences (occurrences.ts, recurrence.ts, rules.ts,
// rule-filter.ts), and each occurrence to our event (source-event.ts).

export interface ParseOptions {
  now: Date;
  /** Zone for floating times when the calendar declares no X-WR-TIMEZONE. */
  defaultTimezone: string;
  /**
   * Turns a description (unescaped text) into sanitized HTML. By default it is rendered as what
   * it is (text, HTML or Markdown: src/text/describe.ts); a platform that adds boilerplate to
   * its descriptions (Meetup, Luma) passes its own, which takes that out first.
   */
  describe?: (text: string, calendarName: string | null) => string;
  /**
   * The source's time budget for recurrence rules, when it reads several calendars (a page's
   * schedules, each read as a calendar); a budget of its own by default.
   */
  recurrence?: RecurrenceBudget;
}

export interface ParsedCalendar {
  events: SourceEvent[];
  calendarName: string | null;
  /** The calendar's X-WR-TIMEZONE, when it is a valid IANA zone. */
  timezone: string | null;
  warnings: string[];
}

/** Source type `ical`: any iCalendar feed (Google Calendar, Meetup's and Luma's .ics, …). */
export const icalAdapter: Adapter = async (source, context) => {
  const response = await fetchICalendar(source.url, context);
  const { events, calendarName, warnings } = parseICalendar(response.body, {
    now: context.now,
    defaultTimezone: context.site.timezone,
  });
  return { events, group: calendarName ? { name: calendarName } : undefined, warnings };
};

/**
 * The events of an iCalendar feed: one-off events all, recurring ones from 90 days before `now`
 * to 200 days after. Never throws for a broken feed; what could not be read becomes a warning.
 */
export function parseICalendar(bytes: Uint8Array, options: ParseOptions): ParsedCalendar {
  const warnings: string[] = [];
  const top = readComponents(contentLines(bytes), warnings);
  const calendars = top.filter((c) => c.name === 'VCALENDAR');
  const calendarProperties = calendars.flatMap((c) => c.properties);
  // Components outside any VCALENDAR are read too: a missing BEGIN:VCALENDAR should not cost events.
  const components = [...top, ...calendars.flatMap((c) => c.children)];

  const timezone = declaredTimezone(calendarProperties, warnings);
  const name = calendarName(calendarProperties);
  const describeText = options.describe ?? describe;
  const timezones = components.filter((c) => c.name === 'VTIMEZONE');
  const context: SeriesContext = {
    describe: (text) => describeText(text, name),
    window: recurrenceWindow(options.now),
    floatingZone: timezone ?? options.defaultTimezone,
    calendarZone: timezone,
    timezones,
    definedZones: new Set(timezones.map((zone) => value(zone, 'TZID')?.trim() ?? '').filter((tzid) => tzid !== '' && ianaZone(tzid) === null)),
    unknownZones: new Set(),
    warnings,
    recurrence: options.recurrence ?? { spentMs: 0, exhausted: false },
  };
  const series = groupIntoSeries(components.filter((c) => c.name === 'VEVENT'), warnings);
  return {
    events: readWithinLimit(series, options.now, (one) => readSeries(one, context), warnings),
    calendarName: name,
    timezone,
    warnings: capWarnings(warnings),
  };
}

function calendarName(properties: Property[]): string | null {
  const name = properties.find((p) => p.name === 'X-WR-CALNAME') ?? properties.find((p) => p.name === 'NAME');
  return name ? plainText(unescapeText(name.value)) || null : null;
}

function declaredTimezone(properties: Property[], warnings: string[]): string | null {
  const declared = properties.find((p) => p.name === 'X-WR-TIMEZONE')?.value.trim();
  if (!declared) return null;
  const zone = ianaZone(declared);
  if (zone === null) warnings.push(`X-WR-TIMEZONE "${declared}" is not an IANA time zone; ignored it`);
  return zone;
}
