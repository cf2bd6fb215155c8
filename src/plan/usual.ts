import { addMinutes, instantAt } from '../time.ts';
import { daysOf, periodOf } from './rules.ts';
import type { PartOfDay, Slot } from './slots.ts';

// The nights a group usually meets and has listed nothing for yet: its slots, projected ahead.

export interface UsualNight {
  groupId: string;
  slot: Slot;
  /** Local day, `YYYY-MM-DD`. */
  day: string;
  /** When it usually starts and ends, as UTC instants. */
  start: string;
  end: string;
}

/** What a group has listed already: the local days of its events, with the part of the day of the timed ones. */
export type Listed = { day: string; part: PartOfDay } | { day: string; part: 'all day' };

/**
 * A slot's days from `from` to `to` (local days, both included), except where the group has
 * listed that meeting already: an event in the same part of the day in the slot's period (its
 * month, or its week), or an all-day event on the day itself.
 */
export function usualNights(groupId: string, slots: Slot[], listed: Listed[], from: string, to: string, zone: string): UsualNight[] {
  const allDay = new Set(listed.filter((l) => l.part === 'all day').map((l) => l.day));
  const nights = slots.flatMap((slot) => {
    const met = new Set(listed.filter((l) => l.part === slot.part).map((l) => periodOf(slot.rule, l.day)));
    return daysOf(slot.rule, from, to)
      .filter((day) => !allDay.has(day) && !met.has(periodOf(slot.rule, day)))
      .map((day) => {
        const start = instantAt(day, slot.time, zone);
        return { groupId, slot, day, start, end: addMinutes(start, slot.minutes) };
      });
  });
  return nights.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}
