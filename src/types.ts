// The events and groups every stage reads, named for the stage that holds them:
//
//   SourceEvent   what an adapter returns for one listing         (src/sources)
//   StoredEvent   a SourceEvent with the identity and history the store gives it; also what the
//                 committed snapshot (data/events.json) keeps     (src/store)
//   ListedEvent   a StoredEvent after listings of one event by several sources are merged
//                                                                  (src/publish/duplicates.ts)
//   EventView     what a page shows                               (src/publish/view)
//   PublicEvent   what the site's events.json publishes            (src/publish/public-json.ts)
//
// Keep the fields of the first three here, so that no two stages disagree about one.

/** How a source is read; `manual`: events kept in a YAML file of the repository, for a group with no feed. */
export const SOURCE_TYPES = ['meetup', 'eventbrite', 'luma', 'ical', 'jsonld', 'manual'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
export type FetchedSourceType = Exclude<SourceType, 'manual'>;

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

/** An event as the store holds it: what its source said, and what we keep about it across runs. */
export interface StoredEvent extends SourceEvent {
  /** Stable id across runs, derived from the source and its event id. */
  id: string;
  /** Its UID in the calendar feeds, fixed when it is first stored and never changed (src/store/identity.ts). */
  uid: string;
  /** Stable URL segment, fixed when the event is first seen. */
  slug: string;
  groupId: string;
  sourceType: SourceType;
  sourceUrl: string;
  /** Raised each time the event's content changes upstream (iCalendar SEQUENCE). */
  sequence: number;
  firstSeen: string;
  lastChanged: string;
  /** Successful fetches in a row that no longer listed it; `removed` once it reaches the limit. */
  missingCount: number;
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

/** An event as the site and the feeds show it: listings of it by several sources merged into one. */
export interface ListedEvent extends StoredEvent {
  alsoListedOn: Listing[];
  /** What the maintainers corrected (sources.yaml, corrections:), shown as such; null when nothing. */
  correction: EventCorrection | null;
}

export interface EventCorrection {
  reason: string;
  /** What the correction changed: "title", "time", "place", "status", "tags". */
  fields: string[];
}

/** A group as the site shows it: what sources.yaml says, filled in with what its platform said. */
export interface StoredGroup {
  id: string;
  name: string;
  homepage: string | null;
  descriptionHtml: string | null;
  imageUrl: string | null;
  links: string[];
  tags: string[];
  sources: { type: SourceType; url: string }[];
  /** What the group's platform said about it, before sources.yaml overrides any of it. */
  learned: GroupDetails | null;
  learnedAt: string | null;
}
