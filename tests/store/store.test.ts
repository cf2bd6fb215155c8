import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Db } from '../../src/store/db.ts';
import { MIGRATIONS } from '../../src/store/schema.ts';
import { applyEvents, syncConfig, type StoredSource } from '../../src/store/events.ts';
import { eventSlug, stableEventId } from '../../src/store/ids.ts';
import { readSnapshot } from '../../src/store/snapshot.ts';
import type { SourceEvent } from '../../src/types.ts';
import type { Config } from '../../src/config/schema.ts';
import { config as testConfig, groupConfig, siteConfig, sourceEvent } from '../helpers/builders.ts';

const NOW = new Date('2026-11-26T12:00:00Z');
const LATER = new Date('2026-11-27T12:00:00Z');
const EVEN_LATER = new Date('2026-11-28T12:00:00Z');

const config: Config = testConfig({ site: siteConfig({ title: 'T', url: 'https://t.example' }), groups: [groupConfig({ id: 'py', name: 'Python' })] });

function event(overrides: Partial<SourceEvent> = {}): SourceEvent {
  return sourceEvent({
    sourceEventId: 'uid-1',
    venue: { name: 'IntelliTect', address: '1720 W 4th Ave, Spokane', lat: null, lon: null },
    url: 'https://py.example/events/1',
    descriptionHtml: '<p>Talks</p>',
    ...overrides,
  });
}

function freshStore(): { db: Db; source: StoredSource } {
  const db = openStore(':memory:');
  const [source] = syncConfig(db, config);
  return { db, source: source! };
}

const apply = (db: Db, source: StoredSource, events: SourceEvent[], now = NOW) =>
  db.transaction(() => applyEvents(db, source, events, { now, timezone: 'America/Los_Angeles' }))();

const exported = (db: Db) => readSnapshot(db, config).events;

describe('the store', () => {
  it('creates its schema and records the migration version', () => {
    const db = openStore(join(mkdtempSync(join(tmpdir(), 'store-')), 'a.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a store written by a newer version instead of damaging it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'store-')), 'b.db');
    openStore(path).pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => openStore(path)).toThrow(/newer than this program knows/);
  });

  it('counts a first fetch as new events', () => {
    const { db, source } = freshStore();
    expect(apply(db, source, [event(), event({ sourceEventId: 'uid-2' })])).toMatchObject({ found: 2, new: 2, changed: 0 });
  });

  it('writes nothing when the same events come again', () => {
    const { db, source } = freshStore();
    apply(db, source, [event()]);
    const before = db.prepare('SELECT * FROM events').all();
    const changes = db.prepare('SELECT total_changes() AS n').get() as { n: number };
    expect(apply(db, source, [event()], LATER)).toMatchObject({ found: 1, new: 0, changed: 0 });
    expect(db.prepare('SELECT * FROM events').all()).toEqual(before);
    expect((db.prepare('SELECT total_changes() AS n').get() as { n: number }).n).toBe(changes.n);
  });

  it('raises the sequence and the change time when an event changes upstream', () => {
    const { db, source } = freshStore();
    apply(db, source, [event()]);
    expect(apply(db, source, [event({ start: '2026-12-04T03:00:00Z' })], LATER)).toMatchObject({ changed: 1 });
    const [stored] = exported(db);
    expect(stored).toMatchObject({ sequence: 1, start: '2026-12-04T03:00:00Z', lastChanged: LATER.toISOString() });
    expect(stored!.firstSeen).toBe(NOW.toISOString());
  });

  it('keeps the id and slug of an event when its title changes', () => {
    const { db, source } = freshStore();
    apply(db, source, [event()]);
    const [first] = exported(db);
    apply(db, source, [event({ title: 'Python Night (new room)' })], LATER);
    const [second] = exported(db);
    expect(second!.title).toBe('Python Night (new room)');
    expect([second!.id, second!.slug]).toEqual([first!.id, first!.slug]);
  });

  it('gives the slug the local date and the title, safe for a URL', () => {
    const { db, source } = freshStore();
    apply(db, source, [event({ title: '../../Ünïcode & <Stuff>/' })]);
    // 02:00 UTC on Dec 4 is the evening of Dec 3 in Spokane.
    expect(exported(db)[0]!.slug).toMatch(/^2026-12-03-unicode-stuff-[0-9a-f]{6}$/);
  });

  it('stops listing an upcoming event only after two successful fetches without it', () => {
    const { db, source } = freshStore();
    apply(db, source, [event(), event({ sourceEventId: 'uid-2' })]);
    expect(apply(db, source, [event()], LATER)).toMatchObject({ missing: 1 });
    expect(exported(db).find((e) => e.sourceEventId === 'uid-2')!.removed).toBe(false);
    apply(db, source, [event()], EVEN_LATER);
    expect(exported(db).find((e) => e.sourceEventId === 'uid-2')!.removed).toBe(true);
  });

  it('lists an event again when it comes back after a miss', () => {
    const { db, source } = freshStore();
    apply(db, source, [event(), event({ sourceEventId: 'uid-2' })]);
    apply(db, source, [event()], LATER);
    apply(db, source, [event()], EVEN_LATER);
    apply(db, source, [event(), event({ sourceEventId: 'uid-2' })], EVEN_LATER);
    expect(exported(db).find((e) => e.sourceEventId === 'uid-2')!.removed).toBe(false);
  });

  it('does not count past events as missing when a feed drops them', () => {
    const { db, source } = freshStore();
    const past = event({ sourceEventId: 'old', start: '2026-11-01T02:00:00Z', end: '2026-11-01T04:00:00Z' });
    apply(db, source, [event(), past]);
    expect(apply(db, source, [event()], LATER)).toMatchObject({ missing: 0 });
    apply(db, source, [event()], EVEN_LATER);
    expect(exported(db).find((e) => e.sourceEventId === 'old')!.removed).toBe(false);
  });

  it('keeps events of a source that is no longer in the config out of the export', () => {
    const { db, source } = freshStore();
    apply(db, source, [event()]);
    const moved: Config = {
      ...config,
      groups: [{ ...config.groups[0]!, sources: [{ type: 'ical', url: 'https://elsewhere.example/feed.ics' }] }],
    };
    expect(readSnapshot(db, moved).events).toHaveLength(0);
    expect(readSnapshot(db, config).events).toHaveLength(1);
  });

  it('records what changed and when, with the values before', () => {
    const { db, source } = freshStore();
    apply(db, source, [event()]);
    apply(db, source, [event({ start: '2026-12-04T03:00:00Z', end: '2026-12-04T05:00:00Z', venue: null })], LATER);
    const [stored] = exported(db);
    expect(stored!.changes).toEqual([
      {
        at: LATER.toISOString(),
        fields: ['time', 'place'],
        previous: {
          start: '2026-12-04T02:00:00Z',
          end: '2026-12-04T04:00:00Z',
          allDay: false,
          venue: { name: 'IntelliTect', address: '1720 W 4th Ave, Spokane', lat: null, lon: null },
          attendance: 'in_person',
          onlineUrl: null,
        },
      },
    ]);
  });

  it('raises the sequence but announces no change when only the description changed', () => {
    const { db, source } = freshStore();
    apply(db, source, [event()]);
    apply(db, source, [event({ descriptionHtml: '<p>Talks and pizza</p>' })], LATER);
    const [stored] = exported(db);
    expect(stored!.sequence).toBe(1);
    expect(stored!.changes).toEqual([]);
  });

  it('keeps one event when its source gives it a new id but the same start and title', () => {
    const { db, source } = freshStore();
    apply(db, source, [event({ sourceEventId: 'qdqxlsyfcqbjb' })]);
    const [before] = exported(db);
    expect(apply(db, source, [event({ sourceEventId: '298213205' })], LATER)).toMatchObject({ new: 0, missing: 0 });
    const after = exported(db);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ sourceEventId: '298213205', id: before!.id, slug: before!.slug, removed: false });
  });

  it('does not mistake a new event for a renamed one when the old one is still listed', () => {
    const { db, source } = freshStore();
    apply(db, source, [event({ sourceEventId: 'a' })]);
    apply(db, source, [event({ sourceEventId: 'a' }), event({ sourceEventId: 'b' })], LATER);
    expect(exported(db).map((e) => e.sourceEventId).sort()).toEqual(['a', 'b']);
  });

  it('gives two events of one title and day distinct slugs even when their ids start alike', () => {
    const { db, source } = freshStore();
    const id = stableEventId(source.key, 'a');
    const wanted = eventSlug(event(), id, 'America/Los_Angeles');
    // An event already holds that slug (a page can choose its ids to make them start alike).
    db.prepare(
      `INSERT INTO events (source_id, source_event_id, id, slug, data_json, content_hash, start, end, first_seen, last_changed)
       VALUES (?, 'other', 'other-id', ?, ?, 'x', ?, ?, ?, ?)`,
    ).run(source.id, wanted, JSON.stringify(event({ sourceEventId: 'other' })), event().start, event().end, NOW.toISOString(), NOW.toISOString());
    expect(() => apply(db, source, [event({ sourceEventId: 'other' }), event({ sourceEventId: 'a' })])).not.toThrow();
    const slugs = (db.prepare('SELECT slug FROM events ORDER BY slug').all() as { slug: string }[]).map((r) => r.slug);
    expect(slugs).toEqual([wanted, `${wanted}${id.slice(6, 8)}`]);
  });
});
