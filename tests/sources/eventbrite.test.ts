import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MockAgent } from 'undici';
import { SourceFailure } from '../../src/errors.ts';
import type { HttpClient } from '../../src/http/client.ts';
import { testHttpClient } from '../helpers/http.ts';
import type { AdapterContext } from '../../src/sources/adapter.ts';
import { eventbriteAdapter } from '../../src/sources/eventbrite/index.ts';
import type { SourceConfig } from '../../src/config/schema.ts';
import type { AdapterResult } from '../../src/sources/adapter.ts';
import { describeRealFixtures, realFixtureText } from '../helpers/fixtures.ts';
import { serve, startServer } from '../helpers/server.ts';

// The test clock is the first of July next year; the events are two weeks later, so they are
// upcoming and in Spokane's summer time (PDT, UTC-7).
const YEAR = new Date().getUTCFullYear() + 1;
const NOW = new Date(`${YEAR}-07-01T12:00:00Z`);
const JULY_15 = `${YEAR}-07-15`;
const SPOKANE = 'America/Los_Angeles';
const ORGANIZER_ID = '72020528223';
const ORGANIZER_PATH = `/o/spokane-rust-${ORGANIZER_ID}`;
const TOKEN = 'PRIVATE-TOKEN-4f9c2e7a1b';

type Node = Record<string, unknown>;
type Server = Awaited<ReturnType<typeof startServer>>;

let server: Server;

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

function context(http: HttpClient = testHttpClient(), now = NOW): AdapterContext {
  return { http, site: { title: 'Spokane Tech', url: 'https://spokanetech.example', timezone: SPOKANE }, now };
}

function source(url = server.url(ORGANIZER_PATH)): SourceConfig {
  return { type: 'eventbrite', url };
}

function fetchEvents(): Promise<AdapterResult> {
  return eventbriteAdapter(source(), context());
}

function json(value: unknown, status = 200) {
  return serve(JSON.stringify(value), 'application/json', status);
}

function eventUrl(id: string, slug = 'spokane-rust-meetup'): string {
  return server.url(`/e/${slug}-tickets-${id}`);
}

/** An event object as Eventbrite writes it, in the organizer page's __SERVER_DATA__ and its API. */
function eventObject(id: string, overrides: Node = {}): Node {
  return {
    id,
    name: { text: 'Spokane Rust Meetup', html: 'Spokane Rust Meetup' },
    url: eventUrl(id),
    start: { timezone: SPOKANE, local: `${JULY_15}T18:00:00`, utc: `${YEAR}-07-16T01:00:00Z` },
    end: { timezone: SPOKANE, local: `${JULY_15}T20:00:00`, utc: `${YEAR}-07-16T03:00:00Z` },
    status: 'live',
    is_series: false,
    is_series_parent: false,
    online_event: false,
    summary: 'Talks & pizza.',
    logo: {
      url: 'https://img.example.test/rust-cropped.png',
      original: { url: 'https://img.example.test/rust-original.png' },
    },
    venue_id: '214450569',
    venue: library(),
    ...overrides,
  };
}

function library(): Node {
  return {
    id: '214450569',
    name: 'Spokane Public Library',
    address: {
      address_1: '906 W Main Ave',
      city: 'Spokane',
      region: 'WA',
      postal_code: '99201',
      localized_address_display: '906 W Main Ave, Spokane, WA 99201',
    },
    latitude: '47.6588',
    longitude: '-117.4224',
  };
}

// ---- The organizer page ----

function organizer(overrides: Node = {}): Node {
  return {
    id: ORGANIZER_ID,
    name: 'Spokane Rust &amp; Friends',
    url: server.url(ORGANIZER_PATH),
    description: { text: null, html: '<p>Rust in Spokane.</p>' },
    long_description: { text: null, html: '<p></p>' },
    logo: { url: 'https://img.example.test/org.png', original: { url: 'https://img.example.test/org-original.png' } },
    ...overrides,
  };
}

function serverData(futureEvents: Node[], overrides: Node = {}): Node {
  return {
    app_name: 'organizer-profile',
    jsonld: [],
    api_data: { organizer: organizer() },
    view_data: {
      events: {
        future_events: futureEvents,
        past_events: [],
        has_next_future_page: false,
        num_future_events: futureEvents.length,
      },
    },
    ...overrides,
  };
}

/** JSON as a site embeds it in a script: `<` escaped so that no string can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function ldScript(value: unknown): string {
  return `<script type="application/ld+json">${scriptJson(value)}</script>`;
}

/** Laid out like the real page: the assignment sits between other statements of one script. */
function organizerPage(data: Node | null, ...scripts: string[]): string {
  const assignment = data === null ? '' : `window.__SERVER_DATA__ = ${scriptJson(data)};`;
  return `<!doctype html><html><head><title>Spokane Rust</title></head><body>
<script type="text/javascript">
  window.__i18n__ = {"locale":"en_US"};
  ${assignment}
  window.__REACT_QUERY_STATE__ = ""
</script>
${scripts.join('\n')}
</body></html>`;
}

/** The JSON-LD of an event's own page. */
function eventNode(id: string, overrides: Node = {}): Node {
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: 'Spokane Rust Meetup',
    url: eventUrl(id),
    startDate: `${JULY_15}T18:00:00-07:00`,
    endDate: `${JULY_15}T20:00:00-07:00`,
    eventStatus: 'https://schema.org/EventScheduled',
    description: 'Talks &amp; pizza.',
    ...overrides,
  };
}

function servePages(events: Node[], data: Node = serverData(events)): void {
  server.route(ORGANIZER_PATH, serve(organizerPage(data), 'text/html; charset=utf-8'));
  for (const event of events) {
    const id = String(event.id);
    server.route(new URL(String(event.url)).pathname, serve(organizerPage(null, ldScript(eventNode(id))), 'text/html'));
  }
}

function serveEventPage(url: string, ...nodes: Node[]): void {
  server.route(new URL(url).pathname, serve(organizerPage(null, ...nodes.map(ldScript)), 'text/html'));
}

describe('eventbrite without a token: the organizer page', () => {
  beforeEach(() => {
    // A developer's own token must not send these tests to the API.
    vi.stubEnv('EVENTBRITE_TOKEN', '');
  });

  it("lists the organizer page's upcoming events under their Eventbrite ids, with UTC times, zone and venue", async () => {
    servePages([eventObject('1001'), eventObject('1002', { name: { text: 'Rust &amp; Coffee' } })]);
    const { events, warnings } = await fetchEvents();
    expect(warnings).toEqual([]);
    expect(events.map((event) => [event.sourceEventId, event.title])).toEqual([
      ['1001', 'Spokane Rust Meetup'],
      ['1002', 'Rust & Coffee'],
    ]);
    expect(events[0]).toEqual({
      sourceEventId: '1001',
      title: 'Spokane Rust Meetup',
      start: `${YEAR}-07-16T01:00:00Z`,
      end: `${YEAR}-07-16T03:00:00Z`,
      allDay: false,
      endEstimated: false,
      timezone: SPOKANE,
      status: 'scheduled',
      attendance: 'in_person',
      venue: { name: 'Spokane Public Library', address: '906 W Main Ave, Spokane, WA 99201', lat: 47.6588, lon: -117.4224 },
      onlineUrl: null,
      url: eventUrl('1001'),
      descriptionHtml: '<p>Talks &amp; pizza.</p>',
      imageUrl: 'https://img.example.test/rust-cropped.png',
      topics: [],
    });
  });

  it('keeps two events of the same name apart, taking the id from the URL when the listing has none', async () => {
    servePages([eventObject('1001'), { ...eventObject('1002'), id: undefined }]);
    const { events } = await fetchEvents();
    expect(events.map((event) => event.sourceEventId)).toEqual(['1001', '1002']);
  });

  it("adds the fuller description, hybrid attendance and a cancellation from the event's own page", async () => {
    servePages([eventObject('1001')]);
    serveEventPage(
      eventUrl('1001'),
      eventNode('1001', {
        description: '<p>Talks &amp; pizza. This month: <strong>async Rust</strong>.</p><script>alert(1)</script>',
        eventStatus: 'https://schema.org/EventCancelled',
        eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
      }),
    );
    const [event] = (await fetchEvents()).events;
    expect(event).toMatchObject({
      status: 'cancelled',
      attendance: 'hybrid',
      descriptionHtml: '<p>Talks &amp; pizza. This month: <strong>async Rust</strong>.</p>',
      venue: { name: 'Spokane Public Library' },
    });
  });

  it("keeps the organizer page's description when the event page's is cut short", async () => {
    servePages([eventObject('1001', { summary: 'Talks & pizza, then lightning talks until nine.' })]);
    serveEventPage(eventUrl('1001'), eventNode('1001', { description: 'Talks &amp; pizza, then' }));
    const [event] = (await fetchEvents()).events;
    expect(event?.descriptionHtml).toBe('<p>Talks &amp; pizza, then lightning talks until nine.</p>');
  });

  it('keeps an event the organizer page calls cancelled cancelled, whatever its own page says', async () => {
    servePages([eventObject('1001', { status: 'canceled' })]);
    expect((await fetchEvents()).events[0]?.status).toBe('cancelled');
  });

  it('keeps an online event online when its own page does not say how to attend', async () => {
    servePages([eventObject('1001', { online_event: true, venue: null, venue_id: null })]);
    expect((await fetchEvents()).events[0]).toMatchObject({ attendance: 'online', venue: null });
  });

  it("takes the venue and the picture from the event's own page when the listing has neither", async () => {
    servePages([eventObject('1001', { venue: null, logo: null })]);
    const place = { '@type': 'Place', name: 'Indaba Coffee', address: '1425 W Broadway Ave, Spokane' };
    serveEventPage(eventUrl('1001'), eventNode('1001', { location: place, image: 'https://img.example.test/indaba.png' }));
    expect((await fetchEvents()).events[0]).toMatchObject({
      venue: { name: 'Indaba Coffee', address: '1425 W Broadway Ave, Spokane' },
      imageUrl: 'https://img.example.test/indaba.png',
    });
  });

  it('reads listings that give the date and the time apart, in the zone they name', async () => {
    const split = {
      ...eventObject('1001'),
      start: undefined,
      end: undefined,
      start_date: JULY_15,
      start_time: '18:00',
      end_date: JULY_15,
      end_time: '20:00',
      timezone: 'America/Denver',
    };
    servePages([split]);
    expect((await fetchEvents()).events[0]).toMatchObject({
      start: `${YEAR}-07-16T00:00:00Z`,
      end: `${YEAR}-07-16T02:00:00Z`,
      timezone: 'America/Denver',
    });
  });

  it("does not take details from another event shown on an event's page", async () => {
    servePages([eventObject('1001')]);
    const other = eventNode('2002', { url: eventUrl('2002', 'go-night'), eventStatus: 'https://schema.org/EventCancelled' });
    serveEventPage(eventUrl('1001'), other);
    const { events, warnings } = await fetchEvents();
    expect(events[0]?.status).toBe('scheduled');
    expect(warnings).toEqual([
      'the page of "Spokane Rust Meetup" (1001) has no JSON-LD event with its id; kept what the organizer page says',
    ]);
  });

  it("keeps what the organizer page says, with a warning, when an event's page cannot be read", async () => {
    servePages([eventObject('1001')]);
    server.route(new URL(eventUrl('1001')).pathname, serve('busy', 'text/plain', 503));
    const { events, warnings } = await fetchEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ sourceEventId: '1001', descriptionHtml: '<p>Talks &amp; pizza.</p>' });
    expect(warnings).toEqual([
      `could not read the page of "Spokane Rust Meetup" (1001): HTTP 503 from ${eventUrl('1001')}; kept what the organizer page says`,
    ]);
  });

  it('fetches the event pages one at a time', async () => {
    const listed = ['1001', '1002', '1003'].map((id) => eventObject(id));
    servePages(listed);
    let inFlight = 0;
    let most = 0;
    for (const event of listed) {
      server.route(new URL(String(event.url)).pathname, (_request, response) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        setTimeout(() => {
          inFlight -= 1;
          response.writeHead(200, { 'content-type': 'text/html' }).end(organizerPage(null, ldScript(eventNode(String(event.id)))));
        }, 25);
      });
    }
    await fetchEvents();
    expect(most).toBe(1);
  });

  it('does not fetch the pages of events that are already over', async () => {
    const over = eventObject('1000', {
      start: { timezone: SPOKANE, local: `${YEAR}-06-10T18:00:00`, utc: `${YEAR}-06-11T01:00:00Z` },
      end: { timezone: SPOKANE, local: `${YEAR}-06-10T20:00:00`, utc: `${YEAR}-06-11T03:00:00Z` },
    });
    servePages([over, eventObject('1001')]);
    const { events } = await fetchEvents();
    expect(events.map((event) => event.sourceEventId)).toEqual(['1000', '1001']);
    expect(server.hits().map((hit) => hit.path)).toEqual([ORGANIZER_PATH, new URL(eventUrl('1001')).pathname]);
  });

  it('shows a series listed as one months-long event as its first date, ending at its usual time, and warns', async () => {
    const series = eventObject('3003', {
      name: { text: 'Rust Study Night' },
      is_series: true,
      is_series_parent: true,
      end: { timezone: SPOKANE, local: `${YEAR}-09-30T20:00:00`, utc: `${YEAR}-10-01T03:00:00Z` },
    });
    servePages([series]);
    const { events, warnings } = await fetchEvents();
    expect(events[0]).toMatchObject({ start: `${YEAR}-07-16T01:00:00Z`, end: `${YEAR}-07-16T03:00:00Z`, endEstimated: true });
    expect(warnings).toEqual([
      `"Rust Study Night" (3003) is a series listed as one event from ${YEAR}-07-16 to ${YEAR}-10-01; ` +
        'kept only its first date, with an estimated end',
    ]);
  });

  it('keeps a two-day conference a two-day event', async () => {
    const conference = eventObject('4004', {
      end: { timezone: SPOKANE, local: `${YEAR}-07-16T17:00:00`, utc: `${YEAR}-07-17T00:00:00Z` },
    });
    servePages([conference]);
    const { events, warnings } = await fetchEvents();
    expect(events[0]).toMatchObject({ end: `${YEAR}-07-17T00:00:00Z`, endEstimated: false });
    expect(warnings).toEqual([]);
  });

  it('reads the page data whatever braces, quotes and semicolons its strings hold', async () => {
    const tricky = eventObject('1001', { name: { text: 'Rust {async}; "await" }; window.x = {' } });
    servePages([tricky]);
    // Minified, the next statement follows on the same line.
    const assignment = `window.__SERVER_DATA__ = ${scriptJson(serverData([tricky]))};`;
    const page = organizerPage(null).replace(
      'window.__REACT_QUERY_STATE__ = ""',
      `${assignment}window.__REACT_QUERY_STATE__ = {"queries": [{"a": "};"}]};`,
    );
    server.route(ORGANIZER_PATH, serve(page, 'text/html'));
    const { events } = await fetchEvents();
    expect(events.map((event) => event.title)).toEqual(['Rust {async}; "await" }; window.x = {']);
  });

  it('warns when the organizer page shows only part of the upcoming events', async () => {
    const data = serverData([eventObject('1001')]);
    Object.assign((data.view_data as { events: Node }).events, { has_next_future_page: true, num_future_events: 29 });
    servePages([eventObject('1001')], data);
    const { warnings } = await fetchEvents();
    expect(warnings).toEqual([
      'the organizer page shows 1 of its 29 upcoming events; set EVENTBRITE_TOKEN to read them all',
    ]);
  });

  it("takes the group's name, sanitized description, logo and links from the organizer's data", async () => {
    const data = serverData([], {
      api_data: {
        organizer: organizer({
          long_description: { text: null, html: '<p>We meet <em>monthly</em>.</p><script>alert(1)</script>' },
          website_url: 'https://spokanerust.example/',
          twitter: '@spokanerust',
          facebook: 'spokanerust',
        }),
      },
    });
    servePages([], data);
    const { group } = await fetchEvents();
    expect(group).toEqual({
      name: 'Spokane Rust & Friends',
      descriptionHtml: '<p>We meet <em>monthly</em>.</p>',
      imageUrl: 'https://img.example.test/org.png',
      links: [
        'https://spokanerust.example/',
        server.url(ORGANIZER_PATH),
        'https://twitter.com/spokanerust',
        'https://www.facebook.com/spokanerust',
      ],
    });
  });

  it('reports no events, without failing, for an organizer with no upcoming events', async () => {
    servePages([]);
    const { events, warnings } = await fetchEvents();
    expect(events).toEqual([]);
    expect(warnings).toEqual([]);
  });

  describe('when the page is not what it used to be', () => {
    // JSON-LD as the real page writes it: offsets without a colon, a series collapsed into one item.
    const itemList = () => ({
      '@context': 'https://schema.org',
      '@type': 'ItemList',
      itemListElement: [
        {
          '@type': 'ListItem',
          position: 1,
          item: eventNode('5005', {
            name: 'Rust Study Night',
            url: eventUrl('5005', 'rust-study-night'),
            startDate: `${JULY_15}T18:00:00-0700`,
            endDate: `${YEAR}-09-30T20:00:00-0700`,
          }),
        },
        { '@type': 'ListItem', position: 2, item: eventNode('6006', { url: server.url('/e/no-id-here') }) },
      ],
    });

    it('reads the events from the JSON-LD, with a warning, when the page has no __SERVER_DATA__', async () => {
      server.route(ORGANIZER_PATH, serve(organizerPage(null, ldScript(itemList())), 'text/html'));
      const studyNight = eventUrl('5005', 'rust-study-night');
      serveEventPage(studyNight, eventNode('5005', { url: studyNight }));
      const { events, warnings } = await fetchEvents();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        sourceEventId: '5005',
        title: 'Rust Study Night',
        start: `${YEAR}-07-16T01:00:00Z`,
        end: `${YEAR}-07-16T03:00:00Z`,
        endEstimated: true,
      });
      expect(warnings).toEqual([
        `"Rust Study Night" (5005) is a series listed as one event from ${YEAR}-07-16 to ${YEAR}-10-01; ` +
          'kept only its first date, with an estimated end',
        `skipped "Spokane Rust Meetup": its URL (${server.url('/e/no-id-here')}) has no Eventbrite event id`,
        "the organizer page has no readable window.__SERVER_DATA__; read its events from its JSON-LD instead",
      ]);
    });

    it('reads the events from the JSON-LD when __SERVER_DATA__ has lost view_data.events', async () => {
      const page = organizerPage({ ...serverData([]), view_data: { website: '' } }, ldScript(itemList()));
      server.route(ORGANIZER_PATH, serve(page, 'text/html'));
      const { events, warnings } = await fetchEvents();
      expect(events.map((event) => event.sourceEventId)).toEqual(['5005']);
      expect(warnings).toContain(
        'the organizer page has a window.__SERVER_DATA__ without the view_data.events.future_events list; ' +
          'read its events from its JSON-LD instead',
      );
    });

    it('fails, rather than reporting no events, when __SERVER_DATA__ has lost view_data.events and the JSON-LD lists none', async () => {
      const profile = { '@context': 'https://schema.org', '@type': 'ProfilePage', mainEntity: { '@type': 'Organization', name: 'Spokane Rust' } };
      const page = organizerPage({ ...serverData([]), view_data: { website: '' } }, ldScript(profile));
      server.route(ORGANIZER_PATH, serve(page, 'text/html'));
      await expect(fetchEvents()).rejects.toMatchObject({
        name: 'SourceFailure',
        kind: 'unexpected_content',
        message: expect.stringContaining('without the view_data.events.future_events list and no events in JSON-LD'),
      });
    });

    it('fails, rather than reporting no events, when the page has neither __SERVER_DATA__ nor JSON-LD (a bot check)', async () => {
      const challenge = '<!doctype html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>';
      server.route(ORGANIZER_PATH, serve(challenge, 'text/html'));
      await expect(fetchEvents()).rejects.toMatchObject({
        name: 'SourceFailure',
        kind: 'unexpected_content',
        message: expect.stringContaining('has no readable window.__SERVER_DATA__ and no events in JSON-LD'),
      });
    });
  });

  it('fails clearly, without fetching anything, when the source URL does not end in an organizer id', async () => {
    await expect(eventbriteAdapter(source(server.url('/o/spokane-rust')), context())).rejects.toMatchObject({
      name: 'SourceFailure',
      kind: 'unexpected_content',
      message: expect.stringContaining('its path should end in the organizer id'),
    });
    expect(server.hits().map((hit) => hit.path)).toEqual([]);
  });
});

describe('eventbrite with EVENTBRITE_TOKEN: the API', () => {
  const EVENTS_PATH = `/v3/organizers/${ORGANIZER_ID}/events/`;
  const requests: IncomingMessage[] = [];

  beforeEach(() => {
    requests.length = 0;
    vi.stubEnv('EVENTBRITE_TOKEN', TOKEN);
    vi.stubEnv('EVENTBRITE_API_URL', server.url('/v3'));
    server.route(`/v3/organizers/${ORGANIZER_ID}/`, json(organizer()));
  });

  function recorded(handler: (request: IncomingMessage, response: ServerResponse) => void) {
    return (request: IncomingMessage, response: ServerResponse) => {
      requests.push(request);
      handler(request, response);
    };
  }

  /** One page of the organizer's events, with the continuation of the next page if any. */
  function eventsPage(events: Node[], continuation?: string): Node {
    const more = continuation !== undefined;
    return {
      pagination: { object_count: events.length, page_number: 1, page_size: 50, page_count: more ? 2 : 1, has_more_items: more, ...(more ? { continuation } : {}) },
      events,
    };
  }

  /** Serves the pages in turn: the first without a continuation, then one per continuation. */
  function serveEventPages(pages: Record<string, Node>): void {
    server.route(
      EVENTS_PATH,
      recorded((request, response) => {
        const continuation = new URL(request.url ?? '', 'http://localhost').searchParams.get('continuation') ?? '';
        const page = pages[continuation];
        response.writeHead(page ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(page ?? {}));
      }),
    );
  }

  it("reads every page of the organizer's events, following the continuation", async () => {
    serveEventPages({
      '': eventsPage([eventObject('1001'), eventObject('1002')], 'eyJwYWdlIjogMn0'),
      eyJwYWdlIjogMn0: eventsPage([eventObject('1003')]),
    });
    const { events, group, warnings } = await fetchEvents();
    expect(events.map((event) => event.sourceEventId)).toEqual(['1001', '1002', '1003']);
    expect(warnings).toEqual([]);
    expect(group?.name).toBe('Spokane Rust & Friends');
    expect(requests.map((request) => request.url)).toEqual([
      `${EVENTS_PATH}?status=live&expand=venue,logo,event_sales_status`,
      `${EVENTS_PATH}?status=live&expand=venue,logo,event_sales_status&continuation=eyJwYWdlIjogMn0`,
    ]);
  });

  it('sends the token as a Bearer Authorization header, never in the URL', async () => {
    serveEventPages({ '': eventsPage([]) });
    await fetchEvents();
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(requests[0]?.url).not.toContain(TOKEN);
  });

  it('reads UTC instants with the event zone, and an online event as online with no venue', async () => {
    const online = eventObject('1001', {
      online_event: true,
      venue_id: null,
      venue: null,
      start: { timezone: 'America/New_York', local: `${JULY_15}T12:00:00`, utc: `${JULY_15}T16:00:00Z` },
      end: { timezone: 'America/New_York', local: `${JULY_15}T13:00:00`, utc: `${JULY_15}T17:00:00Z` },
      description: { text: 'Rust on the web', html: '<P>Rust on the <b>web</b></P>' },
    });
    serveEventPages({ '': eventsPage([online]) });
    const [event] = (await fetchEvents()).events;
    expect(event).toMatchObject({
      start: `${JULY_15}T16:00:00Z`,
      end: `${JULY_15}T17:00:00Z`,
      timezone: 'America/New_York',
      attendance: 'online',
      venue: null,
      descriptionHtml: '<p>Rust on the <b>web</b></p>',
    });
  });

  it.each([
    ['canceled', 'cancelled'],
    ['cancelled', 'cancelled'],
    ['postponed', 'postponed'],
    ['live', 'scheduled'],
    ['started', 'scheduled'],
    ['ended', 'scheduled'],
    ['completed', 'scheduled'],
  ])('shows an event whose status is %s as %s', async (status, shown) => {
    serveEventPages({ '': eventsPage([eventObject('1001', { status })]) });
    expect((await fetchEvents()).events[0]?.status).toBe(shown);
  });

  it.each(['live', 'completed'])('shows an event as cancelled when its sales status says so, though its status is %s', async (status) => {
    const salesStatus = { sales_status: 'sales_ended', message: 'Cancelled', message_code: 'event_cancelled' };
    serveEventPages({ '': eventsPage([eventObject('1001', { status, event_sales_status: salesStatus })]) });
    expect((await fetchEvents()).events[0]?.status).toBe('cancelled');
  });

  it('looks up a venue given only by id once for all the events held there', async () => {
    const atVenue = (id: string) => eventObject(id, { venue: undefined, venue_id: '214450569' });
    serveEventPages({ '': eventsPage([atVenue('1001'), atVenue('1002')]) });
    server.route('/v3/venues/214450569/', recorded(json(library())));
    const { events } = await fetchEvents();
    expect(events.map((event) => event.venue?.name)).toEqual(['Spokane Public Library', 'Spokane Public Library']);
    expect(requests.filter((request) => request.url?.startsWith('/v3/venues/'))).toHaveLength(1);
  });

  it.each([401, 403])('fails saying the token was refused (HTTP %i), without showing the token', async (status) => {
    server.route(EVENTS_PATH, json({ error: 'INVALID_AUTH', error_description: 'The OAuth token you provided was invalid.' }, status));
    const failure = await eventbriteAdapter(source(), context()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SourceFailure);
    expect(failure).toMatchObject({ kind: 'http', httpStatus: status, message: expect.stringContaining('refused the EVENTBRITE_TOKEN') });
    expect((failure as Error).message).not.toContain(TOKEN);
  });

  it('refuses a token with a line break in it without repeating the token', async () => {
    vi.stubEnv('EVENTBRITE_TOKEN', `${TOKEN}\nX-Evil: 1`);
    const failure = await eventbriteAdapter(source(), context()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'SourceFailure', message: expect.stringContaining('spaces or control characters') });
    expect((failure as Error).message).not.toContain(TOKEN);
    expect(server.hits().map((hit) => hit.path)).toEqual([]);
  });

  it('keeps the token out of the events, the warnings and the group details', async () => {
    const atUnknownVenue = eventObject('1001', { venue: undefined, venue_id: '999' });
    serveEventPages({ '': eventsPage([atUnknownVenue, eventObject('1002')]) });
    const result = await fetchEvents();
    expect(result.warnings).toEqual([`could not look up venue 999: HTTP 404 from ${server.url('/v3/venues/999/')}`]);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('warns, keeping what it read, when the API says more events follow but gives no continuation', async () => {
    const page = eventsPage([eventObject('1001')]);
    serveEventPages({ '': { ...page, pagination: { has_more_items: true } } });
    const { events, warnings } = await fetchEvents();
    expect(events).toHaveLength(1);
    expect(warnings).toEqual(["Eventbrite's API says more events follow page 1 but gave no continuation; read 1"]);
  });

  it('stops after 20 pages, with a warning, when the API keeps saying more follow', async () => {
    server.route(EVENTS_PATH, recorded(json(eventsPage([eventObject('1001')], 'again'))));
    const { warnings } = await fetchEvents();
    expect(requests).toHaveLength(20);
    expect(warnings).toEqual(['stopped after 20 pages of events (20 events); the organizer lists more']);
  });

  it('fails when the API answers without an events list', async () => {
    server.route(EVENTS_PATH, json({ pagination: { has_more_items: false } }));
    await expect(fetchEvents()).rejects.toMatchObject({
      name: 'SourceFailure',
      kind: 'unexpected_content',
      message: expect.stringContaining('without an "events" list'),
    });
  });

  it("asks Eventbrite's own API when EVENTBRITE_API_URL is not set", async () => {
    vi.stubEnv('EVENTBRITE_API_URL', '');
    const urls: string[] = [];
    const offline: HttpClient = {
      get: async (url) => {
        urls.push(url);
        throw new SourceFailure('network', `could not fetch ${url}: offline`);
      },
    };
    await expect(eventbriteAdapter(source(), context(offline))).rejects.toMatchObject({ kind: 'network' });
    expect(urls).toEqual([
      `https://www.eventbriteapi.com/v3/organizers/${ORGANIZER_ID}/events/?status=live&expand=venue,logo,event_sales_status`,
    ]);
  });
});

describeRealFixtures('eventbrite on real saved pages and API answers', () => {
  describe('without a token', () => {
    const PAGE = 'https://www.eventbrite.co.uk/o/queer-lit-social-refuge-48062165483';
    const agents: MockAgent[] = [];

    afterEach(async () => {
      await Promise.all(agents.splice(0).map((agent) => agent.close()));
    });

    /** Serves the saved organizer page; every event page answers 404. */
    function savedPage(): HttpClient {
      const agent = new MockAgent();
      agent.disableNetConnect();
      const origin = agent.get('https://www.eventbrite.co.uk');
      origin
        .intercept({ path: '/o/queer-lit-social-refuge-48062165483', method: 'GET' })
        .reply(200, realFixtureText('eventbrite/organizer-page-48062165483.html'), { headers: { 'content-type': 'text/html' } });
      origin.intercept({ path: (path) => path.startsWith('/e/'), method: 'GET' }).reply(404, 'gone').persist();
      agents.push(agent);
      return testHttpClient({ dispatcher: agent });
    }

    it('reads the 12 upcoming events of a real organizer page, each collapsed series as its first date', async () => {
      vi.stubEnv('EVENTBRITE_TOKEN', '');
      // The day the page was saved ("Today" on its first event).
      const result = await eventbriteAdapter({ type: 'eventbrite', url: PAGE }, context(savedPage(), new Date('2024-10-03T12:00:00Z')));
      expect(result.events.map((event) => event.sourceEventId)).toEqual([
        '1024759512287', '1034767436257', '1026775502167', '1255725521839', '1334997636869', '1330808677579',
        '1333047784809', '1367007810159', '1360290197599', '1306670910869', '1353247763489', '1347957670679',
      ]);
      expect(result.events[0]).toMatchObject({
        title: 'Ancoats Quiz Night',
        start: '2024-10-03T18:00:00Z',
        // The series' last night ends at 22:00 London time, so the first one does too.
        end: '2024-10-03T21:00:00Z',
        endEstimated: true,
        timezone: 'Europe/London',
        venue: { name: 'Social Refuge', address: '27 Great Ancoats Street, Ancoats, M4 5AJ', lat: 53.48422, lon: -2.2314114 },
        url: 'https://www.eventbrite.co.uk/e/ancoats-quiz-night-tickets-1024759512287',
      });
      expect(result.events[6]).toMatchObject({
        title: '40th Year Cabaret Celebration Of The George House Trust',
        start: '2025-05-31T17:30:00Z',
        end: '2025-05-31T22:30:00Z',
        endEstimated: false,
      });
      const warnings = result.warnings ?? [];
      expect(warnings.filter((warning) => warning.includes('is a series listed as one event'))).toHaveLength(6);
      expect(warnings.filter((warning) => warning.startsWith('could not read the page of'))).toHaveLength(12);
      expect(warnings).toContain('the organizer page shows 12 of its 29 upcoming events; set EVENTBRITE_TOKEN to read them all');
      expect(result.group).toMatchObject({ name: 'Queer Lit & Social Refuge', links: [PAGE] });
      expect(result.group?.descriptionHtml).toBeUndefined();
    });
  });

  describe('with a token', () => {
    beforeEach(() => {
      vi.stubEnv('EVENTBRITE_TOKEN', TOKEN);
      vi.stubEnv('EVENTBRITE_API_URL', server.url('/v3'));
      server.route(`/v3/organizers/${ORGANIZER_ID}/`, json({ id: ORGANIZER_ID, name: 'INCH360' }));
    });

    function organizerEvents(id: string, route: Parameters<Server['route']>[1]): void {
      server.route(`/v3/organizers/${id}/events/`, route);
    }

    it('reads both pages of a real API answer, one event per series date', async () => {
      const page1 = realFixtureText('eventbrite/api-v3-organizer-events-expand-venue-page1.json');
      const page2 = {
        pagination: { object_count: 72, page_number: 2, page_size: 50, page_count: 2, has_more_items: false },
        events: [eventObject('1399999999999', { name: { text: 'Queer Lit Book Club: August' } })],
      };
      organizerEvents('48062165483', (request, response) => {
        const second = request.url?.includes('continuation=eyJwYWdlIjogMn0') === true;
        response.writeHead(200, { 'content-type': 'application/json' }).end(second ? JSON.stringify(page2) : page1);
      });
      const url = 'https://www.eventbrite.co.uk/o/queer-lit-social-refuge-48062165483';
      const { events } = await eventbriteAdapter({ type: 'eventbrite', url }, context());
      expect(events).toHaveLength(51);
      expect(events.at(-1)?.title).toBe('Queer Lit Book Club: August');
      const quizNights = events.filter((event) => event.title === 'Ancoats Quiz Night');
      expect(quizNights).toHaveLength(30);
      expect(quizNights[0]).toMatchObject({
        sourceEventId: '1301111612859',
        start: '2025-05-29T18:00:00Z',
        end: '2025-05-29T21:00:00Z',
        endEstimated: false,
        timezone: 'Europe/London',
        venue: { name: 'Social Refuge', lat: 53.48422, lon: -2.2314114 },
      });
    });

    it("gives INCH360's conference the venue it names only by id: the Hemmingson Center in Spokane", async () => {
      organizerEvents(ORGANIZER_ID, serve(realFixtureText('eventbrite/inch360-organizer-events.json'), 'application/json'));
      server.route('/v3/venues/214450569/', serve(realFixtureText('eventbrite/inch360-venue-214450569.json'), 'application/json'));
      const { events, warnings } = await fetchEvents();
      expect(warnings).toEqual([]);
      expect(events).toEqual([
        expect.objectContaining({
          sourceEventId: '909447069667',
          title: '3rd Annual - INCH360 Regional Cybersecurity Conference',
          start: '2024-10-02T15:30:00Z',
          end: '2024-10-02T23:00:00Z',
          timezone: SPOKANE,
          venue: { name: 'John J. Hemmingson Center', address: '702 East Desmet Avenue, Spokane, WA 99202', lat: 47.6672448, lon: -117.3999126 },
        }),
      ]);
    });

    it('shows the real cancelled event as cancelled although its status says completed', async () => {
      organizerEvents(ORGANIZER_ID, serve(realFixtureText('eventbrite/api-v3-cancelled-event.json'), 'application/json'));
      const { events } = await fetchEvents();
      expect(events.map((event) => [event.title, event.status])).toEqual([['Flywheel Café (Greenville)', 'cancelled']]);
    });
  });
});
