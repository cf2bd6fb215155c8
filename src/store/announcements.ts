import type { Db } from './db.ts';

// The store's record of what `spokane-tech announce` posted, and where. It travels in the
// snapshot (data/announcements.json), so a store rebuilt from the snapshot never posts again.

export const CHANNELS = ['discord', 'mastodon', 'bluesky'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface PostRecord {
  channel: Channel;
  /** What was announced: `new:<event id>`, `changed:<event id>:<sequence>`, `cancelled:<event id>`, `digest:<yyyy>-W<ww>`. */
  key: string;
  postedAt: string;
  /** The post's id on the platform, when it gave one. */
  remoteId: string | null;
}

export interface ChannelStart {
  channel: Channel;
  /** The channel's first run: nothing first seen well before it is announced. */
  firstRunAt: string;
}

export interface AnnouncementHistory {
  channels: ChannelStart[];
  posts: PostRecord[];
}

export function readAnnouncementHistory(db: Db): AnnouncementHistory {
  const channels = db
    .prepare<[], { channel: Channel; first_run_at: string }>('SELECT channel, first_run_at FROM announce_channels ORDER BY channel')
    .all()
    .map((row) => ({ channel: row.channel, firstRunAt: row.first_run_at }));
  const posts = db
    .prepare<[], { channel: Channel; key: string; posted_at: string; remote_id: string | null }>(
      'SELECT channel, key, posted_at, remote_id FROM announcements ORDER BY posted_at, channel, key',
    )
    .all()
    .map((row) => ({ channel: row.channel, key: row.key, postedAt: row.posted_at, remoteId: row.remote_id }));
  return { channels, posts };
}

/** The first run on a channel is remembered once; later calls keep the first time. */
export function recordChannelStart(db: Db, channel: Channel, at: Date): void {
  db.prepare('INSERT INTO announce_channels (channel, first_run_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(channel, at.toISOString());
}

/** One post, recorded the moment the platform accepted it: a failed post is simply tried again next run. */
export function recordPost(db: Db, post: PostRecord): void {
  db.prepare('INSERT OR REPLACE INTO announcements (channel, key, posted_at, remote_id) VALUES (?, ?, ?, ?)').run(
    post.channel,
    post.key,
    post.postedAt,
    post.remoteId,
  );
}

/** Write a snapshot's history into an empty store. */
export function restoreAnnouncementHistory(db: Db, history: AnnouncementHistory): void {
  for (const start of history.channels) db.prepare('INSERT INTO announce_channels (channel, first_run_at) VALUES (?, ?)').run(start.channel, start.firstRunAt);
  for (const post of history.posts) recordPost(db, post);
}
