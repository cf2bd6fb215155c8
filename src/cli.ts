import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from './config/load.ts';
import { formatProblem } from './config/positions.ts';
import type { Config } from './config/schema.ts';
import { openStore } from './store/db.ts';
import { restoreIfMissing } from './store/restore.ts';

/** Exit codes, as the guide defines them. */
export const EXIT = { ok: 0, runFailed: 1, usage: 2 } as const;

const DEFAULTS = { config: 'sources.yaml', db: 'data/spokane-tech.db', data: 'data', out: '_site', failures: 'failures' };

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('spokane-tech')
    .description("Gathers Spokane tech groups' events into one site and calendar feed.")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  const configOption = () => new Option('--config <file>', 'the sources file').default(DEFAULTS.config);
  const dbOption = () => new Option('--db <file>', 'the SQLite store').default(DEFAULTS.db);
  const dataOption = () =>
    new Option('--data <dir>', 'the JSON export (a missing store is first rebuilt from it)').default(DEFAULTS.data);

  program
    .command('check')
    .description('validate the config and print every problem with file:line:column')
    .addOption(configOption())
    .action((options: { config: string }) => {
      const config = readConfig(options.config);
      const sources = config.groups.reduce((n, g) => n + g.sources.length, 0);
      console.log(`${options.config}: ok (${config.groups.length} groups, ${sources} sources)`);
    });

  program
    .command('fetch')
    .description("fetch every source and update the store; failed sources keep what they had")
    .addOption(configOption())
    .addOption(dbOption())
    .addOption(dataOption())
    .option('--only <group-id>', 'fetch only this group (repeatable)', collect, [])
    .option('--concurrency <n>', 'sources fetched at once', positiveInteger)
    .option('--json', 'print the run summary as JSON instead of a table')
    .option('--failures-dir <dir>', 'keep the response that broke an adapter here, as <group-id>--<type>.txt')
    .action(async (options: { config: string; db: string; data: string; only: string[]; concurrency?: number; json?: boolean; failuresDir?: string }) => {
      const config = readConfig(options.config);
      const unknown = options.only.filter((id) => !config.groups.some((g) => g.id === id));
      if (unknown.length) throw new UsageError(`--only: no group with id ${unknown.map((id) => `"${id}"`).join(', ')} in ${options.config}`);
      // On stderr: stdout may be the --json summary.
      if (restoreIfMissing(options.db, options.data)) console.error(`restored ${options.db} from the export in ${options.data}`);
      // Loaded on demand, as `build` loads Eleventy: the HTTP client and the adapters are for `fetch` alone.
      const [{ createHttpClient }, { fetchAll }, { fetchSummaryJson, formatFetchTable, formatProgress }] = await Promise.all([
        import('./http/client.ts'),
        import('./fetch/run.ts'),
        import('./fetch/report.ts'),
      ]);
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
        if (reports.length > 0 && reports.every((r) => r.outcome === 'failed')) {
          console.error('every source failed; the store keeps what it had');
          exitCode = EXIT.runFailed;
        }
      } finally {
        await http.close();
        db.close();
      }
    });

  program
    .command('build')
    .description('export the store to JSON and render the site and calendar feeds')
    .addOption(configOption())
    .addOption(dbOption())
    .addOption(new Option('--data <dir>', 'where the JSON export goes').default(DEFAULTS.data))
    .addOption(new Option('--out <dir>', 'where the site goes').default(DEFAULTS.out))
    .option('--site-url <url>', "publish under this URL instead of sources.yaml's site.url")
    .action(async (options: { config: string; db: string; data: string; out: string; siteUrl?: string }) => {
      const config = withSiteUrl(readConfig(options.config), options.siteUrl);
      // Loaded on demand: Eleventy and its plugins are heavy, and `fetch` does not need them.
      const { build } = await import('./publish/index.ts');
      const summary = await build({ config, dbPath: options.db, dataDir: options.data, outDir: options.out });
      const origin = { store: options.db, export: `the export in ${options.data}, restored into ${options.db}`, nothing: 'nothing yet (no store, no export)' }[summary.from];
      console.log(`built ${options.out}: ${summary.upcoming} upcoming of ${summary.events} events, ${summary.groups} groups, from ${origin}`);
    });

  program
    .command('alarm')
    .description('open, update or close one GitHub issue per unhealthy source (without GITHUB_TOKEN: say what it would do)')
    .addOption(configOption())
    .addOption(dbOption())
    .addOption(dataOption())
    .addOption(new Option('--failures-dir <dir>', 'where fetch saved the responses that broke an adapter').default(DEFAULTS.failures))
    .action(async (options: { config: string; db: string; data: string; failuresDir: string }) => {
      const config = readConfig(options.config);
      const { alarmSettings } = await import('./alarm/settings.ts');
      const { raiseAlarms } = await import('./alarm/alarm.ts');
      const settings = alarmSettings(process.env);
      if (!settings.ok) throw new UsageError(settings.problem);
      const { db: dbPath, data: dataDir, failuresDir } = options;
      console.log(await raiseAlarms({ config, dbPath, dataDir, failuresDir, settings: settings.settings }));
    });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      console.error(`spokane-tech: ${error.message}`);
      return EXIT.usage;
    }
    console.error(`spokane-tech: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.runFailed;
  }
}

/** Validate the config before anything touches the disk; every problem is printed at once. */
function readConfig(path: string): Config {
  const result = loadConfig(path);
  if (result.ok) return result.config;
  for (const problem of result.problems) console.error(formatProblem(problem));
  throw new UsageError(`${path}: ${result.problems.length} problem(s); nothing was written`);
}

/** The Pages URL is only known to the workflow that deploys; it overrides the one in the config. */
function withSiteUrl(config: Config, url: string | undefined): Config {
  if (url === undefined) return config;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--site-url: "${url}" is not an http(s) URL`);
  return { ...config, site: { ...config.site, url } };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** A status line rewritten in place on a terminal. */
function liveLine() {
  return {
    show: (text: string) => process.stderr.write(`\r\x1b[2K${text.slice(0, (process.stderr.columns || 80) - 1)}`),
    clear: () => process.stderr.write('\r\x1b[2K'),
  };
}

