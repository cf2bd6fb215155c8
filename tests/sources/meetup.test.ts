import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { testHttpClient } from '../helpers/http.ts';
import type { AdapterContext } from '../../src/sources/adapter.ts';
import { readMeetupFeed } from '../../src/sources/meetup/feed.ts';
import { meetupAdapter } from '../../src/sources/meetup/index.ts';
import { eventFromMeetupNode } from '../../src/sources/meetup/event-node.ts';
import { readEventPage, readGroupPage } from '../../src/sources/meetup/pages.ts';
import type { SourceEvent } from '../../src/types.ts';
import type { SourceConfig } from '../../src/config/schema.ts';
import {
  apolloEventPage,
  CHALLENGE_PAGE,
  groupPage,
  inlineEventPage,
  meetupDateTime,
  meetupFeed,
  type MeetupEventFixture,
  type MeetupGroupFixture,
} from '../fixtures/meetup/pages.ts';
import { describeRealFixtures, realFixture, realFixtureText } from '../helpers/fixtures.ts';
import { type Route, serve, startServer } from '../helpers/server.ts';

// The clock every test runs at; fixture dates are days before or after it, in Spokane time.
const NOW = new Date();
NOW.setUTCMinutes(0, 0, 0);
const SPOKANE = 'America/Los_Angeles';

/** `days` after the test clock's date in Spokane, at `hour`:`minute` Spokane time, as a UTC instant. */
function spokane(days: number, hour: number, minute = 0): string {
  return Temporal.Instant.from(NOW.toISOString())
    .toZonedDateTimeISO(SPOKANE)
    .add({ days })
    .with({ hour, minute, second: 0, millisecond: 0, microsecond: 0, nanosecond: 0 })
    .toInstant()
    .toString();
}

const PYTHON: MeetupGroupFixture = {
  id: '16143892',
  urlname: 'python-spokane',
  name: 'Spokane Python User Group',
  description: 'We meet on the **third Tuesday** of each month.<script>alert(1)</script>',
  timezone: SPOKANE,
  photo: { id: '501758937', highResUrl: 'https://secure.meetupstatic.com/photos/event/9/8/1/9/highres_501758937.jpeg' },
  socialNetworks: [
    { service: 'OTHER', url: 'https://spokanepython.com/' },
    { service: 'FLICKR', url: 'http://' },
  ],
};

const INTELLITECT = {
  id: '26264040',
  name: 'IntelliTect',
  address: '1720 W 4th Ave Unit B',
  city: 'Spokane',
  state: 'WA',
  postalCode: '99204',
  lat: 47.65278,
  lon: -117.43826,
};

let server: Awaited<ReturnType<typeof startServer>>;

beforeEach(async () => {
  server = await startServer();
  // Every run fetches the group page for the group's details; tests that care replace it.
  serveGroupPage(PYTHON, []);
});

afterEach(async () => {
  await server.close();
});

function daggerNight(overrides: Partial<MeetupEventFixture> = {}): MeetupEventFixture {
  return {
    id: '301',
    title: 'Dagger with Spokane Tech',
    start: spokane(7, 18),
    end: spokane(7, 19, 30),
    url: server.url('/python-spokane/events/301/'),
    description: "We'll have a presentation on **Dagger**.",
    venue: INTELLITECT,
    photo: { id: '519844270', highResUrl: 'https://secure.meetupstatic.com/photos/event/1/0/a/e/highres_519844270.jpeg' },
    topics: ['Python', 'Linux'],
    ...overrides,
  };
}

function packagingTalk(overrides: Partial<MeetupEventFixture> = {}): MeetupEventFixture {
  return {
    id: '302',
    title: 'Packaging Deep Dive',
    start: spokane(14, 18),
    end: spokane(14, 20),
    url: server.url('/python-spokane/events/302/'),
    description: 'In the room or on the call.',
    eventType: 'HYBRID',
    venue: { ...INTELLITECT, lon: undefined, lat: undefined },
    onlineUrl: 'https://meet.example.test/packaging',
    photo: { id: '520000001', baseUrl: 'https://secure-content.meetupstatic.com/images/classic-events/' },
    topics: ['Python', 'Packaging'],
    ...overrides,
  };
}

function lastYearsMeetup(daysAgo: number): MeetupEventFixture {
  return {
    id: '290',
    title: 'Monthly Meetup',
    start: spokane(-daysAgo, 18),
    end: spokane(-daysAgo, 20),
    url: server.url('/python-spokane/events/290/'),
    status: 'PAST',
    venue: INTELLITECT,
  };
}

const html = (body: string): Route => serve(body, 'text/html; charset=utf-8');
const calendar = (body: string): Route => serve(body, 'text/calendar; charset=utf-8');
const failing = (status: number): Route => serve(`HTTP ${status}`, 'text/plain', status);

function serveFeed(group: MeetupGroupFixture, events: MeetupEventFixture[]): void {
  server.route(`/${group.urlname}/events/ical/`, calendar(meetupFeed(group, events)));
}

function serveGroupPage(group: MeetupGroupFixture, events: MeetupEventFixture[]): void {
  server.route(`/${group.urlname}/`, html(groupPage(group, events, NOW)));
}

function servePage(event: MeetupEventFixture, page: string): void {
  server.route(new URL(event.url).pathname, html(page));
}

function context(): AdapterContext {
  return {
    http: testHttpClient(),
    site: { title: 'Spokane Tech', url: 'https://spokanetech.example', timezone: SPOKANE },
    now: NOW,
  };
}

function source(path = '/python-spokane/'): SourceConfig {
  return { type: 'meetup', url: server.url(path) };
}

/** The event as the feed alone describes it. */
function asListedInFeed(group: MeetupGroupFixture, event: MeetupEventFixture): SourceEvent {
  const feed = readMeetupFeed(Buffer.from(meetupFeed(group, [event])), { now: NOW, defaultTimezone: SPOKANE });
  return feed.events[0]!;
}

describe('meetupAdapter: events from the iCal feed', () => {
  it.each(['/python-spokane/', '/python-spokane'])(
    'reads the feed at <group page>/events/ical/ for the source URL %s, listing events under their Meetup ids',
    async (path) => {
      serveFeed(PYTHON, [daggerNight(), packagingTalk()]);
      servePage(daggerNight(), apolloEventPage(PYTHON, daggerNight()));
      servePage(packagingTalk(), inlineEventPage(PYTHON, packagingTalk()));
      const result = await meetupAdapter(source(path), context());
      expect(server.hits().map((hit) => hit.path)).toContain('/python-spokane/events/ical/');
      expect(result.events.map((event) => event.sourceEventId)).toEqual(['301', '302']);
    },
  );

  it("renders the feed's Markdown description, without the group name Meetup puts first", async () => {
    const event = lastYearsMeetup(10);
    serveFeed(PYTHON, [{ ...event, description: '**Bring a laptop**\n\n* pizza\n* talks' }]);
    const result = await meetupAdapter(source(), context());
    expect(result.events[0]?.descriptionHtml).toBe(
      '<p><strong>Bring a laptop</strong></p>\n<ul>\n<li>pizza</li>\n<li>talks</li>\n</ul>',
    );
  });

  it("shows an upcoming event with the venue, picture, topics and times of its event page (Apollo cache)", async () => {
    // The feed says 20:00; the page's endTime, 19:30, is the organizer's latest word.
    serveFeed(PYTHON, [daggerNight({ end: spokane(7, 20), description: 'Short version.' })]);
    servePage(daggerNight(), apolloEventPage(PYTHON, daggerNight()));
    const result = await meetupAdapter(source(), context());
    expect(result.events).toEqual<SourceEvent[]>([
      {
        sourceEventId: '301',
        title: 'Dagger with Spokane Tech',
        start: spokane(7, 18),
        end: spokane(7, 19, 30),
        allDay: false,
        endEstimated: false,
        timezone: SPOKANE,
        status: 'scheduled',
        attendance: 'in_person',
        venue: { name: 'IntelliTect', address: '1720 W 4th Ave Unit B, Spokane, WA 99204', lat: 47.65278, lon: -117.43826 },
        onlineUrl: null,
        url: server.url('/python-spokane/events/301/'),
        descriptionHtml: "<p>We'll have a presentation on <strong>Dagger</strong>.</p>",
        imageUrl: 'https://secure.meetupstatic.com/photos/event/1/0/a/e/highres_519844270.jpeg',
        topics: ['Python', 'Linux'],
      },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('shows a hybrid event from a newer event page (inline event), with its public online link', async () => {
    serveFeed(PYTHON, [packagingTalk()]);
    servePage(packagingTalk(), inlineEventPage(PYTHON, packagingTalk()));
    const [event] = (await meetupAdapter(source(), context())).events;
    expect(event).toMatchObject({
      attendance: 'hybrid',
      onlineUrl: 'https://meet.example.test/packaging',
      venue: { name: 'IntelliTect', address: '1720 W 4th Ave Unit B, Spokane, WA 99204', lat: null, lon: null },
      imageUrl: 'https://secure-content.meetupstatic.com/images/classic-events/520000001/676x676.jpg',
      topics: ['Python', 'Packaging'],
      timezone: SPOKANE,
    });
  });

  it('marks an event its page calls cancelled as cancelled', async () => {
    serveFeed(PYTHON, [daggerNight()]);
    servePage(daggerNight(), inlineEventPage(PYTHON, daggerNight({ status: 'CANCELLED' })));
    const result = await meetupAdapter(source(), context());
    expect(result.events[0]?.status).toBe('cancelled');
  });

  it.each([
    ['answers 500', failing(500)],
    ['is a bot check with no event data', html(CHALLENGE_PAGE)],
  ])('keeps an event as the feed lists it, and says so, when its page %s', async (_, page) => {
    serveFeed(PYTHON, [daggerNight(), packagingTalk()]);
    server.route('/python-spokane/events/301/', page);
    servePage(packagingTalk(), inlineEventPage(PYTHON, packagingTalk()));
    const result = await meetupAdapter(source(), context());
    expect(result.events[0]).toEqual(asListedInFeed(PYTHON, daggerNight()));
    expect(result.events[1]?.attendance).toBe('hybrid');
    expect(result.warnings).toEqual([expect.stringContaining('"Dagger with Spokane Tech" (event 301), kept it as listed')]);
  });

  it("reads an event page without Next.js data from its JSON-LD event", async () => {
    serveFeed(PYTHON, [daggerNight()]);
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'RsvpAction',
      event: {
        '@type': 'Event',
        name: 'Dagger with Spokane Tech',
        url: daggerNight().url,
        startDate: meetupDateTime(spokane(7, 18), SPOKANE),
        endDate: meetupDateTime(spokane(7, 19, 30), SPOKANE),
        location: { '@type': 'Place', name: 'IntelliTect', geo: { '@type': 'GeoCoordinates', latitude: 47.65278, longitude: -117.43826 } },
      },
    };
    servePage(daggerNight(), `<html><head><script type="application/ld+json">${JSON.stringify(jsonLd)}</script></head></html>`);
    const result = await meetupAdapter(source(), context());
    expect(result.warnings).toEqual([]);
    expect(result.events[0]).toMatchObject({ sourceEventId: '301', venue: { name: 'IntelliTect', lat: 47.65278, lon: -117.43826 } });
  });

  it('finds the page of an event the feed lists without a URL from its id', async () => {
    const feed = meetupFeed(PYTHON, [daggerNight()]).replace(/^URL;VALUE=URI:.*\r\n/m, '');
    server.route('/python-spokane/events/ical/', calendar(feed));
    servePage(daggerNight(), apolloEventPage(PYTHON, daggerNight()));
    const result = await meetupAdapter(source(), context());
    expect(result.events[0]).toMatchObject({ url: daggerNight().url, venue: { name: 'IntelliTect' } });
  });

  it('does not fetch the pages of events that are over', async () => {
    serveFeed(PYTHON, [lastYearsMeetup(3)]);
    const result = await meetupAdapter(source(), context());
    expect(result.events.map((event) => event.sourceEventId)).toEqual(['290']);
    expect(server.hits().map((hit) => hit.path)).not.toContain('/python-spokane/events/290/');
    expect(result.warnings).toEqual([]);
  });
});

describe('meetupAdapter: one listing per instance', () => {
  it('lists an instance of a series once, under its numeric id, when the feed also lists it under a temporary id', async () => {
    const temporary = daggerNight({ id: 'qdqxlsyfcqbjb', url: server.url('/python-spokane/events/qdqxlsyfcqbjb/') });
    serveFeed(PYTHON, [temporary, daggerNight()]);
    servePage(daggerNight(), apolloEventPage(PYTHON, daggerNight()));
    const result = await meetupAdapter(source(), context());
    expect(result.events.map((event) => event.sourceEventId)).toEqual(['301']);
  });

  it('reports the numeric id an event page gives an instance the feed lists under a temporary id', async () => {
    const temporary = daggerNight({ id: 'qdqxlsyfcqbjb', url: server.url('/python-spokane/events/qdqxlsyfcqbjb/') });
    serveFeed(PYTHON, [temporary]);
    servePage(temporary, inlineEventPage(PYTHON, daggerNight()));
    const result = await meetupAdapter(source(), context());
    expect(result.events.map((event) => event.sourceEventId)).toEqual(['301']);
  });

  it('keeps two events at one time under one title when both have numeric ids (a cancelled event and its replacement)', async () => {
    const cancelled = daggerNight({ id: '300', url: server.url('/python-spokane/events/300/'), status: 'CANCELLED' });
    serveFeed(PYTHON, [cancelled, daggerNight()]);
    servePage(cancelled, apolloEventPage(PYTHON, cancelled));
    servePage(daggerNight(), apolloEventPage(PYTHON, daggerNight()));
    const result = await meetupAdapter(source(), context());
    expect(result.events.map((event) => [event.sourceEventId, event.status])).toEqual([
      ['300', 'cancelled'],
      ['301', 'scheduled'],
    ]);
  });
});

describe('meetupAdapter: when the feed cannot be read', () => {
  it.each([
    ['answers 404', failing(404)],
    ['answers with an HTML page', html('<!doctype html><html><body>Log in</body></html>')],
  ])("lists the group page's upcoming and past events when the feed %s", async (_, feed) => {
    server.route('/python-spokane/events/ical/', feed);
    serveGroupPage(PYTHON, [daggerNight(), lastYearsMeetup(30)]);
    servePage(daggerNight(), apolloEventPage(PYTHON, daggerNight()));
    const result = await meetupAdapter(source(), context());
    expect(result.events.map((event) => [event.sourceEventId, event.title])).toEqual([
      ['301', 'Dagger with Spokane Tech'],
      ['290', 'Monthly Meetup'],
    ]);
    expect(result.events[0]?.topics).toEqual(['Python', 'Linux']);
    expect(result.warnings).toEqual([expect.stringMatching(/^could not read the iCal feed .*listed the events on the group page instead$/)]);
  });

  it('fails with unexpected_content when the feed fails and the group page is a bot check', async () => {
    server.route('/python-spokane/events/ical/', failing(403));
    server.route('/python-spokane/', html(CHALLENGE_PAGE));
    await expect(meetupAdapter(source(), context())).rejects.toMatchObject({
      name: 'SourceFailure',
      kind: 'unexpected_content',
      message: expect.stringContaining('a login or bot-check page'),
    });
  });

  it('fails, rather than listing no events, when the feed fails and the group page has changed shape', async () => {
    server.route('/python-spokane/events/ical/', failing(404));
    const changed = '<html><script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"groupV2":{}}}}</script></html>';
    server.route('/python-spokane/', html(changed));
    await expect(meetupAdapter(source(), context())).rejects.toMatchObject({ name: 'SourceFailure', kind: 'unexpected_content' });
  });

  it('fails, giving both reasons, when neither the feed nor the group page answers', async () => {
    server.route('/python-spokane/events/ical/', failing(404));
    server.route('/python-spokane/', failing(503));
    const failure = meetupAdapter(source(), context());
    await expect(failure).rejects.toMatchObject({ name: 'SourceFailure', kind: 'http', httpStatus: 503 });
    await expect(failure).rejects.toThrow(/iCal feed \(HTTP 404 .*\) nor the group page \(HTTP 503 /);
  });
});

describe('meetupAdapter: the group', () => {
  it('describes the group from its page: name, sanitized description, photo, links and time zone', async () => {
    serveFeed(PYTHON, []);
    serveGroupPage(PYTHON, [lastYearsMeetup(30)]);
    const result = await meetupAdapter(source(), context());
    expect(result.group).toEqual({
      name: 'Spokane Python User Group',
      descriptionHtml: '<p>We meet on the <strong>third Tuesday</strong> of each month.</p>',
      imageUrl: 'https://secure.meetupstatic.com/photos/event/9/8/1/9/highres_501758937.jpeg',
      links: [server.url('/python-spokane/'), 'https://spokanepython.com/'],
      timezone: SPOKANE,
      active: true,
    });
  });

  it("keeps an older group's HTML description as HTML rather than reading it as Markdown", async () => {
    const description = '<p>Meetups on the 3rd Tuesday</p>\n\n    <p>Bring a <b>laptop</b></p>';
    serveFeed(PYTHON, []);
    serveGroupPage({ ...PYTHON, description }, []);
    const result = await meetupAdapter(source(), context());
    expect(result.group?.descriptionHtml).toBe(description);
  });

  it('keeps the events, and warns, when the group page cannot be read', async () => {
    serveFeed(PYTHON, [lastYearsMeetup(3)]);
    server.route('/python-spokane/', failing(500));
    const result = await meetupAdapter(source(), context());
    expect(result.events).toHaveLength(1);
    expect(result.group).toBeUndefined();
    expect(result.warnings).toEqual([expect.stringContaining('could not read the group page')]);
  });

  it.each([
    [400, false],
    [200, true],
  ])('calls a group with nothing upcoming whose last event was %i days ago active: %s', async (daysAgo, active) => {
    serveFeed(PYTHON, []);
    serveGroupPage(PYTHON, [lastYearsMeetup(daysAgo)]);
    const result = await meetupAdapter(source(), context());
    expect(result.group?.active).toBe(active);
  });

  it('calls a group inactive when its page says it is closed', async () => {
    serveFeed(PYTHON, []);
    serveGroupPage({ ...PYTHON, status: 'CLOSED' }, [lastYearsMeetup(30)]);
    const result = await meetupAdapter(source(), context());
    expect(result.group?.active).toBe(false);
  });

  it('finds the group and its events when the source URL capitalises the urlname (Spokane-UX)', async () => {
    const ux: MeetupGroupFixture = { ...PYTHON, id: '3000', urlname: 'spokane-ux', name: 'Spokane UX', socialNetworks: [] };
    const event = lastYearsMeetup(30);
    server.route('/Spokane-UX/events/ical/', failing(404));
    server.route('/Spokane-UX/', html(groupPage(ux, [{ ...event, url: 'https://www.meetup.com/spokane-ux/events/290/' }], NOW)));
    const result = await meetupAdapter(source('/Spokane-UX'), context());
    expect(result.group?.name).toBe('Spokane UX');
    expect(result.events.map((e) => e.sourceEventId)).toEqual(['290']);
  });
});

describe('eventFromMeetupNode', () => {
  const options = { pageUrl: 'https://www.meetup.com/python-spokane/', defaultTimezone: SPOKANE };
  const node = (overrides: Record<string, unknown> = {}) => ({
    id: '301',
    title: 'Dagger with Spokane Tech',
    dateTime: '2027-03-16T18:00:00-07:00',
    endTime: '2027-03-16T19:30:00-07:00',
    ...overrides,
  });

  it.each([
    ['ACTIVE', 'scheduled'],
    ['PUBLISHED', 'scheduled'],
    ['PAST', 'scheduled'],
    ['CANCELLED', 'cancelled'],
    ['CANCELLED_PERM', 'cancelled'],
  ])('shows status %s as %s', (status, expected) => {
    expect(eventFromMeetupNode(node({ status }), options)?.status).toBe(expected);
  });

  it.each([
    ['PHYSICAL', 'in_person'],
    ['ONLINE', 'online'],
    ['HYBRID', 'hybrid'],
  ])('shows eventType %s as %s', (eventType, expected) => {
    expect(eventFromMeetupNode(node({ eventType }), options)?.attendance).toBe(expected);
  });

  it('gives an event without endTime a two-hour end, marked as an estimate', () => {
    expect(eventFromMeetupNode(node({ endTime: null }), options)).toMatchObject({
      start: '2027-03-17T01:00:00Z',
      end: '2027-03-17T03:00:00Z',
      endEstimated: true,
    });
  });

  it("treats Meetup's 0,0 coordinates as unknown", () => {
    const venue = { name: 'Somewhere', address: '1 Main St', city: 'Spokane', lat: 0, lon: 0 };
    expect(eventFromMeetupNode(node({ venue }), options)?.venue).toEqual({ name: 'Somewhere', address: '1 Main St, Spokane', lat: null, lon: null });
  });

  it('skips a node without a title or a start', () => {
    expect(eventFromMeetupNode(node({ title: ' ' }), options)).toBeNull();
    expect(eventFromMeetupNode(node({ dateTime: 'soon' }), options)).toBeNull();
  });
});

describeRealFixtures('real saved Meetup responses', () => {
  const EVENT_PAGE = 'meetup/python-spokane-event-298213205-2024-03.html';
  const EVENT_URL = 'https://www.meetup.com/python-spokane/events/298213205/';
  const GROUP_URL = 'https://www.meetup.com/python-spokane/';
  const options = { pageUrl: EVENT_URL, defaultTimezone: SPOKANE };

  /** The page with its `__NEXT_DATA__` JSON changed (or the whole script removed when `edit` gives null). */
  function withNextData(html: string, edit: (pageProps: Record<string, unknown>) => void): string {
    return html.replace(/(<script id="__NEXT_DATA__"[^>]*>)([\s\S]*?)(<\/script>)/, (_, open: string, json: string, close: string) => {
      const data = JSON.parse(json) as { props: { pageProps: Record<string, unknown> } };
      edit(data.props.pageProps);
      return `${open}${JSON.stringify(data).replace(/</g, '\\u003c')}${close}`;
    });
  }

  it("reads a London group's iCal export: eight events under their Meetup ids, in London time", () => {
    const feed = readMeetupFeed(realFixture('meetup/meetup-group-ical-2026-01.ics'), { now: new Date('2026-01-28T12:00:00Z'), defaultTimezone: SPOKANE });
    expect(feed.warnings).toEqual([]);
    expect(feed.events.map((event) => event.sourceEventId)).toEqual([
      '310825987', '310827369', '312612203', '312612159', '312755400', '312752230', '312752940', '308516707',
    ]);
    expect(feed.events[0]).toMatchObject({
      title: 'London Bisexual Women Games, Snacks & Wine Night: Barbiecore Glam Edition',
      start: '2026-01-30T19:00:00Z',
      end: '2026-01-30T22:00:00Z',
      timezone: 'Europe/London',
      url: 'https://www.meetup.com/london-bisexual-women-games-wine-group/events/310825987/',
    });
    expect(feed.events[0]?.descriptionHtml).toMatch(/^<p><strong>Bi, Pan &amp; Queer Women’s Games Night<\/strong><br \/>This is/);
    expect(feed.events[0]?.descriptionHtml).toContain('<hr />');
  });

  const dagger = {
    sourceEventId: '298213205',
    title: 'Dagger with Spokane Tech 🚀',
    start: '2024-03-20T01:00:00Z',
    end: '2024-03-20T02:30:00Z',
    endEstimated: false,
    timezone: SPOKANE,
    status: 'scheduled',
    attendance: 'in_person',
    venue: { name: 'IntelliTect', address: '1720 W 4th Ave Unit B, Spokane, WA', lat: 47.65278, lon: -117.43826 },
    url: EVENT_URL,
    imageUrl: 'https://secure.meetupstatic.com/photos/event/1/0/a/e/highres_519844270.jpeg',
    topics: ['Linux', 'Python', 'Django', 'Agile and Scrum', 'Python Web Development'],
  };

  it.each([
    ['Apollo cache', (pageProps: Record<string, unknown>) => delete pageProps.event],
    ['inline event', (pageProps: Record<string, unknown>) => delete pageProps.__APOLLO_STATE__],
  ])("reads the Spokane Python event page's %s", (_, edit) => {
    const event = readEventPage(withNextData(realFixtureText(EVENT_PAGE), edit), '298213205', options);
    expect(event).toMatchObject(dagger);
    expect(event?.descriptionHtml).toContain('<a href="https://bit.ly/3T2eGk2" rel="nofollow ugc">https://bit.ly/3T2eGk2</a>');
  });

  it("falls back to the event page's JSON-LD when it has no __NEXT_DATA__", () => {
    const html = realFixtureText(EVENT_PAGE).replace(/<script id="__NEXT_DATA__"[\s\S]*?<\/script>/, '');
    expect(readEventPage(html, '298213205', options)).toMatchObject({
      sourceEventId: '298213205',
      title: 'Dagger with Spokane Tech 🚀',
      start: '2024-03-20T01:00:00Z',
      venue: { name: 'IntelliTect', lat: 47.65278, lon: -117.43826 },
      imageUrl: 'https://secure-content.meetupstatic.com/images/classic-events/519844270/676x676.jpg',
    });
  });

  it("reads the Spokane Python group page: its four upcoming and four past events, and the group's details", () => {
    const page = readGroupPage(realFixtureText('meetup/python-spokane-group-page-2024-03.html'), 'python-spokane', {
      pageUrl: GROUP_URL,
      defaultTimezone: SPOKANE,
    });
    expect(page?.events.map((event) => [event.sourceEventId, event.title, event.start])).toEqual([
      ['298812750', 'Coffee & Code - CDA ☕', '2024-03-11T14:00:00Z'],
      ['299466590', 'Co-working Day', '2024-03-07T17:00:00Z'],
      ['299174484', 'Coffee & Code - Spokane ☕', '2024-03-04T15:00:00Z'],
      ['298213203', 'Creating Python Rust bindings using PyO3', '2024-02-21T02:00:00Z'],
      ['298213205', 'Dagger with Spokane Tech 🚀', '2024-03-20T01:00:00Z'],
      ['299750715', 'Coffee & Code - Spokane ☕', '2024-04-01T14:00:00Z'],
      ['298346552', 'Monthly Meetup 🐍', '2024-04-17T01:00:00Z'],
      ['298346579', 'Monthly Meetup 🐍', '2024-05-22T01:00:00Z'],
    ]);
    expect(page?.events[0]?.venue).toEqual({ name: "Coeur d'Alene Coffee Co", address: "418 E Lakeside Ave, Coeur d'Alene, ID", lat: null, lon: null });
    expect(page?.group).toMatchObject({
      name: 'Spokane Python User Group',
      imageUrl: 'https://secure.meetupstatic.com/photos/event/9/8/1/9/highres_501758937.jpeg',
      links: [
        GROUP_URL,
        'https://www.facebook.com/pythonspokane',
        'https://twitter.com/PythonSpokane',
        'https://www.linkedin.com/company/pythonspokane/',
        'https://spokanepython.com/',
      ],
      timezone: SPOKANE,
    });
    expect(page?.group?.descriptionHtml).toMatch(/^<p>You can find our homepage at <strong><a href="https:\/\/spokanepython.com\/"/);
  });

  it('reads the Event nodes of Meetup\'s GraphQL API: statuses, attendance, online venues and stable ids', () => {
    const response = JSON.parse(realFixtureText('meetup/gql-ext-groupByUrlname-events.json')) as {
      data: { groupByUrlname: { events: { edges: { node: Record<string, unknown> }[] } } };
    };
    const events = response.data.groupByUrlname.events.edges.map(({ node }) =>
      eventFromMeetupNode(node, { pageUrl: 'https://www.meetup.com/defcon864/', defaultTimezone: 'America/New_York' }),
    );
    expect(events.map((event) => [event?.sourceEventId, event?.status, event?.attendance, event?.venue?.name ?? null])).toEqual([
      ['302190058', 'scheduled', 'hybrid', 'OpenWorks'],
      ['302190057', 'cancelled', 'hybrid', 'OpenWorks'],
      ['pwdqjtygcnbfb', 'scheduled', 'in_person', '1508 Pelham Rd'],
      ['pwdqjtygcmbhb', 'scheduled', 'in_person', '1508 Pelham Rd'],
      ['pwdqjtygcpbkb', 'scheduled', 'online', null],
      ['306527183', 'scheduled', 'in_person', '1508 Pelham Rd'],
    ]);
    expect(events[0]).toMatchObject({
      start: '2020-01-12T03:59:00Z',
      venue: { address: '101 N Main St #302, Greenville, SC 29601', lat: 34.85202, lon: -82.39968 },
    });
  });
});
