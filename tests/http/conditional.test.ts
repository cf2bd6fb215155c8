import { describe, expect, it } from 'vitest';
import { NotModified, type StoredValidators, type ValidatorStore } from '../../src/http/client.ts';
import { documentHash } from '../../src/http/conditional.ts';
import { SourceFailure } from '../../src/errors.ts';
import type { Route } from '../helpers/server.ts';
import { respond } from '../helpers/server.ts';
import { useTestServer } from './harness.ts';

const setup = useTestServer();

const ETAG = '"v1"';
const LAST_MODIFIED = 'Sat, 01 Mar 2025 12:00:00 GMT';

/** Like a server with validators: 304 when the client already has the current version. */
function withValidators(body: string): Route {
  return (request, response) => {
    if (request.headers['if-none-match'] === ETAG || request.headers['if-modified-since'] === LAST_MODIFIED) {
      response.writeHead(304, { etag: ETAG }).end();
    } else {
      respond(200, body, { etag: ETAG, 'last-modified': LAST_MODIFIED, 'content-type': 'text/calendar' })(request, response);
    }
  };
}

function feed(stamp: string, summary = 'Rust night'): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:e1@example.org',
    `DTSTAMP:${stamp}`,
    'DTSTART:20250310T020000Z',
    `SUMMARY:${summary}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

function storeOf(entries: Record<string, StoredValidators>): ValidatorStore {
  return { get: (url) => entries[url] };
}

async function notModifiedOf(promise: Promise<unknown>): Promise<NotModified> {
  const error = await promise.then(() => expect.unreachable('expected NotModified'), (error: unknown) => error);
  expect(error).toBeInstanceOf(NotModified);
  expect(error).not.toBeInstanceOf(SourceFailure);
  return error as NotModified;
}

describe('conditional requests', () => {
  it('keeps the validators of a first fetch pending, for the caller to save with the events', async () => {
    setup.server.route('/feed.ics', withValidators(feed('20250301T120000Z')));
    const url = setup.server.url('/feed.ics');
    const session = setup.client().session({ validators: storeOf({}) });
    const response = await session.get(url, { conditional: true });
    expect(response.text()).toContain('Rust night');
    expect(session.pendingValidators()).toEqual([
      { url, etag: ETAG, lastModified: LAST_MODIFIED, contentHash: documentHash(response.body) },
    ]);
  });

  it('sends If-None-Match and If-Modified-Since, and reports NotModified on a 304', async () => {
    setup.server.route('/feed.ics', withValidators(feed('20250301T120000Z')));
    const url = setup.server.url('/feed.ics');
    const session = setup.client().session({ validators: storeOf({ [url]: { etag: ETAG, lastModified: LAST_MODIFIED, contentHash: 'abc' } }) });
    const notModified = await notModifiedOf(session.get(url, { conditional: true }));
    expect(notModified).toMatchObject({ url, reason: '304' });
    expect(setup.server.hits('/feed.ics')[0]!.headers).toMatchObject({ 'if-none-match': ETAG, 'if-modified-since': LAST_MODIFIED });
    expect(session.pendingValidators()).toEqual([]);
  });

  it('reports NotModified for an iCal feed that differs only in DTSTAMP, as Meetup sends it', async () => {
    const url = setup.server.url('/meetup.ics');
    setup.server.route('/meetup.ics', respond(200, feed('20250301T120000Z'), { 'content-type': 'text/calendar' }));
    const first = setup.client().session();
    await first.get(url, { conditional: true });
    const [saved] = first.pendingValidators();
    expect(saved).toMatchObject({ etag: null, lastModified: null });

    setup.server.route('/meetup.ics', respond(200, feed('20250302T080000Z'), { 'content-type': 'text/calendar' }));
    const second = setup.client().session({ validators: storeOf({ [url]: saved! }) });
    expect(await notModifiedOf(second.get(url, { conditional: true }))).toMatchObject({ url, reason: 'same-content' });
    expect(setup.server.hits('/meetup.ics')[1]!.headers['if-none-match']).toBeUndefined();
  });

  it('returns a feed whose events changed, with its new hash pending', async () => {
    const url = setup.server.url('/meetup.ics');
    const before = documentHash(Buffer.from(feed('20250301T120000Z')));
    setup.server.route('/meetup.ics', respond(200, feed('20250302T080000Z', 'Rust night (moved)'), { 'content-type': 'text/calendar' }));
    const session = setup.client().session({ validators: storeOf({ [url]: { etag: null, lastModified: null, contentHash: before } }) });
    const response = await session.get(url, { conditional: true });
    expect(response.text()).toContain('Rust night (moved)');
    expect(session.pendingValidators()[0]!.contentHash).not.toBe(before);
  });

  it('hashes a folded DTSTAMP line as a whole', () => {
    const folded = feed('20250301T120000Z').replace('DTSTAMP:20250301T120000Z', 'DTSTAMP:2025\r\n 0301T120000Z');
    expect(documentHash(Buffer.from(folded))).toBe(documentHash(Buffer.from(feed('20250309T000000Z'))));
  });

  it('hashes every byte of a document that is not a calendar', () => {
    expect(documentHash(Buffer.from('<p>DTSTAMP:1</p>'))).not.toBe(documentHash(Buffer.from('<p>DTSTAMP:2</p>')));
  });

  it('tracks only the documents fetched as conditional, and only in their own session', async () => {
    setup.server.route('/feed.ics', withValidators(feed('20250301T120000Z')));
    setup.server.route('/event/1', respond(200, 'details'));
    const client = setup.client();
    const session = client.session();
    await session.get(setup.server.url('/feed.ics'), { conditional: true });
    await session.get(setup.server.url('/event/1'));
    const other = client.session();
    await other.get(setup.server.url('/event/1'));
    expect(session.pendingValidators().map((v) => v.url)).toEqual([setup.server.url('/feed.ics')]);
    expect(other.pendingValidators()).toEqual([]);
  });

  it('sends no validators on a request that is not conditional', async () => {
    const url = setup.server.url('/feed.ics');
    setup.server.route('/feed.ics', withValidators(feed('20250301T120000Z')));
    const session = setup.client().session({ validators: storeOf({ [url]: { etag: ETAG, lastModified: LAST_MODIFIED, contentHash: null } }) });
    const response = await session.get(url);
    expect(response.status).toBe(200);
    expect(setup.server.hits('/feed.ics')[0]!.headers['if-none-match']).toBeUndefined();
  });
});

describe('session stats', () => {
  it('counts requests, retries and bytes for each session separately', async () => {
    let calls = 0;
    setup.server.route('/feed', (request, response) => respond(++calls === 1 ? 503 : 200, 'x'.repeat(1000))(request, response));
    setup.server.route('/page', respond(200, 'y'.repeat(500)));
    const client = setup.client();
    const first = client.session();
    const second = client.session();
    await first.get(setup.server.url('/feed'));
    await second.get(setup.server.url('/page'));
    expect(first.stats()).toEqual({ requests: 2, retries: 1, bytesReceived: 1000, wireBytes: 1000 });
    expect(second.stats()).toEqual({ requests: 1, retries: 0, bytesReceived: 500, wireBytes: 500 });
  });
});
