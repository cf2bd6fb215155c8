import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOUR, daysFrom, icsFeed } from '../helpers/feeds.ts';
import { serve, startServer } from '../helpers/server.ts';

// `npm run nightly` on a self-hosted box: the workflow's steps, in the directory it runs in.

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'nightly.sh');
const start = daysFrom(new Date(), 3);
const feed = icsFeed('Spokane Python User Group', [
  { uid: 'night@py.example', summary: 'Python Night', start, end: new Date(start.getTime() + 2 * HOUR), url: 'https://py.example/1' },
]);

let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;

function nightly(env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      [SCRIPT],
      { cwd: dir, env: { ...process.env, NO_COLOR: '1', GITHUB_TOKEN: '', SITE_URL: '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  server = await startServer({ '/python.ics': serve(feed, 'text/calendar') });
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-nightly-'));
  writeFileSync(
    join(dir, 'sources.yaml'),
    `site:
  title: Spokane Tech Test
  url: https://events.example
  timezone: America/Los_Angeles
announce:
  discord:
groups:
  - id: python-spokane
    name: Spokane Python User Group
    sources:
      - type: ical
        url: ${server.url('/python.ics')}
`,
  );
});

afterAll(async () => {
  await server?.close();
});

describe('npm run nightly', () => {
  it('fetches, builds the site into _site/, writes the export and says what the alarm and announce would do', async () => {
    const result = await nightly();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/python-spokane\s+ical\s+ok\s+1\s+1/);
    expect(result.stdout).toContain('built _site');
    expect(result.stdout).toContain('no GITHUB_TOKEN');
    expect(result.stdout).toMatch(/^discord: would post .*Python Night/m);
    expect(existsSync(join(dir, '_site', 'index.html'))).toBe(true);
    expect(existsSync(join(dir, 'data', 'events.json'))).toBe(true);
  });

  it('publishes under SITE_URL when it is set', async () => {
    const result = await nightly({ SITE_URL: 'https://spokane.example.org/tech' });
    expect(result.code).toBe(0);
    const [event] = JSON.parse(readFileSync(join(dir, '_site', 'events.json'), 'utf8')) as { page: string }[];
    expect(event!.page).toMatch(/^https:\/\/spokane\.example\.org\/tech\/events\//);
  });

  it('still builds the site when every source failed, and exits 1 so cron reports it', async () => {
    server.route('/python.ics', serve('down for maintenance', 'text/plain', 503));
    const result = await nightly();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('every source failed');
    expect(result.stdout).toContain('built _site: 1 upcoming');
  });
});
