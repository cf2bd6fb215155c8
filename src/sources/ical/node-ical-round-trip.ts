import ical, { type VEvent } from 'node-ical';
import { formatContentLine, param, type Property } from './content-lines.ts';
import { label, type Component } from './components.ts';
import type { Series } from './series.ts';

// Why components we have already parsed are written back out as text, to be parsed again:
// node-ical does the date, time-zone and RRULE work, and does it well, but it reads a feed whole.
// It throws for the whole feed on one broken component, silently misfiles every later event when
// an END:VEVENT is missing, unescapes text wrongly (`\\n` becomes a newline, quotes around values
// go) and reads floating times in the machine's zone. So the structure is read by our own reader
// (content-lines.ts, components.ts), which survives all of that, and node-ical is handed one
// series at a time, with the feed's time zones, each floating time given the calendar's zone, and
// a tag naming the component each object came from. What node-ical says about text is not used.

/** A master or override object from node-ical (which types overrides as a bare record). */
export type ParsedEvent = Pick<VEvent, 'start' | 'end' | 'recurrenceid'> & Record<string, unknown>;

export interface RoundTripContext {
  /** Where floating times (no Z, no TZID) are read. */
  floatingZone: string;
  /** The feed's VTIMEZONEs, which every series' TZIDs may name. */
  timezones: Component[];
  warnings: string[];
}

// node-ical keeps X- properties (without "X-"), so each parsed object can name its source component.
const TAG = 'X-SPOKANE-TECH-COMPONENT';
const TAG_KEY = TAG.slice(2);

const DATE_TIME_PROPERTIES = new Set(['DTSTART', 'DTEND', 'RECURRENCE-ID', 'EXDATE']);

/** The series as node-ical sees it, or null (with a warning) when node-ical cannot read it. */
export function parseWithNodeIcal(series: Series, context: RoundTripContext): VEvent | null {
  const text = [
    'BEGIN:VCALENDAR',
    ...context.timezones.flatMap(serialize),
    ...series.components.flatMap((c, index) => serialize(forParser(c, index, series.uid, context.floatingZone))),
    'END:VCALENDAR',
  ].join('\r\n');
  try {
    const parsed = Object.values(ical.sync.parseICS(text));
    return parsed.find((c): c is VEvent => c?.type === 'VEVENT') ?? null;
  } catch (error) {
    context.warnings.push(`${label(series.components[0]!)} could not be read (${(error as Error).message}); skipped it`);
    return null;
  }
}

/** The component of the series a node-ical object was parsed from. */
export function sourceComponent(event: ParsedEvent, series: Series): Component | undefined {
  return series.components[Number(event[TAG_KEY])];
}

function serialize(component: Component): string[] {
  return [
    `BEGIN:${component.name}`,
    ...component.properties.map(formatContentLine),
    ...component.children.flatMap(serialize),
    `END:${component.name}`,
  ];
}

/** The component with its UID set, its floating times given the calendar's zone, and tagged. */
function forParser(event: Component, index: number, uid: string, floatingZone: string): Component {
  const properties = event.properties
    .filter((p) => p.name !== 'UID')
    .map((p) => (isFloating(p) ? { ...p, params: [...p.params, `TZID=${floatingZone}`] } : p));
  return {
    ...event,
    properties: [
      { name: 'UID', params: [], value: uid },
      ...properties,
      { name: TAG, params: [], value: String(index) },
    ],
  };
}

function isFloating(property: Property): boolean {
  return (
    DATE_TIME_PROPERTIES.has(property.name) &&
    param(property, 'TZID') === undefined &&
    /^\d{8}T\d{6}(,\d{8}T\d{6})*$/.test(property.value.trim())
  );
}
