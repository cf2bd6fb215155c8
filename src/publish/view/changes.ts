import type { ChangeField, EventChange } from '../../types.ts';
import { dateLabel, localParts } from './date-labels.ts';
import { timeRangeLabel } from './event-times.ts';

// What changed upstream after an event was first listed, in words: badges for the changes of the
// last week ("Time changed", "Moved"), and on its page every change with what it was before.

/** An event's `changed`. */
export interface ChangeNotes {
  /** "Time changed", "Moved", "Renamed": changes upstream in the last week, for badges. */
  badges: string[];
  /** Every change upstream, newest first. */
  entries: ChangeEntry[];
}

export interface ChangeEntry {
  /** When we saw the change, an instant. */
  at: string;
  /** The local day of `at`: "Tuesday, November 24, 2026". */
  dayLabel: string;
  /** "Time changed", "Place changed, Renamed" */
  what: string;
  /** "Wednesday, December 2, 2026, 6:00 PM – 8:00 PM PST; The Hive", or "" */
  was: string;
}

const RECENT_CHANGE_MS = 7 * 24 * 3600 * 1000;

const CHANGE_WORDS: Record<ChangeField, string> = {
  time: 'Time changed',
  place: 'Place changed',
  title: 'Renamed',
  status: 'Status changed',
};

/** `changes` oldest first, as the store keeps them; times in the site's `zone`. */
export function changeNotes(changes: EventChange[], now: Date, zone: string): ChangeNotes {
  return {
    badges: recentChangeBadges(changes, now),
    entries: changes.map((change) => describeChange(change, zone)).reverse(),
  };
}

function recentChangeBadges(changes: EventChange[], now: Date): string[] {
  const recent = changes.filter((c) => now.getTime() - Date.parse(c.at) <= RECENT_CHANGE_MS);
  const fields = new Set(recent.flatMap((c) => c.fields));
  return [fields.has('time') && 'Time changed', fields.has('place') && 'Moved', fields.has('title') && 'Renamed'].filter(
    (badge): badge is string => typeof badge === 'string',
  );
}

function describeChange(change: EventChange, zone: string): ChangeEntry {
  const was: string[] = [];
  const previous = change.previous;
  if (change.fields.includes('time') && previous.start && previous.end !== undefined) {
    const before = { allDay: previous.allDay ?? false, start: previous.start, end: previous.end };
    const beforeDay = before.allDay ? before.start : localParts(before.start, zone).day;
    was.push(`${dateLabel(beforeDay)}, ${timeRangeLabel(before, zone)}`);
  }
  if (change.fields.includes('place')) was.push(previous.venue?.name ?? previous.venue?.address ?? (previous.attendance === 'online' ? 'online' : 'no venue given'));
  if (change.fields.includes('title') && previous.title) was.push(`“${previous.title}”`);
  if (change.fields.includes('status') && previous.status) was.push(previous.status);
  return {
    at: change.at,
    dayLabel: dateLabel(localParts(change.at, zone).day),
    what: change.fields.map((f) => CHANGE_WORDS[f]).join(', '),
    was: was.join('; '),
  };
}
