import { markdownToHtml, plainText, safeHttpUrl, sanitizeDescription } from '../../text/sanitize.ts';
import { addMinutes, DEFAULT_DURATION_MINUTES, isValidTimeZone, parseDateTime } from '../../time.ts';
import type { Attendance, EventStatus, GroupDetails, SourceEvent, Venue } from '../../types.ts';
import { extractJsonLd, findEventNodes } from '../jsonld/extract.ts';
import { eventFromSchemaOrg } from '../jsonld/schema-org-event.ts';
import { scriptById } from '../html-scripts.ts';

// Meetup's pages are Next.js pages: `<script id="__NEXT_DATA__">` holds what the page shows. Two
// shapes of it exist. The 2024 pages keep a normalised Apollo cache in
// `props.pageProps.__APOLLO_STATE__` ("Event:123", "Venue:456", … linked by `{"__ref": "Venue:456"}`);
// newer event pages put the event in `props.pageProps.event` with its venue, group and photo
// inline. Both describe the same Event node (the fields of Meetup's GraphQL API), so one reader
// serves both, following references through a `deref` function. When the Next.js data is
// missing, the page's schema.org JSON-LD is the fallback.

type JsonObject = Record<string, unknown>;

/** Returns what a value points at: the Apollo cache entry for a `{"__ref"}`, else the value. */
type Deref = (value: unknown) => unknown;

export interface MeetupPageOptions {
  /** The page the data came from: the base for relative links. */
  pageUrl: string;
  /** Zone for times written without an offset when the data names none (the site's zone). */
  defaultTimezone: string;
}

export interface GroupPage {
  /** The group's events the page lists, upcoming and past, each once. */
  events: SourceEvent[];
  /** Null when the page carries events in JSON-LD but no group data. */
  group: GroupDetails | null;
}

// Every other status (ACTIVE, PUBLISHED, PAST, DRAFT, …) names an event that happens or happened.
const STATUSES: Record<string, EventStatus> = {
  CANCELLED: 'cancelled',
  CANCELLED_PERM: 'cancelled',
};

const ATTENDANCE: Record<string, Attendance> = {
  PHYSICAL: 'in_person',
  ONLINE: 'online',
  HYBRID: 'hybrid',
};

// Meetup's GroupStatus values for a group that no longer meets; "ACTIVE" and "PAID" are live groups.
const INACTIVE_GROUP_STATUSES = new Set(['CLOSED', 'FROZEN', 'INACTIVE']);

const HTML_START = /^\s*<[a-z][a-z0-9]*(?:\s[^>]*)?\/?>/i;

const identity: Deref = (value) => value;

// ---- Pages ----

/** `props.pageProps` of the page's `__NEXT_DATA__`, or null when there is none to read. */
function readNextData(html: string): JsonObject | null {
  const json = scriptById(html, '__NEXT_DATA__');
  if (json.trim() === '') return null;
  try {
    return objectAt(objectAt(JSON.parse(json), 'props'), 'pageProps');
  } catch {
    return null;
  }
}

/**
 * The event an event page shows, or null when the page has no data about it. `eventId` is the
 * id the page was asked for; the page's own URL (after redirects) may name another.
 */
export function readEventPage(html: string, eventId: string, options: MeetupPageOptions): SourceEvent | null {
  const ids = [eventId, meetupIdFromUrl(options.pageUrl)].filter((id): id is string => id !== null);
  const pageProps = readNextData(html);
  const found = pageProps === null ? null : eventNodeOf(pageProps, ids);
  const event = found === null ? null : eventFromMeetupNode(found.node, options, found.deref);
  return event ?? jsonLdEvents(html, options).find((e) => ids.includes(e.sourceEventId)) ?? null;
}

function eventNodeOf(pageProps: JsonObject, ids: string[]): { node: JsonObject; deref: Deref } | null {
  const inline = objectAt(pageProps, 'event');
  if (inline !== null) return { node: inline, deref: identity };
  const state = objectAt(pageProps, '__APOLLO_STATE__');
  if (state === null) return null;
  const deref = apolloDeref(state);
  const rootQuery = objectAt(state, 'ROOT_QUERY');
  for (const id of ids) {
    const node = asObject(state[`Event:${id}`]) ?? asObject(deref(rootQuery?.[`event(${JSON.stringify({ id })})`]));
    if (node !== null) return { node, deref };
  }
  return null;
}

/**
 * A group page's events and details, or null when the page has nothing Meetup-shaped about the
 * group (a login or bot-check page, or a page whose shape has changed).
 */
export function readGroupPage(html: string, urlname: string, options: MeetupPageOptions): GroupPage | null {
  const state = objectAt(readNextData(html), '__APOLLO_STATE__');
  const group = state === null ? null : apolloGroup(state, urlname);
  const listed = jsonLdEvents(html, options).filter((event) => isGroupEventUrl(event.url, urlname));
  if (group === null && listed.length === 0) return null;

  const deref = state === null ? identity : apolloDeref(state);
  const timezone = group === null ? null : zoneOf(group.timezone);
  const fromState = state === null || group === null ? [] : apolloEvents(state, group, deref, options);
  const known = new Set(fromState.map((event) => event.sourceEventId));
  // The JSON-LD repeats the upcoming events; it only adds those the cache lacks.
  const fromJsonLd = listed
    .filter((event) => !known.has(event.sourceEventId))
    .map((event) => ({ ...event, timezone }));
  return {
    events: [...fromState, ...fromJsonLd],
    group: group === null ? null : groupDetailsOf(group, deref, options.pageUrl),
  };
}

/** The Group entry for `urlname`, which Meetup spells in any case ("Spokane-UX", "spokane-ux"). */
function apolloGroup(state: JsonObject, urlname: string): JsonObject | null {
  const wanted = urlname.toLowerCase();
  for (const [key, value] of Object.entries(state)) {
    const group = asObject(value);
    if (key.startsWith('Group:') && textOf(group?.urlname)?.toLowerCase() === wanted) return group;
  }
  return null;
}

function apolloEvents(state: JsonObject, group: JsonObject, deref: Deref, options: MeetupPageOptions): SourceEvent[] {
  const events: SourceEvent[] = [];
  for (const [key, value] of Object.entries(state)) {
    const node = asObject(value);
    // The cache may hold other groups' events (a network's, a suggestion); only this group's count.
    if (!key.startsWith('Event:') || node === null || deref(node.group) !== group) continue;
    const event = eventFromMeetupNode(node, options, deref);
    if (event !== null) events.push(event);
  }
  return events;
}

function apolloDeref(state: JsonObject): Deref {
  return (value) => {
    const ref = asObject(value)?.__ref;
    return typeof ref === 'string' ? state[ref] : value;
  };
}

/** The page's schema.org Events, with Meetup event ids (their URLs' last segment) as ids. */
function jsonLdEvents(html: string, options: MeetupPageOptions): SourceEvent[] {
  const schemaOptions = { pageUrl: options.pageUrl, timezone: options.defaultTimezone };
  return findEventNodes(extractJsonLd(html).nodes)
    .map((node) => eventFromSchemaOrg(node, schemaOptions))
    .filter((event): event is SourceEvent => event !== null)
    .map((event) => ({ ...event, sourceEventId: meetupIdFromUrl(event.url) ?? event.sourceEventId }));
}

/** The last path segment of `…/events/<id>/`, or null for any other URL. */
export function meetupIdFromUrl(url: string | null): string | null {
  const segments = pathSegments(url);
  return segments.at(-2) === 'events' ? segments.at(-1) ?? null : null;
}

function isGroupEventUrl(url: string | null, urlname: string): boolean {
  const segments = pathSegments(url);
  return segments.at(-3)?.toLowerCase() === urlname.toLowerCase() && meetupIdFromUrl(url) !== null;
}

function pathSegments(url: string | null): string[] {
  if (url === null || !URL.canParse(url)) return [];
  return new URL(url).pathname.split('/').filter(Boolean);
}

// ---- One Event node ----

/**
 * An Event node of Meetup's data (the Apollo cache's, a page's inline event, or a GraphQL API
 * node) as our event, or null when it has no title or no readable start.
 */
export function eventFromMeetupNode(
  node: JsonObject,
  options: MeetupPageOptions,
  deref: Deref = identity,
): SourceEvent | null {
  const title = plainText(textOf(node.title) ?? '');
  const groupZone = zoneOf(asObject(deref(node.group))?.timezone);
  const start = parseDateTime(textOf(node.dateTime) ?? '', groupZone ?? options.defaultTimezone);
  if (title === '' || start === null) return null;
  const end = parseDateTime(textOf(node.endTime) ?? '', groupZone ?? options.defaultTimezone);
  const eventType = textOf(node.eventType)?.toUpperCase() ?? '';
  return {
    sourceEventId: meetupId(node),
    title,
    start,
    // An end at or before the start is a data-entry slip; a guessed end is better than a wrong one.
    ...(end !== null && end > start
      ? { end, endEstimated: false }
      : { end: addMinutes(start, DEFAULT_DURATION_MINUTES), endEstimated: true }),
    allDay: false,
    timezone: groupZone,
    status: STATUSES[textOf(node.status)?.toUpperCase() ?? ''] ?? 'scheduled',
    attendance: ATTENDANCE[eventType] ?? (node.isOnline === true ? 'online' : 'in_person'),
    venue: eventType === 'ONLINE' ? null : venueOf(node, deref),
    // Meetup gives the online link only to those allowed to see it; null otherwise.
    onlineUrl: safeHttpUrl(asObject(deref(node.onlineVenue))?.url),
    url: safeHttpUrl(textOf(node.eventUrl), options.pageUrl),
    descriptionHtml: markdownToHtml(textOf(node.description) ?? ''),
    imageUrl: photoUrl(deref(node.featuredEventPhoto)),
    topics: topicsOf(deref(node.topics), deref),
  };
}

/**
 * Recurring series list far instances under alphanumeric ids that later become numeric; when a
 * node has both (`id` and `token` swap roles between API versions), the numeric one is stable.
 */
function meetupId(node: JsonObject): string {
  const ids = [textOf(node.id), textOf(node.token)].filter((id): id is string => id !== null);
  return ids.find(isNumericId) ?? ids[0] ?? '';
}

export function isNumericId(id: string): boolean {
  return /^\d+$/.test(id);
}

/** `venue`, or the first real place among `venues` (the GraphQL API lists online "venues" too). */
function venueOf(node: JsonObject, deref: Deref): Venue | null {
  const candidates = [node.venue, ...(Array.isArray(node.venues) ? node.venues : [])].map(deref);
  const place = candidates.map(asObject).find((v) => v !== null && textOf(v.venueType)?.toLowerCase() !== 'online');
  if (place === undefined || place === null) return null;
  const name = textOf(place.name);
  const venue: Venue = { name: name === null ? null : plainText(name), address: addressOf(place), ...coordinatesOf(place) };
  return venue.name === null && venue.address === null && venue.lat === null ? null : venue;
}

/** "1720 W 4th Ave Unit B, Spokane, WA 99204": Meetup's country code adds nothing to a local address. */
function addressOf(place: JsonObject): string | null {
  const region = [textOf(place.state), textOf(place.postalCode)].filter(Boolean).join(' ');
  const parts: string[] = [];
  for (const part of [textOf(place.address), textOf(place.city), region]) {
    if (part && !alreadySaid(parts, part)) parts.push(plainText(part));
  }
  return parts.length === 0 ? null : parts.join(', ');
}

/** Organizers often type the city and state into the street line as well. */
function alreadySaid(parts: string[], part: string): boolean {
  const said = parts.join(',').split(',').map((segment) => segment.trim().toLowerCase());
  return said.includes(part.toLowerCase());
}

/** `lat` with `lng` (inline events) or `lon` (the Apollo cache); Meetup writes 0,0 for "unknown". */
function coordinatesOf(place: JsonObject): Pick<Venue, 'lat' | 'lon'> {
  const lat = numberOf(place.lat);
  const lon = numberOf(place.lng) ?? numberOf(place.lon);
  const valid = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && (lat !== 0 || lon !== 0);
  return valid ? { lat, lon } : { lat: null, lon: null };
}

/** A PhotoInfo's full-size image; Meetup's image service also serves `<baseUrl><id>/676x676.jpg`. */
function photoUrl(value: unknown): string | null {
  const photo = asObject(value);
  if (photo === null) return null;
  const baseUrl = textOf(photo.baseUrl);
  const id = textOf(photo.id);
  const sized = baseUrl !== null && id !== null ? `${baseUrl}${id}/676x676.jpg` : null;
  return safeHttpUrl(textOf(photo.highResUrl)) ?? safeHttpUrl(textOf(photo.source)) ?? safeHttpUrl(sized);
}

/** A TopicsConnection (`{edges: [{node: {name}}]}`) or a plain list of topics or names. */
function topicsOf(topics: unknown, deref: Deref): string[] {
  const edges = asObject(topics)?.edges;
  const items = Array.isArray(edges) ? edges.map((edge) => asObject(edge)?.node) : Array.isArray(topics) ? topics : [];
  const names = items
    .map(deref)
    .map((item) => textOf(item) ?? textOf(asObject(item)?.name))
    .filter((name): name is string => name !== null)
    .map(plainText);
  return [...new Set(names)];
}

// ---- The group ----

function groupDetailsOf(group: JsonObject, deref: Deref, pageUrl: string): GroupDetails {
  const name = textOf(group.name);
  const description = textOf(group.description);
  const status = textOf(group.status)?.toUpperCase() ?? '';
  return {
    name: name === null ? undefined : plainText(name),
    descriptionHtml: description === null ? undefined : descriptionHtml(description),
    imageUrl: photoUrl(deref(group.keyGroupPhoto) ?? deref(group.groupPhoto)) ?? undefined,
    links: linksOf(group, pageUrl),
    timezone: zoneOf(group.timezone) ?? undefined,
    active: INACTIVE_GROUP_STATUSES.has(status) ? false : undefined,
  };
}

/**
 * Group descriptions are HTML on older groups and Markdown on newer ones, which may hold some
 * inline HTML too; read as Markdown, HTML can turn into code blocks or lose its emphasis marks.
 */
function descriptionHtml(description: string): string {
  return HTML_START.test(description) ? sanitizeDescription(description) : markdownToHtml(description);
}

/** The group page, then its website and social links; Meetup stores unset ones as "http://". */
function linksOf(group: JsonObject, pageUrl: string): string[] {
  const networks = Array.isArray(group.socialNetworks) ? group.socialNetworks : [];
  const links = [pageUrl, group.website, ...networks.map((network) => asObject(network)?.url)]
    .map((link) => safeHttpUrl(textOf(link)))
    .filter((link): link is string => link !== null);
  return [...new Set(links)];
}

// ---- JSON values ----

function asObject(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

function objectAt(value: unknown, key: string): JsonObject | null {
  return asObject(asObject(value)?.[key]);
}

function textOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function numberOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function zoneOf(value: unknown): string | null {
  const zone = textOf(value);
  // Temporal also accepts offsets such as "+01:00", which are no IANA names.
  return zone !== null && /^[A-Za-z]/.test(zone) && isValidTimeZone(zone) ? zone : null;
}
