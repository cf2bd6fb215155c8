import { z } from 'zod';
import { describe, httpUrl, mapping, optionalHttpUrl, optionalText, wholeNumber } from './fields.ts';

// Where new events, changes and the weekly digest are posted (`spokane-tech announce`). Each
// channel named here is on; its secret comes from the environment only (DISCORD_WEBHOOK_URL,
// MASTODON_TOKEN, BLUESKY_APP_PASSWORD), never from this file.

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `discord:` alone turns the channel on with its defaults. */
const discordSchema = mapping('announce.discord (username, avatar_url)', {
  username: optionalText('announce.discord.username'),
  avatar_url: optionalHttpUrl('announce.discord.avatar_url'),
})
  .nullable()
  .transform((v) => ({ username: v?.username, avatarUrl: v?.avatar_url }));

const mastodonSchema = mapping('announce.mastodon (server)', {
  server: httpUrl('announce.mastodon.server', ' (your Mastodon server, like https://fosstodon.org)'),
  visibility: z
    .enum(['public', 'unlisted'], { error: (issue) => `announce.mastodon.visibility must be public or unlisted, not ${describe(issue.input)}` })
    .optional()
    .transform((v) => v ?? 'public'),
});

const blueskySchema = mapping('announce.bluesky (handle, service)', {
  handle: z
    .string({ error: (issue) => (issue.input == null ? 'announce.bluesky.handle is missing (like spokanetech.bsky.social)' : `announce.bluesky.handle must be text, not ${describe(issue.input)}`) })
    .transform((handle) => handle.trim().replace(/^@/, ''))
    .refine((handle) => /^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}$/i.test(handle), {
      error: (issue) => `announce.bluesky.handle "${String(issue.input)}" is not a Bluesky handle (like spokanetech.bsky.social)`,
    }),
  service: optionalHttpUrl('announce.bluesky.service').transform((v) => v ?? 'https://bsky.social'),
});

export const announceSchema = mapping('announce (discord, mastodon, bluesky, digest_day, …)', {
  discord: discordSchema.optional(),
  mastodon: mastodonSchema.optional(),
  bluesky: blueskySchema.optional(),
  digest_day: z
    .enum(WEEKDAYS, { error: (issue) => `announce.digest_day must be a day of the week (${WEEKDAYS.join(', ')}), not ${describe(issue.input)}` })
    .optional(),
  first_run_window_days: wholeNumber('announce.first_run_window_days', 0).optional(),
  max_posts_per_run: wholeNumber('announce.max_posts_per_run', 1).optional(),
})
  .nullish()
  .transform((v) => ({
    discord: v?.discord ?? null,
    mastodon: v?.mastodon ?? null,
    bluesky: v?.bluesky ?? null,
    digestDay: v?.digest_day ?? 'monday',
    firstRunWindowDays: v?.first_run_window_days ?? 2,
    maxPostsPerRun: v?.max_posts_per_run ?? 10,
  }));

export type AnnounceConfig = z.output<typeof announceSchema>;
