import { createHttpClient } from '../http/client.ts';
import { fetchAll } from '../fetch/run.ts';
import { fetchSummaryJson, formatFetchTable, formatProgress } from '../fetch/report.ts';
import { staleCorrectionWarnings } from '../config/correction-places.ts';
import { staleCorrections } from '../publish/corrections.ts';
import { openStore } from '../store/db.ts';
import { readSnapshot } from '../store/snapshot.ts';
import { restoreIfMissing } from '../store/restore.ts';
import { EXIT, readConfig, UsageError, type ExitCode } from './shared.ts';

export interface FetchOptions {
  config: string;
  db: string;
  data: string;
  only: string[];
  concurrency?: number;
  json?: boolean;
  failuresDir?: string;
}

/** `spokane-tech fetch`: every source (or those of the groups named), then the table of outcomes. */
export default async function fetch(options: FetchOptions): Promise<ExitCode> {
  const config = readConfig(options.config);
  const unknown = options.only.filter((id) => !config.groups.some((g) => g.id === id));
  if (unknown.length) throw new UsageError(`--only: no group with id ${unknown.map((id) => `"${id}"`).join(', ')} in ${options.config}`);
  // On stderr: stdout may be the --json summary.
  if (restoreIfMissing(options.db, options.data)) console.error(`restored ${options.db} from the snapshot in ${options.data}`);

  const db = openStore(options.db);
  const http = createHttpClient({ concurrency: config.fetch.concurrency, hosts: config.fetch.hosts });
  try {
    const progress = process.stderr.isTTY && !options.json ? liveLine() : undefined;
    const started = performance.now();
    const reports = await fetchAll({
      db,
      config,
      http,
      only: options.only,
      concurrency: options.concurrency,
      failuresDir: options.failuresDir,
      onProgress: progress && ((p) => progress.show(formatProgress(p))),
    });
    progress?.clear();
    console.log(options.json ? fetchSummaryJson(reports, performance.now() - started) : formatFetchTable(reports));
    // A correction naming no event is a typo, or the event is gone: said after the table.
    const stale = config.corrections.length ? staleCorrectionWarnings(options.config, staleCorrections(readSnapshot(db, config).events, config.corrections)) : [];
    if (stale.length) (options.json ? console.error : console.log)(stale.join('\n'));
    if (reports.length > 0 && reports.every((r) => r.outcome === 'failed')) {
      console.error('every source failed; the store keeps what it had');
      return EXIT.runFailed;
    }
    return EXIT.ok;
  } finally {
    await http.close();
    db.close();
  }
}

/** A status line rewritten in place on a terminal. */
function liveLine() {
  return {
    show: (text: string) => process.stderr.write(`\r\x1b[2K${text.slice(0, (process.stderr.columns || 80) - 1)}`),
    clear: () => process.stderr.write('\r\x1b[2K'),
  };
}
