import { afterEach, describe, expect, it } from 'vitest';
import { MockAgent } from 'undici';
import { testHttpClient } from '../helpers/http.ts';
import type { AdapterContext } from '../../src/sources/adapter.ts';
import { extractJsonLd, findEventNodes } from '../../src/sources/jsonld/extract.ts';
import { jsonldAdapter, parseJsonLdEvents } from '../../src/sources/jsonld/index.ts';
import { eventFromSchemaOrg } from '../../src/sources/jsonld/schema-org-event.ts';
import type { SourceEvent } from '../../src/types.ts';
import type { SourceConfig } from '../../src/config/schema.ts';
import { describeRealFixtures, realFixtureText } from '../helpers/fixtures.ts';

// Dates are next year's, so the fixtures never go stale; mid-July is always PDT (UTC-7) in
// Spokane and mid-January always PST (UTC-8).
const YEAR = new Date().getUTCFullYear() + 1;
const JULY_15 = `${YEAR}-07-15`;
const JANUARY_15 = `${YEAR}-01-15`;
const SPOKANE = 'America/Los_Angeles';
const PAGE_URL = 'https://example.test/calendar/';
const OPTIONS = { pageUrl: PAGE_URL, timezone: SPOKANE };

type Node = Record<string, unknown>;

function rustMeetup(overrides: Node = {}): Node {
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: 'Spokane Rust Meetup',
    startDate: `${JULY_15}T18:00:00-07:00`,
    endDate: `${JULY_15}T20:00:00-07:00`,
    url: 'https://example.test/events/rust',
    ...overrides,
  };
}

function convert(overrides: Node = {}): SourceEvent {
  const event = eventFromSchemaOrg(rustMeetup(overrides), OPTIONS);
  if (event === null) throw new Error('expected an event');
  return event;
}

/** JSON as a site embeds it: `<` escaped so that no string can close the script element. */
function ldScript(value: unknown, type = 'application/ld+json'): string {
  return `<script type="${type}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
}

function page(...scripts: string[]): string {
  return `<!doctype html><html><head><title>Events</title>${scripts.join('\n')}</head><body></body></html>`;
}

describe('extractJsonLd', () => {
  it('reads ld+json blocks whatever the case, parameters or spacing of their type', () => {
    const html = page(
      ldScript({ '@type': 'Organization', name: 'A' }, 'Application/LD+JSON'),
      ldScript({ '@type': 'Organization', name: 'B' }, ' application/ld+json; charset=utf-8 '),
    );
    expect(extractJsonLd(html).nodes).toEqual([
      { '@type': 'Organization', name: 'A' },
      { '@type': 'Organization', name: 'B' },
    ]);
  });

  it('ignores JSON in ordinary scripts', () => {
    const html = page(ldScript(rustMeetup(), 'application/json'), ldScript(rustMeetup(), 'text/javascript'));
    expect(extractJsonLd(html)).toEqual({ nodes: [], blocks: 0, invalidBlocks: 0 });
  });

  it('skips and counts a block that is not valid JSON, keeping the others', () => {
    const html = page('<script type="application/ld+json">{"@type": "Event", name: oops}</script>', ldScript(rustMeetup()));
    const content = extractJsonLd(html);
    expect(content.invalidBlocks).toBe(1);
    expect(content.blocks).toBe(2);
    expect(content.nodes).toEqual([rustMeetup()]);
  });

  it('flattens top-level arrays and @graph arrays into nodes', () => {
    const html = page(
      ldScript([{ '@type': 'Organization' }, { '@type': 'WebSite' }]),
      ldScript({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, rustMeetup()] }),
    );
    expect(extractJsonLd(html).nodes).toEqual([
      { '@type': 'Organization' },
      { '@type': 'WebSite' },
      { '@type': 'WebPage' },
      rustMeetup(),
    ]);
  });
});

describe('findEventNodes', () => {
  const subtypes = [
    'Event', 'BusinessEvent', 'ChildrensEvent', 'ComedyEvent', 'CourseInstance', 'DanceEvent',
    'DeliveryEvent', 'EducationEvent', 'EventSeries', 'ExhibitionEvent', 'Festival', 'FoodEvent',
    'Hackathon', 'LiteraryEvent', 'MusicEvent', 'PublicationEvent', 'SaleEvent', 'ScreeningEvent',
    'SocialEvent', 'SportsEvent', 'TheaterEvent', 'VisualArtsEvent',
  ];

  it('lists every kind of schema.org event', () => {
    const nodes = subtypes.map((type) => ({ '@type': type }));
    expect(findEventNodes(nodes)).toHaveLength(subtypes.length);
  });

  it.each<[string | string[]]>([
    ['schema:Hackathon'],
    ['https://schema.org/EducationEvent'],
    ['http://schema.org/Event'],
    [['Thing', 'SocialEvent']],
  ])('recognises an event typed %j', (type) => {
    expect(findEventNodes([{ '@type': type }])).toHaveLength(1);
  });

  it('does not mistake venues, reservations, RSVP actions or organizations for events', () => {
    const nodes = ['EventVenue', 'EventReservation', 'RsvpAction', 'Organization'].map((type) => ({ '@type': type }));
    expect(findEventNodes(nodes)).toEqual([]);
  });

  it('finds events inside an ItemList, a ListItem, a ProfilePage and a @graph', () => {
    const nodes = [
      { '@type': 'ItemList', itemListElement: [{ '@type': 'ListItem', position: 1, item: rustMeetup({ name: 'A' }) }] },
      { '@type': 'ListItem', item: rustMeetup({ name: 'B' }) },
      { '@type': 'ProfilePage', mainEntity: { '@type': 'Organization', event: [rustMeetup({ name: 'C' })] } },
      { '@type': 'WebSite', '@graph': [rustMeetup({ name: 'D' })] },
    ];
    expect(findEventNodes(nodes).map((node) => node.name)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('does not list the series or sessions an event mentions as events of their own', () => {
    const node = rustMeetup({
      superEvent: { '@type': 'EventSeries', name: 'Rust nights' },
      subEvent: [{ '@type': 'Event', name: 'Lightning talks' }],
    });
    expect(findEventNodes([node])).toEqual([node]);
  });

  it('finds an event nested 10,000 levels deep without overflowing the stack', () => {
    const depth = 10_000;
    const json = '{"wrapper":['.repeat(depth) + JSON.stringify(rustMeetup()) + ']}'.repeat(depth);
    const html = `<html><head><script type="application/ld+json">${json}</script></head></html>`;
    expect(parseJsonLdEvents(html, OPTIONS).events).toHaveLength(1);
  });
});

describe('eventFromSchemaOrg', () => {
  describe('id', () => {
    it('uses @id as the event id', () => {
      expect(convert({ '@id': 'https://example.test/events/rust#event' }).sourceEventId).toBe(
        'https://example.test/events/rust#event',
      );
    });

    it('uses the event URL as the id when there is no @id', () => {
      expect(convert().sourceEventId).toBe('https://example.test/events/rust');
    });

    it('ignores blank-node @ids, which change from one fetch to the next', () => {
      expect(convert({ '@id': '_:b0' }).sourceEventId).toBe('https://example.test/events/rust');
    });

    it('gives an event with neither @id nor url an id that stays the same across fetches', () => {
      const first = convert({ url: undefined }).sourceEventId;
      expect(convert({ url: undefined }).sourceEventId).toBe(first);
      expect(convert({ url: undefined, startDate: `${JANUARY_15}T18:00:00-08:00` }).sourceEventId).not.toBe(first);
    });
  });

  it('shows the title with entities decoded', () => {
    expect(convert({ name: 'Rust &amp; Coffee' }).title).toBe('Rust & Coffee');
  });

  it('skips an event without a name and says why', () => {
    const reasons: string[] = [];
    expect(eventFromSchemaOrg(rustMeetup({ name: ' ' }), { ...OPTIONS, onSkip: (reason) => reasons.push(reason) })).toBeNull();
    expect(reasons).toEqual(['an event has no name (https://example.test/events/rust)']);
  });

  it('skips an event whose start is not a date and says why', () => {
    const reasons: string[] = [];
    const node = rustMeetup({ startDate: 'next Tuesday' });
    expect(eventFromSchemaOrg(node, { ...OPTIONS, onSkip: (reason) => reasons.push(reason) })).toBeNull();
    expect(reasons).toEqual(['"Spokane Rust Meetup" has a startDate that is not a date: "next Tuesday"']);
  });

  describe('times', () => {
    it('reads UTC times', () => {
      const event = convert({ startDate: `${JULY_15}T01:00:00.000Z`, endDate: `${JULY_15}T02:30:00.000Z` });
      expect(event).toMatchObject({ start: `${JULY_15}T01:00:00Z`, end: `${JULY_15}T02:30:00Z`, allDay: false });
    });

    it('reads offsets written without a colon, as Eventbrite writes them', () => {
      const event = convert({ startDate: `${JULY_15}T19:00:00+0100`, endDate: `${JULY_15}T21:00:00+0100` });
      expect(event).toMatchObject({ start: `${JULY_15}T18:00:00Z`, end: `${JULY_15}T20:00:00Z` });
    });

    it('reads a time without an offset as Spokane wall-clock time, summer and winter', () => {
      expect(convert({ startDate: `${JULY_15}T18:00:00`, endDate: undefined }).start).toBe(`${YEAR}-07-16T01:00:00Z`);
      expect(convert({ startDate: `${JANUARY_15}T18:00:00`, endDate: undefined }).start).toBe(`${YEAR}-01-16T02:00:00Z`);
    });

    it('makes a date-only event all-day, ending the day after its last day', () => {
      const event = convert({ startDate: JULY_15, endDate: `${YEAR}-07-17` });
      expect(event).toMatchObject({ start: JULY_15, end: `${YEAR}-07-18`, allDay: true, endEstimated: false });
    });

    it('makes a date-only event with no end a one-day event', () => {
      const event = convert({ startDate: JULY_15, endDate: undefined });
      expect(event).toMatchObject({ start: JULY_15, end: `${YEAR}-07-16`, allDay: true, endEstimated: false });
    });

    it('gives an event with no end a two-hour end, marked as an estimate', () => {
      const event = convert({ endDate: undefined });
      expect(event).toMatchObject({ start: `${YEAR}-07-16T01:00:00Z`, end: `${YEAR}-07-16T03:00:00Z`, endEstimated: true });
    });

    it('treats an end before the start as missing', () => {
      const event = convert({ endDate: `${JULY_15}T17:00:00-07:00` });
      expect(event).toMatchObject({ end: `${YEAR}-07-16T03:00:00Z`, endEstimated: true });
    });

    it('runs a timed event whose end is only a date until the end of that day', () => {
      const event = convert({ startDate: `${JULY_15}T09:00:00-07:00`, endDate: `${YEAR}-07-17` });
      expect(event).toMatchObject({ end: `${YEAR}-07-18T07:00:00Z`, endEstimated: false });
    });

    it('states no time zone of its own', () => {
      expect(convert().timezone).toBeNull();
    });
  });

  describe('where', () => {
    const library = {
      '@type': 'Place',
      name: 'Spokane Public Library',
      address: {
        '@type': 'PostalAddress',
        streetAddress: '906 W Main Ave',
        addressLocality: 'Spokane',
        addressRegion: 'WA',
        postalCode: '99201',
        addressCountry: { '@type': 'Country', name: 'US' },
      },
      geo: { '@type': 'GeoCoordinates', latitude: 47.6588, longitude: -117.4224 },
    };
    const zoom = { '@type': 'VirtualLocation', url: 'https://meet.example.test/rust' };

    it('shows the venue name, its postal address on one line as people write it, and its coordinates', () => {
      expect(convert({ location: library }).venue).toEqual({
        name: 'Spokane Public Library',
        address: '906 W Main Ave, Spokane, WA 99201, United States',
        lat: 47.6588,
        lon: -117.4224,
      });
    });

    it('does not repeat the city and state already written in the street address', () => {
      const address = { streetAddress: '1720 W 4th Ave Unit B, Spokane, WA', addressLocality: 'Spokane', addressRegion: 'WA', addressCountry: 'us' };
      expect(convert({ location: { ...library, address } }).venue?.address).toBe('1720 W 4th Ave Unit B, Spokane, WA, United States');
    });

    it('keeps an address written as plain text', () => {
      expect(convert({ location: { ...library, address: '906 W Main Ave, Spokane' } }).venue?.address).toBe('906 W Main Ave, Spokane');
    });

    it('reads coordinates written as strings', () => {
      const geo = { '@type': 'GeoCoordinates', latitude: '53.48422', longitude: '-2.2314114' };
      expect(convert({ location: { ...library, geo } }).venue).toMatchObject({ lat: 53.48422, lon: -2.2314114 });
    });

    it('keeps a location given as plain text as the venue name', () => {
      const event = convert({ location: 'Indaba Coffee' });
      expect(event.venue).toEqual({ name: 'Indaba Coffee', address: null, lat: null, lon: null });
      expect(event.attendance).toBe('in_person');
    });

    it('treats a location that is just a link as the online meeting', () => {
      const event = convert({ location: 'https://meet.example.test/rust' });
      expect(event).toMatchObject({ venue: null, onlineUrl: 'https://meet.example.test/rust', attendance: 'online' });
    });

    it('takes the online link from a VirtualLocation and calls the event online', () => {
      const event = convert({ location: zoom });
      expect(event).toMatchObject({ venue: null, onlineUrl: 'https://meet.example.test/rust', attendance: 'online' });
    });

    it('calls an event with both a venue and a virtual location hybrid', () => {
      const event = convert({ location: [library, zoom] });
      expect(event.venue?.name).toBe('Spokane Public Library');
      expect(event).toMatchObject({ onlineUrl: 'https://meet.example.test/rust', attendance: 'hybrid' });
    });

    it('assumes in person when nothing says otherwise', () => {
      expect(convert().attendance).toBe('in_person');
    });

    it.each([
      ['https://schema.org/OfflineEventAttendanceMode', 'in_person'],
      ['http://schema.org/OnlineEventAttendanceMode', 'online'],
      ['schema:MixedEventAttendanceMode', 'hybrid'],
      ['OnlineEventAttendanceMode', 'online'],
    ])('believes eventAttendanceMode %s over the location', (mode, attendance) => {
      expect(convert({ location: library, eventAttendanceMode: mode }).attendance).toBe(attendance);
    });
  });

  describe('status', () => {
    it.each([
      ['https://schema.org/EventCancelled', 'cancelled'],
      ['http://schema.org/EventPostponed', 'postponed'],
      ['schema:EventRescheduled', 'scheduled'],
      ['EventMovedOnline', 'scheduled'],
      ['https://schema.org/EventScheduled', 'scheduled'],
      [undefined, 'scheduled'],
    ])('shows eventStatus %s as %s', (eventStatus, status) => {
      expect(convert({ eventStatus }).status).toBe(status);
    });
  });

  describe('links and pictures', () => {
    it('resolves a relative event URL against the page', () => {
      expect(convert({ url: '/events/rust' }).url).toBe('https://example.test/events/rust');
    });

    it('drops an event URL that is not http(s)', () => {
      expect(convert({ url: 'javascript:alert(1)' }).url).toBeNull();
    });

    it.each([
      ['a string', 'https://img.example.test/rust.png'],
      ['an ImageObject', { '@type': 'ImageObject', url: 'https://img.example.test/rust.png' }],
      ['an ImageObject with only a contentUrl', { '@type': 'ImageObject', contentUrl: 'https://img.example.test/rust.png' }],
      ['a list whose first entry is unusable', ['javascript:alert(1)', { url: 'https://img.example.test/rust.png' }]],
    ])('shows the image given as %s', (_, image) => {
      expect(convert({ image }).imageUrl).toBe('https://img.example.test/rust.png');
    });
  });

  describe('description', () => {
    it('keeps safe markup from an HTML description and drops scripts and script links', () => {
      const html = convert({
        description: '<p>Bring a <strong>laptop</strong>.</p><script>alert(1)</script><a href="javascript:alert(1)">x</a>',
      }).descriptionHtml;
      expect(html).toContain('<p>Bring a <strong>laptop</strong>.</p>');
      expect(html).not.toContain('script');
      expect(html).not.toContain('javascript:');
    });

    it('turns a plain-text description into paragraphs with clickable links', () => {
      const html = convert({ description: 'Talks at six.\n\nRSVP: https://example.test/rsvp' }).descriptionHtml;
      expect(html).toContain('<p>Talks at six.</p>');
      expect(html).toContain('<a href="https://example.test/rsvp" rel="nofollow ugc">https://example.test/rsvp</a>');
    });

    it('shows "Q&A", not "Q&amp;A", from an entity-encoded plain-text description', () => {
      expect(convert({ description: 'Q&amp;A night' }).descriptionHtml).toBe('<p>Q&amp;A night</p>');
    });

    it('keeps escaped angle brackets in an HTML description as text', () => {
      const description = '<p>Drawing on a &lt;canvas&gt;</p>';
      expect(convert({ description }).descriptionHtml).toBe('<p>Drawing on a &lt;canvas&gt;</p>');
    });

    it('renders a description whose markup is entity-encoded as markup', () => {
      const description = '&lt;p&gt;Meet the &lt;em&gt;team&lt;/em&gt;&lt;/p&gt;';
      expect(convert({ description }).descriptionHtml).toBe('<p>Meet the <em>team</em></p>');
    });

    it('leaves the description empty when there is none', () => {
      expect(convert().descriptionHtml).toBe('');
    });
  });

  describe('topics', () => {
    it('takes topics from comma-separated keywords', () => {
      expect(convert({ keywords: 'Rust, WebAssembly , ' }).topics).toEqual(['Rust', 'WebAssembly']);
    });

    it('takes topics from a keyword list, once each', () => {
      const keywords = ['Rust', 'Rust', { '@type': 'DefinedTerm', name: 'Embedded' }];
      expect(convert({ keywords }).topics).toEqual(['Rust', 'Embedded']);
    });

    it('has no topics when there are no keywords', () => {
      expect(convert().topics).toEqual([]);
    });
  });
});

describe('parseJsonLdEvents', () => {
  it('lists an event that appears twice on the page once', () => {
    const html = page(ldScript(rustMeetup()), ldScript({ '@type': 'ItemList', itemListElement: [{ item: rustMeetup() }] }));
    expect(parseJsonLdEvents(html, OPTIONS).events).toHaveLength(1);
  });

  it('warns when two different events share one id, keeping the first', () => {
    const html = page(ldScript([rustMeetup(), rustMeetup({ startDate: `${JANUARY_15}T18:00:00-08:00` })]));
    const { events, warnings } = parseJsonLdEvents(html, OPTIONS);
    expect(events.map((event) => event.start)).toEqual([`${YEAR}-07-16T01:00:00Z`]);
    expect(warnings).toEqual([
      'two events share the id https://example.test/events/rust but start at different times; kept the first',
    ]);
  });

  it('warns about broken blocks and unreadable events instead of failing', () => {
    const html = page('<script type="application/ld+json">{oops</script>', ldScript([rustMeetup(), rustMeetup({ name: '' })]));
    const { events, warnings } = parseJsonLdEvents(html, OPTIONS);
    expect(events).toHaveLength(1);
    expect(warnings).toEqual([
      'skipped 1 JSON-LD block(s) that are not valid JSON',
      'skipped an event: an event has no name (https://example.test/events/rust)',
    ]);
  });
});

describe('jsonldAdapter', () => {
  const ORIGIN = 'http://127.0.0.1:8631';
  const source: SourceConfig = { type: 'jsonld', url: `${ORIGIN}/calendar` };
  const agents: MockAgent[] = [];

  afterEach(async () => {
    await Promise.all(agents.splice(0).map((agent) => agent.close()));
  });

  function serving(body: string, contentType: string): AdapterContext {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get(ORIGIN)
      .intercept({ path: '/calendar', method: 'GET', headers: { accept: 'text/html,application/xhtml+xml' } })
      .reply(200, body, { headers: { 'content-type': contentType } });
    agents.push(agent);
    return {
      http: testHttpClient({ dispatcher: agent }),
      site: { title: 'Spokane Tech', url: 'https://spokanetech.example', timezone: SPOKANE },
      now: new Date(),
    };
  }

  it("reads a page's events, with local times in the site's time zone and links relative to the page", async () => {
    const html = page(ldScript(rustMeetup({ startDate: `${JULY_15}T18:00:00`, url: '/events/rust' })));
    const result = await jsonldAdapter(source, serving(html, 'text/html; charset=utf-8'));
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({ start: `${YEAR}-07-16T01:00:00Z`, url: `${ORIGIN}/events/rust` });
  });

  it('reports no events, without failing, when the JSON-LD describes no event', async () => {
    const html = page(ldScript({ '@type': 'Organization', name: 'Spokane Rust' }));
    const result = await jsonldAdapter(source, serving(html, 'text/html'));
    expect(result.events).toEqual([]);
  });

  it('fails, rather than reporting no events, when the page has no JSON-LD', async () => {
    await expect(jsonldAdapter(source, serving(page(), 'text/html'))).rejects.toMatchObject({
      name: 'SourceFailure',
      kind: 'unexpected_content',
      message: expect.stringContaining('no JSON-LD'),
    });
  });

  it('fails when the answer is not an HTML page', async () => {
    await expect(jsonldAdapter(source, serving('{"events": []}', 'application/json'))).rejects.toMatchObject({
      name: 'SourceFailure',
      kind: 'unexpected_content',
      message: expect.stringContaining('did not answer with an HTML page'),
    });
  });

  it('reads an HTML page even when the server labels it as plain text', async () => {
    const result = await jsonldAdapter(source, serving(page(ldScript(rustMeetup())), 'text/plain'));
    expect(result.events).toHaveLength(1);
  });

  it('fails when no JSON-LD block on the page is valid JSON', async () => {
    const html = page('<script type="application/ld+json">{oops</script>');
    await expect(jsonldAdapter(source, serving(html, 'text/html'))).rejects.toMatchObject({
      name: 'SourceFailure',
      kind: 'parse',
    });
  });
});

describeRealFixtures('real saved pages', () => {
  const spokane = { timezone: SPOKANE };

  it("reads the four upcoming events on the Spokane Python User Group's Meetup page", () => {
    const html = realFixtureText('meetup/python-spokane-group-page-2024-03.html');
    const { events, warnings } = parseJsonLdEvents(html, { ...spokane, pageUrl: 'https://www.meetup.com/python-spokane/' });
    expect(warnings).toEqual([]);
    expect(events.map((event) => [event.title, event.start])).toEqual([
      ['Dagger with Spokane Tech 🚀', '2024-03-20T01:00:00Z'],
      ['Coffee & Code - Spokane ☕', '2024-04-01T14:00:00Z'],
      ['Monthly Meetup 🐍', '2024-04-17T01:00:00Z'],
      ['Monthly Meetup 🐍', '2024-05-22T01:00:00Z'],
    ]);
    expect(events[0]).toMatchObject({
      sourceEventId: 'https://www.meetup.com/python-spokane/events/298213205/',
      end: '2024-03-20T02:30:00Z',
      endEstimated: false,
      status: 'scheduled',
      attendance: 'in_person',
      venue: { name: 'IntelliTect', address: '1720 W 4th Ave Unit B, Spokane, WA, United States', lat: null, lon: null },
      imageUrl: 'https://secure.meetupstatic.com/photos/event/1/0/a/e/600_519844270.webp',
    });
    expect(events[1]?.venue?.name).toBe('Indaba Coffee');
  });

  it("reads the events in an Eventbrite organizer page's ItemList, with +0100 offsets and coordinates", () => {
    const html = realFixtureText('eventbrite/organizer-page-48062165483.html');
    const pageUrl = 'https://www.eventbrite.co.uk/o/queer-lit-social-refuge-48062165483';
    const { events, warnings } = parseJsonLdEvents(html, { ...spokane, pageUrl });
    expect(warnings).toEqual([]);
    expect(events).toHaveLength(24);
    expect(events[0]).toMatchObject({
      sourceEventId: 'https://www.eventbrite.co.uk/e/ancoats-quiz-night-tickets-1024759512287',
      title: 'Ancoats Quiz Night',
      start: '2024-10-03T18:00:00Z',
      attendance: 'in_person',
      venue: {
        name: 'Social Refuge',
        address: '27 Great Ancoats Street, Ancoats, England M4 5AJ, United Kingdom',
        lat: 53.48422,
        lon: -2.2314114,
      },
    });
  });

  it("reads a Meetup event page's own event, with its -07:00 offset, and ignores its RsvpAction", () => {
    const html = realFixtureText('meetup/python-spokane-event-298213205-2024-03.html');
    const pageUrl = 'https://www.meetup.com/python-spokane/events/298213205/';
    const { events } = parseJsonLdEvents(html, { ...spokane, pageUrl });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      // The same id as on the group page, so the two listings are one event.
      sourceEventId: 'https://www.meetup.com/python-spokane/events/298213205/',
      title: 'Dagger with Spokane Tech 🚀',
      start: '2024-03-20T01:00:00Z',
      end: '2024-03-20T02:30:00Z',
      venue: { name: 'IntelliTect', lat: 47.65278, lon: -117.43826 },
      imageUrl: 'https://secure-content.meetupstatic.com/images/classic-events/519844270/676x676.jpg',
    });
  });
});
