import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnnouncementHistory, recordChannelStart, recordPost } from '../../src/store/announcements.ts';
import { openStore } from '../../src/store/db.ts';
import { restoreIfMissing } from '../../src/store/restore.ts';
import { readSnapshot, SNAPSHOT_FILES, writeSnapshot } from '../../src/store/snapshot.ts';
import { config } from '../helpers/builders.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'spokane-tech-announcements-'));

describe('what was announced where', () => {
  it('keeps a channel’s first run as it was first recorded', () => {
    const db = openStore(':memory:');
    recordChannelStart(db, 'discord', new Date('2026-12-01T12:00:00Z'));
    recordChannelStart(db, 'discord', new Date('2026-12-05T12:00:00Z'));
    expect(readAnnouncementHistory(db).channels).toEqual([{ channel: 'discord', firstRunAt: '2026-12-01T12:00:00.000Z' }]);
  });

  it('survives a store lost and rebuilt from its snapshot, so nothing is posted again', () => {
    const dir = scratch();
    const db = openStore(join(dir, 'store.db'));
    recordChannelStart(db, 'mastodon', new Date('2026-12-01T12:00:00Z'));
    recordPost(db, { channel: 'mastodon', key: 'new:abc', postedAt: '2026-12-01T12:00:05.000Z', remoteId: '1093' });
    recordPost(db, { channel: 'bluesky', key: 'digest:2026-W49', postedAt: '2026-12-01T12:00:06.000Z', remoteId: null });
    writeSnapshot(join(dir, 'data'), readSnapshot(db, config()));
    const before = readAnnouncementHistory(db);
    db.close();
    rmSync(join(dir, 'store.db'));

    expect(restoreIfMissing(join(dir, 'restored.db'), join(dir, 'data'))).toBe(true);
    expect(readAnnouncementHistory(openStore(join(dir, 'restored.db')))).toEqual(before);
  });

  it('restores a snapshot written before announcing began as having announced nothing', () => {
    const dir = scratch();
    const db = openStore(join(dir, 'store.db'));
    writeSnapshot(join(dir, 'data'), readSnapshot(db, config()));
    rmSync(join(dir, 'data', SNAPSHOT_FILES.announcements));
    expect(restoreIfMissing(join(dir, 'restored.db'), join(dir, 'data'))).toBe(true);
    expect(readAnnouncementHistory(openStore(join(dir, 'restored.db')))).toEqual({ channels: [], posts: [] });
  });
});
