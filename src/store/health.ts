import type { SourceType } from '../types.ts';
import type { FetchEntry, FetchOutcome } from './runs.ts';

// Whether a source needs a maintainer's attention, decided here and only here: the fetch table,
// the snapshot, the sources page and the alarm all read it. A source is *unhealthy* when it has
// failed FAILURES_BEFORE_UNHEALTHY runs in a row, or when it still answers but its upcoming
// events fell by half (a page that changed shape often does just that).

/** One bad night is usually the network or a busy platform; three in a row is worth a look. */
export const FAILURES_BEFORE_UNHEALTHY = 3;

/** Recent counts of upcoming events kept per source, for the sources page. */
const UPCOMING_COUNTS_KEPT = 10;

/**
 * - `unknown`: never fetched.
 * - `healthy`: its last fetch answered and looked normal.
 * - `failing`: its last fetch failed, not yet often enough to be unhealthy.
 * - `unhealthy`: it needs a maintainer's attention; `reason` says why.
 */
export type HealthState = 'unknown' | 'healthy' | 'failing' | 'unhealthy';

export interface SourceHealth {
  groupId: string;
  type: SourceType;
  url: string;
  state: HealthState;
  /** Why it is failing or unhealthy; null otherwise. */
  reason: string | null;
  lastOutcome: FetchOutcome | null;
  lastAttempt: string | null;
  lastSuccess: string | null;
  lastFailure: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Upcoming events found by the recent successful fetches, oldest first. */
  upcomingCounts: number[];
}

/**
 * Said when a successful fetch finds half or fewer of the upcoming events the last successful
 * one found; null when the count held. Recorded with the fetch, it makes the source unhealthy
 * until a later fetch looks normal again.
 */
export function countDrop(previous: number | null, current: number): string | null {
  if (previous === null || previous < 2 || current * 2 > previous) return null;
  return `upcoming events fell from ${previous} to ${current}`;
}

/** A source's health from every fetch of it, newest first. */
export function assessHealth(source: { groupId: string; type: SourceType; url: string }, newestFirst: FetchEntry[]): SourceHealth {
  const latest = newestFirst[0];
  const lastSuccess = newestFirst.find((f) => f.outcome !== 'failed');
  const lastFailure = newestFirst.find((f) => f.outcome === 'failed');
  const firstSuccessIndex = newestFirst.findIndex((f) => f.outcome !== 'failed');
  const consecutiveFailures = firstSuccessIndex === -1 ? newestFirst.length : firstSuccessIndex;
  return {
    ...source,
    ...judge(latest, consecutiveFailures),
    lastOutcome: latest?.outcome ?? null,
    lastAttempt: latest?.finishedAt ?? null,
    lastSuccess: lastSuccess?.finishedAt ?? null,
    lastFailure: lastFailure?.finishedAt ?? null,
    lastError: lastFailure?.message ?? null,
    consecutiveFailures,
    upcomingCounts: newestFirst
      .filter((f) => f.outcome !== 'failed' && f.upcoming !== null)
      .slice(0, UPCOMING_COUNTS_KEPT)
      .map((f) => f.upcoming!)
      .reverse(),
  };
}

function judge(latest: FetchEntry | undefined, consecutiveFailures: number): Pick<SourceHealth, 'state' | 'reason'> {
  if (latest === undefined) return { state: 'unknown', reason: null };
  if (latest.outcome === 'failed') {
    const reason = `failed ${consecutiveFailures} run${consecutiveFailures === 1 ? '' : 's'} in a row`;
    return { state: consecutiveFailures >= FAILURES_BEFORE_UNHEALTHY ? 'unhealthy' : 'failing', reason };
  }
  if (latest.countDrop) return { state: 'unhealthy', reason: latest.countDrop };
  return { state: 'healthy', reason: null };
}
