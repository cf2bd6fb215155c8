import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { USER_AGENT } from '../../src/http/client.ts';
import { respond } from '../helpers/server.ts';
import { failureOf, useTestServer } from './harness.ts';

const setup = useTestServer();

const FEED = `BEGIN:VCALENDAR\r\n${'BEGIN:VEVENT\r\nSUMMARY:Café night\r\nEND:VEVENT\r\n'.repeat(50)}END:VCALENDAR\r\n`;

describe('content encodings', () => {
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decodes a %s body', async (encoding, compress) => {
    setup.server.route('/feed', respond(200, compress(Buffer.from(FEED)), { 'content-type': 'text/calendar; charset=utf-8', 'content-encoding': encoding }));
    const session = setup.client().session();
    const response = await session.get(setup.server.url('/feed'));
    expect(response.text()).toBe(FEED);
    expect(session.stats().bytesReceived).toBe(Buffer.byteLength(FEED));
    expect(session.stats().wireBytes).toBeLessThan(Buffer.byteLength(FEED) / 5);
  });

  it('asks for compressed bodies, with an honest User-Agent', async () => {
    setup.server.route('/feed', respond(200, 'ok'));
    await setup.client().get(setup.server.url('/feed'), { accept: 'text/calendar', headers: { 'User-Agent': 'curl/8', 'X-Extra': 'yes' } });
    const { headers } = setup.server.hits('/feed')[0]!;
    expect(headers).toMatchObject({ 'accept-encoding': 'gzip, deflate, br', 'user-agent': USER_AGENT, accept: 'text/calendar', 'x-extra': 'yes' });
  });

  it('fails clearly on a body that is not the gzip it claims to be', async () => {
    setup.server.route('/feed', respond(200, 'plain text', { 'content-encoding': 'gzip' }));
    const { failure } = await failureOf(setup.client().get(setup.server.url('/feed')));
    expect(failure.kind).toBe('unexpected_content');
    expect(failure.message).toContain(`could not decompress the gzip body from ${setup.server.url('/feed')}`);
  });

  it('fails clearly on an encoding we did not ask for', async () => {
    setup.server.route('/feed', respond(200, 'data', { 'content-encoding': 'zstd' }));
    const { failure } = await failureOf(setup.client().get(setup.server.url('/feed')));
    expect(failure).toMatchObject({ kind: 'unexpected_content' });
    expect(failure.message).toContain('"zstd" encoding');
  });
});

describe('charsets', () => {
  it('reads invalid UTF-8 leniently, replacing the bad bytes', async () => {
    const body = Buffer.concat([Buffer.from('SUMMARY:Caf'), Buffer.from([0xe9, 0xff]), Buffer.from(' night')]);
    setup.server.route('/feed', respond(200, body, { 'content-type': 'text/calendar; charset=utf-8' }));
    const response = await setup.client().get(setup.server.url('/feed'));
    expect(response.text()).toBe('SUMMARY:Caf\uFFFD\uFFFD night');
    expect(response.body).toEqual(body);
  });

  it('decodes a latin-1 body that declares its charset', async () => {
    const body = Buffer.from('<p>Café à Spokane</p>', 'latin1');
    expect(body).toHaveLength(21); // one byte per accented letter: not UTF-8
    setup.server.route('/page', respond(200, body, { 'content-type': 'text/html; charset=ISO-8859-1' }));
    const response = await setup.client().get(setup.server.url('/page'));
    expect(response.text()).toBe('<p>Café à Spokane</p>');
  });

  it('reads a body in a charset Node does not know as UTF-8', async () => {
    setup.server.route('/page', respond(200, 'Café', { 'content-type': 'text/html; charset=x-unknown-42' }));
    expect((await setup.client().get(setup.server.url('/page'))).text()).toBe('Café');
  });

  it('returns an empty body for an empty 200', async () => {
    setup.server.route('/empty', respond(200, ''));
    const response = await setup.client().get(setup.server.url('/empty'));
    expect(response.status).toBe(200);
    expect(response.body.length).toBe(0);
    expect(response.text()).toBe('');
  });
});
