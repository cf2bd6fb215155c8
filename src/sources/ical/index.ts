import type { Adapter } from '../adapter.ts';
import { fetchICalendar } from './fetch-feed.ts';
import { parseICalendar } from './parse-calendar.ts';

/** Source type `ical`: any iCalendar feed (Google Calendar, Meetup's and Luma's .ics, …). */
export const icalAdapter: Adapter = async (source, context) => {
  const response = await fetchICalendar(source.url, context);
  const { events, calendarName, warnings } = parseICalendar(response.body, {
    now: context.now,
    defaultTimezone: context.site.timezone,
  });
  return { events, group: calendarName ? { name: calendarName } : undefined, warnings };
};
