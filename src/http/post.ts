import { ACCEPT } from './accept.ts';
import { deadlineAfter, monotonicNow } from './deadline.ts';
import type { FetcherSettings } from './fetcher.ts';
import { httpUrl } from './redirects.ts';
import { parseRetryAfter } from './retry.ts';
import { exchange, type Exchange } from './transport.ts';

// Posting to an API (Discord's webhooks, Mastodon's statuses, Bluesky's records): the same
// limits per host, timeouts and body cap as every fetch, but a POST is not safely repeated, so it
// is tried again only when the server said "not now" (429, or 503 with a time to wait) and never
// after a network error, which may have come after the post went through. Any answer is returned
// for the caller to read; only a failure to get one throws.

export interface PostOptions {
  /** Sent as the JSON body. */
  json: unknown;
  /** Authorization, Idempotency-Key, …; they cannot replace user-agent, accept or content-type. */
  headers?: Record<string, string>;
  /**
   * How long a refusing server asks us to wait, in milliseconds: each platform says it its own
   * way (Retry-After, a rate-limit reset header, `retry_after` in the body). Retry-After by default.
   */
  retryAfterMs?: (answer: ApiAnswer) => number | null;
  /** The whole post, waits included, fails with a 'timeout' after this long (default 2 minutes). */
  deadlineMs?: number;
}

export interface ApiAnswer {
  url: string;
  status: number;
  headers: Headers;
  text(): string;
}

/** Answers to a POST that say "the server did not take it; try later". */
const NOT_NOW = new Set([429, 503]);
const DEFAULT_DEADLINE_MS = 120_000;

export async function postJson(url: string, options: PostOptions, settings: FetcherSettings, userAgent: string): Promise<ApiAnswer> {
  const target = httpUrl(url, 'not posted');
  const deadline = deadlineAfter(options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const custom = Object.fromEntries(
    Object.entries(options.headers ?? {}).filter(([name]) => !['user-agent', 'accept', 'content-type'].includes(name.toLowerCase())),
  );
  const headers = { ...custom, 'user-agent': userAgent, accept: ACCEPT.json, 'content-type': 'application/json' };
  const body = Buffer.from(JSON.stringify(options.json), 'utf8');
  for (let retry = 0; ; retry++) {
    const outcome = await settings.limiter.schedule(target.host, deadline.signal, () =>
      exchange(target, { ...settings, headers, deadline, method: 'POST', body, keepErrorBody: true }),
    );
    if (!outcome.ok) throw outcome.failure;
    const answer = toAnswer(outcome.value);
    const waitMs = NOT_NOW.has(answer.status) ? (options.retryAfterMs ?? retryAfterHeader)(answer) : null;
    if (waitMs === null || retry >= settings.retry.retries || waitMs > settings.retry.maxRetryAfterMs || waitMs > deadline.remainingMs()) return answer;
    // No request to the host, from anyone in this run, before the wait is over.
    settings.limiter.holdOff(target.host, monotonicNow() + waitMs);
    try {
      await settings.retry.sleep(waitMs, deadline.signal);
    } catch {
      throw deadline.failure(target.href);
    }
  }
}

function retryAfterHeader(answer: ApiAnswer): number | null {
  return parseRetryAfter(answer.headers.get('retry-after'));
}

function toAnswer(exchanged: Exchange): ApiAnswer {
  return { url: exchanged.url.href, status: exchanged.status, headers: exchanged.headers, text: () => exchanged.body.toString('utf8') };
}

