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
  warnings: [],
};

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
});
