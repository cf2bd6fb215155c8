import type { SourceHealth } from '../store/health.ts';
import type { SourceStatus } from './status.ts';

/** What a maintainer needs to act on an issue, beyond the source's own status. */
export interface IssueContext {
  runUrl: string | null;
  /** Where fetch saved the response that broke the adapter, when it did. */
  rawResponse: string | null;
}

/**
 * Hidden in each issue's body: finds the source's open issue again, whatever its title became.
 * The URL is part of it because one group may have two sources of one type.
 */
export function marker(source: Pick<SourceHealth, 'groupId' | 'type' | 'url'>): string {
  return `<!-- spokane-tech:source=${source.groupId}/${source.type}/${source.url} -->`;
}

export function issueTitle(status: SourceStatus): string {
  const { groupId, type } = status.health;
  return status.latest?.outcome === 'failed' ? `Source failing: ${groupId} (${type})` : `Source lost events: ${groupId} (${type})`;
}

export function issueBody(status: SourceStatus, context: IssueContext): string {
  return [
    marker(status.health),
    `The nightly fetch of **${status.health.groupId}**'s \`${status.health.type}\` source needs a look: ${reasonOf(status)}.`,
    '',
    details(status, context),
    '',
    'The nightly run comments here while the source is unhealthy and closes this issue when it recovers.',
  ].join('\n');
}

export function stillFailingComment(status: SourceStatus, context: IssueContext): string {
  return [`Still unhealthy: ${reasonOf(status)}.`, '', details(status, context)].join('\n');
}

export function recoveredComment(status: SourceStatus, context: IssueContext): string {
  const found = status.latest?.found;
  const run = context.runUrl ? ` in [this run](${context.runUrl})` : '';
  return `Recovered: the source was fetched${run}${found === undefined ? '' : ` with ${found} event(s)`} and looks normal again. Closing.`;
}

function reasonOf(status: SourceStatus): string {
  return status.health.reason ?? 'healthy';
}

function details(status: SourceStatus, context: IssueContext): string {
  const { health, latest } = status;
  const lines = [
    `- **Source:** \`${health.type}\` <${health.url}>`,
    `- **Consecutive failures:** ${health.consecutiveFailures}`,
    `- **Last success:** ${health.lastSuccess ?? 'never'}`,
    `- **Run:** ${context.runUrl ?? 'not run on GitHub Actions'}`,
  ];
  if (context.rawResponse) lines.push(`- **Raw response:** \`${context.rawResponse}\`, in the run's artifacts`);
  if (latest?.outcome === 'failed') {
    const kind = [latest.errorKind, latest.httpStatus && `HTTP ${latest.httpStatus}`].filter(Boolean).join(', ');
    lines.push('', `Failure reason${kind ? ` (${kind})` : ''}:`, codeBlock(latest.message ?? 'no message recorded'));
  }
  return lines.join('\n');
}

/** A fence longer than any backtick run in the text, so scraped text cannot break out of it. */
function codeBlock(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}
