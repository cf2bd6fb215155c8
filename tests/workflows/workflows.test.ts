import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.ts';

// A workflow calling a script or a flag that does not exist fails only on GitHub, at night.
// These tests hold the workflows to what package.json and the CLI offer today.

const ROOT = join(import.meta.dirname, '..', '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: { push?: { paths?: string[] } };
  jobs: Record<string, Job>;
}

const workflows = readdirSync(WORKFLOWS)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => ({ file, workflow: parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as Workflow }));

const runs = workflows.flatMap(({ file, workflow }) =>
  Object.entries(workflow.jobs).flatMap(([job, { steps = [] }]) =>
    steps.filter((step) => step.run).map((step) => ({ where: `${file} ${job} "${step.name ?? step.run}"`, run: step.run! })),
  ),
);

/** Each simple command of a run script, as words: lines joined at `\`, split at ; && || and |. */
function commands(script: string): string[][] {
  return script
    .replace(/\\\n/g, ' ')
    .split(/\n|&&|\|\||;|\|/)
    .map((command) => command.trim().split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 0);
}

const calls = runs.flatMap(({ where, run }) => commands(run).map((words) => ({ where, words })));

/** npm's own commands that run a package.json script of the same name. */
const NPM_SCRIPT_ALIASES = new Set(['test', 'start', 'stop', 'restart']);

describe('the GitHub workflows', () => {
  it('run only npm scripts that package.json has', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const used = calls
      .filter(({ words }) => words[0] === 'npm')
      .flatMap(({ where, words }) => {
        if (words[1] === 'run' || words[1] === 'run-script') return [{ where, script: words[2]! }];
        return NPM_SCRIPT_ALIASES.has(words[1]!) ? [{ where, script: words[1]! }] : [];
      });
    expect(used.map((u) => u.script)).toContain('test');
    for (const { where, script } of used) expect(scripts, `${where}: npm script "${script}"`).toHaveProperty(script);
  });

  it('run only spokane-tech commands and flags that exist', async () => {
    const used = calls.filter(({ words }) => words[0] === 'npx' && words[1] === 'spokane-tech');
    expect(new Set(used.map(({ words }) => words[2]))).toEqual(new Set(['check', 'fetch', 'build', 'clashes', 'alarm', 'announce', 'submission']));
    for (const { where, words } of used) {
      const [, , command, ...rest] = words;
      const help = await runCli([command!, '--help']);
      expect(help.code, `${where}: spokane-tech ${command}`).toBe(0);
      for (const flag of rest.filter((word) => word.startsWith('--')).map((word) => word.split('=')[0]!)) {
        expect(help.stdout, `${where}: spokane-tech ${command} ${flag}`).toMatch(new RegExp(`(^|[\\s,])${flag}(?=[\\s,=<[]|$)`, 'm'));
      }
    }
  });

  it('announce only once the site is published, with the three secrets and no other write than the record of what was posted', () => {
    const { jobs } = workflows.find(({ file }) => file === 'nightly.yml')!.workflow;
    const [name, job] = Object.entries(jobs).find(([, j]) => j.steps?.some((step) => step.run?.includes('spokane-tech announce')))!;
    const deploy = Object.keys(jobs).find((id) => jobs[id]!.steps?.some((step) => step.uses?.startsWith('actions/deploy-pages')))!;
    expect([job.needs].flat(), name).toContain(deploy);
    expect(job.if).toContain(`needs.${deploy}.result == 'success'`);
    expect(job.permissions).toEqual({ contents: 'write' });
    const announce = job.steps!.find((step) => step.run?.includes('spokane-tech announce'))!;
    expect(announce.env).toMatchObject({
      DISCORD_WEBHOOK_URL: '${{ secrets.DISCORD_WEBHOOK_URL }}',
      MASTODON_TOKEN: '${{ secrets.MASTODON_TOKEN }}',
      BLUESKY_APP_PASSWORD: '${{ secrets.BLUESKY_APP_PASSWORD }}',
    });
    // The deploy never waits on the posts.
    expect([jobs[deploy]!.needs].flat()).not.toContain(name);
  });

  it('never start the nightly run from its own commit of the export', () => {
    const nightly = workflows.find(({ file }) => file === 'nightly.yml')!.workflow;
    const paths = nightly.on.push?.paths ?? [];
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => path.startsWith('data') || path.startsWith('*'))).toEqual([]);
    const commit = runs.find(({ where, run }) => where.startsWith('nightly.yml') && run.includes('git push'))!;
    expect(commit.run).toContain('[skip ci]');
    expect(commit.run).toContain('github-actions[bot]');
  });
});
