import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, runCli } from '../helpers/cli.ts';
import { HOUR, daysFrom, icsFeed } from '../helpers/feeds.ts';
import { startServer } from '../helpers/server.ts';

// A fetch killed with SIGKILL in the middle of a run leaves a consistent store, and the next run
// simply carries on.

const SOURCES = 12;
let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-kill-'));
  server = await startServer();
  const now = new Date();
  for (let i = 0; i < SOURCES; i++) {
    const body = icsFeed(`Group ${i}`, [0, 1, 2].map((k) => {
      const start = daysFrom(now, k + 1);
      return { uid: `g${i}-e${k}`, summary: `Group ${i} meetup ${k}`, start, end: new Date(start.getTime() + 2 * HOUR) };
    }));
    // Slow enough that the run is still going when it is killed.
    server.route(`/g${i}.ics`, (_request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/calendar' }).end(body), 150 * (i + 1));
    });
  }
  const groups = Array.from({ length: SOURCES }, (_, i) => `  - id: g${i}
    name: Group ${i}
    sources:
      - type: ical
        url: ${server.url(`/g${i}.ics`)}`).join('\n');
  writeFileSync(join(dir, 'sources.yaml'), `site:
  title: T
  url: https://t.example
  timezone: America/Los_Angeles
fetch:
  hosts:
    default: { concurrency: 4, min_interval_ms: 0 }
groups:
${groups}
`);
});

afterAll(async () => {
  await server?.close();
});

describe('a fetch killed mid-run', () => {
  it('leaves a store that passes its integrity check, and the next run completes it', async () => {
    const db = join(dir, 'store.db');
    const args = [BIN, 'fetch', '--config', join(dir, 'sources.yaml'), '--db', db, '--data', join(dir, 'data')];
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    // Kill it once some sources are stored and others are still being fetched.
    await waitFor(() => existsSync(db) && storedEvents(db) >= 3, 20_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const killed = new Database(db);
    expect(killed.pragma('integrity_check', { simple: true })).toBe('ok');
    const partial = killed.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    expect(partial.n % 3).toBe(0); // whole sources only: one transaction each
    expect(partial.n).toBeLessThan(SOURCES * 3);
    killed.close();

    const next = await runCli(args.slice(1));
    expect(next.code).toBe(0);
    expect(storedEvents(db)).toBe(SOURCES * 3);
  });
});

function storedEvents(path: string): number {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for the fetch to store something');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
