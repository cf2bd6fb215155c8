import { compareText } from '../order.ts';
import type { EventView } from './event.ts';

// Which events the lists show, in which order.

/** Soonest first by local day, all-day events before the timed ones of their day, then by time. */
export function soonestFirst(events: EventView[]): EventView[] {
  // Each key worked out once, not at every comparison.
  const keyed = events.map((event) => ({ event, key: `${event.when.day} ${event.allDay ? '0' : `1 ${new Date(event.start).toISOString()}`}` }));
  return keyed.sort((a, b) => compareText(a.key, b.key) || compareText(a.event.id, b.event.id)).map((k) => k.event);
}

/**
 * Past events worth keeping in the archive: ended, still listed by their source, and not
 * cancelled (a cancelled event stays visible, marked, only until it is past). Newest first.
 */
export function pastEvents(events: EventView[]): EventView[] {
  return events
    .filter((e) => e.ended && !e.removed && e.status !== 'cancelled')
    .sort((a, b) => compareText(b.start, a.start) || compareText(a.id, b.id));
}

/** Newest first by when we first saw them: the Atom feed's entries. */
export function newlyAnnounced(upcoming: EventView[], most: number): EventView[] {
  return [...upcoming].sort((a, b) => compareText(b.firstSeen, a.firstSeen) || compareText(a.id, b.id)).slice(0, most);
}
