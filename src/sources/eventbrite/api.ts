import { SourceFailure } from '../../errors.ts';
import { ACCEPT } from '../../http/accept.ts';
import type { GroupDetails, Venue } from '../../types.ts';
import type { AdapterContext, AdapterResult, Warn } from '../adapter.ts';
import { apiBaseUrl } from '../api-base-url.ts';
import { attempt } from '../attempt.ts';
import { jsonObject } from '../lenient-json.ts';
import { eventFromEventbrite, groupFromOrganizer, venueFromEventbrite } from './objects.ts';
import { EventbriteOrganizer, EventbriteVenue, EventsPage, type EventbriteEvent } from './schemas.ts';

// With a private token: Eventbrite's API v3. Unlike the organizer page it lists every upcoming
// event, a series' occurrences one by one, and cancellations (through the sales status).

const EVENTBRITE_API = 'https://www.eventbriteapi.com/v3';
const EVENTS_QUERY = 'status=live&expand=venue,logo,event_sales_status';
// 50 events a page: 1,000 upcoming events is more than any group has, and a bound stops a loop.
const MAX_EVENT_PAGES = 20;

// Printable ASCII only. undici puts a rejected header value in its error message, so a token
// with a stray line break would otherwise end up in the run log.
const TOKEN_SHAPE = /^[\x21-\x7e]+$/;

/** A JSON object the API answered with, its values not yet read. */
type ApiGet = (path: string) => Promise<Record<string, unknown>>;

export async function readOrganizerApi(organizerId: string, token: string, context: AdapterContext): Promise<AdapterResult> {
  if (!TOKEN_SHAPE.test(token)) {
    throw new SourceFailure('http', 'EVENTBRITE_TOKEN contains spaces or control characters; set it to the private token alone');
  }
  const warnings: string[] = [];
  const warn: Warn = (message) => warnings.push(message);
  const base = apiBaseUrl('EVENTBRITE_API_URL', EVENTBRITE_API);
  const get = apiGetter(base, token, context);

  const listed = await organizerEvents(get, organizerId, warn);
  const venues = await venuesById(get, listed, warn);
  const eventOptions = { pageUrl: base, defaultTimezone: context.site.timezone, warn };
  const events = listed.flatMap((event) => eventFromEventbrite(event, { ...eventOptions, venue: lookedUpVenue(event, venues) }) ?? []);
  return { events, group: await organizerGroup(get, organizerId, base, warn), warnings };
}

function apiGetter(base: string, token: string, context: AdapterContext): ApiGet {
  return async (path) => {
    const url = `${base}${path}`;
    let text: string;
    try {
      // In a header, never the URL: URLs end up in error messages and logs.
      const response = await context.http.get(url, { accept: ACCEPT.json, headers: { authorization: `Bearer ${token}` } });
      blotOut(response.body, token);
      text = response.text();
    } catch (error) {
      throw refusedTokenOr(error, url);
    }
    let body: Record<string, unknown> | null = null;
    try {
      body = jsonObject.parse(JSON.parse(text));
    } catch {
      // Reported below, like any answer that is not a JSON object.
    }
    if (body === null) throw new SourceFailure('parse', `${url} did not answer with a JSON object`);
    return body;
  };
}

/**
 * An answer that echoes the request (a debug page, a proxy's error page) would carry the token
 * into whatever keeps responses: `fetch --failures-dir` saves the one that broke an adapter, and
 * the alarm posts it in a GitHub issue. The token is overwritten in place, before anyone reads it.
 */
function blotOut(body: Buffer, token: string): void {
  const secret = Buffer.from(token);
  for (let at = body.indexOf(secret); at !== -1; at = body.indexOf(secret, at + secret.length)) {
    body.fill('*', at, at + secret.length);
  }
}

function refusedTokenOr(error: unknown, url: string): unknown {
  if (!(error instanceof SourceFailure) || (error.httpStatus !== 401 && error.httpStatus !== 403)) return error;
  return new SourceFailure(
    'http',
    `Eventbrite refused the EVENTBRITE_TOKEN (HTTP ${error.httpStatus} from ${url}); check that it is a valid private token`,
    error.httpStatus,
  );
}

async function organizerEvents(get: ApiGet, organizerId: string, warn: Warn): Promise<EventbriteEvent[]> {
  const path = `/organizers/${encodeURIComponent(organizerId)}/events/?${EVENTS_QUERY}`;
  const events: EventbriteEvent[] = [];
  let continuation = '';
  for (let page = 1; page <= MAX_EVENT_PAGES; page += 1) {
    const body = EventsPage.safeParse(await get(continuation === '' ? path : `${path}&continuation=${encodeURIComponent(continuation)}`));
    if (!body.success) {
      throw new SourceFailure('unexpected_content', `Eventbrite's API answered ${path} without an "events" list`);
    }
    events.push(...body.data.events);
    const pagination = body.data.pagination;
    if (pagination?.has_more_items !== true) return events;
    if (pagination.continuation === null) {
      warn(`Eventbrite's API says more events follow page ${page} but gave no continuation; read ${events.length}`);
      return events;
    }
    continuation = pagination.continuation;
  }
  warn(`stopped after ${MAX_EVENT_PAGES} pages of events (${events.length} events); the organizer lists more`);
  return events;
}

/** Events that name only a `venue_id` share venues: each is looked up once. */
async function venuesById(get: ApiGet, events: EventbriteEvent[], warn: Warn): Promise<Map<string, Venue | null>> {
  const ids = new Set(events.flatMap((event) => (event.venue === null && event.venue_id !== null ? [event.venue_id] : [])));
  const venues = new Map<string, Venue | null>();
  for (const id of ids) {
    const answer = await attempt(() => get(`/venues/${encodeURIComponent(id)}/`));
    if (answer instanceof SourceFailure) warn(`could not look up venue ${id}: ${answer.message}`);
    venues.set(id, answer instanceof SourceFailure ? null : venueFromEventbrite(EventbriteVenue.parse(answer)));
  }
  return venues;
}

/** The looked-up venue for an event without an inline one; undefined means "use the inline one". */
function lookedUpVenue(event: EventbriteEvent, venues: Map<string, Venue | null>): Venue | null | undefined {
  return event.venue !== null || event.venue_id === null ? undefined : (venues.get(event.venue_id) ?? null);
}

async function organizerGroup(get: ApiGet, organizerId: string, base: string, warn: Warn): Promise<GroupDetails | undefined> {
  const answer = await attempt(() => get(`/organizers/${encodeURIComponent(organizerId)}/`));
  if (answer instanceof SourceFailure) {
    warn(`could not read the organizer's details: ${answer.message}`);
    return undefined;
  }
  return groupFromOrganizer(EventbriteOrganizer.parse(answer), base);
}
