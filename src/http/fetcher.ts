import type { Dispatcher } from 'undici';
import { SourceFailure } from '../errors.ts';
import { monotonicNow, untilAborted, type Deadline } from './deadline.ts';
import type { HostLimiter } from './host-limiter.ts';
import { REDIRECT_STATUSES, headersForHop, redirectTarget } from './redirects.ts';
import { RETRYABLE_STATUSES, parseRetryAfter, withRetries, type Attempt, type RetryPolicy } from './retry.ts';
import type { RobotsGate } from './robots.ts';
import { exchange, statusFailure, type Exchange, type Timeouts } from './transport.ts';

export interface SessionStats {
  /** Requests sent, retries and redirects included (robots.txt is the client's, not a session's). */
  requests: number;
  retries: number;
  /** Body bytes after decompression. */
  bytesReceived: number;
  /** Body bytes as they came over the wire. */
  wireBytes: number;
}

/** Who a request is for: its deadline, where its numbers go, whether robots.txt applies. */
export interface Scope {
  deadline: Deadline;
  stats: SessionStats;
  robots: RobotsGate | null;
}

export interface FetcherSettings {
  dispatcher: Dispatcher;
  limiter: HostLimiter;
  timeouts: Timeouts;
  retry: RetryPolicy;
  maxBodyBytes: number;
  maxRedirects: number;
}

/**
 * Follows redirects; each hop asks robots.txt, waits its turn at its host, and is retried on
 * answers that say "later". Returns the final answer whatever its status; throws a SourceFailure.
 */
export async function fetchFollowing(
  url: URL,
  headers: Record<string, string>,
  scope: Scope,
  settings: FetcherSettings,
): Promise<Exchange> {
  const chain = [url.href];
  let current = url;
  try {
    for (;;) {
      const answer = await fetchHop(current, headers, scope, settings);
      if (!REDIRECT_STATUSES.has(answer.status)) return answer;
      const next = redirectTarget(chain, answer.status, answer.headers.get('location'), settings.maxRedirects);
      headers = headersForHop(headers, current, next);
      current = next;
    }
  } catch (error) {
    // An abort while waiting (a queue, robots.txt, a backoff) surfaces as an AbortError.
    if (error instanceof SourceFailure || !scope.deadline.signal.aborted) throw error;
    throw scope.deadline.failure(current.href);
  }
}

async function fetchHop(url: URL, headers: Record<string, string>, scope: Scope, settings: FetcherSettings): Promise<Exchange> {
  const { deadline, stats } = scope;
  const { limiter } = settings;
  if (scope.robots) await untilAborted(scope.robots.check(url), deadline.signal);
  const attempt = async (): Promise<Attempt<Exchange>> => {
    stats.requests++;
    const outcome = await exchange(url, { ...settings, headers, deadline });
    if (!outcome.ok) return outcome;
    const answer = outcome.value;
    stats.bytesReceived += answer.body.length;
    stats.wireBytes += answer.wireBytes;
    if (!RETRYABLE_STATUSES.has(answer.status)) return outcome;
    const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'));
    return { ok: false, failure: statusFailure(url, answer.status), transient: true, retryAfterMs };
  };
  return withRetries(() => untilAborted(limiter.schedule(url.host, deadline.signal, attempt), deadline.signal), settings.retry, {
    signal: deadline.signal,
    remainingMs: () => deadline.remainingMs(),
    // The host asked for a pause: no request to it, from any source, starts before it ends.
    onRetryAfter: (delayMs) => limiter.holdOff(url.host, monotonicNow() + delayMs),
    onRetry: () => stats.retries++,
  });
}
