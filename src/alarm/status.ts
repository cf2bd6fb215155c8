import type { SourceHealth } from '../store/health.ts';
import type { FetchEntry, FetchHistory } from '../store/runs.ts';

/** A source's health and its most recent fetch: what an issue about it says. */
export interface SourceStatus {
  health: SourceHealth;
  latest: FetchEntry | null;
}

export function sourceStatuses(sources: SourceHealth[], history: FetchHistory): SourceStatus[] {
  return sources.map((health) => ({ health, latest: latestFetch(health, history) }));
}

function latestFetch(health: SourceHealth, history: FetchHistory): FetchEntry | null {
  const own = history.fetches.filter((f) => f.groupId === health.groupId && f.type === health.type && f.url === health.url);
  return own.reduce<FetchEntry | null>(
    (latest, f) => (latest === null || f.finishedAt > latest.finishedAt || (f.finishedAt === latest.finishedAt && f.run > latest.run) ? f : latest),
    null,
  );
}
