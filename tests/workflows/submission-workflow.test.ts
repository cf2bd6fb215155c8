import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.ts';

// The submission workflow's own steps, run as the runner runs them (bash, the body in the
// environment), with `npx spokane-tech` the CLI of this checkout.

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'submissions');
interface Step {
  name?: string;
  if?: string;
  run?: string;
}
const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'submission.yml'), 'utf8')) as {
  jobs: { submission: { if: string; steps: Step[] } };
};
const step = (name: string) => workflow.jobs.submission.steps.find((s) => s.name === name)!;

let dir: string;
let runnerTemp: string;
let output: string;

function runStep(name: string, env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-e', '-c', step(name).run!],
      { cwd: dir, env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}`, RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: output, ...env } },
      (error, _stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
    );
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-submission-workflow-'));
  runnerTemp = join(dir, 'runner-temp');
  output = join(runnerTemp, 'github-output');
  mkdirSync(runnerTemp);
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'data', 'manual'), { recursive: true });
  // `npx spokane-tech …` is this checkout's CLI.
  writeFileSync(join(dir, 'bin', 'npx'), `#!/bin/sh\nshift\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(dir, 'bin', 'npx'), 0o755);
  writeFileSync(
    join(dir, 'sources.yaml'),
    'site:\n  title: T\n  url: https://t.example\n  timezone: America/Los_Angeles\ngroups:\n  - id: greater-spokane-inc\n    name: Greater Spokane Inc\n    sources:\n      - type: manual\n        path: data/manual/greater-spokane-inc.yaml\n',
  );
  writeFileSync(join(dir, 'data', 'manual', 'greater-spokane-inc.yaml'), 'events:\n');
});

describe('the submission workflow', () => {
  it('runs only when the label added is "approved", on an issue labelled as a submission', () => {
    expect(workflow.jobs.submission.if).toBe("github.event.label.name == 'approved' && contains(github.event.issue.labels.*.name, 'event-submission')");
  });

  it('hands the issue’s body to the command as it was written, never running what it holds', async () => {
    const body = `${readFileSync(join(FIXTURES, 'complete.md'), 'utf8')}\n$(touch pwned) \`touch pwned\` "; touch pwned; "\n`;
    expect((step("Write the issue's body to a file") as { env?: unknown }).env).toEqual({ BODY: '${{ github.event.issue.body }}' });
    expect((await runStep("Write the issue's body to a file", { BODY: body })).code).toBe(0);
    expect(readFileSync(join(runnerTemp, 'issue-body.md'), 'utf8')).toBe(`${body}\n`);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('on a valid submission writes the event and the pull request’s description, and goes on to open it', async () => {
    await runStep("Write the issue's body to a file", { BODY: readFileSync(join(FIXTURES, 'complete.md'), 'utf8') });
    const added = await runStep("Add the event to its group's file");
    expect(added.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('code=0\n');
    expect(readFileSync(join(runnerTemp, 'pull-request.md'), 'utf8')).toContain('Adds `Tech Jobs Fair`');
    expect(readFileSync(join(dir, 'data', 'manual', 'greater-spokane-inc.yaml'), 'utf8')).toContain('id: 2027-02-11-tech-jobs-fair');
    expect(step('Open the pull request').if).toBe("steps.add.outputs.code == '0'");
  });

  it('on a submission to fix keeps the step green and leaves the comment to post, and nothing else', async () => {
    await runStep("Write the issue's body to a file", { BODY: readFileSync(join(FIXTURES, 'bad-times.md'), 'utf8') });
    const added = await runStep("Add the event to its group's file");
    expect(added.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('code=2\n');
    expect(readFileSync(join(runnerTemp, 'problems.md'), 'utf8')).toContain('- **Start**: `next Tuesday at 6pm`');
    expect(readFileSync(join(dir, 'data', 'manual', 'greater-spokane-inc.yaml'), 'utf8')).toBe('events:\n');
    expect(step('Say on the issue what to fix').if).toBe("steps.add.outputs.code == '2'");
    expect(step('Say on the issue what to fix').run).toContain('--body-file "$RUNNER_TEMP/problems.md"');
  });

  it('stops before the submission when sources.yaml itself is broken: the submitter is not asked to fix it', async () => {
    const names = workflow.jobs.submission.steps.map((s) => s.name);
    expect(names.indexOf('Check sources.yaml')).toBeLessThan(names.indexOf("Add the event to its group's file"));
    writeFileSync(join(dir, 'sources.yaml'), 'site: [\n');
    const checked = await runStep('Check sources.yaml');
    expect(checked.code).toBe(2);
    expect(checked.stderr).toContain('sources.yaml:2:1');
  });
});
