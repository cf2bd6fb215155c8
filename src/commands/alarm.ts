import { appendFileSync } from 'node:fs';
import { raiseAlarms } from '../alarm/alarm.ts';
import { alarmSettings } from '../alarm/settings.ts';
import { EXIT, readConfig, UsageError, type ExitCode } from './shared.ts';

export interface AlarmOptions {
  config: string;
  db: string;
  data: string;
  failuresDir: string;
}

/** `spokane-tech alarm`: one GitHub issue per unhealthy source, opened, updated or closed. */
export default async function alarm(options: AlarmOptions): Promise<ExitCode> {
  const config = readConfig(options.config);
  const settings = alarmSettings(process.env);
  if (!settings.ok) throw new UsageError(settings.problem);
  const { db: dbPath, data: dataDir, failuresDir } = options;
  const { report, warning } = await raiseAlarms({ config, dbPath, dataDir, failuresDir, settings: settings.settings });
  console.log(report);
  if (warning) {
    console.error(`warning: ${warning}`);
    // Shown on the run's summary page on GitHub Actions, where a maintainer looks after a night.
    const summary = process.env.GITHUB_STEP_SUMMARY;
    if (summary) appendFileSync(summary, `### Source-health issues\n\n:warning: ${warning}\n`);
  }
  return EXIT.ok;
}
