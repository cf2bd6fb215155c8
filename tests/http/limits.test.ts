import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { largeBody, redirect, respond } from '../helpers/server.ts';
import { BOUND_MS, failureOf, useTestServer } from './harness.ts';

const setup = useTestServer();

const MB = 1024 * 1024;

/** 1 GiB of zeros in about 1 MiB of gzip: 64 gzip members of 16 MiB each, which gunzip reads as one body. */
function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(16 * MB), { level: 9 });
  return Buffer.concat(Array.from({ length: 64 }, () => member));
}

describe('body size', () => {
  it('refuses a 20 MB body as too large (the default cap is 10 MB), in bounded time', async () => {
    setup.server.route('/huge', largeBody(20 * MB));
    const { failure, ms } = await failureOf(setup.client().get(setup.server.url('/huge')));
    expect(failure).toMatchObject({ kind: 'too_large', httpStatus: null });
    expect(failure.message).toBe(`the response from ${setup.server.url('/huge')} is larger than ${10 * MB} bytes`);
    expect(setup.server.hits('/huge')).toHaveLength(1);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('refuses a gzip bomb as too large without inflating it into memory', async () => {
    setup.server.route('/bomb', respond(200, gzipBomb(), { 'content-type': 'text/calendar', 'content-encoding': 'gzip' }));
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    try {
      const { failure, ms } = await failureOf(setup.client().get(setup.server.url('/bomb')));
      expect(failure.kind).toBe('too_large');
      expect(ms).toBeLessThan(BOUND_MS);
    } finally {
      clearInterval(sampler);
    }
    // Inflating it all would take 1 GiB; the cap stops it at 10 MiB.
    expect(peak - before).toBeLessThan(200 * MB);
  });

  it('reads a body just under the cap', async () => {
    setup.server.route('/big', largeBody(64 * 1024 * 15));
    const response = await setup.client({ maxBodyBytes: 64 * 1024 * 15 }).get(setup.server.url('/big'));
    expect(response.body.length).toBe(64 * 1024 * 15);
  });
});

describe('redirects', () => {
  it('follows a redirect and reports the final URL', async () => {
    setup.server.route('/old', redirect('/new', 301));
    setup.server.route('/new', respond(200, 'moved here'));
    const response = await setup.client().get(setup.server.url('/old'));
    expect(response.url).toBe(setup.server.url('/new'));
    expect(response.text()).toBe('moved here');
  });

  it('follows a redirect to another host, asking that host for its robots.txt first', async () => {
    setup.server.route('/old', redirect(setup.server.url('/new', 1)));
    setup.server.route('/new', respond(200, 'other host'));
    const response = await setup.client().get(setup.server.url('/old'));
    expect(response.text()).toBe('other host');
    expect(setup.server.hits('/robots.txt', 1)).toHaveLength(1);
  });

  it('does not carry an Authorization header to another host', async () => {
    setup.server.route('/api', redirect(setup.server.url('/elsewhere', 1)));
    setup.server.route('/elsewhere', respond(200, '{}'));
    await setup.client().get(setup.server.url('/api'), { headers: { Authorization: 'Bearer secret' } });
    expect(setup.server.hits('/api')[0]!.headers.authorization).toBe('Bearer secret');
    expect(setup.server.hits('/elsewhere')[0]!.headers.authorization).toBeUndefined();
  });

  it('fails on a redirect loop, naming the loop', async () => {
    setup.server.route('/a', redirect('/b'));
    setup.server.route('/b', redirect('/a'));
    const { failure, ms } = await failureOf(setup.client().get(setup.server.url('/a')));
    expect(failure).toMatchObject({ kind: 'http', httpStatus: 302 });
    expect(failure.message).toBe(`redirect loop: ${setup.server.url('/a')} → ${setup.server.url('/b')} → ${setup.server.url('/a')}`);
    expect(setup.server.hits('/a')).toHaveLength(1);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('follows 5 redirects but not 6', async () => {
    for (let i = 0; i < 6; i++) setup.server.route(`/r${i}`, redirect(`/r${i + 1}`));
    setup.server.route('/r6', respond(200, 'end'));
    const client = setup.client();
    expect((await client.get(setup.server.url('/r1'))).text()).toBe('end');
    const { failure } = await failureOf(client.get(setup.server.url('/r0')));
    expect(failure.kind).toBe('http');
    expect(failure.message).toContain(`${setup.server.url('/r0')} redirected more than 5 times`);
  });

  it.each(['ftp://example.org/feed.ics', 'file:///etc/passwd', 'javascript:alert(1)'])(
    'refuses a redirect to %s',
    async (location) => {
      setup.server.route('/feed', redirect(location));
      const { failure } = await failureOf(setup.client().get(setup.server.url('/feed')));
      expect(failure).toMatchObject({ kind: 'http', httpStatus: 302 });
      expect(failure.message).toContain(`redirected to ${new URL(location).protocol} URL ${location}; only http(s) redirects are followed`);
    },
  );

  it('fails on a redirect that says nowhere', async () => {
    setup.server.route('/feed', respond(302));
    const { failure } = await failureOf(setup.client().get(setup.server.url('/feed')));
    expect(failure.message).toBe(`${setup.server.url('/feed')} answered 302 (a redirect) without saying where to`);
  });

  it('refuses to fetch a URL that is not http(s) at all', async () => {
    const { failure } = await failureOf(setup.client().get('file:///etc/passwd'));
    expect(failure.message).toContain('refusing to fetch a file: URL');
  });
});
