import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HostUnreachable } from '../../src/errors.ts';
import { hang } from '../helpers/server.ts';
import { BOUND_MS, failureOf, useTestServer } from './harness.ts';

// A host that cannot be reached is said as that, with the cause, whatever was being fetched:
// robots.txt is asked for first, and its failing is not the story.

const setup = useTestServer(1);

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a host that cannot be reached', () => {
  it('whose name does not resolve: "could not be reached: DNS lookup failed", tried once', async () => {
    const session = setup.client().session();
    const { failure } = await failureOf(session.get('http://spokane-tech-test.invalid/events.ics'));
    expect(failure).toBeInstanceOf(HostUnreachable);
    expect((failure as HostUnreachable).summary).toBe('spokane-tech-test.invalid could not be reached: DNS lookup failed');
    expect(failure.message).toMatch(/^spokane-tech-test\.invalid could not be reached: DNS lookup failed \(.*ENOTFOUND.*, for http:\/\/spokane-tech-test\.invalid\/robots\.txt\)$/);
    expect(failure.message).not.toMatch(/staying away|RFC 9309/);
    expect(failure.message).not.toMatch(/retries/);
    expect(session.stats().requests).toBe(0);
  });

  it('that refuses the connection: "connection refused", after the retries a restart deserves', async () => {
    const port = await closedPort();
    const { failure, ms } = await failureOf(setup.client().get(`http://127.0.0.1:${port}/events.ics`));
    expect((failure as HostUnreachable).summary).toBe(`127.0.0.1:${port} could not be reached: connection refused`);
    expect(failure.kind).toBe('network');
    expect(failure.message).toContain('gave up after 3 retries');
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('that never answers: "it did not answer", as a timeout, with how long it was given', async () => {
    setup.server.route('/robots.txt', hang());
    const { failure } = await failureOf(setup.client().get(setup.server.url('/events.ics')));
    expect((failure as HostUnreachable).summary).toBe(`${setup.server.hosts[0]} could not be reached: it did not answer`);
    expect(failure.message).toContain('sent no response headers within 1 s');
    expect(failure.kind).toBe('timeout');
    expect(setup.server.hits('/events.ics')).toHaveLength(0);
  });

  it('is tried once per run: the next page on it fails at once, for the same reason', async () => {
    const port = await closedPort();
    const client = setup.client();
    const first = await failureOf(client.get(`http://127.0.0.1:${port}/a.ics`));
    const nextSession = client.session();
    const second = await failureOf(nextSession.get(`http://127.0.0.1:${port}/b.ics`));
    expect(second.failure).toBe(first.failure);
    expect(nextSession.stats().requests).toBe(0);
  });
});
