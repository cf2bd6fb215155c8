import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../store/db.ts';
import type { FailureKind } from '../errors.ts';
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
import { writeFileAtomic, writeJsonArrayAtomic } from '../fsutil.ts';
import { plainTextToHtml } from '../sanitize.ts';
import { appendTo } from '../maps.ts';

/**
 * Everything the site and the feeds are built from; also the committed record in data/, from
 * which a lost store is rebuilt (src/store/restore.ts). So it carries, beyond what the site
 * shows, whatever the store would otherwise forget: miss counts, what platforms said about each
 * group, and the recent fetch history.
 */
export interface Catalog {
  events: CatalogEvent[];
  groups: CatalogGroup[];
  sources: SourceHealth[];
  history: FetchHistory;
}

export interface CatalogEvent extends ExportedEvent {
  /** Successful fetches in a row that no longer listed it; `removed` once it reaches the limit. */
  missingCount: number;
}

export interface CatalogGroup extends ExportedGroup {
  /** What the group's platform said about it, before sources.yaml overrides any of it. */
  learned: GroupDetails | null;
  learnedAt: string | null;
}

export interface RunEntry {
  id: number;
  startedAt: string;
  finishedAt: string | null;
}

/** One source's fetch in one run, as the store's run log holds it. */
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
  alert: string | null;
  durationMs: number;
  finishedAt: string;
}

/** Per source newest first, sources in config order; runs oldest first. */
export interface FetchHistory {
  runs: RunEntry[];
  fetches: FetchEntry[];
}

export const EXPORT_FILES = {
  events: 'events.json',
  groups: 'groups.json',
  sources: 'sources.json',
  history: 'runs.json',
} as const;

/**
 * Fetches kept per source in the export: a month of nightly runs. Older ones are kept too when
 * they still matter to the source's health (its last success, last failure, last count of
 * upcoming events, and every failure since its last success), so a restore reports it the same.
 */
export const FETCHES_KEPT_PER_SOURCE = 30;

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

  const history = readFetchHistory(db, config);
  return { events, groups: readGroups(db, config), sources: healthOf(history.bySource), history: history.kept };
}

/** The catalog of a config with nothing fetched yet: its groups, no events, no history. */
export function emptyCatalog(config: Config): Catalog {
  const groups = configuredGroups(config, () => ({})).map((g) => ({ ...g, learned: null, learnedAt: null }));
  return { events: [], groups, sources: [], history: { runs: [], fetches: [] } };
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

function toExportedEvent(row: EventRow, changes: EventChange[]): CatalogEvent {
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
    missingCount: row.missing_count,
    changes,
    ...event,
  };
}

function readGroups(db: Db, config: Config): CatalogGroup[] {
  const rowOf = db.prepare<[string], { details_json: string | null; details_updated_at: string | null }>(
    'SELECT details_json, details_updated_at FROM groups WHERE id = ?',
  );
  const learned = new Map(
    config.groups.map((group) => {
      const row = rowOf.get(group.id);
      const details = row?.details_json ? (JSON.parse(row.details_json) as GroupDetails) : null;
      return [group.id, { learned: details, learnedAt: row?.details_updated_at ?? null }];
    }),
  );
  return configuredGroups(config, (id) => learned.get(id)?.learned ?? {}).map((group) => ({
    ...group,
    ...learned.get(group.id)!,
  }));
}

/**
 * The config decides which groups exist and what they are called; what the platform said about
 * a group fills in the rest. What the maintainer wrote in sources.yaml always wins.
 */
function configuredGroups(config: Config, learned: (groupId: string) => GroupDetails): ExportedGroup[] {
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
  alert: string | null;
  duration_ms: number;
  finished_at: string;
}

type ConfiguredSource = { groupId: string; type: SourceType; url: string };

const configuredSources = (config: Config): ConfiguredSource[] =>
  config.groups.flatMap((group) => group.sources.map((source) => ({ groupId: group.id, type: source.type, url: source.url })));

/** Every fetch of each configured source (newest first), and the part of it the export keeps. */
function readFetchHistory(db: Db, config: Config): { bySource: [ConfiguredSource, FetchEntry[]][]; kept: FetchHistory } {
  const fetchesOf = db.prepare<[string, string, string], FetchRow>(
    `SELECT f.* FROM source_fetches f JOIN sources s ON s.id = f.source_id
     WHERE s.group_id = ? AND s.type = ? AND s.url = ?
     ORDER BY f.finished_at DESC, f.run_id DESC`,
  );
  const bySource = configuredSources(config).map((source): [ConfiguredSource, FetchEntry[]] => [
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
      alert: row.alert,
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

/** Each configured source's health, from all its fetches, newest first. */
function healthOf(bySource: [ConfiguredSource, FetchEntry[]][]): SourceHealth[] {
  return bySource.map(([source, rows]) => {
    const lastSuccess = rows.find((r) => r.outcome !== 'failed');
    const lastFailure = rows.find((r) => r.outcome === 'failed');
    const firstSuccessIndex = rows.findIndex((r) => r.outcome !== 'failed');
    const consecutiveFailures = firstSuccessIndex === -1 ? rows.length : firstSuccessIndex;
    return {
      ...source,
      lastOutcome: rows[0]?.outcome ?? null,
      lastAttempt: rows[0]?.finishedAt ?? null,
      lastSuccess: lastSuccess?.finishedAt ?? null,
      lastFailure: lastFailure?.finishedAt ?? null,
      lastError: lastFailure?.message ?? null,
      consecutiveFailures,
      upcomingCounts: rows
        .filter((r) => r.outcome !== 'failed' && r.upcoming !== null)
        .slice(0, UPCOMING_COUNTS_KEPT)
        .map((r) => r.upcoming!)
        .reverse(),
      flag: flagOf(consecutiveFailures, lastFailure?.message ?? null, lastSuccess?.alert ?? null),
    };
  });
}

const UPCOMING_COUNTS_KEPT = 10;
/** A source failing this many runs in a row needs a maintainer. */
export const FAILURES_BEFORE_FLAG = 3;

/** Why a source needs a look: it keeps failing, or it answers but lost half its events. */
function flagOf(consecutiveFailures: number, lastError: string | null, alert: string | null): string | null {
  if (consecutiveFailures >= FAILURES_BEFORE_FLAG) return `failed ${consecutiveFailures} runs in a row: ${lastError ?? 'no reason recorded'}`;
  return consecutiveFailures === 0 ? alert : null;
}

/** Write the catalog to `dir` as JSON, each file replaced atomically. */
export function writeCatalog(dir: string, catalog: Catalog): void {
  for (const [key, file] of Object.entries(EXPORT_FILES)) {
    const value = catalog[key as keyof Catalog];
    if (Array.isArray(value)) writeJsonArrayAtomic(join(dir, file), value);
    else writeFileAtomic(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  }
}

/**
 * Read back what writeCatalog wrote, or null when `dir` holds no export. An export missing one of
 * its files is an error: restoring half a record would silently lose the rest.
 */
export function readExport(dir: string): Catalog | null {
  if (!existsSync(join(dir, EXPORT_FILES.events))) return null;
  const read = (file: string): unknown => {
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`the export in ${dir} is incomplete: ${file} is missing`);
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return {
    events: read(EXPORT_FILES.events) as CatalogEvent[],
    groups: read(EXPORT_FILES.groups) as CatalogGroup[],
    sources: read(EXPORT_FILES.sources) as SourceHealth[],
    history: read(EXPORT_FILES.history) as FetchHistory,
  };
}
