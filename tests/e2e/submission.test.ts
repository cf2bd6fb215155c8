import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

// A "Submit an event" issue's path to the site: the submission command writes it into the
// repository, and the next fetch and build list it like any event, its hostile text made harmless.

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'submissions');
let dir: string;

/** The built page of the event whose title contains `title`. */
function eventPage(title: string): string {
  const eventsDir = join(dir, '_site', 'events');
  const pages = readdirSync(eventsDir).map((slug) => readFileSync(join(eventsDir, slug, 'index.html'), 'utf8'));
  const page = pages.find((html) => html.includes(title));
  if (page === undefined) throw new Error(`no event page has "${title}"`);
  return page;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-submission-e2e-'));
  mkdirSync(join(dir, 'data', 'manual'), { recursive: true });
  writeFileSync(
    join(dir, 'sources.yaml'),
    'site:\n  title: Spokane Tech\n  url: https://spokanetech.example\n  timezone: America/Los_Angeles\n  repository: https://github.com/spokane-tech/spokane-tech\ngroups:\n  - id: greater-spokane-inc\n    name: Greater Spokane Inc\n    sources:\n      - type: manual\n        path: data/manual/greater-spokane-inc.yaml\n',
  );
  writeFileSync(join(dir, 'data', 'manual', 'greater-spokane-inc.yaml'), 'events:\n');
  for (const body of ['complete.md', 'hostile.md', 'unknown-group.md']) {
    const submitted = await runCli(['submission', '--issue-body', join(FIXTURES, body)], { cwd: dir });
    expect(submitted.code, submitted.stderr).toBe(0);
  }
  const fetched = await runCli(['fetch'], { cwd: dir });
  expect(fetched.code, fetched.stderr).toBe(0);
  const built = await runCli(['build'], { cwd: dir });
  expect(built.code, built.stderr).toBe(0);
}, 120_000);

describe('a submitted event, once merged', () => {
  it('has a page of its own with what the submitter gave', () => {
    const page = eventPage('Tech Jobs Fair');
    expect(page).toContain('Spokane Convention Center');
    expect(page).toContain('href="https://greaterspokane.org/events/jobs-fair"');
    expect(page).toContain('<strong>tech</strong>');
  });

  it('of a new group is listed on that group’s page', () => {
    const group = readFileSync(join(dir, '_site', 'groups', 'palouse-hardware-hackers', 'index.html'), 'utf8');
    expect(group).toContain('Palouse Hardware Hackers');
    expect(group).toContain('Soldering 101');
  });

  it('with hostile text shows it as text: no script, no handler, no javascript: link', () => {
    const page = eventPage('@everyone');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toMatch(/<script>alert|<script>fetch|onerror=|href="javascript:/i);
    expect(page).not.toContain('<img src="x"');
  });
});
