import { describe, expect, it } from 'vitest';
import { hang, respond, slow, trickle } from '../helpers/server.ts';
import { failureOf, useTestServer } from './harness.ts';

const setup = useTestServer();

/** undici checks its headers and body timeouts on a coarse clock, up to about a second late. */
const UNDICI_SLACK_MS = 1200;

describe('timeouts', () => {
  it('gives up on a server that never answers once the headers timeout passes, without retrying', async () => {
    setup.server.route('/feed', hang());
    const { failure, ms } = await failureOf(setup.client({ timeouts: { headersMs: 300 } }).get(setup.server.url('/feed')));
    expect(failure).toMatchObject({ kind: 'timeout', httpStatus: null });
    expect(failure.message).toBe(`${setup.server.url('/feed')} sent no response headers within 0.3 s`);
    expect(setup.server.hits('/feed')).toHaveLength(1);
    expect(ms).toBeLessThan(300 + UNDICI_SLACK_MS);
  });

  it('gives up on a body that stops arriving once the body timeout passes', async () => {
    setup.server.route('/feed', trickle(10_000));
    const { failure, ms } = await failureOf(setup.client({ timeouts: { bodyMs: 300 } }).get(setup.server.url('/feed')));
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toBe(`${setup.server.url('/feed')} stopped sending its body for more than 0.3 s`);
    expect(ms).toBeLessThan(300 + UNDICI_SLACK_MS);
  });

  it("stops a body that trickles in forever when the source's deadline passes", async () => {
    setup.server.route('/feed', trickle(20));
    const session = setup.client().session({ deadlineMs: 700 });
    const { failure, ms } = await failureOf(session.get(setup.server.url('/feed')));
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toBe(`the source's deadline of 0.7 s passed before ${setup.server.url('/feed')} answered in full`);
    expect(ms).toBeGreaterThanOrEqual(650);
    expect(ms).toBeLessThan(1500);
  });

  it('stops a body that trickles in forever when the whole-request timeout passes, even without a deadline', async () => {
    setup.server.route('/feed', trickle(20));
    const { failure, ms } = await failureOf(setup.client({ timeouts: { requestMs: 500 } }).get(setup.server.url('/feed')));
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toBe(`no complete answer from ${setup.server.url('/feed')} within 0.5 s`);
    expect(ms).toBeLessThan(1500);
  });

  it("ends a request still waiting for its turn at a slow host when the source's deadline passes", async () => {
    setup.server.route('/feed', respond(200, 'ok'));
    const client = setup.client({ hosts: { default: { concurrency: 1, minIntervalMs: 5000 } } });
    const { failure, ms } = await failureOf(client.session({ deadlineMs: 500 }).get(setup.server.url('/feed')));
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toContain("the source's deadline of 0.5 s passed");
    expect(ms).toBeLessThan(1500);
    // robots.txt went out; the page, due 5 s after it, never did.
    expect(setup.server.hits('/robots.txt')).toHaveLength(1);
    expect(setup.server.hits('/feed')).toHaveLength(0);
  });

  it("does not let one source's deadline cut short the robots.txt other sources wait for", async () => {
    setup.server.route('/robots.txt', slow(600, respond(200, 'User-agent: *\nAllow: /\n')));
    setup.server.route('/feed', respond(200, 'ok'));
    const client = setup.client();
    await failureOf(client.session({ deadlineMs: 200 }).get(setup.server.url('/feed')));
    const response = await client.session({ deadlineMs: 2000 }).get(setup.server.url('/feed'));
    expect(response.text()).toBe('ok');
    expect(setup.server.hits('/robots.txt')).toHaveLength(1);
  });
});
