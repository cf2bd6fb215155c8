import { appendFileSync } from 'node:fs';
import { announce as runAnnouncements } from '../announce/index.ts';
import { channelSecrets } from '../announce/settings.ts';
import { createHttpClient } from '../http/client.ts';
import { EXIT, readConfig, UsageError, withSiteUrl, type ExitCode } from './shared.ts';

export interface AnnounceOptions {
  config: string;
  db: string;
  data: string;
  siteUrl?: string;
  dryRun?: boolean;
}

/** `spokane-tech announce`: new events, changes and the weekly digest, to every configured channel. */
export default async function announce(options: AnnounceOptions): Promise<ExitCode> {
  // The posts link to the site as the build published it (the nightly workflow's URL).
  const config = withSiteUrl(readConfig(options.config), options.siteUrl);
  const secrets = channelSecrets(process.env);
  if (!secrets.ok) throw new UsageError(secrets.problem);
  const http = createHttpClient({ concurrency: config.fetch.concurrency, hosts: config.fetch.hosts });
  try {
    const report = await runAnnouncements({
      config,
      dbPath: options.db,
      dataDir: options.data,
      secrets: secrets.secrets,
      dryRun: options.dryRun ?? false,
      http,
    });
    console.log(report.lines.join('\n'));
    // Shown on the run's summary page on GitHub Actions.
    const summary = process.env.GITHUB_STEP_SUMMARY;
    if (summary) appendFileSync(summary, `### Announcements\n\n\`\`\`\n${report.lines.join('\n')}\n\`\`\`\n`);
    return report.failed ? EXIT.runFailed : EXIT.ok;
  } finally {
    await http.close();
  }
}
