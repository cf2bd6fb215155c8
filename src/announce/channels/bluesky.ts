import { ACCEPT } from '../../http/accept.ts';
import type { PoliteHttpClient } from '../../http/client.ts';
import type { Announcement } from '../announcement.ts';
import { blueskyPost } from '../compose/bluesky.ts';
import { jsonOf, PostFailure, refusal, stopsChannel, type ChannelSender } from './channel.ts';
import { recordKey } from './record-key.ts';

// Bluesky: a session from the handle and BLUESKY_APP_PASSWORD (com.atproto.server.createSession),
// then each post as an app.bsky.feed.post record (com.atproto.repo.createRecord) under a record
// key made from the announcement, so a repeat is refused rather than posted twice.

export interface BlueskySettings {
  handle: string;
  service: string;
}

interface Session {
  accessJwt: string;
  did: string;
}

export function blueskySender(
  http: PoliteHttpClient,
  settings: BlueskySettings,
  appPassword: string,
  siteTitle: string,
  now: () => Date,
): ChannelSender {
  const xrpc = (method: string) => new URL(`/xrpc/${method}`, settings.service).href;
  // Bluesky says when its limit resets, in seconds since 1970.
  const retryAfterMs = (refused: { headers: Headers }) => {
    const reset = Number(refused.headers.get('ratelimit-reset'));
    return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : null;
  };
  let session: Promise<Session> | null = null;

  const call = async (method: string, json: unknown, headers: Record<string, string> = {}) => {
    try {
      return await http.post(xrpc(method), { json, headers, retryAfterMs });
    } catch (error) {
      throw new PostFailure(`could not reach ${settings.service}: ${(error as Error).message}`, true);
    }
  };

  const signIn = async (): Promise<Session> => {
    const answer = await call('com.atproto.server.createSession', { identifier: settings.handle, password: appPassword });
    const body = jsonOf(answer.text());
    if (answer.status !== 200 || typeof body.accessJwt !== 'string' || typeof body.did !== 'string') {
      throw new PostFailure(`${settings.service} did not sign in ${settings.handle} (${refusal(answer.status, answer.text())})`, true);
    }
    return { accessJwt: body.accessJwt, did: body.did };
  };

  /** The post's at:// address if the repository holds a record under this key, else null. */
  const existingRecord = async (did: string, rkey: string): Promise<string | null> => {
    const query = new URLSearchParams({ repo: did, collection: 'app.bsky.feed.post', rkey });
    try {
      const found = jsonOf((await http.get(`${xrpc('com.atproto.repo.getRecord')}?${query}`, { accept: ACCEPT.json })).text());
      return typeof found.uri === 'string' ? found.uri : null;
    } catch {
      // Not there (the server answers 400 RecordNotFound), or no answer: not known to be posted.
      return null;
    }
  };

  const record = (announcement: Announcement, did: string) => ({
    repo: did,
    collection: 'app.bsky.feed.post',
    rkey: recordKey(announcement.key),
    record: blueskyPost(announcement, siteTitle, now()),
  });

  return {
    channel: 'bluesky',
    preview: (announcement) =>
      `POST ${xrpc('com.atproto.repo.createRecord')}\n${JSON.stringify(record(announcement, `<the did of ${settings.handle}>`), null, 2)}`,
    async post(announcement) {
      session ??= signIn();
      const { accessJwt, did } = await session;
      const answer = await call('com.atproto.repo.createRecord', record(announcement, did), { authorization: `Bearer ${accessJwt}` });
      const body = jsonOf(answer.text());
      if (answer.status === 200) return { remoteId: typeof body.uri === 'string' ? body.uri : null, alreadyThere: false };
      // The record key is the announcement's, so a record already under it is this very post.
      // Servers refuse such a repeat in different ways (a 500 before 2026, an explicit error
      // since): whatever the refusal, the record itself says whether it is there.
      if (!stopsChannel(answer.status)) {
        const existing = await existingRecord(did, recordKey(announcement.key));
        if (existing !== null) return { remoteId: existing, alreadyThere: true };
      }
      throw new PostFailure(`${settings.service} refused the post (${refusal(answer.status, answer.text())})`, stopsChannel(answer.status));
    },
  };
}
