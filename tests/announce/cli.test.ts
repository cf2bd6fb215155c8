import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { openStore } from '../../src/store/db.ts';
import { applyEvents, syncConfig } from '../../src/store/events.ts';
import { BIN, runCli } from '../helpers/cli.ts';
import { sourceEvent } from '../helpers/builders.ts';
import { SECRETS, startFakePlatforms } from './fake-platforms.ts';

// The announce command as the nightly workflow runs it: a process of its own, its secrets in the
// environment, and sometimes killed at the worst moment.

let fake: Awaited<ReturnType<typeof startFakePlatforms>>;
let dir: string;
beforeEach(async () => {
  fake = await startFakePlatforms();
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-announce-cli-'));
});
afterEach(async () => {
  expect(fake.problems).toEqual([]);
  await fake.close();
});

const env = () => ({ DISCORD_WEBHOOK_URL: fake.discordWebhookUrl, MASTODON_TOKEN: SECRETS.mastodonToken, BLUESKY_APP_PASSWORD: SECRETS.blueskyPassword });
const paths = () => ({ config: join(dir, 'sources.yaml'), db: join(dir, 'data', 'store.db'), data: join(dir, 'data') });
const args = (...extra: string[]) => ['announce', '--config', paths().config, '--db', paths().db, '--data', paths().data, ...extra];

/** sources.yaml with the three channels, and a store holding three talks first seen an hour ago. */
function setup(announce = `announce:\n  discord:\n  mastodon:\n    server: ${fake.origin}\n  bluesky:\n    handle: spokanetech.bsky.social\n    service: ${fake.origin}\n`) {
  writeFileSync(
    paths().config,
    `site:\n  title: Spokane Tech\n  url: https://spokanetech.example\n  timezone: America/Los_Angeles\n${announce}groups:\n  - id: python-spokane\n    name: Spokane Python User Group\n    sources:\n      - type: ical\n        url: https://py.example/feed.ics\n`,
  );
  const loaded = loadConfig(paths().config);
  if (!loaded.ok) throw new Error('bad test config');
  const db = openStore(paths().db);
  const [source] = syncConfig(db, loaded.config);
  const day = 24 * 3600_000;
  const talks = [1, 2, 3].map((n) => {
    const start = new Date(Date.now() + n * day);
    return sourceEvent({ sourceEventId: `talk-${n}`, title: `Talk ${n}`, start: start.toISOString().replace(/\.\d+Z$/, 'Z'), end: new Date(start.getTime() + 2 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z') });
  });
  db.transaction(() => applyEvents(db, source!, talks, { now: new Date(Date.now() - 3600_000), timezone: 'America/Los_Angeles' }))();
  db.close();
}

/** Run announce and kill it, without warning, the moment `platform` has taken its first post. */
function runKilledAfterFirstPostTo(platform: string): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args()], { env: { ...process.env, ...env() }, stdio: 'ignore' });
    fake.onAccepted((accepted) => {
      if (accepted !== platform) return;
      fake.onAccepted(null);
      child.kill('SIGKILL');
    });
    child.on('exit', () => resolve());
  });
}

describe('spokane-tech announce', () => {
  it('posts each announcement once on Mastodon and Bluesky even when killed after a post and before recording it; Discord posts that one twice', async () => {
    setup();
    await runKilledAfterFirstPostTo('discord');
    await runKilledAfterFirstPostTo('mastodon');
    await runKilledAfterFirstPostTo('bluesky');
    const last = await runCli(args(), { env: env() });
    expect(last.code).toBe(0);
    expect((await runCli(args(), { env: env() })).stdout).toMatch(/discord: nothing new to announce\nmastodon: nothing new to announce\nbluesky: nothing new to announce/);

    const mastodonTexts = fake.mastodonStatuses().map((s) => s.status);
    expect(new Set(mastodonTexts).size).toBe(mastodonTexts.length);
    const blueskyTexts = fake.blueskyRecords().map((r) => r.text);
    expect(new Set(blueskyTexts).size).toBe(blueskyTexts.length);
    expect(last.stdout).toMatch(/^bluesky: already had /m);
    // A webhook has no way to refuse a repeat: the one post taken before the kill went out twice.
    const discordTitles = (fake.discordMessages as { embeds: { title: string }[] }[]).map((m) => m.embeds[0]!.title);
    expect(discordTitles.length - new Set(discordTitles).size).toBe(1);
  });

  it('exits 0 with a dry run, and 2 for a secret that cannot be one, saying which and not what it holds', async () => {
    setup();
    const dry = await runCli(args('--dry-run'), { env: env() });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^discord: would post “Talk 1”/m);
    expect(fake.received).toEqual([]);

    const bad = await runCli(args(), { env: { ...env(), MASTODON_TOKEN: `${SECRETS.mastodonToken}\nX-Injected: 1` } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('MASTODON_TOKEN contains spaces or control characters');
    expect(bad.stderr).not.toContain(SECRETS.mastodonToken);
  });

  it('exits 1 when a post failed, after posting on the other channels, and says so in the job summary', async () => {
    setup();
    fake.script('mastodon', { status: 500, body: { error: 'Internal Server Error' } });
    const summary = join(dir, 'summary.md');
    const result = await runCli(args(), { env: { ...env(), GITHUB_STEP_SUMMARY: summary } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^mastodon: FAILED /m);
    expect(result.stdout).toMatch(/^bluesky: posted /m);
    expect(readFileSync(summary, 'utf8')).toContain('### Announcements');
  });

  it('links the pages of the site where the build published it, with --site-url', async () => {
    setup();
    const result = await runCli(args('--site-url', 'https://someone.github.io/spokane-tech'), { env: env() });
    expect(result.code).toBe(0);
    const links = fake.blueskyRecords().map((r) => r.facets?.[0]?.features[0]?.uri);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^https:\/\/someone\.github\.io\/spokane-tech\/(events|week)\//);
    expect(fake.mastodonStatuses().map((s) => s.status).join('\n')).not.toContain('spokanetech.example');
    expect((await runCli(args('--site-url', 'ftp://x.example'), { env: env() })).code).toBe(2);
  });

  it('says there is nothing to do without an announce section', async () => {
    setup('');
    const result = await runCli(args(), { env: env() });
    expect(result).toMatchObject({ code: 0, stdout: 'no channels to announce on: add an announce: section to sources.yaml\n' });
  });
});
