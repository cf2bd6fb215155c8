import type { GitHubSettings } from './github.ts';

export interface AlarmSettings {
  /** Null without GITHUB_TOKEN: the alarm only says what it would do. */
  github: GitHubSettings | null;
  /** The Actions run this alarm belongs to, for the issue to link to. */
  runUrl: string | null;
}

export type SettingsResult = { ok: true; settings: AlarmSettings } | { ok: false; problem: string };

/** Read the variables GitHub Actions sets (GITHUB_TOKEN is passed in by the workflow). */
export function alarmSettings(env: Record<string, string | undefined>): SettingsResult {
  const repository = env.GITHUB_REPOSITORY || null;
  const runUrl =
    repository && env.GITHUB_RUN_ID
      ? `${(env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')}/${repository}/actions/runs/${env.GITHUB_RUN_ID}`
      : null;
  if (!env.GITHUB_TOKEN) return { ok: true, settings: { github: null, runUrl } };
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    return { ok: false, problem: `GITHUB_REPOSITORY must name the repository as owner/name (got "${repository ?? ''}")` };
  }
  const apiUrl = env.GITHUB_API_URL || 'https://api.github.com';
  if (!URL.canParse(apiUrl) || !/^https?:$/.test(new URL(apiUrl).protocol)) {
    return { ok: false, problem: `GITHUB_API_URL must be an http(s) URL (got "${apiUrl}")` };
  }
  return { ok: true, settings: { github: { apiUrl, repository, token: env.GITHUB_TOKEN }, runUrl } };
}
