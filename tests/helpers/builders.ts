import { configSchema, type Config, type GroupConfig, type SiteConfig } from '../../src/config/schema.ts';
import type { SourceHealth } from '../../src/store/health.ts';
import type { FetchEntry } from '../../src/store/runs.ts';
import type { ListedEvent, SourceEvent, StoredEvent, StoredGroup } from '../../src/types.ts';
import { viewContext } from '../../src/publish/view/context.ts';
import { eventView as viewOf, type EventView } from '../../src/publish/view/event.ts';
import type { JsonLdInput } from '../../src/publish/view/structured-data.ts';

// Test data for each stage of the pipeline, each built from the one before it, as the program
// builds them: a SourceEvent (what an adapter returns) becomes a StoredEvent (with the store's
// identity and history), which becomes a ListedEvent (after duplicates merge), which becomes an
// EventView (what the pages show). Every builder gives a complete, ordinary value; a test
// overrides only what it is about.

export const ZONE = 'America/Los_Angeles';

/** The clock the builders' dates are written against: Thursday, November 26, 2026, noon in Spokane. */
export const NOW = new Date('2026-11-26T20:00:00Z');

/** A timed, in-person, scheduled talk: Thursday, December 3, 2026, 6–8 PM in Spokane. */
export function sourceEvent(overrides: Partial<SourceEvent> = {}): SourceEvent {
  return {
    sourceEventId: 'evt-1',
    title: 'Python Night',
    start: '2026-12-04T02:00:00Z',
    end: '2026-12-04T04:00:00Z',
    allDay: false,
    endEstimated: false,
    timezone: ZONE,
    status: 'scheduled',
    attendance: 'in_person',
    venue: { name: 'IntelliTect', address: '1720 W 4th Ave, Spokane, WA 99201', lat: null, lon: null },
    onlineUrl: null,
    url: 'https://www.meetup.com/python-spokane/events/1/',
    descriptionHtml: '<p>Talks and pizza.</p>',
    imageUrl: null,
    topics: [],
    ...overrides,
  };
}

/** A source event as the store holds it, first seen in November, never changed. */
export function storedEvent(overrides: Partial<StoredEvent> = {}): StoredEvent {
  const id = overrides.id ?? 'meetup-evt-1';
  const { sourceEventId, ...source } = sourceEvent(overrides);
  return {
    ...source,
    sourceEventId: overrides.sourceEventId ?? sourceEventId,
    id,
    uid: `${id}@spokane-tech`,
    slug: id.replace(/[^a-z0-9]+/g, '-'),
    groupId: 'python-spokane',
    sourceType: 'meetup',
    sourceUrl: 'https://www.meetup.com/python-spokane/',
    sequence: 0,
    firstSeen: '2026-11-01T00:00:00Z',
    lastChanged: '2026-11-01T00:00:00Z',
    missingCount: 0,
    removed: false,
    changes: [],
    ...overrides,
  };
}

/** A stored event that no other source lists. */
export function listedEvent(overrides: Partial<ListedEvent> = {}): ListedEvent {
  return { ...storedEvent(overrides), alsoListedOn: [], correction: null, ...overrides };
}

/** A listed event as the pages show it, on the site siteConfig() describes, built at NOW. */
export function eventView(overrides: Partial<ListedEvent> = {}, site: { groups?: StoredGroup[]; now?: Date } = {}): EventView {
  return viewOf(listedEvent(overrides), viewContext(site.groups ?? [storedGroup()], siteConfig(), site.now ?? NOW));
}

/** What an event page's schema.org data is made from: a listed event, its group, its page on the site. */
export function jsonLdInput(overrides: Partial<JsonLdInput> = {}): JsonLdInput {
  return {
    event: listedEvent(),
    group: undefined,
    groupName: 'Spokane Python User Group',
    pageUrl: 'https://spokanetech.example/events/x/',
    groupPageUrl: 'https://spokanetech.example/groups/python-spokane/',
    zone: ZONE,
    description: 'Talks and pizza.',
    ...overrides,
  };
}

export function storedGroup(overrides: Partial<StoredGroup> & { id?: string } = {}): StoredGroup {
  const id = overrides.id ?? 'python-spokane';
  return {
    id,
    name: 'Spokane Python User Group',
    homepage: `https://www.meetup.com/${id}/`,
    descriptionHtml: null,
    imageUrl: null,
    links: [],
    tags: [],
    sources: [{ type: 'meetup', url: `https://www.meetup.com/${id}/` }],
    learned: null,
    learnedAt: null,
    ...overrides,
  };
}

/** A source whose last fetch, this morning, went well. */
export function sourceHealth(overrides: Partial<SourceHealth> = {}): SourceHealth {
  const groupId = overrides.groupId ?? 'python-spokane';
  return {
    groupId,
    type: 'meetup',
    url: `https://www.meetup.com/${groupId}/`,
    state: 'healthy',
    reason: null,
    lastOutcome: 'ok',
    lastAttempt: '2026-11-26T10:00:00Z',
    lastSuccess: '2026-11-26T10:00:00Z',
    lastFailure: null,
    lastError: null,
    consecutiveFailures: 0,
    upcomingCounts: [],
    ...overrides,
  };
}

/** One successful fetch of a source in the run log. */
export function fetchEntry(overrides: Partial<FetchEntry> = {}): FetchEntry {
  return {
    run: 1,
    groupId: 'python-spokane',
    type: 'meetup',
    url: 'https://www.meetup.com/python-spokane/',
    outcome: 'ok',
    errorKind: null,
    httpStatus: null,
    message: null,
    found: 4,
    new: 0,
    changed: 0,
    missing: 0,
    upcoming: 4,
    countDrop: null,
    durationMs: 100,
    finishedAt: '2026-11-26T12:17:00Z',
    ...overrides,
  };
}

export function siteConfig(overrides: Partial<SiteConfig> = {}): SiteConfig {
  return { title: 'Spokane Tech', url: 'https://spokanetech.example', timezone: ZONE, ...overrides };
}

/** A group of sources.yaml with one iCalendar feed. */
export function groupConfig(overrides: Partial<GroupConfig> = {}): GroupConfig {
  return { id: 'python-spokane', name: 'Spokane Python User Group', tags: [], sources: [{ type: 'ical', url: 'https://py.example/feed.ics' }], ...overrides };
}

/** A whole config: the site, the groups given (one by default), every other section as the schema defaults it. */
export function config(overrides: Partial<Config> = {}): Config {
  return { ...configSchema.parse({ site: siteConfig(), groups: [] }), groups: [groupConfig()], ...overrides };
}
