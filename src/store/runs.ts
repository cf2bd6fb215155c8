import type { Db } from './db.ts';
import type { FailureKind } from '../errors.ts';
import type { FetchOutcome } from '../types.ts';

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
  alert?: string | null;
  durationMs: number;
  requests?: number;
  bytes?: number;
}

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
       events_found, events_new, events_changed, events_missing, upcoming_count, alert, duration_ms, finished_at,
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
    record.alert ?? null,
    Math.round(record.durationMs),
    now.toISOString(),
    record.requests ?? null,
    record.bytes ?? null,
  );
}

/** How many upcoming events the source's last successful fetch found, if it ever succeeded. */
export function lastUpcomingCount(db: Db, sourceId: number): number | null {
  const row = db
    .prepare<[number], { upcoming_count: number | null }>(
      `SELECT upcoming_count FROM source_fetches WHERE source_id = ? AND outcome = 'ok'
       ORDER BY finished_at DESC, run_id DESC LIMIT 1`,
    )
    .get(sourceId);
  return row?.upcoming_count ?? null;
}
