import type { PoliteHttpClient } from '../../http/client.ts';
import { SourceFailure } from '../../errors.ts';
import type { Announcement } from '../announcement.ts';
import { discordMessage, type DiscordIdentity } from '../compose/discord.ts';
import { jsonOf, PostFailure, refusal, stopsChannel, type ChannelSender } from './channel.ts';

// Discord: an incoming webhook. Its address is the secret (DISCORD_WEBHOOK_URL): it is never
// printed, in a preview, a message or an error.

export function discordSender(http: PoliteHttpClient, webhookUrl: string, siteTitle: string, identity: DiscordIdentity): ChannelSender {
  return {
    channel: 'discord',
    preview: (announcement) => `POST <DISCORD_WEBHOOK_URL>?wait=true\n${JSON.stringify(discordMessage(announcement, siteTitle, identity), null, 2)}`,
    async post(announcement: Announcement) {
      const url = new URL(webhookUrl);
      // With wait=true Discord answers with the message, so its id can be kept.
      url.searchParams.set('wait', 'true');
      let answer;
      try {
        answer = await http.post(url.href, {
          json: discordMessage(announcement, siteTitle, identity),
          // Discord says how long to wait in its body (seconds, with a fraction) as well as in Retry-After.
          retryAfterMs: (refused) => {
            const seconds = Number(jsonOf(refused.text()).retry_after ?? refused.headers.get('retry-after'));
            return Number.isFinite(seconds) ? Math.ceil(seconds * 1000) : null;
          },
        });
      } catch (error) {
        throw new PostFailure(`could not reach Discord: ${withoutAddress(error, webhookUrl)}`, true);
      }
      if (answer.status < 200 || answer.status >= 300) {
        throw new PostFailure(`Discord refused the post (${refusal(answer.status, answer.text())})`, stopsChannel(answer.status) || answer.status === 404);
      }
      const id = jsonOf(answer.text()).id;
      return { remoteId: typeof id === 'string' ? id : null, alreadyThere: false };
    },
  };
}

/** The failure's words without the webhook's address, which holds its token. */
function withoutAddress(error: unknown, webhookUrl: string): string {
  const message = error instanceof SourceFailure || error instanceof Error ? error.message : String(error);
  const base = webhookUrl.split('?')[0]!;
  return message.split(base).join('<DISCORD_WEBHOOK_URL>');
}
