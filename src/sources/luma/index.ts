import type { Adapter } from '../adapter.ts';
import { fetchICalendar } from '../ical/fetch-feed.ts';
import { fetchUpcomingEntries } from './api.ts';
import { enrichWithLumaItems } from './enrich.ts';
import { parseLumaFeed } from './feed.ts';
import { lumaGroupDetails } from './group-details.ts';
import { readLumaItems } from './items.ts';
import { locateCalendar } from './locate-calendar.ts';

// A Luma calendar has two public faces. Its iCal feed lists every event, past ones too, but says
// little (feed.ts). Its (unofficial) JSON API describes upcoming events fully (api.ts, items.ts).
// The feed is the source of truth; the JSON only adds detail (enrich.ts), so a failing JSON
// request costs detail, never events.

/** Source type `luma`: a Luma calendar page (`https://lu.ma/<slug>`) or its iCal feed URL. */
export const lumaAdapter: Adapter = async (source, context) => {
  const calendar = await locateCalendar(source.url, context);
  const [feed, upcoming] = await Promise.all([
    fetchICalendar(calendar.feedUrl, context),
    calendar.id === null ? { entries: [], warnings: [] } : fetchUpcomingEntries(calendar.apiBase, calendar.id, context),
  ]);
  const parsed = parseLumaFeed(feed.body, { now: context.now, defaultTimezone: context.site.timezone });
  const items = readLumaItems(upcoming.entries);
  const about = calendar.about ?? items.items.find((item) => item.calendar?.api_id === calendar.id)?.calendar ?? null;
  return {
    events: enrichWithLumaItems(parsed.events, items.items),
    group: lumaGroupDetails(parsed.calendarName, about, calendar.pageUrl),
    warnings: [...parsed.warnings, ...upcoming.warnings, ...items.warnings],
  };
};
