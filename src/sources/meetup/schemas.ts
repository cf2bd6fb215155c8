import { z } from 'zod';
import { flag, jsonObject, listOf, number, orNull, requiredText, text, zone } from '../lenient-json.ts';

// Meetup's data as its pages carry it, as zod schemas. Two shapes exist. The 2024 pages keep a
// normalised Apollo cache in `props.pageProps.__APOLLO_STATE__` ("Event:123", "Venue:456", …
// linked by `{"__ref": "Venue:456"}`); newer event pages put the event in `props.pageProps.event`
// with its venue, group and photo inline. Both describe the same Event node (the fields of
// Meetup's GraphQL API), so one set of schemas reads both: made for a cache, they follow its
// references wherever a node may stand.

/** `props.pageProps` of a page's `__NEXT_DATA__`, or null. */
export const NextDataPageProps = orNull(
  z.object({ props: orNull(z.object({ pageProps: orNull(z.object({ event: jsonObject, __APOLLO_STATE__: jsonObject })) })) }),
).transform((data) => data?.props?.pageProps ?? null);

export type MeetupPageProps = NonNullable<z.output<typeof NextDataPageProps>>;

export type ApolloState = Record<string, unknown>;

/** `{"__ref": "Group:123"}`: a pointer to the cache entry under that key. */
const Reference = z.object({ __ref: z.string() });

/** The value, or the cache entry it refers to. */
export function dereference(state: ApolloState, value: unknown): unknown {
  const reference = Reference.safeParse(value);
  return reference.success ? state[reference.data.__ref] : value;
}

/** The key of the group's entry an event of the cache names. */
export const EventGroupKey = z.object({ group: orNull(Reference) }).transform((event) => event.group?.__ref ?? null);

/** The schemas for the nodes of one page: references lead into `state`, when there is one. */
export function meetupSchemas(state: ApolloState | null) {
  const resolved = <T extends z.ZodType>(schema: T) =>
    state === null ? schema : z.preprocess((value) => dereference(state, value), schema);

  /** A PhotoInfo: its full-size image, or the pieces Meetup's image service builds one from. */
  const Photo = z.object({ highResUrl: text, source: text, baseUrl: text, id: text });

  const Venue = z.object({
    venueType: text,
    name: text,
    address: text,
    city: text,
    state: text,
    postalCode: text,
    lat: number,
    /** Inline events write `lng`, the Apollo cache `lon`. */
    lng: number,
    lon: number,
  });

  /** A topic, or its name in its place. */
  const Topic = resolved(z.union([requiredText, z.object({ name: text }).transform((topic) => topic.name)]));

  /** A TopicsConnection (`{edges: [{node: {name}}]}`) or a plain list of topics or names. */
  const Topics = resolved(
    z.union([
      z.object({ edges: listOf(z.object({ node: orNull(Topic) }).transform((edge) => edge.node)) }).transform((topics) => topics.edges),
      listOf(Topic),
    ]),
  );

  const Event = z.object({
    id: text,
    token: text,
    title: text,
    dateTime: text,
    endTime: text,
    eventType: text,
    status: text,
    isOnline: flag,
    eventUrl: text,
    description: text,
    group: orNull(resolved(z.object({ timezone: zone }))),
    venue: orNull(resolved(Venue)),
    /** The GraphQL API lists the event's places here, online "venues" too. */
    venues: listOf(resolved(Venue)),
    onlineVenue: orNull(resolved(z.object({ url: text }))),
    featuredEventPhoto: orNull(resolved(Photo)),
    topics: orNull(Topics).transform((topics) => topics ?? []),
  });

  const Group = z.object({
    urlname: text,
    name: text,
    description: text,
    status: text,
    timezone: zone,
    keyGroupPhoto: orNull(resolved(Photo)),
    groupPhoto: orNull(resolved(Photo)),
    website: text,
    socialNetworks: listOf(z.object({ url: text })),
  });

  return { Event, Group };
}

export type MeetupSchemas = ReturnType<typeof meetupSchemas>;
export type MeetupEvent = z.output<MeetupSchemas['Event']>;
export type MeetupGroup = z.output<MeetupSchemas['Group']>;
export type MeetupPhoto = NonNullable<MeetupEvent['featuredEventPhoto']>;
export type MeetupVenue = NonNullable<MeetupEvent['venue']>;

/** For nodes that carry everything inline: an event page's `event`, a GraphQL API node. */
export const INLINE_SCHEMAS = meetupSchemas(null);
