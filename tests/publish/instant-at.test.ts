import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, instantAt } from '../../src/time.ts';

// A local wall-clock time as an instant, as the plan page reads every night ahead: the same as
// Temporal says it, in zones whose clocks change by an hour, by half an hour, or never, on the
// nights they change.

const ZONES = ['America/Los_Angeles', 'America/St_Johns', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
const TIMES = ['00:00', '00:30', '01:00', '01:30', '02:00', '02:15', '02:30', '03:00', '07:30', '18:00', '23:59'];

/** The first of every month of 2026, and the days either side of each change of the zone's clocks. */
function daysToTry(zone: string): string[] {
  const days = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`);
  let at: Temporal.ZonedDateTime | null = Temporal.ZonedDateTime.from({ year: 2026, month: 1, day: 1, timeZone: zone });
  while ((at = at.getTimeZoneTransition('next')) && at.year === 2026) {
    const day = at.toPlainDate().toString();
    days.push(addDays(day, -1), day, addDays(day, 1));
  }
  return days;
}

function temporal(day: string, time: string, zone: string): string {
  return Temporal.PlainDateTime.from(`${day}T${time}`).toZonedDateTime(zone, { disambiguation: 'compatible' }).toInstant().toString();
}

describe('a wall-clock time in a zone', () => {
  it('is the instant Temporal gives, the nights the clocks skip or repeat an hour included', () => {
    const differing: string[] = [];
    for (const zone of ZONES) {
      for (const day of daysToTry(zone)) {
        for (const time of TIMES) {
          const [ours, theirs] = [instantAt(day, time, zone), temporal(day, time, zone)];
          if (ours !== theirs) differing.push(`${zone} ${day}T${time}: ${ours}, Temporal ${theirs}`);
        }
      }
    }
    expect(differing).toEqual([]);
  });

  it('reads a time the clocks skip as after the change, and one they repeat as its first time', () => {
    expect(instantAt('2027-03-14', '02:30', 'America/Los_Angeles')).toBe('2027-03-14T10:30:00Z');
    expect(instantAt('2026-11-01', '01:30', 'America/Los_Angeles')).toBe('2026-11-01T08:30:00Z');
  });
});
