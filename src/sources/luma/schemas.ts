import { z } from 'zod';
import { number, orNull, string, text, zone } from '../lenient-json.ts';

// Luma's (unofficial) JSON, as far as we read it, as zod schemas. An entry must have an event with
// a name and a start; every other part falls back to null rather than failing the entry: one odd
// field should cost that detail, not the event.

export const CALENDAR_ID = /^cal-[A-Za-z0-9]+$/;

/** A calendar, handed on whole (the page's own, or one an entry names): its strings as Luma wrote them. */
export const LumaCalendarSchema = z.object({
  api_id: z.string().regex(CALENDAR_ID),
  name: string,
  description_short: string,
  avatar_url: string,
  cover_image_url: string,
  slug: string,
  timezone: string,
  website: string,
  twitter_handle: string,
  instagram_handle: string,
  linkedin_handle: string,
  youtube_handle: string,
  tiktok_handle: string,
});

export type LumaCalendar = z.infer<typeof LumaCalendarSchema>;

const LumaEventSchema = z.object({
  api_id: text,
  name: z.string(),
  start_at: z.string(),
  end_at: text,
  /** External events give a duration (`P0Y0M0DT2H0M0S`) instead of an end. */
  duration_interval: text,
  timezone: zone,
  /** A bare slug for Luma's own events, the full URL for an external one. */
  url: text,
  cover_url: text,
  location_type: text,
  geo_address_info: orNull(z.object({ address: text, full_address: text, city_state: text })),
  coordinate: orNull(z.object({ latitude: number, longitude: number })),
});

export type LumaEvent = z.infer<typeof LumaEventSchema>;

/** An entry of `/calendar/get-items`. */
export const LumaEntrySchema = z.object({
  /** The listing on this calendar (`calev-…`); external events have no other id. */
  api_id: text,
  event: LumaEventSchema,
  calendar: orNull(LumaCalendarSchema),
});

/** A page of `/calendar/get-items`; an answer without its list of entries fails to read. */
export const ItemsPageSchema = z.object({
  entries: z.array(z.unknown()),
  has_more: z.boolean().nullish(),
  next_cursor: z.string().nullish(),
});

export type ItemsPage = z.infer<typeof ItemsPageSchema>;
