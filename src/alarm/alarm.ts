import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.ts';
import { openStore } from '../store/db.ts';
import { restoreIfMissing } from '../store/restore.ts';
import { readSnapshot, type Snapshot } from '../store/snapshot.ts';
import { GitHubApiError, GitHubIssues } from './github.ts';
import { issueBody, issueTitle, marker, recoveredComment, stillFailingComment, type IssueContext } from './message.ts';
import type { AlarmSettings } from './settings.ts';
import { sourceStatuses, type SourceStatus } from './status.ts';

/** Every alarm issue carries it; the open ones are all the alarm ever reads back. */
export const ISSUE_LABEL = 'source-health';

export interface AlarmOptions {
  config: Config;
  dbPath: string;
  dataDir: string;
  /** Where `fetch --failures-dir` saved the responses that broke an adapter. */
  failuresDir: string;
  settings: AlarmSettings;
}

/**
 * Keep one GitHub issue per unhealthy source (see store/health.ts): open it when the source
 * becomes unhealthy, comment on it while the source keeps failing, close it when the source
 * recovers. Returns what it did, one line per source it acted on, then a summary.
 */
export async function raiseAlarms(options: AlarmOptions): Promise<AlarmReport> {
  const snapshot = loadSnapshot(options);
  if (!snapshot) return { report: 'nothing fetched yet (no store, no snapshot): no alarms', warning: null };
  const statuses = sourceStatuses(snapshot.sources, snapshot.history);
  const github = options.settings.github;
  if (!github) {
    return { report: ['no GITHUB_TOKEN: showing what the alarm would do', ...statuses.flatMap(wouldDo), summary(statuses)].join('\n'), warning: null };
  }
  try {
    const lines = await act(new GitHubIssues(github), statuses, (status) => contextOf(status, options));
    return { report: [...lines, summary(statuses)].join('\n'), warning: null };
  } catch (error) {
    const warning = issuesUnavailable(error, github.repository);
    if (warning === null) throw error;
    return { report: [...statuses.flatMap(wouldDo), summary(statuses)].join('\n'), warning };
  }
}

export interface AlarmReport {
  /** What the alarm did (or, without issues to write, would have done), a line per source, then a summary. */
  report: string;
  /** Set when the repository takes no issues from this token: the run goes on, and says so once. */
  warning: string | null;
}

/**
 * GitHub turns Issues off in a fork, and a token may lack the right to write them: neither is a
 * broken run. Any other refusal (a 5xx, bad credentials) is, and is rethrown by the caller.
 */
function issuesUnavailable(error: unknown, repository: string): string | null {
  if (!(error instanceof GitHubApiError)) return null;
  if (error.status === 410) {
    return `Issues are turned off in ${repository}, so no issue was opened about unhealthy sources (${error.message}). ` +
      'Turn them on under Settings → General → Features → Issues to be told when a source keeps failing.';
  }
  if (error.status === 403) {
    return `the token may not write issues in ${repository}, so no issue was opened about unhealthy sources (${error.message}). ` +
      'Give the workflow job "issues: write" permission.';
  }
  return null;
}

function loadSnapshot(options: AlarmOptions): Snapshot | null {
  restoreIfMissing(options.dbPath, options.dataDir);
  if (!existsSync(options.dbPath)) return null;
  const db = openStore(options.dbPath);
  try {
    return readSnapshot(db, options.config);
  } finally {
    db.close();
  }
}

async function act(github: GitHubIssues, statuses: SourceStatus[], contextFor: (s: SourceStatus) => IssueContext): Promise<string[]> {
  const open = await github.openIssues(ISSUE_LABEL);
  const lines: string[] = [];
  for (const status of statuses) {
    const issue = open.find((candidate) => candidate.body.includes(marker(status.health)));
    const name = nameOf(status);
    const context = contextFor(status);
    const { state, reason } = status.health;
    if (state === 'unhealthy' && !issue) {
      const opened = await github.create(issueTitle(status), issueBody(status, context), [ISSUE_LABEL]);
      lines.push(`${name}: opened #${opened.number} (${reason}) ${opened.url}`);
    } else if ((state === 'unhealthy' || state === 'failing') && issue) {
      await github.comment(issue.number, stillFailingComment(status, context));
      lines.push(`${name}: commented on #${issue.number} (${reason})`);
    } else if (state === 'healthy' && issue) {
      await github.comment(issue.number, recoveredComment(status, context));
      await github.close(issue.number);
      lines.push(`${name}: closed #${issue.number} (recovered)`);
    }
  }
  return lines;
}

/** Without a token the open issues cannot be read, so each step is said as a condition. */
function wouldDo(status: SourceStatus): string[] {
  const { state, reason } = status.health;
  if (state === 'unhealthy') return [`${nameOf(status)}: would open an issue, or comment on its open one (${reason})`];
  if (state === 'failing') return [`${nameOf(status)}: would comment on its open issue, if any (${reason})`];
  return [];
}

function summary(statuses: SourceStatus[]): string {
  const count = (state: SourceStatus['health']['state']) => statuses.filter((s) => s.health.state === state).length;
  const parts = [`${count('unhealthy')} unhealthy`, `${count('failing')} failing`, `${count('healthy')} healthy`];
  if (count('unknown')) parts.push(`${count('unknown')} never fetched`);
  return `${statuses.length} source(s): ${parts.join(', ')}`;
}

function contextOf(status: SourceStatus, options: AlarmOptions): IssueContext {
  // fetch --failures-dir names the file after the group and the source type.
  const raw = join(options.failuresDir, `${status.health.groupId}--${status.health.type}.txt`);
  const rawResponse = status.latest?.outcome === 'failed' && existsSync(raw) ? raw : null;
  return { runUrl: options.settings.runUrl, rawResponse };
}

function nameOf(status: SourceStatus): string {
  return `${status.health.groupId} ${status.health.type} ${status.health.url}`;
}
