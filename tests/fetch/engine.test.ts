import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { fetchAll } from '../../src/fetch/run.ts';
import { openStore, type Db } from '../../src/store/db.ts';
import { readSnapshot } from '../../src/store/snapshot.ts';
import type { Config, FetchSettings } from '../../src/config/schema.ts';
import { config as testConfig, groupConfig, siteConfig } from '../helpers/builders.ts';
import { HOUR, daysFrom, icsFeed } from '../helpers/feeds.ts';
import { hang, redirect, resetMidBody, respond, sequence, trickle, type Route } from '../helpers/server.ts';
import { BOUND_MS, useTestServer } from '../http/harness.ts';

// The fetch engine with the real HTTP client against misbehaving hosts on loopback: each fault is
// recorded with the right outcome, the other sources are untouched, nothing stored is lost, and
// the run ends within a bound.

const now = new Date();
const feed = (title: string, count = 2) =>
  icsFeed(
    title,
    Array.from({ length: count }, (_, i) => {
      const start = daysFrom(now, i + 1);
      return { uid: `${title}-${i}`, summary: `${title} ${i}`, start, end: new Date(start.getTime() + 2 * HOUR) };
    }),
  );
const calendar = (body: string, headers: Record<string, string> = {}): Route =>
  respond(200, body, { 'content-type': 'text/calendar', ...headers });

const setup = useTestServer(3);

function configFor(paths: string[], fetch: FetchSettings = {}): Config {
  return testConfig({
    site: siteConfig({ title: 'T', url: 'https://t.example' }),
    groups: paths.map((path, i) =>
      groupConfig({ id: `g${i}`, name: `Group ${i}`, sources: [{ type: 'ical', url: setup.server.url(path, i % setup.server.hosts.length) }] }),
    ),
    fetch: { deadlineSeconds: 3, ...fetch },
  });
}

const run = (db: Db, config: Config) =>
  fetchAll({ db, config, http: setup.client({ robots: false, timeouts: { headersMs: 500, bodyMs: 500, requestMs: 2000 } }) });
const listed = (db: Db, config: Config, groupId: string) =>
  readSnapshot(db, config).events.filter((e) => e.groupId === groupId && !e.removed).map((e) => e.title);

describe('fetching from misbehaving hosts', () => {
  const faults: [string, Route, { kind: string; message: RegExp }][] = [
    ['never answers', hang(), { kind: 'timeout', message: /within|deadline/ }],
    ['trickles its body forever', trickle(50), { kind: 'timeout', message: /./ }],
    ['resets the connection mid-body', resetMidBody(), { kind: 'network', message: /./ }],
    ['answers 500', respond(500, 'boom'), { kind: 'http', message: /HTTP 500/ }],
    ['answers 404', respond(404), { kind: 'http', message: /HTTP 404/ }],
    ['answers 410', respond(410), { kind: 'http', message: /HTTP 410/ }],
    ['redirects in a loop', redirect('/loop.ics'), { kind: 'http', message: /loop|redirect/i }],
    ['serves HTML where a feed is expected', respond(200, '<!doctype html><title>Sign in</title>', { 'content-type': 'text/html' }), { kind: 'unexpected_content', message: /not an iCalendar|HTML/i }],
    ['serves an empty 200', respond(200, ''), { kind: 'unexpected_content', message: /./ }],
    ['serves a 20 MB body', respond(200, Buffer.alloc(20 * 1024 * 1024, 'a')), { kind: 'too_large', message: /larger/ }],
  ];

  for (const [fault, route, expected] of faults) {
    it(`records a failure for a host that ${fault}, keeps its events, and leaves the others alone`, async () => {
      const db = openStore(':memory:');
      setup.server.route('/loop.ics', calendar(feed('Broken')), 0);
      setup.server.route('/ok.ics', calendar(feed('Healthy')), 1);
      const config = configFor(['/loop.ics', '/ok.ics']);
      await run(db, config);
      expect(listed(db, config, 'g0')).toHaveLength(2);

      setup.server.route('/loop.ics', route, 0);
      setup.server.route('/ok.ics', calendar(feed('Healthy', 3)), 1);
      const started = performance.now();
      const [broken, healthy] = await run(db, config);
      expect(performance.now() - started).toBeLessThan(BOUND_MS);

      expect(broken).toMatchObject({ outcome: 'failed', errorKind: expected.kind });
      expect(broken!.message).toMatch(expected.message);
      expect(listed(db, config, 'g0')).toEqual(['Broken 0', 'Broken 1']);
      expect(healthy).toMatchObject({ outcome: 'ok', found: 3, new: 1 });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  }

  it('retries a 503 with Retry-After: 1 and then stores the feed', async () => {
    const db = openStore(':memory:');
    setup.server.route('/busy.ics', sequence(respond(503, '', { 'retry-after': '1' }), calendar(feed('Busy'))), 0);
    const config = configFor(['/busy.ics']);
    const [report] = await run(db, config);
    expect(report).toMatchObject({ outcome: 'ok', found: 2, requests: 2 });
    expect(setup.server.hits('/busy.ics')).toHaveLength(2);
  });

  it('retries a 429 with an HTTP-date Retry-After and then stores the feed', async () => {
    const db = openStore(':memory:');
    const soon = new Date(Date.now() + 1000).toUTCString();
    setup.server.route('/limited.ics', sequence(respond(429, '', { 'retry-after': soon }), calendar(feed('Limited'))), 0);
    const [report] = await run(db, configFor(['/limited.ics']));
    expect(report).toMatchObject({ outcome: 'ok', found: 2 });
  });

  it('follows one redirect and reads gzip and br bodies', async () => {
    const db = openStore(':memory:');
    setup.server.route('/old.ics', redirect('/new.ics'), 0);
    setup.server.route('/new.ics', respond(200, gzipSync(feed('Moved')), { 'content-type': 'text/calendar', 'content-encoding': 'gzip' }), 0);
    const [report] = await run(db, configFor(['/old.ics']));
    expect(report).toMatchObject({ outcome: 'ok', found: 2 });
  });

  it('reads a feed with invalid UTF-8, replacing the bad bytes instead of failing', async () => {
    const db = openStore(':memory:');
    // 0xFF 0xFE never occur in UTF-8.
    const broken = Buffer.from(feed('Bytes').replace('Bytes 0', 'Bytes \xff\xfe 0'), 'latin1');
    setup.server.route('/bytes.ics', respond(200, broken, { 'content-type': 'text/calendar; charset=utf-8' }), 0);
    const config = configFor(['/bytes.ics']);
    const [report] = await run(db, config);
    expect(report).toMatchObject({ outcome: 'ok', found: 2 });
    expect(listed(db, config, 'g0')).toContain('Bytes \ufffd\ufffd 0');
  });

  it('stays away from a host whose robots.txt disallows us, keeping what it had', async () => {
    const db = openStore(':memory:');
    setup.server.route('/feed.ics', calendar(feed('Robots')), 0);
    const config = configFor(['/feed.ics']);
    await run(db, config);
    setup.server.route('/robots.txt', respond(200, 'User-agent: spokane-tech\nDisallow: /'), 0);
    const [report] = await fetchAll({ db, config, http: setup.client() });
    expect(report).toMatchObject({ outcome: 'failed', errorKind: 'robots' });
    expect(listed(db, config, 'g0')).toHaveLength(2);
  });
});

describe('not fetching twice what did not change', () => {
  it('asks with If-None-Match and skips parsing and writing on a 304', async () => {
    const db = openStore(':memory:');
    setup.server.route('/etag.ics', (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'text/calendar', etag: '"v1"' }).end(feed('Tagged'));
    }, 0);
    const config = configFor(['/etag.ics']);
    await run(db, config);
    db.exec(`CREATE TEMP TABLE event_writes (n INTEGER);
      CREATE TEMP TRIGGER count_inserts AFTER INSERT ON events BEGIN INSERT INTO event_writes VALUES (1); END;
      CREATE TEMP TRIGGER count_updates AFTER UPDATE ON events BEGIN INSERT INTO event_writes VALUES (1); END;`);
    const [report] = await run(db, config);
    expect(report).toMatchObject({ outcome: 'not_modified', found: 2, new: 0, changed: 0, missing: 0 });
    expect(setup.server.hits('/etag.ics').at(-1)!.headers['if-none-match']).toBe('"v1"');
    expect(db.prepare('SELECT count(*) AS n FROM event_writes').get()).toEqual({ n: 0 });
    expect(listed(db, config, 'g0')).toHaveLength(2);
  });

  it('skips a feed without validators whose content did not change but for its DTSTAMP', async () => {
    const db = openStore(':memory:');
    let served = 0;
    setup.server.route('/stamped.ics', (_request, response) => {
      served += 1;
      const body = feed('Stamped').replace(/DTSTAMP:\d+T\d+Z/g, `DTSTAMP:2026010${served}T000000Z`);
      response.writeHead(200, { 'content-type': 'text/calendar' }).end(body);
    }, 0);
    const config = configFor(['/stamped.ics']);
    await run(db, config);
    const [report] = await run(db, config);
    expect(report).toMatchObject({ outcome: 'not_modified' });
  });

  it('does not remember the validators of a feed it failed to read, so the next run reads it again', async () => {
    const db = openStore(':memory:');
    setup.server.route('/flaky.ics', respond(200, '<!doctype html><title>Just a moment…</title>', { 'content-type': 'text/html', etag: '"same"' }), 0);
    const config = configFor(['/flaky.ics']);
    await run(db, config);
    setup.server.route('/flaky.ics', (request, response) => {
      if (request.headers['if-none-match'] === '"same"') return void response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'text/calendar', etag: '"same"' }).end(feed('Flaky'));
    }, 0);
    const [report] = await run(db, config);
    expect(report).toMatchObject({ outcome: 'ok', found: 2 });
  });
});

describe('politeness across sources', () => {
  it('holds the per-host limits from sources.yaml while other hosts go on', async () => {
    const db = openStore(':memory:');
    const slow: Route = (_request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/calendar' }).end(feed('Slow')), 100);
    };
    setup.server.route('/a.ics', slow);
    setup.server.route('/b.ics', slow);
    setup.server.route('/c.ics', slow);
    const paths = ['/a.ics', '/b.ics', '/c.ics', '/a.ics', '/b.ics', '/c.ics'];
    const host0 = setup.server.hosts[0]!;
    const config = configFor(paths, { hosts: { default: { concurrency: 3, minIntervalMs: 0 }, [host0]: { concurrency: 1, minIntervalMs: 150 } } });
    const reports = await fetchAll({ db, config, http: setup.client({ robots: false, hosts: config.fetch.hosts }) });
    expect(reports.every((r) => r.outcome === 'ok')).toBe(true);
    expect(setup.server.peakConcurrency(0)).toBe(1);
    const starts = setup.server.hits(undefined, 0).map((h) => h.startedAt);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(150 - 40);
  });
});
