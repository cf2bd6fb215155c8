import { addDays } from '../../time.ts';
import { indexBy } from '../../maps.ts';
import { dateLabel } from './date-labels.ts';
import type { EventView } from './event.ts';

// The home page: what is on today, the rest of this week day by day, then the weeks after.

export interface HomeView {
  /** "Thursday, November 26, 2026" */
  todayLabel: string;
  /** Happening today, including events that started earlier and still run. */
  today: EventView[];
  /** Starting in the six days after today, by day. */
  thisWeek: DayView[];
  /** Starting from a week out up to 30 days out, by day. */
  later: DayView[];
  /** Upcoming events further out than that. */
  beyondCount: number;
}

export interface DayView {
  day: string;
  label: string;
  events: EventView[];
}

const HOME_DAYS = 30;

/** `upcoming` soonest first; `today` the site's local day. */
export function homeView(upcoming: EventView[], today: string): HomeView {
  const weekEnd = addDays(today, 6);
  const laterEnd = addDays(today, HOME_DAYS);
  return {
    todayLabel: dateLabel(today),
    today: upcoming.filter((e) => e.when.day <= today),
    thisWeek: byDay(upcoming.filter((e) => e.when.day > today && e.when.day <= weekEnd)),
    later: byDay(upcoming.filter((e) => e.when.day > weekEnd && e.when.day <= laterEnd)),
    beyondCount: upcoming.filter((e) => e.when.day > laterEnd).length,
  };
}

function byDay(events: EventView[]): DayView[] {
  return [...indexBy(events, (event) => [event.when.day])].map(([day, list]) => ({ day, label: dateLabel(day), events: list }));
}
