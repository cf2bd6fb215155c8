import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

// A night with no network, as an operator reads it: each host's cause said once and short, one line
// saying no host could be reached, the whole story in --json, and the site still built.

let dir: string;
let refusedPort: number;

beforeAll(async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  refusedPort = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));

  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-offline-'));
  mkdirSync(join(dir, 'data', 'manual'), { recursive: true });
  writeFileSync(join(dir, 'data', 'manual', 'gsi.yaml'), 'events:\n');
  const group = (id: string, type: string, url: string) => `  - id: ${id}\n    name: ${id}\n    sources:\n      - type: ${type}\n        url: ${url}\n`;
  writeFileSync(
    join(dir, 'sources.yaml'),
    'site:\n  title: T\n  url: https://t.example\n  timezone: America/Los_Angeles\ngroups:\n' +
      group('python-spokane-user-group', 'meetup', 'http://meetup.spokane-tech-test.invalid/python-spokane/') +
      group('spokane-rust', 'meetup', 'http://meetup.spokane-tech-test.invalid/spokane-rust/') +
      group('inch360', 'eventbrite', 'http://eventbrite.spokane-tech-test.invalid/o/inch360-1234/') +
      group('local-feed', 'ical', `http://127.0.0.1:${refusedPort}/events.ics`) +
      '  - id: gsi\n    name: Greater Spokane Inc\n    sources:\n      - type: manual\n        path: data/manual/gsi.yaml\n',
  );
});

describe('fetch with no host reachable', () => {
  it('names each host’s cause once, keeps rows under 160 characters, and ends with one line saying so', async () => {
    const result = await runCli(['fetch'], { cwd: dir });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(160);
    expect(lines[1]).toMatch(/^python-spokane-user-group\s+meetup\s+failed\s+0\s+0\s+0\s+0\s+meetup\.spokane-tech-test\.invalid could not be reached: DNS lookup failed$/);
    expect(lines[2]).toMatch(/^spokane-rust\s+meetup\s+failed .* meetup\.spokane-tech-test\.invalid could not be reached \(as above\)$/);
    expect(lines[3]).toMatch(/^inch360\s+eventbrite\s+failed .* eventbrite\.spokane-tech-test\.invalid could not be reached: DNS lookup failed$/);
    expect(lines[4]).toMatch(new RegExp(`^local-feed\\s+ical\\s+failed .* 127\\.0\\.0\\.1:${refusedPort} could not be reached: connection refused$`));
    expect(lines[5]).toMatch(/^gsi\s+manual\s+ok/);
    expect(lines.at(-1)).toBe(
      `no host could be reached (meetup.spokane-tech-test.invalid, eventbrite.spokane-tech-test.invalid, 127.0.0.1:${refusedPort}): is this machine offline?`,
    );
    expect(result.stdout).not.toContain('robots.txt');
  });

  it('gives the whole text of each failure in --json', async () => {
    const result = await runCli(['fetch', '--json'], { cwd: dir });
    const summary = JSON.parse(result.stdout) as { noHostReached: string[]; results: { groupId: string; message: string | null }[] };
    expect(summary.noHostReached).toHaveLength(3);
    expect(summary.results.find((r) => r.groupId === 'inch360')!.message).toMatch(
      /^eventbrite\.spokane-tech-test\.invalid could not be reached: DNS lookup failed \(getaddrinfo ENOTFOUND eventbrite\.spokane-tech-test\.invalid, for http:\/\/eventbrite\.spokane-tech-test\.invalid\/robots\.txt\)$/,
    );
  });

  it('still builds the site from what the store holds', async () => {
    expect((await runCli(['build'], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, '_site', 'index.html'))).toBe(true);
    expect(existsSync(join(dir, '_site', 'groups', 'gsi', 'index.html'))).toBe(true);
  });
});
