import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { announce, type AnnounceOptions } from '../../src/announce/index.ts';
import type { ChannelSecrets } from '../../src/announce/settings.ts';
import { announceSchema } from '../../src/config/announce-schema.ts';
import type { Config } from '../../src/config/schema.ts';
import { createHttpClient, type PoliteHttpClient } from '../../src/http/client.ts';
import { openStore } from '../../src/store/db.ts';
import { applyEvents, syncConfig } from '../../src/store/events.ts';
import type { SourceEvent } from '../../src/types.ts';
import { config as testConfig, groupConfig, siteConfig, sourceEvent } from '../helpers/builders.ts';
import { SECRETS, startFakePlatforms } from './fake-platforms.ts';

// `announce` end to end against loopback fakes of Discord, Mastodon and Bluesky (fake-platforms.ts
// checks each request as the platforms document it), on a store filled as fetch fills it.

const NOW = new Date('2026-12-08T20:00:00Z'); // Tuesday, December 8, 2026, noon in Spokane
const HOUR = 3600_000;

let fake: Awaited<ReturnType<typeof startFakePlatforms>>;
let http: PoliteHttpClient;
beforeAll(() => {
  http = createHttpClient({ retry: { baseDelayMs: 1, maxDelayMs: 2 }, hosts: { default: { concurrency: 4, minIntervalMs: 0 } } });
});
afterAll(async () => {
  await http.close();
});
beforeEach(async () => {
  fake = await startFakePlatforms();
});
afterEach(async () => {
  expect(fake.problems).toEqual([]);
  await fake.close();
});

const secrets: ChannelSecrets = { discordWebhookUrl: '', mastodonToken: SECRETS.mastodonToken, blueskyAppPassword: SECRETS.blueskyPassword };

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'spokane-tech-announce-'));
  const config: Config = testConfig({
    site: siteConfig({ title: 'Spokane Tech' }),
    groups: [groupConfig({ id: 'python-spokane', name: 'Spokane Python User Group' })],
    announce: announceSchema.parse({ discord: null, mastodon: { server: fake.origin }, bluesky: { handle: 'spokanetech.bsky.social', service: fake.origin } }),
  });
  const dbPath = join(dir, 'data', 'spokane-tech.db');
  const fetched = (events: SourceEvent[], at: Date) => {
    const db = openStore(dbPath);
    const [source] = syncConfig(db, config);
    db.transaction(() => applyEvents(db, source!, events, { now: at, timezone: 'America/Los_Angeles' }))();
    db.close();
  };
  const run = (overrides: Partial<AnnounceOptions> = {}) =>
    announce({ config, dbPath, dataDir: join(dir, 'data'), secrets: { ...secrets, discordWebhookUrl: fake.discordWebhookUrl }, dryRun: false, http, now: NOW, ...overrides });
  return { dir, dbPath, config, fetched, run };
}

/** A talk on Thursday evening, December 10. */
const talk = (overrides: Partial<SourceEvent> = {}) =>
  sourceEvent({ sourceEventId: 'talk', title: 'Python Night: Async & You', start: '2026-12-11T02:00:00Z', end: '2026-12-11T04:00:00Z', ...overrides });

const postsTo = (platform: string) => fake.received.filter((r) => r.platform === platform && !r.path.includes('createSession') && !r.path.startsWith('GET'));

describe('announcing to Discord, Mastodon and Bluesky', () => {
  it('posts a newly listed event and the week’s digest to each, in the shape each platform documents', async () => {
    const { fetched, run } = setup();
    fetched([talk()], new Date(NOW.getTime() - HOUR));
    const report = await run();
    expect(report.failed).toBe(false);

    const discord = postsTo('discord');
    expect(discord).toHaveLength(2);
    expect(discord[0]!.path).toBe(`POST /api/webhooks/1234/${SECRETS.discordToken}?wait=true`);
    const [digest, event] = fake.discordMessages as { embeds: { title: string; url: string; timestamp?: string; fields?: { name: string; value: string }[] }[] }[];
    expect(digest!.embeds[0]!.title).toMatch(/^This week on Spokane Tech \(Dec 7 – 13\): 1 event from 1 group\.$/);
    expect(event!.embeds[0]).toMatchObject({ title: 'Python Night: Async & You', timestamp: '2026-12-11T02:00:00Z' });
    expect(event!.embeds[0]!.url).toMatch(/^https:\/\/spokanetech\.example\/events\/2026-12-10-python-night-async-you-[0-9a-f]+\/$/);
    expect(event!.embeds[0]!.fields).toContainEqual({ name: 'When', value: '<t:1796954400:F> (<t:1796954400:R>)', inline: false });

    const [, status] = fake.mastodonStatuses();
    expect(status!.status).toMatch(/^New: Python Night: Async & You\nThu, Dec 10, 6:00 PM – 8:00 PM PST\nSpokane Python User Group · IntelliTect\nhttps:\/\/spokanetech\.example\/events\//);
    expect(postsTo('mastodon')[0]!.headers).toMatchObject({ authorization: `Bearer ${SECRETS.mastodonToken}`, 'idempotency-key': expect.stringMatching(/^[0-9a-f]{32}$/) });

    const records = fake.blueskyRecords();
    expect(records).toHaveLength(2);
    expect(records[1]!.text).toMatch(/^New: Python Night: Async & You\n/);
    expect(report.lines).toContainEqual(expect.stringMatching(/^bluesky: posted “Python Night: Async & You” \(new:[0-9a-f]{20}\)$/));
  });

  it('announces nothing the site hides: an event a correction in sources.yaml hides is neither posted nor in the digest', async () => {
    const { fetched, run, config } = setup();
    fetched([talk(), talk({ sourceEventId: 'spam', title: 'Crypto Riches Seminar', url: 'https://www.meetup.com/python-spokane/events/666/' })], new Date(NOW.getTime() - HOUR));
    config.corrections = [{ event: 'https://www.meetup.com/python-spokane/events/666/', reason: 'not a tech event', hide: true, override: {} }];
    const report = await run();
    expect(report.failed).toBe(false);
    expect(report.lines.join('\n')).not.toContain('Crypto Riches');
    const [digest] = fake.discordMessages as { embeds: { title: string; description: string }[] }[];
    expect(digest!.embeds[0]!.title).toMatch(/: 1 event from 1 group\.$/);
    expect(digest!.embeds[0]!.description).not.toContain('Crypto');
  });

  it('posts nothing twice, and tells of a time change and then a cancellation of an event it announced, once each', async () => {
    const { fetched, run } = setup();
    fetched([talk()], new Date(NOW.getTime() - HOUR));
    await run();
    fake.received.length = 0;
    expect((await run()).lines).toEqual(['discord: nothing new to announce', 'mastodon: nothing new to announce', 'bluesky: nothing new to announce']);
    expect(fake.received).toEqual([]);

    fetched([talk({ start: '2026-12-12T02:00:00Z', end: '2026-12-12T04:00:00Z' })], new Date(NOW.getTime() + HOUR));
    const moved = await run({ now: new Date(NOW.getTime() + 2 * HOUR) });
    expect(moved.lines.filter((l) => l.includes('posted changed:'))).toHaveLength(3);
    expect(fake.mastodonStatuses().at(-1)!.status).toMatch(/^Time changed: Python Night: Async & You\nFri, Dec 11, 6:00 PM – 8:00 PM PST\n.*\nWas: Thu, Dec 10, 6:00 PM – 8:00 PM PST\n/);

    fetched([talk({ start: '2026-12-12T02:00:00Z', end: '2026-12-12T04:00:00Z', status: 'cancelled' })], new Date(NOW.getTime() + 3 * HOUR));
    const cancelled = await run({ now: new Date(NOW.getTime() + 4 * HOUR) });
    expect(cancelled.lines.filter((l) => l.includes('posted cancelled:'))).toHaveLength(3);
    const quiet = (await run({ now: new Date(NOW.getTime() + 5 * HOUR) })).lines;
    expect(quiet).toHaveLength(3);
    expect(quiet.every((l) => l.endsWith('nothing new to announce'))).toBe(true);
  });

  it('waits as long as a 429 asks, then posts', async () => {
    const { fetched, run } = setup();
    fetched([talk()], new Date(NOW.getTime() - HOUR));
    fake.script('discord', { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.3, global: false }, headers: { 'retry-after': '1' } });
    const started = performance.now();
    const report = await run();
    expect(report.failed).toBe(false);
    expect(postsTo('discord')).toHaveLength(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it.each<['mastodon' | 'bluesky', () => Record<string, string>]>([
    ['mastodon', () => ({ 'x-ratelimit-reset': new Date(Date.now() + 400).toISOString() })],
    ['bluesky', () => ({ 'ratelimit-reset': String(Math.ceil((Date.now() + 400) / 1000)) })],
  ])('waits for the rate limit to reset when %s says when it does, then posts', async (platform, resetHeaders) => {
    const { fetched, run } = setup();
    fetched([talk()], new Date(NOW.getTime() - HOUR));
    const reset = resetHeaders();
    const resetAt = platform === 'mastodon' ? Date.parse(Object.values(reset)[0]!) : Number(Object.values(reset)[0]) * 1000;
    fake.script(platform, { status: 429, body: { error: 'Too many requests' }, headers: reset });
    const report = await run();
    expect(report.failed).toBe(false);
    expect(postsTo(platform).length).toBeGreaterThanOrEqual(2);
    // The retry went out once the limit had reset, not before.
    const retry = fake.received.filter((r) => r.platform === platform).at(1)!;
    expect(retry.at).toBeGreaterThanOrEqual(resetAt - 50);
  });

  it('tries a post the server failed again on the next run, and posts on the other channels meanwhile', async () => {
    const { fetched, run } = setup();
    fetched([talk()], new Date(NOW.getTime() - HOUR));
    fake.script('mastodon', { status: 502, body: { error: 'Bad Gateway' } });
    const first = await run();
    expect(first.failed).toBe(true);
    expect(first.lines).toContainEqual(expect.stringMatching(/^mastodon: FAILED the digest of 2026-W50 .*refused the status \(HTTP 502: Bad Gateway\) \(tried again next run\)$/));
    expect(first.lines.filter((l) => /^(discord|bluesky): posted/.test(l))).toHaveLength(4);
    const second = await run({ now: new Date(NOW.getTime() + HOUR) });
    expect(second.failed).toBe(false);
    expect(second.lines.filter((l) => l.startsWith('mastodon: posted'))).toHaveLength(1);
    expect(second.lines.filter((l) => /^(discord|bluesky): posted/.test(l))).toEqual([]);
  });

  it('posts nothing again from a store lost and rebuilt from its snapshot', async () => {
    const { dbPath, fetched, run, dir } = setup();
    fetched([talk()], new Date(NOW.getTime() - HOUR));
    await run();
    const { writeSnapshot, readSnapshot } = await import('../../src/store/snapshot.ts');
    const db = openStore(dbPath);
    writeSnapshot(join(dir, 'data'), readSnapshot(db, setup().config));
    db.close();
    for (const file of readdirSync(join(dir, 'data')).filter((f) => f.endsWith('.db') || f.includes('.db-'))) rmSync(join(dir, 'data', file));
    fake.received.length = 0;
    const after = await run({ now: new Date(NOW.getTime() + HOUR) });
    expect(fake.received.filter((r) => !r.path.includes('createSession'))).toEqual([]);
    expect(after.lines).toHaveLength(3);
    expect(after.lines.every((l) => l.endsWith('nothing new to announce'))).toBe(true);
  });

  it('posts on a first run only what was first seen in the last two days, at most ten a run, and says what it held back', async () => {
    const { fetched, run } = setup();
    const day = (n: number) => ({ start: `2026-12-${String(11 + n).padStart(2, '0')}T02:00:00Z`, end: `2026-12-${String(11 + n).padStart(2, '0')}T04:00:00Z` });
    fetched(Array.from({ length: 20 }, (_, i) => talk({ sourceEventId: `old-${i}`, title: `Old ${i}`, ...day(i % 15) })), new Date(NOW.getTime() - 10 * 24 * HOUR));
    fetched(Array.from({ length: 15 }, (_, i) => talk({ sourceEventId: `new-${i}`, title: `New ${i}`, ...day(i) })), new Date(NOW.getTime() - HOUR));
    const report = await run();
    expect(fake.discordMessages).toHaveLength(10);
    expect(report.lines).toContain('discord: 6 more held back for the next run (at most 10 a run)');
    expect(report.lines.join('\n')).not.toMatch(/Old \d/);
  });

  it('with --dry-run prints exactly what it would post, secrets left out, and posts and writes nothing', async () => {
    const { fetched, run, dir } = setup();
    fetched([talk()], new Date(NOW.getTime() - HOUR));
    const before = readdirSync(join(dir, 'data')).sort();
    const report = await run({ dryRun: true });
    expect(fake.received).toEqual([]);
    expect(readdirSync(join(dir, 'data')).sort()).toEqual(before);
    const text = report.lines.join('\n');
    expect(text).toContain('discord: would post “Python Night: Async & You”');
    expect(text).toContain('POST <DISCORD_WEBHOOK_URL>?wait=true');
    expect(text).toContain(`POST ${fake.origin}/api/v1/statuses`);
    expect(text).toContain('"text": "New: Python Night: Async & You\\nThu, Dec 10');
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  });

  it('shows what it would post on a channel without its secret, and posts on the others', async () => {
    const { fetched, run } = setup();
    fetched([talk()], new Date(NOW.getTime() - HOUR));
    const report = await run({ secrets: { discordWebhookUrl: fake.discordWebhookUrl, mastodonToken: null, blueskyAppPassword: SECRETS.blueskyPassword } });
    expect(report.lines.filter((l) => l.startsWith('mastodon: would post'))).toHaveLength(2);
    expect(postsTo('mastodon')).toEqual([]);
    expect(fake.discordMessages.length).toBeGreaterThan(0);
  });

  it('never puts a secret in what it prints, stores or writes, even when a platform refuses', async () => {
    const { fetched, run, dir, dbPath } = setup();
    fetched([talk()], new Date(NOW.getTime() - HOUR));
    fake.script('discord', { status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
    fake.script('bluesky', { status: 401, body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' } });
    const report = await run();
    expect(report.failed).toBe(true);
    const written = [report.lines.join('\n'), readFileSync(dbPath).toString('latin1'), ...readdirSync(join(dir, 'data')).map((f) => readFileSync(join(dir, 'data', f)).toString('latin1'))];
    for (const secret of Object.values(SECRETS)) for (const text of written) expect(text).not.toContain(secret);
    expect(report.lines).toContainEqual(expect.stringMatching(/^discord: FAILED .*Discord refused the post \(HTTP 404: Unknown Webhook\)/));
    expect(report.lines).toContainEqual(expect.stringMatching(/^bluesky: FAILED .*did not sign in spokanetech\.bsky\.social \(HTTP 401: AuthenticationRequired: Invalid identifier or password\)/));
    expect(existsSync(dbPath)).toBe(true);
  });
});
