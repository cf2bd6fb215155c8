import { addDays } from '../../time.ts';
import { indexBy } from '../../maps.ts';
import { dayLabelFrom } from './date-labels.ts';
import type { EventView } from './event.ts';
import { bounded, type Bounded } from './list-pages.ts';
import { dayHeading } from './lists.ts';

// The home page, short and never empty while anything is coming: what starts today, what is
// still running from earlier days, the rest of this week day by day, then the next events after
// that however far off they are. Each part shows a bounded number of events and links to the
// whole upcoming list for the rest.

export interface HomeView {
  /** "Thursday, November 26" */
  todayLabel: string;
  /** Starting today. */
  today: Bounded<EventView>;
  /** Began on an earlier day and still running. */
  ongoing: Bounded<EventView>;
  /** Starting in the six days after today, by day. */
  thisWeek: DayView[];
  /** How many more start in those six days than thisWeek shows (at most WEEK_SHOWN). */
  thisWeekMore: number;
  /** The next events after this week, whatever their distance. */
  next: EventView[];
  /** Upcoming events after those. */
  laterCount: number;
}

export interface DayView {
  day: string;
  /** "Tomorrow · Friday, November 27", "Monday, November 30" */
  label: string;
  events: EventView[];
}

export const TODAY_SHOWN = 9;
export const ONGOING_SHOWN = 5;
export const WEEK_SHOWN = 30;
export const NEXT_SHOWN = 10;

/** `upcoming` soonest first; `today` the site's local day. */
export function homeView(upcoming: EventView[], today: string): HomeView {
  const weekEnd = addDays(today, 6);
  const startingToday = upcoming.filter((e) => !e.ongoing && e.when.day === today);
  const week = upcoming.filter((e) => e.when.day > today && e.when.day <= weekEnd);
  const after = upcoming.filter((e) => e.when.day > weekEnd);
  const next = after.slice(0, NEXT_SHOWN);
  return {
    todayLabel: dayLabelFrom(today, today.slice(0, 4)),
    today: bounded(startingToday, TODAY_SHOWN, `/upcoming/#day-${today}`),
    ongoing: bounded(
      upcoming.filter((e) => e.ongoing),
      ONGOING_SHOWN,
      '/upcoming/#ongoing',
    ),
    thisWeek: byDay(week.slice(0, WEEK_SHOWN), today),
    thisWeekMore: Math.max(0, week.length - WEEK_SHOWN),
    next,
    laterCount: after.length - next.length,
  };
}

function byDay(events: EventView[], today: string): DayView[] {
  return [...indexBy(events, (event) => [event.when.day])].map(([day, list]) => ({ day, label: dayHeading(day, today), events: list }));
}
