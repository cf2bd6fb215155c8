import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderCalendar } from '../../src/publish/calendar.ts';
import { parseICalendar } from '../../src/sources/ical/index.ts';
import type { SourceEvent } from '../../src/types.ts';
import { describeRealFixtures, realFixture } from '../helpers/fixtures.ts';
import { storedEvent } from '../helpers/builders.ts';
import { feed, vevent } from '../fixtures/ical/feeds.ts';

// Round trip: a feed read by our reader, written out by the build as a calendar feed, read back
// by ical.js (what many calendar apps are built on). The subscriber must see exactly the
// occurrences the reader produced: the same instants, every series already expanded, nothing
// added and nothing lost.

const NOW = new Date('2026-02-20T12:00:00Z');
const SPOKANE = 'America/Los_Angeles';


interface Occurrence {
  start: string;
  end: string;
}

/** The occurrences a feed written from these events has, as ical.js expands it. */
function writtenAndReadBack(events: SourceEvent[]): Occurrence[] {
  const stored = events.map((event, i) => storedEvent({ ...event, id: `ical:${i}`, slug: `event-${i}`, groupId: 'g' }));
  // Written as of long before the events, so that the feed's 30-day cut-off keeps them all.
  const text = renderCalendar(stored, { name: 'Round trip', siteUrl: 'https://spokanetech.example', now: new Date('2000-01-01T00:00:00Z'), timezone: SPOKANE });
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').flatMap((component) => {
    const event = new ICAL.Event(component);
    const iterator = event.iterator();
    const found: Occurrence[] = [];
    for (let next = iterator.next(); next; next = iterator.next()) {
      const { startDate, endDate } = event.getOccurrenceDetails(next);
      found.push({ start: asWritten(startDate), end: asWritten(endDate) });
    }
    return found;
  });
}

/** A date as our events write it: `YYYY-MM-DD`, or a UTC instant to the second. */
function asWritten(time: ICAL.Time): string {
  return time.isDate ? time.toString() : new Date(time.toUnixTime() * 1000).toISOString().replace('.000Z', 'Z');
}

function byStart(occurrences: Occurrence[]): Occurrence[] {
  return [...occurrences].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : 1));
}

function expectSameOccurrences(bytes: Uint8Array, now = NOW): void {
  const { events } = parseICalendar(bytes, { now, defaultTimezone: SPOKANE });
  expect(events.length).toBeGreaterThan(0);
  expect(byStart(writtenAndReadBack(events))).toEqual(byStart(events.map(({ start, end }) => ({ start, end }))));
}

describe('a feed read, written out and read back by ical.js', () => {
  const cases: [string, Uint8Array][] = [
    [
      'a weekly series across the DST change, with an EXDATE and a moved instance',
      feed(
        ...vevent(
          'UID:py',
          'DTSTART;TZID=America/Los_Angeles:20260226T180000',
          'DTEND;TZID=America/Los_Angeles:20260226T200000',
          'RRULE:FREQ=WEEKLY;COUNT=6',
          'EXDATE;TZID=America/Los_Angeles:20260319T180000',
        ),
        ...vevent('UID:py', 'RECURRENCE-ID;TZID=America/Los_Angeles:20260312T180000', 'DTSTART;TZID=America/Los_Angeles:20260313T190000', 'DURATION:PT90M'),
      ),
    ],
    [
      'RDATEs as dates, date-times and periods',
      feed(
        ...vevent('UID:r', 'DTSTART:20260303T020000Z', 'DURATION:PT2H', 'RDATE:20260317T020000Z', 'RDATE;VALUE=PERIOD:20260331T020000Z/PT3H,20260414T020000Z/20260414T050000Z'),
        ...vevent('UID:d', 'DTSTART;VALUE=DATE:20260305', 'RDATE;VALUE=DATE:20260312,20260319'),
      ),
    ],
    [
      'a RANGE=THISANDFUTURE override and two RRULEs',
      feed(
        ...vevent('UID:t', 'DTSTART:20260302T170000Z', 'DTEND:20260302T180000Z', 'RRULE:FREQ=WEEKLY;COUNT=4', 'RRULE:FREQ=MONTHLY;BYDAY=1FR;COUNT=3'),
        ...vevent('UID:t', 'RECURRENCE-ID;RANGE=THISANDFUTURE:20260316T170000Z', 'DTSTART:20260316T190000Z', 'DTEND:20260316T210000Z'),
      ),
    ],
    [
      'floating times, all-day events and an event without an end',
      feed(
        ...vevent('UID:f', 'DTSTART:20260305T180000', 'RRULE:FREQ=WEEKLY;COUNT=3'),
        ...vevent('UID:a', 'DTSTART;VALUE=DATE:20260306', 'DTEND;VALUE=DATE:20260309'),
        ...vevent('UID:n', 'DTSTART:20260307T170000Z'),
      ),
    ],
  ];

  it.each(cases)('shows a subscriber the same occurrences as the reader: %s', (_, bytes) => {
    expectSameOccurrences(bytes);
  });
});

describeRealFixtures('real feeds read, written out and read back by ical.js', () => {
  it.each([
    ['ical/google-rrule-until-recurrence-id.ics', '2016-08-25T06:15:05Z'],
    ['ical/rrule-count-exdate-recurrence-id.ics', '2015-07-06T12:00:00Z'],
    ['ical/google-calendar-public-basic.ics', '2018-12-05T15:07:52Z'],
    ['meetup/meetup-group-ical-2026-01.ics', '2026-01-28T11:37:13Z'],
    ['luma/luma-calendar-network-school.ics', '2025-10-21T16:40:10Z'],
  ])('shows a subscriber the same occurrences as the reader: %s', (path, now) => {
    expectSameOccurrences(realFixture(path), new Date(now));
  });
});
