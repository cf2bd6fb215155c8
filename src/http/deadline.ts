import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { SourceFailure } from '../errors.ts';

/** Time that only moves forward: spacing and deadlines must not jump with the wall clock. */
export const monotonicNow = (): number => performance.now();

/** The overall time a source may take, waits in queues and retries included. */
export interface Deadline {
  /** Aborts when the deadline passes; never aborts without a deadline. */
  readonly signal: AbortSignal;
  remainingMs(): number;
  failure(url: string): SourceFailure;
}

/** No `ms`, no deadline: the signal never aborts. */
export function deadlineAfter(ms: number | undefined): Deadline {
  const endsAt = monotonicNow() + (ms ?? Infinity);
  const signal = ms === undefined ? new AbortController().signal : AbortSignal.timeout(ms);
  // Every request waiting under the deadline listens to it: robots.txt for every host at the
  // start of a run, a source's event pages. More than Node's default of ten is no leak.
  setMaxListeners(0, signal);
  return {
    signal,
    remainingMs: () => Math.max(0, endsAt - monotonicNow()),
    failure: (url) =>
      new SourceFailure('timeout', `the source's deadline of ${seconds(ms ?? Infinity)} passed before ${url} answered in full`),
  };
}

export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

export async function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  if (ms > 0) await sleep(ms, undefined, { signal });
}

/** Waits for `promise`, but no longer than until `signal` aborts (the work itself goes on). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
