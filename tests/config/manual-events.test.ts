import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.ts';
import { loadConfig } from '../../src/config/load.ts';
import { runCli } from '../helpers/cli.ts';

// A group's events kept in the repository, checked as sources.yaml is: every problem at its file,
// line and column, exit 2, and nothing written, from `check` and from `fetch`.

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'manual');

/** A folder with a sources.yaml whose one group keeps its events in `fixture`, copied to data/manual/g.yaml. */
function repository(fixture: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'spokane-tech-manual-'));
  mkdirSync(join(dir, 'data', 'manual'), { recursive: true });
  if (fixture?.endsWith('.yaml')) copyFileSync(join(FIXTURES, fixture), join(dir, 'data', 'manual', 'g.yaml'));
  writeFileSync(
    join(dir, 'sources.yaml'),
    'site:\n  title: T\n  url: https://t.example\n  timezone: America/Los_Angeles\ngroups:\n  - id: g\n    name: G\n    sources:\n      - type: manual\n        path: data/manual/g.yaml\n',
  );
  return dir;
}

const BROKEN: [string, RegExp][] = [
  ['list-at-top.yaml', /:1:1: manual events file must be a mapping with events: at the top level, not a list/],
  ['empty.yaml', /:1:1: manual events file is empty; expected a mapping with events:/],
  ['no-events-key.yaml', /:1:1: events is missing; list the events under events:/],
  ['events-not-list.yaml', /:1:9: events must be a list of events, not text "tonight"/],
  ['missing-id.yaml', /:2:5: event id is missing/],
  ['bad-id.yaml', /:2:9: event id "Jobs Fair" must be lowercase letters, digits and hyphens/],
  ['id-a-number.yaml', /:2:9: event id must be text, not number 2027/],
  ['duplicate-id.yaml', /:5:9: duplicate event id "fair" \(first defined at line 2\)/],
  ['missing-title.yaml', /:2:5: event title is missing/],
  ['missing-start.yaml', /:2:5: start is missing; give a day \(2027-02-11\)/],
  ['start-not-a-time.yaml', /:4:12: start "next thursday at six" is not a day/],
  ['start-in-dst-gap.yaml', /:4:12: start 2027-03-14T02:30 does not exist in America\/Los_Angeles: the clocks skip that hour/],
  ['start-in-dst-overlap.yaml', /:4:12: start 2027-11-07T01:30 happens twice in America\/Los_Angeles \(the clocks go back\): give its offset, 2027-11-07T01:30-07:00 or 2027-11-07T01:30-08:00/],
  ['end-before-start.yaml', /:5:10: end must come after start/],
  ['end-kind-differs.yaml', /:5:10: end must be a day too, like the start/],
  ['online-not-http.yaml', /:5:13: online "javascript:alert\(1\)" must be an http\(s\) URL/],
  ['unknown-status.yaml', /:5:13: status must be one of scheduled, cancelled, postponed, not text "canceled"/],
  ['misspelt-key.yaml', /:3:5: unknown key "titel" in event 1; did you mean "title"\?/],
  ['tags-not-list.yaml', /:5:11: tags must be a list like \[python, data\], not text "careers"/],
  ['tab-indented.yaml', /:2:1: indented with a tab/],
  ['(no file at that path)', /:1:1: manual events file not found: .*data\/manual\/g\.yaml/],
];

/** The CLI in this process (fast enough for every file), from inside the repository folder. */
async function inProcess(command: 'check' | 'fetch', dir: string) {
  const stderr: string[] = [];
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void stderr.push(args.join(' ')));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return { code: await main(['node', 'spokane-tech', command]), stderr: stderr.join('\n') };
  } finally {
    process.chdir(cwd);
    error.mockRestore();
    log.mockRestore();
  }
}

describe('a broken manual events file', () => {
  it.each(BROKEN)('%s: check and fetch say what is wrong and where, exit 2, and write nothing', async (fixture, problem) => {
    const dir = repository(fixture);
    for (const command of ['check', 'fetch'] as const) {
      const result = await inProcess(command, dir);
      expect(result.code, command).toBe(2);
      expect(result.stderr, command).toMatch(new RegExp(`data/manual/g\\.yaml${problem.source}`));
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(join(dir, 'data')).sort(), command).toEqual(['manual']);
    }
  });

  it('is refused through the installed command too, with every problem of the file at once', async () => {
    const dir = repository('end-before-start.yaml');
    writeFileSync(join(dir, 'data', 'manual', 'g.yaml'), 'events:\n  - id: Bad Id\n    title: Fair\n    start: 2027-03-14T02:30\n');
    const result = await runCli(['check'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('data/manual/g.yaml:'))).toEqual([
      'data/manual/g.yaml:2:9: event id "Bad Id" must be lowercase letters, digits and hyphens ([a-z0-9-]+): it is the event\'s identity forever',
      'data/manual/g.yaml:4:12: start 2027-03-14T02:30 does not exist in America/Los_Angeles: the clocks skip that hour; give a time outside it, or one with its offset',
    ]);
  });
});

describe('a manual events file', () => {
  it('reads every form of time in the site’s zone, all-day ends as the last day, and no end as two hours', () => {
    const loaded = loadConfig(join(repository('valid.yaml'), 'sources.yaml'));
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    const source = loaded.config.groups[0]!.sources[0]!;
    expect(source.type === 'manual' && source.events.map((e) => [e.id, e.times, e.status])).toEqual([
      ['jobs-fair-2027', { allDay: false, start: '2027-02-12T01:00:00Z', end: '2027-02-12T04:00:00Z', endEstimated: false }, 'scheduled'],
      ['hack-night-online', { allDay: false, start: '2027-02-19T03:00:00Z', end: '2027-02-19T05:00:00Z', endEstimated: true }, 'scheduled'],
      ['code-retreat', { allDay: true, start: '2027-11-13', end: '2027-11-15', endEstimated: false }, 'cancelled'],
    ]);
  });

  it('may hold no events yet, and check counts the events it holds', async () => {
    const empty = repository(null);
    writeFileSync(join(empty, 'data', 'manual', 'g.yaml'), '# ready for its first event\nevents:\n');
    expect((await runCli(['check'], { cwd: empty })).stdout).toBe('sources.yaml: ok (1 groups, 1 sources)\n');
    expect((await runCli(['check'], { cwd: repository('valid.yaml') })).stdout).toBe('sources.yaml: ok (1 groups, 1 sources, 3 manual events)\n');
  });
});
