import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { backoffMs, parseRetryAfter } from '../../src/http/retry.ts';
import { resetMidBody, respond, sequence } from '../helpers/server.ts';
import { ARRIVAL_SLACK_MS, BOUND_MS, failureOf, timed, useTestServer } from './harness.ts';

const setup = useTestServer();

describe('retries', () => {
  it('retries a 503 after the Retry-After seconds it asked for, then reads the page', async () => {
    setup.server.route('/feed', sequence(respond(503, 'busy', { 'retry-after': '1' }), respond(200, 'events')));
    const { value, ms } = await timed(setup.client().get(setup.server.url('/feed')));
    expect(value.text()).toBe('events');
    const [first, second] = setup.server.hits('/feed');
    expect(setup.server.hits('/feed')).toHaveLength(2);
    expect(second!.startedAt - first!.startedAt).toBeGreaterThanOrEqual(1000 - ARRIVAL_SLACK_MS);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('retries a 429 at the HTTP date its Retry-After names', async () => {
    const inTwoSeconds = () => new Date(Date.now() + 2000).toUTCString();
    setup.server.route('/api', sequence((request, response) => respond(429, 'slow down', { 'retry-after': inTwoSeconds() })(request, response), respond(200, '{}')));
    await setup.client().get(setup.server.url('/api'));
    const [first, second] = setup.server.hits('/api');
    // An HTTP date has whole seconds: two seconds from now, rounded down, is more than one.
    expect(second!.startedAt - first!.startedAt).toBeGreaterThanOrEqual(1000 - ARRIVAL_SLACK_MS);
  });

  it('holds back every request to a host that sent Retry-After, not only the retried one', async () => {
    setup.server.route('/busy', sequence(respond(503, '', { 'retry-after': '1' }), respond(200, 'ok')));
    setup.server.route('/other', respond(200, 'ok'));
    const client = setup.client();
    const busy = client.get(setup.server.url('/busy'));
    while (setup.server.hits('/busy').length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all([busy, client.get(setup.server.url('/other'))]);
    const other = setup.server.hits('/other')[0]!;
    expect(other.startedAt - setup.server.hits('/busy')[0]!.startedAt).toBeGreaterThanOrEqual(1000 - ARRIVAL_SLACK_MS);
  });

  it('gives up on a host that keeps answering 503 after 3 retries (4 requests in all)', async () => {
    setup.server.route('/feed', respond(503));
    const session = setup.client().session();
    const { failure, ms } = await failureOf(session.get(setup.server.url('/feed')));
    expect(failure).toMatchObject({ kind: 'http', httpStatus: 503 });
    expect(failure.message).toContain(`HTTP 503 from ${setup.server.url('/feed')}`);
    expect(failure.message).toContain('gave up after 3 retries');
    expect(setup.server.hits('/feed')).toHaveLength(4);
    expect(session.stats()).toMatchObject({ requests: 4, retries: 3 });
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it.each([502, 504])('retries a %i too', async (status) => {
    setup.server.route('/feed', sequence(respond(status), respond(200, 'ok')));
    await setup.client().get(setup.server.url('/feed'));
    expect(setup.server.hits('/feed')).toHaveLength(2);
  });

  it('waits longer before each retry, with jitter', async () => {
    setup.server.route('/feed', respond(503));
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    await failureOf(setup.client({ retry: { baseDelayMs: 100, maxDelayMs: 300, sleep, random: () => 1 } }).get(setup.server.url('/feed')));
    expect(waits).toEqual([100, 200, 300]);
    waits.length = 0;
    await failureOf(setup.client({ retry: { baseDelayMs: 100, maxDelayMs: 300, sleep, random: () => 0 } }).get(setup.server.url('/feed')));
    expect(waits).toEqual([50, 100, 150]);
  });

  it('gives up at once when Retry-After asks for longer than the cap', async () => {
    setup.server.route('/feed', respond(503, '', { 'retry-after': '120' }));
    const { failure, ms } = await failureOf(setup.client().get(setup.server.url('/feed')));
    expect(failure).toMatchObject({ kind: 'http', httpStatus: 503 });
    expect(failure.message).toContain('retry after 120 s, longer than the 5 s we wait');
    expect(setup.server.hits('/feed')).toHaveLength(1);
    expect(ms).toBeLessThan(1000);
  });

  it("gives up at once when waiting for a retry would pass the source's deadline", async () => {
    setup.server.route('/feed', respond(503, '', { 'retry-after': '3' }));
    const session = setup.client().session({ deadlineMs: 1000 });
    const { failure, ms } = await failureOf(session.get(setup.server.url('/feed')));
    expect(failure.message).toContain("would pass the source's deadline");
    expect(ms).toBeLessThan(1000);
  });

  it('does not retry a 500: the server is broken, not busy', async () => {
    setup.server.route('/feed', respond(500));
    const { failure } = await failureOf(setup.client().get(setup.server.url('/feed')));
    expect(failure).toMatchObject({ kind: 'http', httpStatus: 500 });
    expect(failure.message).toBe(`HTTP 500 from ${setup.server.url('/feed')}`);
    expect(setup.server.hits('/feed')).toHaveLength(1);
  });

  it.each([404, 410, 401, 403])('does not retry a %i', async (status) => {
    setup.server.route('/feed', respond(status));
    const { failure } = await failureOf(setup.client().get(setup.server.url('/feed')));
    expect(failure).toMatchObject({ kind: 'http', httpStatus: status });
    expect(failure.message).toBe(`HTTP ${status} from ${setup.server.url('/feed')}`);
    expect(setup.server.hits('/feed')).toHaveLength(1);
  });

  it('retries a connection reset in the middle of the body and reads the page on the next try', async () => {
    setup.server.route('/feed', sequence(resetMidBody(), respond(200, 'whole')));
    const session = setup.client().session();
    const response = await session.get(setup.server.url('/feed'));
    expect(response.text()).toBe('whole');
    expect(session.stats()).toMatchObject({ requests: 2, retries: 1 });
  });

  it('reports a connection that keeps breaking mid-body as a network failure, after 3 retries', async () => {
    setup.server.route('/feed', resetMidBody());
    const { failure, ms } = await failureOf(setup.client().get(setup.server.url('/feed')));
    expect(failure.kind).toBe('network');
    expect(failure.message).toContain(`could not fetch ${setup.server.url('/feed')}`);
    expect(setup.server.hits('/feed')).toHaveLength(4);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('retries a refused connection, then fails with ECONNREFUSED in the message', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.9', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    const session = setup.client({ robots: false }).session();
    const { failure, ms } = await failureOf(session.get(`http://127.0.0.9:${port}/feed`));
    expect(failure.kind).toBe('network');
    expect(failure.message).toContain('ECONNREFUSED');
    expect(session.stats()).toMatchObject({ requests: 4, retries: 3 });
    expect(ms).toBeLessThan(BOUND_MS);
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('never backs off longer than the maximum', () => {
    expect(backoffMs(10, { baseDelayMs: 500, maxDelayMs: 8000, random: () => 1 })).toBe(8000);
  });
});
