import { createHash } from 'node:crypto';
import type { PoliteHttpClient } from '../../http/client.ts';
import type { Announcement } from '../announcement.ts';
import { mastodonStatus } from '../compose/mastodon.ts';
import { jsonOf, PostFailure, refusal, stopsChannel, type ChannelSender } from './channel.ts';

// Mastodon: POST /api/v1/statuses on the configured server, with MASTODON_TOKEN. An
// Idempotency-Key made from what is announced makes the server drop a repeat it already took
// (Mastodon keeps the keys for an hour).

export interface MastodonSettings {
  server: string;
  visibility: 'public' | 'unlisted';
}

export function mastodonSender(http: PoliteHttpClient, settings: MastodonSettings, token: string, siteTitle: string): ChannelSender {
  const endpoint = new URL('/api/v1/statuses', settings.server).href;
  const request = (announcement: Announcement) => ({
    status: mastodonStatus(announcement, siteTitle),
    visibility: settings.visibility,
    language: 'en',
  });
  return {
    channel: 'mastodon',
    preview: (announcement) =>
      `POST ${endpoint}\nIdempotency-Key: ${idempotencyKey(announcement)}\n${JSON.stringify(request(announcement), null, 2)}`,
    async post(announcement) {
      let answer;
      try {
        answer = await http.post(endpoint, {
          json: request(announcement),
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': idempotencyKey(announcement) },
          // Mastodon says when its limit resets, as a time.
          retryAfterMs: (refused) => {
            const reset = Date.parse(refused.headers.get('x-ratelimit-reset') ?? '');
            return Number.isNaN(reset) ? null : Math.max(0, reset - Date.now());
          },
        });
      } catch (error) {
        throw new PostFailure(`could not reach ${settings.server}: ${(error as Error).message}`, true);
      }
      if (answer.status < 200 || answer.status >= 300) {
        throw new PostFailure(`${settings.server} refused the status (${refusal(answer.status, answer.text())})`, stopsChannel(answer.status));
      }
      const id = jsonOf(answer.text()).id;
      return { remoteId: typeof id === 'string' ? id : null, alreadyThere: false };
    },
  };
}

/** The same key for the same announcement, every time it is tried. */
function idempotencyKey(announcement: Announcement): string {
  return createHash('sha256').update(`spokane-tech:${announcement.key}`).digest('hex').slice(0, 32);
}
