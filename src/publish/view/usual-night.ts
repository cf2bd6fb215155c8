import { daysBetween } from '../../time.ts';
import type { EventView } from './event.ts';

// When a group usually meets, in one line for its page ("Usually meets on the second Tuesday of
// the month, 6:00 PM"), worked out from its recent and coming events. Said only when most of
// them agree; a group that meets on any day gets no line rather than a wrong one.

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
/** Events looked at: the last six months and the next three. */
const DAYS_BACK = 183;
const DAYS_AHEAD = 92;
const FEWEST = 3;
/** The share of those events that must agree on the weekday, on the time, or on the week of the month. */
const MOST = 0.6;

/** `events`: the group's upcoming and past events; `today`: the site's local day. */
export function usualNight(events: EventView[], today: string): string | null {
  const recent = events.filter((e) => {
    if (e.allDay || e.status === 'cancelled') return false;
    const days = daysBetween(today, e.when.day);
    return days >= -DAYS_BACK && days <= DAYS_AHEAD;
  });
  if (recent.length < FEWEST) return null;
  const weekday = mostCommon(recent.map((e) => new Date(`${e.when.day}T12:00:00Z`).getUTCDay()));
  if (weekday.count < recent.length * MOST) return null;

  const onThatDay = recent.filter((e) => new Date(`${e.when.day}T12:00:00Z`).getUTCDay() === weekday.value);
  const week = mostCommon(onThatDay.map((e) => Math.ceil(Number(e.when.day.slice(8)) / 7)));
  const months = new Set(onThatDay.map((e) => e.when.day.slice(0, 7)));
  // Once a month on the same week of it, over several months: "the second Tuesday of the month".
  const monthly = months.size >= FEWEST && months.size === onThatDay.length && week.count >= onThatDay.length * MOST;
  const day = monthly ? `the ${ORDINALS[week.value - 1]} ${WEEKDAYS[weekday.value]} of the month` : `${WEEKDAYS[weekday.value]}s`;
  const time = mostCommon(onThatDay.map((e) => e.when.startTimeLabel));
  return `Usually meets on ${day}${time.count >= onThatDay.length * MOST ? `, ${time.value}` : ''}`;
}

function mostCommon<T>(values: T[]): { value: T; count: number } {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: { value: T; count: number } = { value: values[0] as T, count: 0 };
  for (const [value, n] of counts) if (n > best.count) best = { value, count: n };
  return best;
}
