import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MockAgent } from 'undici';
import { testHttpClient } from '../helpers/http.ts';
import type { AdapterContext } from '../../src/sources/adapter.ts';
import { icalAdapter, parseICalendar, type ParseOptions } from '../../src/sources/ical/index.ts';
import type { SourceEvent } from '../../src/types.ts';
import type { SourceConfig } from '../../src/config/schema.ts';
import { describeRealFixtures, realFixture } from '../helpers/fixtures.ts';
import { feed, vevent } from '../fixtures/ical/feeds.ts';

// The clock every test runs at. Recurrences are expanded relative to it, so the literal dates
// below never go stale.
const NOW = new Date('2026-02-20T12:00:00Z');
const SPOKANE = 'America/Los_Angeles';


function parse(bytes: Uint8Array, options: Partial<ParseOptions> = {}) {
  return parseICalendar(bytes, { now: NOW, defaultTimezone: SPOKANE, ...options });
}

function only(bytes: Uint8Array, options: Partial<ParseOptions> = {}): SourceEvent {
  const { events } = parse(bytes, options);
  expect(events).toHaveLength(1);
  return events[0]!;
}

function titles(events: SourceEvent[]): string[] {
  return events.map((e) => e.title);
}

function starts(events: SourceEvent[]): string[] {
  return events.map((e) => e.start);
}

describe('parseICalendar: a broken feed loses only what is broken', () => {
  it('keeps every event when the feed has a garbage line', () => {
    const { events, warnings } = parse(
      feed(
        ...vevent('UID:a', 'DTSTART:20260301T180000Z', 'SUMMARY:Rust night'),
        'this line is not iCalendar',
        'BEGIN:',
        ...vevent('UID:b', 'DTSTART:20260302T180000Z', '<<garbage>>', 'SUMMARY:Go night'),
      ),
    );
    expect(titles(events)).toEqual(['Rust night', 'Go night']);
    expect(warnings.join('\n')).toContain('this line is not iCalendar');
  });

  it('skips an event without a DTSTART that is a date, with a warning, and keeps the others', () => {
    const { events, warnings } = parse(
      feed(
        ...vevent('UID:bad', 'DTSTART:next tuesday', 'RRULE:FREQ=WEEKLY', 'SUMMARY:Broken meetup'),
        ...vevent('UID:impossible', 'DTSTART:20261345T180000Z', 'SUMMARY:Impossible meetup'),
        ...vevent('UID:undated', 'SUMMARY:Undated meetup'),
        ...vevent('UID:good', 'DTSTART:20260301T180000Z', 'SUMMARY:Rust night'),
      ),
    );
    expect(titles(events)).toEqual(['Rust night']);
    expect(warnings).toEqual([
      expect.stringContaining('"Broken meetup"'),
      expect.stringContaining('"Impossible meetup"'),
      expect.stringContaining('"Undated meetup"'),
    ]);
  });

  it('keeps the events after a VEVENT that lost its END:VEVENT line, and that event too', () => {
    const { events, warnings } = parse(
      feed(
        ...vevent('UID:a', 'DTSTART:20260301T180000Z', 'SUMMARY:Rust night'),
        'BEGIN:VEVENT',
        'UID:b',
        'DTSTART:20260302T180000Z',
        'SUMMARY:Unterminated night',
        ...vevent('UID:c', 'DTSTART:20260303T180000Z', 'SUMMARY:Go night'),
        ...vevent('UID:d', 'DTSTART:20260304T180000Z', 'SUMMARY:Zig night'),
      ),
    );
    expect(titles(events)).toEqual(['Rust night', 'Unterminated night', 'Go night', 'Zig night']);
    expect(events.map((e) => e.sourceEventId)).toEqual(['a', 'b', 'c', 'd']);
    expect(warnings).toEqual([expect.stringMatching(/"Unterminated night".*no END:VEVENT/)]);
  });

  it('keeps the events of a feed cut off in the middle of its last event, and warns', () => {
    const lines = [
      'BEGIN:VCALENDAR',
      ...vevent('UID:a', 'DTSTART:20260301T180000Z'),
      ...['BEGIN:VEVENT', 'UID:b', 'DTSTART:20260302T180000Z', 'SUMMARY:Go ni'],
    ];
    const { events, warnings } = parse(Buffer.from(lines.join('\r\n')));
    expect(events.map((e) => e.sourceEventId)).toEqual(['a', 'b']);
    expect(warnings).toEqual([expect.stringContaining('no END:VEVENT'), expect.stringContaining('no END:VCALENDAR')]);
  });

  it('lists an event whose RRULE cannot be read once, at its DTSTART, with a warning naming the rule', () => {
    const { events, warnings } = parse(
      feed(
        ...vevent('UID:a', 'DTSTART:20260301T180000Z', 'RRULE:FREQ=SOMETIMES', 'SUMMARY:Broken series'),
        ...vevent('UID:b', 'DTSTART:20260302T180000Z', 'SUMMARY:Go night'),
      ),
    );
    expect(events.map(({ sourceEventId, title, start }) => ({ sourceEventId, title, start }))).toEqual([
      { sourceEventId: 'a', title: 'Broken series', start: '2026-03-01T18:00:00Z' },
      { sourceEventId: 'b', title: 'Go night', start: '2026-03-02T18:00:00Z' },
    ]);
    expect(warnings).toEqual([
      'VEVENT "Broken series" (UID a) has no valid FREQ (RRULE FREQ=SOMETIMES); listed it once, at its DTSTART',
    ]);
  });

  it('returns no events and a warning, without throwing, for junk after BEGIN:VCALENDAR', () => {
    const junk = Buffer.concat([
      Buffer.from('BEGIN:VCALENDAR\r\n<html><body>Please sign in</body></html>\r\n'),
      Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)),
    ]);
    const result = parse(junk);
    expect(result.events).toEqual([]);
    expect(result.warnings.length).toBeGreaterThan(0);
  });
});

describe('parseICalendar: line folding and encoding', () => {
  it('joins folds that split an accented letter and an emoji without producing U+FFFD', () => {
    // "é" is C3 A9 and "🎉" is F0 9F 8E 89; both are cut by a fold, one CRLF and one LF + tab.
    const bytes = Buffer.concat([
      Buffer.from('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260301T180000Z\r\nSUMMARY:Caf'),
      Buffer.from([0xc3]),
      Buffer.from('\r\n '),
      Buffer.from([0xa9, 0x20, 0xf0, 0x9f]),
      Buffer.from('\n\t'),
      Buffer.from([0x8e, 0x89]),
      Buffer.from(' party\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'),
    ]);
    const event = only(bytes);
    expect(event.title).toBe('Café 🎉 party');
    expect(event.title).not.toContain('\uFFFD');
  });

  it('reads a feed with bare LF line ends like one with CRLF', () => {
    const crlf = feed(
      ...vevent('UID:a', 'DTSTART:20260301T180000Z', 'SUMMARY:Rust night at the ', ' library', 'DESCRIPTION:Bring a laptop'),
    );
    const lf = Buffer.from(Buffer.from(crlf).toString('utf8').replace(/\r\n/g, '\n'));
    expect(parse(lf)).toEqual(parse(crlf));
    expect(only(lf).title).toBe('Rust night at the library');
  });
});

describe('parseICalendar: text', () => {
  it('unescapes commas, semicolons, newlines and backslashes in the title, description and location', () => {
    const event = only(
      feed(
        ...vevent(
          'UID:a',
          'DTSTART:20260301T180000Z',
          String.raw`SUMMARY:Rust\, Go \; Zig`,
          String.raw`DESCRIPTION:Line one\nLine two\N\nSave it to C:\\new\\notes`,
          String.raw`LOCATION:Hall 2\, Main Library\; 906 W Main Ave\, Spokane`,
        ),
      ),
    );
    expect(event.title).toBe('Rust, Go ; Zig');
    expect(event.descriptionHtml).toBe('<p>Line one<br />Line two</p>\n<p>Save it to C:\\new\\notes</p>');
    expect(event.venue?.address).toBe('Hall 2, Main Library; 906 W Main Ave, Spokane');
  });

  it("titles an override without SUMMARY with its series' title, and an event without any 'Untitled event'", () => {
    const { events } = parse(
      feed(
        ...vevent('UID:py', 'DTSTART:20260305T020000Z', 'RRULE:FREQ=WEEKLY;COUNT=2', 'SUMMARY:Python night'),
        ...vevent('UID:py', 'RECURRENCE-ID:20260312T020000Z', 'DTSTART:20260312T030000Z'),
        ...vevent('UID:untitled', 'DTSTART:20260401T020000Z'),
      ),
    );
    expect(titles(events)).toEqual(['Python night', 'Python night', 'Untitled event']);
  });

  it('keeps quotes around a title', () => {
    expect(only(feed(...vevent('UID:a', 'DTSTART:20260301T180000Z', 'SUMMARY:"Hello, world"'))).title).toBe(
      '"Hello, world"',
    );
  });

  it('decodes HTML entities in titles, as Luma writes them', () => {
    const event = only(feed(...vevent('UID:a', 'DTSTART:20260301T180000Z', 'SUMMARY:Chartered Cities &amp; Network States')));
    expect(event.title).toBe('Chartered Cities & Network States');
  });
});

describe('parseICalendar: times and time zones', () => {
  it('reads UTC times, with no time zone when the calendar names none', () => {
    const event = only(feed(...vevent('UID:a', 'DTSTART:20260301T180000Z', 'DTEND:20260301T200000Z')));
    expect(event).toMatchObject({ start: '2026-03-01T18:00:00Z', end: '2026-03-01T20:00:00Z', timezone: null });
  });

  it('gives a UTC event the zone the calendar declares in X-WR-TIMEZONE', () => {
    const event = only(feed('X-WR-TIMEZONE:Europe/Berlin', ...vevent('UID:a', 'DTSTART:20260301T180000Z')));
    expect(event).toMatchObject({ start: '2026-03-01T18:00:00Z', timezone: 'Europe/Berlin' });
  });

  it('reads TZID times with the VTIMEZONE in the file', () => {
    const event = only(
      feed(
        'BEGIN:VTIMEZONE',
        'TZID:Europe/London',
        'BEGIN:DAYLIGHT',
        'TZOFFSETFROM:+0000',
        'TZOFFSETTO:+0100',
        'TZNAME:BST',
        'DTSTART:19700329T010000',
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
        'END:DAYLIGHT',
        'BEGIN:STANDARD',
        'TZOFFSETFROM:+0100',
        'TZOFFSETTO:+0000',
        'TZNAME:GMT',
        'DTSTART:19701025T020000',
        'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
        'END:STANDARD',
        'END:VTIMEZONE',
        ...vevent('UID:a', 'DTSTART;TZID=Europe/London:20260417T190000', 'DTEND;TZID=Europe/London:20260417T220000'),
      ),
    );
    expect(event).toMatchObject({ start: '2026-04-17T18:00:00Z', end: '2026-04-17T21:00:00Z', timezone: 'Europe/London' });
  });

  it('reads TZID times that name an IANA zone the file has no VTIMEZONE for', () => {
    const event = only(feed(...vevent('UID:a', 'DTSTART;TZID=America/New_York:20260301T180000')));
    expect(event).toMatchObject({ start: '2026-03-01T23:00:00Z', timezone: 'America/New_York' });
  });

  it("reads floating times in the site's time zone", () => {
    const event = only(feed(...vevent('UID:a', 'DTSTART:20260301T180000', 'DTEND:20260301T200000')));
    expect(event).toMatchObject({ start: '2026-03-02T02:00:00Z', end: '2026-03-02T04:00:00Z', timezone: SPOKANE });
  });

  it('reads floating times in the X-WR-TIMEZONE the calendar declares', () => {
    const event = only(feed('X-WR-TIMEZONE:Europe/Berlin', ...vevent('UID:a', 'DTSTART:20260301T180000')));
    expect(event).toMatchObject({ start: '2026-03-01T17:00:00Z', timezone: 'Europe/Berlin' });
  });

  it.each(['Spokane Time', '-05:00'])('warns about X-WR-TIMEZONE "%s", which is no IANA zone, and uses the site zone', (zone) => {
    const { events, timezone, warnings } = parse(feed(`X-WR-TIMEZONE:${zone}`, ...vevent('UID:a', 'DTSTART:20260301T180000')));
    expect(timezone).toBeNull();
    expect(events[0]).toMatchObject({ start: '2026-03-02T02:00:00Z', timezone: SPOKANE });
    expect(warnings).toEqual([expect.stringContaining(zone)]);
  });

  it('estimates the end of a timed event that has no DTEND or DURATION', () => {
    const event = only(feed(...vevent('UID:a', 'DTSTART:20260301T180000Z')));
    expect(event).toMatchObject({ start: '2026-03-01T18:00:00Z', end: '2026-03-01T20:00:00Z', endEstimated: true });
  });

  it('takes the end from DURATION', () => {
    const event = only(feed(...vevent('UID:a', 'DTSTART:20260301T180000Z', 'DURATION:PT1H30M')));
    expect(event).toMatchObject({ end: '2026-03-01T19:30:00Z', endEstimated: false });
  });
});

describe.each(['UTC', 'Pacific/Auckland', 'America/Los_Angeles'])(
  'parseICalendar: all-day events on a machine in %s',
  (machineZone) => {
    const saved = process.env.TZ;
    beforeEach(() => {
      process.env.TZ = machineZone;
    });
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('runs in that zone', () => {
      // Guards the tests below: they only prove something if the machine zone really changed.
      const offset = new Date('2026-03-01T00:00:00Z').getTimezoneOffset();
      expect(offset).toBe({ UTC: 0, 'Pacific/Auckland': -780, 'America/Los_Angeles': 480 }[machineZone]);
    });

    // The dates sit on DST changes (Los Angeles: March 8 and November 1; Auckland: April 5),
    // where local midnight plus 24 hours is not the next midnight.
    it('keeps all-day events all-day, with the exclusive end date of the feed', () => {
      const { events } = parse(
        feed(
          ...vevent('UID:one', 'DTSTART;VALUE=DATE:20260305', 'DTEND;VALUE=DATE:20260306', 'SUMMARY:Hack day'),
          ...vevent('UID:three', 'DTSTART;VALUE=DATE:20260306', 'DTEND;VALUE=DATE:20260309', 'SUMMARY:Conference'),
          ...vevent('UID:open-la', 'DTSTART;VALUE=DATE:20261101', 'SUMMARY:No end given'),
          ...vevent('UID:open-nz', 'DTSTART;VALUE=DATE:20260405', 'SUMMARY:No end given'),
        ),
      );
      expect(events.map(({ start, end, allDay, endEstimated }) => ({ start, end, allDay, endEstimated }))).toEqual([
        { start: '2026-03-05', end: '2026-03-06', allDay: true, endEstimated: false },
        { start: '2026-03-06', end: '2026-03-09', allDay: true, endEstimated: false },
        { start: '2026-11-01', end: '2026-11-02', allDay: true, endEstimated: false },
        { start: '2026-04-05', end: '2026-04-06', allDay: true, endEstimated: false },
      ]);
    });

    it('expands a weekly all-day series across DST changes on the right dates', () => {
      const { events } = parse(
        feed(
          ...vevent(
            'UID:weekly',
            'DTSTART;VALUE=DATE:20260308',
            'DTEND;VALUE=DATE:20260309',
            'RRULE:FREQ=WEEKLY;COUNT=5',
            'EXDATE;VALUE=DATE:20260322',
          ),
        ),
      );
      expect(events.map(({ sourceEventId, start, end }) => ({ sourceEventId, start, end }))).toEqual([
        { sourceEventId: 'weekly#2026-03-08', start: '2026-03-08', end: '2026-03-09' },
        { sourceEventId: 'weekly#2026-03-15', start: '2026-03-15', end: '2026-03-16' },
        { sourceEventId: 'weekly#2026-03-29', start: '2026-03-29', end: '2026-03-30' },
        { sourceEventId: 'weekly#2026-04-05', start: '2026-04-05', end: '2026-04-06' },
      ]);
    });
  },
);

describe('parseICalendar: recurring events', () => {
  it('keeps a weekly 18:00 Los Angeles meeting at 18:00 local across the DST change', () => {
    const { events } = parse(
      feed(
        ...vevent(
          'UID:py',
          'DTSTART;TZID=America/Los_Angeles:20260226T180000',
          'DTEND;TZID=America/Los_Angeles:20260226T200000',
          'RRULE:FREQ=WEEKLY;COUNT=3',
        ),
      ),
    );
    // DST starts on 2026-03-08: 18:00 is 02:00Z before it and 01:00Z after.
    expect(events.map(({ start, end }) => ({ start, end }))).toEqual([
      { start: '2026-02-27T02:00:00Z', end: '2026-02-27T04:00:00Z' },
      { start: '2026-03-06T02:00:00Z', end: '2026-03-06T04:00:00Z' },
      { start: '2026-03-13T01:00:00Z', end: '2026-03-13T03:00:00Z' },
    ]);
    expect(events.every((e) => e.timezone === 'America/Los_Angeles')).toBe(true);
  });

  it('keeps a floating weekly meeting at 18:00 in the site zone across the DST change', () => {
    const { events } = parse(feed(...vevent('UID:py', 'DTSTART:20260305T180000', 'RRULE:FREQ=WEEKLY;COUNT=2')));
    expect(starts(events)).toEqual(['2026-03-06T02:00:00Z', '2026-03-13T01:00:00Z']);
  });

  it('lists an endless series only from 90 days ago to 200 days ahead', () => {
    const { events } = parse(feed(...vevent('UID:daily', 'DTSTART:20200101T100000Z', 'RRULE:FREQ=DAILY')));
    // NOW is 2026-02-20T12:00Z: 90 days before is 2025-11-22T12:00Z, 200 days after 2026-09-08T12:00Z.
    expect(events[0]!.start).toBe('2025-11-23T10:00:00Z');
    expect(events.at(-1)!.start).toBe('2026-09-08T10:00:00Z');
    expect(events).toHaveLength(290);
  });

  it('leaves out the instances listed in EXDATE', () => {
    const { events } = parse(
      feed(
        ...vevent(
          'UID:py',
          'DTSTART;TZID=America/Los_Angeles:20260305T180000',
          'RRULE:FREQ=WEEKLY;COUNT=4',
          'EXDATE;TZID=America/Los_Angeles:20260312T180000,20260319T180000',
        ),
      ),
    );
    expect(starts(events)).toEqual(['2026-03-06T02:00:00Z', '2026-03-27T01:00:00Z']);
  });

  it('replaces an instance with its RECURRENCE-ID override, even when the override comes first', () => {
    const { events } = parse(
      feed(
        ...vevent(
          'UID:py',
          'RECURRENCE-ID;TZID=America/Los_Angeles:20260312T180000',
          'DTSTART;TZID=America/Los_Angeles:20260313T190000',
          'DTEND;TZID=America/Los_Angeles:20260313T210000',
          'SUMMARY:Python night (moved to Friday)',
          'LOCATION:Spokane Public Library',
        ),
        ...vevent(
          'UID:py',
          'DTSTART;TZID=America/Los_Angeles:20260305T180000',
          'DTEND;TZID=America/Los_Angeles:20260305T200000',
          'RRULE:FREQ=WEEKLY;COUNT=3',
          'SUMMARY:Python night',
          'LOCATION:IntelliTect',
        ),
      ),
    );
    expect(events.map(({ sourceEventId, title, start, venue }) => ({ sourceEventId, title, start, venue: venue?.name }))).toEqual([
      { sourceEventId: 'py#2026-03-06T02:00:00Z', title: 'Python night', start: '2026-03-06T02:00:00Z', venue: 'IntelliTect' },
      {
        sourceEventId: 'py#2026-03-13T01:00:00Z',
        title: 'Python night (moved to Friday)',
        start: '2026-03-14T02:00:00Z',
        venue: 'Spokane Public Library',
      },
      { sourceEventId: 'py#2026-03-20T01:00:00Z', title: 'Python night', start: '2026-03-20T01:00:00Z', venue: 'IntelliTect' },
    ]);
  });

  it('marks one instance cancelled when its override says STATUS:CANCELLED', () => {
    const { events } = parse(
      feed(
        ...vevent('UID:py', 'DTSTART:20260305T020000Z', 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:Python night'),
        ...vevent('UID:py', 'RECURRENCE-ID:20260312T020000Z', 'DTSTART:20260312T020000Z', 'SUMMARY:Python night', 'STATUS:CANCELLED'),
      ),
    );
    expect(events.map((e) => e.status)).toEqual(['scheduled', 'cancelled', 'scheduled']);
  });

  it('lists the instances a feed shares without their series, as Google does for one invited instance', () => {
    const { events } = parse(
      feed(
        ...vevent('UID:py', 'RECURRENCE-ID:20260312T020000Z', 'DTSTART:20260312T030000Z', 'SUMMARY:Python night (late start)'),
        ...vevent('UID:py', 'RECURRENCE-ID:20260319T020000Z', 'DTSTART:20260319T020000Z', 'SUMMARY:Python night'),
      ),
    );
    expect(events.map(({ sourceEventId, start }) => ({ sourceEventId, start }))).toEqual([
      { sourceEventId: 'py#2026-03-12T02:00:00Z', start: '2026-03-12T03:00:00Z' },
      { sourceEventId: 'py#2026-03-19T02:00:00Z', start: '2026-03-19T02:00:00Z' },
    ]);
  });

  it('lists one-off events from long ago too', () => {
    const { events } = parse(feed(...vevent('UID:old', 'DTSTART:20190301T180000Z', 'SUMMARY:First meetup')));
    expect(events).toMatchObject([{ sourceEventId: 'old', start: '2019-03-01T18:00:00Z' }]);
  });

  it('gives an event without UID an id made from its title and start, the same on every run, and warns', () => {
    const event = (title: string) => vevent('DTSTART:20260301T180000Z', `SUMMARY:${title}`);
    const first = parse(feed(...event('Rust night'), ...event('Go night')));
    const again = parse(feed(...event('Rust night')));
    expect(first.events[0]!.sourceEventId).toBe(again.events[0]!.sourceEventId);
    expect(first.events[0]!.sourceEventId).not.toBe(first.events[1]!.sourceEventId);
    expect(first.warnings).toEqual([expect.stringContaining('"Rust night" has no UID'), expect.stringContaining('"Go night" has no UID')]);
  });
});

describe('parseICalendar: status, place, links and topics', () => {
  it('marks STATUS:CANCELLED events cancelled and TENTATIVE, CONFIRMED or no status scheduled', () => {
    const { events } = parse(
      feed(
        ...vevent('UID:a', 'DTSTART:20260301T180000Z', 'STATUS:CANCELLED'),
        ...vevent('UID:b', 'DTSTART:20260301T180000Z', 'STATUS:TENTATIVE'),
        ...vevent('UID:c', 'DTSTART:20260301T180000Z', 'STATUS:CONFIRMED'),
        ...vevent('UID:d', 'DTSTART:20260301T180000Z'),
      ),
    );
    expect(events.map((e) => e.status)).toEqual(['cancelled', 'scheduled', 'scheduled', 'scheduled']);
  });

  it('treats a LOCATION that is a link as an online event', () => {
    const event = only(feed(...vevent('UID:a', 'DTSTART:20260301T180000Z', 'LOCATION:https://luma.com/event/evt-abc', 'GEO:47.6;-117.4')));
    expect(event).toMatchObject({ attendance: 'online', onlineUrl: 'https://luma.com/event/evt-abc', venue: null });
  });

  it('turns a LOCATION and GEO into a venue named by the first part of the address', () => {
    const event = only(
      feed(
        ...vevent('UID:a', 'DTSTART:20260301T180000Z', String.raw`LOCATION:IntelliTect\, 1720 W 4th Ave\, Spokane`, 'GEO:47.6535;-117.4380'),
      ),
    );
    expect(event).toMatchObject({
      attendance: 'in_person',
      onlineUrl: null,
      venue: { name: 'IntelliTect', address: 'IntelliTect, 1720 W 4th Ave, Spokane', lat: 47.6535, lon: -117.438 },
    });
  });

  it('keeps a LOCATION that only starts with a link as the venue text, not as a broken link', () => {
    const event = only(feed(...vevent('UID:a', 'DTSTART:20260301T180000Z', 'LOCATION:https://zoom.us/j/123 passcode 42')));
    expect(event).toMatchObject({ attendance: 'in_person', onlineUrl: null, venue: { address: 'https://zoom.us/j/123 passcode 42' } });
  });

  it('has no venue when the event has neither LOCATION nor GEO', () => {
    const event = only(feed(...vevent('UID:a', 'DTSTART:20260301T180000Z', 'LOCATION:', 'GEO:;')));
    expect(event).toMatchObject({ attendance: 'in_person', venue: null, onlineUrl: null, imageUrl: null });
  });

  it('takes the event link from URL only when it is http(s)', () => {
    const { events } = parse(
      feed(
        ...vevent('UID:a', 'DTSTART:20260301T180000Z', 'URL;VALUE=URI:https://www.meetup.com/python-spokane/events/1/'),
        ...vevent('UID:b', 'DTSTART:20260301T180000Z', 'URL:javascript:alert(1)'),
      ),
    );
    expect(events.map((e) => e.url)).toEqual(['https://www.meetup.com/python-spokane/events/1/', null]);
  });

  it('turns CATEGORIES into topics', () => {
    const event = only(
      feed(...vevent('UID:a', 'DTSTART:20260301T180000Z', String.raw`CATEGORIES:Python,Data\, AI`, 'CATEGORIES:Web,Python')),
    );
    expect(event.topics).toEqual(['Python', 'Data, AI', 'Web']);
  });

  it('reads the calendar name from X-WR-CALNAME, else NAME', () => {
    expect(parse(feed(String.raw`X-WR-CALNAME:Spokane Python\, User Group`, 'NAME:Other')).calendarName).toBe(
      'Spokane Python, User Group',
    );
    expect(parse(feed('NAME:Spokane Rust')).calendarName).toBe('Spokane Rust');
    expect(parse(feed()).calendarName).toBeNull();
  });
});

describeRealFixtures('parseICalendar on real feeds', () => {
  it("reads Meetup's group feed: every event, emoji split by folds, London times", () => {
    const { events, calendarName, warnings } = parse(realFixture('meetup/meetup-group-ical-2026-01.ics'), {
      now: new Date('2026-01-28T11:37:13Z'),
    });
    // The manifest says 7, but the file has 8 VEVENTs (8 UIDs).
    expect(events).toHaveLength(8);
    expect(warnings).toEqual([]);
    expect(calendarName).toBe('London Bisexual Women Games, Snacks & Wine Group');
    // DTSTART;TZID=Europe/London:20260417T190000 is in BST (UTC+1).
    expect(events[2]).toMatchObject({
      sourceEventId: 'event_312612203@meetup.com',
      title: 'London Bisexual Women Games, Snacks & Wine Night: Being Evil 😈🃏',
      start: '2026-04-17T18:00:00Z',
      end: '2026-04-17T21:00:00Z',
      timezone: 'Europe/London',
      url: 'https://www.meetup.com/london-bisexual-women-games-wine-group/events/312612203/',
      venue: null,
    });
    // 20260130T190000 is in GMT.
    expect(events[0]).toMatchObject({ start: '2026-01-30T19:00:00Z', title: expect.stringMatching(/Barbiecore Glam Edition$/) });
    expect(events.map((e) => e.title + e.descriptionHtml).join('')).not.toContain('\uFFFD');
  });

  it("reads Google Calendar's public feed: all-day events, a UTC event, escaped commas, empty descriptions", () => {
    const { events, calendarName, timezone } = parse(realFixture('ical/google-calendar-public-basic.ics'), {
      now: new Date('2018-12-05T15:07:52Z'),
    });
    expect(calendarName).toBe('justin-placecal-test');
    expect(timezone).toBe('Europe/London');
    expect(events.find((e) => e.title === '11')).toMatchObject({
      allDay: true,
      start: '2018-12-05',
      end: '2018-12-06',
      descriptionHtml: '',
      venue: { name: 'Martin Harris Centre for Music and Drama', address: 'Martin Harris Centre for Music and Drama, Manchester M15 5DD, UK' },
    });
    expect(events.find((e) => e.title === '4')).toMatchObject({
      allDay: false,
      start: '2018-11-28T10:00:00Z',
      end: '2018-11-28T10:30:00Z',
      descriptionHtml: '<p>Not a lot to it, really.</p>',
    });
  });

  it('reads a Google series whose RECURRENCE-ID override comes before its master', () => {
    const { events } = parse(realFixture('ical/google-rrule-until-recurrence-id.ics'), { now: new Date('2016-08-25T06:15:05Z') });
    const id = '6m2q7kb2l02798oagemrcgm6pk@google.com';
    // Daily at 14:00 Kyiv summer time (UTC+3) until 2016-08-28T11:00Z; the 26th is overridden.
    expect(events.map(({ sourceEventId, title, start }) => ({ sourceEventId, title, start }))).toEqual([
      { sourceEventId: `${id}#2016-08-25T11:00:00Z`, title: 'repeated', start: '2016-08-25T11:00:00Z' },
      { sourceEventId: `${id}#2016-08-26T11:00:00Z`, title: 'bla bla', start: '2016-08-26T11:00:00Z' },
      { sourceEventId: `${id}#2016-08-27T11:00:00Z`, title: 'repeated', start: '2016-08-27T11:00:00Z' },
      { sourceEventId: `${id}#2016-08-28T11:00:00Z`, title: 'repeated', start: '2016-08-28T11:00:00Z' },
    ]);
  });

  it('reads a minimal feed with COUNT, two EXDATEs and a moved instance', () => {
    const { events } = parse(realFixture('ical/rrule-count-exdate-recurrence-id.ics'), { now: new Date('2015-07-06T12:00:00Z') });
    // COUNT=10 from July 6 at noon Los Angeles (19:00Z), less the 8th and the 10th.
    expect(events).toHaveLength(8);
    expect(events.map((e) => e.start)).not.toContain('2015-07-08T19:00:00Z');
    expect(events.map((e) => e.start)).not.toContain('2015-07-10T19:00:00Z');
    // The 7th moved to the 9th at 15:00; its DTEND is before its start, so the end is estimated.
    expect(events.find((e) => e.sourceEventId === '0000001#2015-07-07T19:00:00Z')).toMatchObject({
      title: 'More Treasure Hunting',
      start: '2015-07-09T22:00:00Z',
      endEstimated: true,
      venue: { name: 'The other island' },
    });
  });

  it("reads all of a Luma calendar's 291 events, with entities decoded and all scheduled", () => {
    const { events, calendarName, warnings } = parse(realFixture('luma/luma-calendar-network-school.ics'), {
      now: new Date('2025-10-21T16:40:10Z'),
    });
    expect(events).toHaveLength(291);
    expect(new Set(events.map((e) => e.sourceEventId)).size).toBe(291);
    expect(warnings).toEqual([]);
    expect(calendarName).toBe('Network School');
    expect(events.every((e) => e.status === 'scheduled')).toBe(true);
    expect(events.some((e) => e.title.includes('&amp;'))).toBe(false);
    expect(events[0]).toMatchObject({
      sourceEventId: 'calev-vG3wexz4mtcmqXs@events.lu.ma',
      title: '[SOC] #28 - Chartered Cities & Network States',
      start: '2023-05-17T17:00:00Z',
      timezone: null,
    });
  });
});

describe('icalAdapter', () => {
  const ORIGIN = 'http://127.0.0.1:8632';
  const source: SourceConfig = { type: 'ical', url: `${ORIGIN}/calendar.ics` };
  const agents: MockAgent[] = [];

  afterEach(async () => {
    await Promise.all(agents.splice(0).map((agent) => agent.close()));
  });

  function serving(body: Uint8Array | string, contentType: string): AdapterContext {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get(ORIGIN)
      .intercept({ path: '/calendar.ics', method: 'GET', headers: { accept: 'text/calendar, */*;q=0.5' } })
      .reply(200, Buffer.from(body), { headers: { 'content-type': contentType } });
    agents.push(agent);
    return {
      http: testHttpClient({ dispatcher: agent }),
      site: { title: 'Spokane Tech', url: 'https://spokanetech.example', timezone: SPOKANE },
      now: NOW,
    };
  }

  it("returns a feed's events, in the site's time zone, and the calendar's name", async () => {
    const body = feed('X-WR-CALNAME:Spokane Python', ...vevent('UID:a', 'DTSTART:20260305T180000', 'SUMMARY:Python night'));
    const result = await icalAdapter(source, serving(body, 'text/calendar; charset=utf-8'));
    expect(result.group).toEqual({ name: 'Spokane Python' });
    expect(result.warnings).toEqual([]);
    expect(result.events).toMatchObject([{ sourceEventId: 'a', title: 'Python night', start: '2026-03-06T02:00:00Z' }]);
  });

  it('fails with unexpected_content when the URL answers with an HTML sign-in page', async () => {
    const html = '<!DOCTYPE html><html><body><form>Sign in to continue</form></body></html>';
    await expect(icalAdapter(source, serving(html, 'text/html'))).rejects.toMatchObject({
      name: 'SourceFailure',
      kind: 'unexpected_content',
      message: expect.stringMatching(/not an iCalendar feed.*HTML page/),
    });
  });
});
