import { appendTo } from '../maps.ts';
import type { ListedEvent } from '../types.ts';
import { addDays, daysBetween, instantAt, localClock, localDay } from '../time.ts';
import { findClashes, type Booking, type Clash } from './clashes.ts';
import { partOfDay, recogniseSlots, type Meeting, type Slot } from './slots.ts';
import { usualNights, type Listed, type UsualNight } from './usual.ts';

// The days ahead as an organizer planning an event sees them: what each group has listed, the
// nights each usually meets (slots.ts, usual.ts), and where two of those clash (clashes.ts).
// The plan page and `spokane-tech clashes` both read this, so they never disagree.

export interface PlanGroup {
  id: string;
  /** Its tags as keys: two groups share a tag when they hold the same key. */
  tags: string[];
}

export interface PlanOptions {
  /** Every event, listings by several sources merged and corrections applied. */
  events: ListedEvent[];
  groups: PlanGroup[];
  zone: string;
  now: Date;
  /** How many local days ahead, today included. */
  days: number;
}

export interface Plan {
  /** The first and last local day planned (`YYYY-MM-DD`). */
  from: string;
  to: string;
  /** Each group's slots, for the groups that have one. */
  slots: Map<string, Slot[]>;
  /** The nights groups usually meet and have listed nothing for yet, soonest first. */
  usual: UsualNight[];
  clashes: Clash[];
}

/**
 * An all-day listing longer than this (a course, an exhibition, a call for papers) is a
 * backdrop, not a rival for the evening; a conference or a hackathon weekend clashes.
 */
export const ALL_DAY_CLASH_MAX_DAYS = 3;

export function planAhead(options: PlanOptions): Plan {
  const { events, zone, now } = options;
  const from = localDay(now.toISOString(), zone);
  const to = addDays(from, options.days - 1);
  const tagsOf = new Map(options.groups.map((g) => [g.id, g.tags]));

  const meetings = new Map<string, Meeting[]>();
  const listed = new Map<string, Listed[]>();
  for (const event of events) {
    if (event.removed) continue;
    const shown = shownAs(event, zone);
    for (const groupId of listingGroups(event)) {
      if (shown.meeting) appendTo(meetings, groupId, shown.meeting);
      for (const day of shown.listed) appendTo(listed, groupId, day);
    }
  }

  const slots = new Map<string, Slot[]>();
  const usual: UsualNight[] = [];
  for (const group of options.groups) {
    const found = recogniseSlots(meetings.get(group.id) ?? [], from);
    if (found.length === 0) continue;
    slots.set(group.id, found);
    usual.push(...usualNights(group.id, found, listed.get(group.id) ?? [], from, to, zone));
  }
  usual.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

  const window = { startMs: now.getTime(), endMs: Date.parse(instantAt(addDays(to, 1), '00:00', zone)) };
  const tagsOfGroups = (ids: string[]) => [...new Set(ids.flatMap((id) => tagsOf.get(id) ?? []))];
  const bookings: Booking[] = [
    ...events.flatMap((event) => eventBooking(event, zone, tagsOfGroups(listingGroups(event))) ?? []),
    ...usual.map((night): Booking => ({ kind: 'usual', night, groupIds: [night.groupId], tags: tagsOfGroups([night.groupId]), startMs: Date.parse(night.start), endMs: Date.parse(night.end) })),
  ].filter((b) => b.startMs < window.endMs && b.endMs > window.startMs);
  const clashes = findClashes(bookings, (ms) => localDay(new Date(ms).toISOString(), zone));
  return { from, to, slots, usual, clashes };
}

/** The groups that list an event: its own, then those whose sources list it too. */
export function listingGroups(event: ListedEvent): string[] {
  return [...new Set([event.groupId, ...event.alsoListedOn.map((listing) => listing.groupId)])];
}

/** An event that goes ahead as a booking; null when it does not (cancelled, postponed, gone) or is a long all-day listing. */
function eventBooking(event: ListedEvent, zone: string, tags: string[]): Booking | null {
  if (event.removed || event.status !== 'scheduled') return null;
  if (!event.allDay) return { kind: 'event', event, groupIds: listingGroups(event), tags, startMs: Date.parse(event.start), endMs: Date.parse(event.end) };
  if (daysBetween(event.start, event.end) > ALL_DAY_CLASH_MAX_DAYS) return null;
  const [startMs, endMs] = [event.start, event.end].map((day) => Date.parse(instantAt(day, '00:00', zone))) as [number, number];
  return { kind: 'event', event, groupIds: listingGroups(event), tags, startMs, endMs };
}

/** What an event tells of its groups' habits: a meeting when it is timed, and the days it was listed on. */
function shownAs(event: ListedEvent, zone: string): { meeting: Meeting | null; listed: Listed[] } {
  if (event.allDay) {
    const days = Math.min(Math.max(1, daysBetween(event.start, event.end)), 62);
    return { meeting: null, listed: Array.from({ length: days }, (_, i) => ({ day: addDays(event.start, i), part: 'all day' as const })) };
  }
  const { day, time } = localClock(event.start, zone);
  const minutes = Math.max(0, Math.round((Date.parse(event.end) - Date.parse(event.start)) / 60_000));
  return { meeting: { day, time, minutes }, listed: [{ day, part: partOfDay(time) }] };
}
