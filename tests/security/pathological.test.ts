import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownToHtml, MAX_DESCRIPTION_CHARS, MAX_LINE_CHARS, plainTextToHtml, sanitizeDescription } from '../../src/text/sanitize.ts';
import { parseICalendar } from '../../src/sources/ical/index.ts';
import { ruleProblem } from '../../src/sources/ical/rules.ts';
import { parseJsonLdEvents } from '../../src/sources/jsonld/index.ts';
import { MAX_EVENTS_PER_SOURCE, MAX_INSTANCES_PER_SERIES, MAX_WARNINGS_PER_SOURCE } from '../../src/sources/limits.ts';
import { readMeetupFeed } from '../../src/sources/meetup/feed.ts';
import { runCli } from '../helpers/cli.ts';
import { serve, startServer } from '../helpers/server.ts';

// Feeds and pages no sane source writes, each of which must cost bounded time and memory and end
// either ingested within the limits (src/sources/limits.ts) or refused with a reason, the rest of
// the run untouched. The gzip bomb (small on the wire, a gigabyte inflated) is refused by the HTTP
// client's body cap, which counts decompressed bytes: see tests/http/limits.test.ts, "refuses a
// gzip bomb as too large without inflating it into memory".

const NOW = new Date('2026-11-26T20:00:00Z');
const MB = 1024 * 1024;
/** Generous for a slow CI machine; each of these takes well under a tenth of it here. */
const TIME_BOUND_MS = 30_000;
const HEAP_BOUND = 600 * MB;

const encode = (text: string) => new TextEncoder().encode(text);
const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const day = (days: number, hour = 2) => {
  const date = new Date(NOW.getTime() + days * 86_400_000);
  date.setUTCHours(hour, 0, 0, 0);
  return date;
};

function calendar(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
}

function vevent(uid: string, start: Date, summary: string, ...extra: string[]): string[] {
  return ['BEGIN:VEVENT', `UID:${uid}`, `DTSTART:${stamp(start)}`, `SUMMARY:${summary}`, ...extra, 'END:VEVENT'];
}

/** 100,000 events, one an hour from two years ago onward: about 8 MB, under the body cap. */
function hugeFeed(now = NOW): string {
  const events: string[] = [];
  const first = now.getTime() - 2 * 365 * 86_400_000;
  for (let i = 0; i < 100_000; i += 1) events.push(vevent(`e${i}`, new Date(first + i * 3_600_000), `E${i}`).join('\r\n'));
  return calendar(events.join('\r\n'));
}

/** Runs `work`, returning its result, how long it took and how much the heap grew meanwhile (sampled). */
function measured<T>(work: () => T): { result: T; ms: number; heapGrowth: number } {
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started, heapGrowth: process.memoryUsage().heapUsed - before };
}

const readFeed = (text: string) => parseICalendar(encode(text), { now: NOW, defaultTimezone: 'America/Los_Angeles' });
const readPage = (html: string) => parseJsonLdEvents(html, { pageUrl: 'https://venue.example/events', timezone: 'America/Los_Angeles' });

describe('an iCalendar feed with 100,000 events', () => {
  it(`keeps the ${MAX_EVENTS_PER_SOURCE} nearest to today, says so, in bounded time and memory`, () => {
    const text = hugeFeed();
    expect(text.length).toBeLessThan(10 * MB);
    const { result, ms, heapGrowth } = measured(() => readFeed(text));
    expect(result.events).toHaveLength(MAX_EVENTS_PER_SOURCE);
    expect(result.warnings).toContain(
      `the feed lists more events than the ${MAX_EVENTS_PER_SOURCE} a source may hold (100000 events and series); kept the ${MAX_EVENTS_PER_SOURCE} nearest to today and left out the rest`,
    );
    // Nearest to today: the upcoming weeks are there, the events of two years ago are not.
    const starts = result.events.map((e) => Date.parse(e.start));
    expect(Math.min(...starts)).toBeGreaterThan(NOW.getTime() - 200 * 86_400_000);
    expect(result.events.some((e) => Date.parse(e.start) > NOW.getTime())).toBe(true);
    expect(ms).toBeLessThan(TIME_BOUND_MS);
    expect(heapGrowth).toBeLessThan(HEAP_BOUND);
  }, 60_000);

  it('reads a feed just at the limit whole, with no warning and in feed order', () => {
    const lines = Array.from({ length: MAX_EVENTS_PER_SOURCE }, (_, i) => vevent(`e${i}`, day(1 + (i % 100)), `E${i}`)).flat();
    const result = readFeed(calendar(...lines));
    expect(result.events).toHaveLength(MAX_EVENTS_PER_SOURCE);
    expect(result.warnings).toEqual([]);
    expect(result.events.slice(0, 3).map((e) => e.title)).toEqual(['E0', 'E1', 'E2']);
  }, 60_000);
});

describe('recurrence rules', () => {
  it('expands a rule with no end only within the window read, at least 180 days ahead', () => {
    const { result, ms } = measured(() => readFeed(calendar(...vevent('daily', new Date('2015-01-05T02:00:00Z'), 'Daily standup', 'RRULE:FREQ=DAILY'))));
    expect(result.warnings).toEqual([]);
    const starts = result.events.map((e) => Date.parse(e.start));
    expect(Math.max(...starts)).toBeGreaterThan(NOW.getTime() + 180 * 86_400_000);
    expect(Math.min(...starts)).toBeGreaterThan(NOW.getTime() - 91 * 86_400_000);
    expect(result.events.length).toBeLessThan(300);
    expect(ms).toBeLessThan(TIME_BOUND_MS);
  });

  it('refuses FREQ=SECONDLY with a reason and keeps the feed’s other events', () => {
    const { result, ms } = measured(() =>
      readFeed(calendar(...vevent('every-second', day(-1), 'Tick', 'RRULE:FREQ=SECONDLY'), ...vevent('normal', day(3), 'Normal Meetup'))),
    );
    expect(result.events.map((e) => e.title)).toEqual(['Normal Meetup']);
    expect(result.warnings).toEqual(['VEVENT "Tick" (UID every-second) repeats every second, which no event does (RRULE FREQ=SECONDLY); skipped it']);
    expect(ms).toBeLessThan(5_000);
  });

  it(`caps an hourly rule at ${MAX_INSTANCES_PER_SERIES} instances, those nearest to today, with a warning`, () => {
    const { result } = measured(() => readFeed(calendar(...vevent('hourly', day(-100), 'Office hours', 'RRULE:FREQ=HOURLY'))));
    expect(result.events).toHaveLength(MAX_INSTANCES_PER_SERIES);
    expect(result.warnings[0]).toMatch(/^VEVENT "Office hours" \(UID hourly\) repeats \d+ times in the 290 days read \(RRULE FREQ=HOURLY\); kept the 1000 nearest to today$/);
    const starts = result.events.map((e) => Date.parse(e.start));
    expect(Math.min(...starts)).toBeLessThanOrEqual(NOW.getTime());
    expect(Math.max(...starts)).toBeGreaterThan(NOW.getTime());
  });

  it('gives up quickly on rules that can never match, each costing its series only', () => {
    const impossible = ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=1MO', 'FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO;BYMONTH=1'];
    const lines = impossible.flatMap((rule, i) => vevent(`never-${i}`, new Date('1945-08-10T08:07:55Z'), `Never ${i}`, `RRULE:${rule}`));
    const { result, ms } = measured(() => readFeed(calendar(...lines, ...vevent('normal', day(3), 'Normal Meetup'))));
    expect(result.events.map((e) => e.title)).toEqual(['Normal Meetup']);
    expect(result.warnings).toHaveLength(impossible.length);
    // Expanded dates the rule itself excludes (ical.js rolls February 30 over into March) are left out.
    for (const warning of result.warnings) expect(warning).toMatch(/could not be expanded .*; skipped it$|date\(s\) it excludes .*; left them out$/);
    expect(ms).toBeLessThan(10_000);
  });

  it('lists an event whose rule breaks RFC 5545 once, at its DTSTART, without expanding the rule (such rules are the slow ones)', () => {
    expect(ruleProblem('FREQ=YEARLY;BYMONTHDAY=31;BYDAY=MO;BYSETPOS=400')).toBe('has an RRULE whose BYSETPOS is not valid');
    expect(ruleProblem('FREQ=HOURLY;BYDAY=1MO')).toBe('has an RRULE whose BYDAY is not valid');
    expect(ruleProblem('FREQ=MONTHLY;BYMONTHDAY=0')).toBe('has an RRULE whose BYMONTHDAY is not valid');
    expect(ruleProblem('FREQ=DAILY;COUNT=0')).toBe('has an RRULE whose COUNT is not valid');
    expect(ruleProblem('FREQ=MINUTELY')).toBe('repeats every minute, which no event does');
    expect(ruleProblem('FREQ=FORTNIGHTLY')).toBe('has no valid FREQ');
    for (const fine of ['FREQ=WEEKLY;BYDAY=TU', 'FREQ=MONTHLY;BYDAY=2TH', 'FREQ=MONTHLY;BYDAY=-1FR', 'FREQ=YEARLY;BYMONTH=11;BYDAY=4TH', 'FREQ=WEEKLY;INTERVAL=2;UNTIL=20271231T000000Z;WKST=SU', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1']) {
      expect(ruleProblem(fine), fine).toBeNull();
    }
    const slow = 'FREQ=HOURLY;BYDAY=1MO;BYMONTHDAY=0;BYSETPOS=-1';
    const { result, ms } = measured(() => readFeed(calendar(...vevent('slow', new Date('1945-08-10T08:07:55Z'), 'Slow', `RRULE:${slow}`))));
    expect(result.events.map((e) => e.start)).toEqual(['1945-08-10T08:07:55Z']);
    expect(ms).toBeLessThan(2_000);
  });

  it('reads an event with 100,000 RDATEs and as many EXDATEs quickly, keeping the first 1,000 of each, and says so', () => {
    const hours = Array.from({ length: 100_000 }, (_, i) => stamp(new Date(day(-50).getTime() + i * 3_600_000)));
    const everyOther = hours.filter((_, i) => i % 2 === 0).join(',');
    const lines = [`RDATE:${hours.join(',')}`, `EXDATE:${everyOther},${everyOther}`, `RDATE:${hours.join(',')}`];
    const { result, ms } = measured(() => readFeed(calendar(...vevent('listed', day(-60), 'Listed', ...lines))));
    expect(result.warnings).toEqual([
      'VEVENT "Listed" (UID listed) lists more than 1000 dates in its RDATEs; read the first 1000',
      'VEVENT "Listed" (UID listed) lists more than 1000 dates in its EXDATEs; read the first 1000',
    ]);
    // DTSTART and the first 1,000 RDATEs, less the 500 the first 1,000 EXDATEs remove.
    expect(result.events).toHaveLength(501);
    expect(ms).toBeLessThan(5_000);
  });

  it('reads the first 10 of an event’s 5,000 RRULE lines, quickly', () => {
    const rules = Array.from({ length: 5_000 }, (_, i) => `RRULE:FREQ=DAILY;INTERVAL=${i + 1}`);
    const { result, ms } = measured(() => readFeed(calendar(...vevent('rules', day(-10), 'Many rules', ...rules))));
    expect(result.warnings).toEqual(['VEVENT "Many rules" (UID rules) has 5000 RRULE lines; read the first 10']);
    expect(result.events.length).toBeGreaterThan(200);
    expect(ms).toBeLessThan(5_000);
  });

  it('reads a daily series moved by a thousand RANGE=THISANDFUTURE overrides in bounded time', () => {
    const overrides = Array.from({ length: 1_000 }, (_, i) => [
      'BEGIN:VEVENT',
      'UID:moved',
      `RECURRENCE-ID;RANGE=THISANDFUTURE:${stamp(day(i))}`,
      `DTSTART:${stamp(new Date(day(i).getTime() + 3_600_000))}`,
      'END:VEVENT',
    ]).flat();
    const { result, ms } = measured(() => readFeed(calendar(...vevent('moved', day(0), 'Moved', 'RRULE:FREQ=DAILY'), ...overrides)));
    expect(result.events.length).toBeGreaterThan(100);
    expect(ms).toBeLessThan(10_000);
  });

  it('reads a start node-ical cannot (a quoted TZID holding a colon) as a broken event, not a broken feed', () => {
    const result = readFeed(calendar(...vevent('quoted', day(2), 'Quoted zone').map((l) => (l.startsWith('DTSTART') ? `DTSTART;TZID="a:b":${stamp(day(2))}` : l)), ...vevent('normal', day(3), 'Normal Meetup')));
    expect(result.events.map((e) => e.title)).toContain('Normal Meetup');
  });

  it('reads a RECURRENCE-ID of garbage as an event without an instance date, not a broken feed', () => {
    const result = readFeed(calendar(...vevent('garbage-id', day(2), 'Odd override', 'RECURRENCE-ID:not a date'), ...vevent('normal', day(3), 'Normal Meetup')));
    expect(result.events.map((e) => e.title).sort()).toEqual(['Normal Meetup', 'Odd override']);
  });
});

describe('JSON-LD', () => {
  it('reads an event nested 10,000 levels deep without overflowing the stack', () => {
    const event = '{"@type":"Event","name":"Deep","startDate":"2026-12-01T18:00:00-08:00"}';
    const html = `<script type="application/ld+json">${'{"a":'.repeat(10_000)}${event}${'}'.repeat(10_000)}</script>`;
    const { result, ms } = measured(() => readPage(html));
    expect(result.events.map((e) => e.title)).toEqual(['Deep']);
    expect(ms).toBeLessThan(5_000);
  });

  it('reads arrays nested 100,000 levels deep as no events, not a crash', () => {
    const { result } = measured(() => readPage(`<script type="application/ld+json">${'['.repeat(100_000)}${']'.repeat(100_000)}</script>`));
    expect(result.events).toEqual([]);
  });

  it('reads a page with 5,000 JSON-LD blocks, one event each, in bounded time and memory', () => {
    const blocks = Array.from(
      { length: 5_000 },
      (_, i) => `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Event","name":"Event ${i}","startDate":"${day(1 + (i % 90)).toISOString()}","url":"https://venue.example/e/${i}"}</script>`,
    );
    const { result, ms, heapGrowth } = measured(() => readPage(`<!doctype html><html><head>${blocks.join('\n')}</head><body></body></html>`));
    expect(result.events).toHaveLength(5_000);
    expect(result.warnings).toEqual([]);
    expect(ms).toBeLessThan(TIME_BOUND_MS);
    expect(heapGrowth).toBeLessThan(HEAP_BOUND);
  });

  it('reads a page of 5,000 events, each repeating daily since 1999, in bounded time', () => {
    const events = Array.from({ length: 5_000 }, (_, i) => ({
      '@type': 'Event',
      name: `E${i}`,
      url: `https://venue.example/e/${i}`,
      eventSchedule: { '@type': 'Schedule', repeatFrequency: 'P1D', startDate: '1999-01-01', startTime: '10:00' },
    }));
    const { result, ms } = measured(() => readPage(`<script type="application/ld+json">${JSON.stringify(events)}</script>`));
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(TIME_BOUND_MS);
  }, 60_000);

  it(`keeps the first ${MAX_EVENTS_PER_SOURCE} of a page listing more, and says so`, () => {
    const events = Array.from({ length: 6_000 }, (_, i) => ({ '@type': 'Event', name: `E${i}`, startDate: day(1).toISOString(), url: `https://venue.example/e/${i}` }));
    const result = readPage(`<script type="application/ld+json">${JSON.stringify(events)}</script>`);
    expect(result.events).toHaveLength(MAX_EVENTS_PER_SOURCE);
    expect(result.warnings).toEqual([`the page lists 6000 events, more than the ${MAX_EVENTS_PER_SOURCE} a source may hold; read the first ${MAX_EVENTS_PER_SOURCE}`]);
  });

  it('reads a 5 MB page of markup on one line without building a tree of it', () => {
    const html = `<html><body>${'<p>a</p>'.repeat(700_000)}<script type="application/ld+json">{"@type":"Event","name":"Found","startDate":"2026-12-01"}</script></body></html>`;
    expect(html.length).toBeGreaterThan(5 * MB);
    const { result, ms, heapGrowth } = measured(() => readPage(html));
    expect(result.events.map((e) => e.title)).toEqual(['Found']);
    expect(ms).toBeLessThan(5_000);
    expect(heapGrowth).toBeLessThan(150 * MB);
  });
});

describe('5 MB on a single line', () => {
  it(`cuts a 5 MB title to ${MAX_LINE_CHARS} characters`, () => {
    const { result, ms } = measured(() => readFeed(calendar(...vevent('long', day(2), 'x'.repeat(5 * MB)))));
    expect(result.events).toHaveLength(1);
    expect(result.events[0]!.title).toHaveLength(MAX_LINE_CHARS);
    expect(result.events[0]!.title.endsWith('…')).toBe(true);
    expect(ms).toBeLessThan(5_000);
  });

  it(`cuts a 5 MB description to ${MAX_DESCRIPTION_CHARS.toLocaleString('en')} characters before reading it`, () => {
    const { result, ms } = measured(() => readFeed(calendar(...vevent('long', day(2), 'Long', `DESCRIPTION:${'word '.repeat(MB)}`))));
    expect(result.events[0]!.descriptionHtml.length).toBeLessThan(MAX_DESCRIPTION_CHARS + 100);
    expect(ms).toBeLessThan(5_000);
  });

  it('reads a 5 MB feed that is one line of garbage as no events, with one short warning', () => {
    const { result } = measured(() => readFeed('x'.repeat(5 * MB)));
    expect(result.events).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.length).toBeLessThan(200);
  });

  it('reads a JSON-LD event whose description is 5 MB', () => {
    const html = `<script type="application/ld+json">{"@type":"Event","name":"Big","startDate":"2026-12-01","description":"${'y'.repeat(5 * MB)}"}</script>`;
    const { result, ms } = measured(() => readPage(html));
    expect(result.events[0]!.descriptionHtml.length).toBeLessThan(MAX_DESCRIPTION_CHARS + 100);
    expect(ms).toBeLessThan(5_000);
  });
});

describe('hostile descriptions', () => {
  it('sanitizes 150,000 links, 100,000 nested tags and 5 MB of markup each in bounded time', () => {
    for (const html of ['<a href="https://x.example/">a</a>'.repeat(150_000), '<b>'.repeat(100_000), '<p>a</p>'.repeat(650_000)]) {
      const { result, ms } = measured(() => sanitizeDescription(html));
      expect(result.length).toBeLessThan(MAX_DESCRIPTION_CHARS * 3);
      expect(ms).toBeLessThan(5_000);
    }
  });

  it('shows Markdown nested 50,000 quotes deep as text instead of failing its source', () => {
    const { result, ms } = measured(() => markdownToHtml(`${'>'.repeat(50_000)} deep`));
    expect(result).toMatch(/^<p>(&gt;){50000} deep<\/p>$/);
    expect(ms).toBeLessThan(10_000);
  });

  it('keeps a Meetup feed whose description would overflow the Markdown renderer', () => {
    const feed = calendar('X-WR-CALNAME:Group', ...vevent('event_1@meetup.com', day(2), 'Deep quote', `DESCRIPTION:${'>'.repeat(50_000)} hi`), ...vevent('event_2@meetup.com', day(3), 'Fine'));
    const result = readMeetupFeed(encode(feed), { now: NOW, defaultTimezone: 'America/Los_Angeles' });
    expect(result.events.map((e) => e.title)).toEqual(['Deep quote', 'Fine']);
  });

  it('turns 5 MB of plain text into bounded HTML quickly', () => {
    const { result, ms } = measured(() => plainTextToHtml('word https://x.example/a '.repeat(200_000)));
    // Cut to 100,000 characters of text; escaping and links then grow it by a bounded factor.
    expect(result.length).toBeLessThan(MAX_DESCRIPTION_CHARS * 5);
    expect(ms).toBeLessThan(5_000);
  });
});

describe('a feed of broken events', () => {
  it(`gives at most ${MAX_WARNINGS_PER_SOURCE} warnings, the last saying how many more there were`, () => {
    const broken = Array.from({ length: 10_000 }, (_, i) => ['BEGIN:VEVENT', `UID:b${i}`, 'SUMMARY:No start', 'END:VEVENT']).flat();
    const result = readFeed(calendar(...broken));
    expect(result.warnings).toHaveLength(MAX_WARNINGS_PER_SOURCE);
    expect(result.warnings.at(-1)).toBe(`… and ${10_000 - MAX_WARNINGS_PER_SOURCE + 1} more warnings like these`);
  });
});

// ---- All of them in one run, beside a source that is fine ----

describe('a fetch run with every pathological source and a normal one', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let dir: string;
  let results: { groupId: string; outcome: string; found: number; durationMs: number; warnings: string[]; message: string | null }[];
  let code: number;
  let stderr: string;

  const sources: [string, string, string, string][] = [
    ['huge', 'ical', '/huge.ics', 'text/calendar'],
    ['every-second', 'ical', '/secondly.ics', 'text/calendar'],
    ['one-line', 'ical', '/one-line.ics', 'text/calendar'],
    ['deep', 'jsonld', '/deep.html', 'text/html'],
    ['blocks', 'jsonld', '/blocks.html', 'text/html'],
    ['normal', 'ical', '/normal.ics', 'text/calendar'],
  ];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spokane-tech-pathological-'));
    server = await startServer();
    const now = new Date();
    const soon = (days: number) => new Date(now.getTime() + days * 86_400_000);
    const bodies: Record<string, string> = {
      '/huge.ics': hugeFeed(now),
      '/secondly.ics': calendar(...vevent('tick', soon(-1), 'Tick', 'RRULE:FREQ=SECONDLY'), ...vevent('ok', soon(4), 'Still here')),
      '/one-line.ics': calendar(...vevent('long', soon(2), 'x'.repeat(5 * MB))),
      '/deep.html': `<!doctype html><html><head><script type="application/ld+json">${'{"a":'.repeat(10_000)}{"@type":"Event","name":"Deep","startDate":"${soon(5).toISOString()}"}${'}'.repeat(10_000)}</script></head></html>`,
      '/blocks.html': `<!doctype html><html><head>${Array.from({ length: 5_000 }, (_, i) => `<script type="application/ld+json">{"@type":"Event","name":"B${i}","startDate":"${soon(1 + (i % 60)).toISOString()}","url":"${server.url(`/b/${i}`)}"}</script>`).join('')}</head></html>`,
      '/normal.ics': calendar(...vevent('n1', soon(2), 'Python Night'), ...vevent('n2', soon(9), 'Rust Night')),
    };
    for (const [, , path, type] of sources) server.route(path, serve(bodies[path]!, type));
    const config = join(dir, 'sources.yaml');
    writeFileSync(
      config,
      `site:\n  title: Spokane Tech\n  url: https://spokanetech.example\n  timezone: America/Los_Angeles\ngroups:\n${sources
        .map(([id, type, path]) => `  - id: ${id}\n    name: ${id}\n    sources:\n      - type: ${type}\n        url: ${server.url(path)}\n`)
        .join('')}`,
    );
    const run = await runCli(['fetch', '--json', '--config', config, '--db', join(dir, 'store.db'), '--data', join(dir, 'data')]);
    code = run.code;
    stderr = run.stderr;
    results = (JSON.parse(run.stdout) as { results: typeof results }).results;
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finishes with every source read, none failing', () => {
    expect(code, stderr).toBe(0);
    expect(results.map((r) => [r.groupId, r.outcome]).sort()).toEqual(sources.map(([id]) => [id, 'ok']).sort());
  });

  it('leaves the normal source untouched by the others', () => {
    const normal = results.find((r) => r.groupId === 'normal')!;
    expect(normal.found).toBe(2);
    expect(normal.warnings).toEqual([]);
  });

  it('ingests each pathological source within the limits, saying what it left out', () => {
    const by = (id: string) => results.find((r) => r.groupId === id)!;
    expect(by('huge').found).toBe(MAX_EVENTS_PER_SOURCE);
    expect(by('huge').warnings.join('\n')).toMatch(/more events than the 5000 a source may hold/);
    expect(by('every-second').found).toBe(1);
    expect(by('every-second').warnings.join('\n')).toMatch(/repeats every second/);
    expect(by('one-line').found).toBe(1);
    expect(by('deep').found).toBe(1);
    expect(by('blocks').found).toBe(5_000);
  });

  it('spends bounded time on each source', () => {
    for (const result of results) expect(result.durationMs, result.groupId).toBeLessThan(TIME_BOUND_MS);
  });
});
