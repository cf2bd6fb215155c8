import { SourceFailure } from '../../errors.ts';
import { ACCEPT } from '../../http/accept.ts';
import type { AdapterContext } from '../adapter.ts';
import { apiBaseUrl } from '../api-base-url.ts';
import { describeBody } from '../describe-body.ts';
import { nextData } from '../html-scripts.ts';
import { CALENDAR_ID, LumaCalendarSchema, type LumaCalendar } from './schemas.ts';

// Where a source's Luma calendar is: the feed URL it names, or the calendar its page shows.

const LUMA_API = 'https://api.lu.ma';
const FEED_LINK = /\/ics\/get\?[^"'\s<>]*\bid=(cal-[A-Za-z0-9]+)/;
const ANY_CALENDAR_ID = /"api_id"\s*:\s*"(cal-[A-Za-z0-9]+)"/;

export interface LocatedCalendar {
  feedUrl: string;
  /** `cal-…`, or null for a feed URL that names no calendar (nothing to ask the API about). */
  id: string | null;
  apiBase: string;
  /** The calendar page the source names, when it names one. */
  pageUrl: string | null;
  /** What the calendar page says about the calendar. */
  about: LumaCalendar | null;
}

export async function locateCalendar(url: string, context: AdapterContext): Promise<LocatedCalendar> {
  if (isLumaFeedUrl(url)) {
    const id = new URL(url).searchParams.get('id') ?? '';
    // The host that serves a calendar's feed (api.lu.ma, api2.luma.com, a test server) serves its
    // JSON API too.
    const apiBase = apiBaseUrl('LUMA_API_URL', new URL(url).origin);
    return { feedUrl: url, id: CALENDAR_ID.test(id) ? id : null, apiBase, pageUrl: null, about: null };
  }
  const page = await context.http.get(url, { accept: ACCEPT.html });
  const found = findLumaCalendar(page.text());
  if (found === null) {
    throw new SourceFailure('unexpected_content', `${url} names no Luma calendar (no cal-… id in it): got ${describeBody(page)}`);
  }
  const apiBase = apiBaseUrl('LUMA_API_URL', LUMA_API);
  const query = new URLSearchParams({ entity: 'calendar', id: found.id });
  return { feedUrl: `${apiBase}/ics/get?${query}`, id: found.id, apiBase, pageUrl: url, about: found.calendar };
}

/** True for a Luma iCal feed URL (`…/ics/get?entity=calendar&id=cal-…`) on any host. */
function isLumaFeedUrl(url: string): boolean {
  return new URL(url).pathname.replace(/\/+$/, '').endsWith('/ics/get');
}

/**
 * The calendar a Luma page shows: its `__NEXT_DATA__` calendar object, else any calendar id in
 * the page or in a link to its feed. Null when the page names no calendar.
 */
export function findLumaCalendar(html: string): { id: string; calendar: LumaCalendar | null } | null {
  const calendar = calendarInNextData(nextData(html));
  if (calendar !== null) return { id: calendar.api_id, calendar };
  const id = ANY_CALENDAR_ID.exec(html)?.[1] ?? FEED_LINK.exec(html)?.[1];
  return id === undefined ? null : { id, calendar: null };
}

/** The first `calendar` object breadth-first: the page's own, before those of listed events. */
function calendarInNextData(data: unknown): LumaCalendar | null {
  const queue: unknown[] = [data];
  for (let i = 0; i < queue.length; i += 1) {
    const value = queue[i];
    if (typeof value !== 'object' || value === null) continue;
    if ('calendar' in value) {
      const calendar = LumaCalendarSchema.safeParse(value.calendar);
      if (calendar.success) return calendar.data;
    }
    queue.push(...Object.values(value));
  }
  return null;
}
