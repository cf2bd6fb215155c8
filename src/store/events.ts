import type { Db } from './db.ts';
import type { Config, SourceConfig } from '../config/schema.ts';
import type { SourceEvent, SourceType } from '../types.ts';
import { contentHash, eventSlug, sourceKey, stableEventId } from './ids.ts';
import { describeChange } from './changes.ts';
import { feedUid } from './identity.ts';

export interface StoredSource {
  id: number;
  key: string;
  groupId: string;
  type: SourceType;
  url: string;
  /** The source as the config gives it, for its adapter. */
  config: SourceConfig;
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
          config: source,
        };
      });
    }),
  )();
}

interface EventRow {
  source_event_id: string;
  id: string;
  data_json: string;
  content_hash: string;
  end: string;
  missing_count: number;
}

/**
 * Write what a successful fetch returned. New events are inserted, changed ones updated with
 * their SEQUENCE raised and the change recorded, unchanged ones not written at all. Upcoming
 * events the source no longer lists count one more miss; past events are left as they are
 * (feeds drop them as they age). Runs inside the caller's transaction.
 */
export function applyEvents(
  db: Db,
  source: StoredSource,
  events: SourceEvent[],
  options: { now: Date; timezone: string },
): ApplyCounts {
  const nowIso = options.now.toISOString();
  const incoming = uniqueById(events);
  const existing = new Map(
    db
      .prepare<[number], EventRow>(
        'SELECT source_event_id, id, data_json, content_hash, end, missing_count FROM events WHERE source_id = ?',
      )
      .all(source.id)
      .map((row) => [row.source_event_id, row]),
  );
  const statements = prepare(db);
  const renamed = findRenamed(existing, incoming);

  const counts: ApplyCounts = { found: incoming.size, new: 0, changed: 0, missing: 0, upcoming: 0 };
  for (const event of incoming.values()) {
    if (isUpcoming(event.end, nowIso)) counts.upcoming += 1;
    const previousId = renamed.get(event.sourceEventId);
    if (previousId !== undefined) {
      statements.rekey.run(event.sourceEventId, source.id, previousId);
      existing.set(event.sourceEventId, { ...existing.get(previousId)!, source_event_id: event.sourceEventId });
      existing.delete(previousId);
    }

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
      statements.insert.run({ ...params, id, uid: feedUid(id), slug: freeSlug(event, id, options.timezone, statements.slugTaken) });
      counts.new += 1;
    } else if (row.content_hash !== hash) {
      statements.update.run(params);
      const change = describeChange(JSON.parse(row.data_json) as SourceEvent, event);
      if (change.fields.length > 0) {
        statements.recordChange.run(row.id, nowIso, JSON.stringify(change.fields), JSON.stringify(change.previous));
      }
      counts.changed += 1;
    } else if (row.missing_count !== 0) {
      statements.setMissing.run(0, source.id, event.sourceEventId);
    }
  }

  for (const row of existing.values()) {
    if (incoming.has(row.source_event_id) || !isUpcoming(row.end, nowIso)) continue;
    statements.setMissing.run(row.missing_count + 1, source.id, row.source_event_id);
    counts.missing += 1;
  }
  return counts;
}

function prepare(db: Db) {
  return {
    insert: db.prepare(
      `INSERT INTO events (source_id, source_event_id, id, uid, slug, data_json, content_hash, start, end,
         sequence, first_seen, last_changed, missing_count)
       VALUES (@sourceId, @sourceEventId, @id, @uid, @slug, @data, @hash, @start, @end, 0, @now, @now, 0)`,
    ),
    update: db.prepare(
      `UPDATE events SET data_json = @data, content_hash = @hash, start = @start, end = @end,
         sequence = sequence + 1, last_changed = @now, missing_count = 0
       WHERE source_id = @sourceId AND source_event_id = @sourceEventId`,
    ),
    slugTaken: db.prepare<[string], { found: number }>('SELECT 1 AS found FROM events WHERE slug = ?'),
    rekey: db.prepare('UPDATE events SET source_event_id = ? WHERE source_id = ? AND source_event_id = ?'),
    setMissing: db.prepare('UPDATE events SET missing_count = ? WHERE source_id = ? AND source_event_id = ?'),
    recordChange: db.prepare('INSERT INTO event_changes (event_id, changed_at, fields, previous) VALUES (?, ?, ?, ?)'),
  };
}

/**
 * Same title, same day and the same first characters of the id would give two events one slug
 * (a hostile page can choose its ids): take more of the id until the slug is free.
 */
function freeSlug(
  event: SourceEvent,
  id: string,
  zone: string,
  taken: { get(slug: string): { found: number } | undefined },
): string {
  for (let chars = 6; chars < id.length; chars += 2) {
    const slug = eventSlug(event, id, zone, chars);
    if (!taken.get(slug)) return slug;
  }
  return eventSlug(event, id, zone, id.length);
}

function uniqueById(events: SourceEvent[]): Map<string, SourceEvent> {
  const byId = new Map<string, SourceEvent>();
  for (const event of events) if (!byId.has(event.sourceEventId)) byId.set(event.sourceEventId, event);
  return byId;
}

/**
 * Some sources change an event's id while the event stays the same (Meetup gives far instances
 * of a series a temporary id, then a numeric one). A stored event this fetch no longer lists,
 * with exactly the start and title of an event it lists under a new id, is that event: it keeps
 * its id, slug and history instead of turning into a removal plus a duplicate.
 * Returns new source id → old source id.
 */
function findRenamed(existing: Map<string, EventRow>, incoming: Map<string, SourceEvent>): Map<string, string> {
  const vanished = new Map<string, string>();
  for (const row of existing.values()) {
    if (incoming.has(row.source_event_id)) continue;
    const stored = JSON.parse(row.data_json) as SourceEvent;
    vanished.set(identityKey(stored), row.source_event_id);
  }
  const renamed = new Map<string, string>();
  for (const event of incoming.values()) {
    if (existing.has(event.sourceEventId)) continue;
    const previousId = vanished.get(identityKey(event));
    if (previousId === undefined) continue;
    renamed.set(event.sourceEventId, previousId);
    vanished.delete(identityKey(event));
  }
  return renamed;
}

function identityKey(event: SourceEvent): string {
  return `${event.start}\u0000${event.title.trim().toLowerCase()}`;
}


/** Timed ends are UTC instants, all-day ends local dates; both compare as text against `now`. */
function isUpcoming(end: string, nowIso: string): boolean {
  return end.length === 10 ? end > nowIso.slice(0, 10) : end > nowIso;
}
