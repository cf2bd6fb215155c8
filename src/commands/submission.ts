import { readFileSync } from 'node:fs';
import { checkSubmission, type SubmittedEvent } from '../submission/event.ts';
import { codeSpan } from '../submission/code-span.ts';
import { parseIssueForm } from '../submission/issue-form.ts';
import { addSubmittedEvent, type Placed } from '../submission/repository.ts';
import { EXIT, readConfig, UsageError, type ExitCode } from './shared.ts';

export interface SubmissionOptions {
  config: string;
  issueBody: string;
  group?: string;
}

/**
 * `spokane-tech submission`: a "Submit an event" issue, written into the repository as a manual
 * event. The pull request's description goes to stdout; what the submitter must fix goes to
 * stderr as Markdown (the workflow posts it on the issue) with exit code 2, and nothing is written.
 */
export default function submission(options: SubmissionOptions): ExitCode {
  if (options.group !== undefined && !/^[a-z0-9-]+$/.test(options.group)) {
    throw new UsageError(`--group: "${options.group}" is not a group id (lowercase letters, digits and hyphens)`);
  }
  const config = readConfig(options.config);
  const checked = checkSubmission(parseIssueForm(readIssueBody(options.issueBody)), config);
  if (!checked.ok) return refuse(checked.problems);
  const placed = addSubmittedEvent(options.config, config, checked.groupName, checked.event, options.group);
  if (!placed.ok) return refuse(placed.problems);
  console.log(pullRequestBody(placed, checked.event));
  return EXIT.ok;
}

function readIssueBody(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--issue-body: cannot read ${path}: ${(error as Error).message}`);
  }
}

function refuse(problems: string[]): ExitCode {
  const them = problems.length === 1 ? 'it' : 'them';
  process.stderr.write(
    `This submission cannot be added yet:\n\n${problems.map((p) => `- ${p}`).join('\n')}\n\n` +
      `Edit the issue to fix ${them}; a maintainer then adds the \`approved\` label again.\n`,
  );
  return EXIT.usage;
}

function pullRequestBody(placed: Extract<Placed, { ok: true }>, event: SubmittedEvent): string {
  const group = placed.group.isNew ? codeSpan(placed.group.name) : placed.group.name;
  const lines = [`Adds ${codeSpan(event.title)} (${codeSpan(event.start)}) to the events of ${group}: \`${placed.file}\`, id \`${placed.eventId}\`.`];
  if (placed.group.isNew) {
    lines.push('', `${group} is a new group: \`sources.yaml\` lists it as \`${placed.group.id}\`. Give it a homepage and tags before merging, or re-run with \`--group\` to file the event under a group that is listed.`);
  } else if (placed.sourcesChanged) {
    lines.push('', `\`sources.yaml\` gives ${group} a manual source for it.`);
  }
  return lines.join('\n');
}
