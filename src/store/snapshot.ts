import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.ts';
import { writeFileAtomic, writeJsonArrayAtomic } from '../fsutil.ts';
import { appendTo } from '../maps.ts';
import { safeHttpUrl, sanitizeDescription } from '../text/sanitize.ts';
import type { EventChange, SourceEvent, SourceType, StoredEvent, StoredGroup } from '../types.ts';
import type { Db } from './db.ts';
import { MISSING_FETCHES_BEFORE_REMOVAL } from './events.ts';
import { configuredGroup, readGroups } from './groups.ts';
import { feedUid } from './identity.ts';
import { readAnnouncementHistory, type AnnouncementHistory } from './announcements.ts';
import { assessHealth, type SourceHealth } from './health.ts';
import { readFetchHistory, type FetchEntry, type FetchHistory, type SourceRef } from './runs.ts';

/**
 * The store as the site and the feeds read it; also the committed record in data/ (the store's
 * snapshot), from which a lost store is rebuilt (restore.ts). So it carries, beyond what the site
 * shows, whatever the store would otherwise forget: miss counts, what platforms said about each
 * group, and the recent fetch history.
 */
export interface Snapshot {
  events: StoredEvent[];
  groups: StoredGroup[];
  sources: SourceHealth[];
  history: FetchHistory;
  announcements: AnnouncementHistory;
}

export const SNAPSHOT_FILES = {
  events: 'events.json',
  groups: 'groups.json',
  sources: 'sources.json',
  history: 'runs.json',
  announcements: 'announcements.json',
} as const;

/** Read the store, for the sources the config lists today. */
export function readSnapshot(db: Db, config: Config): Snapshot {
  const sources = configuredSources(config);
  const configured = new Set(sources.map(sourceKey));
  const events = readStoredEvents(db).filter((event) =>
    configured.has(sourceKey({ groupId: event.groupId, type: event.sourceType, url: event.sourceUrl })),
  );
  const history = readFetchHistory(db, sources);
  return {
    events,
    groups: readGroups(db, config),
    sources: history.bySource.map(([source, newestFirst]) => assessHealth(source, newestFirst)),
    history: history.kept,
    announcements: readAnnouncementHistory(db),
  };
}

/** The snapshot of a config with nothing fetched yet: its groups, no events, no history. */
export function emptySnapshot(config: Config): Snapshot {
  const groups = config.groups.map((group) => configuredGroup(group, null, null));
  return { events: [], groups, sources: [], history: { runs: [], fetches: [] }, announcements: { channels: [], posts: [] } };
}

function configuredSources(config: Config): SourceRef[] {
  return config.groups.flatMap((group) => group.sources.map((source) => ({ groupId: group.id, type: source.type, url: source.url })));
}

function sourceKey(source: SourceRef): string {
  return `${source.groupId} ${source.type} ${source.url}`;
}

interface EventRow {
  id: string;
  uid: string | null;
  slug: string;
  data_json: string;
  sequence: number;
  first_seen: string;
  last_changed: string;
  missing_count: number;
  group_id: string;
  type: SourceType;
  url: string;
}

/** Every stored event, soonest first, with what changed about it. */
function readStoredEvents(db: Db): StoredEvent[] {
  const changes = readChanges(db);
  return db
    .prepare<[], EventRow>(
      `SELECT e.id, e.uid, e.slug, e.data_json, e.sequence, e.first_seen, e.last_changed, e.missing_count,
              s.group_id, s.type, s.url
       FROM events e JOIN sources s ON s.id = e.source_id
       ORDER BY e.start, e.id`,
    )
    .all()
    .map((row) => storedEvent(row, changes.get(row.id) ?? []));
}

function readChanges(db: Db): Map<string, EventChange[]> {
  const byEvent = new Map<string, EventChange[]>();
  const rows = db
    .prepare<[], { event_id: string; changed_at: string; fields: string; previous: string }>(
      'SELECT event_id, changed_at, fields, previous FROM event_changes ORDER BY changed_at, rowid',
    )
    .all();
  for (const row of rows) {
    const change: EventChange = { at: row.changed_at, fields: JSON.parse(row.fields), previous: JSON.parse(row.previous) };
    appendTo(byEvent, row.event_id, change);
  }
  return byEvent;
}

function storedEvent(row: EventRow, changes: EventChange[]): StoredEvent {
  const event = JSON.parse(row.data_json) as SourceEvent;
  return {
    id: row.id,
    // Null only before the first build since UIDs were kept, which gives every event its own.
    uid: row.uid ?? feedUid(row.id),
    slug: row.slug,
    groupId: row.group_id,
    sourceType: row.type,
    sourceUrl: row.url,
    sequence: row.sequence,
    firstSeen: row.first_seen,
    lastChanged: row.last_changed,
    removed: row.missing_count >= MISSING_FETCHES_BEFORE_REMOVAL,
    missingCount: row.missing_count,
    changes,
    ...event,
  };
}

/** Write the snapshot to `dir` as JSON, each file replaced atomically. */
export function writeSnapshot(dir: string, snapshot: Snapshot): void {
  for (const [key, file] of Object.entries(SNAPSHOT_FILES)) {
    const value = snapshot[key as keyof Snapshot];
    if (Array.isArray(value)) writeJsonArrayAtomic(join(dir, file), value);
    else writeFileAtomic(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  }
}

/** Only the record of what was announced, as `announce` leaves it after the site's build. */
export function writeAnnouncementsFile(dir: string, history: AnnouncementHistory): void {
  writeFileAtomic(join(dir, SNAPSHOT_FILES.announcements), `${JSON.stringify(history, null, 2)}\n`);
}

/**
 * Read back what writeSnapshot wrote, or null when `dir` holds no snapshot. A snapshot missing one
 * of its files is an error: restoring half a record would silently lose the rest. The files are
 * committed, so a pull request can change them: what they say is untrusted, as a source's pages
 * are, and its markup and links are sanitized on the way in.
 */
export function readSnapshotFiles(dir: string): Snapshot | null {
  if (!existsSync(join(dir, SNAPSHOT_FILES.events))) return null;
  const read = (file: string, whenMissing?: unknown): unknown => {
    const path = join(dir, file);
    if (!existsSync(path) && whenMissing !== undefined) return whenMissing;
    if (!existsSync(path)) throw new Error(`the snapshot in ${dir} is incomplete: ${file} is missing`);
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const history = read(SNAPSHOT_FILES.history) as FetchHistory;
  return sanitizedSnapshot({
    events: read(SNAPSHOT_FILES.events) as StoredEvent[],
    groups: read(SNAPSHOT_FILES.groups) as StoredGroup[],
    sources: read(SNAPSHOT_FILES.sources) as SourceHealth[],
    history: { ...history, fetches: history.fetches.map(withCountDrop) },
    // Snapshots from before announcing began have no such file: nothing was announced then.
    announcements: read(SNAPSHOT_FILES.announcements, { channels: [], posts: [] }) as AnnouncementHistory,
  });
}

/** A snapshot whose descriptions are sanitized HTML and whose links are http(s) or nothing. */
export function sanitizedSnapshot(snapshot: Snapshot): Snapshot {
  return { ...snapshot, events: snapshot.events.map(sanitizedEvent), groups: snapshot.groups.map(sanitizedGroup) };
}

export function sanitizedEvent<E extends StoredEvent>(event: E): E {
  return {
    ...event,
    // A UID goes into every feed as it is: printable ASCII on one line, or none (a build gives one).
    uid: typeof event.uid === 'string' && /^[\x21-\x7e]{1,255}$/.test(event.uid) ? event.uid : (null as unknown as string),
    descriptionHtml: sanitizeDescription(event.descriptionHtml ?? ''),
    url: safeHttpUrl(event.url),
    onlineUrl: safeHttpUrl(event.onlineUrl),
    imageUrl: safeHttpUrl(event.imageUrl),
  };
}

export function sanitizedGroup(group: StoredGroup): StoredGroup {
  const learned = group.learned && {
    ...group.learned,
    descriptionHtml: group.learned.descriptionHtml === undefined ? undefined : sanitizeDescription(group.learned.descriptionHtml),
    imageUrl: safeHttpUrl(group.learned.imageUrl) ?? undefined,
    links: group.learned.links?.flatMap((link) => safeHttpUrl(link) ?? []),
  };
  return {
    ...group,
    homepage: safeHttpUrl(group.homepage),
    descriptionHtml: group.descriptionHtml === null ? null : sanitizeDescription(group.descriptionHtml),
    imageUrl: safeHttpUrl(group.imageUrl),
    links: group.links.flatMap((link) => safeHttpUrl(link) ?? []),
    learned,
  };
}

/** Snapshots written before the run log said "count drop" called it an alert. */
function withCountDrop(entry: FetchEntry & { alert?: string | null }): FetchEntry {
  const { alert, ...rest } = entry;
  return { ...rest, countDrop: entry.countDrop ?? alert ?? null };
}
