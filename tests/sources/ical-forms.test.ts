import { describe, expect, it } from 'vitest';
import { parseICalendar, type ParseOptions } from '../../src/sources/ical/index.ts';
import type { SourceEvent } from '../../src/types.ts';
import { feed, vevent } from '../fixtures/ical/feeds.ts';

// Every recurrence form RFC 5545 allows, and the broken ones real feeds have, each named for what
// a subscriber sees. The feeds are written here from the RFC's own examples (§3.8.5.2 RDATE,
// §3.8.5.3 RRULE, §3.8.4.4 RECURRENCE-ID), dated around the test's clock.

const NOW = new Date('2026-02-20T12:00:00Z');
const SPOKANE = 'America/Los_Angeles';


function parse(bytes: Uint8Array, options: Partial<ParseOptions> = {}) {
  return parseICalendar(bytes, { now: NOW, defaultTimezone: SPOKANE, ...options });
}

const starts = (events: SourceEvent[]) => events.map((e) => e.start);
const times = (events: SourceEvent[]) => events.map(({ start, end }) => ({ start, end }));

describe('RDATE: the extra dates of a series', () => {
  it('lists every date of a series given as RDATEs without a rule: several lines, several dates a line', () => {
    const { events, warnings } = parse(
      feed(
        ...vevent(
          'UID:talks',
          'DTSTART:20260303T020000Z',
          'DTEND:20260303T040000Z',
          'RDATE:20260317T020000Z,20260331T020000Z,20260414T020000Z',
          'RDATE:20260428T020000Z,20260512T020000Z,20260526T020000Z,20260609T020000Z',
          'RDATE:20260623T020000Z',
          'RDATE:20260707T020000Z,20260721T020000Z,20260804T020000Z',
          'SUMMARY:Lightning talks',
        ),
      ),
    );
    expect(warnings).toEqual([]);
    expect(events).toHaveLength(12);
    expect(starts(events).slice(0, 3)).toEqual(['2026-03-03T02:00:00Z', '2026-03-17T02:00:00Z', '2026-03-31T02:00:00Z']);
    expect(events.every((e) => e.end === e.start.replace('T02', 'T04'))).toBe(true);
    expect(new Set(events.map((e) => e.sourceEventId)).size).toBe(12);
  });

  it('adds RDATEs in a named zone to a weekly rule, at their local time across the DST change', () => {
    const { events } = parse(
      feed(
        ...vevent(
          'UID:py',
          'DTSTART;TZID=America/Los_Angeles:20260226T180000',
          'RRULE:FREQ=WEEKLY;COUNT=2',
          'RDATE;TZID=America/Los_Angeles:20260310T180000,20260321T100000',
        ),
      ),
    );
    expect(starts(events)).toEqual(['2026-02-27T02:00:00Z', '2026-03-06T02:00:00Z', '2026-03-11T01:00:00Z', '2026-03-21T17:00:00Z']);
  });

  it('reads floating RDATE times in the calendar zone, and DATE values as all-day instances', () => {
    const floating = parse(feed(...vevent('UID:a', 'DTSTART:20260305T180000', 'RDATE:20260312T180000')));
    expect(starts(floating.events)).toEqual(['2026-03-06T02:00:00Z', '2026-03-13T01:00:00Z']);
    const allDay = parse(feed(...vevent('UID:b', 'DTSTART;VALUE=DATE:20260305', 'RDATE;VALUE=DATE:20260319,20260402')));
    expect(allDay.events.map(({ start, end, allDay: whole }) => ({ start, end, whole }))).toEqual([
      { start: '2026-03-05', end: '2026-03-06', whole: true },
      { start: '2026-03-19', end: '2026-03-20', whole: true },
      { start: '2026-04-02', end: '2026-04-03', whole: true },
    ]);
  });

  it('gives an RDATE period its own end, whether written as an end or a duration', () => {
    const { events } = parse(
      feed(
        ...vevent(
          'UID:hack',
          'DTSTART:20260307T170000Z',
          'DURATION:PT2H',
          'RDATE;VALUE=PERIOD:20260314T170000Z/20260315T010000Z,20260321T170000Z/PT4H30M',
        ),
      ),
    );
    expect(times(events)).toEqual([
      { start: '2026-03-07T17:00:00Z', end: '2026-03-07T19:00:00Z' },
      { start: '2026-03-14T17:00:00Z', end: '2026-03-15T01:00:00Z' },
      { start: '2026-03-21T17:00:00Z', end: '2026-03-21T21:30:00Z' },
    ]);
  });

  it('leaves out an RDATE that an EXDATE removes, and lists an RDATE that the rule gives too once', () => {
    const { events } = parse(
      feed(
        ...vevent(
          'UID:py',
          'DTSTART:20260305T020000Z',
          'RRULE:FREQ=WEEKLY;COUNT=3',
          'RDATE:20260312T020000Z,20260313T020000Z',
          'EXDATE:20260313T020000Z',
        ),
      ),
    );
    expect(starts(events)).toEqual(['2026-03-05T02:00:00Z', '2026-03-12T02:00:00Z', '2026-03-19T02:00:00Z']);
  });
});

describe('RRULE: rules as feeds write them', () => {
  it('lists the instances of every RRULE of an event, each once', () => {
    // First Tuesdays and third Thursdays, March to May; both rules start on DTSTART.
    const { events } = parse(
      feed(...vevent('UID:two', 'DTSTART:20260303T020000Z', 'RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=3', 'RRULE:FREQ=MONTHLY;BYDAY=3TH;UNTIL=20260601T000000Z')),
    );
    expect(starts(events)).toEqual([
      '2026-03-03T02:00:00Z',
      '2026-03-19T02:00:00Z',
      '2026-04-07T02:00:00Z',
      '2026-04-16T02:00:00Z',
      '2026-05-05T02:00:00Z',
      '2026-05-21T02:00:00Z',
    ]);
  });

  it('reads a rule part given twice with the same value once: the series still ends at its UNTIL', () => {
    const { events, warnings } = parse(
      feed(...vevent('UID:d', 'DTSTART:20260301T170000Z', 'RRULE:FREQ=DAILY;UNTIL=20260305T170000Z;FREQ=DAILY', 'SUMMARY:Hack week')),
    );
    expect(starts(events)).toEqual(['2026-03-01T17:00:00Z', '2026-03-02T17:00:00Z', '2026-03-03T17:00:00Z', '2026-03-04T17:00:00Z', '2026-03-05T17:00:00Z']);
    expect(warnings).toEqual([
      'VEVENT "Hack week" (UID d) gives FREQ twice, with the same value (RRULE FREQ=DAILY;UNTIL=20260305T170000Z;FREQ=DAILY); read it once',
    ]);
  });

  it('lists an event whose rule gives a part twice with different values once, at its DTSTART', () => {
    const { events, warnings } = parse(feed(...vevent('UID:c', 'DTSTART:20260301T170000Z', 'RRULE:FREQ=DAILY;COUNT=5;COUNT=50', 'SUMMARY:Which?')));
    expect(starts(events)).toEqual(['2026-03-01T17:00:00Z']);
    expect(warnings).toEqual([
      'VEVENT "Which?" (UID c) gives COUNT twice (5 and 50) (RRULE FREQ=DAILY;COUNT=5;COUNT=50); listed it once, at its DTSTART',
    ]);
  });

  it.each([
    ['', 'has no valid FREQ (an empty RRULE)'],
    ['FREQ=WEEKLY;COUNT=-1', 'has an RRULE whose COUNT is not valid (RRULE FREQ=WEEKLY;COUNT=-1)'],
    ['FREQ=WEEKLY;UNTIL=soon', 'has an RRULE whose UNTIL is not valid (RRULE FREQ=WEEKLY;UNTIL=soon)'],
  ])('keeps an event with the invalid rule "RRULE:%s" at its DTSTART, and names the rule', (rule, problem) => {
    const { events, warnings } = parse(feed(...vevent('UID:x', 'DTSTART:20260301T170000Z', `RRULE:${rule}`, 'SUMMARY:Meetup')));
    expect(events).toMatchObject([{ sourceEventId: 'x', start: '2026-03-01T17:00:00Z', title: 'Meetup' }]);
    expect(warnings).toEqual([`VEVENT "Meetup" (UID x) ${problem}; listed it once, at its DTSTART`]);
  });

  it('keeps an event whose rule gives no date at all (the 31st that is a first Monday) at its DTSTART, and says so', () => {
    const { events, warnings } = parse(feed(...vevent('UID:n', 'DTSTART:20260301T170000Z', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=1MO', 'SUMMARY:Never again')));
    expect(starts(events)).toEqual(['2026-03-01T17:00:00Z']);
    expect(warnings).toEqual([expect.stringMatching(/^VEVENT "Never again" \(UID n\) could not be expanded \(.+\) \(RRULE FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=1MO\); listed it once, at its DTSTART$/)]);
  });

  it('ignores an invalid rule beside a valid one', () => {
    const { events, warnings } = parse(feed(...vevent('UID:x', 'DTSTART:20260301T170000Z', 'RRULE:FREQ=WEEKLY;COUNT=2', 'RRULE:FREQ=OFTEN')));
    expect(starts(events)).toEqual(['2026-03-01T17:00:00Z', '2026-03-08T17:00:00Z']);
    expect(warnings).toEqual([expect.stringMatching(/has no valid FREQ \(RRULE FREQ=OFTEN\); ignored that rule$/)]);
  });

  it('keeps the last instance of a series whose UNTIL is a local time or a date, as feeds write it', () => {
    const local = parse(feed(...vevent('UID:l', 'DTSTART;TZID=America/Los_Angeles:20260302T180000', 'RRULE:FREQ=WEEKLY;UNTIL=20260316T180000')));
    expect(starts(local.events)).toEqual(['2026-03-03T02:00:00Z', '2026-03-10T01:00:00Z', '2026-03-17T01:00:00Z']);
    const date = parse(feed(...vevent('UID:d', 'DTSTART;TZID=America/Los_Angeles:20260302T180000', 'RRULE:FREQ=WEEKLY;UNTIL=20260316')));
    expect(starts(date.events)).toEqual(starts(local.events));
  });

  it('never lists dates a rule excludes (a yearly February 30), only its DTSTART', () => {
    const { events, warnings } = parse(feed(...vevent('UID:f', 'DTSTART:20260101T170000Z', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:Never')));
    expect(starts(events)).toEqual(['2026-01-01T17:00:00Z']);
    expect(warnings).toEqual([expect.stringMatching(/^VEVENT "Never" \(UID f\) has a rule that was expanded to \d+ date\(s\) it excludes .*; left them out$/)]);
  });

  it('lists a yearly rule on week 20 on that week only, not every Monday', () => {
    const { events } = parse(feed(...vevent('UID:w', 'DTSTART:20250512T170000Z', 'RRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO')));
    expect(starts(events).every((start) => ['2025-05-12T17:00:00Z', '2026-05-11T17:00:00Z'].includes(start))).toBe(true);
  });
});

describe('RECURRENCE-ID: moved and changed instances', () => {
  const series = vevent(
    'UID:py',
    'DTSTART;TZID=America/Los_Angeles:20260305T180000',
    'DTEND;TZID=America/Los_Angeles:20260305T200000',
    'RRULE:FREQ=WEEKLY;COUNT=5',
    'SUMMARY:Python night',
    'LOCATION:IntelliTect',
  );

  it('moves this and every later instance when an override says RANGE=THISANDFUTURE (RFC 5545 §3.8.4.4)', () => {
    const { events } = parse(
      feed(
        ...series,
        ...vevent(
          'UID:py',
          'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/Los_Angeles:20260319T180000',
          'DTSTART;TZID=America/Los_Angeles:20260319T183000',
          'DTEND;TZID=America/Los_Angeles:20260319T210000',
          'SUMMARY:Python night (new time)',
          'LOCATION:Spokane Public Library',
        ),
      ),
    );
    expect(events.map(({ sourceEventId, title, start, end, venue }) => ({ sourceEventId, title, start, end, venue: venue?.name }))).toEqual([
      { sourceEventId: 'py#2026-03-06T02:00:00Z', title: 'Python night', start: '2026-03-06T02:00:00Z', end: '2026-03-06T04:00:00Z', venue: 'IntelliTect' },
      { sourceEventId: 'py#2026-03-13T01:00:00Z', title: 'Python night', start: '2026-03-13T01:00:00Z', end: '2026-03-13T03:00:00Z', venue: 'IntelliTect' },
      { sourceEventId: 'py#2026-03-20T01:00:00Z', title: 'Python night (new time)', start: '2026-03-20T01:30:00Z', end: '2026-03-20T04:00:00Z', venue: 'Spokane Public Library' },
      { sourceEventId: 'py#2026-03-27T01:00:00Z', title: 'Python night (new time)', start: '2026-03-27T01:30:00Z', end: '2026-03-27T04:00:00Z', venue: 'Spokane Public Library' },
      { sourceEventId: 'py#2026-04-03T01:00:00Z', title: 'Python night (new time)', start: '2026-04-03T01:30:00Z', end: '2026-04-03T04:00:00Z', venue: 'Spokane Public Library' },
    ]);
  });

  it('cancels this and every later instance when a THISANDFUTURE override is cancelled, and a later single override still wins', () => {
    const { events } = parse(
      feed(
        ...series,
        ...vevent('UID:py', 'RECURRENCE-ID;RANGE=THISANDFUTURE:20260320T010000Z', 'DTSTART:20260320T010000Z', 'STATUS:CANCELLED', 'SUMMARY:Python night'),
        ...vevent('UID:py', 'RECURRENCE-ID;TZID=America/Los_Angeles:20260402T180000', 'DTSTART;TZID=America/Los_Angeles:20260402T180000', 'SUMMARY:Python night (one more)'),
      ),
    );
    expect(events.map((e) => [e.title, e.status])).toEqual([
      ['Python night', 'scheduled'],
      ['Python night', 'scheduled'],
      ['Python night', 'cancelled'],
      ['Python night', 'cancelled'],
      ['Python night (one more)', 'scheduled'],
    ]);
  });

  it('replaces an instance whose override names it in UTC although the series has a TZID', () => {
    const { events } = parse(feed(...series, ...vevent('UID:py', 'RECURRENCE-ID:20260313T010000Z', 'DTSTART:20260314T180000Z', 'SUMMARY:Python night (Saturday)')));
    expect(events).toHaveLength(5);
    expect(events[1]).toMatchObject({ sourceEventId: 'py#2026-03-13T01:00:00Z', title: 'Python night (Saturday)', start: '2026-03-14T18:00:00Z' });
  });
});

describe('components that lost or misspelled their END', () => {
  it('keeps the fourteen events after a to-do whose END is misspelled, and says where', () => {
    const events = Array.from({ length: 14 }, (_, i) => vevent(`UID:e${i}`, `DTSTART:202603${String(i + 1).padStart(2, '0')}T170000Z`, `SUMMARY:Event ${i + 1}`)).flat();
    const text = feed(...vevent('UID:first', 'DTSTART:20260228T170000Z', 'SUMMARY:First'), 'BEGIN:VTODO', 'UID:todo', 'SUMMARY:Buy pizza', 'END:VTOOD', ...events);
    const result = parse(text);
    expect(result.events).toHaveLength(15);
    expect(result.warnings).toEqual([
      'VTODO, begun on line 9, has no END:VTODO; read it up to the BEGIN:VEVENT on line 13',
      'ignored 1 unreadable or out-of-place line(s), the first on line 12: "END:VTOOD"',
    ]);
  });

  it('closes an alarm without END at the END:VEVENT that closes its event, keeping the event', () => {
    const { events, warnings } = parse(feed('BEGIN:VEVENT', 'UID:a', 'DTSTART:20260301T170000Z', 'BEGIN:VALARM', 'TRIGGER:-PT15M', 'END:VEVENT', ...vevent('UID:b', 'DTSTART:20260302T170000Z')));
    expect(events.map((e) => e.sourceEventId)).toEqual(['a', 'b']);
    expect(warnings).toEqual(['VALARM, begun on line 7, has no END:VALARM; read it up to END:VEVENT on line 9']);
  });
});

describe('descriptions as calendars write them', () => {
  it('shows an HTML DESCRIPTION (as Google Calendar writes it) as formatted text with working links', () => {
    const event = parse(feed(...vevent('UID:a', 'DTSTART:20260301T170000Z', String.raw`DESCRIPTION:Join us!<br><b>Bring a laptop</b><br><a href="https://example.org/rsvp">RSVP here</a>`))).events[0]!;
    expect(event.descriptionHtml).toBe('<p>Join us!<br /><b>Bring a laptop</b><br /><a href="https://example.org/rsvp" rel="nofollow ugc">RSVP here</a></p>');
  });

  it('prefers the HTML of X-ALT-DESC;FMTTYPE=text/html to the plain DESCRIPTION', () => {
    const event = parse(
      feed(...vevent('UID:a', 'DTSTART:20260301T170000Z', 'DESCRIPTION:Talks. RSVP: https://example.org/rsvp', 'X-ALT-DESC;FMTTYPE=text/html:<p><em>Talks</em>. <a href="https://example.org/rsvp">RSVP</a></p>')),
    ).events[0]!;
    expect(event.descriptionHtml).toBe('<p><em>Talks</em>. <a href="https://example.org/rsvp" rel="nofollow ugc">RSVP</a></p>');
  });

  it('shows a plain-text DESCRIPTION as text, its link ending where the address ends', () => {
    const event = parse(feed(...vevent('UID:a', 'DTSTART:20260301T170000Z', 'DESCRIPTION:Details ("https://example.org/talks").'))).events[0]!;
    expect(event.descriptionHtml).toBe('<p>Details ("<a href="https://example.org/talks" rel="nofollow ugc">https://example.org/talks</a>").</p>');
  });
});

describe('time zones a feed names', () => {
  it("reads a TZID only the feed's own VTIMEZONE defines, as Outlook writes them", () => {
    const { events, warnings } = parse(
      feed(
        'BEGIN:VTIMEZONE',
        'TZID:Pacific Standard Time',
        'BEGIN:STANDARD',
        'DTSTART:16010101T020000',
        'TZOFFSETFROM:-0700',
        'TZOFFSETTO:-0800',
        'RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11',
        'END:STANDARD',
        'BEGIN:DAYLIGHT',
        'DTSTART:16010101T020000',
        'TZOFFSETFROM:-0800',
        'TZOFFSETTO:-0700',
        'RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3',
        'END:DAYLIGHT',
        'END:VTIMEZONE',
        ...vevent('UID:a', 'DTSTART;TZID=Pacific Standard Time:20260305T180000', 'RRULE:FREQ=WEEKLY;COUNT=2'),
      ),
    );
    expect(warnings).toEqual([]);
    expect(starts(events)).toEqual(['2026-03-06T02:00:00Z', '2026-03-13T01:00:00Z']);
  });

  it('reads a TZID that names no zone in the calendar zone, and says so once', () => {
    const { events, warnings } = parse(feed(...vevent('UID:a', 'DTSTART;TZID=Spokane Time:20260305T180000', 'DTEND;TZID=Spokane Time:20260305T200000')));
    expect(times(events)).toEqual([{ start: '2026-03-06T02:00:00Z', end: '2026-03-06T04:00:00Z' }]);
    expect(warnings).toEqual([`TZID "Spokane Time" names no time zone the feed defines; read its times in ${SPOKANE}`]);
  });

  it('reads a TZID with a path before its IANA zone, as older Thunderbird writes them', () => {
    const { events } = parse(feed(...vevent('UID:a', 'DTSTART;TZID=/mozilla.org/20070129_1/America/New_York:20260305T180000')));
    expect(events).toMatchObject([{ start: '2026-03-05T23:00:00Z', timezone: 'America/New_York' }]);
  });
});
