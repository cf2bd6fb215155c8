import { existsSync, renameSync, rmSync } from 'node:fs';
import type { Db } from './db.ts';
import { openStore } from './db.ts';
import { restoreAnnouncementHistory } from './announcements.ts';
import { contentHash } from './ids.ts';
import { recordFetch } from './runs.ts';
import { readSnapshotFiles, type Snapshot } from './snapshot.ts';
import type { SourceEvent, StoredEvent } from '../types.ts';

// The store is a working copy; the committed export in data/ is the durable record. A fresh
// clone or an evicted CI cache has no store, and starting from an empty one would make every
// event "new" again, restart SEQUENCE at 0 (calendar apps would ignore the changes) and forget
// which sources had been failing. So the store is rebuilt from the export first.

/**
 * When there is no store at `dbPath` but `dataDir` holds an export, rebuild the store from it.
 * Returns whether it did. The store appears whole or not at all: it is built beside its final
 * path and renamed into place.
 */
export function restoreIfMissing(dbPath: string, dataDir: string): boolean {
  if (existsSync(dbPath)) return false;
  const exported = readSnapshotFiles(dataDir);
  if (!exported) return false;

  const staging = `${dbPath}.restoring`;
  removeStoreFiles(staging);
  try {
    const db = openStore(staging);
    try {
      restoreStore(db, exported);
    } finally {
      db.close();
    }
    renameSync(staging, dbPath);
  } catch (error) {
    removeStoreFiles(staging);
    throw error;
  }
  return true;
}

/** Write an exported snapshot into an empty store, ids, slugs, sequences and history as they were. */
export function restoreStore(db: Db, snapshot: Snapshot): void {
  db.transaction(() => {
    restoreAnnouncementHistory(db, snapshot.announcements);
    const sourceId = sourceIds(db);
    for (const group of snapshot.groups) {
      db.prepare('INSERT INTO groups (id, name, details_json, details_updated_at) VALUES (?, ?, ?, ?)').run(
        group.id,
        group.name,
        group.learned ? JSON.stringify(group.learned) : null,
        group.learnedAt,
      );
      for (const source of group.sources) sourceId(group.id, source.type, source.url);
    }

    const insertRun = db.prepare('INSERT INTO runs (id, started_at, finished_at) VALUES (?, ?, ?)');
    for (const run of snapshot.history.runs) insertRun.run(run.id, run.startedAt, run.finishedAt);
    for (const fetch of snapshot.history.fetches) {
      recordFetch(db, fetch.run, sourceId(fetch.groupId, fetch.type, fetch.url), fetch, new Date(fetch.finishedAt));
    }

    const insertEvent = db.prepare(
      `INSERT INTO events (source_id, source_event_id, id, uid, slug, data_json, content_hash, start, end,
         sequence, first_seen, last_changed, missing_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertChange = db.prepare('INSERT INTO event_changes (event_id, changed_at, fields, previous) VALUES (?, ?, ?, ?)');
    for (const exported of snapshot.events) {
      const event = sourceEventOf(exported);
      insertEvent.run(
        sourceId(exported.groupId, exported.sourceType, exported.sourceUrl),
        event.sourceEventId,
        exported.id,
        // Snapshots from before UIDs were kept have none: the next build gives it (identity.ts).
        exported.uid ?? null,
        exported.slug,
        JSON.stringify(event),
        contentHash(event),
        event.start,
        event.end,
        exported.sequence,
        exported.firstSeen,
        exported.lastChanged,
        exported.missingCount,
      );
      for (const change of exported.changes) {
        insertChange.run(exported.id, change.at, JSON.stringify(change.fields), JSON.stringify(change.previous));
      }
    }
  })();
}

/** The id of a source, inserting it (and, for a group the export no longer lists, its group). */
function sourceIds(db: Db): (groupId: string, type: string, url: string) => number {
  const insertGroup = db.prepare('INSERT INTO groups (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const insertSource = db.prepare('INSERT INTO sources (group_id, type, url) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const findSource = db.prepare<[string, string, string], { id: number }>(
    'SELECT id FROM sources WHERE group_id = ? AND type = ? AND url = ?',
  );
  return (groupId, type, url) => {
    insertGroup.run(groupId, groupId);
    insertSource.run(groupId, type, url);
    return findSource.get(groupId, type, url)!.id;
  };
}

/**
 * What the adapter returned, exactly: the export adds its own fields to it and nothing else, so
 * taking them off gives back the same JSON, hence the same content hash (no phantom "changed").
 */
function sourceEventOf(exported: StoredEvent): SourceEvent {
  const {
    id: _id,
    uid: _uid,
    slug: _slug,
    groupId: _groupId,
    sourceType: _sourceType,
    sourceUrl: _sourceUrl,
    sequence: _sequence,
    firstSeen: _firstSeen,
    lastChanged: _lastChanged,
    removed: _removed,
    missingCount: _missingCount,
    changes: _changes,
    ...event
  } = exported;
  return event;
}

function removeStoreFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
