import type { Db } from './db.ts';
import type { Config, GroupDetails, SourceEvent, SourceType } from '../types.ts';
import { contentHash, eventSlug, sourceKey, stableEventId } from './ids.ts';

export interface StoredSource {
  id: number;
  key: string;
  groupId: string;
  type: SourceType;
  url: string;
}

export interface ApplyCounts {
  found: number;
  new: number;
  changed: number;
  /** Upcoming events this fetch no longer lists. */
  missing: number;
  upcoming: number;
}

/** An event missing from this many successful fetches in a row is no longer listed as upcoming. */
export const MISSING_FETCHES_BEFORE_REMOVAL = 2;

/** Make the store's groups and sources match the config; returns the config's sources. */
export function syncConfig(db: Db, config: Config): StoredSource[] {
  const upsertGroup = db.prepare(
    'INSERT INTO groups (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name',
  );
  const insertSource = db.prepare(
    'INSERT INTO sources (group_id, type, url) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const findSource = db.prepare<[string, string, string], { id: number }>(
    'SELECT id FROM sources WHERE group_id = ? AND type = ? AND url = ?',
  );
  return db.transaction(() =>
    config.groups.flatMap((group) => {
      upsertGroup.run(group.id, group.name);
      return group.sources.map((source) => {
        insertSource.run(group.id, source.type, source.url);
        const row = findSource.get(group.id, source.type, source.url)!;
        return {
          id: row.id,
          key: sourceKey(group.id, source.type, source.url),
          groupId: group.id,
          type: source.type,
          url: source.url,
        };
      });
    }),
  )();
}

interface EventRow {
  source_event_id: string;
  content_hash: string;
  end: string;
  missing_count: number;
}

/**
 * Write what a successful fetch returned. New events are inserted, changed ones updated with
 * their SEQUENCE raised, unchanged ones not written at all. Upcoming events the source no longer
 * lists count one more miss; past events are left as they are (feeds drop them as they age).
 * Runs inside the caller's transaction.
 */
export function applyEvents(
  db: Db,
  source: StoredSource,
  events: SourceEvent[],
  options: { now: Date; timezone: string },
): ApplyCounts {
  const nowIso = options.now.toISOString();
  const existing = new Map(
    db
      .prepare<[number], EventRow>(
        'SELECT source_event_id, content_hash, end, missing_count FROM events WHERE source_id = ?',
      )
      .all(source.id)
      .map((row) => [row.source_event_id, row]),
  );
  const insert = db.prepare(
    `INSERT INTO events (source_id, source_event_id, id, slug, data_json, content_hash, start, end,
       sequence, first_seen, last_changed, missing_count)
     VALUES (@sourceId, @sourceEventId, @id, @slug, @data, @hash, @start, @end, 0, @now, @now, 0)`,
  );
  const update = db.prepare(
    `UPDATE events SET data_json = @data, content_hash = @hash, start = @start, end = @end,
       sequence = sequence + 1, last_changed = @now, missing_count = 0
     WHERE source_id = @sourceId AND source_event_id = @sourceEventId`,
  );
  const setMissing = db.prepare(
    'UPDATE events SET missing_count = ? WHERE source_id = ? AND source_event_id = ?',
  );

  const counts: ApplyCounts = { found: 0, new: 0, changed: 0, missing: 0, upcoming: 0 };
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.sourceEventId)) continue;
    seen.add(event.sourceEventId);
    counts.found += 1;
    if (isUpcoming(event.end, nowIso)) counts.upcoming += 1;

    const hash = contentHash(event);
    const row = existing.get(event.sourceEventId);
    const params = {
      sourceId: source.id,
      sourceEventId: event.sourceEventId,
      data: JSON.stringify(event),
      hash,
      start: event.start,
      end: event.end,
      now: nowIso,
    };
    if (!row) {
      const id = stableEventId(source.key, event.sourceEventId);
      insert.run({ ...params, id, slug: eventSlug(event, id, options.timezone) });
      counts.new += 1;
    } else if (row.content_hash !== hash) {
      update.run(params);
      counts.changed += 1;
    } else if (row.missing_count !== 0) {
      setMissing.run(0, source.id, event.sourceEventId);
    }
  }

  for (const row of existing.values()) {
    if (seen.has(row.source_event_id) || !isUpcoming(row.end, nowIso)) continue;
    setMissing.run(row.missing_count + 1, source.id, row.source_event_id);
    counts.missing += 1;
  }
  return counts;
}

export function saveGroupDetails(db: Db, groupId: string, details: GroupDetails, now: Date): void {
  db.prepare('UPDATE groups SET details_json = ?, details_updated_at = ? WHERE id = ?').run(
    JSON.stringify(details),
    now.toISOString(),
    groupId,
  );
}

/** Timed ends are UTC instants, all-day ends local dates; both compare as text against `now`. */
function isUpcoming(end: string, nowIso: string): boolean {
  return end.length === 10 ? end > nowIso.slice(0, 10) : end > nowIso;
}
