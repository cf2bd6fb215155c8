import { describe, expect, it } from 'vitest';
import { formatFetchTable, formatProgress } from '../../src/fetch/report.ts';
import type { SourceReport } from '../../src/fetch/run.ts';

const ok: SourceReport = {
  groupId: 'python-spokane',
  type: 'meetup',
  url: 'https://www.meetup.com/python-spokane/',
  outcome: 'ok',
  found: 8,
  new: 2,
  changed: 1,
  missing: 0,
  durationMs: 1200,
  requests: 3,
  bytes: 40_000,
  errorKind: null,
  message: null,
  countDrop: null,
  unreachable: null,
  warnings: [],
};

const unreachable = (groupId: string, host: string, reason: string): SourceReport => ({
  ...ok,
  groupId,
  url: `https://${host}/${groupId}/`,
  outcome: 'failed',
  found: 0,
  new: 0,
  changed: 0,
  errorKind: 'network',
  message: `${host} could not be reached: ${reason} (getaddrinfo ENOTFOUND ${host}, for https://${host}/robots.txt)`,
  unreachable: { host, reason },
});
const manual: SourceReport = { ...ok, groupId: 'greater-spokane-inc', type: 'manual', url: 'manual:data/manual/greater-spokane-inc.yaml' };

describe('what fetch prints', () => {
  it('shows a live line with the count done, failures and the hosts being read', () => {
    expect(formatProgress({ done: 3, total: 21, failed: 1, activeHosts: ['www.meetup.com', 'www.eventbrite.com'] })).toBe(
      'fetching 3/21, 1 failed · www.meetup.com, www.eventbrite.com',
    );
  });

  it('flags a source whose upcoming events fell by half, and counts it in the summary', () => {
    const table = formatFetchTable([{ ...ok, countDrop: 'upcoming events fell from 8 to 2' }]);
    expect(table).toContain('UNHEALTHY: upcoming events fell from 8 to 2');
    expect(table).toContain('1 source(s): 1 ok, 0 failed, 1 unhealthy');
  });

  it('shows why a source failed in its row', () => {
    const table = formatFetchTable([{ ...ok, outcome: 'failed', errorKind: 'http', message: 'HTTP 503 from https://x.example/' }]);
    expect(table).toMatch(/python-spokane\s+meetup\s+failed\s+8\s+2\s+1\s+0\s+HTTP 503 from/);
  });

  it('names a host that could not be reached, and why, once: its other sources say "as above"', () => {
    const table = formatFetchTable([
      unreachable('python-spokane', 'www.meetup.com', 'DNS lookup failed'),
      unreachable('spokane-rust', 'www.meetup.com', 'DNS lookup failed'),
      unreachable('inch360', 'www.eventbrite.com', 'connection refused'),
    ]);
    const rows = table.split('\n');
    expect(rows[1]).toMatch(/python-spokane\s+meetup\s+failed\s+0\s+0\s+0\s+0\s+www\.meetup\.com could not be reached: DNS lookup failed$/);
    expect(rows[2]).toMatch(/spokane-rust .* www\.meetup\.com could not be reached \(as above\)$/);
    expect(rows[3]).toMatch(/inch360 .* www\.eventbrite\.com could not be reached: connection refused$/);
    expect(table).not.toContain('robots.txt');
    expect(table).not.toContain('ENOTFOUND');
  });

  it('ends with one line when no host could be reached at all; a manual source does not count as reached', () => {
    const offline = formatFetchTable([unreachable('python-spokane', 'www.meetup.com', 'DNS lookup failed'), unreachable('inch360', 'www.eventbrite.com', 'DNS lookup failed'), manual]);
    expect(offline.split('\n').at(-1)).toBe('no host could be reached (www.meetup.com, www.eventbrite.com): is this machine offline?');
    const oneAnswered = formatFetchTable([unreachable('python-spokane', 'www.meetup.com', 'DNS lookup failed'), { ...ok, groupId: 'inch360', type: 'eventbrite' }]);
    expect(oneAnswered).not.toContain('no host could be reached');
  });

  it('keeps every row under 160 characters, and says where the whole note is', () => {
    const long = 'could not read the iCal feed (HTTP 500 from https://www.meetup.com/python-spokane/events/ical/) nor the group page (HTTP 500 from https://www.meetup.com/python-spokane/)';
    const table = formatFetchTable([{ ...ok, outcome: 'failed', message: long }, { ...ok, groupId: 'spokane-tech-community-and-friends', warnings: [`first line\n${'x'.repeat(300)}`] }]);
    const rows = table.split('\n');
    expect(Math.max(...rows.map((row) => row.length))).toBeLessThan(160);
    expect(rows[1]).toMatch(/could not read the iCal feed \(HTTP 500 from .*…$/);
    expect(rows[2]).toContain('1 warning(s), first: first line xxx');
    expect(table).toContain('(notes cut to fit: fetch --json and the run log have them whole)');
    expect(formatFetchTable([ok])).not.toContain('notes cut');
  });
});
