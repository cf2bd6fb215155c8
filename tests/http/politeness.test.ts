import { describe, expect, it } from 'vitest';
import { DEFAULT_POLITENESS } from '../../src/http/client.ts';
import { resolvePoliteness } from '../../src/http/host-limiter.ts';
import { respond, slow, type Hit } from '../helpers/server.ts';
import { ARRIVAL_SLACK_MS, useTestServer } from './harness.ts';

const setup = useTestServer();

function gaps(hits: Hit[]): number[] {
  const starts = hits.map((hit) => hit.startedAt).sort((a, b) => a - b);
  return starts.slice(1).map((start, i) => start - starts[i]!);
}

describe('politeness', () => {
  it('never has more than the per-host limit in flight, while two hosts proceed in parallel', async () => {
    setup.server.route('/page', slow(150));
    const client = setup.client({ hosts: { default: { concurrency: 2, minIntervalMs: 0 } } });
    const pages = [0, 1].flatMap((host) => Array.from({ length: 6 }, () => client.get(setup.server.url('/page', host))));
    await Promise.all(pages);
    expect(setup.server.peakConcurrency(0)).toBe(2);
    expect(setup.server.peakConcurrency(1)).toBe(2);
    // Four at once means both hosts had two in flight at the same time.
    expect(setup.server.peakConcurrency()).toBe(4);
  });

  it('never has more than the global limit in flight across hosts', async () => {
    setup.server.route('/page', slow(100));
    const client = setup.client({ concurrency: 3, hosts: { default: { concurrency: 4, minIntervalMs: 0 } } });
    await Promise.all([0, 1].flatMap((host) => Array.from({ length: 5 }, () => client.get(setup.server.url('/page', host)))));
    expect(setup.server.peakConcurrency()).toBe(3);
  });

  it('starts at most one request per slot in each minimum interval, robots.txt included', async () => {
    setup.server.route('/page', respond(200, 'ok'));
    const client = setup.client({ hosts: { default: { concurrency: 2, minIntervalMs: 200 } } });
    await Promise.all(Array.from({ length: 5 }, () => client.get(setup.server.url('/page'))));
    const hits = setup.server.hits(undefined, 0);
    expect(hits.map((hit) => hit.path)).toEqual(['/robots.txt', '/page', '/page', '/page', '/page', '/page']);
    // Two slots: any three consecutive starts span at least one interval.
    const starts = hits.map((hit) => hit.startedAt).sort((a, b) => a - b);
    for (let i = 2; i < starts.length; i++) expect(starts[i]! - starts[i - 2]!).toBeGreaterThanOrEqual(200 - ARRIVAL_SLACK_MS);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(2 * 200 - ARRIVAL_SLACK_MS);
  });

  it('starts every request to a one-slot host a full interval after the one before', async () => {
    setup.server.route('/page', respond(200, 'ok'));
    const client = setup.client({ hosts: { default: { concurrency: 1, minIntervalMs: 200 } } });
    await Promise.all(Array.from({ length: 3 }, () => client.get(setup.server.url('/page'))));
    for (const gap of gaps(setup.server.hits(undefined, 0))) expect(gap).toBeGreaterThanOrEqual(200 - ARRIVAL_SLACK_MS);
  });

  it('applies settings given for one host:port only to that host', async () => {
    setup.server.route('/page', respond(200, 'ok'));
    const [slowHost] = setup.server.hosts;
    const client = setup.client({ hosts: { default: { concurrency: 4, minIntervalMs: 0 }, [slowHost!]: { concurrency: 1, minIntervalMs: 200 } } });
    await Promise.all([0, 1].flatMap((host) => Array.from({ length: 3 }, () => client.get(setup.server.url('/page', host)))));
    for (const gap of gaps(setup.server.hits(undefined, 0))) expect(gap).toBeGreaterThanOrEqual(200 - ARRIVAL_SLACK_MS);
    expect(Math.max(...gaps(setup.server.hits('/page', 1)))).toBeLessThan(100);
  });

  it('goes to Meetup one request at a time, 2 s apart, unless told otherwise', () => {
    expect(DEFAULT_POLITENESS.hosts['www.meetup.com']).toEqual({ concurrency: 1, minIntervalMs: 2000 });
    expect(resolvePoliteness({ hosts: { 'www.meetup.com': { minIntervalMs: 3000 } } }).hosts['www.meetup.com']).toEqual({
      concurrency: 1,
      minIntervalMs: 3000,
    });
  });

  it('fills in what a host setting leaves out from the default host', () => {
    const politeness = resolvePoliteness({ concurrency: 4, hosts: { default: { concurrency: 3 }, 'example.org': { minIntervalMs: 900 } } });
    expect(politeness).toMatchObject({
      concurrency: 4,
      hosts: { default: { concurrency: 3, minIntervalMs: 250 }, 'example.org': { concurrency: 3, minIntervalMs: 900 } },
    });
  });
});
