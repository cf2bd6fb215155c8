import { afterEach, describe, expect, it, vi } from 'vitest';
import { MockAgent } from 'undici';
import { testHttpClient } from '../helpers/http.ts';
import type { AdapterContext } from '../../src/sources/adapter.ts';
import { enrichWithLumaItems } from '../../src/sources/luma/enrich.ts';
import { parseLumaFeed } from '../../src/sources/luma/feed.ts';
import { lumaGroupDetails } from '../../src/sources/luma/group-details.ts';
import { lumaAdapter } from '../../src/sources/luma/index.ts';
import { readLumaItems } from '../../src/sources/luma/items.ts';
import { findLumaCalendar } from '../../src/sources/luma/locate-calendar.ts';
import type { LumaCalendar } from '../../src/sources/luma/schemas.ts';
import { utcInstant } from '../../src/time.ts';
import type { SourceEvent } from '../../src/types.ts';
import type { SourceConfig } from '../../src/config/schema.ts';
import { describeRealFixtures, realFixture, realFixtureText } from '../helpers/fixtures.ts';

// Own fixtures are modelled on the real Luma feed and API answers in ../shared/fixtures/luma/,
// with dates relative to the test's clock.

const NOW = new Date();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Midnight UTC today, so that times have whole seconds. */
const TODAY = new Date(Math.floor(NOW.getTime() / DAY) * DAY);
const NEXT_WEEK = new Date(TODAY.getTime() + 7 * DAY + 2 * HOUR);
const IN_TWO_WEEKS = new Date(TODAY.getTime() + 14 * DAY + 2 * HOUR);
const LAST_MONTH = new Date(TODAY.getTime() - 30 * DAY + 2 * HOUR);
const SPOKANE = 'America/Los_Angeles';
const PARSE_OPTIONS = { now: NOW, defaultTimezone: SPOKANE };
const CALENDAR_ID = 'cal-SpokaneTech01';

// ---- iCal feeds as Luma writes them ----

interface FeedEvent {
  uid: string;
  summary: string;
  start: Date;
  hours?: number;
  /** Plain text; newlines are escaped as RFC 5545 wants. */
  description?: string;
  location?: string;
  geo?: string;
}

function icsTime(date: Date): string {
  return utcInstant(date).replace(/[-:]/g, '');
}

function vevent(event: FeedEvent): string[] {
  const end = new Date(event.start.getTime() + (event.hours ?? 2) * HOUR);
  return [
    'BEGIN:VEVENT',
    `DTSTART:${icsTime(event.start)}`,
    `DTEND:${icsTime(end)}`,
    `DTSTAMP:${icsTime(TODAY)}`,
    'ORGANIZER;CN="Spokane Tech":MAILTO:calendar-invite@lu.ma',
    `UID:${event.uid}@events.lu.ma`,
    `SUMMARY:${event.summary}`,
    `DESCRIPTION:${(event.description ?? '').replace(/\n/g, '\\n')}`,
    ...(event.location ? [`LOCATION:${event.location}`] : []),
    ...(event.geo ? [`GEO:${event.geo}`] : []),
    'SEQUENCE:1',
    'STATUS:TENTATIVE',
    'END:VEVENT',
  ];
}

function lumaFeed(...events: FeedEvent[]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Luma//Spokane Tech//EN',
    'X-WR-CALNAME:Spokane Tech',
    'X-WR-CALDESC:Luma Calendar',
    'REFRESH-INTERVAL;VALUE=DURATION:PT12H',
    'METHOD:PUBLISH',
    ...events.flatMap(vevent),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const rustNight: FeedEvent = {
  uid: 'evt-RustNight0001',
  summary: 'Rust &amp; Coffee',
  start: NEXT_WEEK,
  description:
    'Get up-to-date information at: https://luma.com/rust-night\n\nAddress:\nCheck event page for more details.\n\nHosted by Spokane Tech',
  location: 'https://luma.com/event/evt-RustNight0001',
};

const pastTalk: FeedEvent = {
  uid: 'evt-PastTalk00001',
  summary: 'Intro to Kubernetes',
  start: LAST_MONTH,
  description:
    'Get up-to-date information at: https://luma.com/k8s-intro\n\nAddress:\nSpokane Public Library\n906 W Main Ave\n\nHosted by Spokane Tech',
  location: 'Spokane Public Library, 906 W Main Ave',
  geo: '47.6588;-117.4224',
};

const listedMeetup: FeedEvent = {
  uid: 'calev-ListedMeetup1',
  summary: 'Spokane Rust Meetup',
  start: IN_TWO_WEEKS,
  description: 'Find more information on https://luma.com/spokane-tech',
  location: 'https://www.meetup.com/spokane-rust/events/300000001/',
};

function parse(...events: FeedEvent[]): SourceEvent[] {
  return parseLumaFeed(Buffer.from(lumaFeed(...events)), PARSE_OPTIONS).events;
}

function only(...events: FeedEvent[]): SourceEvent {
  const [event] = parse(...events);
  if (event === undefined) throw new Error('expected an event');
  return event;
}

// ---- Luma's JSON API, as /calendar/get-items answers ----

const CALENDAR: LumaCalendar = {
  api_id: CALENDAR_ID,
  name: 'Spokane Tech',
  description_short: 'Tech meetups in Spokane & the Inland Northwest',
  avatar_url: 'https://images.lumacdn.com/avatars/st/spokane-tech.png',
  cover_image_url: 'https://images.lumacdn.com/calendar-defaults/patterns/rain-100.png',
  slug: 'spokane-tech',
  timezone: SPOKANE,
  website: 'spokanetech.example',
  twitter_handle: 'spokanetech',
  instagram_handle: null,
  linkedin_handle: '/company/spokane-tech',
  youtube_handle: '',
  tiktok_handle: null,
};

type Json = Record<string, unknown>;

function lumaEntry(event: Json = {}, entry: Json = {}): Json {
  return {
    api_id: 'calev-RustNightList1',
    event: {
      api_id: 'evt-RustNight0001',
      calendar_api_id: CALENDAR_ID,
      cover_url: 'https://images.lumacdn.com/event-covers/rn/rust-night.png',
      end_at: new Date(NEXT_WEEK.getTime() + 2 * HOUR).toISOString(),
      location_type: 'offline',
      name: 'Rust & Coffee',
      start_at: NEXT_WEEK.toISOString(),
      timezone: SPOKANE,
      url: 'rust-night',
      visibility: 'public',
      virtual_info: { has_access: false },
      geo_address_info: {
        city: 'Spokane',
        type: 'google',
        address: 'Indaba Coffee',
        city_state: 'Spokane, Washington',
        full_address: 'Indaba Coffee, 1425 W Broadway Ave, Spokane, WA 99201, USA',
        mode: 'shown',
      },
      geo_address_visibility: 'public',
      coordinate: { latitude: 47.6637, longitude: -117.4352 },
      ...event,
    },
    calendar: CALENDAR,
    platform: 'luma',
    status: 'approved',
    tags: [],
    ...entry,
  };
}

function itemsOf(...entries: Json[]) {
  const { items, warnings } = readLumaItems(entries);
  expect(warnings).toEqual([]);
  return items;
}

function itemEvent(event: Json = {}, entry: Json = {}): SourceEvent {
  const [item] = itemsOf(lumaEntry(event, entry));
  if (item === undefined) throw new Error('expected an item');
  return item.event;
}

function calendarPage(nextData: unknown): string {
  const json = JSON.stringify(nextData).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><title>Spokane Tech · Luma</title></head><body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">${json}</script></body></html>`;
}

const OTHER_CALENDAR = { ...CALENDAR, api_id: 'cal-SomeoneElse01', name: 'Someone Else' };

function nextData(calendar: unknown): unknown {
  return {
    props: {
      pageProps: {
        initialData: {
          data: {
            featured_items: [{ event: { api_id: 'evt-Elsewhere00001' }, calendar: OTHER_CALENDAR }],
            calendar,
          },
        },
      },
    },
    page: '/[slug]',
  };
}

describe('parseLumaFeed', () => {
  it("links an event to the page named in its description and drops Luma's boilerplate lines", () => {
    const event = only(rustNight);
    expect(event.url).toBe('https://luma.com/rust-night');
    expect(event.descriptionHtml).toBe('<p>Hosted by Spokane Tech</p>');
  });

  it("keeps the address Luma repeats in the description, without the link line", () => {
    expect(only(pastTalk).descriptionHtml).toBe(
      '<p>Address:<br>Spokane Public Library<br>906 W Main Ave</p>\n<p>Hosted by Spokane Tech</p>',
    );
  });

  it('shows the title with HTML entities decoded', () => {
    expect(only(rustNight).title).toBe('Rust & Coffee');
  });

  it('identifies events by the evt-… or calev-… id in their UID', () => {
    expect(parse(rustNight, listedMeetup).map((event) => event.sourceEventId)).toEqual([
      'evt-RustNight0001',
      'calev-ListedMeetup1',
    ]);
  });

  it("does not take Luma's own event page, given as the location, for an online meeting", () => {
    const event = only({ ...rustNight, description: 'Hosted by Spokane Tech' });
    expect(event).toMatchObject({
      attendance: 'in_person',
      venue: null,
      onlineUrl: null,
      url: 'https://luma.com/event/evt-RustNight0001',
    });
  });

  it("links an event listed from another site to its page there, not to the Luma calendar", () => {
    expect(only(listedMeetup)).toMatchObject({
      url: 'https://www.meetup.com/spokane-rust/events/300000001/',
      onlineUrl: null,
      attendance: 'in_person',
      descriptionHtml: '',
    });
  });

  it('keeps a meeting link that is not a Luma page as the online meeting', () => {
    const event = only({ ...rustNight, location: 'https://zoom.us/j/5550001' });
    expect(event).toMatchObject({ attendance: 'online', onlineUrl: 'https://zoom.us/j/5550001' });
  });

  it('treats STATUS:TENTATIVE, which Luma writes on every event, as scheduled', () => {
    expect(only(rustNight).status).toBe('scheduled');
  });

  it('keeps past events, with their address and coordinates', () => {
    const event = only(pastTalk);
    expect(event).toMatchObject({
      start: utcInstant(LAST_MONTH),
      attendance: 'in_person',
      venue: { name: 'Spokane Public Library', address: 'Spokane Public Library, 906 W Main Ave', lat: 47.6588, lon: -117.4224 },
    });
  });
});

describe('readLumaItems', () => {
  it('makes a bare event slug a lu.ma link and keeps a full URL as it is', () => {
    expect(itemEvent().url).toBe('https://lu.ma/rust-night');
    expect(itemEvent({ url: 'https://www.meetup.com/spokane-rust/events/300000001/' }).url).toBe(
      'https://www.meetup.com/spokane-rust/events/300000001/',
    );
  });

  it('calls a Zoom event online, and online with an address hybrid', () => {
    expect(itemEvent({ location_type: 'zoom', geo_address_info: null }).attendance).toBe('online');
    expect(itemEvent({ location_type: 'online' }).attendance).toBe('hybrid');
    expect(itemEvent({ location_type: 'offline' }).attendance).toBe('in_person');
  });

  it('ends an event with a duration but no end after that duration', () => {
    const event = itemEvent({ end_at: undefined, duration_interval: 'P0Y0M0DT1H30M0S' });
    expect(event).toMatchObject({ end: utcInstant(new Date(NEXT_WEEK.getTime() + 1.5 * HOUR)), endEstimated: false });
  });

  it('gives an event with no end a two-hour end, marked as an estimate', () => {
    const event = itemEvent({ end_at: null });
    expect(event).toMatchObject({ end: utcInstant(new Date(NEXT_WEEK.getTime() + 2 * HOUR)), endEstimated: true });
  });

  it('skips an entry with no event start, saying so, and reads the others', () => {
    const { items, warnings } = readLumaItems([lumaEntry({ start_at: undefined }), lumaEntry()]);
    expect(items).toHaveLength(1);
    expect(warnings).toEqual(["skipped an entry of Luma's API: it has no event with a name and a start"]);
  });

  it('keeps an entry whose coordinates are unreadable, without them', () => {
    expect(itemEvent({ coordinate: { latitude: 'north', longitude: null } }).venue).toMatchObject({ lat: null, lon: null });
  });
});

describe('enrichWithLumaItems', () => {
  it("adds Luma's address, coordinates, cover image and time zone to the feed's event", () => {
    const [event] = enrichWithLumaItems(parse(rustNight), itemsOf(lumaEntry()));
    expect(event).toMatchObject({
      timezone: SPOKANE,
      attendance: 'in_person',
      venue: {
        name: 'Indaba Coffee',
        address: 'Indaba Coffee, 1425 W Broadway Ave, Spokane, WA 99201, USA',
        lat: 47.6637,
        lon: -117.4352,
      },
      imageUrl: 'https://images.lumacdn.com/event-covers/rn/rust-night.png',
    });
  });

  it("keeps the feed's title, times, description and link, which are there on every fetch", () => {
    const [event] = enrichWithLumaItems(parse(rustNight), itemsOf(lumaEntry({ name: 'Renamed' })));
    expect(event).toMatchObject({
      title: 'Rust & Coffee',
      start: utcInstant(NEXT_WEEK),
      url: 'https://luma.com/rust-night',
      descriptionHtml: '<p>Hosted by Spokane Tech</p>',
    });
  });

  it('shows an event as online when Luma says so, though the feed gave only its Luma page', () => {
    const [event] = enrichWithLumaItems(parse(rustNight), itemsOf(lumaEntry({ location_type: 'zoom', geo_address_info: null, coordinate: null })));
    expect(event).toMatchObject({ attendance: 'online', venue: null });
  });

  it('matches an event from another Luma calendar that the feed lists under its calev-… id', () => {
    const listed: FeedEvent = { ...rustNight, uid: 'calev-ListedLuma001', location: 'https://luma.com/event/evt-Elsewhere00001' };
    const entry = lumaEntry({ api_id: 'evt-Elsewhere00001' }, { api_id: 'calev-ListedLuma001' });
    const events = enrichWithLumaItems(parse(listed), itemsOf(entry));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ sourceEventId: 'calev-ListedLuma001', venue: { name: 'Indaba Coffee' } });
  });

  it('lists an upcoming event that Luma knows and the feed does not list yet', () => {
    const events = enrichWithLumaItems(parse(pastTalk), itemsOf(lumaEntry()));
    expect(events.map((event) => event.sourceEventId)).toEqual(['evt-PastTalk00001', 'evt-RustNight0001']);
  });
});

describe('findLumaCalendar', () => {
  it("reads the page's own calendar from __NEXT_DATA__, not the calendars of the events it features", () => {
    expect(findLumaCalendar(calendarPage(nextData(CALENDAR)))).toEqual({ id: CALENDAR_ID, calendar: CALENDAR });
  });

  it('finds a calendar id written anywhere in the page', () => {
    const html = `<html><script>self.__data = {"calendar_ref":{"api_id":"${CALENDAR_ID}"}}</script></html>`;
    expect(findLumaCalendar(html)).toEqual({ id: CALENDAR_ID, calendar: null });
  });

  it("finds the calendar id in a link to the calendar's feed", () => {
    const html = `<html><a href="https://api.lu.ma/ics/get?entity=calendar&amp;id=${CALENDAR_ID}">Subscribe</a></html>`;
    expect(findLumaCalendar(html)).toEqual({ id: CALENDAR_ID, calendar: null });
  });

  it('finds nothing on a page that names no calendar', () => {
    expect(findLumaCalendar('<html><body>Sign in to Luma</body></html>')).toBeNull();
  });
});

describe('lumaGroupDetails', () => {
  it("describes the group with the calendar's name, description, own picture and links", () => {
    expect(lumaGroupDetails('Spokane Tech', CALENDAR, null)).toEqual({
      name: 'Spokane Tech',
      descriptionHtml: '<p>Tech meetups in Spokane &amp; the Inland Northwest</p>',
      imageUrl: 'https://images.lumacdn.com/avatars/st/spokane-tech.png',
      links: [
        'https://lu.ma/spokane-tech',
        'https://spokanetech.example/',
        'https://x.com/spokanetech',
        'https://www.linkedin.com/company/spokane-tech',
      ],
      timezone: SPOKANE,
    });
  });

  it("uses none of Luma's stock pictures", () => {
    const stock = { ...CALENDAR, avatar_url: 'https://cdn.lu.ma/avatars-default/community_avatar_10.png' };
    expect(lumaGroupDetails(null, stock, null).imageUrl).toBeUndefined();
  });

  it('links the calendar page the source names first', () => {
    expect(lumaGroupDetails(null, null, 'https://luma.com/spokane-tech').links).toEqual(['https://luma.com/spokane-tech']);
  });
});

describe('lumaAdapter', () => {
  const FEED_ORIGIN = 'http://127.0.0.1:8641';
  const PAGE_ORIGIN = 'http://127.0.0.1:8642';
  const API_ORIGIN = 'http://127.0.0.1:8643';
  const FEED_PATH = `/ics/get?entity=calendar&id=${CALENDAR_ID}`;
  const ITEMS_PATH = `/calendar/get-items?calendar_api_id=${CALENDAR_ID}&period=future&pagination_limit=50`;
  const agents: MockAgent[] = [];

  afterEach(async () => {
    vi.unstubAllEnvs();
    await Promise.all(agents.splice(0).map((agent) => agent.close()));
  });

  function mockAgent(): MockAgent {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agents.push(agent);
    return agent;
  }

  function contextFor(agent: MockAgent): AdapterContext {
    return {
      http: testHttpClient({ dispatcher: agent }),
      site: { title: 'Spokane Tech', url: 'https://spokanetech.example', timezone: SPOKANE },
      now: NOW,
    };
  }

  function reply(agent: MockAgent, origin: string, path: string, body: string, contentType: string, status = 200): void {
    agent.get(origin).intercept({ path, method: 'GET' }).reply(status, body, { headers: { 'content-type': contentType } });
  }

  const feedSource: SourceConfig = { type: 'luma', url: `${FEED_ORIGIN}${FEED_PATH}` };
  const pageSource: SourceConfig = { type: 'luma', url: `${PAGE_ORIGIN}/spokane-tech` };
  const calendarFeed = lumaFeed(rustNight, pastTalk);

  it("reads a calendar's feed URL and fills in every page of Luma's event details", async () => {
    const agent = mockAgent();
    reply(agent, FEED_ORIGIN, FEED_PATH, calendarFeed, 'text/calendar; charset=utf-8');
    const laterEvent = lumaEntry({ api_id: 'evt-LaterEvent0001', url: 'later', start_at: IN_TWO_WEEKS.toISOString() });
    reply(agent, FEED_ORIGIN, ITEMS_PATH, JSON.stringify({ entries: [lumaEntry()], has_more: true, next_cursor: 'page-2' }), 'application/json');
    reply(agent, FEED_ORIGIN, `${ITEMS_PATH}&pagination_cursor=page-2`, JSON.stringify({ entries: [laterEvent], has_more: false }), 'application/json');

    const result = await lumaAdapter(feedSource, contextFor(agent));

    agent.assertNoPendingInterceptors();
    expect(result.warnings).toEqual([]);
    expect(result.events.map((event) => [event.sourceEventId, event.url, event.imageUrl])).toEqual([
      ['evt-RustNight0001', 'https://luma.com/rust-night', 'https://images.lumacdn.com/event-covers/rn/rust-night.png'],
      ['evt-PastTalk00001', 'https://luma.com/k8s-intro', null],
      ['evt-LaterEvent0001', 'https://lu.ma/later', 'https://images.lumacdn.com/event-covers/rn/rust-night.png'],
    ]);
    expect(result.group).toMatchObject({ name: 'Spokane Tech', links: expect.arrayContaining(['https://lu.ma/spokane-tech']) });
  });

  it('reads a calendar page: finds its calendar id, then its feed and details from LUMA_API_URL', async () => {
    vi.stubEnv('LUMA_API_URL', `${API_ORIGIN}/`);
    const agent = mockAgent();
    reply(agent, PAGE_ORIGIN, '/spokane-tech', calendarPage(nextData(CALENDAR)), 'text/html; charset=utf-8');
    reply(agent, API_ORIGIN, FEED_PATH, calendarFeed, 'text/calendar');
    reply(agent, API_ORIGIN, ITEMS_PATH, JSON.stringify({ entries: [lumaEntry()], has_more: false }), 'application/json');

    const result = await lumaAdapter(pageSource, contextFor(agent));

    agent.assertNoPendingInterceptors();
    expect(result.events).toHaveLength(2);
    expect(result.events[0]?.venue?.name).toBe('Indaba Coffee');
    expect(result.group).toMatchObject({
      name: 'Spokane Tech',
      imageUrl: 'https://images.lumacdn.com/avatars/st/spokane-tech.png',
      links: [pageSource.url, 'https://spokanetech.example/', 'https://x.com/spokanetech', 'https://www.linkedin.com/company/spokane-tech'],
    });
  });

  it("keeps the feed's events and warns when Luma's API answers 500", async () => {
    const agent = mockAgent();
    reply(agent, FEED_ORIGIN, FEED_PATH, calendarFeed, 'text/calendar');
    reply(agent, FEED_ORIGIN, ITEMS_PATH, 'oops', 'text/plain', 500);

    const result = await lumaAdapter(feedSource, contextFor(agent));

    expect(result.events.map((event) => event.sourceEventId)).toEqual(['evt-RustNight0001', 'evt-PastTalk00001']);
    expect(result.events[0]).toMatchObject({ url: 'https://luma.com/rust-night', imageUrl: null, venue: null });
    expect(result.warnings).toEqual([
      `could not read event details from Luma's API (HTTP 500 from ${FEED_ORIGIN}${ITEMS_PATH}); kept the feed's events without them`,
    ]);
  });

  it("keeps the feed's events and warns when Luma's API answers with something other than its entries", async () => {
    const agent = mockAgent();
    reply(agent, FEED_ORIGIN, FEED_PATH, calendarFeed, 'text/calendar');
    reply(agent, FEED_ORIGIN, ITEMS_PATH, '<!doctype html><html>Rate limited</html>', 'text/html');

    const result = await lumaAdapter(feedSource, contextFor(agent));

    expect(result.events).toHaveLength(2);
    expect(result.warnings).toEqual([expect.stringContaining('did not answer with JSON: got an HTML page (text/html)')]);
  });

  it('fails, rather than reporting no events, when the feed URL answers with an HTML page', async () => {
    const agent = mockAgent();
    reply(agent, FEED_ORIGIN, FEED_PATH, '<!DOCTYPE html><html><body>Just a moment...</body></html>', 'text/html');
    reply(agent, FEED_ORIGIN, ITEMS_PATH, JSON.stringify({ entries: [], has_more: false }), 'application/json');

    await expect(lumaAdapter(feedSource, contextFor(agent))).rejects.toMatchObject({
      name: 'SourceFailure',
      kind: 'unexpected_content',
      message: expect.stringContaining('is not an iCalendar feed (no BEGIN:VCALENDAR): got an HTML page (text/html)'),
    });
  });

  it('fails, rather than reporting no events, when the calendar page names no calendar', async () => {
    const agent = mockAgent();
    reply(agent, PAGE_ORIGIN, '/spokane-tech', '<!doctype html><html><body>Page not found</body></html>', 'text/html');

    await expect(lumaAdapter(pageSource, contextFor(agent))).rejects.toMatchObject({
      name: 'SourceFailure',
      kind: 'unexpected_content',
      message: `${pageSource.url} names no Luma calendar (no cal-… id in it): got an HTML page (text/html)`,
    });
  });
});

describeRealFixtures('real Luma feed and API answers', () => {
  const feed = () => parseLumaFeed(realFixture('luma/luma-calendar-network-school.ics'), PARSE_OPTIONS);

  it('reads all 291 events of a real calendar feed, past ones included, each once', () => {
    const { events, warnings } = feed();
    expect(warnings).toEqual([]);
    expect(events).toHaveLength(291);
    expect(new Set(events.map((event) => event.sourceEventId)).size).toBe(291);
    expect(events.every((event) => /^(evt|calev)-[A-Za-z0-9]+$/.test(event.sourceEventId))).toBe(true);
    expect(events.filter((event) => event.start < '2024-01-01')).not.toHaveLength(0);
  });

  it('shows every event of the real feed as scheduled, though each says TENTATIVE', () => {
    expect(feed().events.every((event) => event.status === 'scheduled')).toBe(true);
  });

  it("links every event of the real feed to its page and leaves none of Luma's link lines in descriptions", () => {
    const { events } = feed();
    expect(events.filter((event) => event.url === null)).toEqual([]);
    const boilerplate = events.filter((event) => /Get up-to-date information|Find more information on/.test(event.descriptionHtml));
    expect(boilerplate).toEqual([]);
  });

  it("names the group after the real feed's X-WR-CALNAME", () => {
    expect(feed().calendarName).toBe('Network School');
  });

  it('reads a real event: its title, UTC times, page, place and description', () => {
    const event = feed().events.find((e) => e.sourceEventId === 'evt-vCIMmuI0oEZkGkC');
    expect(event).toEqual({
      sourceEventId: 'evt-vCIMmuI0oEZkGkC',
      title: 'NS at Devconnect Argentina',
      start: '2025-11-19T21:30:00Z',
      end: '2025-11-20T00:30:00Z',
      allDay: false,
      endEstimated: false,
      timezone: null,
      status: 'scheduled',
      attendance: 'in_person',
      venue: { name: 'Palermo', address: 'Palermo, Buenos Aires, Argentina', lat: -34.5780655, lon: -58.4265317 },
      onlineUrl: null,
      url: 'https://luma.com/6ka0555g',
      descriptionHtml: '<p>Address:<br>Palermo<br>Buenos Aires, Buenos Aires<br>Argentina</p>\n<p>Hosted by Oriana Nan</p>',
      imageUrl: null,
      topics: [],
    });
  });

  it('decodes &amp; in a real title and links the listed event to its ticket page', () => {
    const event = feed().events.find((e) => e.sourceEventId === 'calev-vG3wexz4mtcmqXs');
    expect(event).toMatchObject({
      title: '[SOC] #28 - Chartered Cities & Network States',
      start: '2023-05-17T17:00:00Z',
      url: 'https://events.humanitix.com/soc-28-chartered-cities-and-network-states',
      onlineUrl: null,
    });
  });

  it('does not show a real event whose location is its Luma page as online', () => {
    const event = feed().events.find((e) => e.sourceEventId === 'evt-hE163lNAasezbIA');
    expect(event).toMatchObject({
      attendance: 'in_person',
      venue: null,
      onlineUrl: null,
      url: 'https://luma.com/6p94n5i8',
      descriptionHtml: '<p>Hosted by Jean Hansen &amp; Ariel Amar</p>',
    });
  });

  it('reads a real get-items entry fully', () => {
    const { entries } = JSON.parse(realFixtureText('luma/calendar-get-items.json')) as { entries: unknown[] };
    const { items, warnings } = readLumaItems(entries);
    expect(warnings).toEqual([]);
    expect(items).toHaveLength(2);
    expect(items[0]?.listingId).toBe('calev-hsEVM4QparazzGl');
    expect(items[0]?.event).toEqual({
      sourceEventId: 'evt-Q4H602NTIQhpdMv',
      title: 'Furman Makerspace Field Trip',
      start: '2025-07-12T16:30:00Z',
      end: '2025-07-12T18:00:00Z',
      allDay: false,
      endEstimated: false,
      timezone: 'America/New_York',
      status: 'scheduled',
      attendance: 'in_person',
      venue: {
        name: 'Furman University',
        address: 'Furman University, 3300 Poinsett Hwy, Greenville, SC 29613, USA',
        lat: 34.9274688,
        lon: -82.4400666,
      },
      onlineUrl: null,
      url: 'https://lu.ma/zadco7op',
      descriptionHtml: '',
      imageUrl: 'https://images.lumacdn.com/event-covers/28/ba001fd5-5118-4f41-92aa-c7cdc1813e58.jpg',
      topics: [],
    });
  });

  it('keeps a Meetup event that a real Luma calendar lists, linked to its Meetup page for de-duplication', () => {
    const { entries } = JSON.parse(realFixtureText('luma/calendar-get-items-external-event.json')) as { entries: unknown[] };
    const [item] = readLumaItems(entries).items;
    expect(item?.event).toMatchObject({
      sourceEventId: 'calev-hVsUvup9sHkpreA',
      title: 'UpWiSE Neighbor Event: HackGreenville Nights - Fall Edition',
      url: 'https://www.meetup.com/hack-greenville/events/310839956/',
      start: '2025-10-21T22:00:00Z',
      end: '2025-10-22T00:00:00Z',
      endEstimated: false,
      venue: { address: '101 North Main St, Suite 302 on 3rd Floor', lat: 34.851875, lon: -82.40002 },
    });
  });
});
