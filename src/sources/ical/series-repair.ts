import { ianaZone } from '../../time-reading.ts';
import { param, type Property } from './content-lines.ts';
import { label, type Component } from './components.ts';
import { isDate, isDateOrDateTime, isDuration, isPeriod, isUtc } from './date-values.ts';
import { isRefused, readRule } from './rules.ts';
import { registerIanaZone } from './zones.ts';

// Each event of a series as ical.js should read it. ical.js reads what RFC 5545 says and no more:
// it throws on a date it cannot read, reads a floating time as UTC, a TZID it has no VTIMEZONE
// for as UTC, and a rule part given twice as its last. So before it sees an event, every date
// value is checked (an unreadable one is dropped with a warning, an 8-digit one marked a DATE),
// every time is given a zone ical.js knows (floating times the calendar's; see zones.ts), every
// rule is checked (rules.ts), and hostile lists are cut to size.

/** Dates the RDATEs (and, apart, the EXDATEs) of one event may list: ical.js sorts them by insertion, in quadratic time. */
export const MAX_LISTED_DATES = 1_000;
/** RRULE lines one event may have (RFC 5545 deprecates more than one; ical.js steps them all at each step). */
const MAX_RULES = 10;

const DATE_PROPERTIES = new Set(['DTSTART', 'DTEND', 'RECURRENCE-ID', 'EXDATE', 'RDATE']);
const DATE_LISTS = new Set(['EXDATE', 'RDATE']);

export interface RepairContext {
  /** The zone for floating times: the calendar's X-WR-TIMEZONE, else the site's. */
  floatingZone: string;
  /** TZIDs of the feed's VTIMEZONEs that name no IANA zone (Outlook's "Pacific Standard Time"). */
  definedZones: Set<string>;
  /** TZIDs already warned about, so that each is warned about once per feed. */
  unknownZones: Set<string>;
  warnings: string[];
}

export interface RepairedEvent {
  component: Component;
  /** Why the event's rule is refused outright (it repeats every second), or null. */
  refusal: string | null;
}

export function repairEvent(event: Component, context: RepairContext): RepairedEvent {
  const warn = (what: string) => context.warnings.push(`${label(event)} ${what}`);
  const rules = usableRules(event, warn);
  // How many more dates each of RDATE and EXDATE may list; -1 once the limit was said.
  const room = new Map<string, number>();
  const properties = event.properties.flatMap((property): Property[] => {
    if (property.name === 'RRULE') return [];
    if (property.name === 'DURATION' && !isDuration(property.value.trim())) {
      warn(`has a DURATION that is not a duration ("${property.value.slice(0, 40)}"); ignored it`);
      return [];
    }
    if (!DATE_PROPERTIES.has(property.name)) return [property];
    const left = room.get(property.name) ?? MAX_LISTED_DATES;
    const { repaired, readable } = repairedDates(property, left, context, warn);
    room.set(property.name, readable > left ? -1 : left - readable);
    return repaired === null ? [] : [repaired];
  });
  return { component: { ...event, properties: [...properties, ...rules.kept] }, refusal: rules.refusal };
}

/**
 * The RRULEs ical.js may expand. An invalid or ambiguous rule is left out with a warning; when it
 * was the event's only way to repeat, the event is listed once, at its DTSTART, as calendar
 * applications do.
 */
function usableRules(event: Component, warn: (what: string) => void): { kept: Property[]; refusal: string | null } {
  const written = event.properties.filter((p) => p.name === 'RRULE');
  if (written.length > MAX_RULES) warn(`has ${written.length} RRULE lines; read the first ${MAX_RULES}`);
  const kept: Property[] = [];
  const unusable: string[] = [];
  for (const property of written.slice(0, MAX_RULES)) {
    const { rule, problem, repeated } = readRule(property.value);
    const shown = property.value.trim() === '' ? '(an empty RRULE)' : `(RRULE ${property.value.trim().slice(0, 80)})`;
    if (problem !== null && isRefused(rule)) return { kept: [], refusal: `${problem} ${shown}` };
    if (repeated.length > 0 && problem === null) warn(`gives ${repeated.join(', ')} twice, with the same value ${shown}; read it once`);
    if (problem === null) kept.push({ ...property, value: rule });
    else unusable.push(`${problem} ${shown}`);
  }
  const repeats = kept.length > 0 || event.properties.some((p) => p.name === 'RDATE');
  for (const problem of unusable) warn(`${problem}; ${repeats ? 'ignored that rule' : 'listed it once, at its DTSTART'}`);
  return { kept, refusal: null };
}

/**
 * A date property with only its readable values (at most `room` of them), typed and zoned as
 * ical.js needs; null if none is left.
 */
function repairedDates(property: Property, room: number, context: RepairContext, warn: (what: string) => void): { repaired: Property | null; readable: number } {
  const isPeriodList = property.name === 'RDATE' && param(property, 'VALUE')?.toUpperCase() === 'PERIOD';
  const written = DATE_LISTS.has(property.name) ? property.value.split(',') : [property.value];
  const readable = written.map((v) => v.trim()).filter((v) => (isPeriodList ? isPeriod(v) : isDateOrDateTime(v)));
  if (readable.length < written.length) warn(`has a ${property.name} that is not a date ("${property.value.slice(0, 40)}"); ignored it`);
  // One list holds one type of value: the type of its first readable one.
  const values = readable.filter((v) => isPeriodList || isDate(v) === isDate(readable[0]!)).slice(0, Math.max(0, room));
  // Said once: by the list that reaches the limit (room is -1 after it).
  if (readable.length > room && room >= 0) warn(`lists more than ${MAX_LISTED_DATES} dates in its ${property.name}s; read the first ${MAX_LISTED_DATES}`);
  if (values.length === 0) return { repaired: null, readable: readable.length };

  const first = values[0]!.split('/')[0]!;
  const others = property.params.filter((p) => !/^(?:VALUE|TZID)=/i.test(p));
  const type = isPeriodList ? ['VALUE=PERIOD'] : isDate(first) ? ['VALUE=DATE'] : [];
  const zone = isDate(first) || isUtc(first) ? [] : [`TZID=${zoneOf(property, context)}`];
  return { repaired: { name: property.name, params: [...others, ...type, ...zone], value: values.join(',') }, readable: readable.length };
}

/**
 * The zone a local time is read in: the IANA zone its TZID names (also inside a path, as in
 * `/mozilla.org/20070129_1/America/New_York`), a zone one of the feed's VTIMEZONEs defines, or,
 * for a floating time or a TZID nothing defines, the calendar's zone.
 */
function zoneOf(property: Property, context: RepairContext): string {
  const tzid = param(property, 'TZID')?.replace(/^"(.*)"$/, '$1').trim();
  if (tzid === undefined || tzid === '') return iana(context.floatingZone);
  const zone = ianaZone(tzid) ?? ianaZone(/[A-Za-z_]+\/[A-Za-z_+\-0-9]+(?:\/[A-Za-z_+\-0-9]+)?$/.exec(tzid)?.[0]);
  if (zone !== null) return iana(zone);
  if (context.definedZones.has(tzid) && !/[;:,"]/.test(tzid)) return tzid;
  if (!context.unknownZones.has(tzid)) {
    context.unknownZones.add(tzid);
    context.warnings.push(`TZID "${tzid.slice(0, 60)}" names no time zone the feed defines; read its times in ${context.floatingZone}`);
  }
  return iana(context.floatingZone);
}

function iana(zone: string): string {
  registerIanaZone(zone);
  return zone;
}
