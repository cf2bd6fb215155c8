import { afterEach, beforeEach, expect } from 'vitest';
import { createHttpClient, type HttpClientOptions, type PoliteHttpClient } from '../../src/http/client.ts';
import { SourceFailure } from '../../src/errors.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

/**
 * The server sees a request a little after the client sent it: a new connection, a busy event loop.
 * Spacing measured at the server may come out this much short of the spacing the client kept.
 */
export const ARRIVAL_SLACK_MS = 40;

/** Small timeouts and backoffs, so every fault ends in well under this. */
export const BOUND_MS = 5000;

export const FAST: HttpClientOptions = {
  timeouts: { connectMs: 1000, headersMs: 1000, bodyMs: 1000, requestMs: 3000 },
  retry: { baseDelayMs: 10, maxDelayMs: 40, maxRetryAfterMs: 5000 },
  hosts: { default: { concurrency: 4, minIntervalMs: 0 } },
};

/** A fault server and a way to make clients, both cleaned up after each test. */
export function useTestServer(hostCount = 2) {
  const clients: PoliteHttpClient[] = [];
  const context = {
    server: undefined as unknown as TestServer,
    client(options: HttpClientOptions = {}): PoliteHttpClient {
      const client = createHttpClient({
        ...FAST,
        ...options,
        timeouts: { ...FAST.timeouts, ...options.timeouts },
        retry: { ...FAST.retry, ...options.retry },
      });
      clients.push(client);
      return client;
    },
  };
  beforeEach(async () => {
    context.server = await startServer({}, hostCount);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await context.server.close();
  });
  return context;
}

/** Awaits the failure `promise` must end in, and how long it took. */
export async function failureOf(promise: Promise<unknown>): Promise<{ failure: SourceFailure; ms: number }> {
  const started = performance.now();
  const error = await promise.then(
    () => expect.unreachable('expected the request to fail'),
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(SourceFailure);
  return { failure: error as SourceFailure, ms: performance.now() - started };
}

export async function timed<T>(promise: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await promise;
  return { value, ms: performance.now() - started };
}
