import { describe, expect, it } from 'vitest';
import { sourceHealthView } from '../../src/publish/view/source-health.ts';
import { ZONE, sourceHealth } from '../helpers/builders.ts';

const statusOf = (overrides: Parameters<typeof sourceHealth>[0]) => sourceHealthView(sourceHealth(overrides), ZONE).statusLabel;

describe('a source’s row on the sources page', () => {
  it('says OK for a source that works, and "Not fetched yet" for a new one', () => {
    expect(statusOf({})).toBe('OK');
    expect(statusOf({ state: 'unknown', lastOutcome: null, lastAttempt: null, lastSuccess: null })).toBe('Not fetched yet');
  });

  it('counts the failed fetches in a row', () => {
    expect(statusOf({ state: 'failing', lastOutcome: 'failed', consecutiveFailures: 1 })).toBe('Failing (1 fetch in a row)');
    expect(statusOf({ state: 'failing', lastOutcome: 'failed', consecutiveFailures: 2 })).toBe('Failing (2 fetches in a row)');
  });

  it('says why a source is unhealthy: failing for long, or a reason such as fewer events', () => {
    expect(statusOf({ state: 'unhealthy', lastOutcome: 'failed', consecutiveFailures: 5 })).toBe('Unhealthy: failing (5 fetches in a row)');
    expect(statusOf({ state: 'unhealthy', lastOutcome: 'ok', reason: 'upcoming events fell from 8 to 2' })).toBe('Unhealthy: upcoming events fell from 8 to 2');
  });

  it('gives the last success and failure in the site’s time, or nothing when there was none', () => {
    const row = sourceHealthView(sourceHealth({ lastSuccess: '2026-11-20T10:00:00Z', lastFailure: '2026-11-26T10:00:00Z' }), ZONE);
    expect([row.lastSuccessLabel, row.lastFailureLabel]).toEqual(['November 20, 2026 at 2:00 AM PST', 'November 26, 2026 at 2:00 AM PST']);
    expect(sourceHealthView(sourceHealth({ lastFailure: null }), ZONE).lastFailureLabel).toBeNull();
  });

  it('keeps what the store knows of the source', () => {
    const row = sourceHealthView(sourceHealth({ lastError: 'HTTP 503 from www.meetup.com' }), ZONE);
    expect(row).toMatchObject({ type: 'meetup', url: 'https://www.meetup.com/python-spokane/', lastError: 'HTTP 503 from www.meetup.com' });
  });
});
