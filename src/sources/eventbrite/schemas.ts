import { z } from 'zod';
import { flag, number, orNull, requiredList, requiredText, text, zone } from '../lenient-json.ts';

// Eventbrite's own objects (API v3 events, venues, organizers) as zod schemas. The organizer page
// embeds the very same objects in its `window.__SERVER_DATA__`, so one set serves both readers.

/** Eventbrite's rich text (`{text, html}`), or a plain string as its text. */
const RichText = orNull(z.union([z.object({ html: text, text: text }), requiredText.transform((plain) => ({ html: null, text: plain }))]));

/** `logo.url` is the picture as the organizer cropped it; `logo.original.url` the one uploaded. */
const Logo = orNull(z.object({ url: text, original: orNull(z.object({ url: text })) }));

const Address = z.object({
  localized_address_display: text,
  address_1: text,
  address_2: text,
  city: text,
  region: text,
  postal_code: text,
  latitude: number,
  longitude: number,
});

export const EventbriteVenue = z.object({
  name: text,
  address: orNull(Address),
  latitude: number,
  longitude: number,
});

export const EventbriteEvent = z.object({
  id: text,
  url: text,
  /** Rich text in the API, a plain string in some listings. */
  name: orNull(z.union([requiredText, z.object({ text: text }).transform((name) => name.text)])),
  /** API events and the organizer page's listing: `{utc, local, timezone}`. */
  start: orNull(z.object({ utc: text, local: text, timezone: zone })),
  end: orNull(z.object({ utc: text, local: text })),
  /** Newer listings (search results, destination pages) write the date and the time apart. */
  start_date: text,
  start_time: text,
  end_date: text,
  end_time: text,
  timezone: zone,
  is_series_parent: flag,
  online_event: flag,
  venue: orNull(EventbriteVenue),
  /** Without `expand=venue`, only this: the venue is looked up. */
  venue_id: text,
  status: text,
  event_sales_status: orNull(z.object({ message_code: text })),
  description: RichText,
  summary: RichText,
  logo: Logo,
});

export const EventbriteOrganizer = z.object({
  name: text,
  long_description: RichText,
  description: RichText,
  summary: RichText,
  logo: Logo,
  website_url: text,
  website: text,
  url: text,
  twitter: text,
  facebook: text,
});

/** A page of `/organizers/{id}/events/`; an answer without its `events` list fails to read. */
export const EventsPage = z.object({
  events: requiredList(EventbriteEvent),
  pagination: orNull(z.object({ has_more_items: flag, continuation: text })),
});

/** What the organizer page assigns to `window.__SERVER_DATA__`, as far as we read it. */
export const ServerData = z.object({
  api_data: orNull(z.object({ organizer: orNull(EventbriteOrganizer) })),
  view_data: orNull(
    z.object({
      events: orNull(
        z.object({
          /** Null when the page has no such list: the page has changed, and its JSON-LD is read instead. */
          future_events: orNull(requiredList(EventbriteEvent)),
          has_next_future_page: flag,
          num_future_events: text,
        }),
      ),
    }),
  ),
  /** The JSON-LD nodes the page renders, for when the listing above is missing. */
  jsonld: orNull(z.array(z.unknown())).transform((nodes) => nodes ?? []),
});

export type EventbriteVenue = z.output<typeof EventbriteVenue>;
export type EventbriteEvent = z.output<typeof EventbriteEvent>;
export type EventbriteOrganizer = z.output<typeof EventbriteOrganizer>;
export type ServerData = z.output<typeof ServerData>;
