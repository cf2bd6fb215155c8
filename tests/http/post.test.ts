import { describe, expect, it } from 'vitest';
import { USER_AGENT } from '../../src/http/client.ts';
import { resetMidBody, respond, sequence } from '../helpers/server.ts';
import { ARRIVAL_SLACK_MS, failureOf, useTestServer } from './harness.ts';

const setup = useTestServer();

describe('posting to an API', () => {
  it('sends the JSON with its content type, our User-Agent, and the caller’s headers but never in place of ours', async () => {
    setup.server.route('/statuses', respond(200, '{"id":"1"}', { 'content-type': 'application/json' }));
    const answer = await setup.client().post(setup.server.url('/statuses'), {
      json: { status: 'Héllo 👋' },
      headers: { authorization: 'Bearer t', 'idempotency-key': 'k1', 'User-Agent': 'impostor' },
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text())).toEqual({ id: '1' });
    const [hit] = setup.server.hits('/statuses');
    expect(hit).toMatchObject({ method: 'POST', body: '{"status":"Héllo 👋"}' });
    expect(hit!.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': USER_AGENT, authorization: 'Bearer t', 'idempotency-key': 'k1' });
  });

  it('gives back a refusal with the reason the API wrote in its body', async () => {
    setup.server.route('/records', respond(400, '{"error":"InvalidRequest","message":"Record already exists"}'));
    const answer = await setup.client().post(setup.server.url('/records'), { json: {} });
    expect(answer.status).toBe(400);
    expect(answer.text()).toContain('Record already exists');
  });

  it('tries again after the wait a 429 asks for, then takes the answer', async () => {
    setup.server.route('/hook', sequence(respond(429, '{"retry_after":1}', { 'retry-after': '1' }), respond(204, '')));
    const answer = await setup.client().post(setup.server.url('/hook'), { json: { content: 'x' } });
    expect(answer.status).toBe(204);
    const [first, second] = setup.server.hits('/hook');
    expect(second!.startedAt - first!.startedAt).toBeGreaterThanOrEqual(1000 - ARRIVAL_SLACK_MS);
    expect(second!.body).toBe(first!.body);
  });

  it('reads the wait from a platform’s own rate-limit header when told how', async () => {
    const reset = () => String(Math.ceil(Date.now() / 1000) + 1);
    setup.server.route('/xrpc', sequence((request, response) => respond(429, '{}', { 'ratelimit-reset': reset() })(request, response), respond(200, '{}')));
    const answer = await setup.client().post(setup.server.url('/xrpc'), {
      json: {},
      retryAfterMs: (refusal) => Number(refusal.headers.get('ratelimit-reset')) * 1000 - Date.now(),
    });
    expect(answer.status).toBe(200);
    expect(setup.server.hits('/xrpc')).toHaveLength(2);
  });

  it('gives up after three more tries and returns the last refusal', async () => {
    setup.server.route('/busy', respond(429, 'slow down', { 'retry-after': '0' }));
    const answer = await setup.client().post(setup.server.url('/busy'), { json: {} });
    expect(answer.status).toBe(429);
    expect(setup.server.hits('/busy')).toHaveLength(4);
  });

  it('never repeats a post the server may have taken: not on a 500, not when the connection breaks', async () => {
    setup.server.route('/broken', respond(500, 'oops'));
    expect((await setup.client().post(setup.server.url('/broken'), { json: {} })).status).toBe(500);
    expect(setup.server.hits('/broken')).toHaveLength(1);

    setup.server.route('/reset', resetMidBody());
    const { failure } = await failureOf(setup.client().post(setup.server.url('/reset'), { json: {} }));
    expect(failure.kind).toBe('network');
    expect(setup.server.hits('/reset')).toHaveLength(1);
  });

  it('refuses an address that is not http(s)', async () => {
    const { failure } = await failureOf(setup.client().post('file:///etc/passwd', { json: {} }));
    expect(failure.message).toMatch(/not posted/);
  });
});
