import { join } from 'node:path';
import type { Db } from '../store/db.ts';
import { MISSING_FETCHES_BEFORE_REMOVAL } from '../store/events.ts';
import type {
  Config,
  EventChange,
  ExportedEvent,
  ExportedGroup,
  FetchOutcome,
  GroupDetails,
  SourceEvent,
  SourceHealth,
  SourceType,
} from '../types.ts';
import { writeFileAtomic } from '../fsutil.ts';
import { plainTextToHtml } from '../sanitize.ts';

/** Everything the site and the feeds are built from; also the committed record in data/. */
export interface Catalog {
  events: ExportedEvent[];
  groups: ExportedGroup[];
  sources: SourceHealth[];
}

export const EXPORT_FILES = {
  events: 'events.json',
  groups: 'groups.json',
  sources: 'sources.json',
} as const;

interface EventRow {
  id: string;
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

/** Read the store into the export shape, for the sources the config lists today. */
export function readCatalog(db: Db, config: Config): Catalog {
  const configured = new Set(config.groups.flatMap((g) => g.sources.map((s) => `${g.id} ${s.type} ${s.url}`)));
  const isConfigured = (row: { group_id: string; type: string; url: string }) =>
    configured.has(`${row.group_id} ${row.type} ${row.url}`);

  const changes = readChanges(db);
  const events = db
    .prepare<[], EventRow>(
      `SELECT e.id, e.slug, e.data_json, e.sequence, e.first_seen, e.last_changed, e.missing_count,
              s.group_id, s.type, s.url
       FROM events e JOIN sources s ON s.id = e.source_id
       ORDER BY e.start, e.id`,
    )
    .all()
    .filter(isConfigured)
    .map((row) => toExportedEvent(row, changes.get(row.id) ?? []));

  return { events, groups: readGroups(db, config), sources: readHealth(db, config) };
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
    byEvent.set(row.event_id, [...(byEvent.get(row.event_id) ?? []), change]);
  }
  return byEvent;
}

function toExportedEvent(row: EventRow, changes: EventChange[]): ExportedEvent {
  const event = JSON.parse(row.data_json) as SourceEvent;
  return {
    id: row.id,
    slug: row.slug,
    groupId: row.group_id,
    sourceType: row.type,
    sourceUrl: row.url,
    sequence: row.sequence,
    firstSeen: row.first_seen,
    lastChanged: row.last_changed,
    removed: row.missing_count >= MISSING_FETCHES_BEFORE_REMOVAL,
    changes,
    ...event,
  };
}

function readGroups(db: Db, config: Config): ExportedGroup[] {
  const detailsOf = db.prepare<[string], { details_json: string | null }>('SELECT details_json FROM groups WHERE id = ?');
  return configuredGroups(config, (id) => {
    const json = detailsOf.get(id)?.details_json;
    return json ? (JSON.parse(json) as GroupDetails) : {};
  });
}

/**
 * The config decides which groups exist and what they are called; what the platform said about
 * a group fills in the rest. What the maintainer wrote in sources.yaml always wins.
 */
export function configuredGroups(config: Config, learned: (groupId: string) => GroupDetails): ExportedGroup[] {
  return config.groups.map((group) => {
    const details = learned(group.id);
    return {
      id: group.id,
      name: group.name,
      homepage: group.homepage ?? details.links?.[0] ?? null,
      descriptionHtml: group.description ? plainTextToHtml(group.description) : (details.descriptionHtml ?? null),
      imageUrl: details.imageUrl ?? null,
      links: details.links ?? [],
      tags: group.tags,
      sources: group.sources.map((s) => ({ type: s.type, url: s.url })),
    };
  });
}

interface FetchRow {
  outcome: FetchOutcome;
  message: string | null;
  finished_at: string;
}

function readHealth(db: Db, config: Config): SourceHealth[] {
  const history = db.prepare<[string, string, string], FetchRow>(
    `SELECT f.outcome, f.message, f.finished_at
     FROM source_fetches f JOIN sources s ON s.id = f.source_id
     WHERE s.group_id = ? AND s.type = ? AND s.url = ?
     ORDER BY f.finished_at DESC`,
  );
  return config.groups.flatMap((group) =>
    group.sources.map((source) => {
      const rows = history.all(group.id, source.type, source.url);
      const lastSuccess = rows.find((r) => r.outcome !== 'failed');
      const lastFailure = rows.find((r) => r.outcome === 'failed');
      const firstSuccessIndex = rows.findIndex((r) => r.outcome !== 'failed');
      return {
        groupId: group.id,
        type: source.type,
        url: source.url,
        lastOutcome: rows[0]?.outcome ?? null,
        lastAttempt: rows[0]?.finished_at ?? null,
        lastSuccess: lastSuccess?.finished_at ?? null,
        lastFailure: lastFailure?.finished_at ?? null,
        lastError: lastFailure?.message ?? null,
        consecutiveFailures: firstSuccessIndex === -1 ? rows.length : firstSuccessIndex,
      };
    }),
  );
}

/** Write the catalog to `dir` as JSON, each file replaced atomically. */
export function writeCatalog(dir: string, catalog: Catalog): void {
  for (const [key, file] of Object.entries(EXPORT_FILES)) {
    writeFileAtomic(join(dir, file), `${JSON.stringify(catalog[key as keyof Catalog], null, 2)}\n`);
  }
}
