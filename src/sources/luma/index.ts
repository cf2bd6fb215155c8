import { load } from 'cheerio';
import { decodeHTML } from 'entities';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { SourceFailure } from '../../errors.ts';
import type { HttpResponse } from '../../http/client.ts';
import { plainText, plainTextToHtml, safeHttpUrl } from '../../text/sanitize.ts';
import { addMinutes, DEFAULT_DURATION_MINUTES, isValidTimeZone, parseDateTime } from '../../time.ts';
import type { Attendance, GroupDetails, SourceEvent, Venue } from '../../types.ts';
import type { Adapter, AdapterContext } from '../adapter.ts';
import { parseICalendar, type ParsedCalendar, type ParseOptions } from '../ical/index.ts';
import { scriptById } from '../html-scripts.ts';

// A Luma calendar has two public faces. Its iCal feed lists every event, past ones too, but says
// little: UTC times, the link buried in the description, a Luma page where the place should be.
// Its (unofficial) JSON API describes upcoming events fully: address, coordinates, cover image,
// time zone, online or not. The feed is the source of truth; the JSON only adds detail, so a
// failing JSON request costs detail, never events.

const DEFAULT_API_URL = 'https://api.lu.ma';
const ICAL_ACCEPT = 'text/calendar, */*;q=0.5';
const HTML_ACCEPT = 'text/html,application/xhtml+xml';
const JSON_ACCEPT = 'application/json';
const PAGE_SIZE = 50;
const MAX_PAGES = 10;
const UNTITLED = 'Untitled event';
const LUMA_HOSTS = new Set(['lu.ma', 'www.lu.ma', 'luma.com', 'www.luma.com']);
const CALENDAR_ID = /^cal-[A-Za-z0-9]+$/;

// ---- Luma's JSON, as far as we read it ----

// Optional parts fall back to null rather than failing the whole entry: one odd field should
// cost that detail, not the event.
const nullableText = z.string().nullish().catch(null);

const LumaCalendarSchema = z.object({
  api_id: z.string().regex(CALENDAR_ID),
  name: nullableText,
  description_short: nullableText,
  avatar_url: nullableText,
  cover_image_url: nullableText,
  slug: nullableText,
  timezone: nullableText,
  website: nullableText,
  twitter_handle: nullableText,
  instagram_handle: nullableText,
  linkedin_handle: nullableText,
  youtube_handle: nullableText,
  tiktok_handle: nullableText,
});

export type LumaCalendar = z.infer<typeof LumaCalendarSchema>;

const LumaEventSchema = z.object({
  api_id: nullableText,
  name: z.string(),
  start_at: z.string(),
  end_at: nullableText,
  /** External events give a duration (`P0Y0M0DT2H0M0S`) instead of an end. */
  duration_interval: nullableText,
  timezone: nullableText,
  /** A bare slug for Luma's own events, the full URL for an external one. */
  url: nullableText,
  cover_url: nullableText,
  location_type: nullableText,
  geo_address_info: z
    .object({ address: nullableText, full_address: nullableText, city_state: nullableText })
    .nullish()
    .catch(null),
  coordinate: z.object({ latitude: z.number(), longitude: z.number() }).nullish().catch(null),
});

type LumaEvent = z.infer<typeof LumaEventSchema>;

const LumaEntrySchema = z.object({
  /** The listing on this calendar (`calev-…`); external events have no other id. */
  api_id: nullableText,
  event: LumaEventSchema,
  calendar: LumaCalendarSchema.nullish().catch(null),
});

const ItemsPageSchema = z.object({
  entries: z.array(z.unknown()),
  has_more: z.boolean().nullish(),
  next_cursor: z.string().nullish(),
});

// ---- The adapter ----

interface LocatedCalendar {
  feedUrl: string;
  /** `cal-…`, or null for a feed URL that names no calendar (nothing to ask the API about). */
  id: string | null;
  apiBase: string;
  /** The calendar page the source names, when it names one. */
  pageUrl: string | null;
  /** What the calendar page says about the calendar. */
  about: LumaCalendar | null;
}

/** Source type `luma`: a Luma calendar page (`https://lu.ma/<slug>`) or its iCal feed URL. */
export const lumaAdapter: Adapter = async (source, context) => {
  const calendar = await locateCalendar(source.url, context);
  const [feed, upcoming] = await Promise.all([
    fetchFeed(calendar.feedUrl, context),
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

/** True for a Luma iCal feed URL (`…/ics/get?entity=calendar&id=cal-…`) on any host. */
function isLumaFeedUrl(url: string): boolean {
  return new URL(url).pathname.replace(/\/+$/, '').endsWith('/ics/get');
}

async function locateCalendar(url: string, context: AdapterContext): Promise<LocatedCalendar> {
  if (isLumaFeedUrl(url)) {
    const id = new URL(url).searchParams.get('id') ?? '';
    // The host that serves a calendar's feed (api.lu.ma, api2.luma.com, a test server) serves its
    // JSON API too.
    const apiBase = apiBaseUrl(new URL(url).origin);
    return { feedUrl: url, id: CALENDAR_ID.test(id) ? id : null, apiBase, pageUrl: null, about: null };
  }
  const page = await context.http.get(url, { accept: HTML_ACCEPT });
  const found = findLumaCalendar(page.text());
  if (found === null) {
    throw new SourceFailure('unexpected_content', `${url} names no Luma calendar (no cal-… id in it): got ${describeBody(page)}`);
  }
  const apiBase = apiBaseUrl(DEFAULT_API_URL);
  const query = new URLSearchParams({ entity: 'calendar', id: found.id });
  return { feedUrl: `${apiBase}/ics/get?${query}`, id: found.id, apiBase, pageUrl: url, about: found.calendar };
}

/** `LUMA_API_URL`, when set, says where Luma's API is (a mirror, a test server). */
function apiBaseUrl(fallback: string): string {
  return (process.env.LUMA_API_URL?.trim() || fallback).replace(/\/+$/, '');
}

async function fetchFeed(url: string, context: AdapterContext): Promise<HttpResponse> {
  const response = await context.http.get(url, { accept: ICAL_ACCEPT, conditional: true });
  if (!/^BEGIN:VCALENDAR[ \t]*\r?$/im.test(response.text())) {
    throw new SourceFailure('unexpected_content', `${url} is not an iCalendar feed (no BEGIN:VCALENDAR): got ${describeBody(response)}`);
  }
  return response;
}

function describeBody(response: HttpResponse): string {
  const contentType = response.headers.get('content-type') ?? 'no content type';
  const body = response.text().trimStart();
  const what =
    body === '' ? 'an empty body'
    : /^(<!doctype html|<html)/i.test(body) ? 'an HTML page'
    : `a body starting "${body.slice(0, 40)}"`;
  return `${what} (${contentType})`;
}

interface UpcomingEntries {
  entries: unknown[];
  warnings: string[];
}

/** Every page of the calendar's upcoming events, or none and a warning when any request fails. */
async function fetchUpcomingEntries(apiBase: string, calendarId: string, context: AdapterContext): Promise<UpcomingEntries> {
  const entries: unknown[] = [];
  let cursor: string | null = null;
  try {
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const body = await fetchItemsPage(itemsUrl(apiBase, calendarId, cursor), context);
      entries.push(...body.entries);
      cursor = body.has_more ? (body.next_cursor ?? null) : null;
      if (cursor === null) return { entries, warnings: [] };
    }
    return { entries, warnings: [`Luma lists more upcoming events than the ${MAX_PAGES * PAGE_SIZE} read`] };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { entries: [], warnings: [`could not read event details from Luma's API (${reason}); kept the feed's events without them`] };
  }
}

function itemsUrl(apiBase: string, calendarId: string, cursor: string | null): string {
  const query = new URLSearchParams({ calendar_api_id: calendarId, period: 'future', pagination_limit: String(PAGE_SIZE) });
  if (cursor !== null) query.set('pagination_cursor', cursor);
  return `${apiBase}/calendar/get-items?${query}`;
}

async function fetchItemsPage(url: string, context: AdapterContext): Promise<z.infer<typeof ItemsPageSchema>> {
  const response = await context.http.get(url, { accept: JSON_ACCEPT });
  let json: unknown;
  try {
    json = JSON.parse(response.text());
  } catch {
    throw new Error(`${url} did not answer with JSON: got ${describeBody(response)}`);
  }
  const page = ItemsPageSchema.safeParse(json);
  if (!page.success) throw new Error(`${url} did not answer with a list of calendar entries`);
  return page.data;
}

// ---- The iCal feed ----

// Luma's boilerplate lines, which say nothing the event's fields do not.
const EVENT_PAGE_LINE = /^Get up-to-date information at:\s*https?:\/\/\S+\s*$/i;
const CALENDAR_PAGE_LINE = /^Find more information on:?\s*https?:\/\/\S+\s*$/i;
const NO_ADDRESS_PARAGRAPH = /^Address:\s*\nCheck event page for more details\.\s*$/i;
const EVENT_PAGE_MARK = 'Get up-to-date information at:';

/**
 * A Luma feed's events: ids without the `@events.lu.ma` domain, the event's page as its `url`,
 * and Luma's boilerplate gone from the description. Past events are kept.
 */
export function parseLumaFeed(bytes: Uint8Array, options: ParseOptions): ParsedCalendar {
  const calendar = parseICalendar(bytes, { ...options, describe: (text) => plainTextToHtml(withoutBoilerplate(text)) });
  return { ...calendar, events: calendar.events.map(fromLumaFeed) };
}

function fromLumaFeed(event: SourceEvent): SourceEvent {
  const id = event.sourceEventId.replace(/^((?:evt|calev)-[A-Za-z0-9]+)@[^#]*/, '$1');
  const { html, eventPage } = takeEventPage(event.descriptionHtml);
  // LOCATION holds a link where the event has no address: Luma's own page for the event, or, for
  // an event listed from elsewhere (`calev-…`), that event's page. Neither is a meeting link.
  const locationPage = event.onlineUrl !== null && (isLumaUrl(event.onlineUrl) || id.startsWith('calev-')) ? event.onlineUrl : null;
  const place = locationPage === null ? {} : { attendance: 'in_person' as const, venue: null, onlineUrl: null };
  return { ...event, ...place, sourceEventId: id, url: eventPage ?? locationPage ?? event.url, descriptionHtml: html };
}

/**
 * The description text without Luma's calendar-page line and its "Check event page" address;
 * the line naming the event's page is kept as a paragraph of its own, for `takeEventPage`.
 */
function withoutBoilerplate(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((paragraph) => !NO_ADDRESS_PARAGRAPH.test(paragraph.trim()))
    .flatMap((paragraph) => {
      const lines = paragraph.split('\n').filter((line) => !CALENDAR_PAGE_LINE.test(line.trim()));
      const pageLines = lines.filter((line) => EVENT_PAGE_LINE.test(line.trim()));
      const rest = lines.filter((line) => !EVENT_PAGE_LINE.test(line.trim())).join('\n');
      return [...pageLines, rest];
    })
    .filter((paragraph) => paragraph.trim() !== '')
    .join('\n\n');
}

/** The event's page, taken out of the paragraph Luma writes it in. */
function takeEventPage(descriptionHtml: string): { html: string; eventPage: string | null } {
  if (!descriptionHtml.includes(EVENT_PAGE_MARK)) return { html: descriptionHtml, eventPage: null };
  const $ = load(descriptionHtml, null, false);
  let eventPage: string | null = null;
  $('p').each((_, paragraph) => {
    if (!$(paragraph).text().trim().startsWith(EVENT_PAGE_MARK)) return;
    eventPage ??= safeHttpUrl($(paragraph).find('a').attr('href'));
    $(paragraph).remove();
  });
  return { html: $.html().trim(), eventPage };
}

function isLumaUrl(url: string): boolean {
  return LUMA_HOSTS.has(new URL(url).hostname);
}

// ---- The JSON API's entries ----

export interface LumaItem {
  event: SourceEvent;
  /** The entry's own `calev-…` id, under which the feed may list the event. */
  listingId: string | null;
  /** The calendar the entry names (the event's own calendar for a listed event). */
  calendar: LumaCalendar | null;
}

/** Entries of `/calendar/get-items` as events; an entry that cannot be read becomes a warning. */
export function readLumaItems(entries: unknown[]): { items: LumaItem[]; warnings: string[] } {
  const items: LumaItem[] = [];
  const warnings: string[] = [];
  for (const raw of entries) {
    const entry = LumaEntrySchema.safeParse(raw);
    if (!entry.success) {
      warnings.push("skipped an entry of Luma's API: it has no event with a name and a start");
      continue;
    }
    const listingId = entry.data.api_id ?? null;
    const event = eventFromLuma(entry.data.event, listingId);
    if (typeof event === 'string') warnings.push(`skipped an entry of Luma's API: ${event}`);
    else items.push({ event, listingId, calendar: entry.data.calendar ?? null });
  }
  return { items, warnings };
}

/** The event, or why it cannot be one. */
function eventFromLuma(event: LumaEvent, listingId: string | null): SourceEvent | string {
  const title = plainText(event.name) || UNTITLED;
  const id = event.api_id ?? listingId;
  if (!id) return `"${title}" has no id`;
  const start = parseDateTime(event.start_at, 'UTC');
  if (start === null) return `"${title}" has a start that is not a date-time: "${event.start_at}"`;
  const venue = venueOf(event);
  return {
    sourceEventId: id,
    title,
    start,
    ...endOf(event, start),
    allDay: false,
    timezone: ianaZone(event.timezone),
    status: 'scheduled',
    attendance: attendanceOf(event),
    venue,
    // Luma shows meeting links to registered guests only.
    onlineUrl: null,
    url: eventPageUrl(event.url),
    descriptionHtml: '',
    imageUrl: safeHttpUrl(event.cover_url),
    topics: [],
  };
}

function endOf(event: LumaEvent, start: string): Pick<SourceEvent, 'end' | 'endEstimated'> {
  const end = event.end_at ? parseDateTime(event.end_at, 'UTC') : endAfter(start, event.duration_interval);
  if (end !== null && end > start) return { end, endEstimated: false };
  return { end: addMinutes(start, DEFAULT_DURATION_MINUTES), endEstimated: true };
}

function endAfter(start: string, duration: string | null | undefined): string | null {
  if (!duration) return null;
  try {
    const relativeTo = Temporal.Instant.from(start).toZonedDateTimeISO('UTC');
    return addMinutes(start, Math.round(Temporal.Duration.from(duration).total({ unit: 'minutes', relativeTo })));
  } catch {
    return null;
  }
}

function ianaZone(zone: string | null | undefined): string | null {
  return zone && /^[A-Za-z]/.test(zone) && isValidTimeZone(zone) ? zone : null;
}

function venueOf(event: LumaEvent): Venue | null {
  const info = event.geo_address_info;
  const name = info?.address ? plainText(info.address) : null;
  const address = info?.full_address ?? info?.address ?? info?.city_state;
  const lat = event.coordinate?.latitude ?? null;
  const lon = event.coordinate?.longitude ?? null;
  const validPosition = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  if (!address && !validPosition) return null;
  return {
    name,
    address: address ? plainText(address) : null,
    lat: validPosition ? lat : null,
    lon: validPosition ? lon : null,
  };
}

/**
 * Luma's `location_type` is `offline` for a place and `online`, `zoom`, … for a meeting link;
 * `unknown` (or none, for external events) when the host gave neither.
 */
function attendanceOf(event: LumaEvent): Attendance {
  const type = event.location_type;
  if (!type || type === 'offline' || type === 'unknown') return 'in_person';
  return event.geo_address_info?.full_address ? 'hybrid' : 'online';
}

function eventPageUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  return /^[A-Za-z0-9_-]+$/.test(url) ? `https://lu.ma/${url}` : safeHttpUrl(url);
}

// ---- Feed and JSON together ----

/**
 * The feed's events with what the JSON knows about them (matched by `evt-…` or `calev-…` id),
 * then the JSON's events the feed does not list yet. The feed's title, times, description and
 * link stay: the feed is there on every fetch, so they do not flip when the JSON request fails.
 */
export function enrichWithLumaItems(feedEvents: SourceEvent[], items: LumaItem[]): SourceEvent[] {
  const byId = new Map<string, LumaItem>();
  for (const item of items) {
    byId.set(item.event.sourceEventId, item);
    if (item.listingId !== null) byId.set(item.listingId, item);
  }
  const matched = new Set<LumaItem>();
  const enriched = feedEvents.map((event) => {
    const item = byId.get(event.sourceEventId);
    if (item === undefined) return event;
    matched.add(item);
    return withDetails(event, item.event);
  });
  return [...enriched, ...items.filter((item) => !matched.has(item)).map((item) => item.event)];
}

function withDetails(event: SourceEvent, details: SourceEvent): SourceEvent {
  return {
    ...event,
    timezone: details.timezone ?? event.timezone,
    attendance: details.attendance,
    // A hidden address (guests only) is no reason to drop the room the feed names.
    venue: details.venue ?? event.venue,
    onlineUrl: details.attendance === 'in_person' ? null : event.onlineUrl,
    url: event.url ?? details.url,
    imageUrl: details.imageUrl ?? event.imageUrl,
  };
}

// ---- The calendar page ----

const FEED_LINK = /\/ics\/get\?[^"'\s<>]*\bid=(cal-[A-Za-z0-9]+)/;
const ANY_CALENDAR_ID = /"api_id"\s*:\s*"(cal-[A-Za-z0-9]+)"/;

/**
 * The calendar a Luma page shows: its `__NEXT_DATA__` calendar object, else any calendar id in
 * the page or in a link to its feed. Null when the page names no calendar.
 */
export function findLumaCalendar(html: string): { id: string; calendar: LumaCalendar | null } | null {
  const calendar = calendarInNextData(scriptById(html, '__NEXT_DATA__'));
  if (calendar !== null) return { id: calendar.api_id, calendar };
  const id = ANY_CALENDAR_ID.exec(html)?.[1] ?? FEED_LINK.exec(html)?.[1];
  return id === undefined ? null : { id, calendar: null };
}

/** The first `calendar` object breadth-first: the page's own, before those of listed events. */
function calendarInNextData(json: string): LumaCalendar | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
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

// ---- The group ----

const SOCIAL_LINKS: [keyof LumaCalendar, (handle: string) => string][] = [
  ['twitter_handle', (handle) => `https://x.com/${handle}`],
  ['instagram_handle', (handle) => `https://www.instagram.com/${handle}`],
  // Luma keeps LinkedIn as a path (`/company/…`, `/in/…`).
  ['linkedin_handle', (handle) => `https://www.linkedin.com${handle.startsWith('/') ? handle : `/in/${handle}`}`],
  ['youtube_handle', (handle) => `https://www.youtube.com/${handle.includes('/') ? handle : `@${handle}`}`],
  ['tiktok_handle', (handle) => `https://www.tiktok.com/@${handle}`],
];

// Luma gives every calendar without its own pictures one of a few stock ones.
const STOCK_IMAGE = /\/(?:avatars-default|calendar-defaults)\//;

export function lumaGroupDetails(feedName: string | null, calendar: LumaCalendar | null, pageUrl: string | null): GroupDetails {
  const description = calendar?.description_short?.trim();
  const links = [pageUrl ?? calendarPageUrl(calendar), websiteUrl(calendar?.website), ...socialLinks(calendar)];
  const images = [calendar?.avatar_url, calendar?.cover_image_url].map((url) => safeHttpUrl(url));
  return {
    name: feedName ?? calendar?.name ?? undefined,
    descriptionHtml: description ? plainTextToHtml(description) : undefined,
    imageUrl: images.find((url) => url !== null && !STOCK_IMAGE.test(url)) ?? undefined,
    links: [...new Set(links.filter((link): link is string => link !== null))],
    timezone: ianaZone(calendar?.timezone) ?? undefined,
  };
}

function calendarPageUrl(calendar: LumaCalendar | null): string | null {
  return calendar?.slug ? `https://lu.ma/${encodeURIComponent(calendar.slug)}` : null;
}

function websiteUrl(website: string | null | undefined): string | null {
  if (!website?.trim()) return null;
  return safeHttpUrl(/^https?:\/\//i.test(website.trim()) ? website : `https://${website.trim()}`);
}

function socialLinks(calendar: LumaCalendar | null): string[] {
  return SOCIAL_LINKS.flatMap(([key, link]) => {
    const handle = calendar?.[key]?.trim().replace(/^@/, '');
    return handle ? [link(handle)] : [];
  });
}
