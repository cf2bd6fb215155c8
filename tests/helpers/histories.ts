import { addDays, addMinutes, instantAt, isoWeekday } from '../../src/time.ts';
import type { Meeting } from '../../src/plan/slots.ts';
import type { ListedEvent } from '../../src/types.ts';
import { listedEvent, ZONE } from './builders.ts';

// Groups' histories for the plan's tests: the days a rule falls on, and events on them.

/** Every `step` days from the first `weekday` (1 Monday … 7 Sunday) on or after `from`, to `to`. */
export function everyWeek(weekday: number, from: string, to: string, step = 7): string[] {
  const days: string[] = [];
  for (let day = addDays(from, (weekday - isoWeekday(from) + 7) % 7); day <= to; day = addDays(day, step)) days.push(day);
  return days;
}

/** The `n`th `weekday` (or the last, n = -1) of each month from `from` to `to` (`YYYY-MM`, both included). */
export function monthly(weekday: number, n: number, from: string, to: string): string[] {
  const days: string[] = [];
  for (let month = from; month <= to; month = nextMonth(month)) {
    const all = everyWeek(weekday, `${month}-01`, addDays(`${nextMonth(month)}-01`, -1));
    days.push(n === -1 ? all.at(-1)! : all[n - 1]!);
  }
  return days;
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** Meetings on these days at a local time, two hours long. */
export function meetingsOn(days: string[], time = '18:00', minutes = 120): Meeting[] {
  return days.map((day) => ({ day, time, minutes }));
}

/** A group's events on these local days at a local wall-clock time, two hours long. */
export function eventsOn(groupId: string, days: string[], time = '18:00', overrides: Partial<ListedEvent> = {}): ListedEvent[] {
  return days.map((day) => {
    const start = instantAt(day, time, ZONE);
    return listedEvent({ id: `${groupId}-${day}-${time}`, groupId, title: `${groupId} on ${day}`, start, end: addMinutes(start, 120), url: null, ...overrides });
  });
}
