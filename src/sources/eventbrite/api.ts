import { SourceFailure } from '../../errors.ts';
import type { GroupDetails, Venue } from '../../types.ts';
import type { AdapterResult } from '../adapter.ts';
import type { AdapterContext } from '../adapter.ts';
import {
  eventFromEventbrite,
  groupFromOrganizer,
  isObject,
  objectOf,
  textOf,
  venueFromEventbrite,
  type JsonObject,
  type Warn,
} from './objects.ts';

// With a private token: Eventbrite's API v3. Unlike the organizer page it lists every upcoming
// event, a series' occurrences one by one, and cancellations (through the sales status).

const DEFAULT_API_URL = 'https://www.eventbriteapi.com/v3';
const EVENTS_QUERY = 'status=live&expand=venue,logo,event_sales_status';
const JSON_ACCEPT = 'application/json';
// 50 events a page: 1,000 upcoming events is more than any group has, and a bound stops a loop.
const MAX_PAGES = 20;

// Printable ASCII only. undici puts a rejected header value in its error message, so a token
// with a stray line break would otherwise end up in the run log.
const TOKEN_SHAPE = /^[\x21-\x7e]+$/;

type ApiGet = (path: string) => Promise<JsonObject>;

export async function readOrganizerApi(organizerId: string, token: string, context: AdapterContext): Promise<AdapterResult> {
  if (!TOKEN_SHAPE.test(token)) {
    throw new SourceFailure('http', 'EVENTBRITE_TOKEN contains spaces or control characters; set it to the private token alone');
  }
  const warnings: string[] = [];
  const warn: Warn = (message) => warnings.push(message);
  const base = apiBaseUrl();
  const get = apiGetter(base, token, context);

  const raws = await organizerEvents(get, organizerId, warn);
  const venues = await venuesById(get, raws, warn);
  const eventOptions = { pageUrl: base, defaultTimezone: context.site.timezone, warn };
  const events = raws.flatMap((raw) => eventFromEventbrite(raw, { ...eventOptions, venue: lookedUpVenue(raw, venues) }) ?? []);
  return { events, group: await organizerGroup(get, organizerId, base, warn), warnings };
}

/** Read at call time, so that tests (and mirrors) can point it at their own server; empty means unset. */
function apiBaseUrl(): string {
  return (process.env.EVENTBRITE_API_URL?.trim() || DEFAULT_API_URL).replace(/\/+$/, '');
}

function apiGetter(base: string, token: string, context: AdapterContext): ApiGet {
  return async (path) => {
    const url = `${base}${path}`;
    let text: string;
    try {
      // In a header, never the URL: URLs end up in error messages and logs.
      const response = await context.http.get(url, { accept: JSON_ACCEPT, headers: { authorization: `Bearer ${token}` } });
      blotOut(response.body, token);
      text = response.text();
    } catch (error) {
      throw refusedTokenOr(error, url);
    }
    try {
      const body: unknown = JSON.parse(text);
      if (isObject(body)) return body;
    } catch {
      // Reported below, like any answer that is not a JSON object.
    }
    throw new SourceFailure('parse', `${url} did not answer with a JSON object`);
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

async function organizerEvents(get: ApiGet, organizerId: string, warn: Warn): Promise<JsonObject[]> {
  const path = `/organizers/${encodeURIComponent(organizerId)}/events/?${EVENTS_QUERY}`;
  const events: JsonObject[] = [];
  let continuation = '';
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const body = await get(continuation === '' ? path : `${path}&continuation=${encodeURIComponent(continuation)}`);
    if (!Array.isArray(body.events)) {
      throw new SourceFailure('unexpected_content', `Eventbrite's API answered ${path} without an "events" list`);
    }
    events.push(...body.events.filter(isObject));
    const pagination = objectOf(body.pagination);
    if (pagination?.has_more_items !== true) return events;
    const next = textOf(pagination.continuation);
    if (next === null) {
      warn(`Eventbrite's API says more events follow page ${page} but gave no continuation; read ${events.length}`);
      return events;
    }
    continuation = next;
  }
  warn(`stopped after ${MAX_PAGES} pages of events (${events.length} events); the organizer lists more`);
  return events;
}

/** Events that name only a `venue_id` share venues: each is looked up once. */
async function venuesById(get: ApiGet, raws: JsonObject[], warn: Warn): Promise<Map<string, Venue | null>> {
  const ids = new Set(raws.filter((raw) => !isObject(raw.venue)).flatMap((raw) => textOf(raw.venue_id) ?? []));
  const venues = new Map<string, Venue | null>();
  for (const id of ids) {
    try {
      venues.set(id, venueFromEventbrite(await get(`/venues/${encodeURIComponent(id)}/`)));
    } catch (error) {
      if (!(error instanceof SourceFailure)) throw error;
      warn(`could not look up venue ${id}: ${error.message}`);
      venues.set(id, null);
    }
  }
  return venues;
}

/** The looked-up venue for an event without an inline one; undefined means "use the inline one". */
function lookedUpVenue(raw: JsonObject, venues: Map<string, Venue | null>): Venue | null | undefined {
  const id = textOf(raw.venue_id);
  return isObject(raw.venue) || id === null ? undefined : (venues.get(id) ?? null);
}

async function organizerGroup(get: ApiGet, organizerId: string, base: string, warn: Warn): Promise<GroupDetails | undefined> {
  try {
    return groupFromOrganizer(await get(`/organizers/${encodeURIComponent(organizerId)}/`), base);
  } catch (error) {
    if (!(error instanceof SourceFailure)) throw error;
    warn(`could not read the organizer's details: ${error.message}`);
    return undefined;
  }
}
