import { SourceFailure } from '../../errors.ts';
import { utcInstant } from '../../time.ts';
import type { EventStatus, SourceEvent } from '../../types.ts';
import type { AdapterResult } from '../adapter.ts';
import type { AdapterContext } from '../adapter.ts';
import {
  eventFromEventbrite,
  groupFromOrganizer,
  isObject,
  objectOf,
  seriesSafeTimes,
  textOf,
  trailingIdOf,
  type JsonObject,
  type Warn,
} from './objects.ts';
import { extractJsonLd, findEventNodes } from '../jsonld/extract.ts';
import { eventFromSchemaOrg } from '../jsonld/schema-org-event.ts';

// Without an API token: the organizer's public page. Its `window.__SERVER_DATA__` script holds
// Eventbrite's own event objects (ids, UTC times, zones, venues); its JSON-LD lists the same
// events less precisely and is the fallback. Each upcoming event's own page then adds what the
// listing lacks (the description, hybrid attendance, a cancellation).

const HTML_ACCEPT = 'text/html,application/xhtml+xml';

const SERVER_DATA_ASSIGNMENT = /window\.__SERVER_DATA__\s*=\s*/g;

const STATUS_GRAVITY: EventStatus[] = ['scheduled', 'postponed', 'cancelled'];

interface PageOptions {
  pageUrl: string;
  timezone: string;
  warn: Warn;
}

export async function readOrganizerPage(url: string, context: AdapterContext): Promise<AdapterResult> {
  const response = await context.http.get(url, { accept: HTML_ACCEPT, conditional: true });
  const html = response.text();
  const warnings: string[] = [];
  const options: PageOptions = {
    pageUrl: response.url,
    timezone: context.site.timezone,
    warn: (message) => warnings.push(message),
  };
  const serverData = serverDataOf(html);
  const listed = listedEvents(html, serverData, options);
  const events = await withEventPages(listed, context, options.warn);
  const organizer = objectOf(serverData?.api_data)?.organizer;
  return { events, group: groupFromOrganizer(organizer, response.url), warnings };
}

// ---- window.__SERVER_DATA__ ----

/** The object a script assigns to `window.__SERVER_DATA__`, or null when the page has none that parses. */
function serverDataOf(html: string): JsonObject | null {
  for (const match of html.matchAll(SERVER_DATA_ASSIGNMENT)) {
    const json = balancedJsonAt(html, match.index + match[0].length);
    if (json === null) continue;
    try {
      const value: unknown = JSON.parse(json);
      if (isObject(value)) return value;
    } catch {
      // Not JSON after all (a script reading the variable, say); a later assignment may be.
    }
  }
  return null;
}

/**
 * The JSON object starting at `from`, up to its matching brace. Braces inside strings do not
 * count, so the script's later statements are left out however the strings read.
 */
function balancedJsonAt(text: string, from: number): string | null {
  if (text[from] !== '{') return null;
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth += 1;
    } else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) return text.slice(from, i + 1);
    }
  }
  return null;
}

function futureEventsOf(serverData: JsonObject | null): unknown[] | null {
  const future = objectOf(objectOf(serverData?.view_data)?.events)?.future_events;
  return Array.isArray(future) ? future : null;
}

// ---- The organizer page's listing ----

function listedEvents(html: string, serverData: JsonObject | null, options: PageOptions): SourceEvent[] {
  const future = futureEventsOf(serverData);
  if (future !== null) {
    noteUnlistedEvents(serverData, future.length, options.warn);
    const eventOptions = { pageUrl: options.pageUrl, defaultTimezone: options.timezone, warn: options.warn };
    return future.filter(isObject).flatMap((raw) => eventFromEventbrite(raw, eventOptions) ?? []);
  }
  // The JSON-LD lists the same events less precisely: better than no update at all, and the
  // warning below tells the maintainer that the page changed.
  const jsonld = Array.isArray(serverData?.jsonld) ? serverData.jsonld : [];
  const events = eventsFromJsonLd([...extractJsonLd(html).nodes, ...jsonld], options);
  const problem =
    serverData === null
      ? 'has no readable window.__SERVER_DATA__'
      : 'has a window.__SERVER_DATA__ without the view_data.events.future_events list';
  if (events.length === 0) {
    throw new SourceFailure(
      'unexpected_content',
      `${options.pageUrl} ${problem} and no events in JSON-LD: not an Eventbrite organizer page as this ` +
        'adapter knows it (a bot check, or a redesign?)',
    );
  }
  options.warn(`the organizer page ${problem}; read its events from its JSON-LD instead`);
  return events;
}

/** The page shows the first dozen or so; the rest need the API (or go missing here). */
function noteUnlistedEvents(serverData: JsonObject | null, shown: number, warn: Warn): void {
  const events = objectOf(objectOf(serverData?.view_data)?.events);
  if (events?.has_next_future_page !== true) return;
  const total = textOf(events.num_future_events) ?? 'more';
  warn(`the organizer page shows ${shown} of its ${total} upcoming events; set EVENTBRITE_TOKEN to read them all`);
}

function eventsFromJsonLd(nodes: unknown[], options: PageOptions): SourceEvent[] {
  const events = new Map<string, SourceEvent>();
  const onSkip = (reason: string): void => options.warn(`skipped an event: ${reason}`);
  for (const node of findEventNodes(nodes)) {
    const event = eventFromSchemaOrg(node, { pageUrl: options.pageUrl, timezone: options.timezone, onSkip });
    if (event === null) continue;
    const id = trailingIdOf(event.url);
    if (id === null) {
      options.warn(`skipped "${event.title}": its URL (${event.url ?? 'none'}) has no Eventbrite event id`);
      continue;
    }
    if (!events.has(id)) events.set(id, { ...event, sourceEventId: id, ...jsonLdTimes(event, node, id, options) });
  }
  return [...events.values()];
}

/** JSON-LD collapses a series into one item from its first date to its last. */
function jsonLdTimes(event: SourceEvent, node: JsonObject, id: string, options: PageOptions): Partial<SourceEvent> {
  if (event.allDay) return {};
  const span = {
    start: event.start,
    end: event.endEstimated ? null : event.end,
    startText: textOf(node.startDate),
    endText: textOf(node.endDate),
    zone: options.timezone,
    isSeriesParent: false,
  };
  return seriesSafeTimes(span, `"${event.title}" (${id})`, options.warn);
}

// ---- Each event's own page ----

async function withEventPages(listed: SourceEvent[], context: AdapterContext, warn: Warn): Promise<SourceEvent[]> {
  const now = utcInstant(context.now);
  const events: SourceEvent[] = [];
  // One at a time: Eventbrite answers bursts with bot checks, and a page lists a dozen events.
  for (const event of listed) {
    events.push(isUpcoming(event, now) ? await withEventPage(event, context, warn) : event);
  }
  return events;
}

function isUpcoming(event: SourceEvent, now: string): boolean {
  return event.allDay ? event.end > now.slice(0, 10) : event.end > now;
}

async function withEventPage(listed: SourceEvent, context: AdapterContext, warn: Warn): Promise<SourceEvent> {
  if (listed.url === null) return listed;
  const what = `the page of "${listed.title}" (${listed.sourceEventId})`;
  let html: string;
  let pageUrl: string;
  try {
    const response = await context.http.get(listed.url, { accept: HTML_ACCEPT });
    html = response.text();
    pageUrl = response.url;
  } catch (error) {
    if (!(error instanceof SourceFailure)) throw error;
    warn(`could not read ${what}: ${error.message}; kept what the organizer page says`);
    return listed;
  }
  const options = { pageUrl, timezone: listed.timezone ?? context.site.timezone };
  // Only the node for this event: event pages also list the organizer's other events.
  for (const node of findEventNodes(extractJsonLd(html).nodes)) {
    const detail = eventFromSchemaOrg(node, options);
    if (detail !== null && trailingIdOf(detail.url) === listed.sourceEventId) return withDetails(listed, node, detail);
  }
  warn(`${what} has no JSON-LD event with its id; kept what the organizer page says`);
  return listed;
}

/**
 * The listing's Eventbrite data wins for what it states (times, venue, picture); the event's
 * page adds a fuller description, the attendance mode (only it can say hybrid), and bad news.
 */
function withDetails(listed: SourceEvent, node: JsonObject, detail: SourceEvent): SourceEvent {
  return {
    ...listed,
    status: graver(listed.status, detail.status),
    attendance: node.eventAttendanceMode === undefined ? listed.attendance : detail.attendance,
    venue: listed.venue ?? detail.venue,
    onlineUrl: listed.onlineUrl ?? detail.onlineUrl,
    // Listings cut descriptions short (the JSON-LD one mid-sentence); keep the fuller text.
    descriptionHtml: detail.descriptionHtml.length > listed.descriptionHtml.length ? detail.descriptionHtml : listed.descriptionHtml,
    imageUrl: listed.imageUrl ?? detail.imageUrl,
    topics: listed.topics.length > 0 ? listed.topics : detail.topics,
  };
}

function graver(a: EventStatus, b: EventStatus): EventStatus {
  return STATUS_GRAVITY.indexOf(a) >= STATUS_GRAVITY.indexOf(b) ? a : b;
}
