import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { staleCorrectionWarnings } from '../config/correction-places.ts';
import { staleCorrections } from '../publish/corrections.ts';
import { readSnapshotFiles, SNAPSHOT_FILES } from '../store/snapshot.ts';
import { EXIT, readConfig, type ExitCode } from './shared.ts';

export interface CheckOptions {
  config: string;
  data: string;
}

/**
 * `spokane-tech check`: validate the config and every manual events file (a ConfigError carries
 * every problem); then warn of corrections that name no event in the committed snapshot.
 */
export default function check(options: CheckOptions): ExitCode {
  const config = readConfig(options.config);
  const sources = config.groups.flatMap((g) => g.sources);
  const manual = sources.flatMap((s) => (s.type === 'manual' ? s.events : []));
  const manualEvents = manual.length ? `, ${manual.length} manual event${manual.length === 1 ? '' : 's'}` : '';
  console.log(`${options.config}: ok (${config.groups.length} groups, ${sources.length} sources${manualEvents})`);
  if (config.corrections.length === 0) return EXIT.ok;
  if (!existsSync(join(options.data, SNAPSHOT_FILES.events))) {
    console.log(`corrections not checked against the events: no snapshot in ${options.data} yet`);
    return EXIT.ok;
  }
  const events = readSnapshotFiles(options.data)?.events ?? [];
  for (const warning of staleCorrectionWarnings(options.config, staleCorrections(events, config.corrections))) console.log(warning);
  return EXIT.ok;
}
