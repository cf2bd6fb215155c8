import { existsSync } from 'node:fs';
import type { Config } from '../config/schema.ts';
import type { PoliteHttpClient } from '../http/client.ts';
import { listedEvents } from '../publish/listed-events.ts';
import { readAnnouncementHistory, recordChannelStart, recordPost } from '../store/announcements.ts';
import { openStore, type Db } from '../store/db.ts';
import { restoreIfMissing } from '../store/restore.ts';
import { readSnapshot, writeAnnouncementsFile } from '../store/snapshot.ts';
import type { Announcement } from './announcement.ts';
import { blueskySender } from './channels/bluesky.ts';
import { PostFailure, type ChannelSender } from './channels/channel.ts';
import { discordSender } from './channels/discord.ts';
import { mastodonSender } from './channels/mastodon.ts';
import { describer } from './describe.ts';
import { planAnnouncements } from './plan.ts';
import type { ChannelSecrets } from './settings.ts';

// `spokane-tech announce`: for each channel sources.yaml names, what is due (plan.ts), posted
// with the channel's secret, or shown as a dry run without one. Each post is recorded the moment
// it is accepted, and the record is written to the snapshot (data/announcements.json) at the end,
// so no store, restored or not, posts it again. One channel failing never stops the others.

export interface AnnounceOptions {
  config: Config;
  dbPath: string;
  dataDir: string;
  secrets: ChannelSecrets;
  dryRun: boolean;
  http: PoliteHttpClient;
  now?: Date;
}

export interface AnnounceReport {
  /** What was posted, held back, would be posted or failed: for the terminal and the job summary. */
  lines: string[];
  /** A post failed: the run should say so (it is tried again next run). */
  failed: boolean;
}

export async function announce(options: AnnounceOptions): Promise<AnnounceReport> {
  const now = options.now ?? new Date();
  const senders = configuredSenders(options, now);
  if (senders.length === 0) return { lines: ['no channels to announce on: add an announce: section to sources.yaml'], failed: false };
  restoreIfMissing(options.dbPath, options.dataDir);
  if (!existsSync(options.dbPath)) return { lines: ['nothing fetched yet (no store, no snapshot): nothing to announce'], failed: false };

  const db = openStore(options.dbPath);
  try {
    const snapshot = readSnapshot(db, options.config);
    const { events } = listedEvents(snapshot.events, options.config);
    const describe = describer(options.config.site, snapshot.groups, now);
    const lines: string[] = [];
    let failed = false;
    for (const { sender, live } of senders) {
      const history = readAnnouncementHistory(db);
      const plan = planAnnouncements({
        channel: sender.channel,
        events,
        posts: history.posts,
        firstRunAt: history.channels.find((c) => c.channel === sender.channel)?.firstRunAt ?? null,
        settings: options.config.announce,
        now,
        zone: options.config.site.timezone,
        describe,
      });
      const result = live ? await postAll(db, sender, plan.due, now) : { lines: dryRun(sender, plan.due), failed: false };
      lines.push(...result.lines);
      if (plan.heldBack.length) lines.push(`${sender.channel}: ${plan.heldBack.length} more held back for the next run (at most ${options.config.announce.maxPostsPerRun} a run)`);
      failed ||= result.failed;
    }
    if (senders.some((s) => s.live)) writeAnnouncementsFile(options.dataDir, readAnnouncementHistory(db));
    return { lines, failed };
  } finally {
    db.close();
  }
}

function configuredSenders(options: AnnounceOptions, now: Date): { sender: ChannelSender; live: boolean }[] {
  const { announce: channels, site } = options.config;
  const { secrets, http, dryRun } = options;
  const clock = () => now;
  const senders: { sender: ChannelSender; live: boolean }[] = [];
  // Without its secret a channel can still show what it would post.
  if (channels.discord) {
    senders.push({ sender: discordSender(http, secrets.discordWebhookUrl ?? 'https://discord.invalid/webhook', site.title, channels.discord), live: !dryRun && secrets.discordWebhookUrl !== null });
  }
  if (channels.mastodon) {
    senders.push({ sender: mastodonSender(http, channels.mastodon, secrets.mastodonToken ?? '', site.title), live: !dryRun && secrets.mastodonToken !== null });
  }
  if (channels.bluesky) {
    senders.push({ sender: blueskySender(http, channels.bluesky, secrets.blueskyAppPassword ?? '', site.title, clock), live: !dryRun && secrets.blueskyAppPassword !== null });
  }
  return senders;
}

async function postAll(db: Db, sender: ChannelSender, due: Announcement[], now: Date): Promise<AnnounceReport> {
  const { channel } = sender;
  // The first live run fixes which events are news and which are backlog, once and for all.
  recordChannelStart(db, channel, now);
  const lines: string[] = [];
  for (const [index, announcement] of due.entries()) {
    try {
      const posted = await sender.post(announcement);
      recordPost(db, { channel, key: announcement.key, postedAt: new Date().toISOString(), remoteId: posted.remoteId });
      lines.push(`${channel}: ${posted.alreadyThere ? 'already had' : 'posted'} ${describeAnnouncement(announcement)}`);
    } catch (error) {
      if (!(error instanceof PostFailure)) throw error;
      lines.push(`${channel}: FAILED ${describeAnnouncement(announcement)}: ${error.message} (tried again next run)`);
      if (error.stopChannel) {
        const left = due.length - index - 1;
        if (left > 0) lines.push(`${channel}: stopped; ${left} more left for the next run`);
        return { lines, failed: true };
      }
    }
  }
  if (due.length === 0) lines.push(`${channel}: nothing new to announce`);
  return { lines, failed: lines.some((line) => line.includes(': FAILED ')) };
}

function dryRun(sender: ChannelSender, due: Announcement[]): string[] {
  if (due.length === 0) return [`${sender.channel}: nothing new to announce`];
  return due.flatMap((announcement) => [`${sender.channel}: would post ${describeAnnouncement(announcement)}`, indent(sender.preview(announcement))]);
}

function describeAnnouncement(announcement: Announcement): string {
  if (announcement.kind === 'digest') return `the digest of ${announcement.digest.week} (${announcement.key})`;
  return `${announcement.kind === 'new' ? '' : `${announcement.kind}: `}“${announcement.event.title}” (${announcement.key})`;
}

function indent(text: string): string {
  return text.replace(/^/gm, '    ');
}

