import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../types.ts';
import { openStore } from '../store/db.ts';
import { restoreIfMissing } from '../store/restore.ts';
import { readCatalog, type Catalog } from '../build/export.ts';
import { GitHubIssues } from './github.ts';
import { issueBody, issueTitle, marker, recoveredComment, stillFailingComment, type IssueContext } from './message.ts';
import type { AlarmSettings } from './settings.ts';
import { sourceStatuses, type SourceStatus } from './verdict.ts';

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
 * Keep one GitHub issue per unhealthy source: open it when the source has failed
 * FAILURES_BEFORE_ALARM runs in a row or lost half its upcoming events, comment on it while the
 * source stays unhealthy, close it when the source recovers. Returns what it did, one line per
 * source it acted on, then a summary.
 */
export async function raiseAlarms(options: AlarmOptions): Promise<string> {
  const catalog = loadCatalog(options);
  if (!catalog) return 'nothing fetched yet (no store, no export): no alarms';
  const statuses = sourceStatuses(catalog.sources, catalog.history);
  const github = options.settings.github;
  const lines = github
    ? await act(new GitHubIssues(github), statuses, (status) => contextOf(status, options))
    : ['no GITHUB_TOKEN: showing what the alarm would do', ...statuses.flatMap(wouldDo)];
  return [...lines, summary(statuses)].join('\n');
}

function loadCatalog(options: AlarmOptions): Catalog | null {
  restoreIfMissing(options.dbPath, options.dataDir);
  if (!existsSync(options.dbPath)) return null;
  const db = openStore(options.dbPath);
  try {
    return readCatalog(db, options.config);
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
    const { verdict } = status;
    if (verdict.kind === 'alarm' && !issue) {
      const opened = await github.create(issueTitle(status), issueBody(status, context), [ISSUE_LABEL]);
      lines.push(`${name}: opened #${opened.number} (${verdict.reason}) ${opened.url}`);
    } else if ((verdict.kind === 'alarm' || verdict.kind === 'failing') && issue) {
      await github.comment(issue.number, stillFailingComment(status, context));
      lines.push(`${name}: commented on #${issue.number} (${verdict.reason})`);
    } else if (verdict.kind === 'healthy' && issue) {
      await github.comment(issue.number, recoveredComment(status, context));
      await github.close(issue.number);
      lines.push(`${name}: closed #${issue.number} (recovered)`);
    }
  }
  return lines;
}

/** Without a token the open issues cannot be read, so each step is said as a condition. */
function wouldDo(status: SourceStatus): string[] {
  const { verdict } = status;
  if (verdict.kind === 'alarm') return [`${nameOf(status)}: would open an issue, or comment on its open one (${verdict.reason})`];
  if (verdict.kind === 'failing') return [`${nameOf(status)}: would comment on its open issue, if any (${verdict.reason})`];
  return [];
}

function summary(statuses: SourceStatus[]): string {
  const count = (kind: SourceStatus['verdict']['kind']) => statuses.filter((s) => s.verdict.kind === kind).length;
  const parts = [`${count('alarm')} alarming`, `${count('failing')} failing`, `${count('healthy')} healthy`];
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
