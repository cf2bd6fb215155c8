import type { GroupDetails, SourceEvent } from '../../types.ts';
import { nextData } from '../html-scripts.ts';
import { extractJsonLd, findEventNodes } from '../jsonld/extract.ts';
import { eventFromSchemaOrg } from '../jsonld/schema-org-event.ts';
import { jsonObject } from '../lenient-json.ts';
import { eventFromMeetupNode, type MeetupPageOptions } from './event-node.ts';
import { meetupGroupDetails } from './group-details.ts';
import {
  dereference,
  EventGroupKey,
  INLINE_SCHEMAS,
  meetupSchemas,
  NextDataPageProps,
  type ApolloState,
  type MeetupGroup,
  type MeetupPageProps,
  type MeetupSchemas,
} from './schemas.ts';
import { isGroupEventUrl, meetupIdFromUrl } from './urls.ts';

// Meetup's pages are Next.js pages: `<script id="__NEXT_DATA__">` holds what the page shows
// (schemas.ts says in which shapes). When the Next.js data is missing, the page's schema.org
// JSON-LD is the fallback.

export interface GroupPage {
  /** The group's events the page lists, upcoming and past, each once. */
  events: SourceEvent[];
  /** Null when the page carries events in JSON-LD but no group data. */
  group: GroupDetails | null;
}

/**
 * The event an event page shows, or null when the page has no data about it. `eventId` is the
 * id the page was asked for; the page's own URL (after redirects) may name another.
 */
export function readEventPage(html: string, eventId: string, options: MeetupPageOptions): SourceEvent | null {
  const ids = [eventId, meetupIdFromUrl(options.pageUrl)].filter((id): id is string => id !== null);
  const pageProps = NextDataPageProps.parse(nextData(html));
  const found = pageProps === null ? null : eventNodeOf(pageProps, ids);
  const event = found === null ? null : eventFromMeetupNode(found.node, options, found.schemas);
  return event ?? jsonLdEvents(html, options).find((e) => ids.includes(e.sourceEventId)) ?? null;
}

function eventNodeOf(pageProps: MeetupPageProps, ids: string[]): { node: unknown; schemas: MeetupSchemas } | null {
  if (pageProps.event !== null) return { node: pageProps.event, schemas: INLINE_SCHEMAS };
  const state = pageProps.__APOLLO_STATE__;
  if (state === null) return null;
  const rootQuery = jsonObject.parse(state.ROOT_QUERY);
  for (const id of ids) {
    const node = jsonObject.parse(state[`Event:${id}`]) ?? jsonObject.parse(dereference(state, rootQuery?.[`event(${JSON.stringify({ id })})`]));
    if (node !== null) return { node, schemas: meetupSchemas(state) };
  }
  return null;
}

/**
 * A group page's events and details, or null when the page has nothing Meetup-shaped about the
 * group (a login or bot-check page, or a page whose shape has changed).
 */
export function readGroupPage(html: string, urlname: string, options: MeetupPageOptions): GroupPage | null {
  const state = NextDataPageProps.parse(nextData(html))?.__APOLLO_STATE__ ?? null;
  const schemas = state === null ? INLINE_SCHEMAS : meetupSchemas(state);
  const found = state === null ? null : apolloGroup(state, urlname, schemas);
  const listed = jsonLdEvents(html, options).filter((event) => isGroupEventUrl(event.url, urlname));
  if (found === null && listed.length === 0) return null;

  const timezone = found?.group.timezone ?? null;
  const fromState = state === null || found === null ? [] : apolloEvents(state, found.key, schemas, options);
  const known = new Set(fromState.map((event) => event.sourceEventId));
  // The JSON-LD repeats the upcoming events; it only adds those the cache lacks.
  const fromJsonLd = listed
    .filter((event) => !known.has(event.sourceEventId))
    .map((event) => ({ ...event, timezone }));
  return {
    events: [...fromState, ...fromJsonLd],
    group: found === null ? null : meetupGroupDetails(found.group, options.pageUrl),
  };
}

/** The Group entry for `urlname`, which Meetup spells in any case ("Spokane-UX", "spokane-ux"). */
function apolloGroup(state: ApolloState, urlname: string, schemas: MeetupSchemas): { key: string; group: MeetupGroup } | null {
  const wanted = urlname.toLowerCase();
  for (const [key, value] of Object.entries(state)) {
    if (!key.startsWith('Group:')) continue;
    const group = schemas.Group.safeParse(value);
    if (group.success && group.data.urlname?.toLowerCase() === wanted) return { key, group: group.data };
  }
  return null;
}

function apolloEvents(state: ApolloState, groupKey: string, schemas: MeetupSchemas, options: MeetupPageOptions): SourceEvent[] {
  const events: SourceEvent[] = [];
  for (const [key, node] of Object.entries(state)) {
    // The cache may hold other groups' events (a network's, a suggestion); only this group's count.
    if (!key.startsWith('Event:') || EventGroupKey.safeParse(node).data !== groupKey) continue;
    const event = eventFromMeetupNode(node, options, schemas);
    if (event !== null) events.push(event);
  }
  return events;
}

/** The page's schema.org Events, with Meetup event ids (their URLs' last segment) as ids. */
function jsonLdEvents(html: string, options: MeetupPageOptions): SourceEvent[] {
  const schemaOptions = { pageUrl: options.pageUrl, timezone: options.defaultTimezone };
  return findEventNodes(extractJsonLd(html).nodes)
    .map((node) => eventFromSchemaOrg(node, schemaOptions))
    .filter((event): event is SourceEvent => event !== null)
    .map((event) => ({ ...event, sourceEventId: meetupIdFromUrl(event.url) ?? event.sourceEventId }));
}
