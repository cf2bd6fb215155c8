import { SourceFailure } from '../../errors.ts';
import { ACCEPT } from '../../http/accept.ts';
import type { AdapterContext } from '../adapter.ts';
import { attempt } from '../attempt.ts';
import { describeBody } from '../describe-body.ts';
import { ItemsPageSchema, type ItemsPage } from './schemas.ts';

// Luma's (unofficial) JSON API: a calendar's upcoming events, a page of entries at a time. It only
// adds detail to the feed, so a failing request costs that detail, never events.

const PAGE_SIZE = 50;
const MAX_ITEM_PAGES = 10;

export interface UpcomingEntries {
  entries: unknown[];
  warnings: string[];
}

/** Every page of the calendar's upcoming events, or none and a warning when any request fails. */
export async function fetchUpcomingEntries(apiBase: string, calendarId: string, context: AdapterContext): Promise<UpcomingEntries> {
  const read = await attempt(() => fetchAllPages(apiBase, calendarId, context));
  if (!(read instanceof SourceFailure)) return read;
  return { entries: [], warnings: [`could not read event details from Luma's API (${read.message}); kept the feed's events without them`] };
}

async function fetchAllPages(apiBase: string, calendarId: string, context: AdapterContext): Promise<UpcomingEntries> {
  const entries: unknown[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_ITEM_PAGES; page += 1) {
    const body = await fetchItemsPage(itemsUrl(apiBase, calendarId, cursor), context);
    entries.push(...body.entries);
    cursor = body.has_more ? (body.next_cursor ?? null) : null;
    if (cursor === null) return { entries, warnings: [] };
  }
  return { entries, warnings: [`Luma lists more upcoming events than the ${MAX_ITEM_PAGES * PAGE_SIZE} read`] };
}

function itemsUrl(apiBase: string, calendarId: string, cursor: string | null): string {
  const query = new URLSearchParams({ calendar_api_id: calendarId, period: 'future', pagination_limit: String(PAGE_SIZE) });
  if (cursor !== null) query.set('pagination_cursor', cursor);
  return `${apiBase}/calendar/get-items?${query}`;
}

async function fetchItemsPage(url: string, context: AdapterContext): Promise<ItemsPage> {
  const response = await context.http.get(url, { accept: ACCEPT.json });
  let json: unknown;
  try {
    json = JSON.parse(response.text());
  } catch {
    throw new SourceFailure('parse', `${url} did not answer with JSON: got ${describeBody(response)}`);
  }
  const page = ItemsPageSchema.safeParse(json);
  if (!page.success) throw new SourceFailure('unexpected_content', `${url} did not answer with a list of calendar entries`);
  return page.data;
}
