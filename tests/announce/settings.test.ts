import { describe, expect, it } from 'vitest';
import { channelSecrets } from '../../src/announce/settings.ts';

describe('the channels’ secrets from the environment', () => {
  it('takes each one trimmed, and none that is empty', () => {
    expect(channelSecrets({ DISCORD_WEBHOOK_URL: ' https://discord.com/api/webhooks/1/abc ', MASTODON_TOKEN: 'tok', BLUESKY_APP_PASSWORD: '' })).toEqual({
      ok: true,
      secrets: { discordWebhookUrl: 'https://discord.com/api/webhooks/1/abc', mastodonToken: 'tok', blueskyAppPassword: null },
    });
  });

  it.each([
    [{ DISCORD_WEBHOOK_URL: 'discord.com/api/webhooks/1/abc' }, 'DISCORD_WEBHOOK_URL is not a web address'],
    [{ MASTODON_TOKEN: 'two words' }, 'MASTODON_TOKEN contains spaces or control characters'],
    [{ BLUESKY_APP_PASSWORD: 'abcd-efgh\r\n' + 'x' }, 'BLUESKY_APP_PASSWORD contains spaces or control characters'],
  ])('refuses %j, naming the variable and never its value', (env, problem) => {
    const result = channelSecrets(env);
    expect(result).toEqual({ ok: false, problem: expect.stringContaining(problem) });
    for (const value of Object.values(env)) expect(JSON.stringify(result)).not.toContain(value.trim().slice(0, 8));
  });
});
