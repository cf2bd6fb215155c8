import { SourceFailure } from '../../errors.ts';
import { ACCEPT } from '../../http/accept.ts';
import type { EventStatus, SourceEvent } from '../../types.ts';
import type { AdapterContext, AdapterResult, Warn } from '../adapter.ts';
import { attempt } from '../attempt.ts';
import { isUpcoming } from '../event-fields.ts';
import { extractJsonLd, findEventNodes, type JsonObject } from '../jsonld/extract.ts';
import { SchemaOrgEvent } from '../jsonld/schema-org.ts';
import { eventFromSchemaOrg } from '../jsonld/schema-org-event.ts';
import { eventFromEventbrite, groupFromOrganizer, trailingIdOf } from './objects.ts';
import { ServerData } from './schemas.ts';
import { seriesSafeTimes } from './series-times.ts';

// Without an API token: the organizer's public page. Its `window.__SERVER_DATA__` script holds
// Eventbrite's own event objects (ids, UTC times, zones, venues); its JSON-LD lists the same
// events less precisely and is the fallback. Each upcoming event's own page then adds what the
// listing lacks (the description, hybrid attendance, a cancellation).

const SERVER_DATA_ASSIGNMENT = /window\.__SERVER_DATA__\s*=\s*/g;

const STATUS_GRAVITY: EventStatus[] = ['scheduled', 'postponed', 'cancelled'];

interface PageOptions {
  pageUrl: string;
  timezone: string;
  warn: Warn;
}

export async function readOrganizerPage(url: string, context: AdapterContext): Promise<AdapterResult> {
  const response = await context.http.get(url, { accept: ACCEPT.html, conditional: true });
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
  return { events, group: groupFromOrganizer(serverData?.api_data?.organizer ?? null, response.url), warnings };
}

// ---- window.__SERVER_DATA__ ----

/** What a script assigns to `window.__SERVER_DATA__`, or null when the page has no object there that parses. */
function serverDataOf(html: string): ServerData | null {
  for (const match of html.matchAll(SERVER_DATA_ASSIGNMENT)) {
    const json = balancedJsonAt(html, match.index + match[0].length);
    if (json === null) continue;
    try {
      const data = ServerData.safeParse(JSON.parse(json));
      if (data.success) return data.data;
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

// ---- The organizer page's listing ----

function listedEvents(html: string, serverData: ServerData | null, options: PageOptions): SourceEvent[] {
  const listing = serverData?.view_data?.events;
  if (listing && listing.future_events !== null) {
    const future = listing.future_events;
    // The page shows the first dozen or so; the rest need the API (or go missing here).
    if (listing.has_next_future_page) {
      const total = listing.num_future_events ?? 'more';
      options.warn(`the organizer page shows ${future.length} of its ${total} upcoming events; set EVENTBRITE_TOKEN to read them all`);
    }
    const eventOptions = { pageUrl: options.pageUrl, defaultTimezone: options.timezone, warn: options.warn };
    return future.flatMap((event) => eventFromEventbrite(event, eventOptions) ?? []);
  }
  // The JSON-LD lists the same events less precisely: better than no update at all, and the
  // warning below tells the maintainer that the page changed.
  const events = eventsFromJsonLdListing([...extractJsonLd(html).nodes, ...(serverData?.jsonld ?? [])], options);
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

/** The organizer's events in JSON-LD, under the Eventbrite ids their URLs end in. */
function eventsFromJsonLdListing(nodes: unknown[], options: PageOptions): SourceEvent[] {
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
  const { startDate, endDate } = SchemaOrgEvent.parse(node);
  const span = {
    start: event.start,
    end: event.endEstimated ? null : event.end,
    startText: startDate,
    endText: endDate,
    zone: options.timezone,
    isSeriesParent: false,
  };
  return seriesSafeTimes(span, `"${event.title}" (${id})`, options.warn);
}

// ---- Each event's own page ----

async function withEventPages(listed: SourceEvent[], context: AdapterContext, warn: Warn): Promise<SourceEvent[]> {
  const events: SourceEvent[] = [];
  // One at a time: Eventbrite answers bursts with bot checks, and a page lists a dozen events.
  for (const event of listed) {
    events.push(isUpcoming(event, context.now) ? await withEventPage(event, context, warn) : event);
  }
  return events;
}

async function withEventPage(listed: SourceEvent, context: AdapterContext, warn: Warn): Promise<SourceEvent> {
  const url = listed.url;
  if (url === null) return listed;
  const what = `the page of "${listed.title}" (${listed.sourceEventId})`;
  const response = await attempt(() => context.http.get(url, { accept: ACCEPT.html }));
  if (response instanceof SourceFailure) {
    warn(`could not read ${what}: ${response.message}; kept what the organizer page says`);
    return listed;
  }
  const options = { pageUrl: response.url, timezone: listed.timezone ?? context.site.timezone };
  // Only the node for this event: event pages also list the organizer's other events.
  for (const node of findEventNodes(extractJsonLd(response.text()).nodes)) {
    const detail = eventFromSchemaOrg(node, options);
    if (detail !== null && trailingIdOf(detail.url) === listed.sourceEventId) {
      return withEventPageDetails(listed, SchemaOrgEvent.parse(node).eventAttendanceMode !== null, detail);
    }
  }
  warn(`${what} has no JSON-LD event with its id; kept what the organizer page says`);
  return listed;
}

/**
 * The listing's Eventbrite data wins for what it states (times, venue, picture); the event's
 * page adds a fuller description, the attendance mode (only it can say hybrid, when it states
 * one), and bad news.
 */
function withEventPageDetails(listed: SourceEvent, statesAttendance: boolean, detail: SourceEvent): SourceEvent {
  return {
    ...listed,
    status: graver(listed.status, detail.status),
    attendance: statesAttendance ? detail.attendance : listed.attendance,
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
