import type { FetchEntry, FetchHistory } from '../build/export.ts';
import type { SourceHealth } from '../types.ts';

/** One bad night is usually the network or a busy platform; three in a row is worth a maintainer's look. */
export const FAILURES_BEFORE_ALARM = 3;

/** What the latest fetches say about a source. */
export type Verdict =
  /** Worth an issue: open one, or comment on the open one. */
  | { kind: 'alarm'; reason: string }
  /** Failing, not yet long enough for a new issue; an open issue hears about it. */
  | { kind: 'failing'; reason: string }
  /** Answered and looked normal: an open issue is closed. */
  | { kind: 'healthy' }
  /** Never fetched: nothing to say. */
  | { kind: 'unknown' };

export interface SourceStatus {
  health: SourceHealth;
  /** The source's most recent fetch. */
  latest: FetchEntry | null;
  verdict: Verdict;
}

export function sourceStatuses(sources: SourceHealth[], history: FetchHistory): SourceStatus[] {
  return sources.map((health) => {
    const latest = latestFetch(health, history);
    return { health, latest, verdict: judge(health, latest) };
  });
}

export function judge(health: SourceHealth, latest: FetchEntry | null): Verdict {
  if (!latest) return { kind: 'unknown' };
  if (latest.outcome === 'failed') {
    const failures = health.consecutiveFailures;
    const reason = `failed ${failures} run${failures === 1 ? '' : 's'} in a row`;
    return failures >= FAILURES_BEFORE_ALARM ? { kind: 'alarm', reason } : { kind: 'failing', reason };
  }
  // A page that changed shape often still answers, with far fewer events: fetch flags that.
  if (latest.alert) return { kind: 'alarm', reason: latest.alert };
  return { kind: 'healthy' };
}

function latestFetch(health: SourceHealth, history: FetchHistory): FetchEntry | null {
  const own = history.fetches.filter((f) => f.groupId === health.groupId && f.type === health.type && f.url === health.url);
  return own.reduce<FetchEntry | null>(
    (latest, f) => (latest === null || f.finishedAt > latest.finishedAt || (f.finishedAt === latest.finishedAt && f.run > latest.run) ? f : latest),
    null,
  );
}
