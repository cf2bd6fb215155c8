import type { ListedEvent } from '../types.ts';
import type { UsualNight } from './usual.ts';

// Two things on at once for the same audience: two events whose times overlap, or an event
// and a night another group usually meets, by groups that share a tag. One ending as the other
// starts is no clash (people go from one to the other). Nor are two usual nights: nothing is
// booked yet, and the plan page shows both.

/** Something on at a time, for the groups that hold it and their tags. */
export type Booking = ({ kind: 'event'; event: ListedEvent } | { kind: 'usual'; night: UsualNight }) & {
  groupIds: string[];
  /** Tag keys, compared as they are. */
  tags: string[];
  /** Its span, in epoch milliseconds: the end excluded. */
  startMs: number;
  endMs: number;
};

export interface Clash {
  /** The local day it happens on: that of the later start. */
  day: string;
  /** The one that starts first (an event before a usual night that starts with it). */
  first: Booking;
  second: Booking;
  /** The tags both share. */
  tags: string[];
}

/** Every clash among the bookings, soonest first; `dayOf` gives an instant's local day. */
export function findClashes(bookings: Booking[], dayOf: (ms: number) => string): Clash[] {
  const sorted = [...bookings].sort(startFirst);
  const clashes: Clash[] = [];
  let active: Booking[] = [];
  for (const booking of sorted) {
    active = active.filter((earlier) => earlier.endMs > booking.startMs);
    for (const earlier of active) {
      if (earlier.kind === 'usual' && booking.kind === 'usual') continue;
      if (earlier.groupIds.some((id) => booking.groupIds.includes(id))) continue;
      const tags = earlier.tags.filter((tag) => booking.tags.includes(tag));
      if (tags.length > 0) clashes.push({ day: dayOf(booking.startMs), first: earlier, second: booking, tags });
    }
    active.push(booking);
  }
  return clashes;
}

function startFirst(a: Booking, b: Booking): number {
  const [idA, idB] = [idOf(a), idOf(b)];
  return a.startMs - b.startMs || (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1) || (idA < idB ? -1 : idA > idB ? 1 : 0);
}

function idOf(booking: Booking): string {
  return booking.kind === 'event' ? booking.event.id : `${booking.night.groupId} ${booking.night.day}`;
}
