import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.ts';
import { applyEvents, syncConfig } from '../../src/store/events.ts';
import { keepPublishedUids } from '../../src/store/identity.ts';
import { restoreIfMissing } from '../../src/store/restore.ts';
import { readSnapshot, writeSnapshot } from '../../src/store/snapshot.ts';
import { config, sourceEvent } from '../helpers/builders.ts';

const NOW = new Date('2026-11-26T12:00:00Z');

function storeWithOneEvent() {
  const db = openStore(':memory:');
  const [source] = syncConfig(db, config());
  applyEvents(db, source!, [sourceEvent()], { now: NOW, timezone: 'America/Los_Angeles' });
  return db;
}

const uidOf = (db: ReturnType<typeof openStore>) => readSnapshot(db, config()).events[0]!.uid;

describe('an event’s UID in the feeds', () => {
  it('is given when the event is first stored and names no host, so no site address can change it', () => {
    const db = storeWithOneEvent();
    const uid = uidOf(db);
    expect(uid).toMatch(/^[0-9a-f]{20}@spokane-tech$/);
    keepPublishedUids(db, 'https://someone.github.io/spokane-tech');
    keepPublishedUids(db, 'https://spokanetech.org');
    expect(uidOf(db)).toBe(uid);
  });

  it('stays what the feeds carried for an event stored before UIDs were kept: its id at the host of the first build since', () => {
    const db = storeWithOneEvent();
    db.exec('UPDATE events SET uid = NULL');
    const id = readSnapshot(db, config()).events[0]!.id;
    keepPublishedUids(db, 'https://someone.github.io/spokane-tech');
    expect(uidOf(db)).toBe(`${id}@someone.github.io`);
    keepPublishedUids(db, 'https://spokanetech.org');
    expect(uidOf(db)).toBe(`${id}@someone.github.io`);
  });

  it('survives a store lost and rebuilt from its snapshot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spokane-tech-identity-'));
    const db = storeWithOneEvent();
    const uid = uidOf(db);
    writeSnapshot(join(dir, 'data'), readSnapshot(db, config()));
    expect(JSON.parse(readFileSync(join(dir, 'data', 'events.json'), 'utf8'))[0].uid).toBe(uid);
    restoreIfMissing(join(dir, 'restored.db'), join(dir, 'data'));
    expect(uidOf(openStore(join(dir, 'restored.db')))).toBe(uid);
  });

  it('is dropped from a hand-edited snapshot when it could break a feed’s lines, and given again by the next build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spokane-tech-identity-'));
    const db = storeWithOneEvent();
    const snapshot = readSnapshot(db, config());
    const id = snapshot.events[0]!.id;
    writeSnapshot(join(dir, 'data'), { ...snapshot, events: [{ ...snapshot.events[0]!, uid: 'x\r\nBEGIN:VEVENT' }] });
    restoreIfMissing(join(dir, 'restored.db'), join(dir, 'data'));
    const restored = openStore(join(dir, 'restored.db'));
    keepPublishedUids(restored, 'https://spokanetech.org');
    expect(uidOf(restored)).toBe(`${id}@spokanetech.org`);
  });
});
