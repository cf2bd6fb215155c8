import ICAL from 'ical.js';
import { offsetChanges } from '../../time.ts';

// IANA time zones for ical.js. ical.js knows a zone only from a VTIMEZONE, and feeds often name an
// IANA zone without one (or with one cut down to a single year), so each zone a feed names is
// given to ical.js as a Timezone whose offsets come from the platform's own time zone data.
// ical.js asks for the offset of a wall-clock time at every step of a recurrence, so the zone's
// changes are worked out once a year and looked up, rather than asked of Temporal each time.
// The calendar feeds' VTIMEZONE (src/publish/calendar-timezone.ts) is written from the same changes.

const SECOND_MS = 1000;

interface Shift {
  /** The wall-clock time (as if UTC, in ms) from which `offset` applies. */
  from: number;
  /** Seconds east of UTC. */
  offset: number;
}

interface Year {
  /** The offset at the start of the year, before its first shift. */
  initial: number;
  shifts: Shift[];
}

class IanaTimezone extends ICAL.Timezone {
  readonly #years = new Map<number, Year>();

  constructor(zone: string) {
    super({ tzid: zone });
  }

  /**
   * Seconds east of UTC at a wall-clock time. RFC 5545 §3.3.5 reads a time that a change skips
   * with the offset before the change, and a time that occurs twice as its first occurrence:
   * either way the offset before a change holds until the later of the two wall-clock readings
   * of the change's instant.
   */
  override utcOffset(time: ICAL.Time): number {
    const local = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
    const year = this.#year(time.year);
    let offset = year.initial;
    for (const shift of year.shifts) if (shift.from <= local) offset = shift.offset;
    return offset;
  }

  #year(year: number): Year {
    let known = this.#years.get(year);
    if (known === undefined) {
      known = changesIn(this.tzid, year);
      this.#years.set(year, known);
    }
    return known;
  }
}

/** The zone's offset changes during the (UTC) year, each as the wall-clock time it takes effect. */
function changesIn(zone: string, year: number): Year {
  const { initial, changes } = offsetChanges(zone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1));
  return { initial, shifts: changes.map(({ at, before, after }) => ({ from: at + Math.max(before, after) * SECOND_MS, offset: after })) };
}

/** The ical.js zone for an IANA zone name, registered where ical.js looks TZIDs up. */
export function registerIanaZone(zone: string): void {
  if (!ICAL.TimezoneService.has(zone)) ICAL.TimezoneService.register(new IanaTimezone(zone), zone);
}
