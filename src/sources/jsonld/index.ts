import { createHash } from 'node:crypto';
import { decodeHTML } from 'entities';
import { SourceFailure } from '../../errors.ts';
import { plainText, plainTextToHtml, safeHttpUrl, sanitizeDescription } from '../../text/sanitize.ts';
import { addDays, addMinutes, DEFAULT_DURATION_MINUTES, parseDateTime, parsePlainDate } from '../../time.ts';
import type { Attendance, EventStatus, SourceEvent, Venue } from '../../types.ts';
import type { Adapter } from '../adapter.ts';
import { capWarnings, MAX_EVENTS_PER_SOURCE } from '../limits.ts';
import { scriptTexts } from '../html-scripts.ts';

// schema.org Event objects embedded in pages as JSON-LD. The generic `jsonld` source type reads
// them from any page; the Meetup and Eventbrite adapters reuse the pieces exported here, because
// their pages carry the same objects.

type JsonObject = Record<string, unknown>;

export interface JsonLdContent {
  /** Top-level JSON-LD nodes, with top-level arrays and `@graph` arrays flattened. */
  nodes: unknown[];
  /** How many `<script type="application/ld+json">` blocks the page has. */
  blocks: number;
  /** How many of those blocks were not valid JSON (and were skipped). */
  invalidBlocks: number;
}

export interface SchemaOrgOptions {
  /** Base for relative URLs: the page the JSON-LD came from. */
  pageUrl: string;
  /** Zone for date-times written without an offset (the site's zone). */
  timezone: string;
}

export interface EventFromSchemaOrgOptions extends SchemaOrgOptions {
  /** Told why a node was not turned into an event. */
  onSkip?: (reason: string) => void;
}

export interface JsonLdEvents {
  events: SourceEvent[];
  warnings: string[];
}

const EVENT_TYPES = new Set(
  [
    'Event', 'BusinessEvent', 'ChildrensEvent', 'ComedyEvent', 'CourseInstance', 'DanceEvent',
    'DeliveryEvent', 'EducationEvent', 'EventSeries', 'ExhibitionEvent', 'Festival', 'FoodEvent',
    'Hackathon', 'LiteraryEvent', 'MusicEvent', 'PublicationEvent', 'SaleEvent', 'ScreeningEvent',
    'SocialEvent', 'SportsEvent', 'TheaterEvent', 'VisualArtsEvent',
  ].map((type) => type.toLowerCase()),
);

const SCHEMA_PREFIX = /^(?:schema:|https?:\/\/(?:www\.)?schema\.org\/)/i;

const ATTENDANCE_MODES: Record<string, Attendance> = {
  offlineeventattendancemode: 'in_person',
  onlineeventattendancemode: 'online',
  mixedeventattendancemode: 'hybrid',
};

// Rescheduled and moved-online events still happen, so they stay "scheduled".
const EVENT_STATUSES: Record<string, EventStatus> = {
  eventcancelled: 'cancelled',
  eventpostponed: 'postponed',
};

const ADDRESS_PARTS = ['streetAddress', 'addressLocality', 'addressRegion', 'postalCode', 'addressCountry'];

const HTML_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^>]*)?\/?>/i;

const HTML_ACCEPT = 'text/html,application/xhtml+xml';

// ---- Finding the JSON-LD ----

export function extractJsonLd(html: string): JsonLdContent {
  const content: JsonLdContent = { nodes: [], blocks: 0, invalidBlocks: 0 };
  for (const text of scriptTexts(html, (attributes) => isJsonLdType(attributes.type))) {
    content.blocks += 1;
    try {
      for (const node of topLevelNodes(JSON.parse(text))) content.nodes.push(node);
    } catch {
      // One broken block (hand-written JSON is often invalid) must not hide the others.
      content.invalidBlocks += 1;
    }
  }
  return content;
}

/** `application/ld+json`, in any case, with or without parameters such as `; charset=utf-8`. */
function isJsonLdType(type: string | undefined): boolean {
  return type?.split(';')[0]?.trim().toLowerCase() === 'application/ld+json';
}

function topLevelNodes(parsed: unknown): unknown[] {
  const nodes: unknown[] = [];
  for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
    // A @graph wrapper holds only @context besides the graph; its nodes are what it describes.
    const graph = isObject(item) ? item['@graph'] : undefined;
    if (Array.isArray(graph)) for (const node of graph) nodes.push(node);
    else nodes.push(item);
  }
  return nodes;
}

/**
 * Every schema.org Event (or subtype) in the nodes, in document order, wherever it is nested
 * (ItemList, ListItem, ProfilePage.mainEntity, @graph, arrays, …).
 */
export function findEventNodes(nodes: unknown[]): JsonObject[] {
  const events: JsonObject[] = [];
  const seen = new Set<object>();
  // An explicit stack rather than recursion, so that deep nesting cannot overflow the call stack.
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (isObject(value) && isEventNode(value)) {
      // What an event mentions (its series, its sessions) is not a separate listing on this page.
      events.push(value);
      continue;
    }
    const children = Array.isArray(value) ? value : Object.values(value);
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
  return events;
}

function isEventNode(node: JsonObject): boolean {
  return typeNames(node).some((type) => EVENT_TYPES.has(type));
}

/** `schema:Event`, `https://schema.org/Event` and `Event` all name `event` (lower-cased). */
function schemaName(value: string): string {
  return value.trim().replace(SCHEMA_PREFIX, '').toLowerCase();
}

// ---- One schema.org Event as our event ----

export function eventFromSchemaOrg(node: JsonObject, options: EventFromSchemaOrgOptions): SourceEvent | null {
  const name = textOf(node.name);
  const title = name === null ? '' : plainText(name);
  if (title === '') {
    const where = textOf(node.url) ?? textOf(node.startDate);
    return skip(options, `an event has no name${where === null ? '' : ` (${where})`}`);
  }
  const startText = textOf(node.startDate);
  if (startText === null) return skip(options, `"${title}" has no startDate`);
  const times = eventTimes(startText, textOf(node.endDate), options.timezone);
  if (times === null) return skip(options, `"${title}" has a startDate that is not a date: "${startText}"`);

  const place = placeOf(node.location, options.pageUrl);
  return {
    sourceEventId: sourceEventIdOf(node, title, times.start),
    title,
    ...times,
    // schema.org has no time zone property; the offsets already fix the instants.
    timezone: null,
    status: EVENT_STATUSES[enumName(node.eventStatus)] ?? 'scheduled',
    attendance: ATTENDANCE_MODES[enumName(node.eventAttendanceMode)] ?? inferAttendance(place),
    venue: place.venue,
    onlineUrl: place.onlineUrl,
    url: safeHttpUrl(textOf(node.url), options.pageUrl),
    descriptionHtml: descriptionHtml(node.description),
    imageUrl: imageUrlOf(node.image, options.pageUrl),
    topics: topicsOf(node.keywords),
  };
}

function skip(options: EventFromSchemaOrgOptions, reason: string): null {
  options.onSkip?.(reason);
  return null;
}

function sourceEventIdOf(node: JsonObject, title: string, start: string): string {
  const id = textOf(node['@id']);
  // Blank-node ids (`_:b0`) are local to one document and change between fetches.
  if (id !== null && !id.startsWith('_:')) return id;
  const url = textOf(node.url);
  if (url !== null) return url;
  return `jsonld:${createHash('sha256').update(`${title}\n${start}`).digest('hex').slice(0, 24)}`;
}

type EventTimes = Pick<SourceEvent, 'start' | 'end' | 'allDay' | 'endEstimated'>;

function eventTimes(startText: string, endText: string | null, zone: string): EventTimes | null {
  const startDay = parsePlainDate(startText);
  if (startDay !== null) return allDayTimes(startDay, endText);
  const start = parseDateTime(startText, zone);
  return start === null ? null : timedTimes(start, endText, zone);
}

/** End exclusive, as in iCalendar: an event on the 5th ends on the 6th. */
function allDayTimes(startDay: string, endText: string | null): EventTimes {
  const lastDay = endText === null ? null : parsePlainDate(endText);
  const end = lastDay !== null && lastDay >= startDay ? addDays(lastDay, 1) : addDays(startDay, 1);
  // A single date means that one day, so the end is not a guess.
  return { start: startDay, end, allDay: true, endEstimated: false };
}

function timedTimes(start: string, endText: string | null, zone: string): EventTimes {
  const end = endText === null ? null : timedEndOf(endText, zone);
  // An end at or before the start is a data-entry slip; a guessed end is better than a wrong one.
  if (end !== null && end > start) return { start, end, allDay: false, endEstimated: false };
  return { start, end: addMinutes(start, DEFAULT_DURATION_MINUTES), allDay: false, endEstimated: true };
}

/** A date-only end on a timed event means "through that day": midnight after it. */
function timedEndOf(endText: string, zone: string): string | null {
  const day = parsePlainDate(endText);
  return parseDateTime(day === null ? endText : addDays(day, 1), zone);
}

interface Place {
  venue: Venue | null;
  onlineUrl: string | null;
}

/** `location` is a Place, a VirtualLocation, plain text, or an array of those (hybrid events). */
function placeOf(location: unknown, pageUrl: string): Place {
  const place: Place = { venue: null, onlineUrl: null };
  for (const item of Array.isArray(location) ? location : [location]) {
    if (isObject(item) && typeNames(item).includes('virtuallocation')) {
      place.onlineUrl ??= safeHttpUrl(textOf(item.url), pageUrl);
    } else if (isObject(item)) {
      place.venue ??= venueOf(item);
    } else {
      const text = textOf(item);
      if (text === null) continue;
      // A bare link as the location is where the meeting happens online.
      const link = safeHttpUrl(text);
      if (link !== null) place.onlineUrl ??= link;
      else place.venue ??= { name: plainText(text), address: null, lat: null, lon: null };
    }
  }
  return place;
}

function venueOf(place: JsonObject): Venue | null {
  const name = textOf(place.name);
  const venue: Venue = {
    name: name === null ? null : plainText(name),
    address: addressOf(place.address),
    ...coordinatesOf(place.geo),
  };
  const empty = venue.name === null && venue.address === null && venue.lat === null;
  return empty ? null : venue;
}

function addressOf(address: unknown): string | null {
  const plain = textOf(address);
  if (plain !== null) return plainText(plain);
  const postal = firstObject(address);
  if (postal === null) return null;
  const parts: string[] = [];
  for (const key of ADDRESS_PARTS) {
    const part = nameOrText(postal[key]);
    // Meetup writes "1720 W 4th Ave, Spokane, WA" as the street and then Spokane and WA again.
    if (part !== null && !alreadySaid(parts, part)) parts.push(part);
  }
  return parts.length === 0 ? null : parts.join(', ');
}

function alreadySaid(parts: string[], part: string): boolean {
  const said = parts.join(',').split(',').map((segment) => segment.trim().toLowerCase());
  return said.includes(part.toLowerCase());
}

function coordinatesOf(geo: unknown): Pick<Venue, 'lat' | 'lon'> {
  const coordinates = firstObject(geo);
  const lat = numberOf(coordinates?.latitude);
  const lon = numberOf(coordinates?.longitude);
  if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) return { lat: null, lon: null };
  return { lat, lon };
}

function inferAttendance(place: Place): Attendance {
  if (place.onlineUrl === null) return 'in_person';
  return place.venue === null ? 'online' : 'hybrid';
}

function descriptionHtml(value: unknown): string {
  const raw = textOf(value);
  if (raw === null) return '';
  if (HTML_TAG.test(raw)) return sanitizeDescription(raw);
  // Some sites entity-encode the whole description, markup included ("&lt;p&gt;…").
  const decoded = decodeHTML(raw);
  return HTML_TAG.test(decoded) ? sanitizeDescription(decoded) : plainTextToHtml(decoded);
}

function imageUrlOf(image: unknown, pageUrl: string): string | null {
  for (const item of Array.isArray(image) ? image : [image]) {
    const candidate = isObject(item) ? textOf(item.url) ?? textOf(item.contentUrl) : textOf(item);
    const url = safeHttpUrl(candidate, pageUrl);
    if (url !== null) return url;
  }
  return null;
}

function topicsOf(keywords: unknown): string[] {
  const items = typeof keywords === 'string' ? keywords.split(',') : Array.isArray(keywords) ? keywords : [];
  const topics = items
    .map((item) => nameOrText(item))
    .filter((topic): topic is string => topic !== null && topic !== '');
  return [...new Set(topics)];
}

// ---- JSON-LD values ----

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The node's `@type`, one name or several, as lower-cased schema.org names. */
function typeNames(node: JsonObject): string[] {
  const types = Array.isArray(node['@type']) ? node['@type'] : [node['@type']];
  return types.filter((type): type is string => typeof type === 'string').map(schemaName);
}

/** A text value: a string, a number, a value object `{"@value": …}`, or the first of an array. */
function textOf(value: unknown): string | null {
  for (const item of Array.isArray(value) ? value : [value]) {
    const raw = isObject(item) ? item['@value'] : item;
    if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
    if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  }
  return null;
}

/** Text, or the `name` of a thing given in its place (a Country, a DefinedTerm), as plain text. */
function nameOrText(value: unknown): string | null {
  const text = textOf(value) ?? (isObject(value) ? textOf(value.name) : null);
  return text === null ? null : plainText(text);
}

function firstObject(value: unknown): JsonObject | null {
  const found = (Array.isArray(value) ? value : [value]).find(isObject);
  return found ?? null;
}

function numberOf(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(number) ? number : null;
}

/** An enumeration member (`https://schema.org/EventCancelled`, `schema:EventCancelled`, …) lower-cased. */
function enumName(value: unknown): string {
  const text = textOf(value) ?? (isObject(value) ? textOf(value['@id']) : null);
  return text === null ? '' : schemaName(text);
}

// ---- Whole pages ----

export function parseJsonLdEvents(html: string, options: SchemaOrgOptions): JsonLdEvents {
  return eventsFromJsonLd(extractJsonLd(html), options);
}

function eventsFromJsonLd(content: JsonLdContent, options: SchemaOrgOptions): JsonLdEvents {
  const warnings: string[] = [];
  if (content.invalidBlocks > 0) {
    warnings.push(`skipped ${content.invalidBlocks} JSON-LD block(s) that are not valid JSON`);
  }
  const onSkip = (reason: string): void => {
    warnings.push(`skipped an event: ${reason}`);
  };
  const byId = new Map<string, SourceEvent>();
  const nodes = findEventNodes(content.nodes);
  for (const [index, node] of nodes.entries()) {
    if (byId.size >= MAX_EVENTS_PER_SOURCE) {
      warnings.push(`the page lists ${nodes.length} events, more than the ${MAX_EVENTS_PER_SOURCE} a source may hold; read the first ${index}`);
      break;
    }
    const event = eventFromSchemaOrg(node, { ...options, onSkip });
    if (event === null) continue;
    const first = byId.get(event.sourceEventId);
    if (first === undefined) byId.set(event.sourceEventId, event);
    else if (first.start !== event.start) {
      warnings.push(`two events share the id ${event.sourceEventId} but start at different times; kept the first`);
    }
  }
  return { events: [...byId.values()], warnings: capWarnings(warnings) };
}

/** Any page with schema.org Events in JSON-LD (a venue's or a group's own site). */
export const jsonldAdapter: Adapter = async (source, context) => {
  const response = await context.http.get(source.url, { accept: HTML_ACCEPT, conditional: true });
  const html = response.text();
  const contentType = response.headers.get('content-type');
  if (!isHtml(contentType, html)) {
    throw new SourceFailure(
      'unexpected_content',
      `${source.url} did not answer with an HTML page (content-type: ${contentType ?? 'none'})`,
    );
  }
  const content = extractJsonLd(html);
  if (content.blocks === 0) {
    throw new SourceFailure(
      'unexpected_content',
      `${source.url} has no JSON-LD (<script type="application/ld+json">) block; the page may have changed`,
    );
  }
  if (content.invalidBlocks === content.blocks) {
    throw new SourceFailure('parse', `none of the ${content.blocks} JSON-LD block(s) on ${source.url} is valid JSON`);
  }
  return eventsFromJsonLd(content, { pageUrl: response.url, timezone: context.site.timezone });
};

/** Servers label pages loosely, so a page that starts like HTML counts whatever its label. */
function isHtml(contentType: string | null, body: string): boolean {
  if (contentType !== null && /\b(?:text\/html|application\/xhtml\+xml)\b/i.test(contentType)) return true;
  return /<(?:!doctype\s+html|html)[\s>]/i.test(body.slice(0, 2048));
}
