import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphemeCount, mastodonLength } from '../../src/announce/compose/text.ts';

// Loopback stand-ins for the three APIs `announce` posts to, checking each request as the
// platforms' documentation describes it and keeping what they accepted:
// - Discord: POST /api/webhooks/{id}/{token}?wait=true, JSON with content or embeds; an embed's
//   title at most 256 characters and description 4096; answers the message (with its id), or 429
//   with {retry_after} (seconds) and Retry-After.
// - Mastodon: POST /api/v1/statuses, Authorization: Bearer, an Idempotency-Key (a repeated key
//   gets the status it already made), status text at most 500 characters (links count 23).
// - Bluesky: com.atproto.server.createSession (identifier, password) for an accessJwt and did;
//   com.atproto.repo.createRecord (repo, collection, rkey, record) with that bearer token, a post
//   of at most 300 graphemes whose facets' UTF-8 byte ranges hold exactly their link; a record
//   key already taken answers 500, as Bluesky's servers did before 2026; getRecord finds one.

export const SECRETS = {
  discordToken: 'discord-webhook-token-Xq9',
  mastodonToken: 'mastodon-token-Lp2',
  blueskyPassword: 'bsky-app-pw-Zk4',
};
const DID = 'did:plc:fakefakefakefake';
const JWT = 'access-jwt-Rt7';
const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

export interface Received {
  platform: 'discord' | 'mastodon' | 'bluesky';
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** Date.now() when it arrived. */
  at: number;
}

export async function startFakePlatforms() {
  const received: Received[] = [];
  const problems: string[] = [];
  const discordMessages: unknown[] = [];
  const mastodonStatuses = new Map<string, { id: string; status: string }>();
  const blueskyRecords = new Map<string, BlueskyRecord>();
  /** Answers to give before behaving, per platform: a status, a body and headers. */
  const scripted: Record<string, { status: number; body: unknown; headers?: Record<string, string> }[]> = { discord: [], mastodon: [], bluesky: [] };
  /** Called once a post is accepted and before it is answered: a test may kill the poster then. */
  let onAccepted: ((platform: string) => void) | null = null;

  const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body === undefined ? '' : JSON.stringify(body));
  const problem = (text: string) => problems.push(text);

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const raw = await readBody(request);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      problem(`${url.pathname}: body is not JSON`);
    }
    const platform = url.pathname.startsWith('/api/webhooks/') ? 'discord' : url.pathname.startsWith('/api/v1/') ? 'mastodon' : 'bluesky';
    received.push({ platform, path: `${request.method} ${url.pathname}${url.search}`, headers: request.headers, body, at: Date.now() });
    const next = scripted[platform]!.shift();
    if (next) return send(response, next.status, next.body, next.headers);

    if (platform === 'discord') {
      if (request.method !== 'POST' || url.pathname !== `/api/webhooks/1234/${SECRETS.discordToken}` || url.searchParams.get('wait') !== 'true') {
        return send(response, 404, { message: 'Unknown Webhook', code: 10015 });
      }
      const message = body as { content?: string; embeds?: { title?: string; description?: string; timestamp?: string }[]; allowed_mentions?: unknown };
      if (request.headers['content-type'] !== 'application/json') problem('discord: content-type is not application/json');
      if (!message.content && !message.embeds?.length) return send(response, 400, { message: 'Cannot send an empty message', code: 50006 });
      for (const embed of message.embeds ?? []) {
        if ((embed.title ?? '').length > 256) problem('discord: embed title over 256');
        if ((embed.description ?? '').length > 4096) problem('discord: embed description over 4096');
        if (embed.timestamp !== undefined && Number.isNaN(Date.parse(embed.timestamp))) problem('discord: embed timestamp is not ISO 8601');
      }
      discordMessages.push(message);
      onAccepted?.('discord');
      return send(response, 200, { id: `m${discordMessages.length}`, ...message });
    }

    if (platform === 'mastodon') {
      if (request.method !== 'POST' || url.pathname !== '/api/v1/statuses') return send(response, 404, { error: 'Record not found' });
      if (request.headers.authorization !== `Bearer ${SECRETS.mastodonToken}`) return send(response, 401, { error: 'The access token is invalid' });
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || key === '') problem('mastodon: no Idempotency-Key');
      const { status, visibility } = body as { status?: string; visibility?: string };
      if (typeof status !== 'string' || status === '') return send(response, 422, { error: "Validation failed: Text can't be blank" });
      if (mastodonLength(status) > 500) return send(response, 422, { error: 'Validation failed: Text character limit of 500 exceeded' });
      if (visibility !== 'public' && visibility !== 'unlisted') problem(`mastodon: visibility ${String(visibility)}`);
      const earlier = typeof key === 'string' ? mastodonStatuses.get(key) : undefined;
      if (earlier) return send(response, 200, { id: earlier.id, content: earlier.status });
      const made = { id: String(100 + mastodonStatuses.size), status };
      mastodonStatuses.set(String(key), made);
      onAccepted?.('mastodon');
      return send(response, 200, { id: made.id, url: `https://mastodon.example/@spokanetech/${made.id}`, content: status });
    }

    if (url.pathname === '/xrpc/com.atproto.server.createSession') {
      const { identifier, password } = body as { identifier?: string; password?: string };
      if (identifier !== 'spokanetech.bsky.social' || password !== SECRETS.blueskyPassword) return send(response, 401, { error: 'AuthenticationRequired', message: 'Invalid identifier or password' });
      return send(response, 200, { accessJwt: JWT, refreshJwt: 'refresh', handle: identifier, did: DID, active: true });
    }
    if (url.pathname === '/xrpc/com.atproto.repo.getRecord' && request.method === 'GET') {
      const rkey = url.searchParams.get('rkey') ?? '';
      const found = blueskyRecords.get(rkey);
      if (url.searchParams.get('repo') !== DID || !found) return send(response, 400, { error: 'RecordNotFound', message: 'Could not locate record' });
      return send(response, 200, { uri: `at://${DID}/app.bsky.feed.post/${rkey}`, cid: 'bafy', value: found });
    }
    if (url.pathname === '/xrpc/com.atproto.repo.createRecord' && request.method === 'POST') {
      if (request.headers.authorization !== `Bearer ${JWT}`) return send(response, 401, { error: 'AuthMissing', message: 'Authentication Required' });
      const { repo, collection, rkey, record } = body as { repo?: string; collection?: string; rkey?: string; record?: BlueskyRecord };
      if (repo !== DID) problem(`bluesky: repo ${String(repo)}`);
      if (collection !== 'app.bsky.feed.post') problem(`bluesky: collection ${String(collection)}`);
      if (typeof rkey !== 'string' || !TID.test(rkey)) return send(response, 400, { error: 'InvalidRequest', message: 'Invalid record key' });
      const invalid = invalidPost(record);
      if (invalid) return send(response, 400, { error: 'InvalidRequest', message: `Invalid app.bsky.feed.post record: ${invalid}` });
      if (blueskyRecords.has(rkey)) return send(response, 500, { error: 'InternalServerError', message: 'Internal Server Error' });
      blueskyRecords.set(rkey, record!);
      onAccepted?.('bluesky');
      return send(response, 200, { uri: `at://${DID}/app.bsky.feed.post/${rkey}`, cid: 'bafyrei' });
    }
    return send(response, 404, { error: 'MethodNotImplemented' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    discordWebhookUrl: `${origin}/api/webhooks/1234/${SECRETS.discordToken}`,
    received,
    problems,
    discordMessages,
    mastodonStatuses: () => [...mastodonStatuses.values()],
    blueskyRecords: () => [...blueskyRecords.values()],
    /** The next answers `platform` gives, whatever it is asked. */
    script(platform: 'discord' | 'mastodon' | 'bluesky', ...answers: { status: number; body: unknown; headers?: Record<string, string> }[]) {
      scripted[platform]!.push(...answers);
    },
    onAccepted(handler: ((platform: string) => void) | null) {
      onAccepted = handler;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface BlueskyRecord {
  $type?: string;
  text?: string;
  createdAt?: string;
  facets?: { index: { byteStart: number; byteEnd: number }; features: { $type: string; uri?: string }[] }[];
}

/** What the app.bsky.feed.post lexicon would refuse, or null. */
function invalidPost(record: BlueskyRecord | undefined): string | null {
  if (!record || record.$type !== 'app.bsky.feed.post') return '$type must be app.bsky.feed.post';
  if (typeof record.text !== 'string') return 'text is required';
  if (graphemeCount(record.text) > 300) return 'text must not be longer than 300 graphemes';
  if (Number.isNaN(Date.parse(record.createdAt ?? ''))) return 'createdAt must be a datetime';
  const bytes = Buffer.from(record.text, 'utf8');
  for (const facet of record.facets ?? []) {
    const { byteStart, byteEnd } = facet.index;
    if (!(byteStart >= 0 && byteEnd > byteStart && byteEnd <= bytes.length)) return 'facet index out of range';
    const link = facet.features.find((f) => f.$type === 'app.bsky.richtext.facet#link');
    if (link && bytes.subarray(byteStart, byteEnd).toString('utf8') !== link.uri) return 'facet does not cover its link';
  }
  return null;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
