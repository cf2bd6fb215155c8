import type { AnnounceConfig } from '../config/announce-schema.ts';

// The channels to post on: those sources.yaml names, each with its secret from the environment.
// A channel named but without its secret is shown as a dry run: what it would post.

export interface ChannelSecrets {
  discordWebhookUrl: string | null;
  mastodonToken: string | null;
  blueskyAppPassword: string | null;
}

export type SecretsResult = { ok: true; secrets: ChannelSecrets } | { ok: false; problem: string };

/** Printable ASCII on one line: anything else would end up in a header or an error message. */
const TOKEN_SHAPE = /^[\x21-\x7e]+$/;

export function channelSecrets(env: Record<string, string | undefined>): SecretsResult {
  const read = (name: string) => env[name]?.trim() || null;
  const discordWebhookUrl = read('DISCORD_WEBHOOK_URL');
  const mastodonToken = read('MASTODON_TOKEN');
  const blueskyAppPassword = read('BLUESKY_APP_PASSWORD');
  // Never echo a secret in a problem: say which one is wrong, not what it holds.
  if (discordWebhookUrl !== null && !(URL.canParse(discordWebhookUrl) && /^https?:$/.test(new URL(discordWebhookUrl).protocol))) {
    return { ok: false, problem: 'DISCORD_WEBHOOK_URL is not a web address (copy the webhook URL from Discord: Server Settings → Integrations → Webhooks)' };
  }
  if (mastodonToken !== null && !TOKEN_SHAPE.test(mastodonToken)) {
    return { ok: false, problem: 'MASTODON_TOKEN contains spaces or control characters; set it to the access token alone' };
  }
  if (blueskyAppPassword !== null && !TOKEN_SHAPE.test(blueskyAppPassword)) {
    return { ok: false, problem: 'BLUESKY_APP_PASSWORD contains spaces or control characters; set it to the app password alone' };
  }
  return { ok: true, secrets: { discordWebhookUrl, mastodonToken, blueskyAppPassword } };
}

export type ConfiguredChannels = Pick<AnnounceConfig, 'discord' | 'mastodon' | 'bluesky'>;
