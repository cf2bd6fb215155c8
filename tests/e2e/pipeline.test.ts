import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { HOUR, daysFrom, icsFeed, jsonLdPage } from '../helpers/feeds.ts';
import { serve, startServer } from '../helpers/server.ts';
import { calendarEvents } from '../helpers/calendar.ts';

// The whole path through the real CLI: sources.yaml → fetch (loopback server) → SQLite →
// build → site files and calendar feeds, then a second fetch where one source answers 500.

const now = new Date();
const pythonNight = daysFrom(now, 3);
const rustNight = daysFrom(now, 5);
const cancelledTalk = daysFrom(now, 8);

let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
const paths = () => ({
  config: join(dir, 'sources.yaml'),
  db: join(dir, 'store', 'events.db'),
  data: join(dir, 'data'),
  out: join(dir, 'site'),
});
const args = (command: string, ...extra: string[]) => {
  const p = paths();
  const common = ['--config', p.config, '--db', p.db, '--data', p.data];
  return command === 'build' ? [command, ...common, '--out', p.out, ...extra] : [command, ...common, ...extra];
};

const pythonFeed = icsFeed('Spokane Python User Group', [
  {
    uid: 'event_301@meetup.com',
    summary: 'Python Night: Async & You',
    start: pythonNight,
    end: new Date(pythonNight.getTime() + 2 * HOUR),
    description: 'Talks, pizza & <script>alert("owned")</script> questions.',
    location: 'IntelliTect, 1720 W 4th Ave, Spokane, WA',
    url: 'https://www.meetup.com/python-spokane/events/301/',
  },
  {
    uid: 'event_302@meetup.com',
    summary: 'Cancelled: Packaging Deep Dive',
    start: cancelledTalk,
    end: new Date(cancelledTalk.getTime() + 2 * HOUR),
    status: 'CANCELLED',
    url: 'https://www.meetup.com/python-spokane/events/302/',
  },
]);

const rustPage = jsonLdPage('Spokane Rust', [
  {
    '@id': 'https://rust.example/events/ownership',
    name: 'Rust Ownership Workshop',
    startDate: rustNight.toISOString(),
    endDate: new Date(rustNight.getTime() + 3 * HOUR).toISOString(),
    eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
    location: { '@type': 'VirtualLocation', url: 'https://meet.example/rust' },
    url: 'https://rust.example/events/ownership',
  },
]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-e2e-'));
  server = await startServer({
    '/python/events/ical/': serve(pythonFeed, 'text/calendar; charset=utf-8'),
    '/rust/': serve(rustPage, 'text/html; charset=utf-8'),
  });
  writeFileSync(
    paths().config,
    `site:
  title: Spokane Tech Test
  url: https://events.example/spokane
  timezone: America/Los_Angeles
groups:
  - id: python-spokane
    name: Spokane Python User Group
    tags: [python]
    sources:
      - type: ical
        url: ${server.url('/python/events/ical/')}
  - id: spokane-rust
    name: Spokane Rust
    tags: [rust]
    sources:
      - type: jsonld
        url: ${server.url('/rust/')}
`,
  );
});

afterAll(async () => {
  await server?.close();
});

const readSite = (path: string) => readFileSync(join(paths().out, path), 'utf8');
const parseFeed = (path: string) =>
  calendarEvents(readSite(path));

describe('fetch then build through the CLI', () => {
  it('fetches every source and ends with a table of outcomes', async () => {
    const result = await runCli(args('fetch'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/python-spokane\s+ical\s+ok\s+2\s+2\s+0/);
    expect(result.stdout).toMatch(/spokane-rust\s+jsonld\s+ok\s+1\s+1\s+0/);
    expect(existsSync(paths().db)).toBe(true);
  });

  it('neither parses nor writes sources that did not change, and still shows what they list', async () => {
    const result = await runCli(args('fetch'));
    expect(result.code).toBe(0);
    // found: what the unchanged source lists, as last time; new, changed, missing: nothing.
    expect(result.stdout).toMatch(/python-spokane\s+ical\s+unchanged\s+2\s+0\s+0\s+0/);
    expect(result.stdout).toMatch(/spokane-rust\s+jsonld\s+unchanged\s+1\s+0\s+0\s+0/);
  });

  it('prints the run summary as JSON for scripts with --json', async () => {
    const result = await runCli(args('fetch', '--json', '--concurrency', '1'));
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { sources: number; ok: number; failed: number; results: { groupId: string; outcome: string }[] };
    expect(summary).toMatchObject({ sources: 2, ok: 2, failed: 0 });
    expect(summary.results.map((r) => [r.groupId, r.outcome])).toEqual([
      ['python-spokane', 'not_modified'],
      ['spokane-rust', 'not_modified'],
    ]);
  });

  it('builds the home page with upcoming events soonest first, in local time', async () => {
    const result = await runCli(args('build'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const home = readSite('index.html');
    const python = home.indexOf('Python Night: Async &amp; You');
    const rust = home.indexOf('Rust Ownership Workshop');
    expect(python).toBeGreaterThan(-1);
    expect(rust).toBeGreaterThan(python);
    expect(home).toContain('Cancelled');
    // 02:00 UTC is 6 or 7 PM the evening before in Spokane.
    expect(home).toMatch(/[67]:00 PM – [89]:00 PM P[SD]T/);
    expect(home).toContain('Online');
    // The site lives under /spokane/: links carry the prefix.
    expect(home).toContain('href="/spokane/groups/python-spokane/"');
  });

  it('writes one page per event, with the scraped description made harmless', () => {
    const pages = readdirSync(join(paths().out, 'events'));
    expect(pages).toHaveLength(3);
    const pythonPage = pages.find((slug) => slug.includes('python-night'))!;
    const html = readSite(`events/${pythonPage}/index.html`);
    expect(html).toContain('<h1>Python Night: Async &amp; You</h1>');
    expect(html).toContain('IntelliTect');
    expect(html).toContain('href="https://www.meetup.com/python-spokane/events/301/"');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert');
  });

  it('writes the groups list and a page per group with its upcoming events', () => {
    const groups = readSite('groups/index.html');
    expect(groups).toContain('Spokane Python User Group');
    expect(groups).toContain('Spokane Rust');
    const rust = readSite('groups/spokane-rust/index.html');
    expect(rust).toContain('Rust Ownership Workshop');
    expect(rust).not.toContain('Python Night');
  });

  it('writes a calendar feed a real iCalendar parser reads back, cancelled events marked', () => {
    const events = parseFeed('calendar.ics');
    expect(events.map((e) => e.summary).sort()).toEqual([
      'Cancelled: Packaging Deep Dive',
      'Python Night: Async & You',
      'Rust Ownership Workshop',
    ]);
    const python = events.find((e) => e.summary === 'Python Night: Async & You')!;
    expect(python.start.toISOString()).toBe(pythonNight.toISOString());
    expect(python.url).toBe('https://www.meetup.com/python-spokane/events/301/');
    expect(events.find((e) => String(e.summary).startsWith('Cancelled'))!.status).toBe('CANCELLED');
    const raw = readSite('calendar.ics');
    expect(raw.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('writes a feed per group holding only that group', () => {
    const events = parseFeed('groups/spokane-rust/calendar.ics');
    expect(events.map((e) => e.summary)).toEqual(['Rust Ownership Workshop']);
  });

  it('gives every event the same UID however the site is published, so subscribers never see one twice', async () => {
    const before = parseFeed('calendar.ics').map((e) => e.uid).sort();
    const moved = await runCli(args('build', '--site-url', 'https://someone.github.io/spokane-tech'));
    expect(moved.code).toBe(0);
    expect(parseFeed('calendar.ics').map((e) => e.uid).sort()).toEqual(before);
    expect(readSite('calendar.ics')).toContain('https://someone.github.io/spokane-tech/events/');
    expect((await runCli(args('build'))).code).toBe(0);
  });

  it('exports the store as JSON in the data folder', () => {
    const exported = JSON.parse(readFileSync(join(paths().data, 'events.json'), 'utf8')) as { title: string }[];
    expect(exported.map((e) => e.title)).toContain('Rust Ownership Workshop');
  });

  it('keeps every event of a source that answers 500, and says why it failed', async () => {
    const before = parseFeed('calendar.ics');
    server.route('/python/events/ical/', serve('upstream exploded', 'text/plain', 500));

    const fetched = await runCli(args('fetch'));
    expect(fetched.code).toBe(0);
    expect(fetched.stdout).toMatch(/python-spokane\s+ical\s+failed\s+0\s+0\s+0\s+0\s+.*HTTP 500/);
    expect(fetched.stdout).toMatch(/spokane-rust\s+jsonld\s+unchanged/);

    const built = await runCli(args('build'));
    expect(built.code).toBe(0);
    const after = parseFeed('calendar.ics');
    expect(after.map((e) => [e.uid, e.summary, e.start.toISOString()]).sort()).toEqual(
      before.map((e) => [e.uid, e.summary, e.start.toISOString()]).sort(),
    );
    const health = JSON.parse(readFileSync(join(paths().data, 'sources.json'), 'utf8')) as {
      groupId: string;
      lastError: string | null;
      consecutiveFailures: number;
    }[];
    const python = health.find((h) => h.groupId === 'python-spokane')!;
    expect(python.lastError).toContain('HTTP 500');
    expect(python.consecutiveFailures).toBe(1);
  });

  it('exits 1 when every source failed, and still keeps what it had', async () => {
    server.route('/rust/', serve('<html>maintenance</html>', 'text/html', 503));
    const result = await runCli(args('fetch'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('every source failed');

    await runCli(args('build'));
    expect(parseFeed('calendar.ics')).toHaveLength(3);
  });
});

describe('the CLI refuses bad input before touching anything', () => {
  it('exits 2 on an invalid config and creates no database', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'spokane-tech-bad-'));
    const config = join(scratch, 'sources.yaml');
    writeFileSync(config, 'site:\n  title: X\n  url: not-a-url\n  timezone: Mars/Olympus\ngroups: []\n');
    const db = join(scratch, 'events.db');
    const invocations = [
      ['check', '--config', config],
      ['fetch', '--config', config, '--db', db],
      ['build', '--config', config, '--db', db, '--data', join(scratch, 'data'), '--out', join(scratch, 'out')],
    ];
    for (const [command, ...rest] of invocations) {
      const result = await runCli([command!, ...rest]);
      expect(result.code, command).toBe(2);
      expect(result.stderr).toMatch(/sources\.yaml:3:\d+: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(db)).toBe(false);
    expect(existsSync(join(scratch, 'data'))).toBe(false);
    expect(existsSync(join(scratch, 'out'))).toBe(false);
  });

  it('exits 2 naming the path when the config file is missing', async () => {
    const missing = join(tmpdir(), 'no-such-dir-spokane', 'sources.yaml');
    const result = await runCli(['check', '--config', missing]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(missing);
  });

  it('exits 2 on an unknown command or flag', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['fetch', '--no-such-flag'])).code).toBe(2);
  });

  it('exits 2 on a concurrency that is not a positive whole number', async () => {
    const result = await runCli(args('fetch', '--concurrency', '0'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('at least 1');
  });

  it('exits 2 when --only names a group the config does not have', async () => {
    const result = await runCli(args('fetch', '--only', 'no-such-group'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such-group');
  });

  it('prints help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fetch');
    expect(result.stdout).toContain('build');
    expect(result.stdout).toContain('check');
  });
});

