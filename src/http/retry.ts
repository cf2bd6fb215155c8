import { SourceFailure } from '../errors.ts';
import { abortableSleep, seconds } from './deadline.ts';

export interface RetryPolicy {
  /** Retries after the first try; 3 means at most 4 requests. */
  retries: number;
  /** The first backoff; each retry doubles it. */
  baseDelayMs: number;
  /** No backoff (before jitter) is longer than this. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not worth waiting for: the source fails instead. */
  maxRetryAfterMs: number;
  /** Injectable so tests need not wait. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
  sleep: abortableSleep,
  random: Math.random,
};

/** Answers that say "try again later"; 500 usually means a bug on the server, which waiting does not fix. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export type Attempt<T> =
  | { ok: true; value: T }
  | { ok: false; failure: SourceFailure; transient: boolean; retryAfterMs?: number | null };

export interface RetryHooks {
  signal: AbortSignal;
  remainingMs: () => number;
  /** Called before waiting for a retry the server asked to delay (Retry-After). */
  onRetryAfter: (delayMs: number) => void;
  onRetry: () => void;
}

/** Runs `attempt` until it succeeds, fails for good, or the retries run out. */
export async function withRetries<T>(
  attempt: () => Promise<Attempt<T>>,
  policy: RetryPolicy,
  hooks: RetryHooks,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    const outcome = await attempt();
    if (outcome.ok) return outcome.value;
    const { failure } = outcome;
    if (!outcome.transient) throw failure;
    if (retry >= policy.retries) throw retry === 0 ? failure : failure.noted(`gave up after ${retry} retries`);
    const asked = outcome.retryAfterMs ?? null;
    if (asked !== null && asked > policy.maxRetryAfterMs) {
      throw failure.noted(`it asked us to retry after ${seconds(asked)}, longer than the ${seconds(policy.maxRetryAfterMs)} we wait`);
    }
    const delay = asked ?? backoffMs(retry, policy);
    if (delay > hooks.remainingMs()) {
      throw failure.noted(`not retried: waiting ${seconds(delay)} would pass the source's deadline`);
    }
    if (asked !== null) hooks.onRetryAfter(asked);
    hooks.onRetry();
    await policy.sleep(delay, hooks.signal);
  }
}

/** Exponential, with half of it random so that many clients (or sources) do not retry in step. */
export function backoffMs(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return exponential / 2 + (exponential / 2) * policy.random();
}

/** `Retry-After` as delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
