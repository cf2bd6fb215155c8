import { EXIT, readConfig, type ExitCode } from './shared.ts';

export interface CheckOptions {
  config: string;
}

/** `spokane-tech check`: validate the config; a ConfigError carries every problem. */
export default function check(options: CheckOptions): ExitCode {
  const config = readConfig(options.config);
  const sources = config.groups.reduce((n, g) => n + g.sources.length, 0);
  console.log(`${options.config}: ok (${config.groups.length} groups, ${sources} sources)`);
  return EXIT.ok;
}
