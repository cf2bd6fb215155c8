import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchAll, type SessionClient } from '../../src/fetch/run.ts';
import { openStore } from '../../src/store/db.ts';
import { readSnapshot } from '../../src/store/snapshot.ts';
import { SourceFailure } from '../../src/errors.ts';
import type { HttpClient, HttpResponse } from '../../src/http/client.ts';
import type { Config } from '../../src/config/schema.ts';
import { config as testConfig, groupConfig, siteConfig } from '../helpers/builders.ts';
import { HOUR, daysFrom, icsFeed } from '../helpers/feeds.ts';

const now = new Date();
const FEED_URL = 'https://py.example/feed.ics';

const config: Config = testConfig({
  site: siteConfig({ title: 'T', url: 'https://t.example' }),
  groups: [
    groupConfig({ id: 'py', name: 'Python', sources: [{ type: 'ical', url: FEED_URL }] }),
    groupConfig({ id: 'rust', name: 'Rust', sources: [{ type: 'ical', url: 'https://rust.example/feed.ics' }] }),
  ],
});

function feedWith(count: number): string {
  return icsFeed(
    'Python',
    Array.from({ length: count }, (_, i) => {
      const start = daysFrom(now, i + 1);
      return { uid: `e${i}`, summary: `Meetup ${i}`, start, end: new Date(start.getTime() + 2 * HOUR) };
    }),
  );
}

/** An HTTP client answering from a table of bodies (or failures) by URL. */
function fakeHttp(answers: Record<string, string | SourceFailure>): SessionClient {
  return sessionsOf({
    async get(url) {
      const answer = answers[url];
      if (answer === undefined) throw new SourceFailure('http', `HTTP 404 from ${url}`, 404);
      if (answer instanceof SourceFailure) throw answer;
      const body = Buffer.from(answer);
      return { url, status: 200, headers: new Headers(), body, text: () => answer } satisfies HttpResponse;
    },
  });
}

/** Sessions of a client that keeps no validators: every fetch is parsed. */
function sessionsOf(client: HttpClient): SessionClient {
  return {
    session: () => ({
      get: (url, options) => client.get(url, options),
      pendingValidators: () => [],
      stats: () => ({ requests: 0, retries: 0, bytesReceived: 0, wireBytes: 0 }),
    }),
  };
}

describe('fetching sources', () => {
  it('keeps a failing source from touching the others', async () => {
    const db = openStore(':memory:');
    const reports = await fetchAll({
      db,
      config,
      http: fakeHttp({ [FEED_URL]: feedWith(2), 'https://rust.example/feed.ics': new SourceFailure('timeout', 'no answer') }),
    });
    expect(reports.map((r) => [r.groupId, r.outcome, r.found])).toEqual([
      ['py', 'ok', 2],
      ['rust', 'failed', 0],
    ]);
    expect(reports[1]).toMatchObject({ errorKind: 'timeout', message: 'no answer' });
  });

  it('flags a source whose upcoming events fell by half since its last successful fetch', async () => {
    const db = openStore(':memory:');
    await fetchAll({ db, config, http: fakeHttp({ [FEED_URL]: feedWith(6) }) });
    const [python] = await fetchAll({ db, config, http: fakeHttp({ [FEED_URL]: feedWith(3) }) });
    expect(python!.countDrop).toBe('upcoming events fell from 6 to 3');
    const stored = db.prepare("SELECT count_drop FROM source_fetches WHERE count_drop IS NOT NULL").all();
    expect(stored).toEqual([{ count_drop: 'upcoming events fell from 6 to 3' }]);
  });

  it('does not flag a source that lost one event of three', async () => {
    const db = openStore(':memory:');
    await fetchAll({ db, config, http: fakeHttp({ [FEED_URL]: feedWith(3) }) });
    const [python] = await fetchAll({ db, config, http: fakeHttp({ [FEED_URL]: feedWith(2) }) });
    expect(python!.countDrop).toBeNull();
  });

  it('compares against the last successful fetch, not a failed one in between', async () => {
    const db = openStore(':memory:');
    await fetchAll({ db, config, http: fakeHttp({ [FEED_URL]: feedWith(4) }) });
    await fetchAll({ db, config, http: fakeHttp({}) });
    const [python] = await fetchAll({ db, config, http: fakeHttp({ [FEED_URL]: feedWith(1) }) });
    expect(python!.countDrop).toBe('upcoming events fell from 4 to 1');
  });

  it('fails a source whose feed turned into an HTML page, keeping its events', async () => {
    const db = openStore(':memory:');
    await fetchAll({ db, config, http: fakeHttp({ [FEED_URL]: feedWith(2) }) });
    const [python] = await fetchAll({
      db,
      config,
      http: fakeHttp({ [FEED_URL]: '<!doctype html><html><title>Just a moment...</title></html>' }),
    });
    expect(python).toMatchObject({ outcome: 'failed', errorKind: 'unexpected_content' });
    expect(readSnapshot(db, config).events.filter((e) => !e.removed)).toHaveLength(2);
  });

  it('keeps the page that broke an adapter where a maintainer can turn it into a fixture', async () => {
    const db = openStore(':memory:');
    const failuresDir = mkdtempSync(join(tmpdir(), 'failures-'));
    const challenge = '<!doctype html><html><title>Just a moment...</title></html>';
    await fetchAll({
      db,
      config,
      failuresDir,
      http: fakeHttp({ [FEED_URL]: challenge, 'https://rust.example/feed.ics': new SourceFailure('http', 'HTTP 503', 503) }),
    });
    expect(readdirSync(failuresDir)).toEqual(['py--ical.txt']);
    expect(readFileSync(join(failuresDir, 'py--ical.txt'), 'utf8')).toBe(challenge);
  });

  it('never writes a secret from the environment into a kept response', async () => {
    const db = openStore(':memory:');
    const failuresDir = mkdtempSync(join(tmpdir(), 'failures-'));
    const previous = process.env.EVENTBRITE_TOKEN;
    process.env.EVENTBRITE_TOKEN = 'SECRET-token-1234';
    try {
      await fetchAll({ db, config, failuresDir, http: fakeHttp({ [FEED_URL]: '<html>echo: SECRET-token-1234</html>' }) });
    } finally {
      if (previous === undefined) delete process.env.EVENTBRITE_TOKEN;
      else process.env.EVENTBRITE_TOKEN = previous;
    }
    expect(readFileSync(join(failuresDir, 'py--ical.txt'), 'utf8')).toBe('<html>echo: [redacted]</html>');
  });

  it('confines an adapter bug to its source and records it as a parse failure', async () => {
    const db = openStore(':memory:');
    const exploding = sessionsOf({
      async get() {
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
    });
    const reports = await fetchAll({ db, config, http: exploding });
    expect(reports.every((r) => r.outcome === 'failed' && r.errorKind === 'parse')).toBe(true);
    expect(reports[0]!.message).toContain("Cannot read properties of undefined");
  });

  it('fetches only the groups named with --only', async () => {
    const db = openStore(':memory:');
    const reports = await fetchAll({ db, config, http: fakeHttp({ [FEED_URL]: feedWith(1) }), only: ['py'] });
    expect(reports.map((r) => r.groupId)).toEqual(['py']);
  });

  it('ends the run with an error when the store cannot be written, instead of blaming the source', async () => {
    const db = openStore(':memory:');
    db.exec('CREATE TRIGGER no_writes BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, "disk I/O error"); END;');
    await expect(fetchAll({ db, config, http: fakeHttp({ [FEED_URL]: feedWith(1) }) })).rejects.toThrow('disk I/O error');
  });
});
