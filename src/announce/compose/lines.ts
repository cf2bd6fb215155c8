import type { DigestEvent, WeekDigest } from '../../publish/week-digest.ts';
import type { Announcement } from '../announcement.ts';

// The words of each announcement, the same on every platform; each platform only fits them to
// its own limits and markup.

/** "New", "Time changed", "Moved", "Cancelled", "This week". */
export function headline(announcement: Announcement): string {
  switch (announcement.kind) {
    case 'new':
      return 'New';
    case 'cancelled':
      return 'Cancelled';
    case 'digest':
      return 'This week';
    case 'changed':
      return announcement.what === 'place' ? 'Moved' : announcement.what === 'time' ? 'Time changed' : 'Time and place changed';
  }
}

/** The lines under the title of an event's announcement, before its link. */
export function eventDetails(announcement: Exclude<Announcement, { kind: 'digest' }>): string[] {
  const { event } = announcement;
  const lines = [event.when, `${event.groupName} · ${event.place}`];
  if (announcement.kind === 'changed') lines.push(`Was: ${announcement.was}`);
  return lines;
}

/**
 * The digest's lines, day by day (a day's short heading, then a line per event), as many as `fits`
 * allows with the "…and N more" line after them; `left` is how many events did not fit.
 */
export function digestBody(
  digest: WeekDigest,
  dayHeading: (label: string) => string,
  eventLine: (event: DigestEvent) => string,
  fits: (lines: string[]) => boolean,
): { lines: string[]; left: number } {
  const lines: string[] = [];
  let shown = 0;
  for (const day of digest.days) {
    let headed = false;
    for (const event of day.events) {
      const next = [...lines, ...(headed ? [] : [dayHeading(day.shortLabel)]), eventLine(event)];
      const left = digest.eventCount - shown - 1;
      if (!fits(left > 0 ? [...next, moreLine(left)] : next)) return { lines, left: digest.eventCount - shown };
      lines.splice(0, lines.length, ...next);
      headed = true;
      shown += 1;
    }
  }
  return { lines, left: digest.eventCount - shown };
}

export function moreLine(left: number): string {
  return `…and ${left} more`;
}

export function digestHeading(digest: WeekDigest, siteTitle: string): string {
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return `This week on ${siteTitle} (${digest.label}): ${count(digest.eventCount, 'event')} from ${count(digest.groupCount, 'group')}.`;
}
