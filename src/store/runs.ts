import type { Db } from './db.ts';
import type { FailureKind } from '../errors.ts';
import type { SourceType } from '../types.ts';

// The run log: one row per run, and one per source per run saying what happened to it. It is
// what source health is judged from, and the snapshot keeps its recent part (data/runs.json).

/** `not_modified`: the source's main document had not changed, so nothing was parsed or written. */
export type FetchOutcome = 'ok' | 'failed' | 'not_modified';

export interface FetchRecord {
  outcome: FetchOutcome;
  errorKind?: FailureKind | null;
  httpStatus?: number | null;
  message?: string | null;
  found?: number;
  new?: number;
  changed?: number;
  missing?: number;
  upcoming?: number | null;
  /** See countDrop in health.ts. */
  countDrop?: string | null;
  durationMs: number;
  requests?: number;
  bytes?: number;
}

export interface RunEntry {
  id: number;
  startedAt: string;
  finishedAt: string | null;
}

/** One source's fetch in one run, as the run log holds it. */
export interface FetchEntry {
  run: number;
  groupId: string;
  type: SourceType;
  url: string;
  outcome: FetchOutcome;
  errorKind: FailureKind | null;
  httpStatus: number | null;
  message: string | null;
  found: number;
  new: number;
  changed: number;
  missing: number;
  upcoming: number | null;
  countDrop: string | null;
  durationMs: number;
  finishedAt: string;
}

/** Per source newest first, sources in config order; runs oldest first. */
export interface FetchHistory {
  runs: RunEntry[];
  fetches: FetchEntry[];
}

export interface SourceRef {
  groupId: string;
  type: SourceType;
  url: string;
}

/**
 * Fetches kept per source in the snapshot: a month of nightly runs. Older ones are kept too when
 * they still matter to the source's health (its last success, last failure, last count of
 * upcoming events, and every failure since its last success), so a restore reports it the same.
 */
export const FETCHES_KEPT_PER_SOURCE = 30;

export function startRun(db: Db, now: Date): number {
  const result = db.prepare('INSERT INTO runs (started_at) VALUES (?)').run(now.toISOString());
  return Number(result.lastInsertRowid);
}

export function finishRun(db: Db, runId: number, now: Date): void {
  db.prepare('UPDATE runs SET finished_at = ? WHERE id = ?').run(now.toISOString(), runId);
}

/** One row per source per run: what happened, and why when it failed. */
export function recordFetch(db: Db, runId: number, sourceId: number, record: FetchRecord, now: Date): void {
  db.prepare(
    `INSERT OR REPLACE INTO source_fetches (run_id, source_id, outcome, error_kind, http_status, message,
       events_found, events_new, events_changed, events_missing, upcoming_count, count_drop, duration_ms, finished_at,
       requests, bytes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    runId,
    sourceId,
    record.outcome,
    record.errorKind ?? null,
    record.httpStatus ?? null,
    record.message ?? null,
    record.found ?? 0,
    record.new ?? 0,
    record.changed ?? 0,
    record.missing ?? 0,
    record.upcoming ?? null,
    record.countDrop ?? null,
    Math.round(record.durationMs),
    now.toISOString(),
    record.requests ?? null,
    record.bytes ?? null,
  );
}

/** How many events, and upcoming events, the source's last successful fetch found; null if it never succeeded. */
export function lastSuccessfulCounts(db: Db, sourceId: number): { found: number; upcoming: number | null } | null {
  const row = db
    .prepare<[number], { events_found: number; upcoming_count: number | null }>(
      `SELECT events_found, upcoming_count FROM source_fetches WHERE source_id = ? AND outcome = 'ok'
       ORDER BY finished_at DESC, run_id DESC LIMIT 1`,
    )
    .get(sourceId);
  return row === undefined ? null : { found: row.events_found, upcoming: row.upcoming_count };
}

interface FetchRow {
  run_id: number;
  outcome: FetchOutcome;
  error_kind: FailureKind | null;
  http_status: number | null;
  message: string | null;
  events_found: number;
  events_new: number;
  events_changed: number;
  events_missing: number;
  upcoming_count: number | null;
  count_drop: string | null;
  duration_ms: number;
  finished_at: string;
}

/** Every fetch of each source (newest first), and the part of the log the snapshot keeps. */
export function readFetchHistory(db: Db, sources: SourceRef[]): { bySource: [SourceRef, FetchEntry[]][]; kept: FetchHistory } {
  const fetchesOf = db.prepare<[string, string, string], FetchRow>(
    `SELECT f.* FROM source_fetches f JOIN sources s ON s.id = f.source_id
     WHERE s.group_id = ? AND s.type = ? AND s.url = ?
     ORDER BY f.finished_at DESC, f.run_id DESC`,
  );
  const bySource = sources.map((source): [SourceRef, FetchEntry[]] => [
    source,
    fetchesOf.all(source.groupId, source.type, source.url).map((row) => ({
      run: row.run_id,
      ...source,
      outcome: row.outcome,
      errorKind: row.error_kind,
      httpStatus: row.http_status,
      message: row.message,
      found: row.events_found,
      new: row.events_new,
      changed: row.events_changed,
      missing: row.events_missing,
      upcoming: row.upcoming_count,
      countDrop: row.count_drop,
      durationMs: row.duration_ms,
      finishedAt: row.finished_at,
    })),
  ]);
  const fetches = bySource.flatMap(([, newestFirst]) => keptFetches(newestFirst));
  const runOf = db.prepare<[number], { started_at: string; finished_at: string | null }>(
    'SELECT started_at, finished_at FROM runs WHERE id = ?',
  );
  const runs = [...new Set(fetches.map((f) => f.run))]
    .sort((a, b) => a - b)
    .map((id) => {
      const run = runOf.get(id)!;
      return { id, startedAt: run.started_at, finishedAt: run.finished_at };
    });
  return { bySource, kept: { runs, fetches } };
}

function keptFetches(newestFirst: FetchEntry[]): FetchEntry[] {
  const lastSuccess = newestFirst.findIndex((f) => f.outcome !== 'failed');
  const keep = new Set([
    ...newestFirst.slice(0, Math.max(FETCHES_KEPT_PER_SOURCE, lastSuccess + 1)),
    newestFirst.find((f) => f.outcome === 'failed'),
    newestFirst.find((f) => f.outcome === 'ok'),
  ]);
  return newestFirst.filter((f) => keep.has(f));
}
