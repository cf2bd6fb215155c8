import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { parseICalendar } from '../../src/sources/ical/index.ts';
import { parseJsonLdEvents } from '../../src/sources/jsonld/index.ts';
import type { SourceEvent } from '../../src/types.ts';
import { findDangerousMarkup, isHttp } from './html-checks.ts';

// Property-based tests: for arbitrary input, the iCalendar reader, the JSON-LD reader and config
// validation return events (or problems), never throw, never take long, never hold on to memory.
// The seed is fixed so that a failure reproduces; FC_SEED and FC_RUNS explore further:
//   FC_SEED=$RANDOM FC_RUNS=2000 npx vitest run tests/security/fuzz.test.ts

const SEED = Number(process.env.FC_SEED ?? 20261126);
const RUNS = Number(process.env.FC_RUNS ?? 150);
const PER_RUN_MS = 2_000;
const HEAP_GROWTH_LIMIT = 256 * 1024 * 1024;

const NOW = new Date('2026-11-26T20:00:00Z');
const scratch = mkdtempSync(join(tmpdir(), 'spokane-tech-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Checks a property over `runs` inputs, each within PER_RUN_MS, and the heap afterwards within
 * HEAP_GROWTH_LIMIT of where it started (what a run keeps, not what it briefly uses).
 */
function check<T>(arbitrary: fc.Arbitrary<T>, property: (input: T) => void, runs = RUNS): void {
  const before = process.memoryUsage().heapUsed;
  let slowest = 0;
  fc.assert(
    fc.property(arbitrary, (input) => {
      const started = performance.now();
      property(input);
      const took = performance.now() - started;
      slowest = Math.max(slowest, took);
      if (took > PER_RUN_MS) throw new Error(`took ${Math.round(took)} ms`);
    }),
    { seed: SEED, numRuns: runs },
  );
  expect(slowest).toBeLessThan(PER_RUN_MS);
  expect(process.memoryUsage().heapUsed - before).toBeLessThan(HEAP_GROWTH_LIMIT);
}

/** What every event any reader returns must look like, whatever it read. */
function expectWellFormed(event: SourceEvent): void {
  expect(typeof event.sourceEventId).toBe('string');
  expect(event.sourceEventId).not.toBe('');
  expect(typeof event.title).toBe('string');
  expect(event.title.trim()).not.toBe('');
  expect(event.title.length).toBeLessThanOrEqual(1_000);
  if (event.allDay) {
    expect(event.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(event.end > event.start).toBe(true);
  } else {
    expect(event.start).toMatch(/^[+-]?\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Date.parse(event.end)).toBeGreaterThan(Date.parse(event.start));
  }
  for (const url of [event.url, event.onlineUrl, event.imageUrl]) if (url !== null) expect(isHttp(url), url).toBe(true);
  expect(findDangerousMarkup(event.descriptionHtml)).toEqual([]);
  expect(['scheduled', 'cancelled', 'postponed']).toContain(event.status);
  expect(['in_person', 'online', 'hybrid']).toContain(event.attendance);
}

// ---- iCalendar ----

const icalText = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '9', ':', ';', ',', '=', '"', '\\', 'n', ' ', '\t', '\r', '\n', 'T', '-', 'é', '🚀', '<', '>') });

const dateValue = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replace(/-/g, '')),
  fc.stringMatching(/^\d{8}(T\d{6}Z?)?$/),
  icalText,
);

const rrule = fc
  .record({
    FREQ: fc.constantFrom('SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'FORTNIGHTLY', ''),
    INTERVAL: fc.option(fc.integer({ min: -5, max: 1_000_000 }), { nil: undefined }),
    COUNT: fc.option(fc.integer({ min: -5, max: 10_000_000 }), { nil: undefined }),
    UNTIL: fc.option(dateValue, { nil: undefined }),
    BYDAY: fc.option(fc.constantFrom('MO', 'TU,TH', '1MO', '-1FR', 'XX', ''), { nil: undefined }),
    BYMONTHDAY: fc.option(fc.constantFrom('1', '31', '-1', '0', '32', '1,15'), { nil: undefined }),
    BYSETPOS: fc.option(fc.constantFrom('1', '-1', '0', '400'), { nil: undefined }),
  })
  .map((parts) =>
    Object.entries(parts)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${value}`)
      .join(';'),
  );

/** A rule with a part given twice, the same or not (`FREQ=DAILY;UNTIL=…;FREQ=DAILY`). */
const doubledRule = fc.tuple(rrule, fc.constantFrom('FREQ=DAILY', 'FREQ=WEEKLY', 'COUNT=3', 'UNTIL=20270101T000000Z', 'INTERVAL=2')).map(([rule, part]) => `${rule};${part}`);

/** RDATE and EXDATE values: dates, date-times, periods with an end or a duration, several on a line. */
const dateList = fc.array(fc.oneof(dateValue, fc.tuple(dateValue, fc.oneof(dateValue, fc.constantFrom('PT1H', 'P1D', 'x'))).map(([a, b]) => `${a}/${b}`)), { minLength: 1, maxLength: 4 }).map((values) => values.join(','));
const dateListParams = fc.constantFrom('', ';VALUE=DATE', ';VALUE=PERIOD', ';TZID=America/New_York', ';TZID=Pacific Standard Time', ';VALUE=PERIOD;TZID=Europe/Berlin');

const property = fc.oneof(
  fc.tuple(fc.constant('DTSTART'), fc.constantFrom('', ';VALUE=DATE', ';TZID=America/Los_Angeles', ';TZID=Mars/Olympus', ';TZID="a:b"', ';TZID=/mozilla.org/20070129_1/America/New_York'), dateValue),
  fc.tuple(fc.constant('DTEND'), fc.constantFrom('', ';VALUE=DATE', ';TZID=Europe/Berlin'), dateValue),
  fc.tuple(fc.constant('DURATION'), fc.constant(''), fc.constantFrom('PT1H', 'P1D', '-PT1H', 'P99999W', 'garbage')),
  fc.tuple(fc.constant('RRULE'), fc.constant(''), fc.oneof(rrule, doubledRule, fc.constantFrom('', 'FREQ=WEEKLY;COUNT=-1'))),
  fc.tuple(fc.constantFrom('RDATE', 'EXDATE'), dateListParams, dateList),
  fc.tuple(fc.constant('RECURRENCE-ID'), fc.constantFrom('', ';RANGE=THISANDFUTURE', ';TZID=America/Los_Angeles;RANGE=THISANDFUTURE'), dateValue),
  fc.tuple(fc.constant('X-ALT-DESC'), fc.constant(';FMTTYPE=text/html'), fc.constantFrom('<p>Talks <b>at six</b></p>', '<a href="javascript:alert(1)">x</a>', '<a href="https://example.org/rsvp">RSVP</a>')),
  fc.tuple(fc.constant('DESCRIPTION'), fc.constant(''), fc.constantFrom('<a href="https://example.org/rsvp">', 'Join<br><b>us</b>', '**bold** [x](https://x.example)', 'https://www.google.com/url?q=https://example.org&sa=D')),
  fc.tuple(fc.constantFrom('SUMMARY', 'DESCRIPTION', 'LOCATION', 'CATEGORIES', 'URL', 'UID', 'STATUS', 'GEO', 'X-WR-TIMEZONE', 'X-WR-CALNAME'), fc.constant(''), icalText),
  fc.tuple(fc.constantFrom('BEGIN', 'END'), fc.constant(''), fc.constantFrom('VEVENT', 'VCALENDAR', 'VTIMEZONE', 'STANDARD', 'DAYLIGHT', 'VALARM', 'VTODO', 'VTOOD', '')),
);

const line = property.map(([name, params, value]) => `${name}${params}:${value}`);

/** Near the test's clock, so that recurring events fall in the window read. */
const nearDate = fc.date({ min: new Date('2026-06-01'), max: new Date('2027-06-01'), noInvalidDate: true });

/** A VEVENT that is mostly right (a start, a title) with arbitrary properties and lines around. */
const vevent = fc
  .record({
    uid: fc.option(icalText, { nil: undefined }),
    start: fc.oneof(
      { weight: 4, arbitrary: nearDate.map((d) => `DTSTART:${d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`) },
      { weight: 1, arbitrary: nearDate.map((d) => `DTSTART;VALUE=DATE:${d.toISOString().slice(0, 10).replace(/-/g, '')}`) },
      { weight: 1, arbitrary: line },
    ),
    summary: icalText,
    extras: fc.array(fc.oneof({ weight: 5, arbitrary: line }, { weight: 1, arbitrary: icalText }), { maxLength: 8 }),
  })
  .map(({ uid, start, summary, extras }) => [
    'BEGIN:VEVENT',
    ...(uid === undefined ? [] : [`UID:${uid}`]),
    start,
    `SUMMARY:${summary}`,
    ...extras,
    'END:VEVENT',
  ]);

const icalFeed = fc
  .array(fc.oneof({ weight: 6, arbitrary: vevent }, { weight: 1, arbitrary: fc.array(fc.oneof(line, icalText), { maxLength: 4 }) }), { minLength: 1, maxLength: 8 })
  .map((blocks) => blocks.flat())
  .chain((lines) => fc.constantFrom(['BEGIN:VCALENDAR', ...lines, 'END:VCALENDAR'], ['BEGIN:VCALENDAR', ...lines], lines))
  .chain((lines) => fc.constantFrom('\r\n', '\n', '\r\n ').map((separator) => lines.join(separator)));

describe('the iCalendar reader, given arbitrary input', () => {
  const read = (bytes: Uint8Array) => {
    const parsed = parseICalendar(bytes, { now: NOW, defaultTimezone: 'America/Los_Angeles' });
    expect(Array.isArray(parsed.events)).toBe(true);
    expect(parsed.warnings.every((w) => typeof w === 'string')).toBe(true);
    expect(parsed.warnings.length).toBeLessThanOrEqual(50);
    for (const event of parsed.events) expectWellFormed(event);
  };

  it('returns events or warnings for any bytes, never an exception', () => {
    check(fc.uint8Array({ maxLength: 4_000 }), read);
  });

  it('returns events or warnings for any text, never an exception', () => {
    check(fc.string({ maxLength: 2_000 }), (text) => read(new TextEncoder().encode(text)));
  });

  it('returns well-formed events for feeds built from real properties with arbitrary values, recurrence rules included', () => {
    check(icalFeed, (text) => read(new TextEncoder().encode(text)), RUNS * 2);
  }, 120_000);

  it('is given feeds that are often readable, so the properties above say something', () => {
    const feeds = fc.sample(icalFeed, { seed: SEED, numRuns: 200 });
    const readable = feeds.filter((text) => parseICalendar(new TextEncoder().encode(text), { now: NOW, defaultTimezone: 'UTC' }).events.length > 0);
    expect(readable.length).toBeGreaterThan(feeds.length / 5);
  });
});

// ---- JSON-LD ----

const jsonLeaf = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('Event', 'MusicEvent', 'schema:Event', 'https://schema.org/Event', 'EventCancelled', 'javascript:alert(1)', '<script>alert(1)</script>', '2026-12-01', '2026-12-01T18:00:00-08:00', '2026-13-45T99:99', ''),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

/** A schema.org Schedule with real parts and arbitrary values. */
const schedule = fc.record(
  {
    '@type': fc.constant('Schedule'),
    repeatFrequency: fc.oneof(fc.constantFrom('P1D', 'P1W', 'P2W', 'P1M', 'P1Y', 'PT1H', 'PT1M', 'weekly', 'P0D', 'P1M2D', ''), jsonLeaf),
    byDay: fc.oneof(fc.constantFrom('https://schema.org/Monday', 'Wednesday', '2MO', '-1FR', 'PublicHolidays', ['MO', 'TH']), jsonLeaf),
    byMonthDay: fc.oneof(fc.constantFrom(1, 15, 31, -1, 0, 99, [1, 15]), jsonLeaf),
    byMonth: fc.oneof(fc.constantFrom(1, 2, 12, 13, [1, 7]), jsonLeaf),
    byMonthWeek: fc.oneof(fc.constantFrom(1, 3, 5, 9, [1, 3]), jsonLeaf),
    startDate: fc.oneof(nearDate.map((d) => d.toISOString().slice(0, 10)), jsonLeaf),
    endDate: fc.oneof(nearDate.map((d) => d.toISOString()), jsonLeaf),
    startTime: fc.constantFrom('19:00:00', '7pm', '25:00', 'T09:30', null),
    endTime: fc.constantFrom('20:00', '18:00:00', '', null),
    duration: fc.constantFrom('PT1H', 'P1D', 'forever', null),
    repeatCount: fc.oneof(fc.integer({ min: -5, max: 100_000 }), jsonLeaf),
    exceptDate: fc.oneof(nearDate.map((d) => d.toISOString().slice(0, 10)), fc.array(jsonLeaf, { maxLength: 3 })),
    scheduleTimezone: fc.constantFrom('Europe/London', 'America/Los_Angeles', 'Mars/Base', '', null),
  },
  { requiredKeys: ['@type'] },
);

/** Every shape a location takes: text, a link, a PostalAddress, a Place, a VirtualLocation, or several. */
const place = fc.oneof(
  fc.constantFrom('Indaba Coffee, 1425 W Broadway Ave, Spokane', 'https://meet.example/x', 'javascript:alert(1)'),
  fc.record({ '@type': fc.constant('PostalAddress'), streetAddress: jsonLeaf, addressLocality: jsonLeaf, postalCode: jsonLeaf, addressCountry: fc.oneof(fc.constantFrom('us', 'GB', 'usa', { name: 'US' }), jsonLeaf) }),
  fc.record({ '@type': fc.constant('Place'), name: jsonLeaf, latitude: jsonLeaf, longitude: jsonLeaf, address: fc.oneof(jsonLeaf, fc.record({ streetAddress: jsonLeaf })) }),
  fc.record({ '@type': fc.constant('VirtualLocation'), url: fc.oneof(fc.webUrl(), jsonLeaf) }),
);

const jsonLdValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, jsonLeaf, tie('array'), tie('object'), tie('event'), tie('course')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.constantFrom('@type', '@id', '@graph', '@value', 'name', 'url', 'x', 'location', 'address', 'mainEntity', 'itemListElement'), tie('value'), { maxKeys: 6 }),
  course: fc.record({ '@type': fc.constant('Course'), name: tie('value'), description: tie('value'), hasCourseInstance: fc.oneof(tie('event'), fc.constant({ '@id': '#i' })) }, { requiredKeys: ['@type'] }),
  event: fc.record(
    {
      '@type': fc.constantFrom('Event', ['Event', 'Thing'], 'EducationEvent', 'Hackathon', 'BroadcastEvent', 'OnDemandEvent', 'CourseInstance', 'TechEvent'),
      name: fc.oneof({ weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 60 }) }, { weight: 1, arbitrary: tie('value') }),
      startDate: fc.oneof(
        { weight: 3, arbitrary: nearDate.map((d) => d.toISOString()) },
        { weight: 1, arbitrary: nearDate.map((d) => d.toISOString().slice(0, 10)) },
        { weight: 1, arbitrary: tie('value') },
      ),
      endDate: tie('value'),
      url: tie('value'),
      description: tie('value'),
      location: fc.oneof(tie('value'), place, fc.array(place, { maxLength: 3 })),
      eventSchedule: fc.oneof(schedule, fc.array(schedule, { maxLength: 2 }), tie('value')),
      course: fc.oneof(tie('value'), fc.constant({ '@type': 'Course', name: 'A course' })),
      duration: fc.constantFrom('PT90M', 'garbage', null),
      image: tie('value'),
      eventStatus: tie('value'),
      eventAttendanceMode: tie('value'),
      keywords: tie('value'),
      '@id': tie('value'),
    },
    { requiredKeys: ['@type', 'name', 'startDate'] },
  ),
})).value;

const jsonLdPage = fc
  .array(fc.oneof(jsonLdValue.map((v) => JSON.stringify(v)), fc.string({ maxLength: 200 })), { maxLength: 5 })
  .map((blocks) => `<!doctype html><html><head>${blocks.map((b) => `<script type="application/ld+json">${b.replace(/<\//g, '<\\/')}</script>`).join('')}</head><body></body></html>`);

describe('the JSON-LD reader, given arbitrary input', () => {
  const read = (html: string) => {
    const parsed = parseJsonLdEvents(html, { pageUrl: 'https://venue.example/events', timezone: 'America/Los_Angeles' });
    expect(Array.isArray(parsed.events)).toBe(true);
    expect(parsed.warnings.length).toBeLessThanOrEqual(50);
    for (const event of parsed.events) expectWellFormed(event);
  };

  it('returns events or warnings for any text, never an exception', () => {
    check(fc.string({ maxLength: 3_000 }), read);
  });

  it('returns events or warnings for any markup around a JSON-LD block', () => {
    check(fc.tuple(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 })), ([before, after]) =>
      read(`${before}<script type="application/ld+json">${after}</script>`),
    );
  });

  it('returns well-formed events for arbitrary schema.org structures: nested, in graphs, with wrong types everywhere', () => {
    check(jsonLdPage, read, RUNS * 2);
  }, 120_000);

  it('is given pages that often hold events, so the properties above say something', () => {
    const pages = fc.sample(jsonLdPage, { seed: SEED, numRuns: 200 });
    const options = { pageUrl: 'https://venue.example/', timezone: 'UTC' };
    const readable = pages.filter((html) => parseJsonLdEvents(html, options).events.length > 0);
    expect(readable.length).toBeGreaterThan(pages.length / 10);
  });
});

// ---- sources.yaml ----

const yamlish = fc.string({ unit: fc.constantFrom('a', 'b', ':', ' ', '  ', '\n', '-', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '#', "'", '"', '\t', '?', '%', '@', '`', '\uFEFF', '0') , maxLength: 400 });

const configLike = fc.record(
  {
    site: fc.oneof(fc.record({ title: jsonLeaf, url: fc.oneof(jsonLeaf, fc.webUrl()), timezone: fc.constantFrom('America/Los_Angeles', 'UTC', 'Mars/Base', '', 42) }, { requiredKeys: [] }), jsonLeaf),
    groups: fc.oneof(
      fc.array(
        fc.record(
          {
            id: fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,12}$/), jsonLeaf, fc.constantFrom('con', '../x', '')),
            name: jsonLeaf,
            homepage: fc.oneof(fc.webUrl(), jsonLeaf),
            tags: fc.oneof(fc.array(jsonLeaf, { maxLength: 4 }), jsonLeaf),
            sources: fc.oneof(fc.array(fc.record({ type: fc.constantFrom('meetup', 'ical', 'jsonld', 'luma', 'eventbrite', 'rss', 42), url: fc.oneof(fc.webUrl(), jsonLeaf) }, { requiredKeys: [] }), { maxLength: 3 }), jsonLeaf),
            sorces: fc.constant([]),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      ),
      jsonLeaf,
    ),
    fetch: fc.oneof(fc.record({ concurrency: jsonLeaf, deadline_seconds: jsonLeaf }, { requiredKeys: [] }), jsonLeaf),
    duplicates: fc.oneof(fc.record({ merge: fc.array(fc.array(fc.oneof(fc.webUrl(), jsonLeaf), { maxLength: 3 }), { maxLength: 2 }) }, { requiredKeys: [] }), jsonLeaf),
  },
  { requiredKeys: [] },
);

describe('config validation, given arbitrary YAML', () => {
  let counter = 0;
  const load = (text: string) => {
    const path = join(scratch, `config-${(counter += 1)}.yaml`);
    writeFileSync(path, text);
    const result = loadConfig(path);
    if (result.ok) {
      expect(result.config.groups.length).toBeGreaterThan(0);
      for (const group of result.config.groups) expect(group.id).toMatch(/^[a-z0-9-]+$/);
      return;
    }
    expect(result.problems.length).toBeGreaterThan(0);
    for (const problem of result.problems) {
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.column).toBeGreaterThanOrEqual(1);
      expect(typeof problem.message).toBe('string');
      expect(problem.message.trim()).not.toBe('');
    }
  };

  it('returns a config or problems with positions for any text, never an exception', () => {
    check(fc.string({ maxLength: 500 }), load);
  });

  it('returns a config or problems for YAML-looking text: anchors, aliases, tags, flow and block mixed', () => {
    check(yamlish, load, RUNS * 2);
  });

  it('returns a config or problems for any config-shaped document with wrong values anywhere', () => {
    check(configLike, (value) => load(stringify(value)), RUNS * 2);
  });
});
