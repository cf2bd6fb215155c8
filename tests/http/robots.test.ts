import { describe, expect, it } from 'vitest';
import { USER_AGENT } from '../../src/http/client.ts';
import { respond } from '../helpers/server.ts';
import { ARRIVAL_SLACK_MS, BOUND_MS, failureOf, useTestServer } from './harness.ts';

const setup = useTestServer();

const robots = (text: string) => respond(200, text, { 'content-type': 'text/plain' });

describe('robots.txt', () => {
  it('reads a page when the host has no robots.txt (404 means no rules)', async () => {
    setup.server.route('/feed', respond(200, 'events'));
    const response = await setup.client().get(setup.server.url('/feed'));
    expect(response.text()).toBe('events');
    expect(setup.server.hits('/robots.txt')).toHaveLength(1);
  });

  it('refuses a path robots.txt disallows for spokane-tech, naming robots.txt, without requesting it', async () => {
    setup.server.route('/robots.txt', robots('User-agent: *\nAllow: /\n\nUser-agent: spokane-tech\nDisallow: /private/\n'));
    setup.server.route('/private/feed', respond(200, 'secret'));
    setup.server.route('/public/feed', respond(200, 'events'));
    const client = setup.client();

    const { failure } = await failureOf(client.get(setup.server.url('/private/feed')));
    expect(failure).toMatchObject({ kind: 'robots', httpStatus: null });
    expect(failure.message).toBe(
      `${setup.server.url('/robots.txt')} disallows ${setup.server.url('/private/feed')} for spokane-tech; not fetched`,
    );
    expect(setup.server.hits('/private/feed')).toHaveLength(0);
    expect((await client.get(setup.server.url('/public/feed'))).text()).toBe('events');
  });

  it('obeys the rules for every crawler when none name us', async () => {
    setup.server.route('/robots.txt', robots('User-agent: *\nDisallow: /\n'));
    const { failure } = await failureOf(setup.client().get(setup.server.url('/feed')));
    expect(failure.kind).toBe('robots');
  });

  it('stays away from a host whose robots.txt answers 503, for the rest of the run', async () => {
    setup.server.route('/robots.txt', respond(503));
    setup.server.route('/feed', respond(200, 'events'));
    setup.server.route('/other', respond(200, 'events'));
    const client = setup.client();

    const { failure, ms } = await failureOf(client.get(setup.server.url('/feed')));
    expect(failure).toMatchObject({ kind: 'robots', httpStatus: 503 });
    expect(failure.message).toBe(
      `${setup.server.url('/robots.txt')} answered 503; staying away from ${setup.server.hosts[0]} this run, as RFC 9309 asks`,
    );
    await expect(client.session().get(setup.server.url('/other'))).rejects.toMatchObject({ kind: 'robots' });
    expect(setup.server.hits('/feed')).toHaveLength(0);
    expect(setup.server.hits('/other')).toHaveLength(0);
    // 503 is retried like any other answer, then remembered: 4 requests, not 8.
    expect(setup.server.hits('/robots.txt')).toHaveLength(4);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('stays away from a host whose robots.txt cannot be reached, saying why', async () => {
    setup.server.route('/robots.txt', (request) => request.socket.resetAndDestroy());
    const { failure } = await failureOf(setup.client().get(setup.server.url('/feed')));
    expect(failure.kind).toBe('network');
    expect(failure.message).toMatch(/robots\.txt could not be read \(could not fetch .*\); staying away/);
    expect(setup.server.hits('/feed')).toHaveLength(0);
  });

  it('asks each host for robots.txt once, however many pages and sessions read it', async () => {
    setup.server.route('/a', respond(200, 'a'));
    setup.server.route('/b', respond(200, 'b'));
    const client = setup.client();
    await Promise.all([
      client.get(setup.server.url('/a')),
      client.session().get(setup.server.url('/b')),
      client.session().get(setup.server.url('/a', 1)),
    ]);
    await client.get(setup.server.url('/b', 1));
    expect(setup.server.hits('/robots.txt', 0)).toHaveLength(1);
    expect(setup.server.hits('/robots.txt', 1)).toHaveLength(1);
  });

  it('spaces requests by the Crawl-delay robots.txt asks for when it is longer than our interval', async () => {
    setup.server.route('/robots.txt', robots('User-agent: spokane-tech\nCrawl-delay: 0.3\nAllow: /\n'));
    setup.server.route('/feed', respond(200, 'ok'));
    const client = setup.client({ hosts: { default: { concurrency: 4, minIntervalMs: 0 } } });
    await Promise.all([1, 2, 3].map(() => client.get(setup.server.url('/feed'))));
    const starts = setup.server.hits('/feed').map((hit) => hit.startedAt);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(300 - ARRIVAL_SLACK_MS);
  });

  it('asks for robots.txt with our honest User-Agent', async () => {
    await failureOf(setup.client().get(setup.server.url('/feed')));
    expect(setup.server.hits('/robots.txt')[0]!.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^spokane-tech\/\S+ \(\+https:\/\/\S+/);
  });
});
