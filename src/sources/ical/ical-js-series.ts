import ICAL from 'ical.js';
import { ianaZone } from '../../time-reading.ts';
import { formatContentLine } from './content-lines.ts';
import { label, value, type Component } from './components.ts';
import { repairEvent, type RepairContext } from './series-repair.ts';
import type { Series } from './series.ts';

// Why components we have already parsed are written back out as text, to be parsed again:
// ical.js does the date, time-zone and recurrence work (RRULE, RDATE, EXDATE, RECURRENCE-ID and
// RANGE=THISANDFUTURE), and does it to the letter of RFC 5545, but it reads a feed whole and
// trusts it. So the structure is read by our own reader (content-lines.ts, components.ts), which
// survives broken feeds, each event is repaired (series-repair.ts), and ical.js is handed one
// series at a time with the feed's time zones and a tag naming the component each event came
// from. What ical.js says about text is not used.

const TAG = 'X-SPOKANE-TECH-COMPONENT';

export interface SeriesContext extends RepairContext {
  /** The feed's VTIMEZONEs, which every series' TZIDs may name. */
  timezones: Component[];
}

/** A series as ical.js reads it. */
export interface ParsedSeries {
  /** The event without RECURRENCE-ID, its overrides related; null when the feed has only overrides. */
  master: ICAL.Event | null;
  /** The overrides, as events of their own. */
  overrides: ICAL.Event[];
  /** Whether the master repeats (by RRULE or RDATE). */
  recurring: boolean;
  /** Ends of the instances RDATE gave as periods, by the instance's start (Unix seconds). */
  periodEnds: Map<number, ICAL.Time>;
}

/** The series as ical.js sees it, or null (with a warning) when it cannot or must not be read. */
export function parseSeries(series: Series, context: SeriesContext): ParsedSeries | null {
  const repaired = series.components.map((component) => repairEvent(component, context));
  const refused = repaired.find((event) => event.refusal !== null);
  if (refused !== undefined) {
    context.warnings.push(`${label(series.components[0]!)} ${refused.refusal}; skipped it`);
    return null;
  }
  try {
    const text = [
      'BEGIN:VCALENDAR',
      ...context.timezones.filter((zone) => ianaZone(value(zone, 'TZID')) === null).flatMap(serialize),
      ...repaired.flatMap(({ component }, index) => serialize(tagged(component, index, series.uid))),
      'END:VCALENDAR',
    ].join('\r\n');
    return related(new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent'));
  } catch (error) {
    context.warnings.push(`${label(series.components[0]!)} could not be read (${(error as Error).message}); skipped it`);
    return null;
  }
}

/** The component of the series an ical.js event was parsed from. */
export function sourceComponent(event: ICAL.Event, series: Series): Component | undefined {
  return series.components[Number(event.component.getFirstPropertyValue(TAG.toLowerCase()))];
}

function related(events: ICAL.Component[]): ParsedSeries {
  const master = events.find((event) => !event.hasProperty('recurrence-id')) ?? null;
  const overrides = events.filter((event) => event.hasProperty('recurrence-id'));
  const recurring = master !== null && (master.hasProperty('rrule') || master.hasProperty('rdate'));
  if (master === null || !recurring) {
    return {
      master: master === null ? null : new ICAL.Event(master, { exceptions: [] }),
      overrides: overrides.map((override) => new ICAL.Event(override, { exceptions: [] })),
      recurring: false,
      periodEnds: new Map(),
    };
  }
  const periodEnds = periodsAsDates(master);
  untilInStartZone(master);
  // RFC 5545 §3.8.5.3: DTSTART is always the first instance; ical.js leaves it out of a series
  // of RDATEs, and of some rules it does not start on. (The same instance twice is read once.)
  master.addPropertyWithValue('rdate', master.getFirstPropertyValue('dtstart') as ICAL.Time);
  const event = new ICAL.Event(master, { exceptions: overrides });
  matchOverridesInAnyZone(event);
  return { master: event, overrides: [], recurring: true, periodEnds };
}

/**
 * RDATE;VALUE=PERIOD values as plain start times (ical.js expands only those), with each
 * instance's own end kept aside.
 */
function periodsAsDates(master: ICAL.Component): Map<number, ICAL.Time> {
  const ends = new Map<number, ICAL.Time>();
  for (const property of master.getAllProperties('rdate')) {
    if (property.type !== 'period') continue;
    const periods = property.getValues() as ICAL.Period[];
    master.removeProperty(property);
    for (const period of periods) {
      ends.set(period.start.toUnixTime(), period.getEnd());
      master.addPropertyWithValue('rdate', period.start);
    }
  }
  return ends;
}

/**
 * An UNTIL written as a local time, or as a date on a series of timed events (both against RFC
 * 5545, both common), read in the zone of DTSTART and through the end of that day: ical.js would
 * read them as UTC midnight, and drop a last instance that the feed lists.
 */
function untilInStartZone(master: ICAL.Component): void {
  const start = master.getFirstPropertyValue('dtstart') as ICAL.Time;
  if (start.isDate) return;
  for (const property of master.getAllProperties('rrule')) {
    const until = (property.getFirstValue() as ICAL.Recur).until;
    if (until === null || until.zone === ICAL.Timezone.utcTimezone) continue;
    if (until.isDate) {
      until.isDate = false;
      [until.hour, until.minute, until.second] = [23, 59, 59];
    }
    until.zone = start.zone;
  }
}

/**
 * ical.js matches an override to its instance by the RECURRENCE-ID's wall-clock text, so an
 * override written in another zone than its series (UTC against a TZID, say) would match none.
 * Each is also filed under its time in the series' own zone.
 */
function matchOverridesInAnyZone(event: ICAL.Event): void {
  const zone = event.startDate.zone;
  const exceptions = event.exceptions as unknown as Record<string, ICAL.Event>;
  for (const exception of Object.values(exceptions)) {
    const id = exception.recurrenceId;
    if (id.isDate || zone === undefined) continue;
    exceptions[id.convertToZone(zone).toString()] ??= exception;
  }
}

function serialize(component: Component): string[] {
  return [
    `BEGIN:${component.name}`,
    ...component.properties.map(formatContentLine),
    ...component.children.flatMap(serialize),
    `END:${component.name}`,
  ];
}

/** The event with the series' UID and a tag naming the component it came from. */
function tagged(event: Component, index: number, uid: string): Component {
  return {
    ...event,
    properties: [
      { name: 'UID', params: [], value: uid },
      ...event.properties.filter((p) => p.name !== 'UID'),
      { name: TAG, params: [], value: String(index) },
    ],
  };
}
