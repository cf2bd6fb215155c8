import { describe, expect, it } from 'vitest';
import { assessHealth, countDrop } from '../../src/store/health.ts';
import type { FetchEntry } from '../../src/store/runs.ts';
import { fetchEntry } from '../helpers/builders.ts';

const source = { groupId: 'py', type: 'ical' as const, url: 'https://py.example/feed.ics' };

const fetched = (overrides: Partial<FetchEntry>): FetchEntry => fetchEntry({ run: 7, ...source, ...overrides });

const failure = fetched({ outcome: 'failed', errorKind: 'http', httpStatus: 503, message: 'HTTP 503', found: 0, upcoming: null });

/** `failures` failed fetches, newest first, after one that worked. */
const failingFor = (failures: number): FetchEntry[] => [...Array.from({ length: failures }, () => failure), fetched({})];

describe('when a source is unhealthy', () => {
  it('not after one or two failures in a row: it is failing', () => {
    expect(assessHealth(source, failingFor(1))).toMatchObject({ state: 'failing', reason: 'failed 1 run in a row' });
    expect(assessHealth(source, failingFor(2)).state).toBe('failing');
  });

  it('after three failures in a row', () => {
    expect(assessHealth(source, failingFor(3))).toMatchObject({ state: 'unhealthy', reason: 'failed 3 runs in a row' });
  });

  it('when it answered but its upcoming events fell by half', () => {
    const drop = countDrop(8, 3);
    expect(drop).toBe('upcoming events fell from 8 to 3');
    expect(assessHealth(source, [fetched({ countDrop: drop })])).toMatchObject({ state: 'unhealthy', reason: drop });
  });

  it('not when its count held or fell by less than half', () => {
    expect(countDrop(8, 5)).toBeNull();
    expect(countDrop(1, 0)).toBeNull();
    expect(countDrop(null, 0)).toBeNull();
  });

  it('not when it answered normally, and not when it was never fetched', () => {
    expect(assessHealth(source, [fetched({})])).toMatchObject({ state: 'healthy', reason: null });
    expect(assessHealth(source, [])).toMatchObject({ state: 'unknown', reason: null });
  });
});
