import { dateTimeFormat, offsetChanges, partsOf } from '../time.ts';

// A VTIMEZONE (RFC 5545 §3.6.5) for an IANA zone, over a span of years, from the platform's own
// time zone data. Every feed carries one for the site's zone: a calendar must hold at least one
// component, so a group or tag with no events still gets a valid calendar, and any time written
// with that TZID has its definition beside it.

interface Observance {
  kind: 'STANDARD' | 'DAYLIGHT';
  /** Seconds east of UTC, before and after. */
  from: number;
  to: number;
  name: string | null;
  /** Wall-clock start, `YYYYMMDDTHHMMSS`, in the offset before the change (RFC 5545). */
  start: string;
}

const written = new Map<string, string[]>();

/** The VTIMEZONE lines for `zone` from January 1 of `fromYear` to the end of `toYear`, unfolded. */
export function vtimezoneLines(zone: string, fromYear: number, toYear: number): string[] {
  const key = `${zone} ${fromYear} ${toYear}`;
  let lines = written.get(key);
  if (lines === undefined) {
    lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...observances(zone, fromYear, toYear).flatMap(observanceLines), 'END:VTIMEZONE'];
    written.set(key, lines);
  }
  return lines;
}

/**
 * The offset in force at the start of the span, then each change within it, one observance
 * each: the one form every reader understands (ical.js, for one, ignores an observance's DTSTART
 * when it has RDATEs, and reads one date of each RDATE line).
 */
function observances(zone: string, fromYear: number, toYear: number): Observance[] {
  const from = Date.UTC(fromYear, 0, 1);
  const { initial, changes } = offsetChanges(zone, from, Date.UTC(toYear + 1, 0, 1));
  return [
    { kind: 'STANDARD', from: initial, to: initial, name: abbreviation(zone, from), start: wallClock(from, initial) },
    // No zone data says which offset is "daylight"; the later of the two clocks is.
    ...changes.map(({ at, before, after }): Observance => ({ kind: after > before ? 'DAYLIGHT' : 'STANDARD', from: before, to: after, name: abbreviation(zone, at), start: wallClock(at, before) })),
  ];
}

function observanceLines(observance: Observance): string[] {
  return [
    `BEGIN:${observance.kind}`,
    `DTSTART:${observance.start}`,
    `TZOFFSETFROM:${utcOffset(observance.from)}`,
    `TZOFFSETTO:${utcOffset(observance.to)}`,
    ...(observance.name === null ? [] : [`TZNAME:${observance.name}`]),
    `END:${observance.kind}`,
  ];
}

const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');

/** `+0530`, `-0800`; seconds when the offset has them (historic zones). */
function utcOffset(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const rest = abs % 60 === 0 ? '' : pad(abs % 60);
  return `${sign}${pad(abs / 3600)}${pad((abs % 3600) / 60)}${rest}`;
}

/** The wall-clock time of an instant in a fixed offset, as iCalendar writes a local time. */
function wallClock(epochMs: number, offset: number): string {
  return new Date(epochMs + offset * 1000).toISOString().replace(/[-:]/g, '').slice(0, 15);
}

/** "PST", "CEST": the zone's short name then, unless the platform only knows it as an offset ("GMT+2"). */
function abbreviation(zone: string, epochMs: number): string | null {
  const name = partsOf(dateTimeFormat(zone, { timeZoneName: 'short' }), new Date(epochMs)).timeZoneName;
  return name === undefined || /^(?:GMT|UTC)[+-]/.test(name) ? null : name;
}
