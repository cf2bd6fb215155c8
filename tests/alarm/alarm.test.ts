import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { FAKE_TOKEN, startFakeGitHub } from './fake-github.ts';
import { loadConfig } from '../../src/config/load.ts';
import { openStore } from '../../src/store/db.ts';
import { syncConfig } from '../../src/store/events.ts';
import { finishRun, recordFetch, startRun, type FetchRecord } from '../../src/store/runs.ts';
import { readSnapshot, writeSnapshot } from '../../src/store/snapshot.ts';
import { countDrop } from '../../src/store/health.ts';
import { marker } from '../../src/alarm/message.ts';
import type { Config } from '../../src/config/schema.ts';

// The nightly alarm end to end: the real CLI reads source health from the store and talks to a
// loopback fake of GitHub's REST API, as the workflow's `spokane-tech alarm` step does.

const REPOSITORY = 'spokane-tech/spokane-tech';
const PYTHON = { groupId: 'python-spokane', type: 'meetup', url: 'https://www.meetup.com/python-spokane/' } as const;
const RUST = { groupId: 'spokane-rust', type: 'jsonld', url: 'https://rust.example/events/' } as const;

let github: Awaited<ReturnType<typeof startFakeGitHub>>;
let dir: string;
let config: Config;
let nightCount = 0;
const paths = () => ({ config: join(dir, 'sources.yaml'), db: join(dir, 'data', 'spokane-tech.db'), data: join(dir, 'data'), failures: join(dir, 'failures') });
const alarmArgs = () => ['alarm', '--config', paths().config, '--db', paths().db, '--data', paths().data, '--failures-dir', paths().failures];
const githubEnv = (overrides: Record<string, string> = {}) => ({
  GITHUB_API_URL: github.apiUrl,
  GITHUB_REPOSITORY: REPOSITORY,
  GITHUB_TOKEN: FAKE_TOKEN,
  GITHUB_SERVER_URL: 'https://github.example',
  GITHUB_RUN_ID: '4242',
  ...overrides,
});
const alarm = (env = githubEnv()) => runCli(alarmArgs(), { env });

const ok = (upcoming: number, drop: string | null = null): FetchRecord => ({ outcome: 'ok', found: upcoming, upcoming, countDrop: drop, durationMs: 100 });
const failed = (message: string): FetchRecord => ({ outcome: 'failed', errorKind: 'parse', httpStatus: 200, message, durationMs: 100 });

/** One nightly fetch as the store records it: an outcome per group. */
function night(outcomes: Record<string, FetchRecord>): void {
  const db = openStore(paths().db);
  const at = new Date(Date.parse('2026-11-01T12:17:00Z') + nightCount++ * 24 * 3600 * 1000);
  try {
    const sources = syncConfig(db, config);
    const runId = startRun(db, at);
    for (const [groupId, record] of Object.entries(outcomes)) {
      recordFetch(db, runId, sources.find((s) => s.groupId === groupId)!.id, record, at);
    }
    finishRun(db, runId, at);
  } finally {
    db.close();
  }
}

const issueOf = (source: typeof PYTHON | typeof RUST) =>
  github.issues.find((issue) => !issue.pullRequest && issue.body.includes(marker(source)));

beforeAll(async () => {
  github = await startFakeGitHub(REPOSITORY);
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-alarm-'));
  writeFileSync(
    paths().config,
    `site:
  title: Spokane Tech Test
  url: https://events.example
  timezone: America/Los_Angeles
groups:
  - id: python-spokane
    name: Spokane Python User Group
    sources:
      - type: meetup
        url: ${PYTHON.url}
  - id: spokane-rust
    name: Spokane Rust
    sources:
      - type: jsonld
        url: ${RUST.url}
`,
  );
  const loaded = loadConfig(paths().config);
  if (!loaded.ok) throw new Error('test config is invalid');
  config = loaded.config;
});

afterAll(async () => {
  await github?.close();
});

describe('spokane-tech alarm against GitHub', () => {
  it('opens nothing while a source has failed fewer than three runs in a row', async () => {
    night({ 'python-spokane': ok(10), 'spokane-rust': ok(6) });
    night({ 'python-spokane': failed('the page is a login wall, not a Meetup group page'), 'spokane-rust': ok(6) });
    night({ 'python-spokane': failed('the page is a login wall, not a Meetup group page'), 'spokane-rust': ok(6) });
    const result = await alarm();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(github.issues).toHaveLength(0);
    expect(result.stdout).toContain('2 source(s): 0 unhealthy, 1 failing, 1 healthy');
  });

  it('opens one issue with the reason, the failures, the last success, the run and the raw response on the third failure', async () => {
    night({ 'python-spokane': failed('the page is a login wall, not a Meetup group page'), 'spokane-rust': ok(6) });
    mkdirSync(paths().failures, { recursive: true });
    writeFileSync(join(paths().failures, 'python-spokane--meetup.txt'), '<html>Log in to Meetup</html>');

    const result = await alarm();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/python-spokane meetup \S+: opened #1 \(failed 3 runs in a row\)/);
    expect(github.issues).toHaveLength(1);
    const issue = issueOf(PYTHON)!;
    expect(issue).toMatchObject({ state: 'open', labels: ['source-health'], title: 'Source failing: python-spokane (meetup)' });
    expect(issue.body).toContain(`<!-- spokane-tech:source=python-spokane/meetup/${PYTHON.url} -->`);
    expect(issue.body).toContain('the page is a login wall, not a Meetup group page');
    expect(issue.body).toContain('**Consecutive failures:** 3');
    expect(issue.body).toContain('**Last success:** 2026-11-01T12:17:00.000Z');
    expect(issue.body).toContain(`https://github.example/${REPOSITORY}/actions/runs/4242`);
    expect(issue.body).toContain(`${join(paths().failures, 'python-spokane--meetup.txt')}`);
  });

  it('comments on the open issue instead of opening another while the source keeps failing', async () => {
    night({ 'python-spokane': failed('HTTP 503 from www.meetup.com'), 'spokane-rust': ok(6) });
    const result = await alarm();
    expect(result.stdout).toMatch(/python-spokane meetup \S+: commented on #1 \(failed 4 runs in a row\)/);
    expect(github.issues).toHaveLength(1);
    expect(issueOf(PYTHON)!.comments).toHaveLength(1);
    expect(issueOf(PYTHON)!.comments[0]).toContain('HTTP 503 from www.meetup.com');
  });

  it('closes the issue with a comment when the source recovers', async () => {
    night({ 'python-spokane': ok(9), 'spokane-rust': ok(6) });
    const result = await alarm();
    expect(result.stdout).toMatch(/python-spokane meetup \S+: closed #1 \(recovered\)/);
    const issue = issueOf(PYTHON)!;
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(issue.comments.at(-1)).toMatch(/^Recovered: .* with 9 event\(s\)/);
  });

  it('opens an issue when a source that answers lost half its upcoming events', async () => {
    night({ 'python-spokane': ok(9), 'spokane-rust': ok(2, countDrop(6, 2)) });
    const result = await alarm();
    expect(result.stdout).toMatch(/spokane-rust jsonld \S+: opened #2 \(upcoming events fell from 6 to 2\)/);
    expect(issueOf(RUST)).toMatchObject({ state: 'open', title: 'Source lost events: spokane-rust (jsonld)' });
    // The recovered source's closed issue stays closed and gets no more comments.
    expect(issueOf(PYTHON)!.comments).toHaveLength(2);
  });

  it('leaves alone open issues that are not its own, and pull requests', async () => {
    const other = marker({ groupId: 'spokane-rust', type: 'jsonld', url: 'https://elsewhere.example/' });
    github.issues.push(
      { number: 3, title: 'Someone else’s', body: `${other}\nA source from an older sources.yaml`, labels: ['source-health'], state: 'open', stateReason: null, comments: [] },
      { number: 4, title: 'A pull request', body: marker(RUST), labels: ['source-health'], state: 'open', stateReason: null, comments: [], pullRequest: true },
    );
    night({ 'python-spokane': ok(9), 'spokane-rust': ok(6) });
    const result = await alarm();
    expect(result.stdout).toMatch(/spokane-rust jsonld \S+: closed #2 \(recovered\)/);
    expect(github.issues.find((i) => i.number === 3)).toMatchObject({ state: 'open', comments: [] });
    expect(github.issues.find((i) => i.number === 4)).toMatchObject({ state: 'open', comments: [] });
  });

  it('without GITHUB_TOKEN says what it would do, calls nothing and exits 0', async () => {
    night({ 'python-spokane': failed('HTTP 500'), 'spokane-rust': ok(6) });
    night({ 'python-spokane': failed('HTTP 500'), 'spokane-rust': ok(6) });
    night({ 'python-spokane': failed('HTTP 500'), 'spokane-rust': ok(6) });
    const before = github.requests.length;
    const result = await alarm(githubEnv({ GITHUB_TOKEN: '' }));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no GITHUB_TOKEN');
    expect(result.stdout).toMatch(/python-spokane meetup \S+: would open an issue, or comment on its open one \(failed 3 runs in a row\)/);
    expect(github.requests.length).toBe(before);
  });

  it('reads source health from the export when the store is missing', async () => {
    const db = openStore(paths().db);
    writeSnapshot(paths().data, readSnapshot(db, config));
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${paths().db}${suffix}`, { force: true });
    const result = await alarm(githubEnv({ GITHUB_TOKEN: '' }));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/python-spokane meetup \S+: would open an issue, or comment on its open one \(failed 3 runs in a row\)/);
  });

  it.each([
    [410, 'Issues are disabled for this repo', /Issues are turned off in spokane-tech\/spokane-tech.*Settings → General → Features → Issues/],
    [403, 'Resource not accessible by integration', /the token may not write issues in spokane-tech\/spokane-tech.*"issues: write"/],
  ])('warns once, writes the warning to the job summary and exits 0 when GitHub answers %i (a fork, a read-only token)', async (status, message, warning) => {
    github.failWith(status, message);
    const summaryFile = join(dir, `summary-${status}.md`);
    try {
      const result = await alarm(githubEnv({ GITHUB_STEP_SUMMARY: summaryFile }));
      expect(result.code).toBe(0);
      expect(result.stderr.match(/^warning: /gm)).toHaveLength(1);
      expect(result.stderr).toMatch(warning);
      expect(result.stderr).toContain(message);
      expect(readFileSync(summaryFile, 'utf8')).toMatch(warning);
      expect(result.stdout).toMatch(/\d+ source\(s\): /);
    } finally {
      github.failWith(null);
    }
  });

  it('exits 1 saying what GitHub answered when the API fails', async () => {
    github.failWith(500);
    try {
      const result = await alarm();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`GitHub API: GET /repos/${REPOSITORY}/issues answered 500: Server Error`);
      expect(result.stderr).not.toContain(FAKE_TOKEN);
    } finally {
      github.failWith(null);
    }
  });

  it('exits 2 when a token is set but GITHUB_REPOSITORY does not name a repository', async () => {
    const result = await alarm(githubEnv({ GITHUB_REPOSITORY: '' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('GITHUB_REPOSITORY must name the repository as owner/name');
  });
});
