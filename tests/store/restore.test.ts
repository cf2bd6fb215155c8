import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Db } from '../../src/store/db.ts';
import { applyEvents, syncConfig, type StoredSource } from '../../src/store/events.ts';
import { saveGroupDetails } from '../../src/store/groups.ts';
import { FETCHES_KEPT_PER_SOURCE, finishRun, lastSuccessfulCounts, recordFetch, startRun } from '../../src/store/runs.ts';
import { restoreIfMissing } from '../../src/store/restore.ts';
import { readSnapshot, writeSnapshot } from '../../src/store/snapshot.ts';
import type { SourceEvent, StoredEvent } from '../../src/types.ts';
import type { Config } from '../../src/config/schema.ts';
import { config as testConfig, groupConfig, siteConfig, sourceEvent } from '../helpers/builders.ts';

const DAY = 24 * 3600 * 1000;
const START = Date.parse('2026-11-01T12:00:00Z');
const night = (n: number) => new Date(START + n * DAY);

const config: Config = testConfig({
  site: siteConfig({ title: 'T', url: 'https://t.example' }),
  groups: [
    groupConfig({ id: 'py', name: 'Python', description: 'Our own words.', tags: ['python'] }),
    groupConfig({ id: 'rust', name: 'Rust', sources: [{ type: 'jsonld', url: 'https://rust.example/' }] }),
  ],
});

function event(overrides: Partial<SourceEvent> = {}): SourceEvent {
  return sourceEvent({
    sourceEventId: 'uid-1',
    start: '2026-12-24T02:00:00Z',
    end: '2026-12-24T04:00:00Z',
    venue: { name: 'IntelliTect', address: '1720 W 4th Ave, Spokane', lat: 47.65, lon: -117.43 },
    url: 'https://py.example/events/1',
    descriptionHtml: '<p>Talks</p>',
    topics: ['python'],
    ...overrides,
  });
}

const scratch = () => mkdtempSync(join(tmpdir(), 'spokane-tech-restore-'));

/** One nightly run: each source either lists `events` or fails. */
function run(db: Db, sources: StoredSource[], n: number, outcome: (source: StoredSource) => SourceEvent[] | Error) {
  const runId = startRun(db, night(n));
  for (const source of sources) {
    const result = outcome(source);
    if (result instanceof Error) {
      recordFetch(db, runId, source.id, { outcome: 'failed', errorKind: 'http', httpStatus: 503, message: result.message, durationMs: 40 }, night(n));
      continue;
    }
    db.transaction(() => {
      const counts = applyEvents(db, source, result, { now: night(n), timezone: 'America/Los_Angeles' });
      recordFetch(db, runId, source.id, { outcome: 'ok', ...counts, durationMs: 120 }, night(n));
    })();
  }
  finishRun(db, runId, night(n));
}

/** Six weeks of history: changes, a missed event, a group's details, and a source failing for 35 nights. */
function storeWithHistory(path: string): Db {
  const db = openStore(path);
  const sources = syncConfig(db, config);
  const hack = event({ sourceEventId: 'uid-2', title: 'Hack Night' });
  const rustNight = event({ sourceEventId: 'r1', title: 'Rust Night', url: null });
  const onlyPython = (...events: SourceEvent[]) => (source: StoredSource) =>
    source.groupId === 'py' ? events : new Error('HTTP 503 from rust.example');
  run(db, sources, 0, (source) => (source.groupId === 'py' ? [event(), hack] : [rustNight]));
  run(db, sources, 1, onlyPython(event({ start: '2026-12-24T03:00:00Z' }), hack));
  for (let n = 2; n < 38; n++) run(db, sources, n, onlyPython(event({ start: '2026-12-24T03:00:00Z', venue: null, attendance: 'online' })));
  saveGroupDetails(db, 'py', { descriptionHtml: '<p>From Meetup</p>', imageUrl: 'https://img.example/py.png', links: ['https://meetup.example/py'], timezone: 'America/Los_Angeles' }, night(37));
  return db;
}

describe('restoring the store from the export', () => {
  it('gives back the same snapshot: events, changes, miss counts, group details and source health', () => {
    const dir = scratch();
    const original = storeWithHistory(join(dir, 'original.db'));
    const snapshot = readSnapshot(original, config);
    writeSnapshot(join(dir, 'data'), snapshot);

    expect(restoreIfMissing(join(dir, 'restored.db'), join(dir, 'data'))).toBe(true);
    const restored = openStore(join(dir, 'restored.db'));
    expect(readSnapshot(restored, config)).toEqual(snapshot);

    const talk = snapshot.events.find((e) => e.sourceEventId === 'uid-1')!;
    expect(talk.sequence).toBe(2);
    expect(talk.changes.map((c) => c.fields)).toEqual([['time'], ['place']]);
    expect(snapshot.groups[0]!.learned).toMatchObject({ descriptionHtml: '<p>From Meetup</p>', timezone: 'America/Los_Angeles' });
  });

  it('keeps a month of fetches per source in the export, and every failure since the last success', () => {
    const dir = scratch();
    const snapshot = readSnapshot(storeWithHistory(join(dir, 'original.db')), config);
    const fetchesOf = (groupId: string) => snapshot.history.fetches.filter((f) => f.groupId === groupId);
    expect(fetchesOf('py')).toHaveLength(FETCHES_KEPT_PER_SOURCE);
    // 37 failures in a row after one success: all of them, and the success, survive the trim.
    expect(snapshot.sources.find((s) => s.groupId === 'rust')!.consecutiveFailures).toBe(37);
    expect(fetchesOf('rust')).toHaveLength(38);
    expect(snapshot.history.runs.map((r) => r.id)).toEqual([...new Set(snapshot.history.fetches.map((f) => f.run))].sort((a, b) => a - b));
  });

  it('remembers the upcoming count of the last successful fetch, so count-drop alerts still work', () => {
    const dir = scratch();
    const original = storeWithHistory(join(dir, 'original.db'));
    writeSnapshot(join(dir, 'data'), readSnapshot(original, config));
    restoreIfMissing(join(dir, 'restored.db'), join(dir, 'data'));
    const restored = openStore(join(dir, 'restored.db'));
    const idOf = (db: Db, groupId: string) => syncConfig(db, config).find((s) => s.groupId === groupId)!.id;
    for (const group of ['py', 'rust']) {
      expect(lastSuccessfulCounts(restored, idOf(restored, group))).toEqual(lastSuccessfulCounts(original, idOf(original, group)));
    }
    expect(lastSuccessfulCounts(restored, idOf(restored, 'rust'))?.upcoming).toBe(1);
  });

  it('sees no change in an event fetched again after the restore', () => {
    const dir = scratch();
    const original = storeWithHistory(join(dir, 'original.db'));
    writeSnapshot(join(dir, 'data'), readSnapshot(original, config));
    restoreIfMissing(join(dir, 'restored.db'), join(dir, 'data'));
    const restored = openStore(join(dir, 'restored.db'));
    const py = syncConfig(restored, config).find((s) => s.groupId === 'py')!;
    const again = event({ start: '2026-12-24T03:00:00Z', venue: null, attendance: 'online' });
    expect(applyEvents(restored, py, [again], { now: night(38), timezone: 'America/Los_Angeles' })).toMatchObject({ new: 0, changed: 0 });
  });

  it('leaves an existing store alone', () => {
    const dir = scratch();
    const original = storeWithHistory(join(dir, 'original.db'));
    writeSnapshot(join(dir, 'data'), readSnapshot(original, config));
    original.close();
    const before = readFileSync(join(dir, 'original.db'));
    expect(restoreIfMissing(join(dir, 'original.db'), join(dir, 'data'))).toBe(false);
    expect(readFileSync(join(dir, 'original.db'))).toEqual(before);
  });

  it('does nothing when there is no export either', () => {
    const dir = scratch();
    expect(restoreIfMissing(join(dir, 'store.db'), join(dir, 'data'))).toBe(false);
    expect(existsSync(join(dir, 'store.db'))).toBe(false);
  });

  it('refuses an export missing one of its files, naming it, and creates no store', () => {
    const dir = scratch();
    writeSnapshot(join(dir, 'data'), readSnapshot(storeWithHistory(join(dir, 'original.db')), config));
    rmSync(join(dir, 'data', 'runs.json'));
    expect(() => restoreIfMissing(join(dir, 'store.db'), join(dir, 'data'))).toThrow(/runs\.json is missing/);
    expect(existsSync(join(dir, 'store.db'))).toBe(false);
  });

  it('leaves no half-built store when the export cannot be restored', () => {
    const dir = scratch();
    writeSnapshot(join(dir, 'data'), readSnapshot(storeWithHistory(join(dir, 'original.db')), config));
    const eventsFile = join(dir, 'data', 'events.json');
    const events = JSON.parse(readFileSync(eventsFile, 'utf8')) as StoredEvent[];
    // Two events with one slug: the store's constraints refuse it halfway through.
    writeFileSync(eventsFile, JSON.stringify([...events, { ...events[0]!, id: 'another-id', sourceEventId: 'another' }]));
    expect(() => restoreIfMissing(join(dir, 'store.db'), join(dir, 'data'))).toThrow(/UNIQUE/);
    expect(existsSync(join(dir, 'store.db'))).toBe(false);
    expect(existsSync(join(dir, 'store.db.restoring'))).toBe(false);
  });
});
