import { readConfigOrThrow } from '../config/load.ts';
import type { Config } from '../config/schema.ts';

/** Exit codes, as the guide defines them. */
export const EXIT = { ok: 0, runFailed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad usage: the command stops before it writes anything, with exit code 2. */
export class UsageError extends Error {}

/** The config, validated before anything touches the disk; a ConfigError lists every problem. */
export function readConfig(path: string): Config {
  return readConfigOrThrow(path);
}

/** The Pages URL is only known to the workflow that deploys; it overrides the one in the config. */
export function withSiteUrl(config: Config, url: string | undefined): Config {
  if (url === undefined) return config;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--site-url: "${url}" is not an http(s) URL`);
  return { ...config, site: { ...config.site, url } };
}
