import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { DAY, HOUR } from '../helpers/feeds.ts';
import { serve, startServer, type Route } from '../helpers/server.ts';
import { calendarEvents } from '../helpers/calendar.ts';
import {
  apolloEventPage,
  groupPage,
  inlineEventPage,
  meetupFeed,
  type MeetupEventFixture,
  type MeetupGroupFixture,
} from '../fixtures/meetup/pages.ts';

// The real source types end to end through the CLI, against one loopback server that plays a
// Meetup group (feed, group page, event pages), an Eventbrite organizer (API v3, two pages) and a
// Luma calendar (feed and its JSON, which re-lists the Meetup event). Then the sources change:
// a Meetup event is cancelled, another moves, and Eventbrite's answer changes shape.

const now = new Date();
const at = (days: number, hourUtc: number) => {
  const date = new Date(now.getTime() + days * DAY);
  date.setUTCHours(hourUtc, 0, 0, 0);
  return date.toISOString().replace('.000Z', 'Z');
};
const plus = (instant: string, hours: number) => new Date(Date.parse(instant) + hours * HOUR).toISOString().replace('.000Z', 'Z');

let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
let env: Record<string, string>;

const group: MeetupGroupFixture = {
  id: '1234',
  urlname: 'python-spokane',
  name: 'Spokane Python User Group',
  description: 'We meet **monthly** to talk Python.',
  timezone: 'America/Los_Angeles',
};
let asyncNight: MeetupEventFixture;
let lightningTalks: MeetupEventFixture;

const json = (value: unknown): Route => serve(JSON.stringify(value), 'application/json');

function eventbriteEvent(id: string, name: string, start: string) {
  return {
    id,
    name: { text: name, html: name },
    url: server.url(`/e/${name.toLowerCase().replace(/\W+/g, '-')}-tickets-${id}`),
    start: { timezone: 'America/Los_Angeles', utc: start, local: start.slice(0, 19) },
    end: { timezone: 'America/Los_Angeles', utc: plus(start, 8), local: plus(start, 8).slice(0, 19) },
    status: 'live',
    online_event: false,
    summary: 'A day of security talks.',
    venue: {
      id: '214450569',
      name: 'John J. Hemmingson Center',
      address: { localized_address_display: '702 E Desmet Ave, Spokane, WA 99202' },
      latitude: '47.6670',
      longitude: '-117.4018',
    },
  };
}

function eventbritePages(): Route {
  return (request, response) => {
    const continuation = new URL(request.url ?? '/', 'http://x').searchParams.get('continuation');
    const body =
      continuation === null
        ? { events: [eventbriteEvent('900001', 'Cyber Summit', at(10, 16))], pagination: { has_more_items: true, continuation: 'page-2' } }
        : { events: [eventbriteEvent('900002', 'Cyber Workshop', at(11, 16))], pagination: { has_more_items: false } };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
}

function lumaFeed(): string {
  const stamp = (instant: string) => instant.replace(/[-:]/g, '');
  const start = at(6, 1);
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Luma//EN',
    'X-WR-CALNAME:Spokane Tech Calendar',
    'BEGIN:VEVENT',
    'UID:evt-CoffeeCode0001@events.lu.ma',
    `DTSTAMP:${stamp(now.toISOString().replace(/\.\d{3}/, ''))}`,
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(plus(start, 2))}`,
    'SUMMARY:Coffee &amp; Code',
    'DESCRIPTION:Bring a laptop.\\n\\nGet up-to-date information at: https://lu.ma/coffee-code',
    'LOCATION:https://lu.ma/event/evt-CoffeeCode0001',
    'STATUS:TENTATIVE',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

function lumaItems() {
  return {
    entries: [
      {
        api_id: 'calev-ListedPython01',
        platform: 'external',
        event: {
          api_id: 'evt-ListedPython01',
          name: asyncNight.title,
          start_at: asyncNight.start,
          end_at: asyncNight.end,
          timezone: 'America/Los_Angeles',
          url: asyncNight.url,
          location_type: 'offline',
        },
      },
    ],
    has_more: false,
  };
}

const paths = () => ({
  config: join(dir, 'sources.yaml'),
  db: join(dir, 'spokane-tech.db'),
  data: join(dir, 'data'),
  out: join(dir, 'site'),
});
const fetchArgs = () => ['fetch', '--config', paths().config, '--db', paths().db, '--data', paths().data];
const buildArgs = () => ['build', '--config', paths().config, '--db', paths().db, '--data', paths().data, '--out', paths().out];
const readSite = (path: string) => readFileSync(join(paths().out, path), 'utf8');
const feedEvents = () =>
  calendarEvents(readSite('calendar.ics'));
const pageOf = (fragment: string) => {
  const slug = readdirSync(join(paths().out, 'events')).find((s) => s.includes(fragment));
  if (!slug) throw new Error(`no event page matching ${fragment}`);
  return readSite(`events/${slug}/index.html`);
};

function serveMeetup(events: MeetupEventFixture[]) {
  server.route('/python-spokane/', serve(groupPage(group, events, now), 'text/html'));
  server.route('/python-spokane/events/ical/', serve(meetupFeed(group, events), 'text/calendar'));
  server.route(`/python-spokane/events/${asyncNight.id}/`, serve(apolloEventPage(group, events.find((e) => e.id === asyncNight.id)!), 'text/html'));
  server.route(`/python-spokane/events/${lightningTalks.id}/`, serve(inlineEventPage(group, events.find((e) => e.id === lightningTalks.id)!), 'text/html'));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-platforms-'));
  server = await startServer();
  asyncNight = {
    id: '301',
    title: 'Async Python Night',
    start: at(3, 2),
    end: at(3, 4),
    url: server.url('/python-spokane/events/301/'),
    description: 'Talks about **asyncio**.',
    eventType: 'PHYSICAL',
    venue: { id: '27', name: 'IntelliTect', address: '1720 W 4th Ave Unit B', city: 'Spokane', state: 'WA', lat: 47.6534, lon: -117.4388 },
    topics: ['Python'],
  };
  lightningTalks = {
    id: '302',
    title: 'Lightning Talks',
    start: at(17, 2),
    end: at(17, 4),
    url: server.url('/python-spokane/events/302/'),
    eventType: 'HYBRID',
    venue: { id: '27', name: 'IntelliTect', address: '1720 W 4th Ave Unit B', city: 'Spokane', state: 'WA' },
    onlineUrl: 'https://meet.example/lightning',
  };
  serveMeetup([asyncNight, lightningTalks]);
  server.route('/eb/v3/organizers/72020528223/events/', eventbritePages());
  server.route('/eb/v3/organizers/72020528223/', json({ id: '72020528223', name: 'INCH360', website_url: 'https://inch360.example' }));
  server.route('/ics/get', serve(lumaFeed(), 'text/calendar'));
  server.route('/calendar/get-items', json(lumaItems()));
  env = { EVENTBRITE_TOKEN: 'test-token-not-secret', EVENTBRITE_API_URL: server.url('/eb/v3'), LUMA_API_URL: server.url('') };

  writeFileSync(
    paths().config,
    `site:
  title: Spokane Tech Test
  url: https://events.example
  timezone: America/Los_Angeles
groups:
  - id: python-spokane
    name: Spokane Python User Group
    sources:
      - type: meetup
        url: ${server.url('/python-spokane/')}
  - id: inch360
    name: INCH360
    sources:
      - type: eventbrite
        url: ${server.url('/o/inch360-72020528223')}
  - id: spokane-tech
    name: Spokane Tech Community
    sources:
      - type: luma
        url: ${server.url('/ics/get?entity=calendar&id=cal-SpokaneTech01')}
`,
  );
});

afterAll(async () => {
  await server?.close();
});

describe('Meetup, Eventbrite and Luma sources through the CLI', () => {
  it('reads every platform, following Eventbrite’s pages', async () => {
    const result = await runCli(fetchArgs(), { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/python-spokane\s+meetup\s+ok\s+2\s+2/);
    expect(result.stdout).toMatch(/inch360\s+eventbrite\s+ok\s+2\s+2/);
    expect(result.stdout).toMatch(/spokane-tech\s+luma\s+ok\s+2\s+2/);
    expect(result.stdout).not.toContain(env.EVENTBRITE_TOKEN);
  });

  it('shows a Meetup event with the venue from its event page, once, with Luma under "also listed on"', async () => {
    expect((await runCli(buildArgs(), { env })).code).toBe(0);
    const page = pageOf('async-python-night');
    expect(page).toContain('IntelliTect');
    expect(page).toContain('1720 W 4th Ave Unit B');
    expect(page).toMatch(/Also listed on:[\s\S]*Spokane Tech Community/);
    expect(feedEvents().filter((e) => e.summary === 'Async Python Night')).toHaveLength(1);
  });

  it('lists both pages of the Eventbrite organizer and the Luma feed’s own event', () => {
    const titles = feedEvents().map((e) => String(e.summary)).sort();
    expect(titles).toEqual(['Async Python Night', 'Coffee & Code', 'Cyber Summit', 'Cyber Workshop', 'Lightning Talks']);
    expect(pageOf('coffee-code')).toContain('href="https://lu.ma/coffee-code"');
    expect(readSite('groups/python-spokane/index.html')).toContain('We meet <strong>monthly</strong> to talk Python.');
  });

  it('marks an event cancelled upstream, moves a changed one, and keeps a source whose answer changed shape', async () => {
    const movedStart = plus(asyncNight.start, 1);
    serveMeetup([
      { ...asyncNight, start: movedStart, end: plus(asyncNight.end, 1) },
      { ...lightningTalks, status: 'CANCELLED' },
    ]);
    server.route('/eb/v3/organizers/72020528223/events/', json({ error: 'INTERNAL', error_description: 'we moved things' }));

    const fetched = await runCli(fetchArgs(), { env });
    expect(fetched.code).toBe(0);
    expect(fetched.stdout).toMatch(/python-spokane\s+meetup\s+ok\s+2\s+0\s+2/);
    expect(fetched.stdout).toMatch(/inch360\s+eventbrite\s+failed/);
    expect(await runCli(buildArgs(), { env })).toMatchObject({ code: 0 });

    const events = feedEvents();
    const cancelled = events.find((e) => e.summary === 'Lightning Talks')!;
    expect(cancelled.status).toBe('CANCELLED');
    expect(pageOf('lightning-talks')).toContain('Cancelled');

    const moved = events.find((e) => e.summary === 'Async Python Night')!;
    expect(moved.start.toISOString().replace('.000Z', 'Z')).toBe(movedStart);
    expect(Number(moved.sequence)).toBeGreaterThan(0);
    expect(pageOf('async-python-night')).toContain('Time changed');

    expect(events.map((e) => e.summary)).toEqual(expect.arrayContaining(['Cyber Summit', 'Cyber Workshop']));
  });
});
