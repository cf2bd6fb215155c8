import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { InitOptions } from './commands/init.ts';
import type { ExitCode } from './commands/shared.ts';

// The command line: each command's flags, and the module that runs it, loaded only when it runs
// (`build` needs Eleventy, `fetch` the HTTP client; `--help` needs neither).

const DEFAULTS = { config: 'sources.yaml', db: 'data/spokane-tech.db', data: 'data', out: '_site', failures: 'failures' };

type Run<O> = (options: O) => ExitCode | Promise<ExitCode>;

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = 0;
  const action =
    <O>(load: () => Promise<{ default: Run<O> }>) =>
    async (options: O) => {
      exitCode = await (await load()).default(options);
    };

  const program = new Command('spokane-tech')
    .description("Gathers Spokane tech groups' events into one site and calendar feed.")
    .version(await version(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  const config = () => new Option('--config <file>', 'the sources file').default(DEFAULTS.config);
  const db = () => new Option('--db <file>', 'the SQLite store').default(DEFAULTS.db);
  const data = (what = 'the snapshot of the store (a missing store is first rebuilt from it)') =>
    new Option('--data <dir>', what).default(DEFAULTS.data);

  program
    .command('check')
    .description('validate the config and manual events files and print every problem with file:line:column')
    .addOption(config())
    .addOption(data('the snapshot of the store, to warn of corrections that name no event'))
    .action(action(() => import('./commands/check.ts')));

  program
    .command('fetch')
    .description('fetch every source and update the store; failed sources keep what they had')
    .addOption(config())
    .addOption(db())
    .addOption(data())
    .option('--only <group-id>', 'fetch only this group (repeatable)', collect, [])
    .option('--concurrency <n>', 'sources fetched at once', positiveInteger)
    .option('--json', 'print the run summary as JSON instead of a table')
    .option('--failures-dir <dir>', 'keep the response that broke an adapter here, as <group-id>--<type>.txt')
    .action(action(() => import('./commands/fetch.ts')));

  program
    .command('build')
    .description('write the snapshot of the store and render the site and calendar feeds')
    .addOption(config())
    .addOption(db())
    .addOption(data('where the snapshot of the store goes'))
    .addOption(new Option('--out <dir>', 'where the site goes').default(DEFAULTS.out))
    .option('--site-url <url>', "publish under this URL instead of sources.yaml's site.url")
    .option('--serve [port]', 'then serve the site on localhost (default port 8080), rendering again when a template changes', port)
    .action(action(() => import('./commands/build.ts')));

  program
    .command('preview')
    .description('serve the built site on 127.0.0.1 under its path prefix, as GitHub Pages serves it')
    .addOption(config())
    .addOption(new Option('--out <dir>', 'the built site').default(DEFAULTS.out))
    .option('--site-url <url>', "the URL the site was built for, when not sources.yaml's site.url (its path is the prefix)")
    .option('--port <port>', 'the port', port, 8080)
    .action(action(() => import('./commands/preview.ts')));

  program
    .command('alarm')
    .description('open, update or close one GitHub issue per unhealthy source (without GITHUB_TOKEN: say what it would do)')
    .addOption(config())
    .addOption(db())
    .addOption(data())
    .addOption(new Option('--failures-dir <dir>', 'where fetch saved the responses that broke an adapter').default(DEFAULTS.failures))
    .action(action(() => import('./commands/alarm.ts')));

  program
    .command('announce')
    .description('post new events, changes and the weekly digest to the channels in sources.yaml (secrets from the environment)')
    .addOption(config())
    .addOption(db())
    .addOption(data())
    .option('--site-url <url>', "link the pages of the site published at this URL instead of sources.yaml's site.url")
    .option('--dry-run', 'print exactly what would be posted, and post nothing')
    .action(action(() => import('./commands/announce.ts')));

  program
    .command('clashes')
    .description('list the coming clashes between groups of a tag: overlapping events, or an event at the hours another group usually meets')
    .addOption(config())
    .addOption(db())
    .addOption(data())
    .addOption(new Option('--days <n>', `how many days ahead, today included (at most ${MAX_CLASH_DAYS})`).default(60).argParser(days))
    .option('--json', 'print the clashes as JSON instead of a table')
    .action(action(() => import('./commands/clashes.ts')));

  program
    .command('submission')
    .description('add the event of a "Submit an event" issue to its group\'s manual events file (what to fix goes to stderr, exit 2)')
    .addOption(config())
    .requiredOption('--issue-body <file>', 'the issue\'s body, as GitHub renders the form')
    .option('--group <id>', 'file the event under this group (a listed one, or a new group\'s id)')
    .action(action(() => import('./commands/submission.ts')));

  program
    .command('init')
    .description('write a starter sources.yaml for another city (never overwrites one without --force)')
    .argument('[dir]', 'the folder to write it in', '.')
    .requiredOption('--title <title>', 'the site\'s title, like "Boise Tech"')
    .requiredOption('--url <url>', 'the address the site will be published at')
    .requiredOption('--timezone <zone>', 'the time zone times are shown in, like America/Boise')
    .option('--force', 'replace a sources.yaml that is there already')
    .action((dir: string, options: Omit<InitOptions, 'dir'>) => action(() => import('./commands/init.ts'))({ ...options, dir }));

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return await exitCodeFor(error);
  }
}

/** What went wrong, said in one line (or one per config problem), as an exit code. */
async function exitCodeFor(error: unknown): Promise<number> {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  const [{ ConfigError }, { UsageError, EXIT }] = await Promise.all([import('./config/load.ts'), import('./commands/shared.ts')]);
  if (error instanceof ConfigError) {
    const first = error.problems[0];
    console.error(error.message);
    console.error(`spokane-tech: ${first?.file ?? 'the config'}: ${error.problems.length} problem(s); nothing was written`);
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    console.error(`spokane-tech: ${error.message}`);
    return EXIT.usage;
  }
  console.error(`spokane-tech: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.runFailed;
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--serve` alone means the default port. */
function port(value: string | true): number {
  if (value === true) return 8080;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('expected a port number from 1 to 65535');
  return n;
}

/** A plan needs history to go on: a year ahead is as far as slots say anything. */
const MAX_CLASH_DAYS = 366;

function days(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CLASH_DAYS) throw new InvalidArgumentError(`expected a whole number of days from 1 to ${MAX_CLASH_DAYS}`);
  return n;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}
