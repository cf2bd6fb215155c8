import { describe, expect, it } from 'vitest';
import { SCHEMA_ORG_EVENT_TYPES } from '../../src/sources/jsonld/event-types.ts';
import { findEventNodes } from '../../src/sources/jsonld/extract.ts';
import { parseJsonLdEvents } from '../../src/sources/jsonld/index.ts';
import type { SourceEvent } from '../../src/types.ts';

// Every shape schema.org's documentation gives an event, each named for what a visitor of the
// site sees. The nodes follow the examples on schema.org (Event, Schedule, CourseInstance,
// BroadcastEvent, VirtualLocation), dated around the test's clock.

const NOW = new Date('2026-03-01T20:00:00Z');
const OPTIONS = { pageUrl: 'https://venue.example/events/', timezone: 'America/Los_Angeles', now: NOW };

type Node = Record<string, unknown>;

function page(...nodes: Node[]): string {
  const scripts = nodes.map((node) => `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', ...node })}</script>`);
  return `<!doctype html><html><head>${scripts.join('')}</head><body></body></html>`;
}

function read(...nodes: Node[]) {
  return parseJsonLdEvents(page(...nodes), OPTIONS);
}

function only(...nodes: Node[]): SourceEvent {
  const { events } = read(...nodes);
  expect(events).toHaveLength(1);
  return events[0]!;
}

const times = (events: SourceEvent[]) => events.map(({ start, end }) => ({ start, end }));

describe('every kind of event schema.org defines', () => {
  it('lists a broadcast of an event, not the event it broadcasts', () => {
    const { events, warnings } = read({
      '@type': 'BroadcastEvent',
      name: 'Spokane Tech Night, live',
      isLiveBroadcast: true,
      startDate: '2026-03-10T18:00:00-07:00',
      broadcastOfEvent: { '@type': 'Event', name: 'Spokane Tech Night', startDate: '2026-03-10T18:00:00-07:00' },
    });
    expect(warnings).toEqual([]);
    expect(events.map((e) => e.title)).toEqual(['Spokane Tech Night, live']);
  });

  it('lists an on-demand recording as an event', () => {
    expect(only({ '@type': 'OnDemandEvent', name: 'Rust talk, recorded', startDate: '2026-03-12' }).title).toBe('Rust talk, recorded');
  });

  it("knows every subclass of Event in schema.org's vocabulary, however deep, and no superseded one", () => {
    expect(SCHEMA_ORG_EVENT_TYPES).toEqual(expect.arrayContaining(['Event', 'BroadcastEvent', 'OnDemandEvent', 'PublicationEvent', 'CourseInstance', 'Hackathon', 'EventSeries']));
    expect(SCHEMA_ORG_EVENT_TYPES).not.toContain('UserComments');
    expect(findEventNodes(SCHEMA_ORG_EVENT_TYPES.map((type) => ({ '@type': `https://schema.org/${type}` })))).toHaveLength(SCHEMA_ORG_EVENT_TYPES.length);
  });

  it('says when a page has nodes typed like events that schema.org does not know', () => {
    const { events, warnings } = read(
      { '@type': 'TechEvent', name: 'Not read', startDate: '2026-03-12' },
      { '@type': ['Thing', 'schema:OnlineEvent'], name: 'Not read either', startDate: '2026-03-13' },
      { '@type': 'Event', name: 'Read', startDate: '2026-03-14' },
    );
    expect(events.map((e) => e.title)).toEqual(['Read']);
    expect(warnings).toEqual(['the page has 2 node(s) typed TechEvent, OnlineEvent, which is no kind of schema.org Event; did not read them']);
  });
});

describe('a course session (CourseInstance)', () => {
  const course = { '@type': 'Course', name: 'Intro to Rust', description: 'Four evenings of **Rust**, from zero.' };

  it('is named and described after the course that lists it (hasCourseInstance)', () => {
    const event = only({ ...course, hasCourseInstance: { '@type': 'CourseInstance', courseMode: 'Onsite', startDate: '2026-03-10T18:00:00-07:00' } });
    expect(event).toMatchObject({ title: 'Intro to Rust', descriptionHtml: '<p>Four evenings of <strong>Rust</strong>, from zero.</p>' });
  });

  it('is named after its course when the course lists it by @id', () => {
    const event = only({
      '@graph': [
        { ...course, hasCourseInstance: [{ '@id': '#march' }] },
        { '@type': 'CourseInstance', '@id': '#march', startDate: '2026-03-10T18:00:00-07:00' },
      ],
    });
    expect(event.title).toBe('Intro to Rust');
  });

  it('is named after the course it names itself (course)', () => {
    expect(only({ '@type': 'CourseInstance', course, startDate: '2026-03-10T18:00:00-07:00' }).title).toBe('Intro to Rust');
  });

  it('keeps a name of its own', () => {
    const event = only({ ...course, hasCourseInstance: { '@type': 'CourseInstance', name: 'Intro to Rust (evening class)', startDate: '2026-03-10T18:00:00-07:00' } });
    expect(event.title).toBe('Intro to Rust (evening class)');
  });
});

describe('where: every shape of location', () => {
  const event = (location: unknown) => only({ '@type': 'Event', name: 'Rust night', startDate: '2026-03-10T18:00:00-07:00', location });

  it('shows a PostalAddress given as the location as the venue’s address', () => {
    const address = { '@type': 'PostalAddress', streetAddress: '906 W Main Ave', addressLocality: 'Spokane', addressRegion: 'WA', postalCode: '99201', addressCountry: 'us' };
    expect(event(address)).toMatchObject({ venue: { name: null, address: '906 W Main Ave, Spokane, WA 99201, United States' }, attendance: 'in_person' });
  });

  it('shows a Place with its nested address and position', () => {
    const place = {
      '@type': 'Place',
      name: 'Spokane Public Library',
      address: { '@type': 'PostalAddress', streetAddress: '906 W Main Ave', addressLocality: 'Spokane', addressRegion: 'WA', addressCountry: { '@type': 'Country', name: 'US' } },
      geo: { '@type': 'GeoCoordinates', latitude: 47.6588, longitude: -117.4224 },
    };
    expect(event(place).venue).toEqual({ name: 'Spokane Public Library', address: '906 W Main Ave, Spokane, WA, United States', lat: 47.6588, lon: -117.4224 });
  });

  it('reads a Place’s own latitude and longitude', () => {
    expect(event({ '@type': 'Place', name: 'The Hive', latitude: '47.66', longitude: '-117.36' }).venue).toMatchObject({ lat: 47.66, lon: -117.36 });
  });

  it('shows a plain-text location with commas as the venue and its address', () => {
    expect(event('Indaba Coffee, 1425 W Broadway Ave, Spokane').venue).toEqual({ name: 'Indaba Coffee', address: 'Indaba Coffee, 1425 W Broadway Ave, Spokane', lat: null, lon: null });
  });

  it('shows a hybrid event with its venue and its online link', () => {
    const result = event([{ '@type': 'Place', name: 'The Hive', address: '2904 E Sprague Ave, Spokane' }, { '@type': 'VirtualLocation', url: 'https://meet.example/rust' }]);
    expect(result).toMatchObject({ attendance: 'hybrid', onlineUrl: 'https://meet.example/rust', venue: { name: 'The Hive', address: '2904 E Sprague Ave, Spokane' } });
  });

  it('writes an address as people write it, the country named rather than coded', () => {
    const place = { '@type': 'Place', name: 'Social Refuge', address: { '@type': 'PostalAddress', streetAddress: '27 Great Ancoats Street', addressLocality: 'Manchester', postalCode: 'M4 5AJ', addressCountry: 'gb' } };
    expect(event(place).venue?.address).toBe('27 Great Ancoats Street, Manchester M4 5AJ, United Kingdom');
  });
});

describe('a repeating event (eventSchedule)', () => {
  const taiChi = (schedule: Node, extra: Node = {}) => ({ '@type': 'Event', name: 'Tai chi class', url: 'https://venue.example/taichi', duration: 'PT60M', eventSchedule: { '@type': 'Schedule', ...schedule }, ...extra });

  it('lists every Wednesday of a weekly schedule in its own zone, from its start to its end date', () => {
    const { events, warnings } = read(
      taiChi({ startDate: '2026-03-01', endDate: '2026-03-31', repeatFrequency: 'P1W', byDay: 'https://schema.org/Wednesday', startTime: '19:00:00', endTime: '20:00:00', scheduleTimezone: 'Europe/London' }),
    );
    expect(warnings).toEqual([]);
    expect(times(events)).toEqual([
      { start: '2026-03-04T19:00:00Z', end: '2026-03-04T20:00:00Z' },
      { start: '2026-03-11T19:00:00Z', end: '2026-03-11T20:00:00Z' },
      { start: '2026-03-18T19:00:00Z', end: '2026-03-18T20:00:00Z' },
      { start: '2026-03-25T19:00:00Z', end: '2026-03-25T20:00:00Z' },
    ]);
    expect(events.map((e) => e.sourceEventId)).toEqual(events.map((e) => `https://venue.example/taichi#${e.start}`));
    expect(events.every((e) => e.title === 'Tai chi class' && e.timezone === 'Europe/London')).toBe(true);
  });

  it('lists a schedule with no start date on its days within the days read, and no made-up first date', () => {
    const { events } = read({ '@type': 'Event', name: 'Example Meetup', eventSchedule: { '@type': 'Schedule', repeatFrequency: 'P1M', byMonthDay: [1, 15], startTime: '09:00:00', endTime: '10:00:00', scheduleTimezone: 'America/Los_Angeles' } });
    expect(events.length).toBeGreaterThan(10);
    expect(events.every((e) => ['01', '15'].includes(e.start.slice(8, 10)))).toBe(true);
    // 9 AM Pacific: 17:00Z in winter, 16:00Z in summer.
    expect(events.every((e) => /T1[67]:00:00Z$/.test(e.start))).toBe(true);
  });

  it('stops after repeatCount occurrences', () => {
    const { events } = read(taiChi({ startDate: '2026-03-02', repeatFrequency: 'P1D', repeatCount: 10, startTime: '09:00:00', scheduleTimezone: 'Europe/London' }));
    expect(events).toHaveLength(10);
    expect(events.at(-1)!.start).toBe('2026-03-11T09:00:00Z');
  });

  it('reads byDay written as iCalendar does (the second Monday), and a frequency in words', () => {
    const { events } = read(taiChi({ startDate: '2026-03-01', endDate: '2026-05-31', repeatFrequency: 'monthly', byDay: '2MO', startTime: '18:00', endTime: '19:30' }));
    expect(times(events)).toEqual([
      { start: '2026-03-10T01:00:00Z', end: '2026-03-10T02:30:00Z' },
      { start: '2026-04-14T01:00:00Z', end: '2026-04-14T02:30:00Z' },
      { start: '2026-05-12T01:00:00Z', end: '2026-05-12T02:30:00Z' },
    ]);
  });

  it('lists the first and third Mondays of byMonthWeek with byDay', () => {
    const { events } = read(taiChi({ startDate: '2026-03-01', endDate: '2026-03-31', repeatFrequency: 'P1M', byDay: 'Monday', byMonthWeek: [1, 3], startTime: '18:00:00' }));
    expect(events.map((e) => e.start.slice(0, 10))).toEqual(['2026-03-03', '2026-03-17']);
  });

  it('leaves out the dates of exceptDate, a whole day or one start time', () => {
    const { events } = read(
      taiChi({ startDate: '2026-03-02', repeatFrequency: 'P1D', repeatCount: 5, startTime: '09:00:00', scheduleTimezone: 'UTC', exceptDate: ['2026-03-03', '2026-03-05T09:00:00Z'] }),
    );
    expect(events.map((e) => e.start.slice(0, 10))).toEqual(['2026-03-02', '2026-03-04', '2026-03-06']);
  });

  it('lists each of several schedules (twice a day, weekdays)', () => {
    const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((day) => `https://schema.org/${day}`);
    const schedule = (startTime: string, endTime: string) => ({ '@type': 'Schedule', repeatFrequency: 'P1D', byDay: weekdays, startDate: '2026-03-02', endDate: '2026-03-03', startTime, endTime, scheduleTimezone: 'UTC' });
    const { events } = read({ '@type': 'Event', name: 'Office hours', eventSchedule: [schedule('09:00:00', '10:00:00'), schedule('14:00:00', '15:00:00')] });
    expect(times(events)).toEqual([
      { start: '2026-03-02T09:00:00Z', end: '2026-03-02T10:00:00Z' },
      { start: '2026-03-03T09:00:00Z', end: '2026-03-03T10:00:00Z' },
      { start: '2026-03-02T14:00:00Z', end: '2026-03-02T15:00:00Z' },
      { start: '2026-03-03T14:00:00Z', end: '2026-03-03T15:00:00Z' },
    ]);
  });

  it('lists only the days read of a schedule with no end', () => {
    const { events } = read(taiChi({ startDate: '2020-01-01', repeatFrequency: 'P1D', startTime: '12:00:00', scheduleTimezone: 'UTC' }));
    // 90 days before NOW to 200 days after.
    expect(events).toHaveLength(290);
  });

  it('keeps the event at its own date, and says why, when its schedule cannot be read', () => {
    const { events, warnings } = read(taiChi({ repeatFrequency: 'every blue moon' }, { startDate: '2026-03-10T18:00:00-07:00' }));
    expect(events.map((e) => e.start)).toEqual(['2026-03-11T01:00:00Z']);
    expect(warnings).toEqual(['"Tai chi class" has a schedule that cannot be read: its repeatFrequency ("every blue moon") is not a frequency']);
  });
});

describe('descriptions as pages write them', () => {
  const event = (description: string) => only({ '@type': 'Event', name: 'Rust night', startDate: '2026-03-10', description });

  it('renders a Markdown description as Markdown', () => {
    expect(event('## Agenda\n\n- Talks\n- Pizza').descriptionHtml).toBe('<h4>Agenda</h4>\n<ul>\n<li>Talks</li>\n<li>Pizza</li>\n</ul>');
  });

  it('shows a tracking redirect as the link it wraps', () => {
    expect(event('RSVP: https://www.google.com/url?q=https://venue.example/rsvp&sa=D').descriptionHtml).toBe(
      '<p>RSVP: <a href="https://venue.example/rsvp" rel="nofollow ugc">https://venue.example/rsvp</a></p>',
    );
  });
});
