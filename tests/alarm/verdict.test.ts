import { describe, expect, it } from 'vitest';
import { judge } from '../../src/alarm/verdict.ts';
import { issueBody } from '../../src/alarm/message.ts';
import { alarmSettings } from '../../src/alarm/settings.ts';
import type { FetchEntry } from '../../src/build/export.ts';
import type { SourceHealth } from '../../src/types.ts';

const health = (consecutiveFailures: number): SourceHealth => ({
  groupId: 'py',
  type: 'ical',
  url: 'https://py.example/feed.ics',
  lastOutcome: consecutiveFailures ? 'failed' : 'ok',
  lastAttempt: '2026-11-26T12:17:00Z',
  lastSuccess: '2026-11-20T12:17:00Z',
  lastFailure: consecutiveFailures ? '2026-11-26T12:17:00Z' : null,
  lastError: consecutiveFailures ? 'HTTP 503' : null,
  consecutiveFailures,
  upcomingCounts: [4],
  flag: null,
});

const fetched = (overrides: Partial<FetchEntry>): FetchEntry => ({
  run: 7,
  groupId: 'py',
  type: 'ical',
  url: 'https://py.example/feed.ics',
  outcome: 'ok',
  errorKind: null,
  httpStatus: null,
  message: null,
  found: 4,
  new: 0,
  changed: 0,
  missing: 0,
  upcoming: 4,
  alert: null,
  durationMs: 100,
  finishedAt: '2026-11-26T12:17:00Z',
  ...overrides,
});

const failure = fetched({ outcome: 'failed', errorKind: 'http', httpStatus: 503, message: 'HTTP 503', found: 0, upcoming: null });

describe('when a source is worth an issue', () => {
  it('not after one or two failures in a row', () => {
    expect(judge(health(1), failure)).toEqual({ kind: 'failing', reason: 'failed 1 run in a row' });
    expect(judge(health(2), failure).kind).toBe('failing');
  });

  it('after three failures in a row', () => {
    expect(judge(health(3), failure)).toEqual({ kind: 'alarm', reason: 'failed 3 runs in a row' });
  });

  it('when it answered but its upcoming events fell by half', () => {
    expect(judge(health(0), fetched({ alert: 'upcoming events fell from 8 to 3' }))).toEqual({
      kind: 'alarm',
      reason: 'upcoming events fell from 8 to 3',
    });
  });

  it('not when it answered normally, and not when it was never fetched', () => {
    expect(judge(health(0), fetched({}))).toEqual({ kind: 'healthy' });
    expect(judge(health(0), null)).toEqual({ kind: 'unknown' });
  });
});

describe('the issue text', () => {
  it('keeps a failure message with backticks inside its code block', () => {
    const message = 'unexpected ``` in the page';
    const body = issueBody(
      { health: health(3), latest: { ...failure, message }, verdict: { kind: 'alarm', reason: 'failed 3 runs in a row' } },
      { runUrl: null, rawResponse: null },
    );
    expect(body).toContain(`\`\`\`\`text\n${message}\n\`\`\`\``);
  });
});

describe('alarm settings from the environment', () => {
  it('links to the Actions run when there is one', () => {
    const result = alarmSettings({ GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '9', GITHUB_SERVER_URL: 'https://github.com' });
    expect(result).toEqual({ ok: true, settings: { github: null, runUrl: 'https://github.com/o/r/actions/runs/9' } });
  });

  it('uses the public API unless GITHUB_API_URL says otherwise', () => {
    const result = alarmSettings({ GITHUB_REPOSITORY: 'o/r', GITHUB_TOKEN: 't' });
    expect(result).toMatchObject({ ok: true, settings: { github: { apiUrl: 'https://api.github.com', repository: 'o/r' }, runUrl: null } });
  });
});
