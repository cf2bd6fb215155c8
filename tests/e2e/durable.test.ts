import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { HOUR, daysFrom, icsFeed, jsonLdPage, type FeedEvent } from '../helpers/feeds.ts';
import { serve, startServer } from '../helpers/server.ts';
import type { StoredEvent } from '../../src/types.ts';
import type { SourceHealth } from '../../src/store/health.ts';
import { calendarEvents } from '../helpers/calendar.ts';

// The committed export is the durable record: a run that finds no store (a fresh clone, an
// evicted Actions cache) rebuilds it from data/ and carries on as if nothing had been lost.

const now = new Date();
const talkNight = daysFrom(now, 4);
const hackNight = daysFrom(now, 6);
const lastWeek = daysFrom(now, -5);

const talk = (start: Date): FeedEvent => ({
  uid: 'talk@py.example',
  summary: 'Python Talk Night',
  start,
  end: new Date(start.getTime() + 2 * HOUR),
  location: 'IntelliTect, 1720 W 4th Ave, Spokane, WA',
  url: 'https://py.example/events/talk',
});
const hack: FeedEvent = {
  uid: 'hack@py.example',
  summary: 'Hack Night',
  start: hackNight,
  end: new Date(hackNight.getTime() + 3 * HOUR),
  url: 'https://py.example/events/hack',
};
const past: FeedEvent = {
  uid: 'past@py.example',
  summary: 'Last Week’s Lightning Talks',
  start: lastWeek,
  end: new Date(lastWeek.getTime() + 2 * HOUR),
  url: 'https://py.example/events/past',
};
const rustPage = jsonLdPage('Spokane Rust', [
  {
    '@id': 'https://rust.example/events/ownership',
    name: 'Rust Ownership Workshop',
    startDate: daysFrom(now, 9).toISOString(),
    endDate: new Date(daysFrom(now, 9).getTime() + 3 * HOUR).toISOString(),
    location: { '@type': 'Place', name: 'Spokane Public Library', address: '906 W Main Ave, Spokane, WA' },
    url: 'https://rust.example/events/ownership',
  },
]);

let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
const paths = () => ({
  config: join(dir, 'sources.yaml'),
  db: join(dir, 'store', 'spokane-tech.db'),
  data: join(dir, 'data'),
  out: join(dir, 'site'),
});
const fetchArgs = () => ['fetch', '--config', paths().config, '--db', paths().db, '--data', paths().data];
const buildArgs = () => ['build', '--config', paths().config, '--db', paths().db, '--data', paths().data, '--out', paths().out];
const pythonFeed = (...events: FeedEvent[]) => serve(icsFeed('Spokane Python User Group', events), 'text/calendar; charset=utf-8');

/** Every file of the built site, by path, with the instants the build printed as its own clock blanked. */
async function buildSite(): Promise<Map<string, string>> {
  const started = Date.now();
  const result = await runCli(buildArgs());
  const finished = Date.now();
  expect(result.code, result.stderr).toBe(0);
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(paths().out, path), withoutBuildTime(readFileSync(path), started, finished));
    }
  };
  walk(paths().out);
  return files;
}

/**
 * Build timestamps are the only thing two builds of the same data may differ in: ISO instants
 * and iCalendar DTSTAMPs (whole seconds) that fall within the build's own run, and the footer's
 * "Built …" time in words (two builds a second apart may fall either side of a minute).
 * Everything that came from the fetches happened before it and must match.
 */
function withoutBuildTime(content: Buffer, from: number, to: number): string {
  const duringBuild = (instant: number, precisionMs: number) => instant >= from - (from % precisionMs) && instant <= to;
  return content
    .toString('latin1')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) => (duringBuild(Date.parse(iso), 1) ? '<build time>' : iso))
    .replace(/(<time datetime="<build time>">)[^<]*/g, '$1<build time in words>')
    .replace(/^DTSTAMP:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/gm, (line, y, mo, d, h, mi, s) =>
      duringBuild(Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`), 1000) ? 'DTSTAMP:<build time>' : line,
    );
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(paths().data, file), 'utf8')) as T;
const feedEvents = () =>
  calendarEvents(readFileSync(join(paths().out, 'calendar.ics'), 'utf8'));
const removeStore = () => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${paths().db}${suffix}`, { force: true });
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-durable-'));
  server = await startServer({
    '/python.ics': pythonFeed(talk(talkNight), hack, past),
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
        url: ${server.url('/python.ics')}
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

describe('a lost store is rebuilt from the export in data/', () => {
  let before: Map<string, string>;
  let exportedBefore: StoredEvent[];

  it('builds a site with history worth keeping: a change, a missing event, a past one, a failing source', async () => {
    expect((await runCli(fetchArgs())).code).toBe(0);
    // The talk moves an hour later, hack night disappears, Rust's site goes down.
    server.route('/python.ics', pythonFeed(talk(new Date(talkNight.getTime() + HOUR)), past));
    server.route('/rust/', serve('upstream exploded', 'text/plain', 500));
    const second = await runCli(fetchArgs());
    expect(second.stdout).toMatch(/python-spokane\s+ical\s+ok\s+2\s+0\s+1\s+1/);
    expect(second.stdout).toMatch(/spokane-rust\s+jsonld\s+failed/);

    before = await buildSite();
    exportedBefore = readJson<StoredEvent[]>('events.json');
    expect(exportedBefore.find((e) => e.title === 'Python Talk Night')).toMatchObject({ sequence: 1, changes: [{ fields: ['time'] }] });
    expect(exportedBefore.find((e) => e.title === 'Hack Night')).toMatchObject({ missingCount: 1, removed: false });
    expect(existsSync(join(paths().data, 'runs.json'))).toBe(true);
  });

  it('builds the same pages and feeds from the export alone, byte for byte but the build time', async () => {
    removeStore();
    const after = await buildSite();
    expect(existsSync(paths().db)).toBe(true);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, content] of before) expect(after.get(path), path).toBe(content);
  });

  it('says where the events came from when it restored the store', async () => {
    removeStore();
    const result = await runCli(buildArgs());
    expect(result.stdout).toContain(`from the snapshot in ${paths().data}, restored into ${paths().db}`);
  });

  it('fetches on a restored store as if nothing was lost: nothing new, sequences go on, the miss count carries over', async () => {
    removeStore();
    server.route('/python.ics', pythonFeed(talk(new Date(talkNight.getTime() + 2 * HOUR)), past));
    const fetched = await runCli(fetchArgs());
    expect(fetched.code).toBe(0);
    expect(fetched.stderr).toContain(`restored ${paths().db} from the snapshot in ${paths().data}`);
    // found 2, new 0, changed 1 (the talk moved again), missing 1 (hack night, a second time)
    expect(fetched.stdout).toMatch(/python-spokane\s+ical\s+ok\s+2\s+0\s+1\s+1/);

    expect((await runCli(buildArgs())).code).toBe(0);
    const events = readJson<StoredEvent[]>('events.json');
    const talkEvent = events.find((e) => e.title === 'Python Talk Night')!;
    const talkBefore = exportedBefore.find((e) => e.title === 'Python Talk Night')!;
    expect(talkEvent).toMatchObject({ id: talkBefore.id, slug: talkBefore.slug, firstSeen: talkBefore.firstSeen, sequence: 2 });
    expect(talkEvent.changes).toHaveLength(2);
    // Missing from two successful fetches in a row, one of them before the store was lost.
    expect(events.find((e) => e.title === 'Hack Night')).toMatchObject({ missingCount: 2, removed: true });

    const feed = feedEvents();
    expect(feed.map((e) => e.summary).sort()).toEqual(['Last Week’s Lightning Talks', 'Python Talk Night', 'Rust Ownership Workshop']);
    expect(String(feed.find((e) => e.summary === 'Python Talk Night')!.sequence)).toBe('2');
  });

  it('keeps counting a failing source’s failures across the lost store', () => {
    const rust = readJson<SourceHealth[]>('sources.json').find((s) => s.groupId === 'spokane-rust')!;
    expect(rust.consecutiveFailures).toBe(2);
    expect(rust.lastError).toContain('HTTP 500');
    expect(rust.lastSuccess).not.toBeNull();
  });
});
