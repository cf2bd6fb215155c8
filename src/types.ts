// The one event shape every adapter returns and every later stage (store, export, templates,
// feeds) reads. Keep every field here so that no two stages disagree about one.

export const SOURCE_TYPES = ['meetup', 'eventbrite', 'luma', 'ical', 'jsonld'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export type EventStatus = 'scheduled' | 'cancelled' | 'postponed';
export type Attendance = 'in_person' | 'online' | 'hybrid';

export interface Venue {
  name: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
}

/**
 * An event as a source lists it.
 *
 * Timed events: `start` and `end` are UTC instants written `YYYY-MM-DDTHH:MM:SSZ`.
 * All-day events (`allDay: true`): `start` and `end` are local dates `YYYY-MM-DD`, the end
 * exclusive as in iCalendar (a one-day event on the 5th ends on the 6th).
 */
export interface SourceEvent {
  /** The source's own id (iCalendar UID plus recurrence instance, Meetup event id, …). */
  sourceEventId: string;
  title: string;
  start: string;
  end: string;
  allDay: boolean;
  /** True when the source gave no end and `end` is our default duration. */
  endEstimated: boolean;
  /** IANA zone the source states for the event, or null when it names none. */
  timezone: string | null;
  status: EventStatus;
  attendance: Attendance;
  venue: Venue | null;
  onlineUrl: string | null;
  /** The event's own page at its source. */
  url: string | null;
  /** Sanitized HTML; never raw scraped markup. */
  descriptionHtml: string;
  imageUrl: string | null;
  topics: string[];
}

/** What an adapter learned about the group from its platform; `sources.yaml` overrides it. */
export interface GroupDetails {
  name?: string;
  descriptionHtml?: string;
  imageUrl?: string;
  links?: string[];
  timezone?: string;
  active?: boolean;
}

export interface AdapterResult {
  events: SourceEvent[];
  group?: GroupDetails;
  /** Problems that did not fail the source (an event page that could not be read, …). */
  warnings?: string[];
}

// ---- Configuration (sources.yaml) ----

export interface SiteConfig {
  title: string;
  url: string;
  timezone: string;
  description?: string;
}

export interface SourceConfig {
  type: SourceType;
  url: string;
}

export interface GroupConfig {
  id: string;
  name: string;
  homepage?: string;
  description?: string;
  tags: string[];
  sources: SourceConfig[];
}

export interface Config {
  site: SiteConfig;
  groups: GroupConfig[];
  /** Event URL pairs to show as one event (merge) or never as one (split). */
  duplicates: { merge: [string, string][]; split: [string, string][] };
  /** Politeness of the fetch engine; what is left out takes the defaults in src/http. */
  fetch: FetchSettings;
}

export interface FetchSettings {
  /** Requests in flight at once, all hosts together. */
  concurrency?: number;
  /** A source still unfinished after this long fails with a timeout. */
  deadlineSeconds?: number;
  /** Per host (`www.meetup.com`, or `default` for every other host). */
  hosts?: Record<string, { concurrency?: number; minIntervalMs?: number }>;
}

// ---- Export (data/*.json): what the site and the feeds are built from ----

export interface ExportedEvent extends SourceEvent {
  /** Stable id across runs, derived from the source and its event id; used for feed UIDs. */
  id: string;
  /** Stable URL segment, fixed when the event is first seen. */
  slug: string;
  groupId: string;
  sourceType: SourceType;
  sourceUrl: string;
  /** Raised each time the event's content changes upstream (iCalendar SEQUENCE). */
  sequence: number;
  firstSeen: string;
  lastChanged: string;
  /** Missing from the latest successful fetches of its source; no longer listed as upcoming. */
  removed: boolean;
  /** What changed upstream after the event was first seen, oldest first. */
  changes: EventChange[];
}

export type ChangeField = 'title' | 'time' | 'place' | 'status';

export interface EventChange {
  at: string;
  fields: ChangeField[];
  /** The values before the change, for the fields that changed. */
  previous: Partial<Pick<SourceEvent, 'title' | 'start' | 'end' | 'allDay' | 'venue' | 'attendance' | 'onlineUrl' | 'status'>>;
}

/** Where else the same event is listed, when two sources list it (a Luma calendar re-listing a Meetup event). */
export interface Listing {
  groupId: string;
  sourceType: SourceType;
  url: string | null;
}

/** An event as the site and the feeds show it: duplicates across sources merged into one. */
export interface ListedEvent extends ExportedEvent {
  alsoListedOn: Listing[];
}

export interface ExportedGroup {
  id: string;
  name: string;
  homepage: string | null;
  descriptionHtml: string | null;
  imageUrl: string | null;
  links: string[];
  tags: string[];
  sources: { type: SourceType; url: string }[];
}

export type FetchOutcome = 'ok' | 'failed' | 'not_modified';

export interface SourceHealth {
  groupId: string;
  type: SourceType;
  url: string;
  lastOutcome: FetchOutcome | null;
  lastAttempt: string | null;
  lastSuccess: string | null;
  lastFailure: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Upcoming events found by the recent successful fetches, oldest first. */
  upcomingCounts: number[];
  /** Why the source needs a maintainer's look (failing three runs in a row, or its count halved), or null. */
  flag: string | null;
}
