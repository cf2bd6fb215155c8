import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedGroup } from '../helpers/builders.ts';
import { writeFeedsAndData } from '../../src/publish/feeds.ts';
import { buildView, type SiteView } from '../../src/publish/view/index.ts';
import { plainText, plainTextToHtml } from '../../src/text/sanitize.ts';
import { parseICalendar } from '../../src/sources/ical/index.ts';
import type { StoredGroup, ListedEvent } from '../../src/types.ts';
import { event as catalogEvent } from '../site/snapshot.ts';

// Text that means something to an iCalendar parser (line breaks, `\n` escapes, commas,
// semicolons, backslashes, a whole "END:VEVENT / BEGIN:VEVENT" in a title) and very long unicode
// text come out of every calendar file the build writes as exactly the text that went in, and
// each file holds exactly the events it should.
//
// The files are read back twice: with ical.js (as a subscriber's app would: event counts, UIDs
// and titles) and with a strict RFC 5545 reader below, which also checks every line's form.

const NOW = new Date('2026-11-26T20:00:00Z');
const SITE = 'https://spokanetech.example';
const LONG_UNICODE = `${'日本語の勉強会 🚀 Ünïcödé ‏مرحبا بالعالم‏ שלום 👩🏽‍💻 '.repeat(40)}end`;

const TRICKY_TITLES = {
  newline: 'First line\nsecond line',
  carriageReturn: 'Carriage\rreturn',
  crlf: 'Windows\r\nline break',
  literalBackslashN: 'Paths like C:\\new\\folder and \\n stay literal',
  commasAndSemicolons: 'Pizza, beer; talks, and more;',
  backslashes: 'One \\ two \\\\ three \\\\\\',
  injection: 'Innocent\nEND:VEVENT\nBEGIN:VEVENT\nUID:injected@evil.example\nSUMMARY:Injected event',
  escapedInjection: 'Escaped\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:Injected',
  colonsAndQuotes: 'Title: "quoted" and \'single\'; DTSTART:20260101T000000Z',
  tab: 'Tab\tseparated',
  longUnicode: LONG_UNICODE,
} as const;

/** What a calendar app reads for a title that went in: iCalendar text has one kind of line break. */
const expectedTitle = (title: string) => title.replace(/\r\n?/g, '\n');

const groups: StoredGroup[] = [
  storedGroup({ id: 'alpha', name: 'Alpha, Inc.; "the first"\\group', homepage: null, tags: ['python'], sources: [] }),
  storedGroup({ id: 'beta', name: 'Beta\nGroup', homepage: null, tags: ['python', 'rust'], sources: [] }),
];

function trickyEvents(): ListedEvent[] {
  return Object.entries(TRICKY_TITLES).map(([key, title], index) => {
    const start = new Date(Date.parse('2026-12-01T02:00:00Z') + index * 86_400_000);
    return catalogEvent({
      id: `tricky-${key}`,
      slug: `tricky-${key.toLowerCase()}`,
      groupId: index % 2 === 0 ? 'alpha' : 'beta',
      title,
      start: start.toISOString().replace('.000', ''),
      end: new Date(start.getTime() + 7_200_000).toISOString().replace('.000', ''),
      url: `https://www.meetup.com/alpha/events/${index}/`,
      // The same text as a plain-text description, and in the venue's name and address.
      descriptionHtml: plainTextToHtml(descriptionText(title)),
      venue: { name: `Venue, ${key}; "${index}"`, address: `${title.replace(/[\r\n]+/g, ' ')}, Spokane\\WA`, lat: null, lon: null },
    });
  });
}

/** A description made of the title's lines, as paragraphs: what plain-text descriptions look like. */
function descriptionText(title: string): string {
  return `About: ${title.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')}\n\nSecond paragraph, with; punctuation \\ and a link https://rsvp.example/x`;
}

let dir: string;
let view: SiteView;
let events: ListedEvent[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-feeds-'));
  events = trickyEvents();
  view = buildView({ events, groups, sources: [] }, { title: 'Spokane, Tech; "Feeds"\\', url: SITE, timezone: 'America/Los_Angeles' }, NOW);
  writeFeedsAndData(dir, view, NOW);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---- A strict reader, for the text ----

interface StrictEvent {
  [property: string]: string;
}

/** Lines, each checked to end in CRLF and be at most 75 octets; then unfolded. */
function contentLines(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line, 'a bare CR or LF inside a line').not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line), line.slice(0, 40)).toBeLessThanOrEqual(75);
  }
  return text.slice(0, -2).replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** RFC 5545 §3.3.11 unescaping: `\\`, `\;`, `\,`, `\n` and `\N`, nothing else. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function strictEvents(text: string): StrictEvent[] {
  const events: StrictEvent[] = [];
  let current: StrictEvent | null = null;
  for (const line of contentLines(text)) {
    const match = /^([A-Z0-9-]+)((?:;[A-Z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/.exec(line);
    expect(match, `not a content line: ${line.slice(0, 60)}`).not.toBeNull();
    const [, name, , value] = match!;
    if (name === 'BEGIN' && value === 'VEVENT') current = {};
    else if (name === 'END' && value === 'VEVENT') {
      events.push(current!);
      current = null;
    } else if (current) current[name!] = value!;
  }
  return events;
}

/** The events ical.js reads: UID and title. */
function icalJsEvents(text: string): { uid: string; summary: string }[] {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((event) => ({
    uid: String(event.getFirstPropertyValue('uid')),
    summary: String(event.getFirstPropertyValue('summary')),
  }));
}

const readFeed = (path: string) => readFileSync(join(dir, ...path.split('/').filter(Boolean)), 'utf8');

/** Every calendar file the build wrote, with the events each must hold. */
function feeds(): { path: string; expected: ListedEvent[] }[] {
  const listedBy = (groupId: string) => events.filter((e) => e.groupId === groupId);
  return [
    { path: '/calendar.ics', expected: events },
    { path: '/groups/alpha/calendar.ics', expected: listedBy('alpha') },
    { path: '/groups/beta/calendar.ics', expected: listedBy('beta') },
    { path: '/tags/python/calendar.ics', expected: events },
    { path: '/tags/rust/calendar.ics', expected: listedBy('beta') },
    ...view.events.map((e) => ({ path: `${e.links.path}event.ics`, expected: [events.find((x) => x.id === e.id)!] })),
  ];
}

describe('calendar feeds given titles, descriptions and places that mean something to iCalendar', () => {
  it('write every feed: site-wide, per group, per tag and per event', () => {
    expect(feeds().length).toBe(5 + Object.keys(TRICKY_TITLES).length);
    for (const { path } of feeds()) expect(() => readFeed(path), path).not.toThrow();
  });

  it('hold exactly the expected events in every feed, as ical.js reads them: no injected event, none lost', () => {
    for (const { path, expected } of feeds()) {
      const read = icalJsEvents(readFeed(path));
      expect(read.length, path).toBe(expected.length);
      expect(read.map((e) => e.uid).sort(), path).toEqual(expected.map((e) => `${e.id}@spokane-tech`).sort());
      expect(read.some((e) => String(e.uid).includes('injected')), path).toBe(false);
    }
  });

  it('give back every title exactly, line breaks as LF', () => {
    for (const { path, expected } of feeds()) {
      const byUid = new Map(strictEvents(readFeed(path)).map((e) => [e.UID, e]));
      for (const event of expected) {
        expect(unescapeText(byUid.get(`${event.id}@spokane-tech`)!.SUMMARY!), `${path} ${event.id}`).toBe(expectedTitle(event.title));
      }
    }
  });

  it('give back every place exactly: the venue name, then its address', () => {
    for (const { path, expected } of feeds()) {
      const byUid = new Map(strictEvents(readFeed(path)).map((e) => [e.UID, e]));
      for (const event of expected) {
        expect(unescapeText(byUid.get(`${event.id}@spokane-tech`)!.LOCATION!), path).toBe(`${event.venue!.name}, ${event.venue!.address}`);
      }
    }
  });

  it('give back every description exactly, followed by the link to its page', () => {
    for (const { path, expected } of feeds()) {
      const byUid = new Map(strictEvents(readFeed(path)).map((e) => [e.UID, e]));
      for (const event of expected) {
        const page = `${SITE}/events/${event.slug}/`;
        const description = unescapeText(byUid.get(`${event.id}@spokane-tech`)!.DESCRIPTION!);
        expect(description, path).toBe(`${descriptionText(event.title)}\n\nDetails: ${page}`);
      }
    }
  });

  it('agree with ical.js on every title, a literal backslash-n included', () => {
    const read = icalJsEvents(readFeed('/calendar.ics'));
    for (const event of events) {
      const found = read.find((e) => e.uid === `${event.id}@spokane-tech`)!;
      expect(found.summary).toBe(expectedTitle(event.title));
    }
  });

  it('escape the feed’s own name and the group names in the header', () => {
    const header = (path: string) => {
      const lines = contentLines(readFeed(path));
      return lines.slice(0, lines.indexOf('BEGIN:VEVENT'));
    };
    const name = (path: string) => unescapeText(header(path).find((l) => l.startsWith('X-WR-CALNAME:'))!.slice('X-WR-CALNAME:'.length));
    expect(name('/calendar.ics')).toBe('Spokane, Tech; "Feeds"\\');
    expect(name('/groups/alpha/calendar.ics')).toBe('Alpha, Inc.; "the first"\\group (Spokane, Tech; "Feeds"\\)');
    expect(name('/groups/beta/calendar.ics')).toBe('Beta\nGroup (Spokane, Tech; "Feeds"\\)');
  });

  it('read back through our own iCalendar reader to the same titles, as it reads any title (one line, at most 1,000 characters)', () => {
    const parsed = parseICalendar(new TextEncoder().encode(readFeed('/calendar.ics')), { now: NOW, defaultTimezone: 'America/Los_Angeles' });
    expect(parsed.events).toHaveLength(events.length);
    expect(parsed.warnings).toEqual([]);
    const titles = parsed.events.map((e) => e.title).sort();
    expect(titles).toEqual(events.map((e) => plainText(e.title)).sort());
  });

  it('drop the control characters iCalendar text cannot hold, and nothing else', () => {
    const withControls = catalogEvent({ id: 'controls', slug: 'controls', groupId: 'alpha', title: 'Bell\u0007 null\u0000 escape\u001b end', start: '2026-12-20T02:00:00Z', end: '2026-12-20T04:00:00Z' });
    const controlView = buildView({ events: [withControls], groups, sources: [] }, { title: 'T', url: SITE, timezone: 'America/Los_Angeles' }, NOW);
    const controlDir = mkdtempSync(join(tmpdir(), 'spokane-tech-feeds-'));
    try {
      writeFeedsAndData(controlDir, controlView, NOW);
      const text = readFileSync(join(controlDir, 'calendar.ics'), 'utf8');
      expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
      expect(unescapeText(strictEvents(text)[0]!.SUMMARY!)).toBe('Bell null escape end');
    } finally {
      rmSync(controlDir, { recursive: true, force: true });
    }
  });
});

describe('an iCalendar feed read by the adapter', () => {
  const feed = (summary: string, location: string, description: string) =>
    new TextEncoder().encode(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'BEGIN:VEVENT',
        'UID:tricky@example',
        'DTSTART:20261201T020000Z',
        'DTEND:20261201T040000Z',
        `SUMMARY:${summary}`,
        `LOCATION:${location}`,
        `DESCRIPTION:${description}`,
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );

  it('unescapes commas, semicolons, backslashes and a literal backslash-n exactly, and keeps one event', () => {
    const parsed = parseICalendar(feed('Pizza\\, beer\\; C:\\\\new\\\\folder \\\\n', 'Hall A\\, Room 1\\; back\\\\door', 'One\\nTwo'), {
      now: NOW,
      defaultTimezone: 'America/Los_Angeles',
    });
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]!.title).toBe('Pizza, beer; C:\\new\\folder \\n');
    expect(parsed.events[0]!.venue?.address).toBe('Hall A, Room 1; back\\door');
    expect(parsed.events[0]!.descriptionHtml).toBe('<p>One<br />Two</p>');
  });
});
