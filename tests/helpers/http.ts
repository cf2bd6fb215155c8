import { createHttpClient, type HttpClientOptions, type PoliteHttpClient } from '../../src/http/client.ts';

/**
 * The real HTTP client, set for adapter tests: no robots.txt round trip, no retry backoff and no
 * spacing between requests, so a test about parsing is not slowed by politeness. The politeness
 * itself is tested in tests/http.
 */
export function testHttpClient(options: HttpClientOptions = {}): PoliteHttpClient {
  return createHttpClient({
    robots: false,
    retry: { retries: 0 },
    hosts: { default: { concurrency: 8, minIntervalMs: 0 } },
    ...options,
  });
}
