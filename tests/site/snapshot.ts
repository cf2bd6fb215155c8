import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildView, type ListedSnapshot, type SiteView } from '../../src/publish/view/index.ts';
import { renderSite } from '../../src/publish/render.ts';
import { writeFeedsAndData } from '../../src/publish/feeds.ts';
import type { StoredGroup, ListedEvent } from '../../src/types.ts';
import type { SiteConfig } from '../../src/config/schema.ts';
import type { SourceHealth } from '../../src/store/health.ts';
import { sanitizedEvent, sanitizedGroup } from '../../src/store/snapshot.ts';
import { listedEvent, sourceHealth, storedGroup } from '../helpers/builders.ts';

// A snapshot with every kind of event the site has to show: timed, all-day, multi-day, no end
// time, online, hybrid, cancelled, postponed, changed, removed, past, co-listed, hostile and
// long unicode titles. Dates are fixed against NOW, which the build is given.

export const NOW = new Date('2026-11-26T20:00:00Z'); // Thursday, November 26, 2026, 12:00 PM PST
export const ZONE = 'America/Los_Angeles';

export const HOSTILE_TITLE = '</script><script>alert(1)</script> Night & "Day"';
export const LONG_UNICODE_TITLE = `${'日本語勉強会：スポケーンのエンジニアが集まる月例ミートアップ 🚀 '.repeat(3)}Ünïcödé`;

export const REPOSITORY = 'https://github.com/spokane-tech/spokane-tech';

/** The fixture's site; `repository: null` for a site whose sources.yaml names no repository. */
export function site(url = 'https://spokanetech.example', repository: string | null = REPOSITORY): SiteConfig {
  return { title: 'Spokane Tech', url, timezone: ZONE, description: 'Tech meetups in Spokane, in one calendar.', ...(repository ? { repository } : {}) };
}

function group(id: string, name: string, tags: string[], extra: Partial<StoredGroup> = {}): StoredGroup {
  return storedGroup({ id, name, descriptionHtml: `<p>${name} meets monthly.</p>`, tags, ...extra });
}

export const GROUPS: StoredGroup[] = [
  group('python-spokane', 'Spokane Python User Group', ['python'], {
    imageUrl: 'https://images.example/python.png',
    links: ['https://www.meetup.com/python-spokane/', 'https://github.com/python-spokane', 'javascript:alert(1)'],
  }),
  group('spokane-rust', 'Spokane Rust', ['rust', 'Systems']),
  group('inland-devops', 'Inland Northwest DevOps', ['devops', 'cloud']),
  group('old-timers', 'Old Timers Python', ['python']),
  group('dotnet-spokane', 'Spokane .NET', ['C#', '.NET']),
];

let counter = 0;
export function event(overrides: Partial<ListedEvent> & { title: string }): ListedEvent {
  counter += 1;
  const id = overrides.id ?? `meetup:${counter}`;
  return listedEvent({
    id,
    slug: overrides.slug ?? `${id.replace(/[^a-z0-9]+/g, '-')}-${counter}`,
    sourceEventId: String(counter),
    venue: { name: 'IntelliTect', address: '1720 W 4th Ave, Spokane, WA 99201', lat: 47.6529, lon: -117.4368 },
    url: `https://www.meetup.com/python-spokane/events/${counter}/`,
    ...overrides,
  });
}

const online = { attendance: 'online' as const, venue: null, onlineUrl: 'https://meet.example/rust' };

export const EVENTS = {
  // 6:00 PM – 8:00 PM PST on Thursday, December 3; its time changed two days ago.
  pythonNight: event({
    id: 'meetup:python-night',
    slug: '2026-12-03-python-night-abc123',
    title: 'Python Night: Async & You',
    descriptionHtml: '<p>Bring a laptop. We talk about <strong>asyncio</strong> and zebrafish.</p>',
    sequence: 1,
    firstSeen: '2026-11-20T00:00:00Z',
    lastChanged: '2026-11-24T18:00:00Z',
    changes: [
      { at: '2026-11-24T18:00:00Z', fields: ['time'], previous: { start: '2026-12-03T02:00:00Z', end: '2026-12-03T04:00:00Z', allDay: false } },
    ],
    alsoListedOn: [{ groupId: 'spokane-rust', sourceType: 'luma', url: 'https://lu.ma/python-night' }],
    imageUrl: 'https://images.example/python-night.png',
  }),
  noEndToday: event({
    id: 'meetup:coffee',
    slug: '2026-11-26-coffee-and-code',
    title: 'Coffee and Code',
    start: '2026-11-27T01:00:00Z',
    end: '2026-11-27T03:00:00Z',
    endEstimated: true,
    venue: { name: 'Atticus Coffee', address: null, lat: null, lon: null },
  }),
  rustOnline: event({
    id: 'meetup:rust-online',
    slug: '2026-11-30-rust-online',
    title: 'Rust Ownership Workshop',
    groupId: 'spokane-rust',
    start: '2026-12-01T02:00:00Z',
    end: '2026-12-01T04:00:00Z',
    ...online,
    url: 'https://www.meetup.com/spokane-rust/events/9/',
  }),
  // 11:30 PM PST on Monday, November 30: Tuesday, December 1 in UTC.
  lateNight: event({
    id: 'meetup:late-night',
    slug: '2026-11-30-late-night-hack',
    title: 'Late Night Hack',
    groupId: 'spokane-rust',
    start: '2026-12-01T07:30:00Z',
    end: '2026-12-01T09:00:00Z',
  }),
  hostile: event({
    id: 'meetup:hostile',
    slug: '2026-12-01-hostile',
    title: HOSTILE_TITLE,
    start: '2026-12-02T02:00:00Z',
    end: '2026-12-02T04:00:00Z',
    descriptionHtml: '<p>Hi</p><script>alert(2)</script><img src=x onerror="alert(3)"><a href="javascript:alert(4)">x</a>',
    venue: { name: '<b>Bold</b> Venue', address: '</script><script>alert(5)</script>', lat: null, lon: null },
  }),
  cancelled: event({
    id: 'meetup:cancelled',
    slug: '2026-12-05-cancelled-talk',
    title: 'Packaging Deep Dive',
    status: 'cancelled',
    start: '2026-12-06T02:00:00Z',
    end: '2026-12-06T04:00:00Z',
  }),
  // Saturday 9:00 AM to Sunday 5:00 PM PST.
  weekendHack: event({
    id: 'meetup:weekend-hack',
    slug: '2026-12-05-weekend-hackathon',
    title: 'Weekend Hackathon',
    groupId: 'inland-devops',
    start: '2026-12-05T17:00:00Z',
    end: '2026-12-07T01:00:00Z',
  }),
  hybrid: event({
    id: 'meetup:hybrid',
    slug: '2026-12-10-hybrid-devops',
    title: 'DevOps Days Planning',
    groupId: 'inland-devops',
    attendance: 'hybrid',
    onlineUrl: 'https://meet.example/devops',
    start: '2026-12-11T02:00:00Z',
    end: '2026-12-11T03:30:00Z',
  }),
  postponed: event({
    id: 'meetup:postponed',
    slug: '2026-12-11-postponed',
    title: 'Kubernetes Clinic',
    groupId: 'inland-devops',
    status: 'postponed',
    start: '2026-12-12T02:00:00Z',
    end: '2026-12-12T04:00:00Z',
  }),
  allDay: event({
    id: 'ical:all-day',
    slug: '2026-12-12-code-retreat',
    title: 'Global Day of Code Retreat',
    groupId: 'dotnet-spokane',
    sourceType: 'ical',
    allDay: true,
    start: '2026-12-12',
    end: '2026-12-13',
    venue: { name: 'Spokane Public Library', address: 'Spokane Public Library, 906 W Main Ave, Spokane, WA', lat: null, lon: null },
  }),
  conference: event({
    id: 'ical:conference',
    slug: '2026-12-18-inland-conf',
    title: 'Inland Northwest Tech Conference',
    groupId: 'dotnet-spokane',
    sourceType: 'ical',
    allDay: true,
    start: '2026-12-18',
    end: '2026-12-21',
  }),
  // Began on earlier days and still running at NOW: shown as ongoing, never as starting today.
  // 9:00 AM on Tuesday, November 24 to 5:00 PM on Saturday, November 28.
  hackWeek: event({
    id: 'ical:hack-week',
    slug: '2026-11-24-advent-hack-week',
    title: 'Advent of Code Hack Week',
    groupId: 'dotnet-spokane',
    sourceType: 'ical',
    start: '2026-11-24T17:00:00Z',
    end: '2026-11-29T01:00:00Z',
  }),
  // Wednesday, November 25 to Friday, November 27, all day.
  gameJam: event({
    id: 'ical:game-jam',
    slug: '2026-11-25-winter-game-jam',
    title: 'Winter Game Jam',
    groupId: 'dotnet-spokane',
    sourceType: 'ical',
    allDay: true,
    start: '2026-11-25',
    end: '2026-11-28',
    venue: { name: 'Spokane Public Library', address: '906 W Main Ave, Spokane, WA', lat: null, lon: null },
  }),
  eastCoast: event({
    id: 'luma:east',
    slug: '2027-01-05-east-coast-webinar',
    title: 'East Coast Webinar',
    groupId: 'spokane-rust',
    sourceType: 'luma',
    start: '2027-01-05T20:00:00Z',
    end: '2027-01-05T21:00:00Z',
    timezone: 'America/New_York',
    ...online,
  }),
  unicode: event({
    id: 'meetup:unicode',
    slug: '2027-01-14-unicode',
    title: LONG_UNICODE_TITLE,
    start: '2027-01-15T02:00:00Z',
    end: '2027-01-15T04:00:00Z',
  }),
  removed: event({
    id: 'meetup:removed',
    slug: '2026-12-08-removed',
    title: 'Vanished Meetup',
    removed: true,
    start: '2026-12-09T02:00:00Z',
    end: '2026-12-09T04:00:00Z',
  }),
  pastOctober: event({
    id: 'meetup:past-october',
    slug: '2026-10-15-october-python',
    title: 'October Python Night',
    start: '2026-10-16T01:00:00Z',
    end: '2026-10-16T03:00:00Z',
  }),
  pastCancelled: event({
    id: 'meetup:past-cancelled',
    slug: '2026-11-10-past-cancelled',
    title: 'Called Off In November',
    status: 'cancelled',
    start: '2026-11-11T02:00:00Z',
    end: '2026-11-11T04:00:00Z',
  }),
  oldTimers: event({
    id: 'meetup:old-timers',
    slug: '2026-06-10-old-timers',
    title: 'Old Timers Summer Picnic',
    groupId: 'old-timers',
    start: '2026-06-11T01:00:00Z',
    end: '2026-06-11T03:00:00Z',
  }),
};

/** Sixty more Python evenings, one a day from December 20, to fill more than one page of upcoming events. */
export const FILLER = Array.from({ length: 60 }, (_, i) => {
  const start = new Date(Date.parse('2026-12-21T02:00:00Z') + i * 86_400_000);
  return event({
    id: `meetup:filler-${i}`,
    slug: `filler-${i}`,
    title: `Study Group ${i + 1}`,
    start: start.toISOString().replace('.000', ''),
    end: new Date(start.getTime() + 7_200_000).toISOString().replace('.000', ''),
  });
});

const ok = (groupId: string): SourceHealth => sourceHealth({ groupId, upcomingCounts: [3, 3] });

export const SOURCES: SourceHealth[] = [
  ok('python-spokane'),
  ok('spokane-rust'),
  sourceHealth({
    groupId: 'inland-devops',
    state: 'unhealthy',
    reason: 'failed 3 runs in a row',
    lastOutcome: 'failed',
    lastAttempt: '2026-11-26T10:00:00Z',
    lastSuccess: '2026-11-20T10:00:00Z',
    lastFailure: '2026-11-26T10:00:00Z',
    lastError: 'HTTP 503 from www.meetup.com',
    consecutiveFailures: 3,
    upcomingCounts: [2],
  }),
  ok('old-timers'),
  sourceHealth({ groupId: 'dotnet-spokane', state: 'unknown', lastOutcome: null, lastAttempt: null, lastSuccess: null }),
];

/**
 * The fixture as the site gets it: through the sanitizing every stored event and group passes on
 * its way in (these could be a hand-edited snapshot in data/).
 */
export function snapshot(extra: { events?: ListedEvent[]; groups?: StoredGroup[] } = {}): ListedSnapshot {
  const events = [...Object.values(EVENTS), ...FILLER, ...(extra.events ?? [])].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return { events: events.map(sanitizedEvent), groups: [...GROUPS, ...(extra.groups ?? [])].map(sanitizedGroup), sources: SOURCES };
}

export interface BuiltSite {
  dir: string;
  view: SiteView;
}

/** Render the whole site, feeds and data files included, into a new temporary folder; built at NOW unless `now` says otherwise. */
export async function buildSite(siteUrl = 'https://spokanetech.example', options: { search?: boolean; repository?: string | null; now?: Date } = {}): Promise<BuiltSite> {
  const now = options.now ?? NOW;
  const view = buildView(snapshot(), site(siteUrl, options.repository === undefined ? REPOSITORY : options.repository), now);
  const dir = join(mkdtempSync(join(tmpdir(), 'spokane-tech-site-')), 'out');
  await renderSite(view, dir, (staging) => writeFeedsAndData(staging, view, now), options);
  return { dir, view };
}
