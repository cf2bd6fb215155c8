import { EXIT, readConfig, type ExitCode } from './shared.ts';

export interface CheckOptions {
  config: string;
}

/** `spokane-tech check`: validate the config; a ConfigError carries every problem. */
export default function check(options: CheckOptions): ExitCode {
  const config = readConfig(options.config);
  const sources = config.groups.flatMap((g) => g.sources);
  const manual = sources.flatMap((s) => (s.type === 'manual' ? s.events : []));
  const manualEvents = manual.length ? `, ${manual.length} manual event${manual.length === 1 ? '' : 's'}` : '';
  console.log(`${options.config}: ok (${config.groups.length} groups, ${sources.length} sources${manualEvents})`);
  return EXIT.ok;
}
