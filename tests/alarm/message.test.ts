import { describe, expect, it } from 'vitest';
import { issueBody } from '../../src/alarm/message.ts';
import { assessHealth } from '../../src/store/health.ts';
import type { FetchEntry } from '../../src/store/runs.ts';

const source = { groupId: 'py', type: 'ical' as const, url: 'https://py.example/feed.ics' };
const failure: FetchEntry = {
  run: 7,
  ...source,
  outcome: 'failed',
  errorKind: 'http',
  httpStatus: 503,
  message: 'HTTP 503',
  found: 0,
  new: 0,
  changed: 0,
  missing: 0,
  upcoming: null,
  countDrop: null,
  durationMs: 100,
  finishedAt: '2026-11-26T12:17:00Z',
};

describe('the issue text', () => {
  it('keeps a failure message with backticks inside its code block', () => {
    const message = 'unexpected ``` in the page';
    const body = issueBody(
      { health: assessHealth(source, [failure, failure, failure]), latest: { ...failure, message } },
      { runUrl: null, rawResponse: null },
    );
    expect(body).toContain(`\`\`\`\`text\n${message}\n\`\`\`\``);
  });
});

