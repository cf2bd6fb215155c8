import { createEvents, type EventAttributes } from 'ics';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { renderCalendar, type CalendarOptions } from '../../src/publish/calendar.ts';
import { absoluteUrl, eventPath } from '../../src/publish/site-paths.ts';
import { htmlToPlainText } from '../../src/text/plain.ts';
import { addDays, utcInstant } from '../../src/time.ts';
import type { StoredEvent } from '../../src/types.ts';
import { storedEvent } from '../helpers/builders.ts';

const NOW = new Date('2026-11-20T18:00:00Z');
const TODAY = '2026-11-20';
const SITE = 'https://spokanetech.example';
const HOUR_MS = 60 * 60 * 1000;

/** A UTC instant `hours` from NOW (negative: in the past). */
function hoursFromNow(hours: number): string {
  return utcInstant(new Date(NOW.getTime() + hours * HOUR_MS));
}

/** A local date `days` from NOW's date. */
function daysFromToday(days: number): string {
  return addDays(TODAY, days);
}

/** A timed, in-person, scheduled event a week from NOW; override what the test is about. */
function makeEvent(overrides: Partial<StoredEvent> = {}): StoredEvent {
  const id = overrides.id ?? 'meetup:evt-1';
  return storedEvent({
    id,
    sourceEventId: id,
    start: hoursFromNow(7 * 24),
    end: hoursFromNow(7 * 24 + 2),
    venue: { name: 'The Hive', address: '2904 E Sprague Ave, Spokane, WA', lat: null, lon: null },
    url: `https://www.meetup.com/python-spokane/events/${id}/`,
    firstSeen: hoursFromNow(-30 * 24),
    lastChanged: hoursFromNow(-2 * 24),
    ...overrides,
  });
}

function render(events: StoredEvent[], options: Partial<CalendarOptions> = {}): string {
  return renderCalendar(events, { name: 'Spokane Tech', siteUrl: SITE, now: NOW, ...options });
}

/** A VEVENT as ical.js reads it back: the properties a subscriber's app shows. */
interface ReadEvent {
  uid: string;
  summary?: string;
  description?: string;
  location?: string;
  status?: string;
  url?: string;
}

/** The calendar as ical.js reads it. */
function parseCalendar(text: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(text));
}

/** The VEVENTs ical.js reads back, in file order. */
function parseEvents(text: string): ReadEvent[] {
  const read = (event: ICAL.Component, name: string) => (event.getFirstPropertyValue(name) as string | null) ?? undefined;
  return parseCalendar(text)
    .getAllSubcomponents('vevent')
    .map((event) => ({
      uid: read(event, 'uid')!,
      summary: read(event, 'summary'),
      description: read(event, 'description'),
      location: read(event, 'location'),
      status: read(event, 'status'),
      url: read(event, 'url'),
    }));
}

/** Lines as written (folded), without their CRLF. */
function physicalLines(text: string): string[] {
  return text.split('\r\n').slice(0, -1);
}

/** Lines after unfolding (RFC 5545 §3.1). */
function logicalLines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
}

/** The calendar's and its events' lines named `name` (not those of its VTIMEZONE). */
function property(text: string, name: string): string[] {
  let inZone = false;
  return logicalLines(text).filter((line) => {
    if (line === 'BEGIN:VTIMEZONE' || line === 'END:VTIMEZONE') inZone = line.startsWith('BEGIN');
    return !inZone && (line.startsWith(`${name}:`) || line.startsWith(`${name};`));
  });
}

function uids(text: string): string[] {
  return property(text, 'UID').map((line) => line.slice('UID:'.length));
}

describe('which events a subscriber sees', () => {
  it('keeps events that ended within the last 30 days and drops older ones', () => {
    const text = render([
      makeEvent({ id: 'meetup:recent', start: hoursFromNow(-29 * 24 - 2), end: hoursFromNow(-29 * 24) }),
      makeEvent({ id: 'meetup:on-the-cutoff', start: hoursFromNow(-30 * 24 - 2), end: hoursFromNow(-30 * 24) }),
      makeEvent({ id: 'meetup:too-old', start: hoursFromNow(-31 * 24 - 2), end: hoursFromNow(-31 * 24) }),
    ]);
    expect(uids(text)).toEqual(['meetup:on-the-cutoff@spokane-tech', 'meetup:recent@spokane-tech']);
  });

  it('keeps an all-day event until its end date falls more than 30 days back', () => {
    const text = render([
      makeEvent({ id: 'ical:kept', allDay: true, start: daysFromToday(-31), end: daysFromToday(-30) }),
      makeEvent({ id: 'ical:dropped', allDay: true, start: daysFromToday(-32), end: daysFromToday(-31) }),
    ]);
    expect(uids(text)).toEqual(['ical:kept@spokane-tech']);
  });

  it('leaves out events their source no longer lists', () => {
    const text = render([makeEvent({ id: 'meetup:gone', removed: true }), makeEvent({ id: 'meetup:still-on' })]);
    expect(uids(text)).toEqual(['meetup:still-on@spokane-tech']);
  });

  it('shows a cancelled event as cancelled instead of silently dropping it', () => {
    const [event] = parseEvents(render([makeEvent({ status: 'cancelled' })]));
    expect(event?.status).toBe('CANCELLED');
  });

  it('shows scheduled events as confirmed and postponed ones as tentative', () => {
    const text = render([
      makeEvent({ id: 'meetup:a', status: 'scheduled' }),
      makeEvent({ id: 'meetup:b', status: 'postponed' }),
    ]);
    expect(property(text, 'STATUS')).toEqual(['STATUS:CONFIRMED', 'STATUS:TENTATIVE']);
  });

  it('lists events by start time, then by id', () => {
    const text = render([
      makeEvent({ id: 'meetup:later', start: hoursFromNow(48), end: hoursFromNow(50) }),
      makeEvent({ id: 'meetup:b-same-time', start: hoursFromNow(24), end: hoursFromNow(26) }),
      makeEvent({ id: 'meetup:a-same-time', start: hoursFromNow(24), end: hoursFromNow(26) }),
    ]);
    expect(uids(text).map((uid) => uid.split('@')[0])).toEqual([
      'meetup:a-same-time',
      'meetup:b-same-time',
      'meetup:later',
    ]);
  });

  it('links an event to its page on this site when its source URL is one ics refuses', () => {
    const events = [makeEvent({ id: 'meetup:fine' }), makeEvent({ id: 'meetup:odd-url', slug: 'odd', url: 'http://[::1]/event' })];
    const parsed = parseEvents(render(events));
    expect(parsed).toHaveLength(2);
    expect(parsed.find((e) => e.uid.startsWith('meetup:odd-url'))!.url).toBe('https://spokanetech.example/events/odd/');
  });

  it('publishes a valid calendar, with the site’s time zone in it, for a group with no events', () => {
    const text = render([], { timezone: 'America/Los_Angeles' });
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const calendar = parseCalendar(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(parseEvents(text)).toHaveLength(0);
    // RFC 5545 §3.4: a calendar holds at least one component.
    expect(calendar.getAllSubcomponents().map((c) => c.name)).toEqual(['vtimezone']);
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('America/Los_Angeles');
  });

  it('defines the site’s zone, summer and winter, for every year its events reach', () => {
    const text = render([makeEvent({ start: '2028-07-01T01:00:00Z', end: '2028-07-01T03:00:00Z' })], { timezone: 'America/Los_Angeles' });
    const zone = new ICAL.Timezone(parseCalendar(text).getFirstSubcomponent('vtimezone')!);
    const offsetAt = (local: string) => {
      const time = ICAL.Time.fromDateTimeString(local);
      time.zone = zone;
      return zone.utcOffset(time) / 3600;
    };
    expect([offsetAt('2026-12-01T12:00:00'), offsetAt('2027-07-01T12:00:00'), offsetAt('2028-07-01T12:00:00'), offsetAt('2029-01-15T12:00:00')]).toEqual([-8, -7, -7, -8]);
  });

  it('defines UTC when it is not told the site’s zone', () => {
    const zone = parseCalendar(render([])).getFirstSubcomponent('vtimezone');
    expect(zone?.getFirstPropertyValue('tzid')).toBe('UTC');
  });
});

describe('what the file looks like to a calendar app', () => {
  const awkwardTitles = [
    'Rust & WebAssembly, part 2; bring a laptop',
    'Paths like C:\\Users\\dev\\ and a trailing \\',
    'Line one\nLine two\n\nLine four',
    '🎉 Launch party 🎉 '.repeat(6),
    '日本語勉強会：スポケーンのエンジニアが集まる月例ミートアップ、初心者歓迎です。'.repeat(2),
    ...[0, 1, 2, 3].map((offset) => `${'x'.repeat(offset)}${'€👩‍💻中'.repeat(12)}`),
  ];
  const awkwardEvents = awkwardTitles.map((title, i) =>
    makeEvent({
      id: `meetup:awkward-${i}`,
      title,
      descriptionHtml: `<p>${'Ünïcödé déscriptïon with emoji 🚀 and 漢字; '.repeat(8)}</p>`,
    }),
  );

  it('ends every line with CRLF, even when a title holds a bare carriage return', () => {
    const text = render([makeEvent({ title: 'Old Mac\rline break' })]);
    expect(text.endsWith('\r\n')).toBe(true);
    for (const line of physicalLines(text)) expect(line).not.toMatch(/[\r\n]/);
  });

  it('keeps every line within 75 octets without splitting an emoji or CJK character', () => {
    const text = render(awkwardEvents);
    for (const line of physicalLines(text)) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // A surrogate pair cut in two would not survive a round trip through UTF-8.
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
    }
    expect(parseEvents(text).map((event) => event.summary)).toEqual(awkwardTitles);
  });

  it('reads back titles with commas, semicolons, backslashes and line breaks exactly', () => {
    const title = 'Hack night: C\\C++, Rust; Go\nSecond line, with "quotes"';
    const [event] = parseEvents(render([makeEvent({ title })]));
    expect(event?.summary).toBe(title);
  });

  it('parses back with ical.js with every event and no line over 75 octets', () => {
    const events = [
      ...awkwardEvents,
      makeEvent({ id: 'ical:all-day', allDay: true, start: daysFromToday(3), end: daysFromToday(4) }),
      makeEvent({ id: 'luma:online', attendance: 'online', venue: null, onlineUrl: 'https://zoom.example/j/1' }),
      makeEvent({ id: 'meetup:cancelled', status: 'cancelled' }),
    ];
    const text = render(events);
    expect(physicalLines(text).every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    expect(parseEvents(text)).toHaveLength(events.length);
  });

  it('uses the title alone as the summary, leaving cancellation to STATUS', () => {
    const [event] = parseEvents(render([makeEvent({ title: 'Python Night', status: 'cancelled' })]));
    expect(event?.summary).toBe('Python Night');
  });

  it('renders the same events to the same bytes whatever order they arrive in', () => {
    const events = [
      makeEvent({ id: 'meetup:a' }),
      makeEvent({ id: 'meetup:b', start: hoursFromNow(1), end: hoursFromNow(2) }),
      makeEvent({ id: 'ical:c', allDay: true, start: daysFromToday(2), end: daysFromToday(3) }),
    ];
    expect(render([...events].reverse())).toBe(render(events));
  });
});

describe('event identity and times', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('keeps each event’s UID when the feed is rebuilt on a later day', () => {
    const events = [makeEvent({ id: 'meetup:a' }), makeEvent({ id: 'luma:b' })];
    const today = uids(render(events));
    const tomorrow = uids(render(events, { now: new Date(NOW.getTime() + 24 * HOUR_MS) }));
    expect(today).toEqual(['luma:b@spokane-tech', 'meetup:a@spokane-tech']);
    expect(tomorrow).toEqual(today);
  });

  it('keeps each event’s UID when the site moves to another address', () => {
    const events = [makeEvent({ id: 'meetup:a' }), makeEvent({ id: 'luma:b' })];
    expect(uids(render(events, { siteUrl: 'https://someone.github.io/spokane-tech' }))).toEqual(uids(render(events, { siteUrl: 'https://spokanetech.org' })));
  });

  it('never gives two events the same UID, even with the same title and time', () => {
    const text = render([makeEvent({ id: 'meetup:1' }), makeEvent({ id: 'eventbrite:1' })]);
    expect(new Set(uids(text)).size).toBe(2);
    expect(parseEvents(text)).toHaveLength(2);
  });

  it('writes times in UTC whatever time zone the build machine is in', () => {
    const events = [
      makeEvent({ id: 'meetup:timed', start: '2026-12-01T02:00:00Z', end: '2026-12-01T04:00:00Z' }),
      makeEvent({ id: 'ical:all-day', allDay: true, start: '2026-12-05', end: '2026-12-06' }),
    ];
    process.env.TZ = 'UTC';
    const inUtc = render(events);
    process.env.TZ = 'Asia/Kolkata';
    const inKolkata = render(events);

    expect(property(inKolkata, 'DTSTART')).toContain('DTSTART:20261201T020000Z');
    expect(property(inKolkata, 'DTEND')).toContain('DTEND:20261201T040000Z');
    expect(inKolkata).toBe(inUtc);
  });

  it('writes all-day events as dates with the day after as the end', () => {
    const text = render([makeEvent({ allDay: true, start: '2026-12-05', end: '2026-12-06' })]);
    expect(property(text, 'DTSTART')).toEqual(['DTSTART;VALUE=DATE:20261205']);
    expect(property(text, 'DTEND')).toEqual(['DTEND;VALUE=DATE:20261206']);
  });

  it('tells calendar apps an event changed through SEQUENCE and its timestamps', () => {
    const text = render([
      makeEvent({ sequence: 3, firstSeen: '2026-10-01T12:00:00Z', lastChanged: '2026-11-18T09:30:00Z' }),
    ]);
    expect(property(text, 'SEQUENCE')).toEqual(['SEQUENCE:3']);
    expect(property(text, 'DTSTAMP')).toEqual(['DTSTAMP:20261120T180000Z']);
    expect(property(text, 'CREATED')).toEqual(['CREATED:20261001T120000Z']);
    expect(property(text, 'LAST-MODIFIED')).toEqual(['LAST-MODIFIED:20261118T093000Z']);
  });
});

describe('event details', () => {
  it('links to the event’s own page at its source', () => {
    const [event] = parseEvents(render([makeEvent({ url: 'https://www.meetup.com/python-spokane/events/123/' })]));
    expect(event?.url).toBe('https://www.meetup.com/python-spokane/events/123/');
  });

  it('links to the event’s page on this site when the source gave none', () => {
    const text = render([makeEvent({ slug: 'python-night-2026-11-27', url: null })], {
      siteUrl: 'https://x.github.io/spokane-tech',
    });
    expect(property(text, 'URL')).toEqual(['URL:https://x.github.io/spokane-tech/events/python-night-2026-11-27/']);
  });

  it('describes the event in plain text, then links to its page on this site', () => {
    const descriptionHtml =
      '<p>Bring a laptop &amp; snacks.\n  Doors at 6.</p><ul>\n<li>Lightning talks</li>\n<li>Pizza</li>\n</ul>' +
      '<p>Sign up <a href="https://example.com/rsvp?a=1&amp;b=2" rel="nofollow ugc">here</a>.<br>See you!</p>';
    const [event] = parseEvents(render([makeEvent({ slug: 'python-night', descriptionHtml })]));
    expect(event?.description).toBe(
      'Bring a laptop & snacks. Doors at 6.\n\n' +
        '• Lightning talks\n• Pizza\n\n' +
        'Sign up here (https://example.com/rsvp?a=1&b=2).\nSee you!\n\n' +
        'Details: https://spokanetech.example/events/python-night/',
    );
  });

  it('describes an event without a description by its link alone', () => {
    const [event] = parseEvents(render([makeEvent({ slug: 'python-night', descriptionHtml: '' })]));
    expect(event?.description).toBe('Details: https://spokanetech.example/events/python-night/');
  });

  it('shows the venue name and its address as the location', () => {
    const venue = { name: 'The Hive', address: '2904 E Sprague Ave, Spokane, WA', lat: null, lon: null };
    const [event] = parseEvents(render([makeEvent({ venue })]));
    expect(event?.location).toBe('The Hive, 2904 E Sprague Ave, Spokane, WA');
  });

  it('shows the venue name once when the address already starts with it', () => {
    const venue = { name: 'Spokane Public Library', address: 'Spokane Public Library, 906 W Main Ave', lat: null, lon: null };
    const [event] = parseEvents(render([makeEvent({ venue })]));
    expect(event?.location).toBe('Spokane Public Library, 906 W Main Ave');
  });

  it('shows the join link as the location of an online event, not a placeholder venue', () => {
    const venue = { name: 'Online event', address: null, lat: null, lon: null };
    const [event] = parseEvents(
      render([makeEvent({ attendance: 'online', venue, onlineUrl: 'https://zoom.example/j/123' })]),
    );
    expect(event?.location).toBe('https://zoom.example/j/123');
  });

  it('puts the venue on the map when its coordinates are known', () => {
    const text = render([
      makeEvent({ id: 'meetup:mapped', venue: { name: 'The Hive', address: null, lat: 47.6588, lon: -117.426 } }),
      makeEvent({ id: 'meetup:unmapped' }),
    ]);
    expect(property(text, 'GEO')).toEqual(['GEO:47.6588;-117.426']);
  });
});

describe('the calendar itself', () => {
  it('names the calendar and asks apps to refresh it every 12 hours', () => {
    const text = render([makeEvent()], { name: 'Spokane Tech, all groups', description: 'Every group; every event' });
    const header = logicalLines(text).slice(0, logicalLines(text).indexOf('BEGIN:VEVENT'));
    expect(header).toEqual(
      expect.arrayContaining([
        'VERSION:2.0',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Spokane Tech\\, all groups',
        'NAME:Spokane Tech\\, all groups',
        'X-WR-CALDESC:Every group\\; every event',
        'REFRESH-INTERVAL;VALUE=DURATION:PT12H',
        'X-PUBLISHED-TTL:PT12H',
      ]),
    );
    expect(header.filter((line) => line.startsWith('X-PUBLISHED-TTL:'))).toHaveLength(1);
    expect(header.find((line) => line.startsWith('PRODID:'))).toContain('spokane-tech');
  });

  it('omits the calendar description when none is given', () => {
    expect(property(render([]), 'X-WR-CALDESC')).toEqual([]);
  });
});

describe('the same VEVENT as the ics library writes', () => {
  /** What the feeds used to hand ics for an event (they now write the lines themselves). */
  function icsAttributes(event: StoredEvent): EventAttributes & { timestamp: number } {
    const clean = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
    const pageUrl = absoluteUrl(SITE, eventPath(event.slug));
    const place = [event.venue?.name, event.venue?.address].filter(Boolean).join(', ') || null;
    const location = event.attendance === 'online' ? (event.onlineUrl ?? place) : (place ?? event.onlineUrl);
    const date = (day: string): [number, number, number] => day.split('-').map(Number) as [number, number, number];
    return {
      uid: event.uid,
      sequence: event.sequence,
      timestamp: NOW.getTime(),
      created: Date.parse(event.firstSeen),
      lastModified: Date.parse(event.lastChanged),
      ...(event.allDay
        ? { start: date(event.start), end: date(event.end) }
        : { start: Date.parse(event.start), end: Date.parse(event.end), startOutputType: 'utc' as const }),
      title: clean(event.title),
      status: ({ scheduled: 'CONFIRMED', postponed: 'TENTATIVE', cancelled: 'CANCELLED' } as const)[event.status],
      url: event.url ?? pageUrl,
      description: clean([htmlToPlainText(event.descriptionHtml, { showLinks: true }), `Details: ${pageUrl}`].filter(Boolean).join('\n\n')),
      ...(location === null ? {} : { location: clean(location) }),
      ...(event.venue?.lat != null && event.venue.lon != null ? { geo: { lat: event.venue.lat, lon: event.venue.lon } } : {}),
    };
  }

  function veventOf(text: string): string[] {
    const lines = logicalLines(text.endsWith('\r\n') ? text : `${text}\r\n`);
    return lines.slice(lines.indexOf('BEGIN:VEVENT'), lines.indexOf('END:VEVENT') + 1);
  }

  it('writes every property ics would, in its order and escaping, for every kind of event', () => {
    const events = [
      makeEvent(),
      makeEvent({ id: 'meetup:marks', title: 'C#, F#; and \\ paths\nline two\rthree 🐍 スポケーン', sequence: 4 }),
      makeEvent({ id: 'meetup:untitled', title: '' }),
      makeEvent({ id: 'meetup:cancelled', status: 'cancelled' }),
      makeEvent({ id: 'meetup:postponed', status: 'postponed', url: null }),
      makeEvent({ id: 'meetup:online', attendance: 'online', venue: null, onlineUrl: 'https://meet.example/a,b;c' }),
      makeEvent({ id: 'meetup:hybrid', attendance: 'hybrid', onlineUrl: 'https://meet.example/x', venue: { name: 'Hive', address: null, lat: 47.6588, lon: -117.426 } }),
      makeEvent({ id: 'meetup:all-day', allDay: true, start: daysFromToday(3), end: daysFromToday(4) }),
      makeEvent({ id: 'meetup:weekend', allDay: true, start: daysFromToday(5), end: daysFromToday(8) }),
      makeEvent({ id: 'meetup:zero-day', allDay: true, start: daysFromToday(6), end: daysFromToday(6) }),
      makeEvent({
        id: 'meetup:long',
        descriptionHtml: `<p>${'Ünïcödé, 日本語; русский — '.repeat(40)}</p><ul><li>One</li><li><a href="https://example.com/r">RSVP</a></li></ul>`,
      }),
      makeEvent({ id: 'meetup:odd-url', url: 'http://[::1]/event' }),
    ];
    for (const event of events) {
      const attributes = icsAttributes(event);
      let expected = createEvents([attributes], { productId: 'x', method: 'PUBLISH' });
      // An event whose URL ics refuses links to its page on this site.
      if (expected.error) expected = createEvents([{ ...attributes, url: absoluteUrl(SITE, eventPath(event.slug)) }], { productId: 'x', method: 'PUBLISH' });
      expect(expected.error).toBeNull();
      expect(veventOf(render([event])), event.id).toEqual(veventOf(expected.value!));
    }
  });
});
